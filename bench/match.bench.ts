/**
 * County-wide policy matching benchmark: 100,000 synthetic enterprises × 100 realistic policies on one
 * core, against json-rules-engine evaluating the same rules on a sample of the same enterprises.
 *
 *   npx tsx bench/match.bench.ts            (BENCH_ENTERPRISES, BENCH_PEER_SAMPLE override the sizes)
 *   npm run bench:match -- --no-records     the same county and policies without the record-level counts
 *                                           (the records are drawn, so every other figure is identical, but not loaded)
 *
 * Prints figures as it goes; the last line is one JSON object with the headline numbers.
 */
import os from 'node:os';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { classifySize } from '../src/core/profile/size-class.ts';
import { assessAboveScale } from '../src/core/profile/above-scale.ts';
import { parseIndustryCode } from '../src/core/profile/industry-codes.ts';
import {
  BUILT_IN_PARAMETERS,
  CountyColumnsBuilder,
  DEFAULT_CATALOGUE,
  OUTCOMES,
  compilePrepared,
  countLeaves,
  evaluatePrepared,
  historySince,
  matchCounty,
  prepareRule,
  readFactValue,
  rematchEnterprise,
  validateRule,
  type BoundExpr,
  type BoundFact,
  type BoundNode,
  type CertificationRecord,
  type EnterpriseFacts,
  type Expr,
  type PeriodSpec,
  type PreparedRule,
  type RuleNode,
  type SizeClass,
} from '../src/core/rules/index.ts';
import { certificationTest, historyTest } from '../src/core/rules/logic.ts';
import { Prng } from '../src/core/random/prng.ts';
import { dateToYmd } from '../src/core/rules/units.ts';
import { evaluateRecords, type RecordRow } from '../src/core/rules/records.ts';

const NO_RECORDS = process.argv.includes('--no-records');
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const POLICIES = 100;
const PEER_SAMPLE = Math.min(ENTERPRISES, Number(process.env.BENCH_PEER_SAMPLE ?? 2_000));
const EVALUATION_DATE = '2025-03-31';
const YEAR = 2024; // the last complete year on the evaluation date
const WAN = 1_000_000;

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const rate = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

// =============================================================================================
// Synthetic county: industries, towns, three years of figures, above-scale history, certificates
// =============================================================================================

/** Sectors with their weight in the county, typical 2024 revenue (fen) and some 小类 codes. */
const SECTORS = [
  { name: 'manufacturing', weight: 22, median: 900 * WAN, codes: ['1310', '1320', '1391', '1512', '1513', '1761', '2110', '2614', '2710', '3011', '3021', '3311', '3360', '3434', '3670', '3831', '3963'] },
  { name: 'mining_power', weight: 2, median: 1500 * WAN, codes: ['1011', '4411', '4412', '4610'] },
  { name: 'wholesale', weight: 12, median: 600 * WAN, codes: ['5111', '5137', '5161', '5171', '5191'] },
  { name: 'retail', weight: 20, median: 150 * WAN, codes: ['5211', '5212', '5231', '5261', '5271'] },
  { name: 'construction', weight: 8, median: 700 * WAN, codes: ['4710', '4813', '4910', '5010'] },
  { name: 'agriculture', weight: 6, median: 120 * WAN, codes: ['0111', '0143', '0311', '0412', '0511'] },
  { name: 'transport', weight: 5, median: 300 * WAN, codes: ['5430', '5439', '5821', '5990'] },
  { name: 'hospitality', weight: 9, median: 120 * WAN, codes: ['6110', '6121', '6210', '6220', '6291'] },
  { name: 'it', weight: 3, median: 250 * WAN, codes: ['6411', '6511', '6520', '6531'] },
  { name: 'real_estate', weight: 2, median: 2000 * WAN, codes: ['7010', '7020', '7040'] },
  { name: 'business_services', weight: 6, median: 200 * WAN, codes: ['7111', '7211', '7221', '7251'] },
  { name: 'science', weight: 2, median: 200 * WAN, codes: ['7320', '7340', '7451', '7520'] },
  { name: 'resident_services', weight: 3, median: 80 * WAN, codes: ['8010', '8051', '8061', '8111'] },
].map((sector) => ({ ...sector, codes: sector.codes.filter((code) => parseIndustryCode(code).ok) }));

/** Dianjiang's towns and streets, the county seat streets holding most firms. */
const TOWNS: [string, number][] = [
  ['桂溪街道', 22], ['桂阳街道', 18], ['新民镇', 6], ['沙坪镇', 5], ['周嘉镇', 4], ['普顺镇', 4], ['永安镇', 3], ['高安镇', 4],
  ['高峰镇', 5], ['五洞镇', 3], ['澄溪镇', 5], ['太平镇', 3], ['鹤游镇', 3], ['坪山镇', 3], ['砚台镇', 3], ['曹回镇', 2],
  ['杠家镇', 2], ['包家镇', 2], ['白家镇', 2], ['永平镇', 2], ['三溪镇', 2], ['裴兴镇', 2], ['黄沙镇', 2], ['长龙镇', 2], ['大石乡', 1], ['沙河乡', 1],
];
const TYPES: [string, number][] = [['limited_company', 78], ['sole_proprietorship', 8], ['joint_stock_company', 5], ['partnership', 3], ['cooperative', 6]];
const GRADES: [string, number][] = [['A', 22], ['B', 46], ['M', 16], ['C', 11], ['D', 5]];
const DATA_YEARS = [YEAR - 2, YEAR - 1, YEAR];
const HISTORY_FROM = 2016;

function date(year: number, random: Prng): string {
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

/** One enterprise with realistic, correlated figures and holes. */
function makeEnterprise(random: Prng, index: number): EnterpriseFacts {
  const sector = random.weighted(SECTORS.map((s) => [s, s.weight] as const));
  const industryCode = random.pick(sector.codes);
  const registeredYear = Math.min(2025, Math.floor(1995 + 30 * Math.sqrt(random.next())));
  const registeredOn = date(registeredYear, random);
  const isIndustrial = sector.name === 'manufacturing' || sector.name === 'mining_power';
  const doesRd = random.chance(isIndustrial || sector.name === 'it' || sector.name === 'science' ? 0.45 : 0.08);
  const missing = (p = 0.04) => random.chance(p);
  const noStatistics = random.chance(0.08);

  // Revenue trajectory back from 2024, so the above-scale history is consistent with the figures.
  const revenueByYear = new Map<number, number>();
  let revenue = Math.round(random.logNormal(sector.median, 1.4));
  for (let year = YEAR; year >= Math.max(registeredYear, HISTORY_FROM); year--) {
    revenueByYear.set(year, revenue);
    revenue = Math.round(revenue / random.logNormal(1.07, 0.22));
  }
  const employees = Math.max(1, Math.round(random.logNormal(Math.max(3, (revenueByYear.get(YEAR) ?? 0) / (60 * WAN)), 0.7)));
  const indicators: Record<string, Record<string, number | string>> = {};
  const put = (code: string, year: number, value: number | string | null, p = 0.04) => {
    if (value === null || missing(p)) return;
    (indicators[code] ??= {})[String(year)] = value;
  };
  const sizeClass: Record<string, SizeClass> = {};
  const rdRatio = doesRd ? random.logNormal(0.03, 0.6) : 0;
  for (const year of DATA_YEARS) {
    if (year < registeredYear) continue;
    const operating = revenueByYear.get(year) ?? 0;
    const main = Math.round(operating * random.logNormal(0.94, 0.04));
    const staff = Math.max(1, Math.round(employees * random.logNormal(1, 0.1)));
    const assets = Math.round(operating * random.logNormal(0.9, 0.5));
    if (!noStatistics) {
      put('operating_revenue', year, operating);
      put('main_revenue', year, main);
      put('employees', year, staff);
      put('total_assets', year, assets);
      if (isIndustrial) put('industrial_output', year, Math.round(operating * random.logNormal(1.08, 0.06)));
    }
    put('insured_employees', year, Math.round(staff * random.logNormal(0.85, 0.15)));
    put('new_hires', year, Math.round(staff * random.logNormal(0.12, 0.6)));
    put('tax_paid', year, Math.round(operating * random.logNormal(0.035, 0.5)));
    put('taxable_income', year, Math.round(operating * random.logNormal(0.06, 0.8) * (random.chance(0.15) ? -1 : 1)), 0.1);
    put('rd_expense', year, doesRd ? Math.round(operating * rdRatio * random.logNormal(1, 0.15)) : random.chance(0.5) ? 0 : null);
    if (doesRd) put('science_staff', year, Math.max(1, Math.round(staff * random.logNormal(0.12, 0.5))));
    put('invention_patents', year, doesRd ? Math.floor(random.logNormal(1.5, 1)) : 0, 0.2);
    if (isIndustrial) put('electricity_kwh', year, Math.round((operating / 100) * random.logNormal(0.08, 0.6)));
    put('tax_credit_grade', year, random.weighted(GRADES));
    put('dishonest_debtor', year, random.chance(0.02) ? 1 : 0, 0.1);
    put('major_admin_penalty', year, random.chance(0.01) ? 1 : 0, 0.1);
    put('admin_penalties', year, random.chance(0.05) ? random.int(1, 4) : 0, 0.1);
    const size = classifySize({ industryCode, employees: staff, revenueFen: operating, assetsFen: assets }, `${year}-12-31`);
    if (size.sizeClass && !noStatistics) sizeClass[String(year)] = size.sizeClass;
  }
  // The statistics bureau's yearly above-scale status (四上), from the profile's own thresholds.
  for (let year = Math.max(registeredYear, HISTORY_FROM); year <= YEAR; year++) {
    const operating = revenueByYear.get(year) ?? 0;
    const assessment = assessAboveScale({
      industryCode,
      year,
      mainRevenueFen: Math.round(operating * 0.94),
      operatingRevenueFen: operating,
      hasConstructionQualification: sector.name === 'construction' && operating > 2000 * WAN,
      hasRealEstateDevelopment: industryCode === '7010',
    });
    put('above_scale', year, assessment.meetsThreshold === null ? null : assessment.meetsThreshold ? 1 : 0, 0.03);
  }
  const certifications: CertificationRecord[] = [];
  if (doesRd && (isIndustrial || sector.name === 'it' || sector.name === 'science') && random.chance(0.25)) {
    let awarded = random.int(Math.max(registeredYear + 1, 2014), YEAR);
    for (let renewal = false; awarded <= YEAR; renewal = true) {
      const on = date(awarded, random);
      certifications.push({ code: 'high_tech', awardedOn: on, expiresOn: `${awarded + 3}${on.slice(4)}`, isRenewal: renewal });
      if (!random.chance(0.7)) break;
      awarded += 3;
    }
  }
  if (doesRd && random.chance(0.35)) {
    for (let year = YEAR; year >= YEAR - 2 && random.chance(0.8); year--) certifications.push({ code: 'tech_sme', awardedOn: `${year}-05-20`, expiresOn: `${year + 1}-05-19`, isRenewal: year < YEAR });
  }
  if (isIndustrial && random.chance(0.05)) {
    const year = random.int(2019, YEAR);
    certifications.push({ code: 'specialized_sme', awardedOn: date(year, random), expiresOn: `${year + 3}-12-31`, isRenewal: false });
    if (random.chance(0.1)) certifications.push({ code: 'little_giant', awardedOn: date(Math.min(YEAR, year + 1), random), expiresOn: `${year + 4}-12-31`, isRenewal: false });
  }
  return {
    id: `E${String(index).padStart(7, '0')}`,
    attributes: {
      industry_code: missing(0.02) ? null : industryCode,
      town: random.weighted(TOWNS),
      enterprise_type: random.weighted(TYPES),
      registered_on: registeredOn,
      registered_capital: random.chance(0.05) ? null : Math.round(random.logNormal(100 * WAN, 1.2) / 1000) * 1000,
    },
    indicators,
    sizeClass,
    certifications,
  };
}

// =============================================================================================
// Policies: templates modelled on real clauses (standards §6), with random numbers and padding
// =============================================================================================

const fact = (code: string, period?: PeriodSpec): Expr => (period ? { fact: code, period } : { fact: code });
const lastYear = { yearsAgo: 1 };
const y = (year: number) => ({ year });

function policyTemplate(random: Prng, kind: number): RuleNode[] {
  const notDishonest: RuleNode = { not: { value: { fact: 'dishonest_debtor', period: { latest: true } }, is: true }, clause: '未被列入失信被执行人名单' };
  switch (kind) {
    case 0: // 2020-style 升规入统 subsidy (dianjiang.md), for the last year
      return [
        { industry: { divisionRanges: [['06', '46']] }, clause: '工业企业' },
        { value: { fact: 'size_class', period: y(YEAR) }, in: ['small', 'micro'], clause: '小型微型企业' },
        { left: fact('main_revenue', y(YEAR)), op: '>=', right: { param: 'industry_above_scale_line' }, clause: '主营业务收入2000万元以上' },
        { history: 'above_scale', test: 'firstEntry', year: y(YEAR), clause: '首次纳入规上统计' },
        notDishonest,
      ];
    case 1: // 高新技术企业认定奖励
      return [
        { any: [{ certification: 'high_tech', test: 'firstAwardedIn', year: lastYear }, { certification: 'high_tech', test: 'renewedIn', year: lastYear }] },
        {
          value: { ratio: [{ sum: [fact('rd_expense', y(YEAR - 2)), fact('rd_expense', y(YEAR - 1)), fact('rd_expense', y(YEAR))] }, { sum: [fact('operating_revenue', y(YEAR - 2)), fact('operating_revenue', y(YEAR - 1)), fact('operating_revenue', y(YEAR))] }] },
          op: '>=',
          by: fact('operating_revenue', y(YEAR)),
          bands: [{ upTo: { wan: 5000 }, inclusive: true, bound: { percent: 5 } }, { upTo: { yi: 2 }, inclusive: true, bound: { percent: 4 } }, { bound: { percent: 3 } }],
          clause: '近三年研发费用占销售收入比例',
        },
        { left: { ratio: [fact('science_staff', lastYear), fact('employees', lastYear)] }, op: '>=', right: { percent: 10 }, clause: '科技人员占职工总数10%以上' },
        { left: fact('invention_patents', { latest: true }), op: '>=', right: { count: random.int(1, 2) } },
        { not: { value: { fact: 'major_admin_penalty', period: lastYear }, is: true }, clause: '无重大行政处罚' },
      ];
    case 2: // 工业稳增长奖励
      return [
        { industry: { sections: ['B', 'C', 'D'] } },
        { left: { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: lastYear } }, op: '>=', right: { percent: random.pick([10, 15, 20]) }, clause: '营业收入增速' },
        { left: { change: { fact: 'industrial_output', from: { yearsAgo: 2 }, to: lastYear } }, op: '>=', right: { wan: random.pick([500, 1000, 5000]) }, clause: '新增产值' },
        { left: fact('tax_paid', lastYear), op: '>=', right: { wan: random.pick([20, 50, 100]) } },
        { atLeast: 2, of: [{ left: fact('employees', lastYear), op: '>=', right: { people: 50 } }, { left: fact('electricity_kwh', lastYear), op: '>=', right: { kwh: 500_000 } }, { left: fact('rd_expense', lastYear), op: '>', right: { fen: 0 } }] },
        { history: 'above_scale', test: 'heldConsecutive', year: lastYear, years: 2 },
      ];
    case 3: // 小型微利企业
      return [
        { left: fact('employees', lastYear), op: '<=', right: { people: 300 }, clause: '从业人数不超过300人' },
        { left: fact('total_assets', lastYear), op: '<=', right: { wan: 5000 }, clause: '资产总额不超过5000万元' },
        { value: fact('taxable_income', lastYear), between: [{ fen: 0 }, { wan: 300 }], bounds: '(]', clause: '应纳税所得额不超过300万元' },
        { not: { industry: { sections: ['J', 'K'] } }, clause: '非限制和禁止行业' },
        { value: { fact: 'enterprise_type' }, in: ['limited_company', 'joint_stock_company', 'sole_proprietorship'] },
      ];
    case 4: // 稳岗扩岗补贴
      return [
        { value: { fact: 'size_class', period: lastYear }, in: ['small', 'micro'] },
        {
          value: { ratio: [fact('new_hires', lastYear), fact('employees', lastYear)] },
          op: '>=',
          by: fact('employees', lastYear),
          bands: [{ upTo: { people: 100 }, inclusive: true, bound: { percent: 10 } }, { bound: { percent: 5 } }],
          clause: '新招用人数占职工10%以上（职工100人以上的5%）',
        },
        { left: fact('insured_employees', lastYear), op: '>=', right: { people: 5 } },
        { value: { fact: 'tax_credit_grade', period: lastYear }, in: ['A', 'B', 'M'] },
        notDishonest,
      ];
    case 5: // 专精特新奖励
      return [
        { any: [{ certification: 'specialized_sme', test: 'heldOn' }, { certification: 'little_giant', test: 'heldOn' }] },
        { left: { ratio: [fact('rd_expense', lastYear), fact('operating_revenue', lastYear)] }, op: '>=', right: { percent: 3 } },
        { value: fact('operating_revenue', lastYear), between: [{ wan: 1000 }, { yi: 4 }], bounds: '[)' },
        { left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years: 3 } },
        { any: [{ left: { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: lastYear } }, op: '>=', right: { percent: 5 } }, { left: fact('invention_patents', lastYear), op: '>=', right: { count: 2 } }] },
      ];
    case 6: {
      // 乡镇企业扶持
      const towns = TOWNS.map(([town]) => town).filter(() => random.chance(0.25));
      return [
        { value: { fact: 'town' }, in: towns.length ? towns : ['澄溪镇'] },
        { left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: random.pick([3, 5]) }, clause: '成立不满五年' },
        { any: [{ left: fact('operating_revenue', lastYear), op: '>=', right: { wan: 200 } }, { left: fact('employees', lastYear), op: '>=', right: { people: 20 } }] },
        notDishonest,
        { value: { fact: 'enterprise_type' }, in: ['limited_company', 'sole_proprietorship', 'cooperative'] },
      ];
    }
    case 7: // 限上商贸
      return [
        {
          any: [
            { all: [{ industry: { prefixes: ['51'] } }, { left: fact('main_revenue', lastYear), op: '>=', right: { param: 'wholesale_above_quota_line' } }] },
            { all: [{ industry: { prefixes: ['52'] } }, { left: fact('main_revenue', lastYear), op: '>=', right: { param: 'retail_above_quota_line' } }] },
            { all: [{ industry: { prefixes: ['61', '62'] } }, { left: fact('main_revenue', lastYear), op: '>=', right: { wan: 200 } }] },
          ],
        },
        { left: { growth: { fact: 'main_revenue', from: { yearsAgo: 2 }, to: lastYear } }, op: '>=', right: { percent: 10 } },
        { history: 'above_scale', test: random.chance(0.5) ? 'entry' : 'reEntry', year: lastYear },
        { value: { fact: 'tax_credit_grade', period: { latest: true } }, in: ['A', 'B'] },
      ];
    case 8: // 科技型中小企业研发补助
      return [
        { certification: 'tech_sme', test: 'heldOn' },
        { left: { sum: [fact('rd_expense', { yearsAgo: 2 }), fact('rd_expense', lastYear)] }, op: '>=', right: { wan: random.pick([50, 100, 200]) } },
        { left: { ratio: [{ sum: [fact('rd_expense', { yearsAgo: 2 }), fact('rd_expense', lastYear)] }, { sum: [fact('operating_revenue', { yearsAgo: 2 }), fact('operating_revenue', lastYear)] }] }, op: '>=', right: { percent: 5 } },
        { left: fact('science_staff', lastYear), op: '>=', right: { people: 5 } },
        { not: { value: { fact: 'major_admin_penalty', period: lastYear }, is: true } },
      ];
    default: // 规上企业持续贡献
      return [
        { history: 'above_scale', test: 'heldConsecutive', year: lastYear, years: 3 },
        { not: { history: 'above_scale', test: 'everExited', year: lastYear }, clause: '未中途退规' },
        { left: fact('tax_paid', lastYear), op: '>=', right: { wan: random.pick([50, 100, 300]) } },
        { value: { fact: 'tax_credit_grade', period: { latest: true } }, in: ['A'] },
        { left: fact('registered_capital'), op: '>=', right: { wan: 100 } },
      ];
  }
}

/** Extra clauses seen in many policies, to bring a policy to its size. */
function padding(random: Prng): RuleNode {
  switch (random.int(0, 9)) {
    case 0:
      return { not: { value: { fact: 'major_admin_penalty', period: lastYear }, is: true } };
    case 1:
      return { value: { fact: 'tax_credit_grade', period: lastYear }, in: ['A', 'B', 'M'] };
    case 2:
      return { left: fact('registered_capital'), op: '>=', right: { wan: random.pick([10, 50, 100]) } };
    case 3:
      return { left: fact('employees', { latest: true }), op: '>=', right: { people: random.pick([3, 5, 10]) } };
    case 4:
      return { left: fact('operating_revenue', lastYear), op: '>', right: { wan: random.pick([0, 100, 500]) } };
    case 5:
      return { left: fact('admin_penalties', lastYear), op: '<=', right: { count: 2 } };
    case 6:
      return { left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years: 1 } };
    case 7:
      return { not: { value: { fact: 'town' }, in: ['大石乡'] } };
    case 8:
      return { left: fact('insured_employees', lastYear), op: '>=', right: { people: random.pick([1, 3, 10]) } };
    default:
      return { left: fact('tax_paid', { latest: true, maxAgo: 2 }), op: '>', right: { fen: 0 } };
  }
}

/**
 * Record-level counts (issue 12): a tenth of the policies count the enterprise's employee records,
 * e.g. "本年度新招用高校毕业生（劳动合同≥12个月）N人以上", with a few distinct selections so the
 * aggregates are not all one memoised column.
 */
function recordClause(random: Prng, index: number): RuleNode {
  const months = [12, 12, 24, 6][index % 4];
  return {
    left: {
      records: 'employee',
      agg: 'count',
      within: { field: 'hired_on', period: { yearsAgo: index % 3 === 0 ? 1 : 0 } },
      where: { all: [{ field: 'is_graduate', is: true }, { field: 'contract_months', op: '>=', value: months }] },
    },
    op: '>=',
    right: { people: random.int(1, 4) },
  } as unknown as RuleNode;
}

/** Employee records: 10 per enterprise on average (0–20), 3% of enterprises without data. */
function makeEmployees(random: Prng, id: string): RecordRow[] | null {
  if (random.chance(0.03)) return null;
  const count = random.int(0, 20);
  const rows: RecordRow[] = [];
  for (let r = 0; r < count; r++) {
    const year = random.int(2019, 2025);
    rows.push({
      id: `${id}-${r}`,
      values: {
        hired_on: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        contract_months: random.pick([6, 12, 24, 36, 60]),
        is_graduate: random.chance(0.3),
        social_insurance: random.chance(0.9),
      },
    });
  }
  return rows;
}

function makePolicy(random: Prng, index: number): RuleNode {
  const clauses = policyTemplate(random, index % 10);
  if (index % 10 === 7) {
    const clause = recordClause(random, Math.floor(index / 10));
    if (!NO_RECORDS) clauses.push(clause);
  }
  const target = random.int(5, 15);
  const rule: RuleNode = { all: clauses, clause: `policy ${index}` };
  while (countLeaves(rule) < target) clauses.push(padding(random));
  return rule;
}

// =============================================================================================
// The peer: json-rules-engine on the same rules. Plain facts are its native facts (flattened as
// "code@period"); comparisons, sets, all/any/not and bands are native conditions; computed values
// (ratios, growth, sums, `latest`), histories and certifications are its dynamic facts; industry
// sets a custom operator. Periods are resolved once, as for our engine.
// =============================================================================================

interface PeerCompilation {
  exprs: BoundExpr[];
  histories: Extract<BoundNode, { k: 'history' }>[];
  certifications: Extract<BoundNode, { k: 'certification' }>[];
  industries: Extract<BoundNode, { k: 'industry' }>[];
}

const PEER_OP: Record<string, string> = { '>=': 'greaterThanInclusive', '>': 'greaterThan', '<=': 'lessThanInclusive', '<': 'lessThan', '==': 'equal', '!=': 'notEqual' };

type PeerCondition = TopLevelCondition | { fact: string; operator: string; value: unknown; params?: Record<string, unknown> };

function peerValue(expr: BoundExpr, table: PeerCompilation): { fact: string; params?: Record<string, unknown> } | number {
  if (expr.k === 'const') return expr.value;
  if (expr.k === 'fact' && (expr.period === null || expr.period.kind === 'fixed')) return { fact: expr.period === null ? expr.def.code : `${expr.def.code}@${expr.period.label}` };
  table.exprs.push(expr);
  return { fact: 'value', params: { id: table.exprs.length - 1 } };
}

function comparison(left: BoundExpr, op: string, right: BoundExpr, table: PeerCompilation): PeerCondition {
  const l = peerValue(left, table);
  const r = peerValue(right, table);
  if (typeof l === 'number') {
    // Keep the fact on the left: a constant on the left flips the operator.
    const flipped: Record<string, string> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', '==': '==', '!=': '!=' };
    return { ...(r as object), operator: PEER_OP[flipped[op]], value: l } as PeerCondition;
  }
  return { ...l, operator: PEER_OP[op], value: r } as PeerCondition;
}

function toPeer(node: BoundNode, table: PeerCompilation): PeerCondition {
  switch (node.k) {
    case 'all':
      return { all: node.children.map((c) => toPeer(c, table)) } as TopLevelCondition;
    case 'any':
      return { any: node.children.map((c) => toPeer(c, table)) } as TopLevelCondition;
    case 'not':
      return { not: toPeer(node.child, table) } as TopLevelCondition;
    case 'atLeast': {
      // No counting in json-rules-engine: any of the k-combinations, each all of its members.
      const combos: BoundNode[][] = [];
      const pick = (start: number, chosen: BoundNode[]) => {
        if (chosen.length === node.n) return void combos.push(chosen);
        for (let i = start; i < node.children.length; i++) pick(i + 1, [...chosen, node.children[i]]);
      };
      pick(0, []);
      return { any: combos.map((combo) => ({ all: combo.map((c) => toPeer(c, table)) })) } as TopLevelCondition;
    }
    case 'compare':
      return comparison(node.left, node.opText, node.right, table);
    case 'between':
      return { all: [comparison(node.value, node.minInclusive ? '>=' : '>', node.min, table), comparison(node.value, node.maxInclusive ? '<=' : '<', node.max, table)] } as TopLevelCondition;
    case 'bands': {
      const options: PeerCondition[] = node.bands.map((band, j) => {
        const conditions: PeerCondition[] = [];
        const previous = j > 0 ? node.bands[j - 1] : null;
        if (previous?.upTo) conditions.push(comparison(node.by, previous.inclusive ? '>' : '>=', previous.upTo, table));
        if (band.upTo) conditions.push(comparison(node.by, band.inclusive ? '<=' : '<', band.upTo, table));
        conditions.push(comparison(node.value, node.opText, band.bound, table));
        return { all: conditions } as TopLevelCondition;
      });
      return { any: options } as TopLevelCondition;
    }
    case 'in': {
      const value = peerValue(node.value, table);
      return { ...(value as object), operator: 'in', value: node.set } as PeerCondition;
    }
    case 'is':
      return { ...(peerValue(node.value, table) as object), operator: 'equal', value: node.expected ? 1 : 0 } as PeerCondition;
    case 'industry':
      table.industries.push(node);
      return { fact: 'industry_code', operator: 'industryIn', value: table.industries.length - 1 };
    case 'history':
      table.histories.push(node);
      return { fact: 'history', params: { id: table.histories.length - 1 }, operator: 'equal', value: true };
    case 'certification':
      table.certifications.push(node);
      return { fact: 'certification', params: { id: table.certifications.length - 1 }, operator: 'equal', value: true };
    case 'review':
      // A reviewer-judged criterion is undecided county-wide: never true for the peer engine either.
      return { fact: 'review_pending', operator: 'equal', value: true } as PeerCondition;
    case 'declared':
      // A declaration exists only on an application: never true county-wide.
      return { fact: 'declaration_pending', operator: 'equal', value: true } as PeerCondition;
  }
}

/** Computes a numeric expression from the record for the peer's dynamic fact; undefined when missing. */
function peerCompute(expr: BoundExpr, record: EnterpriseFacts, evaluationYmd: number): number | undefined {
  const read = (f: BoundFact): number | undefined => {
    if (f.period === null) {
      const raw = readFactValue(record, f.def.code, null);
      if (typeof raw === 'string' && f.def.unit === 'date') return dateToYmd(raw);
      return typeof raw === 'number' ? raw : undefined;
    }
    if (f.period.kind === 'fixed') {
      const raw = readFactValue(record, f.def.code, f.period.label);
      return typeof raw === 'number' ? raw : undefined;
    }
    const labels = Object.keys(record.indicators[f.def.code] ?? {}).filter((l) => l <= (f.period as { max: string }).max).sort().reverse();
    for (const label of labels) {
      const raw = readFactValue(record, f.def.code, label);
      if (typeof raw === 'number') return raw;
    }
    return undefined;
  };
  switch (expr.k) {
    case 'const':
      return expr.value;
    case 'fact':
      return read(expr);
    case 'ratio': {
      const n = peerCompute(expr.num, record, evaluationYmd);
      const d = peerCompute(expr.den, record, evaluationYmd);
      return n === undefined || d === undefined || d === 0 ? undefined : (n / d) * 10000;
    }
    case 'growth':
    case 'change': {
      const from = read(expr.from);
      const to = read(expr.to);
      if (from === undefined || to === undefined) return undefined;
      if (expr.k === 'change') return to - from;
      return from === 0 ? undefined : ((to - from) / from) * 10000;
    }
    case 'sum': {
      let total = 0;
      for (const term of expr.terms) {
        const value = peerCompute(term, record, evaluationYmd);
        if (value === undefined) return undefined;
        total += value;
      }
      return total;
    }
    case 'yearsSince': {
      const on = read(expr.of);
      return on === undefined ? undefined : Math.floor((evaluationYmd - on) / 10000);
    }
    case 'records': {
      const { value } = evaluateRecords(expr, record);
      return value.s === 0 ? (value.n / value.d) * (expr.unit === 'bp' ? 10000 : 1) : undefined;
    }
  }
}

function flatten(record: EnterpriseFacts): Record<string, unknown> {
  const flat: Record<string, unknown> = { __record: record };
  for (const [key, value] of Object.entries(record.attributes)) if (value !== null && value !== undefined) flat[key] = value;
  for (const [code, values] of Object.entries(record.indicators)) for (const [label, value] of Object.entries(values)) flat[`${code}@${label}`] = value;
  for (const [label, value] of Object.entries(record.sizeClass ?? {})) flat[`size_class@${label}`] = value;
  return flat;
}

function buildPeer(prepared: readonly PreparedRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const table: PeerCompilation = { exprs: [], histories: [], certifications: [], industries: [] };
  prepared.forEach((rule, i) => {
    const root = toPeer(rule.root, table);
    const conditions = ('all' in root || 'any' in root || 'not' in root ? root : { all: [root] }) as TopLevelCondition;
    engine.addRule({ conditions, event: { type: `policy-${i}` }, name: `policy-${i}` });
  });
  const evaluationYmd = prepared[0].date.ymd;
  const recordOf = async (almanac: { factValue: (id: string) => Promise<unknown> }) => (await almanac.factValue('__record')) as EnterpriseFacts;
  engine.addFact('value', async (params, almanac) => peerCompute(table.exprs[params.id as number], await recordOf(almanac), evaluationYmd));
  engine.addFact('history', async (params, almanac) => {
    const node = table.histories[params.id as number];
    const record = await recordOf(almanac);
    const since = historySince(node.since, record.attributes.registered_on);
    const first = Math.min(node.since, node.year - 1, node.year - node.years + 1);
    const values: number[] = [];
    for (let year = first; year <= node.year; year++) {
      const raw = readFactValue(record, node.fact.code, String(year));
      values.push(typeof raw === 'number' ? (raw !== 0 ? 1 : 0) : 2);
    }
    return historyTest(node.test, values, first, since, node.year, node.years) === 1;
  });
  engine.addFact('certification', async (params, almanac) => {
    const node = table.certifications[params.id as number];
    const records = ((await recordOf(almanac)).certifications ?? []).filter((c) => c.code === node.code);
    const arrays = {
      codes: records.map(() => 1),
      awardedOn: records.map((c) => dateToYmd(c.awardedOn)),
      expiresOn: records.map((c) => (c.expiresOn ? dateToYmd(c.expiresOn) : 0)),
      isRenewal: records.map((c) => (c.isRenewal ? 1 : 0)),
    };
    return certificationTest(node.test, arrays, 0, records.length, 1, evaluationYmd, node.year, node.years) === 1;
  });
  engine.addOperator('industryIn', (code: unknown, id: unknown) => typeof code === 'string' && table.industries[id as number].match(code) === 1);
  return engine;
}

// =============================================================================================
// Run
// =============================================================================================

async function main(): Promise<void> {
  log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (${os.cpus().length} cores)${NO_RECORDS ? ' — --no-records' : ''}`);
  log(`policy matching benchmark — ${ENTERPRISES.toLocaleString('en-US')} enterprises × ${POLICIES} policies, peer sample ${PEER_SAMPLE.toLocaleString('en-US')}, Node ${process.version}`);

  // 1. Data, fed row by row into the column builder as the server does from SQL rows.
  const random = new Prng(20210318);
  const builder = new CountyColumnsBuilder(DEFAULT_CATALOGUE, ENTERPRISES);
  const sample: EnterpriseFacts[] = [];
  let values = 0;
  let records = 0;
  let started = performance.now();
  for (let i = 0; i < ENTERPRISES; i++) {
    const enterprise = makeEnterprise(random, i);
    const row = builder.addEnterprise(enterprise.id!, enterprise.attributes);
    for (const [code, byPeriod] of Object.entries(enterprise.indicators)) {
      for (const [label, value] of Object.entries(byPeriod)) {
        builder.setFact(row, code, label, value);
        values++;
      }
    }
    for (const [label, size] of Object.entries(enterprise.sizeClass ?? {})) builder.setFact(row, 'size_class', label, size);
    builder.setCertificationsKnown(row);
    for (const certification of enterprise.certifications ?? []) builder.addCertification(row, certification);
    const employees = makeEmployees(random, enterprise.id!);
    if (employees && !NO_RECORDS) {
      builder.setRecordsKnown(row, 'employee');
      for (const record of employees) builder.addRecord(row, 'employee', record);
      records += employees.length;
      enterprise.records = { employee: employees };
    }
    if (i < PEER_SAMPLE) sample.push(enterprise);
    if ((i + 1) % Math.max(1, Math.floor(ENTERPRISES / 10)) === 0) log(`  building enterprises ${(i + 1).toLocaleString('en-US')}/${ENTERPRISES.toLocaleString('en-US')} (${seconds(performance.now() - started)})`);
  }
  const columns = builder.build();
  log(`data: ${values.toLocaleString('en-US')} indicator values in ${columns.columns.size} columns, ${records.toLocaleString('en-US')} employee records, built in ${seconds(performance.now() - started)}`);

  // 2. Policies: validated, prepared and compiled once.
  const policyRandom = new Prng(43);
  const rules = Array.from({ length: POLICIES }, (_, i) => makePolicy(policyRandom, i));
  for (const [i, rule] of rules.entries()) {
    const problems = validateRule(rule, DEFAULT_CATALOGUE, { params: BUILT_IN_PARAMETERS });
    if (problems.length) throw new Error(`policy ${i} is invalid: ${JSON.stringify(problems)}`);
  }
  started = performance.now();
  const prepared = rules.map((rule) => prepareRule(rule, { evaluationDate: EVALUATION_DATE, params: BUILT_IN_PARAMETERS }));
  const compiled = prepared.map(compilePrepared);
  const leaves = prepared.reduce((sum, rule) => sum + rule.leafCount, 0);
  const recordPolicies = rules.filter((rule) => JSON.stringify(rule).includes('"records"')).length;
  log(`policies: ${POLICIES} (${recordPolicies} with record-level counts), ${leaves} clauses (${Math.min(...prepared.map((p) => p.leafCount))}–${Math.max(...prepared.map((p) => p.leafCount))} per policy), compiled in ${seconds(performance.now() - started)}`);

  // 3. Full match on one core: one cold run, then the median of three.
  started = performance.now();
  let results = matchCounty(compiled, columns);
  log(`full match (cold): ${seconds(performance.now() - started)}`);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    started = performance.now();
    results = matchCounty(compiled, columns);
    runs.push(performance.now() - started);
  }
  const fullMatchSeconds = runs.sort((a, b) => a - b)[1] / 1000;
  const pairs = ENTERPRISES * POLICIES;
  const clauseEvaluationsPerSecond = (leaves * ENTERPRISES) / fullMatchSeconds;
  const totals = [0, 0, 0];
  for (const result of results) for (let i = 0; i < result.length; i++) totals[result[i]]++;
  log(`full match (median of 3): ${fullMatchSeconds.toFixed(3)} s — ${rate(pairs / fullMatchSeconds)} enterprise-policy pairs/s, ${rate(clauseEvaluationsPerSecond)} clause evaluations/s`);
  log(`  outcomes: ${rate(totals[1])} eligible, ${rate(totals[0])} ineligible, ${rate(totals[2])} unknown (${((100 * totals[2]) / pairs).toFixed(1)}%)`);

  // 4. The scalar path agrees with the vector path on the sample.
  started = performance.now();
  let disagreements = 0;
  for (let i = 0; i < Math.min(500, sample.length); i++) {
    prepared.forEach((rule, r) => {
      if (evaluatePrepared(rule, sample[i]).outcome !== OUTCOMES[results[r][i]]) disagreements++;
    });
  }
  log(`check: scalar = vector on ${Math.min(500, sample.length)} enterprises × ${POLICIES} policies with explanations: ${disagreements} disagreements (${seconds(performance.now() - started)})`);
  if (disagreements > 0) throw new Error('scalar and vector engines disagree');

  // 5. Incremental re-match of one enterprise across all policies (scalar path).
  const times: number[] = [];
  for (let r = 0; r < 200; r++) {
    started = performance.now();
    rematchEnterprise(prepared, sample[r % sample.length]);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  log(`incremental re-match of one enterprise × ${POLICIES} policies: median ${times[100].toFixed(3)} ms, p95 ${times[190].toFixed(3)} ms`);

  // 6. The peer on the sample.
  const engine = buildPeer(prepared);
  const flats = sample.map(flatten);
  for (let i = 0; i < Math.min(50, flats.length); i++) await engine.run(flats[i]); // warm-up
  started = performance.now();
  let peerEligible = 0;
  let agreeDecided = 0;
  let decided = 0;
  for (let i = 0; i < flats.length; i++) {
    const { events } = await engine.run(flats[i]);
    const passed = new Set(events.map((event) => event.type));
    peerEligible += passed.size;
    for (let r = 0; r < POLICIES; r++) {
      const ours = results[r][i];
      if (ours === 2) continue;
      decided++;
      if ((ours === 1) === passed.has(`policy-${r}`)) agreeDecided++;
    }
    if ((i + 1) % Math.max(1, Math.floor(flats.length / 4)) === 0) log(`  peer: ${(i + 1).toLocaleString('en-US')}/${flats.length.toLocaleString('en-US')} enterprises (${seconds(performance.now() - started)})`);
  }
  const peerSeconds = (performance.now() - started) / 1000;
  const peerEvaluationsPerSecond = (flats.length * POLICIES) / peerSeconds;
  log(`peer json-rules-engine: ${rate(flats.length * POLICIES)} enterprise-policy evaluations in ${peerSeconds.toFixed(3)} s — ${rate(peerEvaluationsPerSecond)} /s (${peerEligible} eligible)`);
  log(`  peer agrees on ${((100 * agreeDecided) / Math.max(1, decided)).toFixed(2)}% of the results our engine decides (it has no unknown: a missing fact just fails its condition)`);
  const speedup = pairs / fullMatchSeconds / peerEvaluationsPerSecond;
  log(`speedup: ${speedup.toFixed(1)}× per enterprise-policy evaluation`);

  console.log(
    JSON.stringify({
      enterprises: ENTERPRISES,
      policies: POLICIES,
      fullMatchSeconds: Number(fullMatchSeconds.toFixed(4)),
      clauseEvaluationsPerSecond: Math.round(clauseEvaluationsPerSecond),
      peerEvaluationsPerSecond: Math.round(peerEvaluationsPerSecond),
      speedup: Number(speedup.toFixed(1)),
      recordPolicies,
      records,
      noRecords: NO_RECORDS,
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    }),
  );
}

await main();
