/**
 * The credit features of an enterprise (issue 8): numbers derived from its indicator values (the registry of
 * src/core/profile/indicators.ts) as of a reference year, grouped in the four dimensions of the assessment —
 * 纳税信用 (tax), 履约诚信 (obligations kept), 经营行为 (operations) and 场景特征 (scenario features).
 *
 * Both kinds of scorecard read these features: the expert scorecard bins them by hand, the trained scorecard
 * is trained on them (their codes are its feature names). A feature is missing (NaN) when the indicators it
 * needs are absent — or hidden, when a bank may see only the categories the enterprise consented to.
 *
 * Built column by column for a whole population ({@link FeatureMatrixBuilder}): the values are poured in as
 * they come from the database and no object is allocated per enterprise.
 */
import { FEN_PER_WAN } from '../money/money.ts';

export const CREDIT_DIMENSIONS = ['tax', 'obligation', 'operations', 'scenario'] as const;
export type CreditDimension = (typeof CREDIT_DIMENSIONS)[number];

export const CREDIT_DIMENSION_NAMES: Record<CreditDimension, { zh: string; en: string }> = {
  tax: { zh: '纳税信用', en: 'Tax credit' },
  obligation: { zh: '履约诚信', en: 'Obligation integrity' },
  operations: { zh: '经营行为', en: 'Business operations' },
  scenario: { zh: '场景特征', en: 'Scenario features' },
};

/** How a feature is made from the indicators' yearly values (y0 = the reference year, y1 the year before …). */
type Derivation =
  | { kind: 'latest'; indicator: string; scale?: number } // y0, else y1; divided by scale
  | { kind: 'sum3'; indicator: string } // y0 + y1 + y2 of the present ones; NaN when none is present
  | { kind: 'growth'; indicator: string } // (y0 / y1 − 1) × 100, in percent
  | { kind: 'share'; indicator: string; of: string } // latest(indicator) / latest(of) × 100, in percent
  | { kind: 'grade'; indicator: string; levels: Record<string, number> }
  | { kind: 'registry'; field: 'yearsInBusiness' };

export interface CreditFeatureDefinition {
  code: string;
  dimension: CreditDimension;
  nameZh: string;
  nameEn: string;
  /** How the value reads to a person: `{v}` is replaced by the value. */
  valueZh: string;
  valueEn: string;
  /** What would raise the score, shown with a reason code. */
  adviceZh: string;
  adviceEn: string;
  derivation: Derivation;
  /** Decimal places shown. */
  decimals: number;
}

const f = (def: CreditFeatureDefinition) => def;
const TAX_GRADE_LEVELS: Record<string, number> = { A: 4, B: 3, M: 2, C: 1, D: 0 };

/** The feature catalogue, in a fixed order (the column order of every feature matrix). */
export const CREDIT_FEATURES: readonly CreditFeatureDefinition[] = [
  f({ code: 'tax_grade', dimension: 'tax', nameZh: '纳税信用等级', nameEn: 'Tax credit grade', valueZh: '等级分 {v}（A=4，D=0）', valueEn: 'level {v} (A = 4, D = 0)', adviceZh: '按期申报缴税，争取纳税信用 A 级或 B 级', adviceEn: 'File and pay on time to reach tax credit grade A or B', derivation: { kind: 'grade', indicator: 'tax_credit_grade', levels: TAX_GRADE_LEVELS }, decimals: 0 }),
  f({ code: 'tax_paid_wan', dimension: 'tax', nameZh: '年纳税额', nameEn: 'Tax paid per year', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '依法足额纳税，纳税规模越大授信越充分', adviceEn: 'A larger, regular tax record supports a larger credit line', derivation: { kind: 'latest', indicator: 'tax_paid', scale: FEN_PER_WAN }, decimals: 1 }),
  f({ code: 'tax_growth_pct', dimension: 'tax', nameZh: '纳税额增长率', nameEn: 'Tax growth', valueZh: '{v}%', valueEn: '{v}%', adviceZh: '保持纳税额稳定增长', adviceEn: 'Keep tax paid stable or growing', derivation: { kind: 'growth', indicator: 'tax_paid' }, decimals: 1 }),
  f({ code: 'tax_arrears_wan', dimension: 'tax', nameZh: '欠缴税款', nameEn: 'Tax arrears', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '尽快清缴欠税', adviceEn: 'Pay the tax arrears', derivation: { kind: 'latest', indicator: 'tax_arrears', scale: FEN_PER_WAN }, decimals: 1 }),

  f({ code: 'loan_overdue_3y', dimension: 'obligation', nameZh: '近三年贷款逾期', nameEn: 'Loan overdue events, 3 years', valueZh: '{v} 次', valueEn: '{v} times', adviceZh: '按期还本付息，避免新的逾期', adviceEn: 'Repay on schedule; avoid new overdue events', derivation: { kind: 'sum3', indicator: 'loan_overdue_count' }, decimals: 0 }),
  f({ code: 'court_enforcements_3y', dimension: 'obligation', nameZh: '近三年被执行案件', nameEn: 'Court enforcements, 3 years', valueZh: '{v} 件', valueEn: '{v} cases', adviceZh: '履行生效判决，结清被执行案件', adviceEn: 'Settle the judgments enforced against you', derivation: { kind: 'sum3', indicator: 'court_enforcements' }, decimals: 0 }),
  f({ code: 'dishonest_debtor', dimension: 'obligation', nameZh: '失信被执行人', nameEn: 'Dishonest judgment debtor', valueZh: '{v}（1=是）', valueEn: '{v} (1 = listed)', adviceZh: '履行义务后申请移出失信名单', adviceEn: 'Fulfil the obligation and apply to be removed from the list', derivation: { kind: 'latest', indicator: 'dishonest_debtor' }, decimals: 0 }),
  f({ code: 'contract_defaults_3y', dimension: 'obligation', nameZh: '近三年合同违约', nameEn: 'Contract defaults, 3 years', valueZh: '{v} 次', valueEn: '{v} times', adviceZh: '按约履行合同', adviceEn: 'Perform contracts as agreed', derivation: { kind: 'sum3', indicator: 'contract_defaults' }, decimals: 0 }),
  f({ code: 'admin_penalties_3y', dimension: 'obligation', nameZh: '近三年行政处罚', nameEn: 'Administrative penalties, 3 years', valueZh: '{v} 次', valueEn: '{v} times', adviceZh: '合规经营，完成信用修复', adviceEn: 'Operate compliantly and complete credit repair', derivation: { kind: 'sum3', indicator: 'admin_penalties' }, decimals: 0 }),
  f({ code: 'utility_arrears_wan', dimension: 'obligation', nameZh: '水电气欠费', nameEn: 'Utility arrears', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '结清水电气欠费', adviceEn: 'Pay the water, power and gas arrears', derivation: { kind: 'latest', indicator: 'utility_arrears', scale: FEN_PER_WAN }, decimals: 2 }),
  f({ code: 'social_insurance_arrears_wan', dimension: 'obligation', nameZh: '社保欠费', nameEn: 'Social-insurance arrears', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '补缴社保欠费', adviceEn: 'Pay the social-insurance arrears', derivation: { kind: 'latest', indicator: 'social_insurance_arrears', scale: FEN_PER_WAN }, decimals: 2 }),

  f({ code: 'revenue_wan', dimension: 'operations', nameZh: '营业收入', nameEn: 'Operating revenue', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '扩大经营规模并如实申报收入', adviceEn: 'Grow sales and report revenue in full', derivation: { kind: 'latest', indicator: 'operating_revenue', scale: FEN_PER_WAN }, decimals: 1 }),
  f({ code: 'revenue_growth_pct', dimension: 'operations', nameZh: '营业收入增长率', nameEn: 'Revenue growth', valueZh: '{v}%', valueEn: '{v}%', adviceZh: '保持营业收入稳定增长', adviceEn: 'Keep revenue stable or growing', derivation: { kind: 'growth', indicator: 'operating_revenue' }, decimals: 1 }),
  f({ code: 'employees', dimension: 'operations', nameZh: '从业人数', nameEn: 'Employees', valueZh: '{v} 人', valueEn: '{v} people', adviceZh: '稳定用工规模', adviceEn: 'Keep a stable workforce', derivation: { kind: 'latest', indicator: 'employees' }, decimals: 0 }),
  f({ code: 'insured_share_pct', dimension: 'operations', nameZh: '社保参保率', nameEn: 'Insured share of staff', valueZh: '{v}%', valueEn: '{v}%', adviceZh: '为全部职工依法参保', adviceEn: 'Insure every employee', derivation: { kind: 'share', indicator: 'insured_employees', of: 'employees' }, decimals: 0 }),
  f({ code: 'years_in_business', dimension: 'operations', nameZh: '经营年限', nameEn: 'Years in business', valueZh: '{v} 年', valueEn: '{v} years', adviceZh: '持续稳定经营', adviceEn: 'Keep operating steadily', derivation: { kind: 'registry', field: 'yearsInBusiness' }, decimals: 1 }),

  f({ code: 'procurement_wins_3y', dimension: 'scenario', nameZh: '近三年政府采购中标', nameEn: 'Government procurement awards, 3 years', valueZh: '{v} 次', valueEn: '{v} awards', adviceZh: '参与政府采购，中标合同可作为履约能力证明', adviceEn: 'Bid for government procurement; awards show delivery capacity', derivation: { kind: 'sum3', indicator: 'gov_procurement_wins' }, decimals: 0 }),
  f({ code: 'electricity_trend_pct', dimension: 'scenario', nameZh: '用电量变化', nameEn: 'Electricity use trend', valueZh: '{v}%', valueEn: '{v}%', adviceZh: '用电平稳反映生产稳定，授权用能数据可获加分', adviceEn: 'Steady power use shows steady production; authorise energy data', derivation: { kind: 'growth', indicator: 'electricity_kwh' }, decimals: 1 }),
  f({ code: 'invention_patents', dimension: 'scenario', nameZh: '有效发明专利', nameEn: 'Invention patents in force', valueZh: '{v} 件', valueEn: '{v} patents', adviceZh: '加强研发，申请发明专利', adviceEn: 'Invest in R&D and file invention patents', derivation: { kind: 'latest', indicator: 'invention_patents' }, decimals: 0 }),
  f({ code: 'exports_wan', dimension: 'scenario', nameZh: '出口额', nameEn: 'Exports', valueZh: '{v} 万元', valueEn: '{v} ten-thousand yuan', adviceZh: '拓展外贸订单', adviceEn: 'Develop export orders', derivation: { kind: 'latest', indicator: 'exports', scale: FEN_PER_WAN }, decimals: 1 }),
];

export const CREDIT_FEATURE_CODES: readonly string[] = CREDIT_FEATURES.map((feature) => feature.code);
const FEATURE_INDEX = new Map(CREDIT_FEATURES.map((feature, index) => [feature.code, index]));

export function creditFeatureIndex(code: string): number {
  return FEATURE_INDEX.get(code) ?? -1;
}

export function findCreditFeature(code: string): CreditFeatureDefinition | undefined {
  const index = FEATURE_INDEX.get(code);
  return index === undefined ? undefined : CREDIT_FEATURES[index];
}

/** The indicator codes a feature is made from (none for registry features). */
export function indicatorsOfFeature(feature: CreditFeatureDefinition): string[] {
  const d = feature.derivation;
  if (d.kind === 'registry') return [];
  if (d.kind === 'share') return [d.indicator, d.of];
  return [d.indicator];
}

/** Every indicator code the features read. */
export const CREDIT_INDICATOR_CODES: readonly string[] = [...new Set(CREDIT_FEATURES.flatMap(indicatorsOfFeature))];
const INDICATOR_SLOT = new Map(CREDIT_INDICATOR_CODES.map((code, slot) => [code, slot]));
const GRADE_SLOTS = new Map(CREDIT_FEATURES.flatMap((feature) => (feature.derivation.kind === 'grade' ? [[feature.derivation.indicator, feature.derivation.levels] as const] : [])));

/** Years of history a feature looks at: the reference year and the two before it. */
const YEARS = 3;
const YEAR_LABEL = /^\d{4}$/;

/**
 * Collects the yearly indicator values of n enterprises (each with its own reference year) into typed arrays,
 * then derives the feature columns. `add` ignores indicators no feature needs, non-yearly periods and years
 * outside the window, so the caller may pour in everything it read.
 */
export class FeatureMatrixBuilder {
  readonly n: number;
  private readonly referenceYear: Int32Array;
  private readonly yearsInBusiness: Float64Array;
  /** [slot][row × YEARS + yearsAgo] */
  private readonly raw: Float64Array[];

  constructor(n: number, referenceYear: number | Int32Array) {
    this.n = n;
    this.referenceYear = typeof referenceYear === 'number' ? new Int32Array(n).fill(referenceYear) : referenceYear;
    this.yearsInBusiness = new Float64Array(n).fill(NaN);
    this.raw = CREDIT_INDICATOR_CODES.map(() => new Float64Array(n * YEARS).fill(NaN));
  }

  /** One value of one enterprise (row); grades as text, everything else as a number. */
  add(row: number, code: string, period: string, value: number | null, text: string | null): void {
    const slot = INDICATOR_SLOT.get(code);
    if (slot === undefined || !YEAR_LABEL.test(period)) return;
    const ago = this.referenceYear[row] - Number(period);
    if (ago < 0 || ago >= YEARS) return;
    let v = value ?? NaN;
    const levels = GRADE_SLOTS.get(code);
    if (levels) v = text !== null && text in levels ? levels[text] : NaN;
    this.raw[slot][row * YEARS + ago] = v;
  }

  /** Years since registration, from the registry (always visible: registry facts come with any access). */
  setRegisteredOn(row: number, registeredOn: string | null): void {
    if (!registeredOn) return;
    const year = Number(registeredOn.slice(0, 4));
    const month = Number(registeredOn.slice(5, 7));
    this.yearsInBusiness[row] = Math.max(0, this.referenceYear[row] + 1 - (year + (month - 1) / 12));
  }

  /** The feature columns, in CREDIT_FEATURES order (NaN = missing). */
  build(): Float64Array[] {
    const n = this.n;
    return CREDIT_FEATURES.map((feature) => {
      const column = new Float64Array(n);
      const d = feature.derivation;
      if (d.kind === 'registry') {
        column.set(this.yearsInBusiness);
        return column;
      }
      const raw = this.raw[INDICATOR_SLOT.get(d.indicator)!];
      const of = d.kind === 'share' ? this.raw[INDICATOR_SLOT.get(d.of)!] : raw;
      for (let row = 0; row < n; row++) {
        const base = row * YEARS;
        const y0 = raw[base];
        const y1 = raw[base + 1];
        const latest = y0 === y0 ? y0 : y1;
        let v = NaN;
        switch (d.kind) {
          case 'latest':
            v = latest / (d.scale ?? 1);
            break;
          case 'grade':
            v = latest;
            break;
          case 'sum3': {
            const y2 = raw[base + 2];
            if (y0 === y0 || y1 === y1 || y2 === y2) v = (y0 === y0 ? y0 : 0) + (y1 === y1 ? y1 : 0) + (y2 === y2 ? y2 : 0);
            break;
          }
          case 'growth':
            if (y0 === y0 && y1 === y1 && y1 > 0) v = (y0 / y1 - 1) * 100;
            break;
          case 'share': {
            const whole = of[base] === of[base] ? of[base] : of[base + 1];
            if (latest === latest && whole > 0) v = Math.min(100, (latest / whole) * 100);
            break;
          }
        }
        column[row] = v;
      }
      return column;
    });
  }
}

/** One enterprise's features as a record (feature code → value, NaN when missing). */
export function featuresOfRow(columns: readonly Float64Array[], row: number): Record<string, number> {
  const result: Record<string, number> = {};
  CREDIT_FEATURES.forEach((feature, index) => (result[feature.code] = columns[index][row]));
  return result;
}

/** A feature value as a person reads it, in zh or en ("无数据"/"no data" when missing). */
export function formatFeatureValue(feature: CreditFeatureDefinition, value: number, language: 'zh' | 'en'): string {
  if (!Number.isFinite(value)) return language === 'zh' ? '无数据' : 'no data';
  const text = value.toFixed(feature.decimals);
  return (language === 'zh' ? feature.valueZh : feature.valueEn).replace('{v}', text);
}
