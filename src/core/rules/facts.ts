/**
 * One enterprise's data as the scalar engine reads it. The vector engine reads the same data as
 * columns (vector/columns.ts builds them from these records or from SQL rows).
 */
import type { FactDefinition, SizeClass } from './catalogue.ts';
import { dateToYmd } from './units.ts';
import { isLegalFormFact, legalFormFacts, levelIndex } from './registry.ts';
import type { RecordRow } from './records.ts';

/** A certification record (高新技术企业, 专精特新 …). */
export interface CertificationRecord {
  code: string;
  /** YYYY-MM-DD */
  awardedOn: string;
  /** YYYY-MM-DD, or null when it does not expire. */
  expiresOn: string | null;
  /** true for a re-certification (重新认定), false for a first award (首次认定). */
  isRenewal: boolean;
  /** The level of the award (national, provincial, city, county) for types awarded at several levels. */
  level?: string | null;
}

/** Master attributes of the enterprise record. Missing or null means unknown. */
export interface EnterpriseAttributes {
  /** GB/T 4754-2017 code, most detailed known ("3011", "C3011", "30" or a section letter). */
  industry_code?: string | null;
  town?: string | null;
  enterprise_type?: string | null;
  /** YYYY-MM-DD */
  registered_on?: string | null;
  /** fen */
  registered_capital?: number | null;
  /** 外商投资企业 (from the enterprise record); the other legal-form facts derive from enterprise_type. */
  foreign_invested?: boolean | null;
}

export interface EnterpriseFacts {
  id?: string;
  /** Reviewer decisions on review nodes (review.ts), by node path; absent = pending (unknown). */
  reviews?: Readonly<Record<string, boolean>> | null;
  /** The applicant's declarations (declared.ts), by declared-fact key; absent = not declared (unknown). */
  declared?: Readonly<Record<string, boolean | number | string>> | null;
  attributes: EnterpriseAttributes;
  /**
   * Indicator values: code → period label ("2024", "2024Q3", "2024-07") → value. Numbers are
   * integers in the indicator's unit (fen, people, bp, 0/1 …); grade indicators hold their letter.
   * An absent period is unknown, never zero.
   */
  indicators: Readonly<Record<string, Readonly<Record<string, number | string>>>>;
  /** All certifications held or once held. undefined/null when not known (then certification tests are unknown). */
  certifications?: readonly CertificationRecord[] | null;
  /** Derived size class by year label. */
  sizeClass?: Readonly<Record<string, SizeClass>>;
  /** Records by type code (records.ts); a type absent here is unknown (no data), an empty list is none held. */
  records?: Readonly<Record<string, readonly RecordRow[]>> | null;
}

/**
 * Reads a fact value for a period label (null for facts without periods). Returns null when unknown.
 * Dates come back as yyyymmdd numbers elsewhere; here they stay ISO strings.
 */
export function readFactValue(facts: EnterpriseFacts, code: string, label: string | null): number | string | null {
  if (label === null) {
    if (isLegalFormFact(code)) return toFactRaw(legalFormFacts(facts.attributes)[code]);
    const value = (facts.attributes as Record<string, string | number | null | undefined>)[code];
    return value === undefined ? null : value;
  }
  if (code === 'size_class') return facts.sizeClass?.[label] ?? null;
  const value = facts.indicators[code]?.[label];
  return value === undefined ? null : value;
}

function toFactRaw(value: boolean | null | undefined): number | null {
  return value === null || value === undefined ? null : value ? 1 : 0;
}

/** The period labels for which an indicator (or the size class) has a value. */
export function factLabels(facts: EnterpriseFacts, code: string): string[] {
  if (code === 'size_class') return Object.keys(facts.sizeClass ?? {});
  return Object.keys(facts.indicators[code] ?? {});
}

/** Reads one fact value for the scalar path with the same typing rules as the column builder. */
export function normaliseFactValue(def: FactDefinition, raw: unknown): number | string | null {
  if (raw === null || raw === undefined) return null;
  if (def.unit === 'code' || def.unit === 'grade') return typeof raw === 'string' && raw !== '' ? raw : null;
  if (def.unit === 'date') {
    if (typeof raw !== 'string') return null;
    try {
      return dateToYmd(raw);
    } catch {
      return null;
    }
  }
  if (typeof raw === 'boolean' && def.unit === 'boolean') return raw ? 1 : 0;
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

/** Certification records as the arrays logic.ts works on; records with bad dates are ignored. */
export function encodeCertification(record: CertificationRecord): { awardedOn: number; expiresOn: number; isRenewal: number; level: number } | null {
  try {
    const awardedOn = dateToYmd(record.awardedOn);
    const expiresOn = record.expiresOn ? dateToYmd(record.expiresOn) : 0;
    return { awardedOn, expiresOn, isRenewal: record.isRenewal ? 1 : 0, level: levelIndex(record.level) };
  } catch {
    return null;
  }
}

