import { describe, expect, it } from 'vitest';
import { evaluateRule, type Explanation, type Outcome } from './evaluate.ts';
import type { CertificationRecord, EnterpriseFacts } from './facts.ts';
import { BUILT_IN_PARAMETERS } from './params.ts';
import { RuleValidationError } from './prepare.ts';
import type { Expr, RuleNode } from './schema.ts';
import { TEST_CATALOGUE } from './testing/generate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compileRule } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';

const DATE = '2025-06-30';
const WAN = 1_000_000;

function facts(partial: Partial<EnterpriseFacts> = {}): EnterpriseFacts {
  return { attributes: {}, indicators: {}, ...partial };
}
/** Evaluates with the scalar engine and checks that the vector engine reaches the same outcome. */
function evaluate(rule: RuleNode, enterprise: EnterpriseFacts, evaluationDate = DATE) {
  const options = { evaluationDate, params: BUILT_IN_PARAMETERS, catalogue: TEST_CATALOGUE };
  const result = evaluateRule(rule, enterprise, options);
  const vector = compileRule(rule, options).run(buildCountyColumns([enterprise], TEST_CATALOGUE));
  expect(OUTCOMES[vector[0]]).toBe(result.outcome);
  return result;
}
const revenue = (values: Record<string, number>) => facts({ indicators: { operating_revenue: values } });
const rev24: Expr = { fact: 'operating_revenue', period: { year: 2024 } };

type Case = [name: string, rule: RuleNode, enterprise: EnterpriseFacts, expected: Outcome];

describe('comparisons: explicit inclusive and exclusive bounds', () => {
  it.each<Case>([
    ['≥ at the bound', { left: rev24, op: '>=', right: { wan: 2000 } }, revenue({ 2024: 2000 * WAN }), 'eligible'],
    ['≥ one fen below', { left: rev24, op: '>=', right: { wan: 2000 } }, revenue({ 2024: 2000 * WAN - 1 }), 'ineligible'],
    ['> at the bound', { left: rev24, op: '>', right: { wan: 2000 } }, revenue({ 2024: 2000 * WAN }), 'ineligible'],
    ['> one fen above', { left: rev24, op: '>', right: { wan: 2000 } }, revenue({ 2024: 2000 * WAN + 1 }), 'eligible'],
    ['≤ at the bound', { left: rev24, op: '<=', right: { wan: 300 } }, revenue({ 2024: 300 * WAN }), 'eligible'],
    ['< at the bound', { left: rev24, op: '<', right: { wan: 300 } }, revenue({ 2024: 300 * WAN }), 'ineligible'],
    ['== equal', { left: rev24, op: '==', right: { fen: 0 } }, revenue({ 2024: 0 }), 'eligible'],
    ['!= equal', { left: rev24, op: '!=', right: { fen: 0 } }, revenue({ 2024: 0 }), 'ineligible'],
    ['missing fact', { left: rev24, op: '>=', right: { wan: 2000 } }, revenue({ 2023: 5000 * WAN }), 'unknown'],
    ['fact against fact', { left: rev24, op: '>', right: { fact: 'operating_revenue', period: { year: 2023 } } }, revenue({ 2023: 1, 2024: 2 }), 'eligible'],
    ['last year resolves to 2024', { left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 1000 } }, revenue({ 2024: 1000 * WAN, 2025: 0 }), 'eligible'],
    ['latest takes the newest value', { left: { fact: 'operating_revenue', period: { latest: true } }, op: '>=', right: { wan: 1000 } }, revenue({ 2023: 0, 2025: 1000 * WAN }), 'eligible'],
    ['latest skips periods after the evaluation date', { left: { fact: 'operating_revenue', period: { latest: true } }, op: '>=', right: { wan: 1000 } }, revenue({ 2024: 0, 2026: 1000 * WAN }), 'ineligible'],
    ['latest within maxAgo', { left: { fact: 'operating_revenue', period: { latest: true, maxAgo: 1 } }, op: '>=', right: { wan: 1 } }, revenue({ 2023: 5 * WAN }), 'unknown'],
    ['quarterly fact, last quarter', { left: { fact: 'vat_paid_q', period: { quartersAgo: 1 } }, op: '>', right: { fen: 0 } }, facts({ indicators: { vat_paid_q: { '2025Q1': 10 } } }), 'eligible'],
    ['monthly fact, a given month', { left: { fact: 'power_m', period: { month: '2025-05' } }, op: '>=', right: { kwh: 1000 } }, facts({ indicators: { power_m: { '2025-05': 999 } } }), 'ineligible'],
    ['attribute without period', { left: { fact: 'registered_capital' }, op: '>=', right: { wan: 100 } }, facts({ attributes: { registered_capital: 100 * WAN } }), 'eligible'],
    ['a non-number value counts as missing', { left: rev24, op: '>=', right: { fen: 0 } }, facts({ indicators: { operating_revenue: { 2024: 'n/a' } } }), 'unknown'],
  ])('%s', (_, rule, enterprise, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });
});

describe('ratios, growth, differences, sums, ages', () => {
  const rdShare: Expr = { ratio: [{ fact: 'rd_expense', period: { year: 2024 } }, rev24] };
  const growth: Expr = { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } };
  const rd = (rdFen: number | undefined, revenueFen: number | undefined) =>
    facts({ indicators: { rd_expense: rdFen === undefined ? {} : { 2024: rdFen }, operating_revenue: revenueFen === undefined ? {} : { 2024: revenueFen } } });
  it.each<Case>([
    ['R&D share exactly 3%', { left: rdShare, op: '>=', right: { percent: 3 } }, rd(30 * WAN, 1000 * WAN), 'eligible'],
    ['R&D share just under 3%', { left: rdShare, op: '>=', right: { percent: 3 } }, rd(30 * WAN - 1, 1000 * WAN), 'ineligible'],
    ['R&D share with revenue 0 cannot hold', { left: rdShare, op: '>=', right: { percent: 3 } }, rd(30 * WAN, 0), 'ineligible'],
    ['revenue 0 decides even when R&D is missing', { left: rdShare, op: '>=', right: { percent: 3 } }, rd(undefined, 0), 'ineligible'],
    ['R&D missing', { left: rdShare, op: '>=', right: { percent: 3 } }, rd(undefined, 1000 * WAN), 'unknown'],
    ['exact on huge amounts (no float rounding)', { left: rdShare, op: '>=', right: { bp: 3 } }, rd(3 * 10 ** 13, 10 ** 17), 'eligible'],
    ['growth exactly 15%', { left: growth, op: '>=', right: { percent: 15 } }, revenue({ 2023: 1000 * WAN, 2024: 1150 * WAN }), 'eligible'],
    ['growth just under 15%', { left: growth, op: '>=', right: { percent: 15 } }, revenue({ 2023: 1000 * WAN, 2024: 1150 * WAN - 1 }), 'ineligible'],
    ['growth from zero is undefined: the clause fails', { left: growth, op: '>=', right: { percent: 15 } }, revenue({ 2023: 0, 2024: 1 }), 'ineligible'],
    ['negative growth', { left: growth, op: '<', right: { percent: 0 } }, revenue({ 2023: 10, 2024: 9 }), 'eligible'],
    ['growth missing a year', { left: growth, op: '>=', right: { percent: 15 } }, revenue({ 2024: 1 }), 'unknown'],
    ['新增产值 ≥ 5亿', { left: { change: { fact: 'industrial_output', from: { year: 2023 }, to: { year: 2024 } } }, op: '>=', right: { yi: 5 } }, facts({ indicators: { industrial_output: { 2023: 10 ** 10, 2024: 6 * 10 ** 10 } } }), 'eligible'],
    ['3-year sum', { left: { sum: [{ fact: 'rd_expense', period: { year: 2023 } }, { fact: 'rd_expense', period: { year: 2024 } }] }, op: '>=', right: { wan: 100 } }, facts({ indicators: { rd_expense: { 2023: 40 * WAN, 2024: 60 * WAN } } }), 'eligible'],
    ['sum with a missing term', { left: { sum: [{ fact: 'rd_expense', period: { year: 2023 } }, { fact: 'rd_expense', period: { year: 2024 } }] }, op: '>=', right: { wan: 100 } }, facts({ indicators: { rd_expense: { 2024: 600 * WAN } } }), 'unknown'],
    ['registered 2 full years ago', { left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years: 2 } }, facts({ attributes: { registered_on: '2023-06-30' } }), 'eligible'],
    ['one day short of 2 years', { left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years: 2 } }, facts({ attributes: { registered_on: '2023-07-01' } }), 'ineligible'],
    ['registration date missing', { left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years: 2 } }, facts(), 'unknown'],
    ['registered on or after a date', { left: { fact: 'registered_on' }, op: '>=', right: { date: '2020-01-01' } }, facts({ attributes: { registered_on: '2020-01-01' } }), 'eligible'],
    ['people ratio ≥ 10%', { left: { ratio: [{ fact: 'science_staff', period: { year: 2024 } }, { fact: 'employees', period: { year: 2024 } }] }, op: '>=', right: { percent: 10 } }, facts({ indicators: { science_staff: { 2024: 10 }, employees: { 2024: 100 } } }), 'eligible'],
  ])('%s', (_, rule, enterprise, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });
});

describe('between', () => {
  const emp = (n: number) => facts({ indicators: { employees: { 2024: n } } });
  const rule = (bounds: '[]' | '[)' | '(]' | '()'): RuleNode => ({ value: { fact: 'employees', period: { year: 2024 } }, between: [{ people: 20 }, { people: 300 }], bounds });
  it.each<[string, '[]' | '[)' | '(]' | '()', number, Outcome]>([
    ['[] includes min', '[]', 20, 'eligible'],
    ['[] includes max', '[]', 300, 'eligible'],
    ['[) excludes max', '[)', 300, 'ineligible'],
    ['(] excludes min', '(]', 20, 'ineligible'],
    ['() inside', '()', 21, 'eligible'],
    ['below min', '[]', 19, 'ineligible'],
  ])('%s', (_, bounds, n, expected) => {
    expect(evaluate(rule(bounds), emp(n)).outcome).toBe(expected);
  });
  it('is unknown without the value', () => {
    expect(evaluate(rule('[]'), facts()).outcome).toBe('unknown');
  });
});

describe('bands that depend on another fact (研发占比 5% / 4% / 3% by sales)', () => {
  const rule: RuleNode = {
    value: { ratio: [{ fact: 'rd_expense', period: { year: 2024 } }, { fact: 'main_revenue', period: { year: 2024 } }] },
    op: '>=',
    by: rev24,
    bands: [
      { upTo: { wan: 5000 }, inclusive: true, bound: { percent: 5 } },
      { upTo: { yi: 2 }, inclusive: true, bound: { percent: 4 } },
      { bound: { percent: 3 } },
    ],
  };
  const enterprise = (sales: number | undefined, share: number) =>
    facts({ indicators: { operating_revenue: sales === undefined ? {} : { 2024: sales }, main_revenue: { 2024: 10000 }, rd_expense: { 2024: share } } });
  it.each<[string, number | undefined, number, Outcome]>([
    ['sales exactly 5000万 is the first band: 4.5% < 5%', 5000 * WAN, 450, 'ineligible'],
    ['sales one fen above 5000万: 4.5% ≥ 4%', 5000 * WAN + 1, 450, 'eligible'],
    ['sales 2亿 still second band: 3.5% < 4%', 2 * 10 ** 10, 350, 'ineligible'],
    ['sales above 2亿: 3.5% ≥ 3%', 2 * 10 ** 10 + 1, 350, 'eligible'],
    ['sales unknown but 6% passes every band', undefined, 600, 'eligible'],
    ['sales unknown and 2% fails every band', undefined, 200, 'ineligible'],
    ['sales unknown and 4.5% depends on the band', undefined, 450, 'unknown'],
  ])('%s', (_, sales, share, expected) => {
    expect(evaluate(rule, enterprise(sales, share)).outcome).toBe(expected);
  });

  it('explains which band applied and the near miss', () => {
    const explanation = evaluate(rule, enterprise(6000 * WAN, 350)).explanation;
    expect(explanation).toMatchObject({ kind: 'bands', value: 'fail', band: 1, bound: { value: 400, unit: 'bp' }, nearMiss: { direction: 'below', absolute: 50, unit: 'bp' } });
  });
});

describe('codes, yes/no facts, industries', () => {
  it.each<Case>([
    ['town in set', { value: { fact: 'town' }, in: ['澄溪镇', '高峰镇'] }, facts({ attributes: { town: '澄溪镇' } }), 'eligible'],
    ['town not in set', { value: { fact: 'town' }, in: ['澄溪镇'] }, facts({ attributes: { town: '桂溪街道' } }), 'ineligible'],
    ['town missing', { value: { fact: 'town' }, in: ['澄溪镇'] }, facts(), 'unknown'],
    ['enterprise type', { value: { fact: 'enterprise_type' }, in: ['limited_company'] }, facts({ attributes: { enterprise_type: 'limited_company' } }), 'eligible'],
    ['size class of a year', { value: { fact: 'size_class', period: { year: 2024 } }, in: ['small', 'micro'] }, facts({ sizeClass: { 2024: 'small' } }), 'eligible'],
    ['size class of another year', { value: { fact: 'size_class', period: { year: 2024 } }, in: ['small', 'micro'] }, facts({ sizeClass: { 2023: 'small' } }), 'unknown'],
    ['latest tax credit grade', { value: { fact: 'tax_credit_grade', period: { latest: true } }, in: ['A', 'B'] }, facts({ indicators: { tax_credit_grade: { 2023: 'A', 2024: 'C' } } }), 'ineligible'],
    ['not a dishonest debtor', { value: { fact: 'dishonest_debtor', period: { latest: true } }, is: false }, facts({ indicators: { dishonest_debtor: { 2025: 0 } } }), 'eligible'],
    ['dishonest debtor', { value: { fact: 'dishonest_debtor', period: { latest: true } }, is: false }, facts({ indicators: { dishonest_debtor: { 2025: 1 } } }), 'ineligible'],
    ['no major penalty, unknown', { not: { value: { fact: 'major_admin_penalty', period: { yearsAgo: 1 } }, is: true } }, facts(), 'unknown'],
    ['industry 3011 in 大类 06–46', { industry: { divisionRanges: [['06', '46']] } }, facts({ attributes: { industry_code: '3011' } }), 'eligible'],
    ['industry C3011 (with letter)', { industry: { divisionRanges: [['06', '46']] } }, facts({ attributes: { industry_code: 'C3011' } }), 'eligible'],
    ['retail 5211 not industrial', { industry: { divisionRanges: [['06', '46']] } }, facts({ attributes: { industry_code: '5211' } }), 'ineligible'],
    ['section C is wholly inside 06–46', { industry: { divisionRanges: [['06', '46']] } }, facts({ attributes: { industry_code: 'C' } }), 'eligible'],
    ['section C against 大类 30–35 is undecided', { industry: { divisionRanges: [['30', '35']] } }, facts({ attributes: { industry_code: 'C' } }), 'unknown'],
    ['大类 70 against 小类 7010 is undecided', { industry: { prefixes: ['7010'] } }, facts({ attributes: { industry_code: '70' } }), 'unknown'],
    ['section F against sections C, D', { industry: { sections: ['C', 'D'] } }, facts({ attributes: { industry_code: 'F' } }), 'ineligible'],
    ['an invalid code is unknown, not ineligible', { industry: { sections: ['C'] } }, facts({ attributes: { industry_code: 'X99' } }), 'unknown'],
    ['not real estate development (negated set)', { not: { industry: { prefixes: ['7010'] } } }, facts({ attributes: { industry_code: '7010' } }), 'ineligible'],
  ])('%s', (_, rule, enterprise, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });
});

describe('status history of above_scale', () => {
  const status = (values: Record<string, number>, registeredOn?: string) => facts({ attributes: registeredOn ? { registered_on: registeredOn } : {}, indicators: { above_scale: values } });
  const zeros = (from: number, to: number) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, 0]));
  const history = (test: 'firstEntry' | 'entry' | 'reEntry' | 'heldConsecutive' | 'everExited', year: number, extra: object = {}): RuleNode =>
    ({ history: 'above_scale', test, year: { year }, ...extra }) as RuleNode;
  it.each<Case>([
    ['first entry in 2020, never before since 2011', history('firstEntry', 2020), status({ ...zeros(2011, 2019), 2020: 1 }), 'eligible'],
    ['in 2016 before: a re-entry, not a first entry', history('firstEntry', 2020), status({ ...zeros(2011, 2019), 2016: 1, 2020: 1 }), 'ineligible'],
    ['an unknown earlier year leaves it open', history('firstEntry', 2020), status({ ...zeros(2012, 2019), 2020: 1 }), 'unknown'],
    ['an earlier entry decides even with gaps', history('firstEntry', 2020), status({ 2015: 1, 2020: 1 }), 'ineligible'],
    ['years before registration count as out', history('firstEntry', 2020), status({ 2018: 0, 2019: 0, 2020: 1 }, '2018-05-01'), 'eligible'],
    ['not in the statistics in 2020', history('firstEntry', 2020), status({ ...zeros(2011, 2020) }), 'ineligible'],
    ['entry: out in 2019, in in 2020', history('entry', 2020), status({ 2019: 0, 2020: 1 }), 'eligible'],
    ['entry: already in in 2019', history('entry', 2020), status({ 2019: 1, 2020: 1 }), 'ineligible'],
    ['re-entry after an exit', history('reEntry', 2020), status({ ...zeros(2011, 2019), 2017: 1, 2020: 1 }, '2011-01-01'), 'eligible'],
    ['first entry is not a re-entry', history('reEntry', 2020), status({ ...zeros(2011, 2019), 2020: 1 }), 'ineligible'],
    ['held 3 consecutive years', history('heldConsecutive', 2024, { years: 3 }), status({ 2022: 1, 2023: 1, 2024: 1 }), 'eligible'],
    ['a gap year breaks the run', history('heldConsecutive', 2024, { years: 3 }), status({ 2022: 1, 2023: 0, 2024: 1 }), 'ineligible'],
    ['an unknown year in the run', history('heldConsecutive', 2024, { years: 3 }), status({ 2023: 1, 2024: 1 }), 'unknown'],
    ['registered too recently to have held 3 years', history('heldConsecutive', 2024, { years: 3 }), status({ 2023: 1, 2024: 1 }, '2023-03-01'), 'ineligible'],
    ['exited in 2019 (中途退规)', history('everExited', 2024), status({ ...zeros(2011, 2024), 2018: 1 }), 'eligible'],
    ['never exited', history('everExited', 2024), status({ ...zeros(2011, 2020), 2021: 1, 2022: 1, 2023: 1, 2024: 1 }), 'ineligible'],
    ['`since` overrides the start of the records', history('firstEntry', 2020, { since: 2018 }), status({ 2018: 0, 2019: 0, 2020: 1 }), 'eligible'],
  ])('%s', (_, rule, enterprise, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });

  it('explains with the yearly series and lists unknown years as missing', () => {
    const result = evaluate(history('firstEntry', 2020), status({ ...zeros(2013, 2019), 2020: 1 }));
    const explanation = result.explanation as Extract<Explanation, { kind: 'history' }>;
    expect(explanation.since).toBe(2011);
    expect(explanation.series[0]).toEqual({ year: 2011, value: null });
    expect(explanation.series.at(-1)).toEqual({ year: 2020, value: 1 });
    expect(explanation.missing).toEqual([
      { fact: 'above_scale', period: '2011' },
      { fact: 'above_scale', period: '2012' },
    ]);
  });
});

describe('certifications', () => {
  const cert = (awardedOn: string, expiresOn: string | null, isRenewal = false, code = 'high_tech'): CertificationRecord => ({ code, awardedOn, expiresOn, isRenewal });
  const holding = (...records: CertificationRecord[]) => facts({ certifications: records });
  it.each<Case>([
    ['held on the evaluation date', { certification: 'high_tech', test: 'heldOn' }, holding(cert('2023-01-01', '2025-12-31')), 'eligible'],
    ['expires on the evaluation date: still held', { certification: 'high_tech', test: 'heldOn' }, holding(cert('2022-07-01', '2025-06-30')), 'eligible'],
    ['expired the day before', { certification: 'high_tech', test: 'heldOn' }, holding(cert('2022-06-30', '2025-06-29')), 'ineligible'],
    ['another certification only', { certification: 'high_tech', test: 'heldOn' }, holding(cert('2023-01-01', null, false, 'tech_sme')), 'ineligible'],
    ['no certifications known', { certification: 'high_tech', test: 'heldOn' }, facts(), 'unknown'],
    ['known to hold none', { certification: 'high_tech', test: 'heldOn' }, holding(), 'ineligible'],
    ['first award in 2023', { certification: 'high_tech', test: 'firstAwardedIn', year: { year: 2023 } }, holding(cert('2023-11-01', '2026-10-31')), 'eligible'],
    ['renewed in 2023 is not a first award', { certification: 'high_tech', test: 'firstAwardedIn', year: { year: 2023 } }, holding(cert('2023-11-01', '2026-10-31', true)), 'ineligible'],
    ['renewed in 2023', { certification: 'high_tech', test: 'renewedIn', year: { yearsAgo: 2 } }, holding(cert('2023-11-01', '2026-10-31', true)), 'eligible'],
    ['awarded in 2023 (either)', { certification: 'high_tech', test: 'awardedIn', year: { year: 2023 } }, holding(cert('2023-11-01', '2026-10-31', true)), 'eligible'],
    ['held ≥ 5 years through a renewal', { certification: 'high_tech', test: 'heldForYears', years: 5 }, holding(cert('2019-12-01', '2022-11-30'), cert('2022-12-20', '2025-12-19', true)), 'eligible'],
    ['a long gap restarts the count', { certification: 'high_tech', test: 'heldForYears', years: 5 }, holding(cert('2019-12-01', '2022-11-30'), cert('2023-09-01', '2026-08-31', true)), 'ineligible'],
  ])('%s', (_, rule, enterprise, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });
});

describe('three-valued groups', () => {
  const t: RuleNode = { value: { fact: 'town' }, in: ['A'] };
  const f: RuleNode = { value: { fact: 'town' }, in: ['B'] };
  const u: RuleNode = { value: { fact: 'enterprise_type' }, in: ['other'] };
  const enterprise = facts({ attributes: { town: 'A' } });
  it.each<[string, RuleNode, Outcome]>([
    ['all(false, unknown) = false', { all: [f, u] }, 'ineligible'],
    ['all(true, unknown) = unknown', { all: [t, u] }, 'unknown'],
    ['all(true, true) = true', { all: [t, t] }, 'eligible'],
    ['any(true, unknown) = true', { any: [u, t] }, 'eligible'],
    ['any(false, unknown) = unknown', { any: [f, u] }, 'unknown'],
    ['any(false, false) = false', { any: [f, f] }, 'ineligible'],
    ['not(unknown) = unknown', { not: u }, 'unknown'],
    ['not(false) = true', { not: f }, 'eligible'],
    ['at least 2 of (true, unknown, false) = unknown', { atLeast: 2, of: [t, u, f] }, 'unknown'],
    ['at least 2 of (true, true, unknown) = true', { atLeast: 2, of: [t, t, u] }, 'eligible'],
    ['at least 2 of (true, false, false) = false', { atLeast: 2, of: [t, f, f] }, 'ineligible'],
  ])('%s', (_, rule, expected) => {
    expect(evaluate(rule, enterprise).outcome).toBe(expected);
  });
});

describe('dated parameters', () => {
  const rule: RuleNode = { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { param: 'industry_above_scale_line' } };
  it('uses the value in force on the evaluation date', () => {
    const enterprise = facts({ indicators: { main_revenue: { 2009: 1000 * WAN, 2024: 1000 * WAN } } });
    expect(evaluate(rule, enterprise, '2010-06-30').outcome).toBe('eligible'); // 500万 line before 2011
    expect(evaluate(rule, enterprise, '2025-06-30').outcome).toBe('ineligible'); // 2000万 line since 2011
    const right = (evaluate(rule, enterprise).explanation as Extract<Explanation, { kind: 'compare' }>).right;
    expect(right).toMatchObject({ value: 2000 * WAN, param: { name: 'industry_above_scale_line', from: '2011-01-01' } });
  });

  it('refuses to evaluate when no value is in force', () => {
    expect(() => evaluate(rule, facts(), '1990-01-01')).toThrow(RuleValidationError);
  });

  it('refuses an invalid rule', () => {
    expect(() => evaluate({ all: [] }, facts())).toThrow(/empty_group/);
  });
});

describe('explanations', () => {
  it('carry values, resolved periods, bound, clause and near miss', () => {
    const rule: RuleNode = { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 }, clause: '上年度主营业务收入2000万元以上' };
    const explanation = evaluate(rule, facts({ indicators: { main_revenue: { 2024: 1850 * WAN } } })).explanation;
    expect(explanation).toEqual({
      path: '',
      kind: 'compare',
      clause: '上年度主营业务收入2000万元以上',
      value: 'fail',
      op: '>=',
      left: { path: '/left', unit: 'fen', state: 'ok', value: 1850 * WAN, inputs: [{ path: '/left', fact: 'main_revenue', period: '2024', value: 1850 * WAN }] },
      right: { path: '/right', unit: 'fen', state: 'ok', value: 2000 * WAN, inputs: [] },
      nearMiss: { direction: 'below', absolute: 150 * WAN, unit: 'fen', relativeBp: 750 },
    });
  });

  it('give the smallest passing change for strict bounds', () => {
    const rule: RuleNode = { left: { fact: 'employees', period: { year: 2024 } }, op: '<', right: { people: 300 } };
    const explanation = evaluate(rule, facts({ indicators: { employees: { 2024: 300 } } })).explanation;
    expect(explanation).toMatchObject({ nearMiss: { direction: 'above', absolute: 1, unit: 'person' } });
  });

  it('show ratios in basis points and mark undefined ones', () => {
    const rule: RuleNode = { left: { ratio: [{ fact: 'rd_expense', period: { year: 2024 } }, rev24] }, op: '>=', right: { percent: 3 } };
    const near = evaluate(rule, facts({ indicators: { rd_expense: { 2024: 287 }, operating_revenue: { 2024: 10000 } } })).explanation;
    expect(near).toMatchObject({ left: { value: 287, unit: 'bp' }, nearMiss: { absolute: 13, unit: 'bp' } });
    const undefinedRatio = evaluate(rule, facts({ indicators: { rd_expense: { 2024: 1 }, operating_revenue: { 2024: 0 } } })).explanation;
    expect(undefinedRatio).toMatchObject({ value: 'fail', left: { state: 'undefined', value: null } });
    expect(undefinedRatio).not.toHaveProperty('nearMiss');
  });

  it('list the missing facts of unknown leaves with their periods', () => {
    const rule: RuleNode = { all: [{ left: rev24, op: '>=', right: { wan: 1 } }, { left: { fact: 'employees', period: { latest: true } }, op: '>=', right: { people: 1 } }] };
    const result = evaluate(rule, facts());
    expect(result.outcome).toBe('unknown');
    const [first, second] = 'children' in result.explanation ? result.explanation.children : [];
    expect(first.missing).toEqual([{ fact: 'operating_revenue', period: '2024' }]);
    expect(second.missing).toEqual([{ fact: 'employees', period: '2024' }]);
  });

  it('mirror the rule: one node per rule node, with its path', () => {
    const rule: RuleNode = { any: [{ not: { value: { fact: 'town' }, in: ['A'] } }, { all: [{ industry: { sections: ['C'] } }] }] };
    const paths: string[] = [];
    const walk = (node: Explanation) => {
      paths.push(node.path);
      if ('children' in node) node.children.forEach(walk);
    };
    walk(evaluate(rule, facts()).explanation);
    expect(paths).toEqual(['', '/any/0', '/any/0/not', '/any/1', '/any/1/all/0']);
  });
});
