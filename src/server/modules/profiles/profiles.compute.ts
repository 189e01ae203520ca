/**
 * From an enterprise's facts to its derived profile: the figures stored on its row for search and matching
 * (size_class, is_above_scale, lifecycle_stage, tags, completeness_bp, and the small `profile` document:
 * evaluation date and the data categories each searchable fact reveals), and the explanation of them (the
 * DerivedTags with their reasons and inputs, and completeness), which is not stored: it is rendered on read,
 * for the one enterprise shown, by this same function over the same facts (profiles.service.ts,
 * explainProfile). One computation, so the stored figures and the explanation shown cannot disagree.
 *
 * Pure: no IO, so the service can run it over a whole chunk of the county in memory.
 *
 * ## Tag vocabulary (`enterprises.tags`)
 * One text array per enterprise, searchable with the GIN index (`?tag=`). Every tag is derived, never typed
 * in; each states the data categories (数据授权) it reveals so a bank sees only tags it is authorised for.
 *
 * | tag | when | reveals |
 * |---|---|---|
 * | size_large, size_medium, size_small, size_micro | the 划型 class (工信部联企业〔2011〕300号) | operations + the inputs' categories (e.g. employment) |
 * | above_scale | 规上（四上）: the statistics bureau's status, or meeting the line when there is no status | operations |
 * | above_scale_new | 新增规上: the official status entered above scale for the first time in its latest year | operations |
 * | above_scale_exited | 曾退规: the official record shows an exit | operations |
 * | lifecycle_startup, lifecycle_growth, lifecycle_mature, lifecycle_decline | the life-cycle stage (src/core/profile/derived.ts) | operations |
 * | high_growth | revenue grew ≥ 20% year on year (高成长) | operations |
 * | revenue_decline | revenue fell year on year | operations |
 * | employment_growth | more employees than the year before (稳岗扩岗) | operations + employment |
 * | rd_intensive | R&D expense ≥ 3% of operating revenue, the common 研发投入强度 line of policy texts | operations + innovation |
 * | high_tech, tech_sme, specialized_sme, little_giant, enterprise_tech_center, growth_micro | a certification held on the evaluation date (awarded, not expired) | innovation |
 */
import { CERTIFICATIONS, DATA_CATEGORIES, type DataCategory, type IndicatorDefinition } from '../../../core/profile/indicators.ts';
import { deriveProfile, profileCompleteness, type DerivedTag, type DerivedTagInput, type IndicatorValues } from '../../../core/profile/derived.ts';
import type { SizeClass } from '../../db/schema.ts';

/**
 * Bump when the stored document's shape changes, so readers can tell old documents apart. Version 1 stored
 * the whole explanation (about 4 KB an enterprise); version 2 only what search needs (migration
 * 20261210T0100_compact_profile).
 */
export const PROFILE_DOCUMENT_VERSION = 2;
/** Year-on-year revenue growth (bp) from which an enterprise is tagged high_growth. */
export const HIGH_GROWTH_MIN_BP = 2000;
/** R&D intensity (bp of operating revenue) from which an enterprise is tagged rd_intensive. */
export const RD_INTENSIVE_MIN_BP = 300;
/** Certifications are innovation data: a consent must cover innovation to reveal them. */
export const CERTIFICATION_CATEGORIES: readonly DataCategory[] = Object.freeze(['innovation']);

/** Every tag the recompute can store, with its names (for filters and legends). */
export const PROFILE_TAGS: readonly { tag: string; nameZh: string; nameEn: string }[] = Object.freeze([
  { tag: 'size_large', nameZh: '大型企业', nameEn: 'Large enterprise' },
  { tag: 'size_medium', nameZh: '中型企业', nameEn: 'Medium enterprise' },
  { tag: 'size_small', nameZh: '小型企业', nameEn: 'Small enterprise' },
  { tag: 'size_micro', nameZh: '微型企业', nameEn: 'Micro enterprise' },
  { tag: 'above_scale', nameZh: '规上（四上）企业', nameEn: 'Above scale' },
  { tag: 'above_scale_new', nameZh: '新增规上', nameEn: 'Newly above scale' },
  { tag: 'above_scale_exited', nameZh: '曾退规', nameEn: 'Has left above-scale statistics' },
  { tag: 'lifecycle_startup', nameZh: '初创期', nameEn: 'Startup' },
  { tag: 'lifecycle_growth', nameZh: '成长期', nameEn: 'Growth' },
  { tag: 'lifecycle_mature', nameZh: '成熟期', nameEn: 'Mature' },
  { tag: 'lifecycle_decline', nameZh: '衰退期', nameEn: 'Decline' },
  { tag: 'high_growth', nameZh: '高成长（营收增速≥20%）', nameEn: 'High growth (revenue ≥ +20%)' },
  { tag: 'revenue_decline', nameZh: '营收下降', nameEn: 'Revenue falling' },
  { tag: 'employment_growth', nameZh: '用工增长', nameEn: 'Employment growing' },
  { tag: 'rd_intensive', nameZh: '研发投入强度≥3%', nameEn: 'R&D intensity ≥ 3%' },
  ...CERTIFICATIONS.map((c) => ({ tag: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
]);

export interface StoredCompleteness {
  year: number;
  percent: number;
  present: string[];
  missing: string[];
}

/** The `enterprises.profile` document: what search reads besides the typed columns. */
export interface StoredProfile {
  version: number;
  /** The date the stored figures were evaluated on; the explanation is rendered for the same date. */
  evaluationDate: string;
  /**
   * Categories each searchable fact reveals: every text tag, plus `size_class`, `above_scale` and
   * `lifecycle_stage` for the columns. Search reads only this small map to hide what a bank may not see.
   */
  tagCategories: Record<string, DataCategory[]>;
}

/** Why the profile is what it is: rendered on read for one enterprise, never stored. */
export interface ProfileExplanation {
  evaluationDate: string;
  sizeClass: DerivedTag;
  /** The 四上 tag; its inputs carry the whole official history (every recorded year). */
  aboveScale: DerivedTag;
  lifecycleStage: DerivedTag;
  /** The other derived tags (growth rates, R&D intensity, employment change, age, 四上 history). */
  tags: DerivedTag[];
  completeness: StoredCompleteness;
  tagCategories: Record<string, DataCategory[]>;
}

export interface ProfileFacts {
  id: number;
  industryCode: string | null;
  registeredOn: string | null;
  type: string | null;
  /** Effective values (source precedence resolved): code → period → value. */
  indicators: IndicatorValues;
  /** Certification codes held on the evaluation date. */
  certifications: readonly string[];
}

export interface ComputedProfile {
  id: number;
  sizeClass: SizeClass | null;
  isAboveScale: boolean | null;
  lifecycleStage: string | null;
  tags: string[];
  completenessBp: number;
  profile: StoredProfile;
  explanation: ProfileExplanation;
}

/** The indicator catalogue in the two forms the computation needs. */
export interface Catalogue {
  list: readonly IndicatorDefinition[];
  byCode: ReadonlyMap<string, IndicatorDefinition>;
}

export function makeCatalogue(list: readonly IndicatorDefinition[]): Catalogue {
  return { list, byCode: new Map(list.map((d) => [d.code, d])) };
}

const CATEGORY_ORDER = new Map<string, number>(DATA_CATEGORIES.map((c, i) => [c, i]));

/**
 * The categories a derived value reveals: always `operations` (derived tags are business facts), plus the
 * category of every indicator among its inputs. Registry inputs (industry code, registration date) add none.
 */
export function categoriesOfInputs(inputs: readonly DerivedTagInput[], catalogue: Catalogue): DataCategory[] {
  const set = new Set<DataCategory>(['operations']);
  for (const input of inputs) {
    const definition = catalogue.byCode.get(input.code);
    if (definition) set.add(definition.category);
  }
  return [...set].sort((a, b) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!);
}


const HEADLINE_KEYS = new Set(['size_class', 'above_scale', 'lifecycle_stage']);
const CERTIFICATION_CODES = new Set<string>(CERTIFICATIONS.map((c) => c.code));

/**
 * Computes the stored profile of one enterprise on `evaluationDate` (ISO date). Deterministic: the same
 * facts and date give the same result, which is what makes a recompute job safe to run twice.
 */
export function computeProfile(facts: ProfileFacts, catalogue: Catalogue, evaluationDate: string): ComputedProfile {
  const derived = deriveProfile({
    industryCode: facts.industryCode,
    registeredOn: facts.registeredOn,
    type: facts.type,
    indicators: facts.indicators,
    evaluationDate,
  });
  const byKey = new Map(derived.tags.map((tag) => [tag.key, tag]));
  const sizeTag = byKey.get('size_class')!;
  const lifecycleTag = byKey.get('lifecycle_stage')!;
  const aboveRaw = byKey.get('above_scale')!;
  // The history lives in the first-entry tag's inputs; the 四上 tag shows it too, so one tag tells the story.
  const history = byKey.get('above_scale_first_entry_year')?.inputs ?? [];
  const seen = new Set(aboveRaw.inputs.map((i) => `${i.code}|${i.period ?? ''}`));
  const aboveInputs = [...aboveRaw.inputs, ...history.filter((i) => !seen.has(`${i.code}|${i.period ?? ''}`))];
  const aboveTag: DerivedTag = { ...aboveRaw, inputs: aboveInputs };
  const otherTags = derived.tags.filter((tag) => !HEADLINE_KEYS.has(tag.key));
  // Categories are not stored per tag (readers derive them from the inputs); only the searchable facts
  // carry theirs, in tagCategories, so search can hide them without loading the document.
  const categoriesOf = (key: string) => categoriesOfInputs(byKey.get(key)!.inputs, catalogue);
  const sizeCategories = categoriesOfInputs(sizeTag.inputs, catalogue);
  const aboveCategories = categoriesOfInputs(aboveTag.inputs, catalogue);
  const lifecycleCategories = categoriesOfInputs(lifecycleTag.inputs, catalogue);

  const tags: string[] = [];
  const tagCategories: Record<string, DataCategory[]> = {
    size_class: sizeCategories,
    above_scale: aboveCategories,
    lifecycle_stage: lifecycleCategories,
  };
  const add = (tag: string, categories: DataCategory[]) => {
    tags.push(tag);
    tagCategories[tag] = categories;
  };

  const sizeClass = derived.sizeClass.sizeClass;
  if (sizeClass) add(`size_${sizeClass}`, sizeCategories);
  const above = derived.aboveScale;
  if (above.isAbove === true) add('above_scale', aboveCategories);
  if (above.source === 'official' && above.isAbove === true && above.history.firstEntryYear !== null && above.history.firstEntryYear === above.year) {
    add('above_scale_new', aboveCategories);
  }
  if (above.history.hasEverExited) add('above_scale_exited', aboveCategories);
  if (derived.lifecycleStage) add(`lifecycle_${derived.lifecycleStage}`, lifecycleCategories);
  if (derived.revenueGrowthBp !== null && derived.revenueGrowthBp >= HIGH_GROWTH_MIN_BP) add('high_growth', categoriesOf('revenue_growth_bp'));
  if (derived.revenueGrowthBp !== null && derived.revenueGrowthBp < 0) add('revenue_decline', categoriesOf('revenue_growth_bp'));
  if (derived.employmentChange !== null && derived.employmentChange > 0) add('employment_growth', categoriesOf('employment_change'));
  if (derived.rdIntensityBp !== null && derived.rdIntensityBp >= RD_INTENSIVE_MIN_BP) add('rd_intensive', categoriesOf('rd_intensity_bp'));
  for (const code of [...new Set(facts.certifications)].sort()) {
    if (CERTIFICATION_CODES.has(code)) add(code, [...CERTIFICATION_CATEGORIES]);
  }

  const completenessYear = Number(evaluationDate.slice(0, 4)) - 1;
  const completeness = profileCompleteness(facts.indicators, catalogue.list, completenessYear);
  const keyCount = completeness.keyIndicators.length;
  // Basis points, rounded down like the percent, so anything missing never shows as complete.
  const completenessBp = keyCount === 0 ? 10_000 : Math.floor((completeness.present.length * 10_000) / keyCount);

  return {
    id: facts.id,
    sizeClass,
    isAboveScale: above.isAbove,
    lifecycleStage: derived.lifecycleStage,
    tags,
    completenessBp,
    profile: { version: PROFILE_DOCUMENT_VERSION, evaluationDate, tagCategories },
    explanation: {
      evaluationDate,
      sizeClass: sizeTag,
      aboveScale: aboveTag,
      lifecycleStage: lifecycleTag,
      tags: otherTags,
      completeness: { year: completeness.year, percent: completeness.percent, present: completeness.present, missing: completeness.missing },
      tagCategories,
    },
  };
}
