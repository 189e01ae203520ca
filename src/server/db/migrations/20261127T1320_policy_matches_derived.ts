import { sql, type Kysely } from 'kysely';

/**
 * policy_matches is derived data: every row is rewritten by the next match of its version, which deletes
 * the rows of enterprises no longer in the county; rows are only written for a published version held
 * locked. Its two foreign keys made every inserted row run two referential checks — three quarters of the
 * cost of storing a county's match on the embedded database (21 µs a row with them, 5 µs without, measured
 * on 240,000 rows) — to guard against cases that cannot happen there (only drafts are ever deleted, and
 * drafts are never matched). Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_matches drop constraint if exists policy_matches_policy_version_id_fkey`.execute(db);
  await sql`alter table policy_matches drop constraint if exists policy_matches_enterprise_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_matches add constraint policy_matches_policy_version_id_fkey
    foreign key (policy_version_id) references policy_versions(id) on delete cascade`.execute(db);
  await sql`alter table policy_matches add constraint policy_matches_enterprise_id_fkey
    foreign key (enterprise_id) references enterprises(id) on delete cascade`.execute(db);
}
