import { sql, type Kysely } from 'kysely';

/**
 * Recoveries are recorded on the loan only (loans' loan.recovered); the risk pool accounts for each one on
 * the live claim of the loan, once per claim and loan repayment, in one of two stages:
 *   - deducted: recorded before the claim was paid (also those before it was filed) — it lowers the net
 *     loss the claim may ask for (claimed + deducted ≤ loss); no ledger entry;
 *   - shared:   recorded after the payout — the government's share flows back to the pool's cash.
 * A rejected claim keeps its rows; a corrected claim filed afterwards records the loan's recoveries again,
 * hence one row per (claim, loan repayment) instead of one per loan repayment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table risk_pool_claims add column deducted_fen bigint not null default 0 check (deducted_fen >= 0)`.execute(db);
  await sql`alter table risk_pool_claims add constraint risk_pool_claims_net_loss check (status = 'rejected' or claimed_fen + deducted_fen <= loss_fen)`.execute(db);
  await sql`alter table risk_pool_recoveries add column stage text not null default 'shared' check (stage in ('deducted','shared'))`.execute(db);
  await sql`alter table risk_pool_recoveries drop constraint risk_pool_recoveries_loan_repayment_id_key`.execute(db);
  await sql`alter table risk_pool_recoveries add constraint risk_pool_recoveries_claim_repayment unique (claim_id, loan_repayment_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table risk_pool_recoveries drop constraint risk_pool_recoveries_claim_repayment`.execute(db);
  await sql`alter table risk_pool_recoveries add constraint risk_pool_recoveries_loan_repayment_id_key unique (loan_repayment_id)`.execute(db);
  await sql`alter table risk_pool_recoveries drop column stage`.execute(db);
  await sql`alter table risk_pool_claims drop constraint risk_pool_claims_net_loss`.execute(db);
  await sql`alter table risk_pool_claims drop column deducted_fen`.execute(db);
}
