import { describe, expect, it } from 'vitest';
import { benefitBound, estimateBenefit, renderBenefit, resolveStacking, validateBenefit } from './benefit.ts';
import type { EnterpriseFacts } from './facts.ts';
import { BUILT_IN_PARAMETERS } from './params.ts';
import { RuleValidationError } from './prepare.ts';
import type { Benefit } from './schema.ts';
import { Prng } from '../random/prng.ts';

const WAN = 1_000_000;
const YI = 10_000 * WAN;
const options = { evaluationDate: '2025-06-30', params: BUILT_IN_PARAMETERS };
const facts = (indicators: EnterpriseFacts['indicators'] = {}): EnterpriseFacts => ({ attributes: {}, indicators });
const estimate = (benefit: Benefit, enterprise = facts()) => estimateBenefit(benefit, enterprise, options);

describe('benefit formulas', () => {
  it('pays a fixed sum this year', () => {
    expect(estimate({ amount: { fixed: { wan: 50 } } })).toMatchObject({ status: 'known', amountFen: 50 * WAN, schedule: [{ year: 2025, amountFen: 50 * WAN }], formula: { zh: '定额 50万元' } });
  });

  it('pays installments of 10万/20万/30万 over three years', () => {
    const result = estimate({ amount: { installments: [{ wan: 10 }, { wan: 20 }, { wan: 30 }] } });
    expect(result.amountFen).toBe(60 * WAN);
    expect(result.schedule).toEqual([
      { year: 2025, amountFen: 10 * WAN },
      { year: 2026, amountFen: 20 * WAN },
      { year: 2027, amountFen: 30 * WAN },
    ]);
    expect(result.formula.zh).toBe('10万元 + 20万元 + 30万元 = 60万元；分年拨付：2025年 10万元，2026年 20万元，2027年 30万元');
  });

  describe('tiers (新增产值 5亿/10亿/30亿/50亿 → 50/100/200/300万)', () => {
    const tiers: Benefit = {
      amount: {
        tiers: {
          by: { change: { fact: 'industrial_output', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } },
          steps: [
            { atLeast: { yi: 5 }, amount: { wan: 50 } },
            { atLeast: { yi: 10 }, amount: { wan: 100 } },
            { atLeast: { yi: 30 }, amount: { wan: 200 } },
            { atLeast: { yi: 50 }, amount: { wan: 300 } },
          ],
        },
      },
    };
    const output = (increase: number) => facts({ industrial_output: { 2023: 10 * YI, 2024: 10 * YI + increase } });
    it.each<[number, number]>([
      [5 * YI - 1, 0],
      [5 * YI, 50 * WAN],
      [10 * YI - 1, 50 * WAN],
      [10 * YI, 100 * WAN],
      [30 * YI, 200 * WAN],
      [80 * YI, 300 * WAN],
    ])('an increase of %i fen pays %i fen', (increase, amount) => {
      expect(estimate(tiers, output(increase)).amountFen).toBe(amount);
    });
    it('is unknown without the output', () => {
      expect(estimate(tiers, facts())).toMatchObject({ status: 'unknown', amountFen: null, schedule: [], missingFacts: [{ fact: 'industrial_output', period: '2023' }, { fact: 'industrial_output', period: '2024' }] });
    });
    it('shows the tier reached', () => {
      expect(estimate(tiers, output(12 * YI)).formula.zh).toBe('工业总产值2023年至2024年增加额 12亿元，达到 ≥ 10亿元 档 → 100万元');
    });
    it('treats a strict step as strict', () => {
      const strict: Benefit = { amount: { tiers: { by: { fact: 'employees', period: { yearsAgo: 1 } }, steps: [{ above: { people: 100 }, amount: { wan: 1 } }] } } };
      expect(estimate(strict, facts({ employees: { 2024: 100 } })).amountFen).toBe(0);
      expect(estimate(strict, facts({ employees: { 2024: 101 } })).amountFen).toBe(WAN);
    });
  });

  describe('a percentage of a fact with cap and floor', () => {
    const rd: Benefit = { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 }, floor: { wan: 1 } } };
    it.each<[number, number]>([
      [300 * WAN, 30 * WAN],
      [500 * WAN, 50 * WAN],
      [900 * WAN, 50 * WAN],
      [5 * WAN, 1 * WAN],
      [12_345_675, 1_234_568],
    ])('R&D of %i fen → %i fen', (expense, amount) => {
      expect(estimate(rd, facts({ rd_expense: { 2024: expense } })).amountFen).toBe(amount);
    });
    it('explains the cap', () => {
      expect(estimate(rd, facts({ rd_expense: { 2024: 900 * WAN } })).formula.zh).toBe('2024年研发费用 900万元 × 10% = 90万元，封顶 50万元 → 50万元');
    });
    it('is unknown without the base', () => {
      expect(estimate(rd)).toMatchObject({ status: 'unknown', missingFacts: [{ fact: 'rd_expense', period: '2024' }] });
    });
  });

  describe('per head (每人2000元 × new hires, capped)', () => {
    const perHead: Benefit = { amount: { perHead: { yuan: 2000 }, count: { fact: 'new_hires', period: { yearsAgo: 1 } }, cap: { wan: 10 } } };
    it.each<[number, number]>([
      [0, 0],
      [35, 70_000 * 100],
      [50, 100_000 * 100],
      [80, 100_000 * 100],
    ])('%i new hires → %i fen', (hires, amount) => {
      expect(estimate(perHead, facts({ new_hires: { 2024: hires } })).amountFen).toBe(amount);
    });
    it('shows the computation', () => {
      expect(estimate(perHead, facts({ new_hires: { 2024: 35 } })).formula.en).toBe('CNY 2,000 per head × New hires (2024) 35 people = CNY 70,000');
    });
  });

  describe('splits across years (40% then 60%)', () => {
    it('allocates exactly', () => {
      const result = estimate({ amount: { fixed: { yuan: '100.01' } }, split: [40, 60], firstYear: { yearsAgo: 0 } });
      expect(result.schedule).toEqual([
        { year: 2025, amountFen: 4000 },
        { year: 2026, amountFen: 6001 },
      ]);
    });
    it('always adds up to the total', () => {
      const random = new Prng(7);
      for (let i = 0; i < 500; i++) {
        const total = random.int(0, 10 ** 9);
        const split: number[] = Array.from({ length: random.int(1, 5) }, () => random.int(0, 100));
        if (!split.some((w) => w > 0)) split[0] = 1;
        const result = estimate({ amount: { fixed: { fen: total } }, split });
        expect(result.schedule.reduce((sum, p) => sum + p.amountFen, 0)).toBe(total);
        expect(result.schedule).toHaveLength(split.length);
      }
    });
  });

  it('rejects invalid formulas at save time, with paths', () => {
    const invalid: Benefit = {
      amount: { percentOf: { fact: 'employees', period: { yearsAgo: 1 } }, rate: { percent: 5 }, cap: { wan: 1 }, floor: { wan: 2 } },
      split: [0, 0],
    };
    expect(validateBenefit(invalid)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/amount/percentOf', code: 'unit_mismatch' }),
        expect.objectContaining({ path: '/amount', code: 'bad_bounds' }),
        expect.objectContaining({ path: '/split', code: 'bad_bounds' }),
      ]),
    );
    expect(validateBenefit({ amount: { installments: [{ wan: 1 }] }, split: [1, 1] })).toEqual([expect.objectContaining({ path: '/split' })]);
    expect(validateBenefit({ amount: { tiers: { by: { fact: 'employees', period: { yearsAgo: 1 } }, steps: [{ atLeast: { wan: 1 }, amount: { wan: 1 } }] } } })).toEqual([
      expect.objectContaining({ path: '/amount/tiers/steps/0/atLeast', code: 'unit_mismatch' }),
    ]);
    expect(() => estimate(invalid)).toThrow(RuleValidationError);
  });

  it('describes a formula without an enterprise', () => {
    expect(renderBenefit({ amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 } }, split: [40, 60] })).toBe(
      '上年度研发费用的 10%，最高 50万元；分 2 年按 40:60 拨付',
    );
  });
});

describe('the formula of an estimate', () => {
  it('is written when read, and is there when the estimate is copied or serialised', () => {
    const result = estimate({ amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 } } }, facts({ rd_expense: { '2024': 900 * WAN } }));
    const expected = {
      zh: '2024年研发费用 900万元 × 10% = 90万元，封顶 50万元 → 50万元',
      en: 'R&D expense (2024) CNY 9,000,000 × 10% = CNY 900,000, capped at CNY 500,000 → CNY 500,000',
    };
    const firstRead = result.formula;
    expect(firstRead).toEqual(expected);
    // Written once: a second read returns the same object rather than writing the text again.
    expect(result.formula).toBe(firstRead);
    expect({ ...result }.formula).toEqual(expected);
    expect(JSON.parse(JSON.stringify(result)).formula).toEqual(expected);
  });
});

describe('resolveStacking', () => {
  it('stacks policies outside every exclusion group', () => {
    const result = resolveStacking([{ policyId: 'a', amountFen: 100 }, { policyId: 'b', amountFen: 50 }], []);
    expect(result).toEqual({ chosen: ['a', 'b'], dropped: [], totalFen: 150, conflicts: [], uncertain: [] });
  });

  it('keeps the best-paying policy of a group and flags the conflict', () => {
    const result = resolveStacking(
      [
        { policyId: 'a', amountFen: 100 },
        { policyId: 'b', amountFen: 300 },
        { policyId: 'c', amountFen: 10 },
      ],
      [{ id: 'g', policyIds: ['a', 'b'] }],
    );
    expect(result.chosen).toEqual(['b', 'c']);
    expect(result.totalFen).toBe(310);
    expect(result.conflicts).toEqual([{ groupId: 'g', candidates: ['a', 'b'], chosen: 'b', dropped: ['a'] }]);
  });

  it('finds the best combination across overlapping groups', () => {
    // b pays most alone, but a + c (compatible with each other) pay more together.
    const result = resolveStacking(
      [
        { policyId: 'a', amountFen: 60 },
        { policyId: 'b', amountFen: 100 },
        { policyId: 'c', amountFen: 60 },
      ],
      [
        { id: 'g1', policyIds: ['a', 'b'] },
        { id: 'g2', policyIds: ['b', 'c'] },
      ],
    );
    expect(result.chosen).toEqual(['a', 'c']);
    expect(result.totalFen).toBe(120);
  });

  it('breaks ties by input order and flags unknown amounts', () => {
    const result = resolveStacking(
      [
        { policyId: 'x', amountFen: 5 },
        { policyId: 'y', amountFen: 5 },
        { policyId: 'z', amountFen: null },
      ],
      [{ id: 'g', policyIds: ['x', 'y', 'z'] }],
    );
    expect(result.chosen).toEqual(['x']);
    expect(result.uncertain).toEqual(['z']);
  });

  it('matches brute force on random instances', () => {
    const random = new Prng(11);
    for (let t = 0; t < 200; t++) {
      const n = random.int(1, 9);
      const candidates = Array.from({ length: n }, (_, i) => ({ policyId: `p${i}`, amountFen: random.int(0, 100) }));
      const groups = Array.from({ length: random.int(0, 4) }, (_, g) => ({ id: `g${g}`, policyIds: candidates.filter(() => random.chance(0.4)).map((c) => c.policyId) }));
      let best = 0;
      for (let mask = 0; mask < 1 << n; mask++) {
        const ok = groups.every((g) => g.policyIds.filter((id) => mask & (1 << Number(id.slice(1)))).length <= 1);
        if (ok) best = Math.max(best, candidates.reduce((s, c, i) => s + (mask & (1 << i) ? c.amountFen : 0), 0));
      }
      const result = resolveStacking(candidates, groups);
      expect(result.totalFen).toBe(best);
      for (const g of groups) expect(g.policyIds.filter((id) => result.chosen.includes(id)).length).toBeLessThanOrEqual(1);
    }
  });
});

describe('the bound of an amount (bounded money)', () => {
  const rd: Benefit = { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 } } };
  const uncapped: Benefit = { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 } } };
  const tiers: Benefit = { amount: { tiers: { by: { fact: 'revenue', period: { yearsAgo: 1 } }, steps: [{ atLeast: { yi: 5 }, amount: { wan: 50 } }, { atLeast: { yi: 10 }, amount: { wan: 100 } }] } } };
  it.each<[string, Benefit, number | null, number | null]>([
    ['an "up to" benefit: its cap, above the estimate', rd, 1_000_000, 50_000_000],
    ['an "up to" benefit without an estimate: its cap', rd, null, 50_000_000],
    ['an uncapped formula: the estimate', uncapped, 7_000_000, 7_000_000],
    ['an uncapped formula without an estimate: nothing', uncapped, null, null],
    ['tiers: the tier reached', tiers, 50_000_000, 50_000_000],
    ['tiers without an estimate: the highest tier', tiers, null, 100_000_000],
    ['a fixed sum', { amount: { fixed: { wan: 10 } } }, null, 10_000_000],
    ['installments: their total', { amount: { installments: [{ wan: 10 }, { wan: 20 }] } }, null, 30_000_000],
  ])('%s', (_name, benefit, estimate, bound) => {
    expect(benefitBound(benefit, estimate)).toBe(bound);
  });

  it('a benefit paying more than 1万亿元 is refused', () => {
    expect(validateBenefit({ amount: { fixed: { yi: 90_000 } } })).toEqual([expect.objectContaining({ path: '/amount/fixed', code: 'bad_constant' })]);
    expect(validateBenefit({ amount: { fixed: { yi: 10_000 } } })).toEqual([]);
  });
});
