import { sql } from 'kysely';
import { BUILT_IN_CERTIFICATION_TYPES } from '../../../core/profile/certification-types.ts';
import { BUILT_IN_INDUSTRY_SETS, type CertificationDefinition, type IndustrySetDefinition } from '../../../core/rules/index.ts';
import type { Executor } from '../../db/database.ts';

/**
 * Registry data of the rule language (issue 12 item 8): certification types and named industry sets.
 * Built-in rows are inserted when missing; rows already there are left as the administrators keep them
 * (a county edits its industry mapping, and a release must not overwrite it).
 */
export async function syncBuiltInRegistry(db: Executor): Promise<void> {
  await db
    .insertInto('certification_types')
    .values(
      BUILT_IN_CERTIFICATION_TYPES.map((t) => ({
        code: t.code,
        name_zh: t.nameZh,
        name_en: t.nameEn,
        levels: [...t.levels],
        issuing_body_zh: t.issuingBodyZh,
        issuing_body_en: t.issuingBodyEn,
        validity_years: t.validityYears,
        is_built_in: true,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('industry_sets')
    .values(
      BUILT_IN_INDUSTRY_SETS.map((s) => ({
        code: s.code,
        name_zh: s.nameZh,
        name_en: s.nameEn,
        source_zh: s.sourceZh,
        criteria: JSON.stringify(s.criteria),
        is_built_in: true,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export function findCertificationTypes(db: Executor) {
  return db.selectFrom('certification_types').selectAll().orderBy('code').execute();
}

export function findCertificationType(db: Executor, code: string) {
  return db.selectFrom('certification_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findIndustrySets(db: Executor) {
  return db.selectFrom('industry_sets').selectAll().orderBy('code').execute();
}

export function findIndustrySet(db: Executor, code: string) {
  return db.selectFrom('industry_sets').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCertificationType(
  db: Executor,
  row: { code: string; name_zh: string; name_en: string; levels: string[]; issuing_body_zh: string; issuing_body_en: string; validity_years: number | null },
): Promise<void> {
  await db.insertInto('certification_types').values({ ...row, is_built_in: false }).execute();
}

export async function upsertIndustrySet(db: Executor, row: { code: string; name_zh: string; name_en: string; source_zh: string; criteria: unknown }): Promise<void> {
  await db
    .insertInto('industry_sets')
    .values({ ...row, criteria: JSON.stringify(row.criteria), is_built_in: false })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        source_zh: eb.ref('excluded.source_zh'),
        criteria: eb.ref('excluded.criteria'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** The registry data in the engines' shapes, for buildFactCatalogue. */
export async function loadRegistryData(db: Executor): Promise<{ certifications: CertificationDefinition[]; industrySets: IndustrySetDefinition[] }> {
  const [types, sets] = await Promise.all([findCertificationTypes(db), findIndustrySets(db)]);
  return {
    certifications: types.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, levels: t.levels })),
    industrySets: sets.map((s) => ({
      code: s.code,
      nameZh: s.name_zh,
      nameEn: s.name_en,
      sourceZh: s.source_zh,
      criteria: (typeof s.criteria === 'string' ? JSON.parse(s.criteria) : s.criteria) as IndustrySetDefinition['criteria'],
    })),
  };
}
