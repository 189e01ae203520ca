import { describe, expect, it } from 'vitest';
import { benefitTextWith, ruleTextWithCondition, withoutStaleClause } from './draft-glue.ts';

describe('accepting proposals into the editor texts', () => {
  const a = { certification: 'high_tech', test: 'heldOn' } as const;
  const b = { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true } as const;
  it('an empty rule becomes the condition; the next joins under all; bad JSON is refused, not overwritten', () => {
    const first = ruleTextWithCondition('', a);
    expect(first.ok && JSON.parse(first.text)).toEqual(a);
    const second = first.ok ? ruleTextWithCondition(first.text, b) : first;
    expect(second.ok && JSON.parse(second.text)).toEqual({ all: [a, b] });
    expect(ruleTextWithCondition('{ broken', a)).toEqual({ ok: false });
  });
  it('a benefit replaces the formula', () => {
    const out = benefitTextWith('{"amount":{"fixed":{"wan":10}}}', { amount: { fixed: { wan: 20 } } });
    expect(out.ok && JSON.parse(out.text)).toEqual({ amount: { fixed: { wan: 20 } } });
  });

  it('drops the source sentence of a condition whose value the official changed, keeps it otherwise', () => {
    const proposed = { clause: '主营业务收入2000万元以上', value: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', than: { wan: 2000 } };
    const changed = { ...proposed, than: { wan: 1500 } };
    expect(withoutStaleClause(proposed, changed)).toEqual({ value: proposed.value, op: '>=', than: { wan: 1500 } });
    expect(withoutStaleClause(proposed, { ...proposed })).toEqual(proposed);
    const reworded = { ...changed, clause: '主营业务收入1500万元以上' };
    expect(withoutStaleClause(proposed, reworded)).toEqual(reworded);
    expect(withoutStaleClause(proposed, { ...proposed, clause: '主营业务收入两千万元以上' })).toEqual({ ...proposed, clause: '主营业务收入两千万元以上' });
  });
});

