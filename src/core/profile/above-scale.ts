/**
 * "四上"企业 (above-scale / above-limit enterprises): the statistics bureau's thresholds for counting an
 * enterprise in the regular statistics (规上工业, 有资质建筑业, 限上批零住餐, 规上服务业, 房地产开发经营).
 *
 * The official status is decided by the statistics bureau and arrives yearly as the `above_scale`
 * indicator; this module says whether an enterprise MEETS the threshold (for enterprises without an
 * official status yet, and to explain the official one), and reads the official yearly history for the
 * policies that hinge on 首次入规, 中途退规 and 再次入规.
 *
 * Thresholds are versioned by statistical year: the industrial line was 500万元 before 2011 and 2000万元
 * from 2011. The standards give no earlier figures for the other lines, so they are the same in both
 * versions.
 */
import { FEN_PER_WAN, assertFen, formatFen } from '../money/money.ts';
import { listSections, parseIndustryCode } from './industry-codes.ts';

export type AboveScaleCategory =
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'accommodation'
  | 'catering'
  | 'real_estate_development'
  | 'services_2000'
  | 'services_1000'
  | 'services_500';

type RevenueCategory = Exclude<AboveScaleCategory, 'construction' | 'real_estate_development'>;

export type AboveScaleBasis = 'main_revenue' | 'operating_revenue' | 'qualification' | 'activity';

/** Facts that can be missing, named as the indicator codes that carry them. */
export type AboveScaleFact = 'main_revenue' | 'operating_revenue' | 'construction_qualification' | 'real_estate_development' | 'industry_code';

export const ABOVE_SCALE_CATEGORY_NAMES: Readonly<Record<AboveScaleCategory, { zh: string; en: string }>> = Object.freeze({
  industry: { zh: '规上工业', en: 'Above-scale industry' },
  construction: { zh: '有资质建筑业', en: 'Qualified construction' },
  wholesale: { zh: '限上批发业', en: 'Above-limit wholesale' },
  retail: { zh: '限上零售业', en: 'Above-limit retail' },
  accommodation: { zh: '限上住宿业', en: 'Above-limit accommodation' },
  catering: { zh: '限上餐饮业', en: 'Above-limit catering' },
  real_estate_development: { zh: '房地产开发经营业', en: 'Real estate development' },
  services_2000: { zh: '规上服务业', en: 'Above-scale services' },
  services_1000: { zh: '规上服务业', en: 'Above-scale services' },
  services_500: { zh: '规上服务业', en: 'Above-scale services' },
});

/** Industry, wholesale, retail, accommodation and catering are measured on 主营业务收入; services on 营业收入. */
const BASIS_OF: Readonly<Record<RevenueCategory, 'main_revenue' | 'operating_revenue'>> = {
  industry: 'main_revenue',
  wholesale: 'main_revenue',
  retail: 'main_revenue',
  accommodation: 'main_revenue',
  catering: 'main_revenue',
  services_2000: 'operating_revenue',
  services_1000: 'operating_revenue',
  services_500: 'operating_revenue',
};

export interface AboveScaleVersion {
  id: string;
  /** First statistical year the version applies to; null = open start. */
  fromYear: number | null;
  label: { zh: string; en: string };
  /** Revenue thresholds in fen. */
  thresholdsFen: Readonly<Record<RevenueCategory, number>>;
}

function thresholds(industryWan: number): Readonly<Record<RevenueCategory, number>> {
  return Object.freeze({
    industry: industryWan * FEN_PER_WAN,
    wholesale: 2000 * FEN_PER_WAN,
    retail: 500 * FEN_PER_WAN,
    accommodation: 200 * FEN_PER_WAN,
    catering: 200 * FEN_PER_WAN,
    services_2000: 2000 * FEN_PER_WAN,
    services_1000: 1000 * FEN_PER_WAN,
    services_500: 500 * FEN_PER_WAN,
  });
}

/** Oldest first. */
export const ABOVE_SCALE_VERSIONS: readonly AboveScaleVersion[] = Object.freeze([
  Object.freeze({ id: 'before-2011', fromYear: null, label: { zh: '2011年前标准', en: 'the line before 2011' }, thresholdsFen: thresholds(500) }),
  Object.freeze({ id: '2011', fromYear: 2011, label: { zh: '2011年起标准', en: 'the line since 2011' }, thresholdsFen: thresholds(2000) }),
]);

/** The threshold version for a statistical year. */
export function aboveScaleVersionFor(year: number): AboveScaleVersion {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must be a four-digit integer, got ${year}`);
  let found = ABOVE_SCALE_VERSIONS[0];
  for (const v of ABOVE_SCALE_VERSIONS) if (v.fromYear === null || v.fromYear <= year) found = v;
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Which category an industry code belongs to, precomputed per 大类.

type Resolution = { kind: 'category'; category: AboveScaleCategory } | { kind: 'none' } | { kind: 'ambiguous' };
const cat = (category: AboveScaleCategory): Resolution => Object.freeze({ kind: 'category', category });
const NONE: Resolution = Object.freeze({ kind: 'none' });
const AMBIGUOUS: Resolution = Object.freeze({ kind: 'ambiguous' });

const DIVISION_CATEGORY: Resolution[] = new Array<Resolution>(100).fill(NONE);
function assign(from: number, to: number, entry: Resolution): void {
  for (let n = from; n <= to; n++) DIVISION_CATEGORY[n] = entry;
}
const S2000 = cat('services_2000');
const S1000 = cat('services_1000');
const S500 = cat('services_500');
// 01–05 (A), 66–69 (J), 91–97 (S, T) stay NONE.
assign(6, 46, cat('industry'));
assign(47, 50, cat('construction'));
assign(51, 51, cat('wholesale'));
assign(52, 52, cat('retail'));
assign(53, 60, S2000); // G
assign(61, 61, cat('accommodation'));
assign(62, 62, cat('catering'));
assign(63, 65, S2000); // I
assign(70, 70, AMBIGUOUS); // resolved by 中类 below
assign(71, 75, S1000); // L, M
assign(76, 79, S2000); // N
assign(80, 82, S500); // O
assign(83, 83, S1000); // P
assign(84, 84, S2000); // 卫生
assign(85, 85, S500); // 社会工作
assign(86, 90, S500); // R

const REAL_ESTATE_GROUP: Record<string, Resolution> = {
  '701': cat('real_estate_development'),
  '702': S1000, // 物业管理
  '703': S1000, // 房地产中介服务
  '704': S1000, // 房地产租赁经营
  '709': S1000, // 其他房地产业
};

const SECTION_CATEGORY = new Map<string, Resolution>();
const SECTION_NAME = new Map<string, { zh: string; en: string }>();
for (const s of listSections()) {
  const entries = new Set<Resolution>();
  for (let n = Number(s.divisionFrom); n <= Number(s.divisionTo); n++) entries.add(DIVISION_CATEGORY[n]);
  SECTION_CATEGORY.set(s.code, entries.size === 1 ? [...entries][0] : AMBIGUOUS);
  SECTION_NAME.set(s.code, { zh: s.nameZh, en: s.nameEn });
}

function resolve(industryCode: string): { resolution: Resolution; section: string } | null {
  const parsed = parseIndustryCode(industryCode);
  if (!parsed.ok) return null;
  const { section } = parsed;
  if (parsed.division === null) return { resolution: SECTION_CATEGORY.get(section)!, section };
  if (parsed.division === '70' && parsed.group !== null) return { resolution: REAL_ESTATE_GROUP[parsed.group], section };
  return { resolution: DIVISION_CATEGORY[Number(parsed.division)], section };
}

// ---------------------------------------------------------------------------------------------------------

export interface AboveScaleInput {
  /** GB/T 4754-2017 code, any level. */
  industryCode: string;
  /** The statistical year the figures belong to; picks the threshold version. */
  year: number;
  /** 主营业务收入 in fen (industry, wholesale, retail, accommodation, catering). */
  mainRevenueFen?: number | null;
  /** 营业收入 in fen (services). */
  operatingRevenueFen?: number | null;
  /** Holds a general-contracting or specialist-contracting qualification (construction). */
  hasConstructionQualification?: boolean | null;
  /** Has real-estate development activity (房地产开发经营). */
  hasRealEstateDevelopment?: boolean | null;
}

export interface AboveScaleAssessment {
  /** null when a fact is missing and the others do not settle it. */
  meetsThreshold: boolean | null;
  /** null when the industry is outside the 四上 statistics, or the code is too coarse / invalid. */
  category: AboveScaleCategory | null;
  /** The revenue line applied, for revenue-based categories. */
  thresholdFen?: number;
  /** null only when there is no category. */
  basis: AboveScaleBasis | null;
  /** Threshold version id ('2011' or 'before-2011'). */
  version: string;
  missing: AboveScaleFact[];
  reason: { zh: string; en: string };
}

const BASIS_NAME: Record<'main_revenue' | 'operating_revenue', { zh: string; en: string }> = {
  main_revenue: { zh: '主营业务收入', en: 'main-business revenue' },
  operating_revenue: { zh: '营业收入', en: 'operating revenue' },
};

function readFen(value: number | null | undefined, what: string): number | null {
  return value === undefined || value === null ? null : assertFen(value, what);
}

/**
 * Whether an enterprise meets the 四上 threshold of its industry for a statistical year.
 * Industry, wholesale, retail, accommodation and catering are judged on 主营业务收入, services on 营业收入,
 * construction on holding a contracting qualification, real-estate development on having development
 * activity. When 主营业务收入 is missing but 营业收入 is known and already below the line, the answer is
 * "no", because main-business revenue is a part of operating revenue and cannot exceed it.
 */
export function assessAboveScale(input: AboveScaleInput): AboveScaleAssessment {
  const version = aboveScaleVersionFor(input.year);
  const resolved = resolve(input.industryCode);
  const code = input.industryCode.trim().toUpperCase();

  if (resolved === null || resolved.resolution.kind === 'ambiguous') {
    const invalid = resolved === null;
    return {
      meetsThreshold: null,
      category: null,
      basis: null,
      version: version.id,
      missing: ['industry_code'],
      reason: invalid
        ? { zh: `行业代码“${input.industryCode}”无效，无法判断是否达到“四上”标准`, en: `Industry code "${input.industryCode}" is not valid, so the above-scale line cannot be applied` }
        : {
            zh: `行业代码 ${code} 不够细：其下行业的“四上”标准不同，需要更细的行业代码`,
            en: `Industry code ${code} is too coarse: the industries under it have different above-scale lines; a finer code is needed`,
          },
    };
  }
  const { resolution } = resolved;
  if (resolution.kind === 'none') {
    const section = SECTION_NAME.get(resolved.section)!;
    return {
      meetsThreshold: false,
      category: null,
      basis: null,
      version: version.id,
      missing: [],
      reason: { zh: `${section.zh}不在“四上”企业统计范围内`, en: `${section.en} is outside the above-scale ("four above") statistics` },
    };
  }

  const category = resolution.category;
  const name = ABOVE_SCALE_CATEGORY_NAMES[category];
  const base = { category, version: version.id };

  if (category === 'construction') {
    const has = input.hasConstructionQualification;
    if (has === undefined || has === null) {
      return { ...base, meetsThreshold: null, basis: 'qualification', missing: ['construction_qualification'], reason: { zh: '无法判断：缺少建筑业资质信息（有总承包或专业承包资质即纳入）', en: 'Undetermined: whether it holds a general- or specialist-contracting qualification is unknown' } };
    }
    return {
      ...base,
      meetsThreshold: has,
      basis: 'qualification',
      missing: [],
      reason: has
        ? { zh: `${name.zh}：具有总承包或专业承包资质`, en: `${name.en}: holds a general- or specialist-contracting qualification` }
        : { zh: `未达${name.zh}标准：无总承包或专业承包资质`, en: `Not ${name.en.toLowerCase()}: holds no general- or specialist-contracting qualification` },
    };
  }

  if (category === 'real_estate_development') {
    const has = input.hasRealEstateDevelopment;
    if (has === undefined || has === null) {
      return { ...base, meetsThreshold: null, basis: 'activity', missing: ['real_estate_development'], reason: { zh: '无法判断：缺少是否有房地产开发经营活动的信息（有开发经营活动即纳入）', en: 'Undetermined: whether it has real-estate development activity is unknown' } };
    }
    return {
      ...base,
      meetsThreshold: has,
      basis: 'activity',
      missing: [],
      reason: has
        ? { zh: `${name.zh}：有房地产开发经营活动，全部纳入统计`, en: `${name.en}: has development activity, and every such enterprise is counted` }
        : { zh: `未纳入${name.zh}：无房地产开发经营活动`, en: `Not counted in ${name.en.toLowerCase()}: no development activity` },
    };
  }

  const basis = BASIS_OF[category];
  const thresholdFen = version.thresholdsFen[category];
  const line = version.label;
  const basisName = BASIS_NAME[basis];
  const main = readFen(input.mainRevenueFen, 'main revenue');
  const operating = readFen(input.operatingRevenueFen, 'operating revenue');
  const value = basis === 'main_revenue' ? main : operating;
  const lineZh = category === 'industry' ? `，${line.zh}` : '';
  const lineEn = category === 'industry' ? `, ${line.en}` : '';

  if (value === null) {
    if (basis === 'main_revenue' && operating !== null && operating < thresholdFen) {
      return {
        ...base,
        meetsThreshold: false,
        thresholdFen,
        basis,
        missing: [],
        reason: {
          zh: `未达${name.zh}标准：营业收入 ${formatFen(operating, 'zh-CN')}（< ${formatFen(thresholdFen, 'zh-CN')}${lineZh}），主营业务收入不会更高`,
          en: `Not ${name.en.toLowerCase()}: operating revenue ${formatFen(operating, 'en-US')} (< ${formatFen(thresholdFen, 'en-US')}${lineEn}), and main-business revenue cannot exceed it`,
        },
      };
    }
    return {
      ...base,
      meetsThreshold: null,
      thresholdFen,
      basis,
      missing: [basis],
      reason: {
        zh: `无法判断：缺少${basisName.zh}（${name.zh}标准为 ≥ ${formatFen(thresholdFen, 'zh-CN')}${lineZh}）`,
        en: `Undetermined: ${basisName.en} missing (${name.en.toLowerCase()} needs ≥ ${formatFen(thresholdFen, 'en-US')}${lineEn})`,
      },
    };
  }

  const meets = value >= thresholdFen;
  const amountZh = `${basisName.zh} ${formatFen(value, 'zh-CN')}`;
  const amountEn = `${basisName.en} ${formatFen(value, 'en-US')}`;
  return {
    ...base,
    meetsThreshold: meets,
    thresholdFen,
    basis,
    missing: [],
    reason: meets
      ? { zh: `${name.zh}：${amountZh}（≥ ${formatFen(thresholdFen, 'zh-CN')}${lineZh}）`, en: `${name.en}: ${amountEn} (≥ ${formatFen(thresholdFen, 'en-US')}${lineEn})` }
      : {
          zh: `未达${name.zh}标准：${amountZh}（< ${formatFen(thresholdFen, 'zh-CN')}${lineZh}）`,
          en: `Not ${name.en.toLowerCase()}: ${amountEn} (< ${formatFen(thresholdFen, 'en-US')}${lineEn})`,
        },
  };
}

// ---------------------------------------------------------------------------------------------------------
// History of the official status.

export interface AboveScaleYear {
  year: number;
  /** The statistics bureau's status for the year; null when unknown. */
  isAbove: boolean | null;
}

export interface AboveScaleHistory {
  /** First year recorded as above scale (首次入规). */
  firstEntryYear: number | null;
  /** Every year the status turned to above scale, the first entry included. */
  entryYears: number[];
  /** Years the status turned from above to not above (退规). */
  exitYears: number[];
  /** Entries after an exit (再次入规). */
  reentryYears: number[];
  /** Status of the latest year given; null when that year is unknown or nothing is given. */
  isCurrentlyAbove: boolean | null;
  /** Consecutive years above scale up to and including the latest year, counting only recorded years. */
  consecutiveYearsHeld: number;
  hasEverExited: boolean;
}

/**
 * Reads the official yearly 四上 status into entries, exits and re-entries.
 *
 * - The input may be in any order; a year given twice is an error (RangeError).
 * - The history is assumed to start no later than the enterprise's first above-scale year: a first year
 *   that is already "above" counts as the first entry.
 * - Unknown years (null, or years absent from the list) are gaps: a change is dated to the first year
 *   observed with the new status, comparing with the last known status before it.
 * - consecutiveYearsHeld counts only recorded consecutive years, so a gap ends the run; with gaps it is a
 *   lower bound, which is the safe reading for "held ≥ N years" conditions.
 */
export function aboveScaleHistory(years: readonly AboveScaleYear[]): AboveScaleHistory {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isSafeInteger(sorted[i].year)) throw new RangeError(`year must be an integer, got ${sorted[i].year}`);
    if (i > 0 && sorted[i].year === sorted[i - 1].year) throw new RangeError(`year ${sorted[i].year} is given twice`);
  }
  const entryYears: number[] = [];
  const exitYears: number[] = [];
  let lastKnown: boolean | null = null;
  for (const { year, isAbove } of sorted) {
    if (isAbove === null) continue;
    if (isAbove && lastKnown !== true) entryYears.push(year);
    if (!isAbove && lastKnown === true) exitYears.push(year);
    lastKnown = isAbove;
  }
  const latest = sorted.length > 0 ? sorted[sorted.length - 1] : null;
  let consecutiveYearsHeld = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (sorted[i].isAbove !== true) break;
    if (i < sorted.length - 1 && sorted[i].year !== sorted[i + 1].year - 1) break;
    consecutiveYearsHeld++;
  }
  const firstEntryYear = entryYears.length > 0 ? entryYears[0] : null;
  return {
    firstEntryYear,
    entryYears,
    exitYears,
    reentryYears: entryYears.slice(1),
    isCurrentlyAbove: latest ? latest.isAbove : null,
    consecutiveYearsHeld,
    hasEverExited: exitYears.length > 0,
  };
}
