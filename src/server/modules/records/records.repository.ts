import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

export async function findRecordTypes(db: Executor) {
  return db.selectFrom('record_types').selectAll().orderBy('built_in', 'desc').orderBy('code').execute();
}

export async function findRecordType(db: Executor, code: string) {
  return db.selectFrom('record_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export type RecordTypeRow = NonNullable<Awaited<ReturnType<typeof findRecordType>>>;

export async function insertRecordType(
  db: Executor,
  row: { code: string; name_zh: string; name_en: string; count_unit: 'person' | 'count'; consent_category: string; date_field: string | null; fields: unknown },
): Promise<void> {
  await db.insertInto('record_types').values({ ...row, fields: JSON.stringify(row.fields), built_in: false }).execute();
}

/** The stored records of some keys of one type (for the import's insert / update / unchanged decision). */
export async function findRecordsByKeys(db: Executor, type: string, enterpriseIds: readonly number[], keys: readonly string[]) {
  if (enterpriseIds.length === 0 || keys.length === 0) return [];
  return db
    .selectFrom('enterprise_records')
    .select(['id', 'enterprise_id', 'record_key', 'values'])
    .where('type_code', '=', type)
    .where('enterprise_id', 'in', [...enterpriseIds])
    .where('record_key', 'in', [...keys])
    .execute();
}

export async function insertRecords(db: Executor, rows: { enterprise_id: number; type_code: string; record_key: string; values: string; import_id: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('enterprise_records')
    .values(rows.map((row) => ({ ...row, source: 'import' })))
    // Another attempt of the same chunk (a retried job) inserted it already: the values are the same.
    .onConflict((oc) => oc.columns(['enterprise_id', 'type_code', 'record_key']).doNothing())
    .execute();
}

export async function updateRecord(db: Executor, id: string, values: string, importId: number): Promise<void> {
  await db.updateTable('enterprise_records').set({ values, import_id: importId, source: 'import', updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Enterprises holding records this batch wrote (an interrupted attempt's rows count as unchanged later). */
export async function findEnterprisesWrittenByImport(db: Executor, importId: number): Promise<number[]> {
  const rows = await db.selectFrom('enterprise_records').select('enterprise_id').distinct().where('import_id', '=', importId).execute();
  return rows.map((row) => row.enterprise_id);
}

/** Counts of an enterprise's records by type. */
export async function countRecordsByType(db: Executor, enterpriseId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('enterprise_records')
    .select(['type_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('enterprise_id', '=', enterpriseId)
    .groupBy('type_code')
    .execute();
  return new Map(rows.map((row) => [row.type_code, Number(row.n)]));
}

/** An enterprise's records of one type, latest first by the type's date field, then by key. */
export async function findEnterpriseRecords(db: Kysely<DB>, enterpriseId: number, type: string, dateField: string | null, limit: number) {
  let query = db.selectFrom('enterprise_records').select(['record_key', 'values', 'source', 'updated_at']).where('enterprise_id', '=', enterpriseId).where('type_code', '=', type);
  if (dateField) query = query.orderBy(sql`"values"->>${dateField}`, (ob) => ob.desc().nullsLast());
  return query.orderBy('record_key').limit(limit).execute();
}
