import type { RecordFieldDefinition, RecordTypeDefinition } from '../../../core/rules/records.ts';
import type { RecordTypeRow } from './records.repository.ts';
import type { RecordType } from './records.schemas.ts';

const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export function presentRecordType(row: RecordTypeRow): RecordType {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    countUnit: row.count_unit,
    consentCategory: row.consent_category,
    dateField: row.date_field,
    fields: parsed(row.fields) as RecordType['fields'],
    isBuiltIn: row.built_in,
  };
}

/** The engine's definition of a stored type (records.ts). */
export function definitionOf(row: RecordTypeRow): RecordTypeDefinition {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    countUnit: row.count_unit,
    consentCategory: row.consent_category,
    dateField: row.date_field,
    fields: parsed(row.fields) as RecordFieldDefinition[],
  };
}

export const recordValuesOf = (values: unknown): Record<string, string | number | boolean | null> => (parsed(values) ?? {}) as Record<string, string | number | boolean | null>;
