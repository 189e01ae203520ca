import type { Kysely } from 'kysely';
import { validateRecordType } from '../../../core/rules/records.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { auditEnterpriseRead, authorizeEnterpriseRead, findEnterpriseRef } from '../enterprises/index.ts';
import { definitionOf, presentRecordType, recordValuesOf } from './records.presenter.ts';
import * as repo from './records.repository.ts';
import type { CreateRecordTypeInput, EnterpriseRecords, RecordType } from './records.schemas.ts';

/** Record types (any signed-in user: they name the kinds of records, they hold no one's data). */
export async function listRecordTypes(db: Kysely<DB>): Promise<RecordType[]> {
  return (await repo.findRecordTypes(db)).map(presentRecordType);
}

/**
 * Declares a record type as data (the data administrator, who also keeps the indicator registry): rules can
 * aggregate it and files of it can be imported at once. Checked as the engine checks a type (field codes,
 * a code field's list, the date field being a date field of the type).
 */
export async function createRecordType(db: Kysely<DB>, actor: Actor, input: CreateRecordTypeInput): Promise<RecordType> {
  requireRole(actor, 'data_admin');
  const fields = input.fields.map((field) => ({
    code: field.code,
    nameZh: field.nameZh.trim(),
    nameEn: field.nameEn.trim(),
    type: field.type,
    ...(field.unit ? { unit: field.unit.trim() } : {}),
    ...(field.codes ? { codes: field.codes.map((c) => ({ code: c.code.trim(), nameZh: c.nameZh.trim(), nameEn: c.nameEn.trim() })) } : {}),
    ...(field.required ? { required: true } : {}),
  }));
  const definition = { code: input.code, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), countUnit: input.countUnit, consentCategory: input.consentCategory, dateField: input.dateField, fields };
  const problems = validateRecordType(definition);
  fields.forEach((field, i) => {
    if (field.type !== 'code' && field.codes) problems.push({ path: `/fields/${i}/codes`, message: 'only a code field has a list of codes' });
    if (field.type !== 'number' && field.unit) problems.push({ path: `/fields/${i}/unit`, message: 'only a number field has a unit (money is in fen, dates are dates)' });
  });
  if (problems.length > 0) throw new AppError('validation_failed', 'The record type is invalid', problems.map((p) => ({ path: `body${p.path}`, message: p.message })));
  await db.transaction().execute(async (trx) => {
    if (await repo.findRecordType(trx, input.code)) throw new AppError('conflict', `The record type ${input.code} exists`);
    await repo.insertRecordType(trx, {
      code: definition.code,
      name_zh: definition.nameZh,
      name_en: definition.nameEn,
      count_unit: definition.countUnit,
      consent_category: definition.consentCategory,
      date_field: definition.dateField,
      fields,
    });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'record_type.create', targetType: 'record_type', targetId: input.code, details: { ...definition } });
  });
  return presentRecordType((await repo.findRecordType(db, input.code))!);
}

/**
 * An enterprise's records by type: the enterprise itself and government readers see every type; a bank or
 * provider under a consent sees the types whose consent category its consents grant (the others are named
 * in hiddenTypes, without counts). Types the enterprise holds no record of are left out.
 */
export async function readEnterpriseRecords(db: Kysely<DB>, actor: Actor, enterpriseId: number, limit: number): Promise<EnterpriseRecords> {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const access = await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.records.read');
  const [types, counts] = await Promise.all([repo.findRecordTypes(db), repo.countRecordsByType(db, enterpriseId)]);
  const groups: EnterpriseRecords['groups'] = [];
  const hiddenTypes: string[] = [];
  const shown: string[] = [];
  for (const row of types) {
    const total = counts.get(row.code) ?? 0;
    if (total === 0) continue;
    if (!access.categories.includes(row.consent_category as never)) {
      hiddenTypes.push(row.code);
      continue;
    }
    const definition = definitionOf(row);
    const items = await repo.findEnterpriseRecords(db, enterpriseId, row.code, definition.dateField, limit);
    shown.push(row.code);
    groups.push({
      type: presentRecordType(row),
      total,
      items: items.map((item) => ({ key: item.record_key, values: recordValuesOf(item.values), source: item.source, updatedAt: new Date(item.updated_at).toISOString() })),
    });
  }
  await auditEnterpriseRead(db, actor, access, 'enterprise.records.read', { types: shown, hiddenTypes });
  return { groups, hiddenTypes };
}
