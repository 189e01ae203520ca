import { describe, expect, it } from 'vitest';
import { validateRule } from '../rules/validate.ts';
import { DEV_SET, HELD_OUT_SET } from './dev-set.ts';
import { newTally, rates, scoreReading } from './measure.ts';
import { readPolicyText } from './read.ts';
import { addConditionsToRule, setBenefit } from './rule-edit.ts';

describe('development set', () => {
  it('has at least 60 clauses, each citing its document and issuer, with valid expected rules', () => {
    expect(DEV_SET.length).toBeGreaterThanOrEqual(60);
    expect(new Set(DEV_SET.map((c) => c.id)).size).toBe(DEV_SET.length);
    for (const clause of [...DEV_SET, ...HELD_OUT_SET]) {
      expect(clause.source.docNo).not.toBe('');
      expect(clause.source.issuer).not.toBe('');
      for (const node of clause.conditions) expect(validateRule(node), clause.id).toEqual([]);
    }
    expect(new Set(DEV_SET.map((c) => c.source.level))).toEqual(new Set(['national', 'provincial', 'city', 'county']));
  });

  // Floors under the measured figures (npm run bench:reading prints them): a change that reads worse fails here.
  it('reads conditions with precision ≥ 0.9 and recall ≥ 0.8, amounts with ≥ 0.85 both', () => {
    const tallies = { conditions: newTally(), amounts: newTally() };
    for (const clause of DEV_SET) scoreReading(readPolicyText(clause.text), clause, tallies);
    const c = rates(tallies.conditions);
    const a = rates(tallies.amounts);
    expect(c.precision).toBeGreaterThanOrEqual(0.9);
    expect(c.recall).toBeGreaterThanOrEqual(0.8);
    expect(a.precision).toBeGreaterThanOrEqual(0.85);
    expect(a.recall).toBeGreaterThanOrEqual(0.85);
  });

  it.each(DEV_SET.filter((c) => ['sme-2', 'srdi-1', 'cq-hte-3', 'dj-1', 'dj-2', 'dj-17', 'cx-3', 'cx-5'].includes(c.id)).map((c) => [c.id, c] as const))(
    '%s reads exactly as expected',
    (_id, clause) => {
      const tallies = { conditions: newTally(), amounts: newTally() };
      const report = scoreReading(readPolicyText(clause.text), clause, tallies);
      expect(report).toEqual({ missedConditions: [], extraConditions: [], missedAmounts: [], extraAmounts: [] });
    },
  );
});

describe('accepting proposals into a draft', () => {
  it('the first condition becomes the rule, the next join under all, duplicates are skipped', () => {
    const a = { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true } as const;
    const b = { certification: 'high_tech', test: 'heldOn' } as const;
    expect(addConditionsToRule(null, [a])).toEqual(a);
    expect(addConditionsToRule(null, [a, b, a])).toEqual({ all: [a, b] });
    const root = { all: [a], clause: '条件' };
    expect(addConditionsToRule(root, [b])).toEqual({ all: [a, b], clause: '条件' });
    expect(root.all).toHaveLength(1);
  });

  it('a benefit replaces the formula and keeps the draft’s split', () => {
    expect(setBenefit({ amount: { fixed: { wan: 1 } }, split: [40, 60] }, { amount: { fixed: { wan: 20 } } })).toEqual({ amount: { fixed: { wan: 20 } }, split: [40, 60] });
  });

  it('a whole policy read and accepted gives a rule that validates', () => {
    const result = readPolicyText(DEV_SET.map((c) => c.text).join('\n'));
    const rule = addConditionsToRule(null, result.conditions.map((c) => c.node));
    expect(rule).not.toBeNull();
    expect(validateRule(rule)).toEqual([]);
  });
});

describe('alternatives under a "…之一" heading', () => {
  it('are marked and land together under one any, beside the other conditions', () => {
    const result = readPolicyText('第二条 申报企业应为小微企业。\n第三条 具备下列条件之一的，可以申报：\n（一）上年度营业收入1000万元以上；\n（二）上年度研发费用100万元以上。\n第四条 对高新技术企业给予支持。');
    expect(result.conditions.map((c) => c.anyOf?.clause ?? null)).toEqual([null, '具备下列条件之一的，可以申报', '具备下列条件之一的，可以申报', null]);
    const rule = addConditionsToRule(null, result.conditions);
    expect(rule).toMatchObject({ all: [{ in: ['small', 'micro'] }, { any: [{ op: '>=' }, { op: '>=' }], clause: '具备下列条件之一的，可以申报' }, { certification: 'high_tech' }] });
    expect(validateRule(rule)).toEqual([]);
  });
});
