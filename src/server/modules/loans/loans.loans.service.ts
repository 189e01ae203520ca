/**
 * Loans: disbursement (once per application) with its repayment schedule, repayments, the daily overdue
 * sweep, default and recoveries. A bank acts on its own loans only; every change is locked (`FOR UPDATE` on
 * the application, then the loan), audited, on the timeline and published as an event.
 */
import { sql, type Kysely } from 'kysely';
import { addMonths, allocateRepayment, daysBetween, repaymentSchedule } from '../../../core/loans/schedule.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { publish } from '../../events/index.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActor, hasRole, type Actor } from '../../request-context.ts';
import { recordAudit, recordAudits, recordRead, type AuditAction } from '../audit/index.ts';
import { notifyEnterprise } from '../notifications/index.ts';
import { addEvent, timelineOf } from './loans.applications.service.ts';
import { assertInScope, assertOwnBank, readsAsBorrower, scopeOf } from './loans.policy.ts';
import type { DefaultInput, DisburseInput, LoanDetail, LoanListQuery, LoanSummary, RecoveryInput, RepaymentInput } from './loans.schemas.ts';

/** Job kind: the daily overdue sweep (re-queued for the next county midnight by each run). */
export const OVERDUE_JOB = 'loans.overdue';

function auditLoan(trx: Executor, actor: Actor, action: AuditAction, loanId: number, details: Record<string, unknown>) {
  return recordAudit(trx, { ...auditContextOfActor(actor), action, targetType: 'loan', targetId: loanId, details });
}

// Reading ------------------------------------------------------------------------------------------------

function loanRows(db: Executor) {
  return db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', 'p.id', 'l.product_id')
    .innerJoin('loan_applications as a', 'a.id', 'l.application_id')
    .innerJoin('loan_product_versions as v', 'v.id', 'a.product_version_id')
    .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id');
}

const LOAN_COLUMNS = [
  'l.id',
  'l.application_id',
  'l.status',
  'l.product_id',
  'p.code as product_code',
  'v.name as product_name',
  'v.product_type',
  'l.bank_org_id',
  'b.name as bank_name',
  'l.enterprise_id',
  'e.name as enterprise_name',
  'e.uscc as enterprise_uscc',
  'l.principal_fen',
  'l.rate_bp',
  'l.term_months',
  'l.repayment_method',
  'l.disbursed_on',
  'l.maturity_on',
  'l.outstanding_principal_fen',
  'l.repaid_principal_fen',
  'l.repaid_interest_fen',
  'l.is_first_loan',
  'l.overdue_since',
  'l.defaulted_on',
  'l.default_amount_fen',
  'l.recovered_fen',
] as const;

const loanQuery = (db: Executor) => loanRows(db).select(LOAN_COLUMNS);
type LoanRow = Awaited<ReturnType<ReturnType<typeof loanQuery>['executeTakeFirstOrThrow']>>;

async function nextDueOf(db: Executor, loanIds: readonly number[]) {
  if (loanIds.length === 0) return new Map<number, { seq: number; dueOn: string; amountFen: number }>();
  const rows = await db
    .selectFrom('loan_installments')
    .where('loan_id', 'in', [...loanIds])
    .where('settled_on', 'is', null)
    .distinctOn('loan_id')
    .select(['loan_id', 'seq', 'due_on', sql<number>`principal_fen + interest_fen - paid_principal_fen - paid_interest_fen`.as('left')])
    .orderBy('loan_id')
    .orderBy('seq')
    .execute();
  return new Map(rows.map((r) => [r.loan_id, { seq: r.seq, dueOn: r.due_on, amountFen: Number(r.left) }]));
}

function presentLoan(r: LoanRow, nextDue: LoanSummary['nextDue']): LoanSummary {
  return {
    id: r.id,
    applicationId: r.application_id,
    status: r.status,
    product: { id: r.product_id, code: r.product_code, name: r.product_name, productType: r.product_type },
    bank: { id: r.bank_org_id, name: r.bank_name },
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, uscc: r.enterprise_uscc },
    principalFen: r.principal_fen,
    rateBp: r.rate_bp,
    termMonths: r.term_months,
    repaymentMethod: r.repayment_method,
    disbursedOn: r.disbursed_on,
    maturityOn: r.maturity_on,
    outstandingPrincipalFen: r.outstanding_principal_fen,
    repaidPrincipalFen: r.repaid_principal_fen,
    repaidInterestFen: r.repaid_interest_fen,
    isFirstLoan: r.is_first_loan,
    overdueSince: r.overdue_since,
    defaultedOn: r.defaulted_on,
    defaultAmountFen: r.default_amount_fen,
    recoveredFen: r.recovered_fen,
    nextDue,
  };
}

/** Reads of loans: the county leader (县领导) reads every loan as the finance office does, and acts on none. */
async function readScopeOf(db: Kysely<DB>, actor: Actor) {
  return hasRole(actor, 'leader') ? ({ kind: 'all' } as const) : scopeOf(db, actor);
}

export async function listLoans(db: Kysely<DB>, actor: Actor, query: LoanListQuery, page: PageRequest) {
  const scope = await readScopeOf(db, actor);
  let q = loanRows(db);
  if (scope.kind === 'bank') q = q.where('l.bank_org_id', '=', scope.bankOrgId);
  if (scope.kind === 'enterprise') q = q.where('l.enterprise_id', '=', scope.enterpriseId);
  if (query.status) q = q.where('l.status', '=', query.status);
  if (query.productId) q = q.where('l.product_id', '=', query.productId);
  if (query.bankOrgId) q = q.where('l.bank_org_id', '=', query.bankOrgId);
  if (query.enterpriseId) q = q.where('l.enterprise_id', '=', query.enterpriseId);
  if (query.disbursedFrom) q = q.where('l.disbursed_on', '>=', query.disbursedFrom);
  if (query.disbursedTo) q = q.where('l.disbursed_on', '<=', query.disbursedTo);
  if (query.firstLoan !== undefined) q = q.where('l.is_first_loan', '=', query.firstLoan);
  if (query.town) q = q.where('e.town_code', '=', query.town);
  if (query.industry) q = q.where('e.industry_section', '=', query.industry);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(LOAN_COLUMNS).orderBy('l.disbursed_on', 'desc').orderBy('l.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const next = await nextDueOf(db, rows.map((r) => r.id));
  // Enterprises' loans listed to a bank, the finance office or the leader: one audit entry for the request.
  if (scope.kind !== 'enterprise') await recordRead(db, actor, 'loan.list', { type: 'loan' }, { scope: scope.kind, query, page, count: rows.length, total });
  return { items: rows.map((r) => presentLoan(r, next.get(r.id) ?? null)), total, ...page };
}

/** GET of one loan: read by the bank, the finance office or the leader it is recorded (the borrower's own read is not). */
export async function readLoan(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanDetail> {
  const detail = await getLoan(db, actor, id);
  if (hasRole(actor, 'leader') || !readsAsBorrower(actor)) await recordRead(db, actor, 'loan.read', { type: 'loan', id }, { enterpriseId: detail.enterprise.id });
  return detail;
}

export async function getLoan(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanDetail> {
  const scope = await readScopeOf(db, actor);
  const row = await loanQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Loan');
  assertInScope(scope, row, 'Loan');
  const today = todayInCounty();
  const installments = await db.selectFrom('loan_installments').where('loan_id', '=', id).selectAll().orderBy('seq').execute();
  const repayments = await db.selectFrom('loan_repayments').where('loan_id', '=', id).selectAll().orderBy('id').execute();
  const next = await nextDueOf(db, [id]);
  return {
    ...presentLoan(row, next.get(id) ?? null),
    schedule: installments.map((i) => ({
      seq: i.seq,
      dueOn: i.due_on,
      principalFen: i.principal_fen,
      interestFen: i.interest_fen,
      paidPrincipalFen: i.paid_principal_fen,
      paidInterestFen: i.paid_interest_fen,
      settledOn: i.settled_on,
      state: i.settled_on !== null ? 'settled' : i.due_on < today ? 'overdue' : 'due',
    })),
    repayments: repayments.map((r) => ({ id: r.id, kind: r.kind, paidOn: r.paid_on, amountFen: r.amount_fen, principalFen: r.principal_fen, interestFen: r.interest_fen, note: r.note, createdAt: r.created_at.toISOString() })),
    timeline: await timelineOf(db, row.application_id),
  };
}

// Disbursement ---------------------------------------------------------------------------------------------

/**
 * The bank disburses a contracted application: the loan (principal, rate and term as approved) and its
 * schedule. Once: a disbursed application is refused with 409, and the unique application_id makes a race
 * end in one loan and a 409.
 */
export async function disburseLoan(db: Kysely<DB>, actor: Actor, applicationId: number, input: DisburseInput): Promise<LoanDetail> {
  const today = todayInCounty();
  const disbursedOn = input.disbursedOn ?? today;
  if (disbursedOn > today) throw new AppError('validation_failed', 'A loan is disbursed today or before', [{ path: 'body/disbursedOn', message: 'must not be in the future' }]);
  let loanId: number;
  try {
    loanId = await db.transaction().execute(async (trx) => {
      const app = await trx.selectFrom('loan_applications').where('id', '=', applicationId).selectAll().forUpdate().executeTakeFirst();
      if (!app) throw notFound('Loan application');
      assertOwnBank(actor, app, 'Loan application');
      if (app.status === 'disbursed') throw new AppError('conflict', 'The loan of this application is already disbursed');
      if (app.status !== 'contracted') throw new AppError('conflict', `The application is ${app.status}; a loan is disbursed after its contract is signed`);
      if (app.contracted_on && disbursedOn < app.contracted_on) throw new AppError('validation_failed', 'A loan is disbursed on or after its contract', [{ path: 'body/disbursedOn', message: `must be on or after ${app.contracted_on}` }]);
      const principal = app.approved_amount_fen!;
      const rate = app.approved_rate_bp!;
      const term = app.approved_term_months!;
      const schedule = repaymentSchedule({ principalFen: principal, rateBp: rate, termMonths: term, method: app.repayment_method, disbursedOn });
      const earlier = await trx.selectFrom('loans').where('enterprise_id', '=', app.enterprise_id).select('id').executeTakeFirst();
      const product = await trx.selectFrom('loan_products').where('id', '=', app.product_id).select('code').executeTakeFirstOrThrow();
      const loan = await trx
        .insertInto('loans')
        .values({
          application_id: applicationId,
          product_id: app.product_id,
          enterprise_id: app.enterprise_id,
          bank_org_id: app.bank_org_id,
          principal_fen: principal,
          rate_bp: rate,
          term_months: term,
          repayment_method: app.repayment_method,
          disbursed_on: disbursedOn,
          maturity_on: addMonths(disbursedOn, term),
          outstanding_principal_fen: principal,
          is_first_loan: earlier === undefined,
          overdue_since: null,
          defaulted_on: null,
          default_amount_fen: null,
          closed_on: null,
          reference: input.reference ?? null,
          disbursed_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('loan_installments').values(schedule.map((i) => ({ loan_id: loan.id, seq: i.seq, due_on: i.dueOn, principal_fen: i.principalFen, interest_fen: i.interestFen, settled_on: null }))).execute();
      await trx.updateTable('loan_applications').set({ status: 'disbursed', updated_at: new Date() }).where('id', '=', applicationId).execute();
      await addEvent(trx, { applicationId, loanId: loan.id, actorUserId: actor.userId, action: 'disburse', fromStatus: 'contracted', toStatus: 'disbursed', details: { principalFen: principal, rateBp: rate, termMonths: term, disbursedOn } });
      await auditLoan(trx, actor, 'loan.disburse', loan.id, { applicationId, principalFen: principal, rateBp: rate, termMonths: term, disbursedOn, reference: input.reference ?? null });
      await publish(trx, 'loan.disbursed', { loanId: loan.id, applicationId, enterpriseId: app.enterprise_id, bankOrgId: app.bank_org_id, productId: app.product_id, productCode: product.code, principalFen: principal, disbursedOn, isFirstLoan: earlier === undefined });
      await notifyEnterprise(trx, app.enterprise_id, {
        kind: 'loan.disbursed',
        params: { loanId: loan.id, applicationId, principalFen: principal },
        titleZh: '贷款已放款',
        titleEn: 'Loan disbursed',
        bodyZh: `${actor.orgName}已放款${(principal / 1_000_000).toFixed(2)}万元，首期还款日${schedule[0].dueOn}。`,
        bodyEn: `${actor.orgName} disbursed ${(principal / 100).toFixed(2)} yuan; the first instalment is due on ${schedule[0].dueOn}.`,
        link: `/portal/loans/applications/${applicationId}`,
        dedupeKey: `loan-disbursed:${loan.id}`,
      });
      await enqueueJob(trx, OVERDUE_JOB, {}, { dedupeKey: `${OVERDUE_JOB}:${schedule[0].dueOn}`, runAt: new Date(`${addDay(schedule[0].dueOn)}T00:00:05+08:00`) });
      return loan.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'The loan of this application is already disbursed');
    throw error;
  }
  return getLoan(db, actor, loanId);
}

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function lockOwnLoan(trx: Executor, actor: Actor, id: number) {
  const loan = await trx.selectFrom('loans').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
  if (!loan) throw notFound('Loan');
  assertOwnBank(actor, loan, 'Loan');
  return loan;
}

// Repayments, default, recovery -----------------------------------------------------------------------------

/**
 * The bank records a repayment: allocated to the oldest unsettled instalments, interest first. More than is
 * owed is refused (422). The loan is repaid when no principal is left; an overdue loan whose past-due
 * instalments are settled is active again.
 */
export async function recordRepayment(db: Kysely<DB>, actor: Actor, id: number, input: RepaymentInput): Promise<LoanDetail> {
  const today = todayInCounty();
  const paidOn = input.paidOn ?? today;
  if (paidOn > today) throw new AppError('validation_failed', 'A repayment is recorded when it happened', [{ path: 'body/paidOn', message: 'must not be in the future' }]);
  await db.transaction().execute(async (trx) => {
    const loan = await lockOwnLoan(trx, actor, id);
    if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('conflict', `The loan is ${loan.status}; repayments are recorded on active or overdue loans`);
    if (paidOn < loan.disbursed_on) throw new AppError('validation_failed', 'A repayment follows the disbursement', [{ path: 'body/paidOn', message: `must be on or after ${loan.disbursed_on}` }]);
    const open = await trx.selectFrom('loan_installments').where('loan_id', '=', id).where('settled_on', 'is', null).selectAll().orderBy('seq').execute();
    const { allocations, unallocatedFen } = allocateRepayment(
      open.map((i) => ({ seq: i.seq, dueOn: i.due_on, principalDueFen: i.principal_fen - i.paid_principal_fen, interestDueFen: i.interest_fen - i.paid_interest_fen })),
      input.amountFen,
    );
    if (unallocatedFen > 0) throw new AppError('unprocessable', `The repayment is ${unallocatedFen} fen more than what is owed`, [{ path: 'body/amountFen', message: `at most ${input.amountFen - unallocatedFen} fen` }]);
    let principal = 0;
    let interest = 0;
    for (const a of allocations) {
      principal += a.principalFen;
      interest += a.interestFen;
      await trx
        .updateTable('loan_installments')
        .set((eb) => ({ paid_principal_fen: eb('paid_principal_fen', '+', a.principalFen), paid_interest_fen: eb('paid_interest_fen', '+', a.interestFen), settled_on: a.settles ? paidOn : null }))
        .where('loan_id', '=', id)
        .where('seq', '=', a.seq)
        .execute();
    }
    const outstanding = loan.outstanding_principal_fen - principal;
    const stillLate = await trx.selectFrom('loan_installments').where('loan_id', '=', id).where('settled_on', 'is', null).where('due_on', '<', today).select('seq').executeTakeFirst();
    const status = outstanding === 0 && !(await trx.selectFrom('loan_installments').where('loan_id', '=', id).where('settled_on', 'is', null).select('seq').executeTakeFirst()) ? 'repaid' : stillLate ? 'overdue' : 'active';
    await trx
      .updateTable('loans')
      .set({
        outstanding_principal_fen: outstanding,
        repaid_principal_fen: loan.repaid_principal_fen + principal,
        repaid_interest_fen: loan.repaid_interest_fen + interest,
        status,
        overdue_since: status === 'overdue' ? loan.overdue_since : null,
        closed_on: status === 'repaid' ? paidOn : null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const repayment = await trx.insertInto('loan_repayments').values({ loan_id: id, kind: 'repayment', paid_on: paidOn, amount_fen: input.amountFen, principal_fen: principal, interest_fen: interest, note: input.note ?? null, recorded_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
    await addEvent(trx, { applicationId: loan.application_id, loanId: id, actorUserId: actor.userId, action: 'repay', fromStatus: loan.status, toStatus: status, note: input.note ?? null, details: { amountFen: input.amountFen, principalFen: principal, interestFen: interest, paidOn } });
    await auditLoan(trx, actor, 'loan.repayment', id, { repaymentId: repayment.id, amountFen: input.amountFen, principalFen: principal, interestFen: interest, paidOn });
    const product = await trx.selectFrom('loan_products').where('id', '=', loan.product_id).select('code').executeTakeFirstOrThrow();
    await publish(trx, 'loan.repaid', { loanId: id, repaymentId: repayment.id, enterpriseId: loan.enterprise_id, bankOrgId: loan.bank_org_id, productId: loan.product_id, productCode: product.code, amountFen: input.amountFen, principalFen: principal, fullyRepaid: status === 'repaid' });
  });
  return getLoan(db, actor, id);
}

/** The bank declares a default: the outstanding principal is the loss before recoveries (loan.defaulted). */
export async function declareDefault(db: Kysely<DB>, actor: Actor, id: number, input: DefaultInput): Promise<LoanDetail> {
  const today = todayInCounty();
  const defaultedOn = input.defaultedOn ?? today;
  if (defaultedOn > today) throw new AppError('validation_failed', 'A default is declared today or before', [{ path: 'body/defaultedOn', message: 'must not be in the future' }]);
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('validation_failed', 'Say why', [{ path: 'body/reason', message: 'must not be blank' }]);
  await db.transaction().execute(async (trx) => {
    const loan = await lockOwnLoan(trx, actor, id);
    if (loan.status === 'defaulted' || loan.status === 'closed') throw new AppError('conflict', 'The loan is already in default');
    if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('conflict', `The loan is ${loan.status}`);
    if (defaultedOn < loan.disbursed_on) throw new AppError('validation_failed', 'A default follows the disbursement', [{ path: 'body/defaultedOn', message: `must be on or after ${loan.disbursed_on}` }]);
    await trx.updateTable('loans').set({ status: 'defaulted', defaulted_on: defaultedOn, default_amount_fen: loan.outstanding_principal_fen, updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(trx, { applicationId: loan.application_id, loanId: id, actorUserId: actor.userId, action: 'default', fromStatus: loan.status, toStatus: 'defaulted', note: reason, details: { defaultAmountFen: loan.outstanding_principal_fen, defaultedOn } });
    await auditLoan(trx, actor, 'loan.default', id, { defaultAmountFen: loan.outstanding_principal_fen, defaultedOn, reason });
    const product = await trx.selectFrom('loan_products').where('id', '=', loan.product_id).select('code').executeTakeFirstOrThrow();
    await publish(trx, 'loan.defaulted', { loanId: id, applicationId: loan.application_id, enterpriseId: loan.enterprise_id, bankOrgId: loan.bank_org_id, productId: loan.product_id, productCode: product.code, defaultAmountFen: loan.outstanding_principal_fen, defaultedOn });
  });
  return getLoan(db, actor, id);
}

/** Money recovered on a defaulted loan, at most what is still lost; `close` (or a full recovery) closes it. */
export async function recordRecovery(db: Kysely<DB>, actor: Actor, id: number, input: RecoveryInput): Promise<LoanDetail> {
  const today = todayInCounty();
  const recoveredOn = input.recoveredOn ?? today;
  if (recoveredOn > today) throw new AppError('validation_failed', 'A recovery is recorded when it happened', [{ path: 'body/recoveredOn', message: 'must not be in the future' }]);
  await db.transaction().execute(async (trx) => {
    const loan = await lockOwnLoan(trx, actor, id);
    if (loan.status !== 'defaulted') throw new AppError('conflict', `The loan is ${loan.status}; recoveries are recorded on defaulted loans`);
    const left = (loan.default_amount_fen ?? 0) - loan.recovered_fen;
    if (input.amountFen > left) throw new AppError('unprocessable', `At most ${left} fen is left to recover`, [{ path: 'body/amountFen', message: `at most ${left} fen` }]);
    const recovered = loan.recovered_fen + input.amountFen;
    const close = input.close === true || recovered === loan.default_amount_fen;
    await trx.updateTable('loans').set({ recovered_fen: recovered, status: close ? 'closed' : 'defaulted', closed_on: close ? recoveredOn : null, updated_at: new Date() }).where('id', '=', id).execute();
    const repayment = await trx.insertInto('loan_repayments').values({ loan_id: id, kind: 'recovery', paid_on: recoveredOn, amount_fen: input.amountFen, principal_fen: input.amountFen, interest_fen: 0, note: input.note ?? null, recorded_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
    await addEvent(trx, { applicationId: loan.application_id, loanId: id, actorUserId: actor.userId, action: 'recover', fromStatus: 'defaulted', toStatus: close ? 'closed' : 'defaulted', note: input.note ?? null, details: { amountFen: input.amountFen, recoveredOn } });
    await auditLoan(trx, actor, 'loan.recovery', id, { repaymentId: repayment.id, amountFen: input.amountFen, recoveredOn, closed: close });
    const product = await trx.selectFrom('loan_products').where('id', '=', loan.product_id).select('code').executeTakeFirstOrThrow();
    await publish(trx, 'loan.recovered', { loanId: id, repaymentId: repayment.id, enterpriseId: loan.enterprise_id, bankOrgId: loan.bank_org_id, productId: loan.product_id, productCode: product.code, amountFen: input.amountFen, recoveredOn });
  });
  return getLoan(db, actor, id);
}

/**
 * The overdue sweep for a county day: active loans with an unsettled instalment due before `today` become
 * overdue (since the oldest such due date); overdue loans with none are active again; the worst days past
 * due only grow. Set-based; idempotent (a second run on the same day changes nothing).
 */
export async function sweepOverdue(db: Kysely<DB>, today: string = todayInCounty()): Promise<{ overdue: number; cured: number }> {
  return db.transaction().execute(async (trx) => {
    const late = await trx
      .selectFrom('loans as l')
      .innerJoin('loan_installments as i', 'i.loan_id', 'l.id')
      .where('l.status', 'in', ['active', 'overdue'])
      .where('i.settled_on', 'is', null)
      .where('i.due_on', '<', today)
      .groupBy(['l.id', 'l.status', 'l.application_id', 'l.worst_days_past_due'])
      .select(['l.id', 'l.status', 'l.application_id', 'l.worst_days_past_due', sql<string>`min(i.due_on)::text`.as('since')])
      .execute();
    const becameOverdue = late.filter((l) => l.status === 'active');
    for (const l of late) {
      const days = daysBetween(l.since, today);
      await trx
        .updateTable('loans')
        .set({ status: 'overdue', overdue_since: l.since, worst_days_past_due: Math.max(l.worst_days_past_due, days), updated_at: new Date() })
        .where('id', '=', l.id)
        .where((eb) => eb.or([eb('status', '=', 'active'), eb('worst_days_past_due', '<', days), eb('overdue_since', 'is', null), eb('overdue_since', '<>', l.since)]))
        .execute();
    }
    for (const l of becameOverdue) await addEvent(trx, { applicationId: l.application_id, loanId: l.id, actorUserId: null, action: 'overdue', fromStatus: 'active', toStatus: 'overdue', details: { since: l.since } });
    await recordAudits(
      trx,
      becameOverdue.map((l) => ({ actorUserId: null, actorUsername: null, actorOrgId: null, requestId: null, ip: null, action: 'loan.overdue' as const, targetType: 'loan', targetId: l.id, details: { since: l.since, asOf: today } })),
    );
    const lateIds = late.map((l) => l.id);
    let cureQuery = trx.updateTable('loans').set({ status: 'active', overdue_since: null, updated_at: new Date() }).where('status', '=', 'overdue');
    if (lateIds.length > 0) cureQuery = cureQuery.where('id', 'not in', lateIds);
    const cured = await cureQuery.executeTakeFirst();
    return { overdue: becameOverdue.length, cured: Number(cured.numUpdatedRows) };
  });
}

/** Loan counts for the workbench home. */
export async function loanCounts(db: Executor, scope: Awaited<ReturnType<typeof scopeOf>>) {
  let q = db.selectFrom('loans as l');
  if (scope.kind === 'bank') q = q.where('l.bank_org_id', '=', scope.bankOrgId);
  if (scope.kind === 'enterprise') q = q.where('l.enterprise_id', '=', scope.enterpriseId);
  const row = await q
    .select([
      sql<number>`count(*) filter (where l.status = 'active')`.as('active'),
      sql<number>`count(*) filter (where l.status = 'overdue')`.as('overdue'),
      sql<number>`count(*) filter (where l.status = 'defaulted')`.as('defaulted'),
      sql<string>`coalesce(sum(l.outstanding_principal_fen) filter (where l.status in ('active','overdue')), 0)`.as('outstanding'),
    ])
    .executeTakeFirstOrThrow();
  return { active: Number(row.active), overdue: Number(row.overdue), defaulted: Number(row.defaulted), outstandingFen: Number(row.outstanding) };
}
