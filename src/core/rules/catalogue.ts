/**
 * The fact catalogue: every fact a rule may read, with its unit and periodicity. It is built from
 * the indicator registry (data, extendable by admins) plus the enterprise's master attributes and
 * facts derived by the profile (size class per year, status histories, certifications).
 * Validation checks rules against it; evaluation uses it to read units and periods.
 */
import { BUILT_IN_INDICATORS, type IndicatorDefinition, type Periodicity } from '../profile/indicators.ts';
import type { SizeClass } from '../profile/size-class.ts';
import type { FactUnit } from './units.ts';
import { BUILT_IN_CERTIFICATION_TYPES, BUILT_IN_INDUSTRY_SETS, LEGAL_FORM_FACTS, type IndustrySetDefinition } from './registry.ts';
import { BUILT_IN_RECORD_TYPES, type RecordTypeDefinition } from './records.ts';

export interface FactDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: FactUnit;
  /** null for facts without periods (master attributes such as town or registration date). */
  periodicity: Periodicity | null;
  /** Where values come from: the indicator table, the enterprise record, or a profile derivation. */
  origin: 'indicator' | 'attribute' | 'derived';
  /** For coded facts with a closed list of values (grades, size classes). */
  values?: readonly string[];
  /**
   * For yearly yes/no status facts usable in `history` nodes: the first year whose records the
   * platform holds. Earlier years count as "not in the status" (see docs/rules.md).
   */
  historyFrom?: number;
}

export interface CertificationDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The levels at which the type is awarded (registry.ts); a rule may only test these. */
  levels?: readonly string[];
}

export interface FactCatalogue {
  facts: ReadonlyMap<string, FactDefinition>;
  certifications: ReadonlyMap<string, CertificationDefinition>;
  /** Named industry sets (registry data) usable as `{"industry": {"set": code}}`. */
  industrySets?: ReadonlyMap<string, IndustrySetDefinition>;
  /** Record types (employees, patents, loans …) rules may aggregate over (records.ts). */
  recordTypes?: ReadonlyMap<string, RecordTypeDefinition>;
}

/** Size classes (划型, derived by src/core/profile/size-class.ts), largest first. */
export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export type { SizeClass };

/**
 * The registry's enterprise types (企业类型, the enterprise record's `type`): the closed list a rule's
 * `enterprise_type` may name. A rule naming another code could never match, so it is refused at save
 * with the node's path (issue 12). The server's enterprise schema uses this list.
 */
export const ENTERPRISE_TYPES = ['limited_company', 'joint_stock_company', 'individual_business', 'partnership', 'sole_proprietorship', 'branch', 'cooperative', 'other'] as const;
export type EnterpriseTypeCode = (typeof ENTERPRISE_TYPES)[number];

/** Names of the enterprise types as explanations show them (as the profile's pages name them). */
export const ENTERPRISE_TYPE_NAMES: Record<EnterpriseTypeCode, { zh: string; en: string }> = {
  limited_company: { zh: '有限责任公司', en: 'Limited liability company' },
  joint_stock_company: { zh: '股份有限公司', en: 'Joint-stock company' },
  individual_business: { zh: '个体工商户', en: 'Individual business' },
  partnership: { zh: '合伙企业', en: 'Partnership' },
  sole_proprietorship: { zh: '个人独资企业', en: 'Sole proprietorship' },
  branch: { zh: '分公司', en: 'Branch' },
  cooperative: { zh: '农民专业合作社', en: 'Farmers’ cooperative' },
  other: { zh: '其他', en: 'Other' },
};

/** Enterprise master attributes, stored on the enterprise record rather than as indicators. */
export const ATTRIBUTE_FACTS: readonly FactDefinition[] = [
  { code: 'industry_code', nameZh: '所属行业', nameEn: 'Industry', unit: 'code', periodicity: null, origin: 'attribute' },
  { code: 'town', nameZh: '所在镇街', nameEn: 'Town', unit: 'code', periodicity: null, origin: 'attribute' },
  { code: 'enterprise_type', nameZh: '企业类型', nameEn: 'Enterprise type', unit: 'code', periodicity: null, origin: 'attribute', values: ENTERPRISE_TYPES },
  { code: 'registered_on', nameZh: '成立日期', nameEn: 'Registration date', unit: 'date', periodicity: null, origin: 'attribute' },
  { code: 'registered_capital', nameZh: '注册资本', nameEn: 'Registered capital', unit: 'fen', periodicity: null, origin: 'attribute' },
];

/** Facts the profile derives. */
export const DERIVED_FACTS: readonly FactDefinition[] = [
  { code: 'size_class', nameZh: '企业规模', nameEn: 'Size class', unit: 'code', periodicity: 'year', origin: 'derived', values: SIZE_CLASSES },
];

/**
 * The year from which the statistics bureau's above-scale directories are comparable: the
 * industrial line rose from 500万 to 2000万元 in 2011 (standards §4).
 */
export const DEFAULT_HISTORY_FROM = 2011;

export interface BuildCatalogueOptions {
  certifications?: readonly CertificationDefinition[];
  industrySets?: readonly IndustrySetDefinition[];
  /** First year of status histories, by fact code; default DEFAULT_HISTORY_FROM for every yearly yes/no fact. */
  historyFrom?: Readonly<Record<string, number>>;
  /** Record types; default the built-in ones. */
  recordTypes?: readonly RecordTypeDefinition[];
}

/** Builds the catalogue from an indicator registry (the built-in one or the database's rows). */
export function buildFactCatalogue(
  indicators: readonly IndicatorDefinition[] = BUILT_IN_INDICATORS,
  options: BuildCatalogueOptions = {},
): FactCatalogue {
  const facts = new Map<string, FactDefinition>();
  for (const indicator of indicators) {
    const isStatus = indicator.unit === 'boolean' && indicator.periodicity === 'year';
    facts.set(indicator.code, {
      code: indicator.code,
      nameZh: indicator.nameZh,
      nameEn: indicator.nameEn,
      unit: indicator.unit,
      periodicity: indicator.periodicity,
      origin: 'indicator',
      ...(indicator.grades ? { values: indicator.grades } : {}),
      ...(isStatus ? { historyFrom: options.historyFrom?.[indicator.code] ?? DEFAULT_HISTORY_FROM } : {}),
    });
  }
  for (const fact of [...ATTRIBUTE_FACTS, ...LEGAL_FORM_FACTS, ...DERIVED_FACTS]) facts.set(fact.code, fact);
  const certifications = new Map<string, CertificationDefinition>();
  for (const certification of options.certifications ?? BUILT_IN_CERTIFICATION_TYPES) certifications.set(certification.code, { ...certification });
  const industrySets = new Map<string, IndustrySetDefinition>();
  for (const set of options.industrySets ?? BUILT_IN_INDUSTRY_SETS) industrySets.set(set.code, set);
  const recordTypes = new Map((options.recordTypes ?? BUILT_IN_RECORD_TYPES).map((type) => [type.code, type] as const));
  return { facts, certifications, industrySets, recordTypes };
}

/** The catalogue of the built-in registry; the default when callers pass none. */
export const DEFAULT_CATALOGUE: FactCatalogue = buildFactCatalogue();
