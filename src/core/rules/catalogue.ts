/**
 * The fact catalogue: every fact a rule may read, with its unit and periodicity. It is built from
 * the indicator registry (data, extendable by admins) plus the enterprise's master attributes and
 * facts derived by the profile (size class per year, status histories, certifications).
 * Validation checks rules against it; evaluation uses it to read units and periods.
 */
import { BUILT_IN_INDICATORS, CERTIFICATIONS, type IndicatorDefinition, type Periodicity } from '../profile/indicators.ts';
import type { SizeClass } from '../profile/size-class.ts';
import type { FactUnit } from './units.ts';
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
}

export interface FactCatalogue {
  facts: ReadonlyMap<string, FactDefinition>;
  certifications: ReadonlyMap<string, CertificationDefinition>;
  /** Record types (employees, patents, loans …) rules may aggregate over (records.ts). */
  recordTypes?: ReadonlyMap<string, RecordTypeDefinition>;
}

/** Size classes (划型, derived by src/core/profile/size-class.ts), largest first. */
export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export type { SizeClass };

/** Enterprise master attributes, stored on the enterprise record rather than as indicators. */
export const ATTRIBUTE_FACTS: readonly FactDefinition[] = [
  { code: 'industry_code', nameZh: '所属行业', nameEn: 'Industry', unit: 'code', periodicity: null, origin: 'attribute' },
  { code: 'town', nameZh: '所在镇街', nameEn: 'Town', unit: 'code', periodicity: null, origin: 'attribute' },
  { code: 'enterprise_type', nameZh: '企业类型', nameEn: 'Enterprise type', unit: 'code', periodicity: null, origin: 'attribute' },
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
  for (const fact of [...ATTRIBUTE_FACTS, ...DERIVED_FACTS]) facts.set(fact.code, fact);
  const certifications = new Map<string, CertificationDefinition>();
  for (const certification of options.certifications ?? CERTIFICATIONS) certifications.set(certification.code, { ...certification });
  const recordTypes = new Map((options.recordTypes ?? BUILT_IN_RECORD_TYPES).map((type) => [type.code, type] as const));
  return { facts, certifications, recordTypes };
}

/** The catalogue of the built-in registry; the default when callers pass none. */
export const DEFAULT_CATALOGUE: FactCatalogue = buildFactCatalogue();
