import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRule, evaluatePrepared } from './evaluate.ts';
import { explanationText, renderRule } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { prepareRule } from './prepare.ts';
import type { RecordRow } from './records.ts';
import type { RuleNode } from './schema.ts';
import { TEST_CATALOGUE } from './testing/generate.ts';
import { ymdToDays } from './units.ts';
import { validateRule } from './validate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compilePrepared } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';
import { daysToYmd, fixBp, rollingMonthsStart, shiftYmd, windowValue } from './windows.ts';

const DATE = '2025-06-30';
const options = { evaluationDate: DATE, catalogue: TEST_CATALOGUE };
const rule = (node: unknown): RuleNode => node as RuleNode;
const firm = (indicators: EnterpriseFacts['indicators'], attributes: EnterpriseFacts['attributes'] = {}, records?: EnterpriseFacts['records']): EnterpriseFacts => ({
  id: 'e',
  attributes,
  indicators,
  ...(records ? { records } : {}),
});
const WAN = 1_000_000;

describe('calendar arithmetic', () => {
  it('clamps a missing day to the month end (民法典第二百零三条) and carries days across months', () => {
    expect(shiftYmd(20240229, 1, 0, 0)).toBe(20250228);
    expect(shiftYmd(20240229, 4, 0, 0)).toBe(20280229);
    expect(shiftYmd(20240131, 0, 1, 0)).toBe(20240229);
    expect(shiftYmd(20250331, 0, -1, 0)).toBe(20250228);
    expect(shiftYmd(20241231, 0, 0, 1)).toBe(20250101);
    expect(shiftYmd(20250301, 0, 0, -1)).toBe(20250228);
    expect(rollingMonthsStart(20250630, 12)).toBe(20240701);
    expect(rollingMonthsStart(20250228, 12)).toBe(20240229);
  });

  it('days round-trip through the civil calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 80000 }), (days) => {
        expect(ymdToDays(daysToYmd(days))).toBe(days);
      }),
    );
  });

  it('shifting by years and back never lands after the start, and only moves a day at month ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), fc.integer({ min: -50, max: 50 }), (days, years) => {
        const ymd = daysToYmd(days);
        const there = shiftYmd(ymd, years, 0, 0);
        const back = shiftYmd(there, -years, 0, 0);
        expect(back).toBeLessThanOrEqual(ymd);
        if (ymd % 100 <= 28) expect(back).toBe(ymd);
      }),
    );
  });
});

describe('window values', () => {
  it('keeps a mean of ratios that is exactly 3% equal to 3%', () => {
    const out = { s: 0, n: 0, d: 1 };
    windowValue('ratio', 'mean', 3, [3, 6, 9], [0, 0, 0], [100, 200, 300], [0, 0, 0], 1, out);
    expect(out).toEqual({ s: 0, n: 300, d: 10000 });
    windowValue('growth', 'compound', 2, [100, 121], [0, 0], null, null, 1, out);
    expect(out.n).toBe(1000); // 100 → 121 in two years is exactly 10% a year
    expect(fixBp(299.99999999999994)).toBe(300);
  });

  it('is undefined on a zero denominator even when another period is missing', () => {
    const out = { s: 0, n: 0, d: 1 };
    windowValue('ratio', 'mean', 2, [1, 1], [1, 0], [5, 0], [0, 0], 1, out);
    expect(out.s).toBe(2);
    windowValue('growth', 'mean', 2, [0, 5, 9], [0, 1, 0], null, null, 1, out);
    expect(out.s).toBe(2);
  });
});

describe('quarters and windows in rules', () => {
  it('Q1 this year against Q1 last year: growth of a quarterly indicator', () => {
    const node = rule({ left: { growth: { fact: 'operating_revenue_q', from: { q: 1, yearsAgo: 1 }, to: { q: 1, yearsAgo: 0 } } }, op: '>=', right: { percent: 10 } });
    expect(validateRule(node, TEST_CATALOGUE)).toEqual([]);
    const result = evaluateRule(node, firm({ operating_revenue_q: { '2024Q1': 1000 * WAN, '2025Q1': 1100 * WAN } }), options);
    expect(result.outcome).toBe('eligible');
    const missing = evaluateRule(node, firm({ operating_revenue_q: { '2025Q1': 1100 * WAN } }), options);
    expect(missing.missingFacts.map((f) => [f.fact, f.period])).toEqual([['operating_revenue_q', '2024Q1']]);
    const text = explanationText(node, result, { locale: 'zh-CN', catalogue: TEST_CATALOGUE });
    expect(text).toContain('2024年第1季度');
  });

  it('average of the last 4 complete quarters, and the latest complete quarter', () => {
    const node = rule({ left: { window: { fact: 'operating_revenue_q', last: 4, ending: { quartersAgo: 1 }, take: 'mean' } }, op: '>=', right: { wan: 500 } });
    const values = { '2024Q2': 400 * WAN, '2024Q3': 500 * WAN, '2024Q4': 600 * WAN, '2025Q1': 500 * WAN, '2025Q2': 1 };
    expect(evaluateRule(node, firm({ operating_revenue_q: values }), options).outcome).toBe('eligible');
    const low = evaluateRule(node, firm({ operating_revenue_q: { ...values, '2024Q2': 400 * WAN - 4 } }), options);
    expect(low.outcome).toBe('ineligible');
    const unknown = evaluateRule(node, firm({ operating_revenue_q: { '2024Q3': 1, '2025Q1': 1 } }), options);
    expect(unknown.missingFacts.map((f) => f.period).sort()).toEqual(['2024Q2', '2024Q4']);
    expect(renderRule(node, { locale: 'zh-CN', catalogue: TEST_CATALOGUE })[0].text).toContain('截至上季度的近4个季度季度营业收入平均值');
    expect(renderRule(node, { locale: 'en-US', catalogue: TEST_CATALOGUE })[0].text).toContain('mean operating revenue (quarter) over the 4 quarters to last quarter');
  });

  it('近三年研发投入占营业收入比例平均不低于3% (mean of yearly ratios) and 近两年营业收入平均增长率不低于10%', () => {
    const ratio = rule({ left: { window: { ratio: ['rd_expense', 'operating_revenue'], last: 3, ending: { yearsAgo: 1 }, take: 'mean' } }, op: '>=', right: { percent: 3 } });
    const growth = rule({ left: { window: { growth: 'operating_revenue', last: 2, ending: { yearsAgo: 1 }, take: 'mean' } }, op: '>=', right: { percent: 10 } });
    const cagr = rule({ left: { window: { growth: 'operating_revenue', last: 2, ending: { yearsAgo: 1 }, take: 'compound' } }, op: '>=', right: { percent: 10 } });
    const facts = firm({
      rd_expense: { 2022: 2 * WAN, 2023: 3 * WAN, 2024: 4 * WAN },
      operating_revenue: { 2022: 100 * WAN, 2023: 100 * WAN, 2024: 100 * WAN },
    });
    expect(evaluateRule(ratio, facts, options).outcome).toBe('eligible'); // (2% + 3% + 4%) / 3 = 3%
    const grow = firm({ operating_revenue: { 2022: 100 * WAN, 2023: 100 * WAN, 2024: 121 * WAN } });
    expect(evaluateRule(growth, grow, options).outcome).toBe('eligible'); // (0% + 21%) / 2 = 10.5%
    expect(evaluateRule(cagr, grow, options).outcome).toBe('eligible'); // √1.21 − 1 = 10%
    const slow = firm({ operating_revenue: { 2022: 100 * WAN, 2023: 100 * WAN, 2024: 120 * WAN } });
    expect(evaluateRule(growth, slow, options).outcome).toBe('eligible'); // (0% + 20%) / 2 = 10%
    expect(evaluateRule(cagr, slow, options).outcome).toBe('ineligible'); // √1.2 − 1 ≈ 9.54%
    expect(renderRule(ratio, { locale: 'zh-CN', catalogue: TEST_CATALOGUE })[0].text).toContain('截至上年度的近3年研发费用占营业收入比例的平均值');
  });

  it('refuses windows that cannot mean anything, at save, with the path', () => {
    const codes = (node: unknown) => validateRule(node, TEST_CATALOGUE).map((p) => [p.path, p.code]);
    expect(codes({ left: { window: { fact: 'operating_revenue', last: 3, ending: { latest: true }, take: 'mean' } }, op: '>=', right: { wan: 1 } })).toEqual([
      ['/left/window/ending', 'period_not_allowed'],
    ]);
    expect(codes({ left: { window: { fact: 'operating_revenue', last: 3, ending: { yearsAgo: 1 }, take: 'compound' } }, op: '>=', right: { wan: 1 } })).toEqual([
      ['/left/window/take', 'invalid_node'],
    ]);
    expect(codes({ left: { window: { fact: 'operating_revenue', last: 3, ending: { quartersAgo: 1 }, take: 'sum' } }, op: '>=', right: { wan: 1 } })).toEqual([
      ['/left/window/ending', 'period_not_available'],
    ]);
    expect(codes({ left: { window: { ratio: ['rd_expense', 'employees'], last: 3, ending: { yearsAgo: 1 }, take: 'mean' } }, op: '>=', right: { percent: 3 } })).toEqual([
      ['/left/window/ratio', 'unit_mismatch'],
    ]);
    expect(codes({ left: { fact: 'operating_revenue_q', period: { q: 5, yearsAgo: 0 } }, op: '>=', right: { wan: 1 } })).toEqual([['/left/period', 'invalid_node']]);
    expect(codes({ left: { dateShift: { from: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, years: 3 } }, op: '>=', right: { date: '2020-01-01' } })).toEqual([
      ['/left/dateShift/from', 'unit_mismatch'],
    ]);
  });
});

describe('dates as values', () => {
  // 成立3年以内（含满3周年当日）: the third anniversary is still inside.
  const withinThree = rule({ left: { dateShift: { from: { fact: 'registered_on' }, years: 3 } }, op: '>=', right: { dateShift: { from: 'evaluationDate' } } });
  // 成立未满3年: the third anniversary is not.
  const underThree = rule({ left: { dateShift: { from: { fact: 'registered_on' }, years: 3 } }, op: '>', right: { dateShift: { from: 'evaluationDate' } } });
  const at = (registered: string, date: string, node: RuleNode) => evaluateRule(node, firm({}, { registered_on: registered }), { evaluationDate: date, catalogue: TEST_CATALOGUE }).outcome;

  it('counts the anniversary day as the rule says, with 2月29日 anniversaries on 2月28日', () => {
    expect(at('2022-06-30', '2025-06-30', withinThree)).toBe('eligible');
    expect(at('2022-06-30', '2025-07-01', withinThree)).toBe('ineligible');
    expect(at('2022-06-30', '2025-06-30', underThree)).toBe('ineligible');
    expect(at('2022-06-30', '2025-06-29', underThree)).toBe('eligible');
    expect(at('2024-02-29', '2027-02-28', withinThree)).toBe('eligible');
    expect(at('2024-02-29', '2027-03-01', withinThree)).toBe('ineligible');
    expect(at('2024-02-29', '2027-02-28', underThree)).toBe('ineligible');
    const unknown = evaluateRule(withinThree, firm({}), options);
    expect(unknown.missingFacts.map((f) => f.fact)).toEqual(['registered_on']);
    const zh = renderRule(withinThree, { locale: 'zh-CN', catalogue: TEST_CATALOGUE })[0].text;
    expect(zh).toContain('后3年之日');
    expect(zh).toContain('评估日');
  });

  it('a date after a fixed date: 2023年1月1日以后成立', () => {
    const node = rule({ left: { fact: 'registered_on' }, op: '>', right: { date: '2022-12-31' } });
    expect(evaluateRule(node, firm({}, { registered_on: '2023-01-01' }), options).outcome).toBe('eligible');
    expect(evaluateRule(node, firm({}, { registered_on: '2022-12-31' }), options).outcome).toBe('ineligible');
  });
});

describe('rolling months for records', () => {
  const loan = (id: string, on: string): RecordRow => ({ id, values: { bank: 'b', amount: 100, rate_bp: 300, start_on: on, term_months: 12 } });
  it('近12个月: the 12 months ending on the evaluation date, both ends included', () => {
    const node = rule({ left: { records: 'loan', agg: 'count', within: { field: 'start_on', period: { lastMonths: 12 } } }, op: '>=', right: { count: 2 } });
    expect(validateRule(node, TEST_CATALOGUE)).toEqual([]);
    const facts = (dates: string[]) => firm({}, {}, { loan: dates.map((d, i) => loan(`l${i}`, d)) });
    expect(evaluateRule(node, facts(['2024-07-01', '2025-06-30']), options).outcome).toBe('eligible');
    expect(evaluateRule(node, facts(['2024-06-30', '2025-06-30']), options).outcome).toBe('ineligible');
  });
});

// ------------------------------------------------------------------------------------------------
// Agreement: scalar and vector engines on every new construct (fast-check).
// ------------------------------------------------------------------------------------------------

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
const QUARTERS = ['2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2'];
const MONEY = [0, 100 * WAN, 121 * WAN, 120 * WAN, 3 * WAN, 2000 * WAN, -5 * WAN, 1];
const value = fc.option(fc.constantFrom(...MONEY), { nil: undefined, freq: 4 });
const isoDate = fc.oneof(
  fc.constantFrom('2022-06-30', '2022-07-01', '2022-02-28', '2020-02-29', '2024-02-29', '2021-03-01', '2022-03-01', '2020-06-30', '2022-12-31', '2024-01-31', '2024-02-28'),
  fc.integer({ min: 14600, max: 20200 }).map((days) => {
    const ymd = daysToYmd(days);
    return `${Math.floor(ymd / 10000)}-${String(Math.floor(ymd / 100) % 100).padStart(2, '0')}-${String(ymd % 100).padStart(2, '0')}`;
  }),
);

const enterprise = fc
  .record({
    revenue: fc.array(value, { minLength: YEARS.length, maxLength: YEARS.length }),
    rd: fc.array(value, { minLength: YEARS.length, maxLength: YEARS.length }),
    quarterly: fc.array(value, { minLength: QUARTERS.length, maxLength: QUARTERS.length }),
    registered: fc.option(isoDate, { nil: undefined, freq: 5 }),
  })
  .map(({ revenue, rd, quarterly, registered }): EnterpriseFacts => {
    const series = (labels: readonly (string | number)[], values: (number | undefined)[]) =>
      Object.fromEntries(labels.map((label, i) => [String(label), values[i]]).filter(([, v]) => v !== undefined));
    return firm(
      { operating_revenue: series(YEARS, revenue), rd_expense: series(YEARS, rd), operating_revenue_q: series(QUARTERS, quarterly) },
      { registered_on: registered ?? null },
    );
  });

const op = fc.constantFrom('>=', '>', '<=', '<', '==', '!=');
const percent = fc.constantFrom(0, 3, 10, 21, -10, 50).map((p) => ({ percent: p }));
const windowRule = fc.oneof(
  fc.record({ last: fc.integer({ min: 1, max: 5 }), ago: fc.integer({ min: 0, max: 3 }), take: fc.constantFrom('sum', 'mean'), op, wan: fc.constantFrom(0, 100, 121, 500, 2000) }).map(
    ({ last, ago, take, op, wan }) => ({ left: { window: { fact: 'operating_revenue_q', last, ending: { quartersAgo: ago }, take } }, op, right: { wan } }),
  ),
  fc.record({ last: fc.integer({ min: 1, max: 4 }), ago: fc.integer({ min: 0, max: 1 }), op, bound: percent }).map(({ last, ago, op, bound }) => ({
    left: { window: { ratio: ['rd_expense', 'operating_revenue'], last, ending: { yearsAgo: ago }, take: 'mean' } },
    op,
    right: bound,
  })),
  fc.record({ last: fc.integer({ min: 1, max: 4 }), ago: fc.integer({ min: 0, max: 1 }), take: fc.constantFrom('mean', 'compound'), op, bound: percent }).map(
    ({ last, ago, take, op, bound }) => ({ left: { window: { growth: 'operating_revenue', last, ending: { yearsAgo: ago }, take } }, op, right: bound }),
  ),
  fc.record({ q: fc.integer({ min: 1, max: 4 }), op, bound: percent }).map(({ q, op, bound }) => ({
    left: { growth: { fact: 'operating_revenue_q', from: { q, yearsAgo: 1 }, to: { q, yearsAgo: 0 } } },
    op,
    right: bound,
  })),
  // Shifts biased to land on the evaluation dates below, where an off-by-one-day would show.
  fc.record({ years: fc.constantFrom(0, 1, 3, 5, -1), months: fc.constantFrom(0, 0, 1, -1, 12), days: fc.constantFrom(0, 0, 1, -1), op }).map(({ years, months, days, op }) => ({
    left: { dateShift: { from: { fact: 'registered_on' }, years, months } },
    op,
    right: { dateShift: { from: 'evaluationDate', days } },
  })),
);

describe('scalar and vector engines agree on windows, quarters of a year and date shifts', () => {
  it('for random rules, enterprises and evaluation dates', () => {
    let unknowns = 0;
    fc.assert(
      fc.property(
        fc.array(windowRule, { minLength: 1, maxLength: 3 }),
        fc.array(enterprise, { minLength: 5, maxLength: 25 }),
        fc.constantFrom('2025-06-30', '2025-02-28', '2024-02-29', '2025-03-01', '2025-12-31'),
        (leaves, generated, evaluationDate) => {
          const enterprises = generated.map((facts, i) => ({ ...facts, id: `e${i}` }));
          const node = rule(leaves.length === 1 ? leaves[0] : { any: leaves });
          expect(validateRule(node, TEST_CATALOGUE)).toEqual([]);
          const prepared = prepareRule(node, { evaluationDate, catalogue: TEST_CATALOGUE });
          const vector = compilePrepared(prepared).run(buildCountyColumns(enterprises, TEST_CATALOGUE));
          enterprises.forEach((facts, i) => {
            const scalar = evaluatePrepared(prepared, facts);
            expect(OUTCOMES[vector[i]]).toBe(scalar.outcome);
            if (scalar.outcome !== 'unknown') return;
            unknowns++;
            // The missing facts are enough: filling them (with any value) decides every single-leaf rule.
            if (leaves.length > 1) return;
            const indicators: Record<string, Record<string, number | string>> = Object.fromEntries(Object.entries(facts.indicators).map(([code, values]) => [code, { ...values }]));
            let registered = facts.attributes.registered_on;
            for (const missing of scalar.missingFacts) {
              if (missing.fact === 'registered_on') registered = '2023-05-05';
              else (indicators[missing.fact] ??= {})[missing.period!] = 7 * WAN;
            }
            const filled = { ...facts, indicators, attributes: { ...facts.attributes, registered_on: registered } };
            expect(evaluatePrepared(prepared, filled).outcome).not.toBe('unknown');
          });
        },
      ),
      { numRuns: 300 },
    );
    expect(unknowns).toBeGreaterThan(50);
  });
});
