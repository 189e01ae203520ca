import { sql, type Kysely } from 'kysely';

/**
 * The linking table of 千人联千企 is imported through the imports machinery: the import kind
 * `cadre_links` (registered by the cadres module) joins the kinds import_batches accepts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check
    check (kind in ('indicators','enterprises','certifications','demands_12345','cadre_links'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from import_errors where batch_id in (select id from import_batches where kind = 'cadre_links')`.execute(db);
  await sql`delete from import_batches where kind = 'cadre_links'`.execute(db);
  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check
    check (kind in ('indicators','enterprises','certifications','demands_12345'))`.execute(db);
}
