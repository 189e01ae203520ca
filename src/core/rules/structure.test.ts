import { describe, expect, it } from 'vitest';
import { estimateBenefit, validateBenefit } from './benefit.ts';
import { validateRule } from './validate.ts';
import type { Benefit } from './schema.ts';

const WAN = 1_000_000;
const revenue = { fact: 'operating_revenue', period: { year: 2024 } };

describe('the core refuses what the schema refuses (issue 12)', () => {
  it('a benefit with an unknown key such as `when` is refused, not paid unconditionally', () => {
    const benefit = { amount: { fixed: { wan: 30 } }, when: { left: revenue, op: '>=', right: { wan: 2000 } } };
    const problems = validateBenefit(benefit as unknown as Benefit);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'invalid_node')).toBe(true);
    expect(() => estimateBenefit(benefit as unknown as Benefit, { attributes: {}, indicators: {} }, { evaluationDate: '2025-03-01' })).toThrow();
  });

  it('an amount of an unknown kind (`sum`) is refused with its path, not thrown on at evaluation', () => {
    const benefit = { amount: { sum: [{ fixed: { wan: 10 } }, { fixed: { wan: 20 } }] } };
    const problems = validateBenefit(benefit as unknown as Benefit);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path.startsWith('/amount')).toBe(true);
  });

  it('an unknown key inside a tier step is refused', () => {
    const benefit = { amount: { tiers: { by: revenue, steps: [{ atLeast: { wan: 1000 }, amount: { wan: 10 }, note: 'x' }] } } };
    expect(validateBenefit(benefit as unknown as Benefit)).not.toEqual([]);
  });

  it('a well-formed benefit still validates', () => {
    expect(validateBenefit({ amount: { fixed: { wan: 30 } } })).toEqual([]);
  });

  it('a rule the semantic checks let through but the schema refuses is refused (history since out of range)', () => {
    const rule = { history: 'above_scale', test: 'firstEntry', year: { year: 2024 }, since: 1800 };
    expect(validateRule(rule)).not.toEqual([]);
  });
});

describe('tiers at one limit, inclusive then exclusive (issue 12)', () => {
  const tiers = (steps: unknown[]): Benefit => ({ amount: { tiers: { by: revenue, steps } } }) as unknown as Benefit;

  it('[{atLeast: 5000万}, {above: 5000万}] is increasing', () => {
    const benefit = tiers([
      { atLeast: { wan: 5000 }, amount: { wan: 10 } },
      { above: { wan: 5000 }, amount: { wan: 20 } },
    ]);
    expect(validateBenefit(benefit)).toEqual([]);
    const at = (fen: number) => estimateBenefit(benefit, { attributes: {}, indicators: { operating_revenue: { 2024: fen } } }, { evaluationDate: '2025-03-01' }).amountFen;
    expect(at(5000 * WAN)).toBe(10 * WAN);
    expect(at(5000 * WAN + 1)).toBe(20 * WAN);
  });

  it('the reverse order, or the same step twice, is still refused', () => {
    expect(validateBenefit(tiers([{ above: { wan: 5000 }, amount: { wan: 10 } }, { atLeast: { wan: 5000 }, amount: { wan: 20 } }]))).toMatchObject([{ path: '/amount/tiers/steps/1/atLeast', code: 'bad_bounds' }]);
    expect(validateBenefit(tiers([{ atLeast: { wan: 5000 }, amount: { wan: 10 } }, { atLeast: { wan: 5000 }, amount: { wan: 20 } }]))).toMatchObject([{ code: 'bad_bounds' }]);
  });
});

describe('enterprise types come from the registry (issue 12)', () => {
  it('a rule naming a type outside the registry is refused at save with the node path', () => {
    const rule = { all: [{ value: { fact: 'enterprise_type' }, in: ['limited_company', 'state_owned'] }] };
    expect(validateRule(rule)).toMatchObject([{ path: '/all/0/in/1', code: 'unknown_value' }]);
    expect(validateRule({ value: { fact: 'enterprise_type' }, in: ['branch'] })).toEqual([]);
  });
});
