import type { Kysely } from 'kysely';
import { industryCriteriaProblem } from '../../../core/rules/index.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './registry.repository.ts';
import type { CertificationType, CreateCertificationTypeInput, IndustrySet, SaveIndustrySetInput } from './registry.schemas.ts';

function presentType(row: Awaited<ReturnType<typeof repo.findCertificationTypes>>[number]): CertificationType {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    levels: row.levels as CertificationType['levels'],
    issuingBodyZh: row.issuing_body_zh,
    issuingBodyEn: row.issuing_body_en,
    validityYears: row.validity_years,
    isBuiltIn: row.is_built_in,
  };
}

function presentSet(row: Awaited<ReturnType<typeof repo.findIndustrySets>>[number]): IndustrySet {
  const criteria = (typeof row.criteria === 'string' ? JSON.parse(row.criteria) : row.criteria) as IndustrySet['criteria'];
  return { code: row.code, nameZh: row.name_zh, nameEn: row.name_en, sourceZh: row.source_zh, criteria, isBuiltIn: row.is_built_in };
}

/** Certification and qualification types (any signed-in user: they name the types, they hold no one's data). */
export async function listCertificationTypes(db: Kysely<DB>): Promise<CertificationType[]> {
  return (await repo.findCertificationTypes(db)).map(presentType);
}

/** Adds a certification type (data admin): rules can name it at once, validated against the new row. */
export async function createCertificationType(db: Kysely<DB>, actor: Actor, input: CreateCertificationTypeInput): Promise<CertificationType> {
  requireRole(actor, 'data_admin');
  await db.transaction().execute(async (trx) => {
    if (await repo.findCertificationType(trx, input.code)) throw new AppError('conflict', `The certification type ${input.code} exists`);
    await repo.insertCertificationType(trx, {
      code: input.code,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      levels: [...input.levels],
      issuing_body_zh: input.issuingBodyZh.trim(),
      issuing_body_en: input.issuingBodyEn.trim(),
      validity_years: input.validityYears,
    });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'certification_type.create', targetType: 'certification_type', targetId: input.code, details: { ...input } });
  });
  return presentType((await repo.findCertificationType(db, input.code))!);
}

/** Named industry sets mapped to GB/T 4754 codes (any signed-in user). */
export async function listIndustrySets(db: Kysely<DB>): Promise<IndustrySet[]> {
  return (await repo.findIndustrySets(db)).map(presentSet);
}

/**
 * Creates or replaces a named industry set (data admin). The codes are checked against GB/T 4754-2017;
 * rules naming the set use the new mapping from the next match on (the set is read at every run).
 */
export async function saveIndustrySet(db: Kysely<DB>, actor: Actor, input: SaveIndustrySetInput): Promise<IndustrySet> {
  requireRole(actor, 'data_admin');
  const { sections = [], divisionRanges = [], prefixes = [] } = input.criteria;
  if (sections.length + divisionRanges.length + prefixes.length === 0) {
    throw new AppError('validation_failed', 'An industry set lists at least one section, division range or code', [{ path: 'body/criteria', message: 'empty' }]);
  }
  const problem = industryCriteriaProblem({ sections, divisionRanges: divisionRanges as [string, string][], prefixes });
  if (problem) throw new AppError('validation_failed', 'Not GB/T 4754-2017 codes', [{ path: 'body/criteria', message: problem }]);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findIndustrySet(trx, input.code);
    await repo.upsertIndustrySet(trx, { code: input.code, name_zh: input.nameZh.trim(), name_en: input.nameEn.trim(), source_zh: input.sourceZh.trim(), criteria: input.criteria });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'industry_set.save',
      targetType: 'industry_set',
      targetId: input.code,
      details: { ...input, previous: before ? presentSet(before).criteria : null },
    });
  });
  return presentSet((await repo.findIndustrySet(db, input.code))!);
}
