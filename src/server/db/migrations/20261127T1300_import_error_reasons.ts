import { sql, type Kysely } from 'kysely';

/**
 * Import errors carry a stable reason code and an English reason beside the Chinese one (`reason`), so the
 * web shows the user's language and filters by kind of problem without parsing text. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_errors add column code text, add column reason_en text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_errors drop column if exists code, drop column if exists reason_en`.execute(db);
}
