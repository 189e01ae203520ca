import { sql, type Kysely } from 'kysely';

/**
 * Eligibility-only approvals (issue 12 item 5): a policy whose benefit is `{none: true}` (资格认定、荣誉、
 * 税收优惠) — or whose matching case pays nothing — is approved without an amount. The application keeps
 * `eligibility_only`; the rule "an approved application has an approved amount" becomes "… or is
 * eligibility only", and an eligibility-only application never carries an amount and is never paid, so
 * it cannot reach disbursement as money even by a direct write.
 *
 * The original rule is an unnamed table CHECK of 20261127T1200_applications; it is found by its text.
 */
const APPROVED = sql.raw(`('approved','in_notice','notice_passed','paid')`);

async function dropAmountRule(db: Kysely<unknown>, needle: string): Promise<void> {
  const rows = await sql<{ conname: string }>`
    select conname from pg_constraint
    where conrelid = 'applications'::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`%${needle}%`}`.execute(db);
  for (const row of rows.rows) await sql`alter table applications drop constraint ${sql.id(row.conname)}`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications add column eligibility_only boolean not null default false`.execute(db);
  await dropAmountRule(db, 'approved_amount_fen IS NOT NULL');
  await sql`alter table applications add constraint applications_approved_has_amount
    check (status not in ${APPROVED} or approved_amount_fen is not null or eligibility_only)`.execute(db);
  await sql`alter table applications add constraint applications_eligibility_only_unpaid
    check (not eligibility_only or (approved_amount_fen is null and status <> 'paid'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications drop constraint if exists applications_eligibility_only_unpaid`.execute(db);
  await sql`alter table applications drop constraint if exists applications_approved_has_amount`.execute(db);
  await sql`alter table applications add constraint applications_check1
    check (status not in ${APPROVED} or approved_amount_fen is not null) not valid`.execute(db);
  await sql`alter table applications drop column if exists eligibility_only`.execute(db);
}
