import { describe, expect, it } from 'vitest';
import type { EnterpriseFacts } from './facts.ts';
import { runGoldenCases, type GoldenCase } from './golden.ts';
import type { Benefit, RuleNode } from './schema.ts';

const WAN = 1_000_000;
const rule: RuleNode = { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 }, clause: '上年度主营业务收入2000万元以上' };
const benefit: Benefit = { amount: { percentOf: { fact: 'main_revenue', period: { yearsAgo: 1 } }, rate: { percent: 1 }, cap: { wan: 30 } } };
const enterprise = (revenue?: number): EnterpriseFacts => ({ attributes: {}, indicators: revenue === undefined ? {} : { main_revenue: { 2024: revenue } } });
const options = { evaluationDate: '2025-06-30' };

describe('runGoldenCases', () => {
  it('passes when outcomes and amounts match', () => {
    const cases: GoldenCase[] = [
      { name: 'at the line', facts: enterprise(2000 * WAN), expectedOutcome: 'eligible', expectedAmountFen: 20 * WAN },
      { name: 'capped', facts: enterprise(9000 * WAN), expectedOutcome: 'eligible', expectedAmountFen: 30 * WAN },
      { name: 'below', facts: enterprise(1999 * WAN), expectedOutcome: 'ineligible', expectedAmountFen: null },
      { name: 'no data', facts: enterprise(), expectedOutcome: 'unknown' },
      { name: 'judged in 2024 against 2023', facts: enterprise(2500 * WAN), expectedOutcome: 'unknown', evaluationDate: '2024-06-30' },
    ];
    const run = runGoldenCases(rule, benefit, cases, options);
    expect(run).toMatchObject({ passed: true, total: 5, failed: 0 });
    expect(run.results.every((r) => r.diff.length === 0 && r.explanation === undefined)).toBe(true);
  });

  it('reports the differences of failing cases with the explanation', () => {
    const run = runGoldenCases(rule, benefit, [
      { name: 'wrong outcome', facts: enterprise(1850 * WAN), expectedOutcome: 'eligible' },
      { name: 'wrong amount', facts: enterprise(2500 * WAN), expectedOutcome: 'eligible', expectedAmountFen: 20 * WAN },
    ], options);
    expect(run).toMatchObject({ passed: false, failed: 2 });
    expect(run.results[0].diff).toEqual(['outcome: expected eligible, got ineligible']);
    expect(run.results[0].explanation).toContain('2024年主营业务收入 1,850万元 ≥ 2,000万元 ✗（差 150万元，7.5%）');
    expect(run.results[1].diff).toEqual(['amount: expected 20000000 fen (20万元), got 25000000 fen (25万元)']);
    expect(run.results[1].actualAmountFen).toBe(25 * WAN);
  });
});
