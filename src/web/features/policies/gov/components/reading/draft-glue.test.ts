import { describe, expect, it } from 'vitest';
import { benefitTextWith, ruleTextWithCondition } from './draft-glue.ts';

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
});
