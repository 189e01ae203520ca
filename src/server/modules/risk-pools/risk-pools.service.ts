/**
 * Risk-compensation pools (风险补偿资金池): pools, capital, covered loans, claims and recoveries on a
 * double-entry ledger (src/core/ledger). Every figure is derived from the ledger entries and the
 * registrations; every state change is audited in its transaction.
 *
 * Concurrency: registrations and contributions of a pool take the pool's row lock (after the loan's, the
 * lock order of the loans face), so two banks registering at once are checked against capacity one after
 * the other; claims take the registration's lock and the unique index keeps one live claim per default;
 * payouts take the claim's lock (payments: target first) and then the pool's, and post through the core
 * ledger, which refuses to overdraw the pool's cash.
 */
import type { Kysely } from 'kysely';
import { LedgerError, post } from '../../../core/ledger/ledger.ts';
import {
  capacityFen,
  checkClaim,
  checkRegistration,
  checkShares,
  contributionEntries,
  isPoolAsset,
  netLossFen,
  payoutEntries,
  PoolError,
  poolBalances,
  recomputeClaim,
  recoverySplit,
  splitByShares,
  type CapitalSource,
} from '../../../core/ledger/pool.ts';
import { balances } from '../../../core/ledger/ledger.ts';
import { ratioBp } from '../../../core/money/money.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, RiskPoolClaimStatus, RiskPoolRegistrationStatus } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActing } from '../../platform/acting.ts';
import { auditContextOfActor, type Actor, type AuditContext } from '../../request-context.ts';
import { recordAudit, type AuditAction } from '../audit/index.ts';
import { findLoan, findProductById, lockLoanForUpdate, recoveriesOfLoan } from '../loans/index.ts';
import { loadManagedPolicy } from '../policies/index.ts';
import { approvePayment, findLivePayment, preparePayment } from '../payments/index.ts';
import { notifyOrg } from '../notifications/index.ts';
import { assertVisible, poolScopeOf, requireBank, requireFinanceOffice, type PoolScope } from './risk-pools.policy.ts';
import * as repo from './risk-pools.repository.ts';
import type { Claim, ClaimBody, ContributionBody, CreatePoolBody, Registration, RiskPoolDetail, RiskPoolSummary } from './risk-pools.schemas.ts';

/** A refusal of the pool arithmetic or the ledger as the API's error. */
export function poolRefusal(error: unknown): never {
  if (error instanceof PoolError) {
    const code = error.reason === 'claim_exists' ? 'conflict' : error.reason === 'invalid_shares' || error.reason === 'invalid_leverage' ? 'validation_failed' : 'unprocessable';
    throw new AppError(code, error.message, [{ reason: error.reason }]);
  }
  if (error instanceof LedgerError) throw new AppError('unprocessable', error.message, [{ reason: error.reason, account: error.account }]);
  throw error;
}

const audit = (trx: Executor, actor: Actor, action: AuditAction, targetType: string, targetId: number, details: Record<string, unknown>) =>
  recordAudit(trx, { ...auditContextOfActor(actor), action, targetType, targetId, details });

// ---- Figures -------------------------------------------------------------------------------------------

async function figuresOf(db: Executor, pools: readonly { id: number; leverage: number }[]) {
  const ids = pools.map((p) => p.id);
  const [ledgers, coverage, pending] = await Promise.all([repo.ledgerOf(db, ids), repo.coverageOf(db, ids), repo.pendingClaimsOf(db, ids)]);
  return new Map(
    pools.map((pool) => {
      const b = poolBalances(ledgers.get(pool.id) ?? []);
      const capacity = capacityFen(b.capitalFen, pool.leverage);
      const cover = coverage.get(pool.id) ?? { coveredFen: 0, activeLoans: 0 };
      return [
        pool.id,
        {
          capitalBySource: b.capitalBySource,
          capitalFen: b.capitalFen,
          capacityFen: capacity,
          coveredOutstandingFen: cover.coveredFen,
          availableFen: Math.max(0, capacity - cover.coveredFen),
          usageBp: ratioBp(cover.coveredFen, capacity),
          cashFen: b.cashFen,
          claimsPaidFen: b.claimsPaidFen,
          recoveredFen: b.recoveredFen,
          activeLoans: cover.activeLoans,
          claimsPending: pending.get(pool.id) ?? 0,
        },
      ];
    }),
  );
}

async function summaries(db: Executor, rows: repo.PoolRow[]): Promise<RiskPoolSummary[]> {
  const [figures, members] = await Promise.all([figuresOf(db, rows), repo.findMembers(db, rows.map((r) => r.id))]);
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    status: row.status,
    department: { id: row.department_org_id, name: row.department_name },
    policy: { id: row.policy_id, code: row.policy_code },
    leverage: row.leverage,
    bankShareBp: row.bank_share_bp,
    governmentShareBp: row.government_share_bp,
    banks: members.banks.filter((b) => b.pool_id === row.id).map((b) => ({ id: b.id, name: b.name })),
    products: members.products.filter((p) => p.pool_id === row.id).map((p) => ({ id: p.id, code: p.code, name: p.name })),
    figures: figures.get(row.id)!,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Pools the actor sees: the finance office all, a bank those it is a member of. */
export async function listPools(db: Kysely<DB>, actor: Actor): Promise<{ items: RiskPoolSummary[] }> {
  const scope = await poolScopeOf(db, actor);
  const rows = await repo.findPools(db, scope.kind === 'bank' ? { bankOrgId: scope.bankOrgId } : {});
  return { items: await summaries(db, rows) };
}

export async function visiblePool(db: Executor, scope: PoolScope, id: number) {
  const row = await repo.findPool(db, id);
  if (!row) throw notFound('Risk pool');
  if (scope.kind === 'bank' && !(await repo.isPoolBank(db, id, scope.bankOrgId))) throw notFound('Risk pool');
  return row;
}

const monthOf = (date: Date | string) => (typeof date === 'string' ? date.slice(0, 7) : todayInCounty(date).slice(0, 7));

/** Capacity and coverage at the end of each month from the first contribution to this month. */
async function usageSeries(db: Executor, pool: { id: number; leverage: number }, contributions: { amount_fen: number; contributed_on: string }[]) {
  const registrations = await repo.registrationEvents(db, pool.id);
  const months = new Set<string>([monthOf(new Date())]);
  for (const c of contributions) months.add(monthOf(c.contributed_on));
  for (const r of registrations) months.add(monthOf(r.registered_at));
  const sorted = [...months].sort();
  // Every month between the first and the last.
  const all: string[] = [];
  if (sorted.length) {
    let [y, m] = sorted[0].split('-').map(Number);
    const last = sorted[sorted.length - 1];
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      all.push(key);
      if (key >= last || all.length > 240) break;
      m++;
      if (m > 12) [y, m] = [y + 1, 1];
    }
  }
  return all.map((month) => {
    const capital = contributions.filter((c) => monthOf(c.contributed_on) <= month).reduce((s, c) => s + c.amount_fen, 0);
    const covered = registrations
      .filter((r) => monthOf(r.registered_at) <= month && (r.ended_at === null || monthOf(r.ended_at) > month))
      .reduce((s, r) => s + r.covered_fen, 0);
    return { month, capacityFen: capital * pool.leverage, coveredFen: covered };
  });
}

/** A pool with its figures, capital, capacity chart and — for the finance office — its ledger and balances. */
export async function getPool(db: Kysely<DB>, actor: Actor, id: number, page: PageRequest): Promise<RiskPoolDetail> {
  const scope = await poolScopeOf(db, actor);
  const row = await visiblePool(db, scope, id);
  const [summary] = await summaries(db, [row]);
  const contributions = await repo.findContributions(db, id);
  const usage = await usageSeries(db, row, contributions);
  if (scope.kind === 'bank') {
    return { ...summary, balances: [], contributions: contributions.map(presentContribution), usage, ledger: { items: [], total: 0, ...page } };
  }
  const entries = (await repo.ledgerOf(db, [id])).get(id)!;
  const ledger = await repo.findLedgerPage(db, id, page);
  return {
    ...summary,
    balances: [...balances(entries)].map(([account, balanceFen]) => ({ account, balanceFen })).sort((a, b) => a.account.localeCompare(b.account)),
    contributions: contributions.map(presentContribution),
    usage,
    ledger: {
      items: ledger.rows.map((e) => ({ id: e.id, kind: e.kind, debit: e.debit, credit: e.credit, amountFen: e.amount_fen, refType: e.ref_type, refId: e.ref_id, memo: e.memo, postedAt: e.posted_at.toISOString() })),
      total: ledger.total,
      ...page,
    },
  };
}

function presentContribution(c: Awaited<ReturnType<typeof repo.findContributions>>[number]) {
  return { id: c.id, source: c.source, amountFen: c.amount_fen, contributedOn: c.contributed_on, reference: c.reference, note: c.note, createdAt: c.created_at.toISOString() };
}

// ---- Pools and capital ---------------------------------------------------------------------------------

/** The finance office creates a pool under one of its own policies, with member banks and covered products. */
export async function createPool(db: Kysely<DB>, actor: Actor, body: CreatePoolBody): Promise<RiskPoolDetail> {
  await requireFinanceOffice(db, actor);
  try {
    checkShares({ bankShareBp: body.bankShareBp, governmentShareBp: body.governmentShareBp });
  } catch (error) {
    poolRefusal(error);
  }
  await loadManagedPolicy(db, actor, body.policyId);
  const banks = await db.selectFrom('organizations').where('id', 'in', body.bankOrgIds).where('type', '=', 'bank').select('id').execute();
  if (banks.length !== body.bankOrgIds.length) {
    const missing = body.bankOrgIds.filter((id) => !banks.some((b) => b.id === id));
    throw new AppError('unprocessable', 'Every member must be a bank', missing.map((id) => ({ path: 'body/bankOrgIds', reason: 'not_a_bank', id })));
  }
  const productIds = body.productIds ?? [];
  for (const productId of productIds) {
    const product = await findProductById(db, productId);
    if (!product) throw new AppError('unprocessable', `Product ${productId} does not exist`, [{ path: 'body/productIds', reason: 'unknown_product', id: productId }]);
    if (!body.bankOrgIds.includes(product.bankOrgId)) throw new AppError('unprocessable', `Product ${product.code} belongs to a bank that is not a member`, [{ path: 'body/productIds', reason: 'product_of_other_bank', id: productId }]);
  }
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const poolId = await repo.insertPool(
        trx,
        {
          code: body.code,
          name: body.name.trim(),
          description: body.description?.trim() ?? '',
          department_org_id: actor.orgId,
          policy_id: body.policyId,
          leverage: body.leverage,
          bank_share_bp: body.bankShareBp,
          government_share_bp: body.governmentShareBp,
          created_by: actor.userId,
        },
        body.bankOrgIds,
        productIds,
      );
      await audit(trx, actor, 'risk_pool.create', 'risk_pool', poolId, { code: body.code, leverage: body.leverage, bankShareBp: body.bankShareBp, governmentShareBp: body.governmentShareBp, bankOrgIds: body.bankOrgIds, productIds });
      for (const contribution of body.contributions ?? []) await contribute(trx, actor, poolId, contribution, new Date());
      return poolId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', `A pool with the code ${body.code} exists already`, [{ path: 'body/code', reason: 'code_taken' }]);
      throw error;
    });
  return getPool(db, actor, id, { page: 1, pageSize: 20 });
}

/** The finance office records capital from a source: one ledger entry (cash ← capital:source). */
export async function addContribution(db: Kysely<DB>, actor: Actor, poolId: number, body: ContributionBody, now: Date = new Date()): Promise<RiskPoolDetail> {
  await requireFinanceOffice(db, actor);
  await db.transaction().execute(async (trx) => contribute(trx, actor, poolId, body, now));
  return getPool(db, actor, poolId, { page: 1, pageSize: 20 });
}

/** One contribution under the pool's lock: its row, the ledger entry (cash ← capital:source) and the audit entry. */
async function contribute(trx: Executor, actor: Actor, poolId: number, body: ContributionBody, now: Date): Promise<void> {
  const pool = await repo.lockPool(trx, poolId);
  if (!pool) throw notFound('Risk pool');
  if (pool.status !== 'active') throw new AppError('conflict', 'The pool is closed', [{ reason: 'pool_closed' }]);
  const contributionId = await repo.insertContribution(trx, {
    pool_id: poolId,
    source: body.source,
    amount_fen: body.amountFen,
    contributed_on: body.contributedOn,
    reference: body.reference?.trim() ?? '',
    note: body.note?.trim() ?? '',
    created_by: actor.userId,
  });
  await postEntries(trx, poolId, contributionEntries(body.source as CapitalSource, body.amountFen), { kind: 'contribution', refType: 'contribution', refId: contributionId, memo: `${body.source} ${body.reference ?? ''}`.trim(), postedBy: actor.userId, postedAt: now });
  await audit(trx, actor, 'risk_pool.contribute', 'risk_pool', poolId, { contributionId, source: body.source, amountFen: body.amountFen, contributedOn: body.contributedOn });
}

/** Posts entries through the core ledger (checked against the pool's balances: no overdrawn cash) and appends them. The caller holds the pool's lock. */
async function postEntries(trx: Executor, poolId: number, entries: Parameters<typeof post>[1], meta: Parameters<typeof repo.appendEntries>[3]): Promise<void> {
  const current = balances((await repo.ledgerOf(trx, [poolId])).get(poolId)!);
  let checked;
  try {
    checked = post(current, entries, isPoolAsset);
  } catch (error) {
    poolRefusal(error);
  }
  await repo.appendEntries(trx, poolId, checked, meta);
}

// ---- Covered loans -------------------------------------------------------------------------------------

function presentRegistration(r: repo.RegistrationRow): Registration {
  return {
    id: r.id,
    poolId: r.pool_id,
    loanId: r.loan_id,
    bank: { id: r.bank_org_id, name: r.bank_name },
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    coveredFen: r.covered_fen,
    status: r.status,
    registeredAt: r.registered_at.toISOString(),
    releasedAt: r.released_at?.toISOString() ?? null,
  };
}

/**
 * A bank registers one of its own loans under a pool it is a member of: the covered amount is the loan's
 * outstanding principal; refused when the pool's capacity would be exceeded (checked under the pool's row
 * lock, so concurrent registrations never overshoot), when the product is not covered, or when the loan is
 * not current. One pool per loan (unique loan_id → 409).
 */
export async function registerLoan(db: Kysely<DB>, actor: Actor, poolId: number, loanId: number, now: Date = new Date()): Promise<Registration> {
  requireBank(actor);
  const scope: PoolScope = { kind: 'bank', bankOrgId: actor.orgId };
  await visiblePool(db, scope, poolId);
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const loan = await lockLoanForUpdate(trx, loanId);
      if (!loan || loan.bankOrgId !== actor.orgId) throw notFound('Loan');
      if (loan.status !== 'active') throw new AppError('unprocessable', `Only a current loan can be registered; this one is ${loan.status}`, [{ path: 'body/loanId', reason: 'loan_not_current', status: loan.status }]);
      const pool = (await repo.lockPool(trx, poolId))!;
      if (pool.status !== 'active') throw new AppError('conflict', 'The pool is closed', [{ reason: 'pool_closed' }]);
      const products = await repo.poolProductIds(trx, poolId);
      if (products.length && !products.includes(loan.productId)) {
        throw new AppError('unprocessable', `The pool does not cover the product ${loan.productCode}`, [{ path: 'body/loanId', reason: 'product_not_covered' }]);
      }
      const [figures] = [(await figuresOf(trx, [pool])).get(poolId)!];
      try {
        checkRegistration({ capitalFen: figures.capitalFen, leverage: pool.leverage, coveredOutstandingFen: figures.coveredOutstandingFen }, loan.outstandingPrincipalFen);
      } catch (error) {
        poolRefusal(error);
      }
      const registrationId = await repo.insertRegistration(trx, { pool_id: poolId, loan_id: loanId, bank_org_id: actor.orgId, enterprise_id: loan.enterpriseId, covered_fen: loan.outstandingPrincipalFen, registered_by: actor.userId });
      await audit(trx, actor, 'risk_pool.register_loan', 'risk_pool_registration', registrationId, { poolId, loanId, coveredFen: loan.outstandingPrincipalFen, capacityFen: figures.capacityFen, coveredBeforeFen: figures.coveredOutstandingFen, at: now.toISOString() });
      return registrationId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'This loan is registered under a pool already', [{ reason: 'loan_registered' }]);
      throw error;
    });
  return presentRegistration((await repo.findRegistration(db, id))!);
}

/** The bank releases the coverage of its loan (repaid, or no longer wanted): it stops counting against capacity. */
export async function releaseRegistration(db: Kysely<DB>, actor: Actor, registrationId: number, now: Date = new Date()): Promise<Registration> {
  requireBank(actor);
  await db.transaction().execute(async (trx) => {
    const registration = await repo.lockRegistration(trx, registrationId);
    if (!registration || registration.bank_org_id !== actor.orgId) throw notFound('Registration');
    if (registration.status !== 'active') throw new AppError('conflict', `The registration is ${registration.status}`, [{ reason: 'not_active' }]);
    if (await repo.hasLiveClaim(trx, registrationId)) throw new AppError('conflict', 'A claim on this loan is open', [{ reason: 'claim_open' }]);
    await repo.setRegistrationStatus(trx, registrationId, 'released', now);
    await audit(trx, actor, 'risk_pool.release_loan', 'risk_pool_registration', registrationId, { poolId: registration.pool_id, loanId: registration.loan_id, coveredFen: registration.covered_fen });
  });
  return presentRegistration((await repo.findRegistration(db, registrationId))!);
}

export async function listRegistrations(db: Kysely<DB>, actor: Actor, filter: { poolId?: number; status?: RiskPoolRegistrationStatus }, page: PageRequest) {
  const scope = await poolScopeOf(db, actor);
  const { rows, total } = await repo.findRegistrations(db, { ...filter, ...(scope.kind === 'bank' && { bankOrgId: scope.bankOrgId }) }, page);
  return { items: rows.map(presentRegistration), total, ...page };
}

// ---- Claims --------------------------------------------------------------------------------------------

async function presentClaims(db: Executor, rows: repo.ClaimRow[]): Promise<Claim[]> {
  const recoveries = await repo.findRecoveries(db, rows.map((r) => r.id));
  const payments = await Promise.all(rows.map((r) => findLivePayment(db, { kind: repo.CLAIM_TARGET_KIND, id: r.id })));
  return rows.map((r, i) => ({
    id: r.id,
    poolId: r.pool_id,
    poolName: r.pool_name,
    registrationId: r.registration_id,
    loanId: r.loan_id,
    bank: { id: r.bank_org_id, name: r.bank_name },
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    lossFen: r.loss_fen,
    claimedFen: r.claimed_fen,
    bankShareFen: r.bank_share_fen,
    governmentShareFen: r.government_share_fen,
    status: r.status,
    note: r.note,
    filedAt: r.filed_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    rejectReason: r.reject_reason,
    paidAt: r.paid_at?.toISOString() ?? null,
    deductedFen: r.deducted_fen,
    netLossFen: netLossFen(r.loss_fen, r.deducted_fen),
    recoveredFen: r.recovered_fen,
    governmentRecoveredFen: r.government_recovered_fen,
    disbursement: payments[i] ? { id: payments[i]!.id, status: payments[i]!.status, preparedBy: payments[i]!.prepared_by } : null,
    recoveries: recoveries.filter((x) => x.claim_id === r.id).map(presentRecovery),
  }));
}

function presentRecovery(x: Awaited<ReturnType<typeof repo.findRecoveries>>[number]) {
  return { id: x.id, stage: x.stage, loanRepaymentId: x.loan_repayment_id, amountFen: x.amount_fen, bankShareFen: x.bank_share_fen, governmentShareFen: x.government_share_fen, recoveredOn: x.recovered_on, note: x.note, createdAt: x.created_at.toISOString() };
}

/** The recoveries of a claim's loan as the pool accounted for them (deducted before the payout, shared after it). */
export async function listClaimRecoveries(db: Kysely<DB>, actor: Actor, claimId: number) {
  const scope = await poolScopeOf(db, actor);
  const row = await repo.findClaim(db, claimId);
  if (!row) throw notFound('Claim');
  assertVisible(scope, row, 'Claim');
  return { items: (await repo.findRecoveries(db, [claimId])).map(presentRecovery) };
}

export async function getClaim(db: Kysely<DB>, actor: Actor, id: number): Promise<Claim> {
  const scope = await poolScopeOf(db, actor);
  const row = await repo.findClaim(db, id);
  if (!row) throw notFound('Claim');
  assertVisible(scope, row, 'Claim');
  return (await presentClaims(db, [row]))[0];
}

export async function listClaims(db: Kysely<DB>, actor: Actor, filter: { poolId?: number; status?: RiskPoolClaimStatus }, page: PageRequest) {
  const scope = await poolScopeOf(db, actor);
  const { rows, total } = await repo.findClaims(db, { ...filter, ...(scope.kind === 'bank' && { bankOrgId: scope.bankOrgId }) }, page);
  return { items: await presentClaims(db, rows), total, ...page };
}

/**
 * On a default, the bank files a claim on its registered loan: the loss is the loan's default amount (its
 * outstanding principal at default), at most what the pool covers; the net loss is the loss minus the
 * recoveries recorded on the loan so far (each recorded on the claim as 'deducted'); the claim is at most
 * the net loss (422); one live claim per default (409, also when two filings race: the unique index
 * decides). The shares are fixed at filing from the pool's.
 */
export async function fileClaim(db: Kysely<DB>, actor: Actor, poolId: number, body: ClaimBody, now: Date = new Date()): Promise<Claim> {
  requireBank(actor);
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const peek = await repo.findRegistration(trx, body.registrationId);
      if (!peek || peek.bank_org_id !== actor.orgId || peek.pool_id !== poolId) throw notFound('Registration');
      const loan = await lockLoanForUpdate(trx, peek.loan_id);
      const registration = (await repo.lockRegistration(trx, body.registrationId))!;
      if (registration.status !== 'active') throw new AppError('conflict', `The registration is ${registration.status}`, [{ reason: 'not_active' }]);
      if (!loan || loan.defaultedOn === null) throw new AppError('unprocessable', 'A claim is filed on a defaulted loan; declare the default first', [{ path: 'body/registrationId', reason: 'loan_not_defaulted' }]);
      const lossFen = Math.min(registration.covered_fen, loan.defaultAmountFen ?? loan.outstandingPrincipalFen);
      // The loan is locked: no recovery can be recorded on it until this claim is committed.
      const recovered = await recoveriesOfLoan(trx, loan.id);
      const deductedFen = recovered.reduce((sum, r) => sum + r.amountFen, 0);
      const pool = (await repo.findPool(trx, poolId))!;
      try {
        checkClaim({ claimedFen: body.claimedFen, lossFen: netLossFen(lossFen, deductedFen), hasLiveClaim: await repo.hasLiveClaim(trx, registration.id) });
      } catch (error) {
        poolRefusal(error);
      }
      const split = splitByShares(body.claimedFen, { bankShareBp: pool.bank_share_bp, governmentShareBp: pool.government_share_bp });
      const claimId = await repo.insertClaim(trx, {
        pool_id: poolId,
        registration_id: registration.id,
        loan_id: registration.loan_id,
        bank_org_id: actor.orgId,
        enterprise_id: registration.enterprise_id,
        loss_fen: lossFen,
        deducted_fen: deductedFen,
        claimed_fen: body.claimedFen,
        bank_share_fen: split.bankFen,
        government_share_fen: split.governmentFen,
        note: body.note?.trim() ?? '',
        filed_by: actor.userId,
        filed_at: now,
      });
      for (const r of recovered) {
        const share = splitByShares(r.amountFen, { bankShareBp: pool.bank_share_bp, governmentShareBp: pool.government_share_bp });
        await repo.insertRecovery(trx, { claim_id: claimId, stage: 'deducted', amount_fen: r.amountFen, bank_share_fen: share.bankFen, government_share_fen: share.governmentFen, recovered_on: r.recoveredOn, note: '申请补偿前已回收，从损失中扣除', recorded_by: null, loan_repayment_id: r.repaymentId });
      }
      await audit(trx, actor, 'risk_pool.claim_file', 'risk_pool_claim', claimId, { poolId, loanId: registration.loan_id, lossFen, deductedFen, claimedFen: body.claimedFen, governmentShareFen: split.governmentFen });
      await notifyOrg(
        trx,
        pool.department_org_id,
        {
          kind: 'risk_pool.claim_filed',
          params: { claimId, poolId },
          titleZh: `风险补偿申请：${pool.name}`,
          titleEn: `Risk-pool claim: ${pool.name}`,
          bodyZh: `${peek.bank_name} 就 ${peek.enterprise_name} 的不良贷款申请风险补偿，请审核。`,
          bodyEn: `${peek.bank_name} claims compensation for a defaulted loan of ${peek.enterprise_name}; please review it.`,
          link: `/gov/finance/risk-pools/${poolId}`,
          dedupeKey: `risk_pool.claim_filed:${claimId}`,
        },
        { roles: ['department_staff'] },
      );
      return claimId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'A claim for this default exists already', [{ reason: 'claim_exists' }]);
      throw error;
    });
  return getClaim(db, actor, id);
}

/**
 * Maker: the finance office approves a filed claim, which prepares the payment of the government share in
 * the payments core (target 'risk_pool_claim'); another member of the finance office pays it (checker).
 * A claim whose government share is 0 is settled at once.
 */
export async function approveClaim(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<Claim> {
  await requireFinanceOffice(db, actor);
  const claim = await repo.findClaim(db, id);
  if (!claim) throw notFound('Claim');
  await preparePayment(db, actor, { target: { kind: repo.CLAIM_TARGET_KIND, id }, amountFen: claim.government_share_fen }, now);
  return getClaim(db, actor, id);
}

/** Checker: pays the prepared government share (the payments core refuses the maker, 403, and a second payment, 409). */
export async function payClaim(db: Kysely<DB>, actor: Actor, id: number, paymentRef: string, now: Date = new Date()): Promise<Claim> {
  await requireFinanceOffice(db, actor);
  const payment = await findLivePayment(db, { kind: repo.CLAIM_TARGET_KIND, id });
  if (!(await repo.findClaim(db, id))) throw notFound('Claim');
  if (!payment || payment.status !== 'prepared') throw new AppError('conflict', 'The claim has no prepared payment; approve it first', [{ reason: 'not_prepared' }]);
  await approvePayment(db, actor, payment.id, paymentRef, now);
  return getClaim(db, actor, id);
}

/** The finance office rejects a filed claim with a reason; the bank may file a corrected one. */
export async function rejectClaim(db: Kysely<DB>, actor: Actor, id: number, reason: string, now: Date = new Date()): Promise<Claim> {
  await requireFinanceOffice(db, actor);
  await db.transaction().execute(async (trx) => {
    const claim = await repo.lockClaim(trx, id);
    if (!claim) throw notFound('Claim');
    if (claim.status !== 'filed') throw new AppError('conflict', `The claim is ${claim.status}; only a filed claim can be rejected`, [{ reason: 'not_filed' }]);
    await repo.updateClaim(trx, id, { status: 'rejected', decided_by: actor.userId, decided_at: now, reject_reason: reason.trim() });
    await audit(trx, actor, 'risk_pool.claim_reject', 'risk_pool_claim', id, { poolId: claim.pool_id, reason: reason.trim() });
    await notifyOrg(trx, claim.bank_org_id, {
      kind: 'risk_pool.claim_rejected',
      params: { claimId: id },
      titleZh: '风险补偿申请未通过',
      titleEn: 'Risk-pool claim rejected',
      bodyZh: `补偿申请 #${id} 未通过：${reason.trim()}`,
      bodyEn: `Claim #${id} was rejected: ${reason.trim()}`,
      link: `/bank/claims`,
      dedupeKey: `risk_pool.claim_rejected:${id}`,
    });
  });
  return getClaim(db, actor, id);
}

/**
 * Shares a recovery of a paid claim (locked by the caller) back into the pool: the split, the recovery row,
 * the ledger entry of the government's part, the claim's totals and the audit entry. Returns the recovery's
 * id, or null when the loan repayment was shared already.
 */
async function shareRecovery(
  trx: Executor,
  claim: NonNullable<Awaited<ReturnType<typeof repo.lockClaim>>>,
  input: { amountFen: number; recoveredOn: string; note: string; loanRepaymentId: number },
  auditContext: AuditContext,
  userId: number | null,
  now: Date,
): Promise<number | null> {
  if (claim.status !== 'paid') throw new AppError('conflict', 'Recoveries are recorded on a paid claim', [{ reason: 'not_paid' }]);
  const pool = (await repo.lockPool(trx, claim.pool_id))!;
  let split;
  try {
    split = recoverySplit({ claimedFen: claim.claimed_fen, recoveredBeforeFen: claim.recovered_fen, shares: { bankShareBp: pool.bank_share_bp, governmentShareBp: pool.government_share_bp } }, input.amountFen);
  } catch (error) {
    poolRefusal(error);
  }
  const recoveryId = await repo.insertRecovery(trx, { claim_id: claim.id, stage: 'shared', amount_fen: input.amountFen, bank_share_fen: split.bankFen, government_share_fen: split.governmentFen, recovered_on: input.recoveredOn, note: input.note, recorded_by: userId, loan_repayment_id: input.loanRepaymentId });
  if (recoveryId === null) return null;
  await postEntries(trx, pool.id, split.entries, { kind: 'recovery', refType: 'recovery', refId: recoveryId, memo: `claim #${claim.id}`, postedBy: userId, postedAt: now });
  await repo.updateClaim(trx, claim.id, { recovered_fen: claim.recovered_fen + input.amountFen, government_recovered_fen: claim.government_recovered_fen + split.governmentFen });
  await recordAudit(trx, { ...auditContext, action: 'risk_pool.recovery', targetType: 'risk_pool_claim', targetId: claim.id, details: { poolId: pool.id, recoveryId, amountFen: input.amountFen, bankShareFen: split.bankFen, governmentShareFen: split.governmentFen, loanRepaymentId: input.loanRepaymentId } });
  return recoveryId;
}

// ---- Reactions to the loans' events (subscribers; idempotent) --------------------------------------------

const SYSTEM = auditContextOfActing({ kind: 'system' });

/**
 * loan.disbursed: a loan of a product a pool covers, from a member bank, is registered under that pool
 * while capacity lasts (beyond it, the bank is left to register elsewhere). Once per loan (unique loan_id).
 */
export async function coverDisbursedLoan(db: Kysely<DB>, loanId: number): Promise<{ registrationId: number } | { skipped: string }> {
  const loan = await findLoan(db, loanId);
  if (!loan) return { skipped: 'no_loan' };
  const covering = await repo.poolCovering(db, loan.bankOrgId, loan.productId);
  if (!covering) return { skipped: 'not_covered' };
  return db
    .transaction()
    .execute(async (trx) => {
      const locked = await lockLoanForUpdate(trx, loanId);
      if (!locked || locked.status !== 'active') return { skipped: 'not_current' };
      if (await repo.findRegistrationOfLoan(trx, loanId)) return { skipped: 'registered' };
      const pool = (await repo.lockPool(trx, covering.id))!;
      const figures = (await figuresOf(trx, [pool])).get(pool.id)!;
      if (figures.coveredOutstandingFen + locked.outstandingPrincipalFen > figures.capacityFen) return { skipped: 'capacity_exceeded' };
      const registrationId = await repo.insertRegistration(trx, { pool_id: pool.id, loan_id: loanId, bank_org_id: locked.bankOrgId, enterprise_id: locked.enterpriseId, covered_fen: locked.outstandingPrincipalFen, registered_by: null });
      await recordAudit(trx, { ...SYSTEM, action: 'risk_pool.register_loan', targetType: 'risk_pool_registration', targetId: registrationId, details: { poolId: pool.id, loanId, coveredFen: locked.outstandingPrincipalFen, capacityFen: figures.capacityFen, coveredBeforeFen: figures.coveredOutstandingFen, automatic: true } });
      return { registrationId };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return { skipped: 'registered' };
      throw error;
    });
}

/** loan.repaid with no principal left: the loan's coverage is released (it no longer counts against capacity). */
export async function releaseRepaidLoan(db: Kysely<DB>, loanId: number, now: Date = new Date()): Promise<{ released: boolean }> {
  return db.transaction().execute(async (trx) => {
    const registration = await repo.findRegistrationOfLoan(trx, loanId);
    if (!registration || registration.status !== 'active') return { released: false };
    const locked = (await repo.lockRegistration(trx, registration.id))!;
    if (locked.status !== 'active' || (await repo.hasLiveClaim(trx, registration.id))) return { released: false };
    await repo.setRegistrationStatus(trx, registration.id, 'released', now);
    await recordAudit(trx, { ...SYSTEM, action: 'risk_pool.release_loan', targetType: 'risk_pool_registration', targetId: registration.id, details: { poolId: registration.pool_id, loanId, automatic: true } });
    return { released: true };
  });
}

/**
 * loan.recovered: money the bank recovered on a defaulted loan, accounted on the loan's live claim once per
 * loan repayment (unique claim and repayment, so a redelivered event changes nothing):
 *   - claim paid: the recovery flows back in the claim's shares (the government's part to the pool's cash),
 *     up to what was claimed;
 *   - claim filed or approved (not paid): the recovery is deducted from the loss; the claim asks at most the
 *     new net loss, its shares split again, and a claim with nothing left is rejected. An approved claim's
 *     prepared payment was for the old share: the checker's payment is then refused (409 claim_recomputed)
 *     until it is cancelled and the claim approved again on the net loss.
 * Recoveries before any claim are counted when the claim is filed; without a live claim nothing happens here.
 */
export async function shareLoanRecovery(db: Kysely<DB>, event: { loanId: number; repaymentId: number; amountFen: number; recoveredOn: string }, now: Date = new Date()): Promise<{ recoveryId: number | null; stage?: 'deducted' | 'shared' }> {
  const live = await repo.findLiveClaimOfLoan(db, event.loanId);
  if (!live) return { recoveryId: null };
  return db.transaction().execute(async (trx) => {
    const claim = (await repo.lockClaim(trx, live.id))!;
    if (claim.status === 'rejected') return { recoveryId: null };
    if (claim.status === 'paid') {
      const amountFen = Math.min(event.amountFen, claim.claimed_fen - claim.recovered_fen);
      if (amountFen <= 0) return { recoveryId: null };
      return { recoveryId: await shareRecovery(trx, claim, { amountFen, recoveredOn: event.recoveredOn, note: '贷款回收（银行在贷款上登记）', loanRepaymentId: event.repaymentId }, SYSTEM, null, now), stage: 'shared' as const };
    }
    return { recoveryId: await deductRecovery(trx, claim, event, now), stage: 'deducted' as const };
  });
}

/** A recovery before the payout: recorded as deducted, the claim recomputed on the net loss (or rejected when nothing is left). */
async function deductRecovery(trx: Executor, claim: NonNullable<Awaited<ReturnType<typeof repo.lockClaim>>>, event: { repaymentId: number; amountFen: number; recoveredOn: string }, now: Date): Promise<number | null> {
  const pool = (await repo.findPool(trx, claim.pool_id))!;
  const shares = { bankShareBp: pool.bank_share_bp, governmentShareBp: pool.government_share_bp };
  const share = splitByShares(event.amountFen, shares);
  const recoveryId = await repo.insertRecovery(trx, { claim_id: claim.id, stage: 'deducted', amount_fen: event.amountFen, bank_share_fen: share.bankFen, government_share_fen: share.governmentFen, recovered_on: event.recoveredOn, note: '补偿拨付前回收，从损失中扣除', recorded_by: null, loan_repayment_id: event.repaymentId });
  if (recoveryId === null) return null;
  const deductedFen = claim.deducted_fen + event.amountFen;
  const recomputed = recomputeClaim({ lossFen: claim.loss_fen, deductedFen, claimedFen: claim.claimed_fen, shares });
  if (recomputed) {
    await repo.updateClaim(trx, claim.id, { deducted_fen: deductedFen, claimed_fen: recomputed.claimedFen, bank_share_fen: recomputed.bankFen, government_share_fen: recomputed.governmentFen });
  } else {
    await repo.updateClaim(trx, claim.id, { deducted_fen: deductedFen, status: 'rejected', decided_by: null, decided_at: now, reject_reason: '贷款损失已全额回收，无需补偿 (the loss was recovered in full)' });
  }
  await recordAudit(trx, {
    ...SYSTEM,
    action: 'risk_pool.recovery_deducted',
    targetType: 'risk_pool_claim',
    targetId: claim.id,
    details: { poolId: pool.id, recoveryId, loanRepaymentId: event.repaymentId, amountFen: event.amountFen, deductedFen, netLossFen: netLossFen(claim.loss_fen, deductedFen), claimedBeforeFen: claim.claimed_fen, claimedFen: recomputed?.claimedFen ?? 0, governmentShareFen: recomputed?.governmentFen ?? 0, status: recomputed ? claim.status : 'rejected' },
  });
  await notifyOrg(
    trx,
    pool.department_org_id,
    {
      kind: 'risk_pool.claim_recomputed',
      params: { claimId: claim.id, poolId: pool.id },
      titleZh: `风险补偿申请 #${claim.id} 已按回收款重新核算`,
      titleEn: `Risk-pool claim #${claim.id} recomputed after a recovery`,
      bodyZh: recomputed
        ? `贷款在补偿拨付前回收 ${event.amountFen / 100} 元，政府分担部分调整为 ${recomputed.governmentFen / 100} 元。${claim.status === 'approved' ? '已准备的付款需撤销后重新审核。' : ''}`
        : `贷款在补偿拨付前已全额回收，补偿申请自动终止。`,
      bodyEn: recomputed
        ? `${event.amountFen / 100} yuan were recovered before the payout; the government share is now ${recomputed.governmentFen / 100} yuan.${claim.status === 'approved' ? ' Cancel the prepared payment and approve the claim again.' : ''}`
        : 'The loss was recovered in full before the payout; the claim was closed.',
      link: `/gov/finance/risk-pools/${pool.id}`,
      dedupeKey: `risk_pool.claim_recomputed:${claim.id}:${event.repaymentId}`,
    },
    { roles: ['department_staff'] },
  );
  return recoveryId;
}

// ---- Payable target hooks (payments core) ---------------------------------------------------------------

/** Locks a claim for its payment and checks the finance office of its pool is acting. */
export async function lockClaimForPayment(trx: Executor, actor: Actor, claimId: number) {
  const claim = await repo.lockClaim(trx, claimId);
  if (!claim) throw notFound('Claim');
  await requireFinanceOffice(trx, actor);
  const pool = (await repo.findPool(trx, claim.pool_id))!;
  if (pool.department_org_id !== actor.orgId) throw new AppError('forbidden', 'Only the finance office that runs this pool may pay its claims');
  return { claim, pool };
}

/** Maker step of the payment: the filed claim becomes approved (cash must hold the government share). */
export async function approveForPayment(trx: Executor, actor: Actor, claimId: number, now: Date) {
  const { claim, pool } = await lockClaimForPayment(trx, actor, claimId);
  if (claim.status !== 'filed') throw new AppError('conflict', `The claim is ${claim.status}; only a filed claim can be approved`, [{ reason: 'not_filed' }]);
  const cash = poolBalances((await repo.ledgerOf(trx, [pool.id])).get(pool.id)!).cashFen;
  try {
    payoutEntries(cash, claim.government_share_fen);
  } catch (error) {
    poolRefusal(error);
  }
  await repo.updateClaim(trx, claimId, { status: 'approved', decided_by: actor.userId, decided_at: now });
  await audit(trx, actor, 'risk_pool.claim_approve', 'risk_pool_claim', claimId, { poolId: pool.id, governmentShareFen: claim.government_share_fen });
  return { claim, pool };
}

/** After the payment is paid (checker) or cancelled: the payout is posted and the claim settled, or it goes back to filed. */
export async function settleClaimPayment(trx: Executor, actor: Actor, claimId: number, action: 'approve' | 'cancel', payment: { amountFen: number }, now: Date, paymentRef?: string) {
  const claim = (await repo.lockClaim(trx, claimId))!;
  if (action === 'cancel') {
    // A claim rejected meanwhile (its loss recovered in full) stays rejected.
    if (claim.status === 'approved') await repo.updateClaim(trx, claimId, { status: 'filed' });
    await audit(trx, actor, 'risk_pool.claim_payment_cancelled', 'risk_pool_claim', claimId, { poolId: claim.pool_id, status: claim.status === 'approved' ? 'filed' : claim.status });
    return;
  }
  if (claim.status !== 'approved') throw new AppError('conflict', `The claim is ${claim.status}; cancel this payment`, [{ reason: 'not_approved' }]);
  if (payment.amountFen !== claim.government_share_fen) {
    throw new AppError('conflict', `A recovery was recorded after the approval: the government share is now ${claim.government_share_fen} fen, not the ${payment.amountFen} fen prepared. Cancel this payment and approve the claim again.`, [
      { reason: 'claim_recomputed', governmentShareFen: claim.government_share_fen, preparedFen: payment.amountFen },
    ]);
  }
  const pool = (await repo.lockPool(trx, claim.pool_id))!;
  const cash = poolBalances((await repo.ledgerOf(trx, [pool.id])).get(pool.id)!).cashFen;
  let entries;
  try {
    entries = payoutEntries(cash, claim.government_share_fen);
  } catch (error) {
    poolRefusal(error);
  }
  await postEntries(trx, pool.id, entries, { kind: 'payout', refType: 'claim', refId: claimId, memo: paymentRef ?? '', postedBy: actor.userId, postedAt: now });
  await repo.updateClaim(trx, claimId, { status: 'paid', paid_at: now });
  await repo.setRegistrationStatus(trx, claim.registration_id, 'claimed', now);
  await audit(trx, actor, 'risk_pool.claim_paid', 'risk_pool_claim', claimId, { poolId: pool.id, governmentShareFen: claim.government_share_fen, paymentRef });
  await notifyOrg(trx, claim.bank_org_id, {
    kind: 'risk_pool.claim_paid',
    params: { claimId, amountFen: claim.government_share_fen },
    titleZh: '风险补偿已拨付',
    titleEn: 'Risk-pool claim paid',
    bodyZh: `补偿申请 #${claimId} 的政府分担部分已拨付。`,
    bodyEn: `The government share of claim #${claimId} has been paid.`,
    link: `/bank/claims`,
    dedupeKey: `risk_pool.claim_paid:${claimId}`,
  });
}

