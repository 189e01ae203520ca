import { sql, type Insertable } from 'kysely';
import type { LedgerEntry } from '../../../core/ledger/ledger.ts';
import type { Executor } from '../../db/database.ts';
import type { LedgerEntryKind, RiskPoolClaimsTable, RiskPoolClaimStatus, RiskPoolRegistrationStatus, RiskPoolsTable } from '../../db/schema.ts';
import { findProductsByIds } from '../loans/index.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export const CLAIM_TARGET_KIND = 'risk_pool_claim';

export type PoolRow = Awaited<ReturnType<typeof findPools>>[number];

function poolQuery(db: Executor) {
  return db
    .selectFrom('risk_pools as p')
    .innerJoin('organizations as d', 'd.id', 'p.department_org_id')
    .innerJoin('policies as pol', 'pol.id', 'p.policy_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.description',
      'p.status',
      'p.department_org_id',
      'd.name as department_name',
      'p.policy_id',
      'pol.code as policy_code',
      'p.leverage',
      'p.bank_share_bp',
      'p.government_share_bp',
      'p.created_at',
    ]);
}

/** Pools, all or those a bank is a member of. */
export async function findPools(db: Executor, filter: { bankOrgId?: number; ids?: readonly number[] } = {}) {
  let query = poolQuery(db);
  if (filter.bankOrgId !== undefined) {
    query = query.where('p.id', 'in', db.selectFrom('risk_pool_banks').where('bank_org_id', '=', filter.bankOrgId).select('pool_id'));
  }
  if (filter.ids) query = filter.ids.length ? query.where('p.id', 'in', [...filter.ids]) : query.where(sql<boolean>`false`);
  return query.orderBy('p.id').execute();
}

export async function findPool(db: Executor, id: number) {
  return poolQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Locks the pool row: registrations, contributions and payouts of one pool queue up here. */
export async function lockPool(trx: Executor, id: number) {
  return trx.selectFrom('risk_pools').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
}

export async function insertPool(trx: Executor, row: Insertable<RiskPoolsTable>, bankOrgIds: readonly number[], productIds: readonly number[]): Promise<number> {
  const { id } = await trx.insertInto('risk_pools').values(row).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('risk_pool_banks').values(bankOrgIds.map((bank_org_id) => ({ pool_id: id, bank_org_id }))).execute();
  if (productIds.length) await trx.insertInto('risk_pool_products').values(productIds.map((product_id) => ({ pool_id: id, product_id }))).execute();
  return id;
}

export async function findMembers(db: Executor, poolIds: readonly number[]) {
  if (poolIds.length === 0) return { banks: [], products: [] };
  const [banks, members] = await Promise.all([
    db.selectFrom('risk_pool_banks as b').innerJoin('organizations as o', 'o.id', 'b.bank_org_id').where('b.pool_id', 'in', [...poolIds]).select(['b.pool_id', 'o.id', 'o.name']).orderBy('o.id').execute(),
    db.selectFrom('risk_pool_products').where('pool_id', 'in', [...poolIds]).select(['pool_id', 'product_id']).execute(),
  ]);
  // The products' codes and names are the loans module's: read through its face.
  const byId = new Map((await findProductsByIds(db, [...new Set(members.map((m) => m.product_id))])).map((p) => [p.id, p]));
  const products = members
    .map((m) => ({ pool_id: m.pool_id, product: byId.get(m.product_id)! }))
    .sort((a, b) => a.product.code.localeCompare(b.product.code))
    .map(({ pool_id, product }) => ({ pool_id, id: product.id, code: product.code, name: product.name }));
  return { banks, products };
}

export async function isPoolBank(db: Executor, poolId: number, bankOrgId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('risk_pool_banks').where('pool_id', '=', poolId).where('bank_org_id', '=', bankOrgId).select('pool_id').executeTakeFirst());
}

export async function poolProductIds(db: Executor, poolId: number): Promise<number[]> {
  return (await db.selectFrom('risk_pool_products').where('pool_id', '=', poolId).select('product_id').execute()).map((r) => r.product_id);
}

// Ledger: accounts per pool, append-only entries, balances derived by summing.

/** Every entry of the pools as the core ledger sees them (account codes), oldest first. */
export async function ledgerOf(db: Executor, poolIds: readonly number[]): Promise<Map<number, LedgerEntry[]>> {
  const out = new Map<number, LedgerEntry[]>(poolIds.map((id) => [id, []]));
  if (poolIds.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
    .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
    .where('e.pool_id', 'in', [...poolIds])
    .select(['e.pool_id', 'd.code as debit', 'c.code as credit', 'e.amount_fen'])
    .orderBy('e.id')
    .execute();
  for (const row of rows) out.get(row.pool_id)!.push({ debit: row.debit, credit: row.credit, amountFen: row.amount_fen });
  return out;
}

/** Appends entries (already checked by the core ledger) to a pool's ledger, creating the accounts they name. */
export async function appendEntries(
  trx: Executor,
  poolId: number,
  entries: readonly LedgerEntry[],
  meta: { kind: LedgerEntryKind; refType: 'contribution' | 'claim' | 'recovery'; refId: number; memo: string; postedBy: number | null; postedAt?: Date },
): Promise<void> {
  if (entries.length === 0) return;
  const codes = [...new Set(entries.flatMap((e) => [e.debit, e.credit]))];
  await trx
    .insertInto('ledger_accounts')
    .values(codes.map((code) => ({ pool_id: poolId, code })))
    .onConflict((oc) => oc.columns(['pool_id', 'code']).doNothing())
    .execute();
  const accounts = await trx.selectFrom('ledger_accounts').where('pool_id', '=', poolId).where('code', 'in', codes).select(['id', 'code']).execute();
  const idOf = new Map(accounts.map((a) => [a.code, a.id]));
  await trx
    .insertInto('ledger_entries')
    .values(
      entries.map((e) => ({
        pool_id: poolId,
        debit_account_id: idOf.get(e.debit)!,
        credit_account_id: idOf.get(e.credit)!,
        amount_fen: e.amountFen,
        kind: meta.kind,
        ref_type: meta.refType,
        ref_id: meta.refId,
        memo: meta.memo,
        posted_by: meta.postedBy,
        ...(meta.postedAt && { posted_at: meta.postedAt }),
      })),
    )
    .execute();
}

export async function findLedgerPage(db: Executor, poolId: number, page: PageRequest) {
  const filtered = db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
    .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
    .where('e.pool_id', '=', poolId);
  return findPage(filtered, (q) => q.select(['e.id', 'e.kind', 'd.code as debit', 'c.code as credit', 'e.amount_fen', 'e.ref_type', 'e.ref_id', 'e.memo', 'e.posted_at']).orderBy('e.id', 'desc'), page);
}

/** A keyset batch of a pool's ledger, oldest first (ids after `after`), for the export. */
export async function findLedgerBatch(db: Executor, poolId: number, after: number | null, limit: number) {
  let q = db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
    .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
    .where('e.pool_id', '=', poolId);
  if (after !== null) q = q.where('e.id', '>', after);
  return q.select(['e.id', 'e.kind', 'd.code as debit', 'c.code as credit', 'e.amount_fen', 'e.ref_type', 'e.ref_id', 'e.memo', 'e.posted_at']).orderBy('e.id').limit(limit).execute();
}

export async function insertContribution(trx: Executor, row: { pool_id: number; source: string; amount_fen: number; contributed_on: string; reference: string; note: string; created_by: number | null }): Promise<number> {
  const { id } = await trx
    .insertInto('risk_pool_contributions')
    .values({ ...row, source: row.source as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findContributions(db: Executor, poolId: number) {
  return db.selectFrom('risk_pool_contributions').where('pool_id', '=', poolId).selectAll().orderBy('contributed_on').orderBy('id').execute();
}

// Registrations.

/** Covered outstanding and active loans of pools: the sum of their active registrations. */
export async function coverageOf(db: Executor, poolIds: readonly number[]): Promise<Map<number, { coveredFen: number; activeLoans: number }>> {
  const out = new Map<number, { coveredFen: number; activeLoans: number }>(poolIds.map((id) => [id, { coveredFen: 0, activeLoans: 0 }]));
  if (poolIds.length === 0) return out;
  const rows = await db
    .selectFrom('risk_pool_registrations')
    .where('pool_id', 'in', [...poolIds])
    .where('status', '=', 'active')
    .groupBy('pool_id')
    .select(['pool_id', sql<number>`sum(covered_fen)::int8`.as('covered'), sql<number>`count(*)::int4`.as('n')])
    .execute();
  for (const row of rows) out.set(row.pool_id, { coveredFen: Number(row.covered), activeLoans: Number(row.n) });
  return out;
}

export async function pendingClaimsOf(db: Executor, poolIds: readonly number[]): Promise<Map<number, number>> {
  if (poolIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('risk_pool_claims')
    .where('pool_id', 'in', [...poolIds])
    .where('status', 'in', ['filed', 'approved'])
    .groupBy('pool_id')
    .select(['pool_id', sql<number>`count(*)::int4`.as('n')])
    .execute();
  return new Map(rows.map((r) => [r.pool_id, Number(r.n)]));
}

/** Registrations and releases by month (YYYY-MM) for the capacity chart. */
export async function registrationEvents(db: Executor, poolId: number) {
  // A registration stops counting when it is released or when its claim is paid.
  return db
    .selectFrom('risk_pool_registrations as r')
    .leftJoin('risk_pool_claims as c', (j) => j.onRef('c.registration_id', '=', 'r.id').on('c.status', '=', 'paid'))
    .where('r.pool_id', '=', poolId)
    .select(['r.covered_fen', 'r.registered_at', sql<Date | null>`coalesce(r.released_at, c.paid_at)`.as('ended_at')])
    .execute();
}

export async function insertRegistration(trx: Executor, row: { pool_id: number; loan_id: number; bank_org_id: number; enterprise_id: number; covered_fen: number; registered_by: number | null }): Promise<number> {
  const { id } = await trx.insertInto('risk_pool_registrations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

function registrationQuery(db: Executor) {
  return db
    .selectFrom('risk_pool_registrations as r')
    .innerJoin('organizations as b', 'b.id', 'r.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'r.pool_id', 'r.loan_id', 'r.bank_org_id', 'b.name as bank_name', 'r.enterprise_id', 'e.name as enterprise_name', 'r.covered_fen', 'r.status', 'r.registered_at', 'r.released_at']);
}
export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export async function findRegistration(db: Executor, id: number) {
  return registrationQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function lockRegistration(trx: Executor, id: number) {
  return trx.selectFrom('risk_pool_registrations').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
}

export async function findRegistrations(db: Executor, filter: { bankOrgId?: number; poolId?: number; status?: RiskPoolRegistrationStatus }, page: PageRequest) {
  let query = db.selectFrom('risk_pool_registrations as r').innerJoin('organizations as b', 'b.id', 'r.bank_org_id').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id');
  if (filter.bankOrgId !== undefined) query = query.where('r.bank_org_id', '=', filter.bankOrgId);
  if (filter.poolId !== undefined) query = query.where('r.pool_id', '=', filter.poolId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  return findPage(
    query,
    (q) => q.select(['r.id', 'r.pool_id', 'r.loan_id', 'r.bank_org_id', 'b.name as bank_name', 'r.enterprise_id', 'e.name as enterprise_name', 'r.covered_fen', 'r.status', 'r.registered_at', 'r.released_at']).orderBy('r.id', 'desc'),
    page,
  );
}

export async function setRegistrationStatus(trx: Executor, id: number, status: RiskPoolRegistrationStatus, now: Date): Promise<void> {
  await trx
    .updateTable('risk_pool_registrations')
    .set({ status, ...(status === 'released' && { released_at: now }) })
    .where('id', '=', id)
    .execute();
}

// Claims.

export async function insertClaim(trx: Executor, row: Insertable<RiskPoolClaimsTable>): Promise<number> {
  const { id } = await trx.insertInto('risk_pool_claims').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function lockClaim(trx: Executor, id: number) {
  return trx.selectFrom('risk_pool_claims').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
}

export async function hasLiveClaim(db: Executor, registrationId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('risk_pool_claims').where('registration_id', '=', registrationId).where('status', '<>', 'rejected').select('id').executeTakeFirst());
}

function claimQuery(db: Executor) {
  return db
    .selectFrom('risk_pool_claims as c')
    .innerJoin('risk_pools as p', 'p.id', 'c.pool_id')
    .innerJoin('organizations as b', 'b.id', 'c.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id');
}
const CLAIM_COLUMNS = [
  'c.id',
  'c.pool_id',
  'p.name as pool_name',
  'p.department_org_id',
  'c.registration_id',
  'c.loan_id',
  'c.bank_org_id',
  'b.name as bank_name',
  'c.enterprise_id',
  'e.name as enterprise_name',
  'c.loss_fen',
  'c.claimed_fen',
  'c.bank_share_fen',
  'c.government_share_fen',
  'c.status',
  'c.note',
  'c.filed_at',
  'c.decided_at',
  'c.reject_reason',
  'c.paid_at',
  'c.recovered_fen',
  'c.government_recovered_fen',
  'c.deducted_fen',
] as const;

export async function findClaim(db: Executor, id: number) {
  return claimQuery(db).where('c.id', '=', id).select(CLAIM_COLUMNS).executeTakeFirst();
}
export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

export async function findClaims(db: Executor, filter: { bankOrgId?: number; poolId?: number; status?: RiskPoolClaimStatus }, page: PageRequest) {
  let query = claimQuery(db);
  if (filter.bankOrgId !== undefined) query = query.where('c.bank_org_id', '=', filter.bankOrgId);
  if (filter.poolId !== undefined) query = query.where('c.pool_id', '=', filter.poolId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  return findPage(query, (q) => q.select(CLAIM_COLUMNS).orderBy('c.id', 'desc'), page);
}

export async function updateClaim(
  trx: Executor,
  id: number,
  set: Partial<{ status: RiskPoolClaimStatus; decided_by: number | null; decided_at: Date | null; reject_reason: string | null; paid_at: Date | null; recovered_fen: number; government_recovered_fen: number; deducted_fen: number; claimed_fen: number; bank_share_fen: number; government_share_fen: number }>,
): Promise<void> {
  await trx.updateTable('risk_pool_claims').set(set).where('id', '=', id).execute();
}

export async function findRecoveries(db: Executor, claimIds: readonly number[]) {
  if (claimIds.length === 0) return [];
  return db.selectFrom('risk_pool_recoveries').where('claim_id', 'in', [...claimIds]).selectAll().orderBy('id').execute();
}

/** Inserts a recovery of a claim; null when the claim accounted for this loan repayment already (unique claim, repayment). */
export async function insertRecovery(
  trx: Executor,
  row: { claim_id: number; stage: 'deducted' | 'shared'; amount_fen: number; bank_share_fen: number; government_share_fen: number; recovered_on: string; note: string; recorded_by: number | null; loan_repayment_id: number },
): Promise<number | null> {
  const inserted = await trx
    .insertInto('risk_pool_recoveries')
    .values(row)
    .onConflict((oc) => oc.columns(['claim_id', 'loan_repayment_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The active pool covering a bank's product (member bank, product listed), if any — the oldest first. */
export async function poolCovering(db: Executor, bankOrgId: number, productId: number) {
  return db
    .selectFrom('risk_pools as p')
    .where('p.status', '=', 'active')
    .where('p.id', 'in', db.selectFrom('risk_pool_banks').where('bank_org_id', '=', bankOrgId).select('pool_id'))
    .where('p.id', 'in', db.selectFrom('risk_pool_products').where('product_id', '=', productId).select('pool_id'))
    .select('p.id')
    .orderBy('p.id')
    .executeTakeFirst();
}

export async function findRegistrationOfLoan(db: Executor, loanId: number) {
  return db.selectFrom('risk_pool_registrations').where('loan_id', '=', loanId).selectAll().executeTakeFirst();
}

/** The live (filed, approved or paid) claim of a loan, if any: at most one (one live claim per default). */
export async function findLiveClaimOfLoan(db: Executor, loanId: number) {
  return db.selectFrom('risk_pool_claims').where('loan_id', '=', loanId).where('status', '<>', 'rejected').select('id').executeTakeFirst();
}

/** What bounds the payment of claims: the loss, the recoveries deducted before the payout, the pool's shares. */
export async function findClaimBounds(db: Executor, claimIds: readonly number[]) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('risk_pool_claims as c')
    .innerJoin('risk_pools as p', 'p.id', 'c.pool_id')
    .where('c.id', 'in', claimIds)
    .select(['c.id', 'c.loss_fen', 'c.deducted_fen', 'p.bank_share_bp', 'p.government_share_bp'])
    .execute();
}
