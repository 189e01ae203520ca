/**
 * Random rules over every shape of the language and random enterprises with holes, zeros and values
 * exactly on thresholds, for the scalar = vector agreement test. Values come from small pools so
 * boundaries (equal to the bound, zero denominators, missing facts) are hit often.
 */
import { BUILT_IN_INDICATORS, type IndicatorDefinition } from '../../profile/indicators.ts';
import { buildFactCatalogue, SIZE_CLASSES, type FactCatalogue, type SizeClass } from '../catalogue.ts';
import type { CertificationRecord, EnterpriseFacts } from '../facts.ts';
import type { Constant, Expr, PeriodSpec, RuleNode } from '../schema.ts';
import { constantValue } from '../units.ts';
import { randomReviewNode } from '../review.ts';
import { randomDeclaredNode } from '../declared.ts';
import type { Prng } from '../../random/prng.ts';

/**
 * The built-in registry plus a quarterly and a monthly indicator, so every period kind is exercised.
 * They are derived from registry entries so they follow the registry's shape as it evolves.
 */
const like = (code: string): IndicatorDefinition => BUILT_IN_INDICATORS.find((indicator) => indicator.code === code)!;
export const TEST_INDICATORS: readonly IndicatorDefinition[] = [
  ...BUILT_IN_INDICATORS,
  { ...like('tax_paid'), code: 'vat_paid_q', nameZh: '季度增值税', nameEn: 'VAT paid (quarter)', periodicity: 'quarter' },
  { ...like('electricity_kwh'), code: 'power_m', nameZh: '月用电量', nameEn: 'Electricity (month)', periodicity: 'month' },
];

export const TEST_CATALOGUE: FactCatalogue = buildFactCatalogue(TEST_INDICATORS);

export const TEST_EVALUATION_DATE = '2025-06-30';
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const QUARTERS = ['2024Q3', '2024Q4', '2025Q1', '2025Q2'];
const MONTHS = ['2025-03', '2025-04', '2025-05', '2025-06'];
const MONEY = [0, 100_000_000, 500_000_000, 1_000_000_000, 2_000_000_000, 2_000_000_001, 5_000_000_000, -50_000_000];
const PEOPLE = [0, 5, 10, 20, 100, 300];
const COUNTS = [0, 1, 2, 5];
const KWH = [0, 1000, 50_000, 1_000_000];
const TOWNS = ['桂溪街道', '澄溪镇', '高峰镇', '新民镇'];
const TYPES = ['limited_company', 'joint_stock_company', 'sole_proprietorship'];
const GRADES = ['A', 'B', 'M', 'C', 'D'];
const INDUSTRIES = ['3011', 'C3011', '13', '4610', '0610', '5211', '6510', '7010', 'C', 'F', '702', 'X99'];
const CERTS = ['high_tech', 'tech_sme', 'specialized_sme'];

const MONEY_FACTS = ['operating_revenue', 'main_revenue', 'total_assets', 'rd_expense', 'tax_paid', 'taxable_income', 'industrial_output'];
const PEOPLE_FACTS = ['employees', 'science_staff', 'new_hires'];
const COUNT_FACTS = ['invention_patents', 'admin_penalties'];

type Quantity = 'fen' | 'person' | 'count' | 'kwh';

function yearPeriod(random: Prng): PeriodSpec {
  return random.weighted<PeriodSpec>([
    [{ year: random.pick([2022, 2023, 2024]) }, 3],
    [{ yearsAgo: random.int(0, 3) }, 3],
    [{ latest: true }, 1],
    [{ latest: true, maxAgo: random.int(0, 2) }, 1],
  ]);
}

function factOf(random: Prng, unit: Quantity): Expr {
  switch (unit) {
    case 'fen':
      return random.chance(0.08)
        ? { fact: 'vat_paid_q', period: random.chance(0.5) ? { quarter: random.pick(QUARTERS) } : random.chance(0.5) ? { quartersAgo: random.int(0, 2) } : { latest: true } }
        : random.chance(0.05)
          ? { fact: 'registered_capital' }
          : { fact: random.pick(MONEY_FACTS), period: yearPeriod(random) };
    case 'person':
      return { fact: random.pick(PEOPLE_FACTS), period: yearPeriod(random) };
    case 'count':
      return { fact: random.pick(COUNT_FACTS), period: yearPeriod(random) };
    case 'kwh':
      return random.chance(0.5)
        ? { fact: 'power_m', period: random.chance(0.5) ? { month: random.pick(MONTHS) } : random.chance(0.5) ? { monthsAgo: random.int(0, 2) } : { latest: true } }
        : { fact: 'electricity_kwh', period: yearPeriod(random) };
  }
}

function constantOf(random: Prng, unit: Quantity | 'bp' | 'years'): Constant {
  switch (unit) {
    case 'fen': {
      const value = random.pick(MONEY);
      return value % 1_000_000 === 0 && random.chance(0.5) ? { wan: value / 1_000_000 } : { fen: value };
    }
    case 'person':
      return { people: random.pick(PEOPLE) };
    case 'count':
      return { count: random.pick(COUNTS) };
    case 'kwh':
      return { kwh: random.pick(KWH) };
    case 'bp':
      return random.chance(0.5) ? { percent: random.pick([0, 3, 5, 10, 15, 50, 100, -10]) } : { bp: random.pick([0, 300, 2500, 5000, 10000, 20000]) };
    case 'years':
      return { years: random.int(0, 8) };
  }
}

/** A random numeric expression and its unit. */
function numericExpr(random: Prng): { expr: Expr; unit: Quantity | 'bp' | 'years' } {
  const unit = random.pick<Quantity>(['fen', 'fen', 'person', 'count', 'kwh']);
  switch (random.weighted<string>([['fact', 5], ['ratio', 2], ['growth', 1], ['change', 1], ['sum', 1], ['years', 1], ['param', 1]])) {
    case 'ratio': {
      const u = random.pick<Quantity>(['fen', 'person']);
      const num = random.chance(0.8) ? factOf(random, u) : constantOf(random, u);
      const den = random.chance(0.9) ? factOf(random, u) : constantOf(random, u);
      return { expr: { ratio: [num, den] }, unit: 'bp' };
    }
    case 'growth':
    case 'change': {
      const fact = random.pick(MONEY_FACTS);
      const from = { yearsAgo: random.int(1, 3) };
      const to = random.chance(0.7) ? { yearsAgo: from.yearsAgo - 1 } : { year: 2024 };
      return random.chance(0.5) ? { expr: { growth: { fact, from, to } }, unit: 'bp' } : { expr: { change: { fact, from, to } }, unit: 'fen' };
    }
    case 'sum':
      return { expr: { sum: [factOf(random, unit), factOf(random, unit), constantOf(random, unit)].slice(0, random.int(1, 3)) }, unit };
    case 'years':
      return { expr: { yearsSince: { fact: 'registered_on' } }, unit: 'years' };
    case 'param':
      return { expr: { param: 'industry_above_scale_line' }, unit: 'fen' };
    default:
      return { expr: factOf(random, unit), unit };
  }
}

const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;

function leaf(random: Prng): RuleNode {
  switch (random.weighted<string>([['compare', 8], ['between', 2], ['bands', 2], ['in', 3], ['is', 2], ['industry', 2], ['history', 3], ['certification', 3], ['review', 1], ['declared', 1]])) {
    case 'review':
      return randomReviewNode(random);
    case 'declared':
      return randomDeclaredNode(random);
    case 'between': {
      const { expr, unit } = numericExpr(random);
      const [a, b] = [constantOf(random, unit), constantOf(random, unit)].sort((x, y) => constantValue(x) - constantValue(y));
      const bounds = constantValue(a) === constantValue(b) ? '[]' : random.pick(['[]', '[)', '(]', '()'] as const);
      return { value: expr, between: [a, b], bounds };
    }
    case 'bands': {
      const value = random.chance(0.7)
        ? { ratio: [factOf(random, 'fen'), factOf(random, 'fen')] as [Expr, Expr] }
        : ({ fact: 'rd_expense', period: yearPeriod(random) } as Expr);
      const unit = 'ratio' in value ? 'bp' : 'fen';
      return {
        value,
        op: random.pick(OPS),
        by: factOf(random, 'fen'),
        bands: [
          { upTo: { wan: 500 }, inclusive: random.chance(0.5), bound: constantOf(random, unit) },
          { upTo: { wan: 2000 }, inclusive: random.chance(0.5), bound: constantOf(random, unit) },
          { bound: constantOf(random, unit) },
        ],
      };
    }
    case 'in': {
      const which = random.pick(['town', 'enterprise_type', 'size_class', 'tax_credit_grade']);
      if (which === 'town') return { value: { fact: 'town' }, in: TOWNS.filter(() => random.chance(0.5)).concat(TOWNS[0]) };
      if (which === 'enterprise_type') return { value: { fact: 'enterprise_type' }, in: [random.pick(TYPES)] };
      if (which === 'size_class') return { value: { fact: 'size_class', period: yearPeriod(random) }, in: SIZE_CLASSES.filter(() => random.chance(0.5)).concat('small') };
      return { value: { fact: 'tax_credit_grade', period: yearPeriod(random) }, in: GRADES.filter(() => random.chance(0.5)).concat('A') };
    }
    case 'is':
      return { value: { fact: random.pick(['dishonest_debtor', 'major_admin_penalty', 'above_scale']), period: yearPeriod(random) }, is: random.chance(0.5) };
    case 'industry':
      return random.chance(0.5)
        ? { industry: { divisionRanges: [['06', '46']] } }
        : { industry: { sections: random.chance(0.5) ? ['C'] : ['F', 'K'], prefixes: random.chance(0.5) ? ['30'] : ['7010', '702'] } };
    case 'history': {
      const test = random.pick(['firstEntry', 'entry', 'reEntry', 'heldConsecutive', 'everExited'] as const);
      return {
        history: 'above_scale',
        test,
        year: random.chance(0.5) ? { year: random.pick([2020, 2022, 2024]) } : { yearsAgo: random.int(0, 2) },
        ...(test === 'heldConsecutive' ? { years: random.int(1, 4) } : {}),
        ...(random.chance(0.5) ? { since: random.pick([2017, 2019, 2021]) } : {}),
      };
    }
    case 'certification': {
      const test = random.pick(['heldOn', 'awardedIn', 'firstAwardedIn', 'renewedIn', 'heldForYears'] as const);
      return {
        certification: random.pick(CERTS),
        test,
        ...(test === 'heldOn' || test === 'heldForYears' ? {} : { year: random.chance(0.5) ? { year: random.pick([2019, 2022, 2024]) } : { yearsAgo: random.int(0, 3) } }),
        ...(test === 'heldForYears' ? { years: random.int(1, 6) } : {}),
      };
    }
    default: {
      const { expr, unit } = numericExpr(random);
      const other = numericExpr(random);
      const right = random.chance(0.8) || other.unit !== unit ? constantOf(random, unit) : other.expr;
      return { left: expr, op: random.pick(OPS), right };
    }
  }
}

/** A random valid rule of up to `depth` levels of groups. */
export function randomRule(random: Prng, depth = 3): RuleNode {
  if (depth === 0 || random.chance(0.3)) return leaf(random);
  const children = Array.from({ length: random.int(1, 4) }, () => randomRule(random, depth - 1));
  switch (random.weighted<string>([['all', 4], ['any', 3], ['atLeast', 2], ['not', 1]])) {
    case 'all':
      return { all: children, clause: '全部' };
    case 'any':
      return { any: children };
    case 'atLeast':
      return { atLeast: random.int(1, children.length), of: children };
    default:
      return { not: children[0] };
  }
}

function maybe<T>(random: Prng, p: number, value: () => T): T | undefined {
  return random.chance(p) ? value() : undefined;
}

function certification(random: Prng): CertificationRecord {
  const year = random.int(2015, 2025);
  const awardedOn = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const expiresOn = random.chance(0.2) ? null : `${year + 3}-${awardedOn.slice(5)}`;
  return { code: random.pick(CERTS), awardedOn, expiresOn, isRenewal: random.chance(0.4) };
}

/** A random enterprise with missing values (≈ 25%), zeros and values on the bounds. */
export function randomEnterprise(random: Prng, id: string): EnterpriseFacts {
  const indicators: Record<string, Record<string, number | string>> = {};
  const put = (code: string, label: string, value: number | string | undefined) => {
    if (value === undefined) return;
    (indicators[code] ??= {})[label] = value;
  };
  for (const year of YEARS) {
    const label = String(year);
    for (const code of MONEY_FACTS) put(code, label, maybe(random, 0.75, () => random.pick(MONEY)));
    for (const code of PEOPLE_FACTS) put(code, label, maybe(random, 0.75, () => random.pick(PEOPLE)));
    for (const code of COUNT_FACTS) put(code, label, maybe(random, 0.7, () => random.pick(COUNTS)));
    put('electricity_kwh', label, maybe(random, 0.7, () => random.pick(KWH)));
    put('tax_credit_grade', label, maybe(random, 0.7, () => random.pick(GRADES)));
    put('dishonest_debtor', label, maybe(random, 0.7, () => (random.chance(0.1) ? 1 : 0)));
    put('major_admin_penalty', label, maybe(random, 0.7, () => (random.chance(0.1) ? 1 : 0)));
  }
  for (let year = 2015; year <= 2025; year++) put('above_scale', String(year), maybe(random, 0.8, () => (random.chance(0.4) ? 1 : 0)));
  for (const q of QUARTERS) put('vat_paid_q', q, maybe(random, 0.7, () => random.pick(MONEY)));
  for (const m of MONTHS) put('power_m', m, maybe(random, 0.7, () => random.pick(KWH)));
  const sizeClass: Record<string, SizeClass> = {};
  for (const year of YEARS) if (random.chance(0.7)) sizeClass[String(year)] = random.pick(SIZE_CLASSES);
  return {
    id,
    attributes: {
      industry_code: maybe(random, 0.85, () => random.pick(INDUSTRIES)) ?? null,
      town: maybe(random, 0.85, () => random.pick(TOWNS)) ?? null,
      enterprise_type: maybe(random, 0.8, () => random.pick(TYPES)) ?? null,
      registered_on: maybe(random, 0.85, () => `${random.int(2010, 2025)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`) ?? null,
      registered_capital: maybe(random, 0.7, () => random.pick(MONEY)) ?? null,
    },
    indicators,
    sizeClass,
    certifications: random.chance(0.8) ? Array.from({ length: random.int(0, 3) }, () => certification(random)) : null,
  };
}
