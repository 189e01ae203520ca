import { sql, type Kysely } from 'kysely';

/**
 * Records are imported through the imports machinery (issue 12 item 1): the import kind `records`
 * (registered by the records module; the batch's source names the record type) joins the kinds
 * import_batches accepts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check
    check (kind in ('indicators','enterprises','certifications','demands_12345','cadre_links','records'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from import_errors where batch_id in (select id from import_batches where kind = 'records')`.execute(db);
  await sql`delete from import_batches where kind = 'records'`.execute(db);
  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check
    check (kind in ('indicators','enterprises','certifications','demands_12345','cadre_links'))`.execute(db);
}
