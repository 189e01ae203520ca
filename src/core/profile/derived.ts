/**
 * The derived profile: tags computed from an enterprise's attributes and yearly indicators, each with the
 * inputs it used and a reason in Chinese and English, so a page can say why an enterprise is "small",
 * "above scale" or "in decline".
 *
 * Conventions shared by every derivation (documented here once):
 * - A year is complete when it has ended before the evaluation date's year: with an evaluation date in
 *   2025 the latest complete year is 2024. Yearly facts are read from period labels "YYYY".
 * - Each tag uses the latest complete year in which its own inputs have data, and states that year.
 *   Facts are never mixed across years within one tag.
 * - Revenue: 主营业务收入 (`main_revenue`) for the industries whose statistics report it — 工业, 批发,
 *   零售, 住宿, 餐饮 (the same five the 四上 lines measure on it) — falling back to 营业收入
 *   (`operating_revenue`) when it is absent, because 营业收入 is the standard's own Y and many tax-sourced
 *   records carry only it. Other industries use 营业收入 only: 主营业务收入 would understate them.
 *   For trends the same figure is used in every year compared; the figure with the most recent data wins,
 *   ties going to the preferred one.
 * - Employees: period-end `employees`, falling back to the annual average `employees_avg`, as the
 *   size-class standard says; for changes both years must use the same figure.
 * - Growth rates are basis points of the previous year, rounded half up; null when either year is
 *   missing or the base is 0 or negative (a rate over a non-positive base means nothing).
 * - Indicator values are integers by the registry; a non-integer, text in a numeric indicator or a
 *   negative head count is treated as absent, so one bad record never stops a batch.
 * - Above scale: the statistics bureau's status (`above_scale`, any year up to the evaluation year) wins
 *   when it is at least as recent as the figures; otherwise "meets the line" is judged from the latest
 *   figures the industry's line reads (revenue, construction qualification or development activity).
 *   The history tags (first entry, years held, exits) come only from the official status.
 *
 * Life-cycle stage, in order of precedence:
 * 1. 初创 startup: fewer than 3 whole years since registration.
 * 2. 衰退 decline: revenue fell two years in a row (R[y] < R[y−1] < R[y−2]).
 * 3. 成长 growth: revenue grew ≥ 15% on the previous year, or rose from zero.
 * 4. 成熟 mature: otherwise, given revenue for the latest two years and positive in the latest.
 * Undetermined (null) when the registration date is missing or after the evaluation date, or revenue data
 * is too thin to apply rules 2–4.
 *
 * The enterprise `type` is accepted for future rules; no current derivation depends on it.
 *
 * Everything is plain data in and out; the tables behind it are precomputed at module load so the function
 * can run over 100k enterprises in one batch.
 */
import { formatFen, ratioBp } from '../money/money.ts';
import { aboveScaleHistory, assessAboveScale, type AboveScaleAssessment, type AboveScaleHistory } from './above-scale.ts';
import { formatBp, groupDigits } from './format.ts';
import { parsePeriod, type IndicatorDefinition } from './indicators.ts';
import { SIZE_CLASS_NAMES, classifySize, sizeGroupOf, type SizeClassResult, type SizeGroupId } from './size-class.ts';

/** A value of an indicator for a period: integers for numeric units, text for grades. */
export type IndicatorValue = number | string | null;

/** indicator code → period label ("2024", "2024Q3", "2024-07") → value. */
export type IndicatorValues = Readonly<Record<string, Readonly<Record<string, IndicatorValue>> | undefined>>;

export interface DeriveProfileInput {
  /** GB/T 4754-2017 code, the finest known. */
  industryCode: string | null;
  /** Registration date (成立日期), ISO YYYY-MM-DD. */
  registeredOn: string | null;
  /** Enterprise type (企业类型); not used by the current derivations. */
  type?: string | null;
  indicators: IndicatorValues;
  /** ISO YYYY-MM-DD. */
  evaluationDate: string;
}

export interface DerivedTagInput {
  code: string;
  period?: string;
  value: number | string | null;
}

export interface DerivedTag {
  key: string;
  value: string | number | boolean | null;
  /** The tag as shown to people, e.g. "小型企业", "营业收入同比 +23.45%". */
  labelZh: string;
  labelEn: string;
  reasonZh: string;
  reasonEn: string;
  inputs: DerivedTagInput[];
}

export type LifecycleStage = 'startup' | 'growth' | 'mature' | 'decline';

export const LIFECYCLE_STAGE_NAMES: Readonly<Record<LifecycleStage, { zh: string; en: string }>> = Object.freeze({
  startup: { zh: '初创期', en: 'Startup' },
  growth: { zh: '成长期', en: 'Growth' },
  mature: { zh: '成熟期', en: 'Mature' },
  decline: { zh: '衰退期', en: 'Decline' },
});

/** Years since registration below which an enterprise is a startup. */
export const STARTUP_MAX_AGE_YEARS = 3;
/** Year-on-year revenue growth, in basis points, from which an enterprise is growing. */
export const GROWTH_MIN_YOY_BP = 1500;

/** The tags deriveProfile emits, with their names for column headers. */
export const DERIVED_TAG_DEFINITIONS: Readonly<Record<string, { nameZh: string; nameEn: string }>> = Object.freeze({
  size_class: { nameZh: '企业规模', nameEn: 'Size class' },
  above_scale: { nameZh: '规上（四上）', nameEn: 'Above scale' },
  above_scale_first_entry_year: { nameZh: '首次入规年份', nameEn: 'First year above scale' },
  above_scale_years_held: { nameZh: '连续在规年数', nameEn: 'Consecutive years above scale' },
  above_scale_has_exited: { nameZh: '曾退规', nameEn: 'Has left above-scale statistics' },
  lifecycle_stage: { nameZh: '生命周期', nameEn: 'Life-cycle stage' },
  revenue_growth_bp: { nameZh: '营业收入同比增速', nameEn: 'Revenue growth (YoY)' },
  tax_growth_bp: { nameZh: '纳税同比增速', nameEn: 'Tax paid growth (YoY)' },
  employees_growth_bp: { nameZh: '从业人员同比增速', nameEn: 'Employee growth (YoY)' },
  rd_intensity_bp: { nameZh: '研发投入强度', nameEn: 'R&D intensity' },
  employment_change: { nameZh: '从业人员增减', nameEn: 'Change in employees' },
  registration_age_years: { nameZh: '成立年限', nameEn: 'Years since registration' },
});

export interface DerivedAboveScale {
  isAbove: boolean | null;
  /** 'official': the statistics bureau's status; 'threshold': only "meets the line" from the figures. */
  source: 'official' | 'threshold' | 'none';
  /** The year the status or assessment refers to. */
  year: number | null;
  assessment: AboveScaleAssessment | null;
  history: AboveScaleHistory;
}

export interface DerivedProfile {
  evaluationDate: string;
  tags: DerivedTag[];
  sizeClass: SizeClassResult & { year: number | null };
  aboveScale: DerivedAboveScale;
  lifecycleStage: LifecycleStage | null;
  registrationAgeYears: number | null;
  revenueGrowthBp: number | null;
  taxGrowthBp: number | null;
  employeesGrowthBp: number | null;
  rdIntensityBp: number | null;
  employmentChange: number | null;
}

// ---------------------------------------------------------------------------------------------------------
// Small readers over the indicator map.

const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const YEAR_LABEL = /^\d{4}$/;

function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

/** Indicator values are integers (fen, persons, 0/1); anything else is treated as absent rather than thrown. */
function isUsable(value: IndicatorValue | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function numberAt(values: IndicatorValues, code: string, year: number): number | null {
  const value = values[code]?.[String(year)];
  return isUsable(value) ? value : null;
}

/** Latest year ≤ maxYear in which `code` has a numeric value; null when none. */
function latestYear(values: IndicatorValues, code: string, maxYear: number): number | null {
  const series = values[code];
  if (!series) return null;
  let best: number | null = null;
  for (const label in series) {
    if (!YEAR_LABEL.test(label)) continue;
    const year = Number(label);
    if (year <= maxYear && (best === null || year > best) && isUsable(series[label])) best = year;
  }
  return best;
}

function latestYearOfAny(values: IndicatorValues, codes: readonly string[], maxYear: number): number | null {
  let best: number | null = null;
  for (const code of codes) {
    const year = latestYear(values, code, maxYear);
    if (year !== null && (best === null || year > best)) best = year;
  }
  return best;
}

/** Growth of cur over prev in bp; null when either is missing or prev ≤ 0. */
function growthBp(cur: number | null, prev: number | null): number | null {
  if (cur === null || prev === null || prev <= 0) return null;
  return ratioBp(cur - prev, prev);
}

const REVENUE_NAMES: Record<string, { zh: string; en: string }> = {
  main_revenue: { zh: '主营业务收入', en: 'main-business revenue' },
  operating_revenue: { zh: '营业收入', en: 'operating revenue' },
};

/** Size-class rows whose revenue is 主营业务收入. */
const MAIN_REVENUE_GROUPS: ReadonlySet<SizeGroupId> = new Set<SizeGroupId>(['industry', 'wholesale', 'retail', 'accommodation', 'catering']);
const REVENUE_PREFERENCE_MAIN: readonly string[] = Object.freeze(['main_revenue', 'operating_revenue']);
const REVENUE_PREFERENCE_OPERATING: readonly string[] = Object.freeze(['operating_revenue']);
/** When the industry is unknown neither figure is wrong for a trend; prefer the standard's 营业收入. */
const REVENUE_PREFERENCE_UNKNOWN: readonly string[] = Object.freeze(['operating_revenue', 'main_revenue']);
/** The facts a size class may read, per revenue preference: the year chosen is the latest with any of them. */
const SIZE_CODES = new Map<readonly string[], readonly string[]>(
  [REVENUE_PREFERENCE_MAIN, REVENUE_PREFERENCE_OPERATING, REVENUE_PREFERENCE_UNKNOWN].map((p) => [p, Object.freeze(['employees', 'employees_avg', ...p, 'total_assets'])]),
);
const ABOVE_SCALE_REVENUE_CODES: readonly string[] = Object.freeze(['main_revenue', 'operating_revenue']);
const ABOVE_SCALE_QUALIFICATION_CODES: readonly string[] = Object.freeze(['construction_qualification']);
const ABOVE_SCALE_ACTIVITY_CODES: readonly string[] = Object.freeze(['real_estate_development']);

/** The facts the 四上 line of an industry reads; their latest year is the year assessed. */
function aboveScaleFactCodes(industryCode: string): readonly string[] {
  const resolution = sizeGroupOf(industryCode);
  if (resolution.kind === 'group' && resolution.group === 'construction') return ABOVE_SCALE_QUALIFICATION_CODES;
  if (resolution.kind === 'group' && resolution.group === 'real_estate_development') return ABOVE_SCALE_ACTIVITY_CODES;
  return ABOVE_SCALE_REVENUE_CODES;
}
const EMPLOYEE_CODES: readonly string[] = Object.freeze(['employees', 'employees_avg']);

function revenuePreference(industryCode: string | null): readonly string[] {
  if (!industryCode) return REVENUE_PREFERENCE_UNKNOWN;
  const resolution = sizeGroupOf(industryCode);
  if (resolution.kind !== 'group') return REVENUE_PREFERENCE_UNKNOWN;
  return MAIN_REVENUE_GROUPS.has(resolution.group) ? REVENUE_PREFERENCE_MAIN : REVENUE_PREFERENCE_OPERATING;
}

/** The revenue figure with the most recent data (ties to the preferred), and that year. */
function pickSeries(values: IndicatorValues, preference: readonly string[], maxYear: number): { code: string; year: number } | null {
  let pick: { code: string; year: number } | null = null;
  for (const code of preference) {
    const year = latestYear(values, code, maxYear);
    if (year !== null && (pick === null || year > pick.year)) pick = { code, year };
  }
  return pick;
}

function boolAt(values: IndicatorValues, code: string, year: number): boolean | null {
  const value = numberAt(values, code, year);
  return value === null ? null : value !== 0;
}

/** Latest known boolean at or before `year` (qualifications and activities persist until a new record). */
function latestBoolAtOrBefore(values: IndicatorValues, code: string, year: number): { value: boolean; year: number } | null {
  const at = latestYear(values, code, year);
  return at === null ? null : { value: boolAt(values, code, at)!, year: at };
}

// ---------------------------------------------------------------------------------------------------------

/** Whole years from `from` to `to` (anniversary rule: a year counts once its day has come). */
function wholeYears(from: { year: number; month: number; day: number }, to: { year: number; month: number; day: number }): number {
  let years = to.year - from.year;
  if (to.month < from.month || (to.month === from.month && to.day < from.day)) years--;
  return years;
}

/** The figures the size class of one year reads (the same picks as the profile's), and the result. */
function sizeOfYear(industryCode: string | null, values: IndicatorValues, year: number | null, onDate: string): { result: SizeClassResult; inputs: DerivedTagInput[] } {
  const preference = revenuePreference(industryCode);
  const inputs: DerivedTagInput[] = [{ code: 'industry_code', value: industryCode }];
  let employees: number | null = null;
  let revenue: number | null = null;
  let assets: number | null = null;
  let revenueCode: string | null = null;
  if (year !== null) {
    const period = String(year);
    // A negative head count is bad data; it is left out like a missing one.
    for (const code of EMPLOYEE_CODES) {
      const value = numberAt(values, code, year);
      if (value !== null && value >= 0) {
        employees = value;
        inputs.push({ code, period, value });
        break;
      }
    }
    for (const code of preference) {
      revenue = numberAt(values, code, year);
      if (revenue !== null) {
        revenueCode = code;
        inputs.push({ code, period, value: revenue });
        break;
      }
    }
    assets = numberAt(values, 'total_assets', year);
    if (assets !== null) inputs.push({ code: 'total_assets', period, value: assets });
  }
  const result = classifySize(
    {
      industryCode: industryCode ?? '',
      employees,
      revenueFen: revenue,
      assetsFen: assets,
      revenueBasis: revenueCode === 'main_revenue' ? 'main_revenue' : 'operating_revenue',
    },
    onDate,
  );
  return { result, inputs };
}

/**
 * The size class (划型) of one year from that year's figures, read exactly as the profile reads them
 * (从业人员 or the annual average; 主营业务收入 where the industry reports it; 资产总额), under the standard in
 * force on `onDate`. Policy rules read the size class per year ("上年度为小型企业"); the profile's own
 * size class is this for the latest complete year.
 */
export function sizeClassInYear(industryCode: string | null, values: IndicatorValues, year: number, onDate: string): SizeClassResult {
  return sizeOfYear(industryCode, values, year, onDate).result;
}

function deriveSize(input: DeriveProfileInput, completeYear: number, evaluationDate: string): { result: SizeClassResult & { year: number | null }; tag: DerivedTag } {
  const values = input.indicators;
  const year = latestYearOfAny(values, SIZE_CODES.get(revenuePreference(input.industryCode))!, completeYear);
  const { result, inputs } = sizeOfYear(input.industryCode, values, year, evaluationDate);
  const label =
    result.sizeClass !== null
      ? { zh: `${SIZE_CLASS_NAMES[result.sizeClass].zh}企业`, en: `${SIZE_CLASS_NAMES[result.sizeClass].en} enterprise` }
      : result.status === 'not_applicable'
        ? { zh: '不适用划型', en: 'Size class not applicable' }
        : { zh: '规模待定', en: 'Size undetermined' };
  const prefix = year !== null ? { zh: `${year}年数据，`, en: `${year} figures. ` } : { zh: '无年度数据，', en: 'No yearly figures. ' };
  return {
    result: { ...result, year },
    tag: {
      key: 'size_class',
      value: result.sizeClass,
      labelZh: label.zh,
      labelEn: label.en,
      reasonZh: `${prefix.zh}${result.reason.zh}`,
      reasonEn: `${prefix.en}${result.reason.en}`,
      inputs,
    },
  };
}

function deriveAboveScale(input: DeriveProfileInput, evaluationYear: number, completeYear: number): { result: DerivedAboveScale; tags: DerivedTag[] } {
  const values = input.indicators;
  const official: { year: number; isAbove: boolean | null }[] = [];
  const series = values.above_scale;
  let officialLatest: { year: number; isAbove: boolean } | null = null;
  if (series) {
    for (const label in series) {
      if (!YEAR_LABEL.test(label)) continue;
      const year = Number(label);
      if (year > evaluationYear) continue;
      const raw = series[label];
      const isAbove = typeof raw === 'number' ? raw !== 0 : null;
      official.push({ year, isAbove });
      if (isAbove !== null && (officialLatest === null || year > officialLatest.year)) officialLatest = { year, isAbove };
    }
  }
  const history = aboveScaleHistory(official);

  const factYear = input.industryCode ? latestYearOfAny(values, aboveScaleFactCodes(input.industryCode), completeYear) : null;
  let assessment: AboveScaleAssessment | null = null;
  const assessmentInputs: DerivedTagInput[] = [];
  if (factYear !== null && input.industryCode) {
    const period = String(factYear);
    const main = numberAt(values, 'main_revenue', factYear);
    const operating = numberAt(values, 'operating_revenue', factYear);
    const qualification = latestBoolAtOrBefore(values, 'construction_qualification', factYear);
    const development = latestBoolAtOrBefore(values, 'real_estate_development', factYear);
    assessment = assessAboveScale({
      industryCode: input.industryCode,
      year: factYear,
      mainRevenueFen: main,
      operatingRevenueFen: operating,
      hasConstructionQualification: qualification?.value ?? null,
      hasRealEstateDevelopment: development?.value ?? null,
    });
    if (assessment.basis === 'main_revenue' || assessment.basis === 'operating_revenue') {
      if (main !== null) assessmentInputs.push({ code: 'main_revenue', period, value: main });
      if (operating !== null) assessmentInputs.push({ code: 'operating_revenue', period, value: operating });
    } else if (assessment.basis === 'qualification' && qualification) {
      assessmentInputs.push({ code: 'construction_qualification', period: String(qualification.year), value: qualification.value ? 1 : 0 });
    } else if (assessment.basis === 'activity' && development) {
      assessmentInputs.push({ code: 'real_estate_development', period: String(development.year), value: development.value ? 1 : 0 });
    }
  }

  let result: DerivedAboveScale;
  let reason: { zh: string; en: string };
  let inputs: DerivedTagInput[];
  if (officialLatest !== null && (factYear === null || officialLatest.year >= factYear)) {
    result = { isAbove: officialLatest.isAbove, source: 'official', year: officialLatest.year, assessment, history };
    inputs = [{ code: 'above_scale', period: String(officialLatest.year), value: officialLatest.isAbove ? 1 : 0 }];
    reason = officialLatest.isAbove
      ? { zh: `统计局${officialLatest.year}年名录：纳入规上（四上）统计`, en: `Statistics bureau, ${officialLatest.year}: counted in the above-scale statistics` }
      : { zh: `统计局${officialLatest.year}年名录：未纳入规上（四上）统计`, en: `Statistics bureau, ${officialLatest.year}: not counted in the above-scale statistics` };
    if (assessment !== null && factYear === officialLatest.year) {
      reason = { zh: `${reason.zh}（按${factYear}年数据：${assessment.reason.zh}）`, en: `${reason.en} (${factYear} figures: ${assessment.reason.en})` };
    }
  } else if (assessment !== null) {
    result = { isAbove: assessment.meetsThreshold, source: 'threshold', year: factYear, assessment, history };
    inputs = [{ code: 'industry_code', value: input.industryCode }, ...assessmentInputs];
    reason = {
      zh: `无统计局${factYear}年入规记录，按${factYear}年数据判断是否达到标准：${assessment.reason.zh}`,
      en: `No official status for ${factYear}; judged on the ${factYear} figures: ${assessment.reason.en}`,
    };
  } else {
    result = { isAbove: null, source: 'none', year: null, assessment: null, history };
    inputs = [{ code: 'industry_code', value: input.industryCode }];
    reason = input.industryCode
      ? { zh: '无统计局入规记录，也无可判断的年度数据', en: 'No official status and no yearly figures to judge by' }
      : { zh: '无统计局入规记录，且缺少行业代码', en: 'No official status, and the industry code is missing' };
  }

  const label =
    result.isAbove === true
      ? { zh: '规上（四上）企业', en: 'Above-scale enterprise' }
      : result.isAbove === false
        ? { zh: '非规上企业', en: 'Not above scale' }
        : { zh: '规上状态待定', en: 'Above-scale status unknown' };
  const tags: DerivedTag[] = [
    { key: 'above_scale', value: result.isAbove, labelZh: label.zh, labelEn: label.en, reasonZh: reason.zh, reasonEn: reason.en, inputs },
  ];

  // History tags come only from the official record; without one they are null rather than "never".
  const historyInputs: DerivedTagInput[] = official
    .slice()
    .sort((a, b) => a.year - b.year)
    .map((o) => ({ code: 'above_scale', period: String(o.year), value: o.isAbove === null ? null : o.isAbove ? 1 : 0 }));
  const hasHistory = official.some((o) => o.isAbove !== null);
  const noHistory = { zh: '无统计局入规记录', en: 'No official above-scale record' };
  const first = history.firstEntryYear;
  tags.push({
    key: 'above_scale_first_entry_year',
    value: hasHistory ? first : null,
    labelZh: first !== null ? `${first}年首次入规` : hasHistory ? '未曾入规' : '无入规记录',
    labelEn: first !== null ? `First above scale in ${first}` : hasHistory ? 'Never above scale' : 'No above-scale record',
    reasonZh: !hasHistory
      ? noHistory.zh
      : first !== null
        ? `统计局记录中首次纳入规上统计的年份为${first}年${history.reentryYears.length ? `，其后于${history.reentryYears.join('、')}年再次入规` : ''}`
        : '统计局记录中从未纳入规上统计',
    reasonEn: !hasHistory
      ? noHistory.en
      : first !== null
        ? `First year counted above scale in the official record: ${first}${history.reentryYears.length ? `; re-entered in ${history.reentryYears.join(', ')}` : ''}`
        : 'Never counted above scale in the official record',
    inputs: historyInputs,
  });
  tags.push({
    key: 'above_scale_years_held',
    value: hasHistory ? history.consecutiveYearsHeld : null,
    labelZh: hasHistory ? `连续在规${history.consecutiveYearsHeld}年` : '无入规记录',
    labelEn: hasHistory ? `Above scale ${history.consecutiveYearsHeld} years running` : 'No above-scale record',
    reasonZh: hasHistory ? `截至最近一个有记录的年份，连续${history.consecutiveYearsHeld}年纳入规上统计（记录缺失的年份中断计数）` : noHistory.zh,
    reasonEn: hasHistory
      ? `${history.consecutiveYearsHeld} consecutive recorded years above scale up to the latest year on record (a year without a record ends the run)`
      : noHistory.en,
    inputs: historyInputs,
  });
  tags.push({
    key: 'above_scale_has_exited',
    value: hasHistory ? history.hasEverExited : null,
    labelZh: !hasHistory ? '无入规记录' : history.hasEverExited ? '曾退规' : '无退规记录',
    labelEn: !hasHistory ? 'No above-scale record' : history.hasEverExited ? 'Has left above-scale statistics' : 'Never left above-scale statistics',
    reasonZh: !hasHistory ? noHistory.zh : history.hasEverExited ? `于${history.exitYears.join('、')}年退出规上统计` : '统计局记录中没有退出规上统计的年份',
    reasonEn: !hasHistory ? noHistory.en : history.hasEverExited ? `Left the above-scale statistics in ${history.exitYears.join(', ')}` : 'No exit from the above-scale statistics on record',
    inputs: historyInputs,
  });
  return { result, tags };
}

interface Change {
  code: string | null;
  year: number | null;
  cur: number | null;
  prev: number | null;
  growthBp: number | null;
}

/** Latest complete year of the first usable series and the year before it, on the same series. */
function yearOnYear(values: IndicatorValues, codes: readonly string[], completeYear: number, pickLatest: boolean): Change {
  let year: number | null;
  let candidates: readonly string[];
  if (pickLatest) {
    const pick = pickSeries(values, codes, completeYear);
    year = pick?.year ?? null;
    candidates = pick ? [pick.code, ...codes.filter((c) => c !== pick.code)] : codes;
  } else {
    year = latestYearOfAny(values, codes, completeYear);
    candidates = codes;
  }
  if (year === null) return { code: null, year: null, cur: null, prev: null, growthBp: null };
  // Prefer a series that has both years; else report the current value of the first that has it.
  let fallback: Change | null = null;
  for (const code of candidates) {
    const cur = numberAt(values, code, year);
    if (cur === null) continue;
    const prev = numberAt(values, code, year - 1);
    const change = { code, year, cur, prev, growthBp: growthBp(cur, prev) };
    if (prev !== null) return change;
    fallback ??= change;
  }
  return fallback ?? { code: null, year, cur: null, prev: null, growthBp: null };
}

function changeInputs(change: Change): DerivedTagInput[] {
  if (change.code === null || change.year === null) return [];
  return [
    { code: change.code, period: String(change.year - 1), value: change.prev },
    { code: change.code, period: String(change.year), value: change.cur },
  ];
}

function growthTag(key: string, nameZh: string, nameEn: string, change: Change, describe: (n: number) => { zh: string; en: string }): DerivedTag {
  const inputs = changeInputs(change);
  if (change.growthBp === null) {
    const why =
      change.year === null
        ? { zh: '无年度数据', en: 'no yearly figures' }
        : change.prev === null
          ? { zh: `缺少${change.year - 1}年数据`, en: `no figure for ${change.year - 1}` }
          : ((base) => ({ zh: `${change.year! - 1}年基数为${base.zh}，不计算增速`, en: `the ${change.year! - 1} base is ${base.en}, so no rate` }))(describe(change.prev));
    return { key, value: null, labelZh: `${nameZh}同比 —`, labelEn: `${nameEn} YoY —`, reasonZh: `无法计算：${why.zh}`, reasonEn: `Not computed: ${why.en}`, inputs };
  }
  const pct = formatBp(change.growthBp, true);
  const cur = describe(change.cur!);
  const prev = describe(change.prev!);
  return {
    key,
    value: change.growthBp,
    labelZh: `${nameZh}同比 ${pct}`,
    labelEn: `${nameEn} YoY ${pct}`,
    reasonZh: `${change.year}年${cur.zh}，${change.year! - 1}年${prev.zh}，同比 ${pct}`,
    reasonEn: `${cur.en} in ${change.year} against ${prev.en} in ${change.year! - 1}: ${pct}`,
    inputs,
  };
}

function moneyText(fen: number): { zh: string; en: string } {
  return { zh: formatFenZh(fen), en: formatFenEn(fen) };
}

// formatFen is the one money formatter; these only pick its locale.
const formatFenZh = (fen: number): string => formatFen(fen, 'zh-CN');
const formatFenEn = (fen: number): string => formatFen(fen, 'en-US');

function personsText(n: number): { zh: string; en: string } {
  return { zh: `${groupDigits(n)}人`, en: `${groupDigits(n)} persons` };
}

function deriveLifecycle(
  age: number | null,
  ageProblem: { zh: string; en: string } | null,
  values: IndicatorValues,
  revenue: Change,
  registrationInputs: DerivedTagInput[],
): { stage: LifecycleStage | null; tag: DerivedTag } {
  const inputs: DerivedTagInput[] = [...registrationInputs];
  const make = (stage: LifecycleStage | null, zh: string, en: string): { stage: LifecycleStage | null; tag: DerivedTag } => ({
    stage,
    tag: {
      key: 'lifecycle_stage',
      value: stage,
      labelZh: stage ? LIFECYCLE_STAGE_NAMES[stage].zh : '生命周期待定',
      labelEn: stage ? LIFECYCLE_STAGE_NAMES[stage].en : 'Stage undetermined',
      reasonZh: zh,
      reasonEn: en,
      inputs,
    },
  });
  if (age === null) return make(null, `无法判断：${ageProblem!.zh}`, `Undetermined: ${ageProblem!.en}`);
  if (age < STARTUP_MAX_AGE_YEARS) {
    return make('startup', `成立${age}年，不满${STARTUP_MAX_AGE_YEARS}年`, `${age} years since registration, under ${STARTUP_MAX_AGE_YEARS}`);
  }
  const { code, year, cur, prev } = revenue;
  if (code === null || year === null || cur === null) {
    return make(null, `无法判断：成立${age}年，但缺少营业收入数据`, `Undetermined: ${age} years since registration but no revenue figures`);
  }
  const name = REVENUE_NAMES[code];
  const prev2 = prev === null ? null : numberAt(values, code, year - 2);
  if (prev2 !== null) inputs.push({ code, period: String(year - 2), value: prev2 });
  inputs.push(...changeInputs(revenue));
  if (prev === null) {
    return make(null, `无法判断：缺少${year - 1}年${name.zh}`, `Undetermined: no ${name.en} for ${year - 1}`);
  }
  const curText = moneyText(cur);
  if (prev2 !== null && cur < prev && prev < prev2) {
    const prevText = moneyText(prev);
    const prev2Text = moneyText(prev2);
    return make(
      'decline',
      `${name.zh}连续两年下降：${year - 2}年${prev2Text.zh}、${year - 1}年${prevText.zh}、${year}年${curText.zh}`,
      `${name.en} fell two years in a row: ${prev2Text.en} (${year - 2}), ${prevText.en} (${year - 1}), ${curText.en} (${year})`,
    );
  }
  const growth = growthBp(cur, prev);
  if ((growth !== null && growth >= GROWTH_MIN_YOY_BP) || (prev <= 0 && cur > 0)) {
    const rate = growth !== null ? `同比 ${formatBp(growth, true)}` : '由零增长';
    const rateEn = growth !== null ? `${formatBp(growth, true)} year on year` : 'up from zero';
    return make(
      'growth',
      `${year}年${name.zh}${curText.zh}，${rate}（≥ ${formatBp(GROWTH_MIN_YOY_BP, false)}）`,
      `${name.en} ${curText.en} in ${year}, ${rateEn} (≥ ${formatBp(GROWTH_MIN_YOY_BP, false)})`,
    );
  }
  if (cur > 0) {
    return make(
      'mature',
      `成立${age}年，${year}年${name.zh}${curText.zh}，同比 ${growth !== null ? formatBp(growth, true) : '—'}，未连续两年下降`,
      `${age} years since registration; ${name.en} ${curText.en} in ${year}, ${growth !== null ? formatBp(growth, true) : '—'} year on year, not falling two years running`,
    );
  }
  return make(null, `无法判断：${year}年${name.zh}为零`, `Undetermined: no ${name.en} in ${year}`);
}

/**
 * Derives the profile of one enterprise at `evaluationDate`: size class, above-scale status and history,
 * life-cycle stage, year-on-year growth of revenue, tax and employees, R&D intensity, employment change and
 * registration age, each as a tag with its inputs and reasons (see the module comment for the rules).
 * Throws RangeError only for a malformed evaluation date; bad or missing data yields null tags with reasons.
 */
export function deriveProfile(input: DeriveProfileInput): DerivedProfile {
  const evaluation = parseDate(input.evaluationDate);
  if (!evaluation) throw new RangeError(`evaluation date must be an ISO date YYYY-MM-DD, got ${input.evaluationDate}`);
  const completeYear = evaluation.year - 1;
  const values = input.indicators;

  // Registration age.
  const registrationInputs: DerivedTagInput[] = [{ code: 'registered_on', value: input.registeredOn }];
  let age: number | null = null;
  let ageProblem: { zh: string; en: string } | null = null;
  if (!input.registeredOn) ageProblem = { zh: '缺少成立日期', en: 'the registration date is missing' };
  else {
    const registered = parseDate(input.registeredOn);
    if (!registered) ageProblem = { zh: `成立日期“${input.registeredOn}”格式无效`, en: `the registration date "${input.registeredOn}" is not a valid date` };
    else {
      const years = wholeYears(registered, evaluation);
      if (years < 0 || input.registeredOn > input.evaluationDate) {
        ageProblem = { zh: `成立日期 ${input.registeredOn} 晚于评价日期 ${input.evaluationDate}`, en: `the registration date ${input.registeredOn} is after the evaluation date ${input.evaluationDate}` };
      } else age = years;
    }
  }
  const ageTag: DerivedTag =
    age !== null
      ? {
          key: 'registration_age_years',
          value: age,
          labelZh: `成立${age}年`,
          labelEn: `${age} years since registration`,
          reasonZh: `${input.registeredOn} 成立，至 ${input.evaluationDate} 满${age}周年`,
          reasonEn: `Registered on ${input.registeredOn}; ${age} full years by ${input.evaluationDate}`,
          inputs: registrationInputs,
        }
      : {
          key: 'registration_age_years',
          value: null,
          labelZh: '成立年限未知',
          labelEn: 'Age unknown',
          reasonZh: `无法计算：${ageProblem!.zh}`,
          reasonEn: `Not computed: ${ageProblem!.en}`,
          inputs: registrationInputs,
        };

  const size = deriveSize(input, completeYear, input.evaluationDate);
  const above = deriveAboveScale(input, evaluation.year, completeYear);

  const revenue = yearOnYear(values, revenuePreference(input.industryCode), completeYear, true);
  const tax = yearOnYear(values, ['tax_paid'], completeYear, false);
  const staff = yearOnYear(values, EMPLOYEE_CODES, completeYear, false);

  const revenueName = revenue.code ? REVENUE_NAMES[revenue.code] : REVENUE_NAMES.operating_revenue;
  const revenueTag = growthTag('revenue_growth_bp', revenueName.zh, capitalise(revenueName.en), revenue, moneyText);
  const taxTag = growthTag('tax_growth_bp', '纳税总额', 'Tax paid', tax, moneyText);
  const staffTag = growthTag('employees_growth_bp', '从业人员', 'Employees', staff, personsText);

  const employmentChange = staff.cur !== null && staff.prev !== null ? staff.cur - staff.prev : null;
  const employmentTag: DerivedTag =
    employmentChange !== null
      ? {
          key: 'employment_change',
          value: employmentChange,
          labelZh: `从业人员${employmentChange >= 0 ? '+' : ''}${groupDigits(employmentChange)}人`,
          labelEn: `Employees ${employmentChange >= 0 ? '+' : ''}${groupDigits(employmentChange)}`,
          reasonZh: `${staff.year}年${personsText(staff.cur!).zh}，${staff.year! - 1}年${personsText(staff.prev!).zh}`,
          reasonEn: `${personsText(staff.cur!).en} in ${staff.year} against ${personsText(staff.prev!).en} in ${staff.year! - 1}`,
          inputs: changeInputs(staff),
        }
      : {
          key: 'employment_change',
          value: null,
          labelZh: '从业人员增减 —',
          labelEn: 'Change in employees —',
          reasonZh: staff.year === null ? '无法计算：无从业人员数据' : `无法计算：缺少${staff.year - 1}年从业人员数据`,
          reasonEn: staff.year === null ? 'Not computed: no employee figures' : `Not computed: no employee figure for ${staff.year - 1}`,
          inputs: changeInputs(staff),
        };

  // R&D intensity: the latest complete year with both figures (研发费用 / 营业收入, as policy texts define it).
  let rdYear: number | null = null;
  const rdSeries = values.rd_expense;
  if (rdSeries) {
    for (const label in rdSeries) {
      if (!YEAR_LABEL.test(label)) continue;
      const y = Number(label);
      if (y <= completeYear && (rdYear === null || y > rdYear) && numberAt(values, 'rd_expense', y) !== null && numberAt(values, 'operating_revenue', y) !== null) rdYear = y;
    }
  }
  let rdIntensityBp: number | null = null;
  let rdTag: DerivedTag;
  if (rdYear === null) {
    rdTag = {
      key: 'rd_intensity_bp',
      value: null,
      labelZh: '研发投入强度 —',
      labelEn: 'R&D intensity —',
      reasonZh: '无法计算：没有同一年度的研发费用和营业收入',
      reasonEn: 'Not computed: no year with both R&D expense and operating revenue',
      inputs: [],
    };
  } else {
    const rd = numberAt(values, 'rd_expense', rdYear)!;
    const rev = numberAt(values, 'operating_revenue', rdYear)!;
    const period = String(rdYear);
    const inputs = [
      { code: 'rd_expense', period, value: rd },
      { code: 'operating_revenue', period, value: rev },
    ];
    rdIntensityBp = rev > 0 ? ratioBp(rd, rev) : null;
    rdTag =
      rdIntensityBp !== null
        ? {
            key: 'rd_intensity_bp',
            value: rdIntensityBp,
            labelZh: `研发投入强度 ${formatBp(rdIntensityBp, false)}`,
            labelEn: `R&D intensity ${formatBp(rdIntensityBp, false)}`,
            reasonZh: `${rdYear}年研发费用${formatFenZh(rd)} ÷ 营业收入${formatFenZh(rev)} = ${formatBp(rdIntensityBp, false)}`,
            reasonEn: `${rdYear}: R&D expense ${formatFenEn(rd)} ÷ operating revenue ${formatFenEn(rev)} = ${formatBp(rdIntensityBp, false)}`,
            inputs,
          }
        : {
            key: 'rd_intensity_bp',
            value: null,
            labelZh: '研发投入强度 —',
            labelEn: 'R&D intensity —',
            reasonZh: `无法计算：${rdYear}年营业收入为${formatFenZh(rev)}`,
            reasonEn: `Not computed: operating revenue in ${rdYear} is ${formatFenEn(rev)}`,
            inputs,
          };
  }

  const lifecycle = deriveLifecycle(age, ageProblem, values, revenue, registrationInputs);

  return {
    evaluationDate: input.evaluationDate,
    tags: [size.tag, ...above.tags, lifecycle.tag, revenueTag, taxTag, staffTag, rdTag, employmentTag, ageTag],
    sizeClass: size.result,
    aboveScale: above.result,
    lifecycleStage: lifecycle.stage,
    registrationAgeYears: age,
    revenueGrowthBp: revenue.growthBp,
    taxGrowthBp: tax.growthBp,
    employeesGrowthBp: staff.growthBp,
    rdIntensityBp,
    employmentChange,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Completeness.

export interface ProfileCompleteness {
  year: number;
  /** Codes of the catalogue's key (isKey) indicators, in catalogue order. */
  keyIndicators: string[];
  present: string[];
  missing: string[];
  /** Whole percent present, rounded down so that anything missing never shows as 100. */
  percent: number;
}

/** Key indicators per catalogue, computed once per catalogue object. */
const keyCache = new WeakMap<readonly IndicatorDefinition[], readonly IndicatorDefinition[]>();

function hasValueInYear(series: Readonly<Record<string, IndicatorValue>> | undefined, indicator: IndicatorDefinition, year: number): boolean {
  if (!series) return false;
  if (indicator.periodicity === 'year') {
    const value = series[String(year)];
    return value !== null && value !== undefined;
  }
  for (const label in series) {
    const period = parsePeriod(label);
    if (period && period.kind === indicator.periodicity && period.year === year && series[label] !== null && series[label] !== undefined) return true;
  }
  return false;
}

/**
 * Which key indicators (isKey in the catalogue) have a value for `year` — for yearly indicators the period
 * "YYYY", for quarterly or monthly ones any period of that year — and the share present.
 */
export function profileCompleteness(indicatorValues: IndicatorValues, catalogue: readonly IndicatorDefinition[], year: number): ProfileCompleteness {
  let keys = keyCache.get(catalogue);
  if (!keys) {
    keys = Object.freeze(catalogue.filter((indicator) => indicator.isKey));
    keyCache.set(catalogue, keys);
  }
  const present: string[] = [];
  const missing: string[] = [];
  for (const indicator of keys) {
    if (hasValueInYear(indicatorValues[indicator.code], indicator, year)) present.push(indicator.code);
    else missing.push(indicator.code);
  }
  const total = keys.length;
  return {
    year,
    keyIndicators: keys.map((k) => k.code),
    present,
    missing,
    percent: total === 0 ? 100 : Math.floor((present.length * 100) / total),
  };
}
