import { sql, type Kysely } from 'kysely';

/**
 * Declared facts (issue 12 item 6, src/core/rules/declared.ts): a policy version declares the facts its
 * applicants declare on the form (key, labels, type, evidence), and an application keeps what was declared
 * ({ key: value }), the values its eligibility was decided on at submission. Evidence files are ordinary
 * attachments under the field key `declared_<key>`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_versions add column declared_facts jsonb not null default '[]'::jsonb
    check (jsonb_typeof(declared_facts) = 'array')`.execute(db);
  await sql`alter table applications add column declarations jsonb not null default '{}'::jsonb
    check (jsonb_typeof(declarations) = 'object')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications drop column if exists declarations`.execute(db);
  await sql`alter table policy_versions drop column if exists declared_facts`.execute(db);
}
