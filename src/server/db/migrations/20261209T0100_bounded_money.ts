import { sql, type Kysely } from 'kysely';

/**
 * Bounded money (issue 13): the application keeps the bound its approved amount was judged against
 * (what the policy's benefit allows the enterprise: the estimate, or the cap of an "up to" benefit) and
 * the reviewer's reason when the amount differs from the estimate, for the checker and the audit.
 * Money columns refuse amounts above 1万亿元 (10^14 fen, MONEY_MAX_FEN in core/money/money.ts), far below
 * 2^53, so no amount a request could not carry is stored by any path. NOT VALID: rows already written are
 * not re-checked (none is that large; a check would only block the upgrade), new and updated rows are.
 */
const MAX = sql.lit(100_000_000_000_000);

const bounded: [table: string, column: string][] = [
  ['applications', 'estimated_amount_fen'],
  ['applications', 'approved_amount_fen'],
  ['applications', 'amount_bound_fen'],
  ['disbursements', 'amount_fen'],
  ['auto_grant_items', 'amount_fen'],
  ['loan_applications', 'amount_fen'],
  ['loan_applications', 'approved_amount_fen'],
  ['loans', 'principal_fen'],
  ['risk_pool_claims', 'loss_fen'],
  ['risk_pool_claims', 'claimed_fen'],
];

const name = (table: string, column: string) => `${table}_${column}_max`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications add column amount_bound_fen bigint, add column amount_reason text`.execute(db);
  await sql`alter table applications add constraint applications_approved_within_bound
    check (approved_amount_fen is null or amount_bound_fen is null or approved_amount_fen <= amount_bound_fen)`.execute(db);
  for (const [table, column] of bounded) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name(table, column))} check (${sql.ref(column)} <= ${MAX}) not valid`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of bounded) await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(name(table, column))}`.execute(db);
  await sql`alter table applications drop constraint if exists applications_approved_within_bound`.execute(db);
  await sql`alter table applications drop column if exists amount_reason, drop column if exists amount_bound_fen`.execute(db);
}
