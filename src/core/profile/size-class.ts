/**
 * 中小企业划型: large / medium / small / micro enterprise, per 中小企业划型标准规定 (工信部联企业〔2011〕300号)
 * as the statistics bureau reads it (统计上大中小微型企业划分办法(2017)).
 *
 * - 大, 中, 小: the enterprise must reach EVERY listed lower bound of the class (inclusive); missing one drops
 *   it to the next class down. 微 is whatever is below 小. So the class is the lowest of the classes each
 *   indicator reaches on its own, which is how the code computes it.
 * - Thresholds are versioned by effective date; a record is judged by the version in force on the
 *   evaluation date. Only the 2011 version exists today.
 * - Three-valued: with a fact missing, the class is still decided when the facts present already settle
 *   it (a present fact below the 小 bound makes the enterprise micro whatever the others are); otherwise the
 *   result is unknown and `missing` names the facts that would decide it.
 *
 * Amounts are compared in integer fen (thresholds in 万元 × FEN_PER_WAN), people as whole persons.
 */
import { FEN_PER_WAN, assertFen, formatFen } from '../money/money.ts';
import { groupDigits } from './format.ts';
import { parseIndustryCode } from './industry-codes.ts';

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type SizeIndicator = 'employees' | 'revenue' | 'assets';

export type SizeGroupId =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'information_transmission'
  | 'software_it'
  | 'real_estate_development'
  | 'property_management'
  | 'leasing_business_services'
  | 'other';

export const SIZE_GROUP_NAMES: Readonly<Record<SizeGroupId, { zh: string; en: string }>> = Object.freeze({
  agriculture: { zh: '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
  industry: { zh: '工业', en: 'Industry (mining, manufacturing, utilities)' },
  construction: { zh: '建筑业', en: 'Construction' },
  wholesale: { zh: '批发业', en: 'Wholesale' },
  retail: { zh: '零售业', en: 'Retail' },
  transport: { zh: '交通运输业', en: 'Transport' },
  warehousing: { zh: '仓储业', en: 'Warehousing' },
  postal: { zh: '邮政业', en: 'Postal services' },
  accommodation: { zh: '住宿业', en: 'Accommodation' },
  catering: { zh: '餐饮业', en: 'Catering' },
  information_transmission: { zh: '信息传输业', en: 'Information transmission' },
  software_it: { zh: '软件和信息技术服务业', en: 'Software and information technology services' },
  real_estate_development: { zh: '房地产开发经营', en: 'Real estate development' },
  property_management: { zh: '物业管理', en: 'Property management' },
  leasing_business_services: { zh: '租赁和商务服务业', en: 'Leasing and business services' },
  other: { zh: '其他未列明行业', en: 'Other industries not listed' },
});

export const SIZE_CLASS_NAMES: Readonly<Record<SizeClass, { zh: string; en: string }>> = Object.freeze({
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
});

/** Lower bounds of one class: employees in persons, revenue and assets in fen. */
export type SizeBounds = Readonly<Partial<Record<SizeIndicator, number>>>;

export interface SizeGroupThresholds {
  /** The indicators the group is judged on (the table's "indicators" column). */
  indicators: readonly SizeIndicator[];
  large: SizeBounds;
  medium: SizeBounds;
  small: SizeBounds;
}

export interface SizeClassVersion {
  id: string;
  /** ISO date from which the version is in force. */
  effectiveFrom: string;
  source: string;
  groups: Readonly<Record<SizeGroupId, SizeGroupThresholds>>;
}

/** One row as written in the standard: X persons, Y and Z in 万元. */
type WanRow = { x?: number; y?: number; z?: number };

function row(indicators: SizeIndicator[], large: WanRow, medium: WanRow, small: WanRow): SizeGroupThresholds {
  const toBounds = (r: WanRow): SizeBounds => {
    const bounds: Partial<Record<SizeIndicator, number>> = {};
    if (r.x !== undefined) bounds.employees = r.x;
    if (r.y !== undefined) bounds.revenue = r.y * FEN_PER_WAN;
    if (r.z !== undefined) bounds.assets = r.z * FEN_PER_WAN;
    const keys = Object.keys(bounds).sort();
    if (keys.join() !== [...indicators].sort().join()) throw new Error(`size-class row lists ${keys.join()} but indicators ${indicators.join()}`);
    return Object.freeze(bounds);
  };
  return Object.freeze({ indicators: Object.freeze(indicators), large: toBounds(large), medium: toBounds(medium), small: toBounds(small) });
}

/** The 2011 table exactly as in standards §1 (工信部联企业〔2011〕300号, effective 2011-06-18). */
const VERSION_2011: SizeClassVersion = Object.freeze({
  id: '2011',
  effectiveFrom: '2011-06-18',
  source: '工信部联企业〔2011〕300号 中小企业划型标准规定',
  groups: Object.freeze({
    agriculture: row(['revenue'], { y: 20000 }, { y: 500 }, { y: 50 }),
    industry: row(['employees', 'revenue'], { x: 1000, y: 40000 }, { x: 300, y: 2000 }, { x: 20, y: 300 }),
    construction: row(['revenue', 'assets'], { y: 80000, z: 80000 }, { y: 6000, z: 5000 }, { y: 300, z: 300 }),
    wholesale: row(['employees', 'revenue'], { x: 200, y: 40000 }, { x: 20, y: 5000 }, { x: 5, y: 1000 }),
    retail: row(['employees', 'revenue'], { x: 300, y: 20000 }, { x: 50, y: 500 }, { x: 10, y: 100 }),
    transport: row(['employees', 'revenue'], { x: 1000, y: 30000 }, { x: 300, y: 3000 }, { x: 20, y: 200 }),
    warehousing: row(['employees', 'revenue'], { x: 200, y: 30000 }, { x: 100, y: 1000 }, { x: 20, y: 100 }),
    postal: row(['employees', 'revenue'], { x: 1000, y: 30000 }, { x: 300, y: 2000 }, { x: 20, y: 100 }),
    accommodation: row(['employees', 'revenue'], { x: 300, y: 10000 }, { x: 100, y: 2000 }, { x: 10, y: 100 }),
    catering: row(['employees', 'revenue'], { x: 300, y: 10000 }, { x: 100, y: 2000 }, { x: 10, y: 100 }),
    information_transmission: row(['employees', 'revenue'], { x: 2000, y: 100000 }, { x: 100, y: 1000 }, { x: 10, y: 100 }),
    software_it: row(['employees', 'revenue'], { x: 300, y: 10000 }, { x: 100, y: 1000 }, { x: 10, y: 50 }),
    real_estate_development: row(['revenue', 'assets'], { y: 200000, z: 10000 }, { y: 1000, z: 5000 }, { y: 100, z: 2000 }),
    property_management: row(['employees', 'revenue'], { x: 1000, y: 5000 }, { x: 300, y: 1000 }, { x: 100, y: 500 }),
    leasing_business_services: row(['employees', 'assets'], { x: 300, z: 120000 }, { x: 100, z: 8000 }, { x: 10, z: 100 }),
    other: row(['employees'], { x: 300 }, { x: 100 }, { x: 10 }),
  }),
});

/** All versions, oldest first. A new standard is added here with its effective date. */
export const SIZE_CLASS_VERSIONS: readonly SizeClassVersion[] = Object.freeze([VERSION_2011]);

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The version in force on `onDate` (ISO date), or null before the first version. */
export function sizeClassVersionAt(onDate: string): SizeClassVersion | null {
  if (!ISO_DATE.test(onDate)) throw new RangeError(`evaluation date must be an ISO date YYYY-MM-DD, got ${onDate}`);
  let found: SizeClassVersion | null = null;
  for (const version of SIZE_CLASS_VERSIONS) if (version.effectiveFrom <= onDate) found = version;
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Which row of the table an industry code falls under.

export type SizeGroupResolution =
  | { kind: 'group'; group: SizeGroupId }
  | { kind: 'not_applicable'; reason: { zh: string; en: string } }
  /** The code is too coarse: the industries under it fall in different rows (e.g. 门类 F = 批发 + 零售). */
  | { kind: 'ambiguous'; candidates: readonly SizeGroupId[] }
  | { kind: 'invalid'; message: string };

const FINANCE_REASON = Object.freeze({
  zh: '金融业企业按《金融业企业划型标准规定》（银发〔2015〕309号）划型，不适用本标准',
  en: 'Financial enterprises are sized under their own standard (PBoC and others, 2015, No. 309), not this one',
});
const PUBLIC_REASON = Object.freeze({
  zh: '公共管理、社会保障和社会组织及国际组织不属于中小企业划型范围',
  en: 'Public administration, social security, social organisations and international organisations are outside the size-class standard',
});

type DivisionEntry = SizeGroupResolution;
const group = (g: SizeGroupId): DivisionEntry => Object.freeze({ kind: 'group', group: g });
const NA_FINANCE: DivisionEntry = Object.freeze({ kind: 'not_applicable', reason: FINANCE_REASON });
const NA_PUBLIC: DivisionEntry = Object.freeze({ kind: 'not_applicable', reason: PUBLIC_REASON });

/** Row of each 大类 0–99, precomputed; division 70 is resolved by its 中类. */
const DIVISION_GROUP: DivisionEntry[] = new Array<DivisionEntry>(100);
function assign(from: number, to: number, entry: DivisionEntry): void {
  for (let n = from; n <= to; n++) DIVISION_GROUP[n] = entry;
}
assign(1, 5, group('agriculture'));
assign(6, 46, group('industry'));
assign(47, 50, group('construction'));
assign(51, 51, group('wholesale'));
assign(52, 52, group('retail'));
assign(53, 53, group('other')); // 铁路运输 is not 交通运输业 in the 2011 table
assign(54, 58, group('transport'));
assign(59, 59, group('warehousing'));
assign(60, 60, group('postal'));
assign(61, 61, group('accommodation'));
assign(62, 62, group('catering'));
assign(63, 64, group('information_transmission'));
assign(65, 65, group('software_it'));
assign(66, 69, NA_FINANCE);
assign(70, 70, Object.freeze({ kind: 'ambiguous', candidates: Object.freeze(['real_estate_development', 'property_management', 'other'] as SizeGroupId[]) }));
assign(71, 72, group('leasing_business_services'));
assign(73, 90, group('other'));
assign(91, 97, NA_PUBLIC);

const GROUP_OF_REAL_ESTATE_GROUP: Record<string, DivisionEntry> = {
  '701': group('real_estate_development'),
  '702': group('property_management'),
};

/** A section-only code: resolved when all of its divisions share one row. */
const SECTION_GROUP = new Map<string, DivisionEntry>();
for (const [letter, from, to] of [
  ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60], ['H', 61, 62],
  ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79], ['O', 80, 82], ['P', 83, 83],
  ['Q', 84, 85], ['R', 86, 90], ['S', 91, 96], ['T', 97, 97],
] as const) {
  const entries = new Set<DivisionEntry>();
  for (let n = from; n <= to; n++) entries.add(DIVISION_GROUP[n]);
  if (entries.size === 1) {
    SECTION_GROUP.set(letter, [...entries][0]);
  } else {
    const candidates = new Set<SizeGroupId>();
    for (const e of entries) if (e.kind === 'group') candidates.add(e.group);
    SECTION_GROUP.set(letter, Object.freeze({ kind: 'ambiguous', candidates: Object.freeze([...candidates]) }));
  }
}

/** Which row of the size-class table a GB/T 4754-2017 code falls under. */
export function sizeGroupOf(industryCode: string): SizeGroupResolution {
  const parsed = parseIndustryCode(industryCode);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  if (parsed.division === null) return SECTION_GROUP.get(parsed.section)!;
  if (parsed.division === '70') {
    if (parsed.group === null) return DIVISION_GROUP[70];
    return GROUP_OF_REAL_ESTATE_GROUP[parsed.group] ?? group('other');
  }
  return DIVISION_GROUP[Number(parsed.division)];
}

// ---------------------------------------------------------------------------------------------------------
// Classification.

export interface SizeClassInput {
  /** GB/T 4754-2017 code, any level; the finer the better. */
  industryCode: string;
  /** 从业人员, persons: the period-end figure, or the annual average when there is no period-end figure. */
  employees?: number | null;
  /**
   * 营业收入 in fen. For industries whose statistics report 主营业务收入 (工业, 批发, 零售, 住宿, 餐饮),
   * the caller passes 主营业务收入 here and sets `revenueBasis: 'main_revenue'` so the reason names it.
   */
  revenueFen?: number | null;
  /** 资产总额 in fen. */
  assetsFen?: number | null;
  /** Which figure `revenueFen` is; only changes the wording of the reason. Default 'operating_revenue'. */
  revenueBasis?: 'operating_revenue' | 'main_revenue';
}

export interface SizeCheck {
  indicator: SizeIndicator;
  /** persons or fen */
  value: number;
  /** The value must be ≥ this (inclusive). */
  lowerBound?: number;
  /** The value must be < this. */
  upperBound?: number;
  /** Whether the value lies in [lowerBound, upperBound). */
  passed: boolean;
}

export type SizeMissingFact = SizeIndicator | 'industry_code';

export interface SizeClassResult {
  sizeClass: SizeClass | null;
  status: 'decided' | 'unknown' | 'not_applicable';
  group: SizeGroupId | null;
  /** Version id of the table applied; null when none applies. */
  version: string | null;
  /**
   * The comparisons behind the result, one per indicator with a value. For a decided class above micro:
   * the class's lower bound, and the next class's bound when the value is below it (what holds the class
   * down). For micro: the 小 bound as upper bound (any one passed check suffices). When unknown: the band
   * each known value lies in.
   */
  checks: SizeCheck[];
  /** When unknown: the facts that would decide the class. */
  missing: SizeMissingFact[];
  reason: { zh: string; en: string };
}

const CLASSES_ASC: readonly SizeClass[] = ['micro', 'small', 'medium', 'large'];
const BOUND_OF: readonly ('small' | 'medium' | 'large')[] = ['small', 'medium', 'large'];
const MICRO = 0;
const LARGE = 3;


function indicatorName(indicator: SizeIndicator, basis: SizeClassInput['revenueBasis']): { zh: string; en: string } {
  if (indicator === 'employees') return { zh: '从业人员', en: 'employees' };
  if (indicator === 'assets') return { zh: '资产总额', en: 'total assets' };
  return basis === 'main_revenue' ? { zh: '主营业务收入', en: 'main-business revenue' } : { zh: '营业收入', en: 'operating revenue' };
}

function missingName(indicator: SizeMissingFact, basis: SizeClassInput['revenueBasis']): { zh: string; en: string } {
  if (indicator === 'industry_code') return { zh: '行业代码', en: 'industry code' };
  if (indicator === 'employees') return { zh: '从业人员', en: 'number of employees' };
  return indicatorName(indicator, basis);
}

function describeCheck(check: SizeCheck, basis: SizeClassInput['revenueBasis']): { zh: string; en: string } {
  const name = indicatorName(check.indicator, basis);
  const isPeople = check.indicator === 'employees';
  const zhAmount = (n: number): string => (isPeople ? `${groupDigits(n)}人` : formatFen(n, 'zh-CN'));
  const enAmount = (n: number): string => (isPeople ? groupDigits(n) : formatFen(n, 'en-US'));
  const zhBounds: string[] = [];
  const enBounds: string[] = [];
  if (check.lowerBound !== undefined) {
    zhBounds.push(`≥ ${zhAmount(check.lowerBound)}`);
    enBounds.push(`≥ ${enAmount(check.lowerBound)}`);
  }
  if (check.upperBound !== undefined) {
    zhBounds.push(`< ${zhAmount(check.upperBound)}`);
    enBounds.push(`< ${enAmount(check.upperBound)}`);
  }
  const zhTail = zhBounds.length ? `（${zhBounds.join('，')}）` : '';
  const enTail = enBounds.length ? ` (${enBounds.join(', ')})` : '';
  const en = isPeople ? `${enAmount(check.value)} employees${enTail}` : `${name.en} ${enAmount(check.value)}${enTail}`;
  return { zh: `${name.zh} ${zhAmount(check.value)}${zhTail}`, en };
}

function joinChecks(checks: readonly SizeCheck[], basis: SizeClassInput['revenueBasis']): { zh: string; en: string } {
  const parts = checks.map((c) => describeCheck(c, basis));
  return { zh: parts.map((p) => p.zh).join('且'), en: parts.map((p) => p.en).join(' and ') };
}

function readValue(indicator: SizeIndicator, input: SizeClassInput): number | null {
  const raw = indicator === 'employees' ? input.employees : indicator === 'revenue' ? input.revenueFen : input.assetsFen;
  if (raw === undefined || raw === null) return null;
  if (indicator === 'employees') {
    if (!Number.isSafeInteger(raw) || raw < 0) throw new RangeError(`employees must be a whole number of persons ≥ 0, got ${raw}`);
    return raw;
  }
  return assertFen(raw, indicator);
}

/** The highest class (index into CLASSES_ASC) that `value` reaches for one indicator on its own. */
function bandOf(thresholds: SizeGroupThresholds, indicator: SizeIndicator, value: number): number {
  for (let c = LARGE; c > MICRO; c--) if (value >= thresholds[BOUND_OF[c - 1]][indicator]!) return c;
  return MICRO;
}

function boundAt(thresholds: SizeGroupThresholds, classIndex: number, indicator: SizeIndicator): number | undefined {
  return classIndex === MICRO ? undefined : thresholds[BOUND_OF[classIndex - 1]][indicator];
}

function unknownResult(
  groupId: SizeGroupId | null,
  version: string | null,
  missing: SizeMissingFact[],
  reason: { zh: string; en: string },
  checks: SizeCheck[] = [],
): SizeClassResult {
  return { sizeClass: null, status: 'unknown', group: groupId, version, checks, missing, reason };
}

/**
 * Classifies an enterprise as large, medium, small or micro under the standard in force on `onDate`
 * (ISO date). Revenue is 营业收入, or 主营业务收入 where the industry reports it (see SizeClassInput).
 * Throws RangeError on a malformed date or a non-integer / negative head count, MoneyError on a
 * non-integer amount; everything else (unknown codes, missing facts) is reported in the result.
 */
export function classifySize(input: SizeClassInput, onDate: string): SizeClassResult {
  const version = sizeClassVersionAt(onDate);
  const basis = input.revenueBasis ?? 'operating_revenue';
  if (version === null) {
    return {
      sizeClass: null,
      status: 'not_applicable',
      group: null,
      version: null,
      checks: [],
      missing: [],
      reason: {
        zh: `${onDate} 早于现行划型标准的施行日期（${SIZE_CLASS_VERSIONS[0].effectiveFrom}），无可适用的划型标准`,
        en: `${onDate} is before the first size-class standard on record (in force from ${SIZE_CLASS_VERSIONS[0].effectiveFrom})`,
      },
    };
  }

  const resolution = sizeGroupOf(input.industryCode);
  if (resolution.kind === 'invalid') {
    return unknownResult(null, version.id, ['industry_code'], {
      zh: `行业代码“${input.industryCode}”无效，无法划型`,
      en: `Industry code "${input.industryCode}" is not valid, so the size class cannot be determined`,
    });
  }
  if (resolution.kind === 'ambiguous') {
    const names = resolution.candidates.map((g) => SIZE_GROUP_NAMES[g]);
    return unknownResult(null, version.id, ['industry_code'], {
      zh: `行业代码 ${input.industryCode.trim().toUpperCase()} 不够细：其下${names.map((n) => n.zh).join('、')}适用不同的划型标准，需要更细的行业代码`,
      en: `Industry code ${input.industryCode.trim().toUpperCase()} is too coarse: ${names.map((n) => n.en.toLowerCase()).join(', ')} have different thresholds; a finer code is needed`,
    });
  }
  if (resolution.kind === 'not_applicable') {
    return { sizeClass: null, status: 'not_applicable', group: null, version: version.id, checks: [], missing: [], reason: resolution.reason };
  }

  const groupId = resolution.group;
  const thresholds = version.groups[groupId];
  const present: { indicator: SizeIndicator; value: number; band: number }[] = [];
  const missing: SizeIndicator[] = [];
  let lowest = LARGE;
  for (const indicator of thresholds.indicators) {
    const value = readValue(indicator, input);
    if (value === null) {
      missing.push(indicator);
      continue;
    }
    const band = bandOf(thresholds, indicator, value);
    present.push({ indicator, value, band });
    if (band < lowest) lowest = band;
  }

  if (missing.length > 0 && !(present.length > 0 && lowest === MICRO)) {
    // Undecided: each known value only narrows the range to micro … its own band.
    const checks: SizeCheck[] = present.map(({ indicator, value, band }) => {
      const check: SizeCheck = { indicator, value, passed: true };
      const lower = boundAt(thresholds, band, indicator);
      if (lower !== undefined) check.lowerBound = lower;
      if (band < LARGE) check.upperBound = boundAt(thresholds, band + 1, indicator);
      return check;
    });
    const missingNames = missing.map((m) => missingName(m, basis));
    const top = SIZE_CLASS_NAMES[CLASSES_ASC[present.length > 0 ? lowest : LARGE]];
    const known = checks.length > 0 ? joinChecks(checks, basis) : null;
    return unknownResult(groupId, version.id, missing, {
      zh: `无法确定规模：缺少${missingNames.map((n) => n.zh).join('、')}${known ? `；已知${known.zh}` : ''}（可能为微型至${top.zh}）`,
      en: `Size class undetermined: ${missingNames.map((n) => n.en).join(' and ')} missing${known ? `; known: ${known.en}` : ''} (could be micro to ${top.en.toLowerCase()})`,
    }, checks);
  }

  const sizeClass = CLASSES_ASC[lowest];
  let checks: SizeCheck[];
  let shown: SizeCheck[];
  if (lowest === MICRO) {
    checks = present.map(({ indicator, value }) => {
      const upper = boundAt(thresholds, 1, indicator)!;
      return { indicator, value, upperBound: upper, passed: value < upper };
    });
    shown = checks.filter((c) => c.passed);
  } else {
    checks = present.map(({ indicator, value }) => {
      const check: SizeCheck = { indicator, value, lowerBound: boundAt(thresholds, lowest, indicator), passed: true };
      if (lowest < LARGE) {
        const next = boundAt(thresholds, lowest + 1, indicator)!;
        if (value < next) check.upperBound = next;
      }
      return check;
    });
    shown = checks;
  }
  const label = SIZE_CLASS_NAMES[sizeClass];
  const body = joinChecks(shown, basis);
  const missingNames = missing.map((m) => missingName(m, basis));
  const whatever = missingNames.length
    ? { zh: `，无论${missingNames.map((n) => n.zh).join('、')}多少`, en: `, whatever the ${missingNames.map((n) => n.en).join(' and ')}` }
    : { zh: '', en: '' };
  return {
    sizeClass,
    status: 'decided',
    group: groupId,
    version: version.id,
    checks,
    missing: [],
    reason: { zh: `${label.zh}：${body.zh}${whatever.zh}`, en: `${label.en}: ${body.en}${whatever.en}` },
  };
}
