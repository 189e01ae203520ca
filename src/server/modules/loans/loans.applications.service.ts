/**
 * Loan applications (leads): the enterprise applies under consent; the bank takes the lead, verifies (notes),
 * decides (approve with terms or refuse with a reason the enterprise sees), records the contract and
 * disburses once (the loan and its schedule are created in loans.loans.service.ts's disburseLoan).
 * Every state change: authorised for this actor and this object, one transaction, a timeline event, an
 * audit entry, and the event for the modules above.
 */
import { sql, type Kysely } from 'kysely';
import { evaluatePrepared, prepareRule, type RuleNode } from '../../../core/rules/index.ts';
import { addWorkingDays, dueAfterWorkingDays, shanghaiDate } from '../../../core/sla/calendar.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, LoanApplicationStatus } from '../../db/schema.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { publish } from '../../events/index.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead, type AuditAction } from '../audit/index.ts';
import { CONSENT_MAX_YEARS, grantConsentInTransaction } from '../consents/index.ts';
import { notifyEnterprise, notifyOrg } from '../notifications/index.ts';
import { ALL_FACTS, loadEnterpriseFacts, loadRuleRegistry, parametersOf } from '../policies/index.ts';
import { LOAN_CONSENT_PURPOSE, WARN_WORKING_DAYS_BEFORE } from './loans.constants.ts';
import { assertInScope, assertOwnBank, readsAsBorrower, requireOwnEnterpriseId, scopeOf, type LoanScope } from './loans.policy.ts';
import { NOTE_LABELS, presentEvent, REFUSAL_LABELS } from './loans.presenter.ts';
import type {
  ContractInput,
  CreateLoanApplicationInput,
  DecisionInput,
  LoanApplicationDetail,
  LoanApplicationListQuery,
  LoanApplicationSummary,
  LoanCodes,
  NoteInput,
} from './loans.schemas.ts';
import { NOTE_KINDS, REFUSAL_REASONS } from './loans.schemas.ts';

/** Job kind: warn banks of leads near their deadline and escalate late ones to the finance office. */
export const DEADLINE_JOB = 'loans.deadlines';

const OPEN_STATUSES: LoanApplicationStatus[] = ['submitted', 'in_review'];

export function loanCodes(): LoanCodes {
  return {
    refusalReasons: REFUSAL_REASONS.map((code) => ({ code, label: REFUSAL_LABELS[code] })),
    noteKinds: NOTE_KINDS.map((code) => ({ code, label: NOTE_LABELS[code] })),
  };
}

// Reading ------------------------------------------------------------------------------------------------

function applicationRows(db: Executor) {
  return db
    .selectFrom('loan_applications as a')
    .innerJoin('loan_products as p', 'p.id', 'a.product_id')
    .innerJoin('loan_product_versions as v', 'v.id', 'a.product_version_id')
    .innerJoin('organizations as b', 'b.id', 'a.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('loans as l', 'l.application_id', 'a.id');
}

const SUMMARY_COLUMNS = [
  'a.id',
  'a.status',
  'a.product_id',
  'a.product_version_id',
  'p.code as product_code',
  'v.name as product_name',
  'v.product_type',
  'a.bank_org_id',
  'b.name as bank_name',
  'a.enterprise_id',
  'e.name as enterprise_name',
  'e.uscc as enterprise_uscc',
  'a.amount_fen',
  'a.term_months',
  'a.repayment_method',
  'a.purpose',
  'a.submitted_at',
  'a.due_at',
  'a.escalated_at',
  'a.decided_at',
  'a.approved_amount_fen',
  'a.approved_rate_bp',
  'a.approved_term_months',
  'a.refusal_code',
  'a.refusal_text',
  'a.consent_id',
  'a.contract_no',
  'a.contracted_on',
  'l.id as loan_id',
] as const;

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;
const summaryQuery = (db: Executor) => applicationRows(db).select(SUMMARY_COLUMNS);

function presentSummary(r: SummaryRow, now: Date): LoanApplicationSummary {
  return {
    id: r.id,
    status: r.status,
    product: { id: r.product_id, versionId: r.product_version_id, code: r.product_code, name: r.product_name, productType: r.product_type },
    bank: { id: r.bank_org_id, name: r.bank_name },
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, uscc: r.enterprise_uscc },
    amountFen: r.amount_fen,
    termMonths: r.term_months,
    repaymentMethod: r.repayment_method,
    purpose: r.purpose,
    submittedAt: r.submitted_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: OPEN_STATUSES.includes(r.status) && r.due_at.getTime() < now.getTime(),
    escalatedAt: r.escalated_at ? r.escalated_at.toISOString() : null,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    approved:
      r.approved_amount_fen !== null && r.approved_rate_bp !== null && r.approved_term_months !== null
        ? { amountFen: r.approved_amount_fen, rateBp: r.approved_rate_bp, termMonths: r.approved_term_months }
        : null,
    refusal: r.refusal_code ? { code: r.refusal_code as (typeof REFUSAL_REASONS)[number], label: REFUSAL_LABELS[r.refusal_code as (typeof REFUSAL_REASONS)[number]] ?? { zh: r.refusal_code, en: r.refusal_code }, text: r.refusal_text } : null,
    loanId: r.loan_id,
  };
}

function scoped(query: ReturnType<typeof applicationRows>, scope: LoanScope) {
  if (scope.kind === 'bank') return query.where('a.bank_org_id', '=', scope.bankOrgId);
  if (scope.kind === 'enterprise') return query.where('a.enterprise_id', '=', scope.enterpriseId);
  return query;
}

export type ApplicationFilter = Omit<LoanApplicationListQuery, 'page' | 'pageSize'>;

/** The applications the scope sees, narrowed by the list's filters (the list and its export). */
function filteredApplications(db: Executor, scope: LoanScope, query: ApplicationFilter, now: Date) {
  let q = scoped(applicationRows(db), scope);
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.open) q = q.where('a.status', 'in', OPEN_STATUSES);
  if (query.overdue) q = q.where('a.status', 'in', OPEN_STATUSES).where('a.due_at', '<', now);
  if (query.productId) q = q.where('a.product_id', '=', query.productId);
  if (query.bankOrgId) q = q.where('a.bank_org_id', '=', query.bankOrgId);
  if (query.enterpriseId) q = q.where('a.enterprise_id', '=', query.enterpriseId);
  return q;
}

/** A keyset batch of the list's rows (ids after `after`, ascending) for the export; the scope is the caller's. */
export async function applicationBatch(db: Executor, scope: LoanScope, query: ApplicationFilter, now: Date, after: number | null, limit: number) {
  let q = filteredApplications(db, scope, query, now);
  if (after !== null) q = q.where('a.id', '>', after);
  return (await q.select(SUMMARY_COLUMNS).orderBy('a.id').limit(limit).execute()).map((r) => presentSummary(r, now));
}

export async function listLoanApplications(db: Kysely<DB>, actor: Actor, query: LoanApplicationListQuery, page: PageRequest) {
  const scope = await scopeOf(db, actor);
  const now = new Date();
  const q = filteredApplications(db, scope, query, now);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let ordered = q.select(SUMMARY_COLUMNS);
  ordered = query.overdue || query.open ? ordered.orderBy('a.due_at').orderBy('a.id') : ordered.orderBy('a.id', 'desc');
  const rows = await ordered.limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  // Enterprises' applications listed to a bank or the finance office: one audit entry for the request.
  if (scope.kind !== 'enterprise') await recordRead(db, actor, 'loan_application.list', { type: 'loan_application' }, { scope: scope.kind, query, page, count: rows.length, total });
  return { items: rows.map((r) => presentSummary(r, now)), total, ...page };
}

export async function timelineOf(db: Executor, applicationId: number) {
  const rows = await db
    .selectFrom('loan_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
    .where('ev.application_id', '=', applicationId)
    .select(['ev.id', 'ev.at', 'ev.action', 'ev.actor_user_id', 'u.display_name as actor_name', 'ev.from_status', 'ev.to_status', 'ev.note', 'ev.details'])
    .orderBy('ev.id')
    .execute();
  return rows.map(presentEvent);
}

/**
 * GET of one application: read by the bank or the finance office it is recorded (the borrower reading its
 * own is not). The writes that answer with the application are audited as the writes they are.
 */
export async function readLoanApplication(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanApplicationDetail> {
  const detail = await getLoanApplication(db, actor, id);
  if (!readsAsBorrower(actor)) await recordRead(db, actor, 'loan_application.read', { type: 'loan_application', id }, { enterpriseId: detail.enterprise.id });
  return detail;
}

export async function getLoanApplication(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanApplicationDetail> {
  const scope = await scopeOf(db, actor);
  const row = await summaryQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Loan application');
  assertInScope(scope, row, 'Loan application');
  const now = new Date();
  const consent = row.consent_id !== null ? await db.selectFrom('consents').where('id', '=', row.consent_id).select(['id', 'categories', 'valid_from', 'valid_until', 'revoked_at']).executeTakeFirst() : undefined;
  return {
    ...presentSummary(row, now),
    consent: consent
      ? {
          id: consent.id,
          categories: consent.categories as NonNullable<LoanApplicationDetail['consent']>['categories'],
          validFrom: consent.valid_from.toISOString(),
          validUntil: consent.valid_until.toISOString(),
          revokedAt: consent.revoked_at ? consent.revoked_at.toISOString() : null,
          active: consent.revoked_at === null && consent.valid_from.getTime() <= now.getTime() && consent.valid_until.getTime() > now.getTime(),
        }
      : null,
    contract: row.contract_no && row.contracted_on ? { contractNo: row.contract_no, signedOn: row.contracted_on } : null,
    timeline: await timelineOf(db, id),
  };
}

// Writing ------------------------------------------------------------------------------------------------

export async function addEvent(
  trx: Executor,
  event: { applicationId: number; loanId?: number | null; actorUserId: number | null; action: string; fromStatus?: string | null; toStatus?: string | null; note?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('loan_events')
    .values({
      application_id: event.applicationId,
      loan_id: event.loanId ?? null,
      actor_user_id: event.actorUserId,
      action: event.action,
      from_status: event.fromStatus ?? null,
      to_status: event.toStatus ?? null,
      note: event.note ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

function auditApp(trx: Executor, actor: Actor, action: AuditAction, id: number, details: Record<string, unknown>) {
  return recordAudit(trx, { ...auditContextOfActor(actor), action, targetType: 'loan_application', targetId: id, details });
}

async function lockApplication(trx: Executor, id: number) {
  const row = await trx.selectFrom('loan_applications').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
  if (!row) throw notFound('Loan application');
  return row;
}

function refuseState(status: string, wanted: string): never {
  throw new AppError('conflict', `The application is ${status}; this needs it ${wanted}`, [{ path: 'status', message: status }]);
}

/** Adds whole months to an instant (the consent's end), clamped like a calendar month. */
function addMonthsToInstant(at: Date, months: number): Date {
  const out = new Date(at.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/**
 * The enterprise applies: the product's published version, amount, term and repayment method within its
 * ranges, the enterprise not ruled out by the target rule; the bank is granted a consent for the product's
 * data categories (purpose 贷款, consentMonths) in the same transaction; the lead gets its response deadline
 * (the product's working days on the county calendar) and the deadline jobs.
 */
export async function applyForLoan(db: Kysely<DB>, actor: Actor, input: CreateLoanApplicationInput): Promise<LoanApplicationDetail> {
  const enterpriseId = await requireOwnEnterpriseId(db, actor);
  const version = await db
    .selectFrom('loan_product_versions as v')
    .innerJoin('loan_products as p', 'p.id', 'v.product_id')
    .where('v.product_id', '=', input.productId)
    .where('v.status', '=', 'published')
    .selectAll('v')
    .select(['p.code', 'p.bank_org_id'])
    .executeTakeFirst();
  if (!version) throw notFound('Loan product');
  const details: ErrorDetail[] = [];
  if (input.amountFen < version.amount_min_fen || input.amountFen > version.amount_max_fen) {
    details.push({ path: 'body/amountFen', message: `must be between ${version.amount_min_fen} and ${version.amount_max_fen} fen` });
  }
  if (input.termMonths < version.term_min_months || input.termMonths > version.term_max_months) {
    details.push({ path: 'body/termMonths', message: `must be between ${version.term_min_months} and ${version.term_max_months} months` });
  }
  if (!version.repayment_methods.includes(input.repaymentMethod)) details.push({ path: 'body/repaymentMethod', message: `must be one of ${version.repayment_methods.join(', ')}` });
  if (input.consentMonths > CONSENT_MAX_YEARS * 12) details.push({ path: 'body/consentMonths', message: `a consent runs at most ${CONSENT_MAX_YEARS * 12} months` });
  const purpose = input.purpose.trim();
  if (purpose === '') details.push({ path: 'body/purpose', message: 'say what the loan is for' });
  if (details.length > 0) throw new AppError('validation_failed', 'The application is outside the product’s terms', details);

  const registry = await loadRuleRegistry(db);
  const facts = (await loadEnterpriseFacts(db, registry, [enterpriseId], ALL_FACTS, { includeInactive: true })).get(enterpriseId) ?? { attributes: {}, indicators: {} };
  try {
    const rule = (typeof version.target_rule === 'string' ? JSON.parse(version.target_rule) : version.target_rule) as RuleNode;
    const result = evaluatePrepared(prepareRule(rule, { evaluationDate: todayInCounty(), catalogue: registry.catalogue, params: parametersOf([]) }), facts);
    if (result.outcome === 'ineligible') throw new AppError('unprocessable', 'Your enterprise is outside this product’s target customers (see the 金融超市 for why)');
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A rule that no longer validates decides nothing: the bank verifies.
  }

  const calendar = await loadWorkingCalendar(db);
  const now = new Date();
  const dueAt = dueAfterWorkingDays(now, version.response_days, calendar);
  const warnDay = addWorkingDays(shanghaiDate(now), Math.max(version.response_days - WARN_WORKING_DAYS_BEFORE, 0), calendar);
  const warnAt = new Date(`${warnDay}T09:00:00+08:00`);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const consentId = await grantConsentInTransaction(trx, actor, {
        enterpriseId,
        granteeOrgId: version.bank_org_id,
        categories: version.data_categories,
        purpose: LOAN_CONSENT_PURPOSE,
        validFrom: now,
        validUntil: addMonthsToInstant(now, input.consentMonths),
      });
      const app = await trx
        .insertInto('loan_applications')
        .values({
          product_id: input.productId,
          product_version_id: version.id,
          enterprise_id: enterpriseId,
          bank_org_id: version.bank_org_id,
          consent_id: consentId,
          status: 'submitted',
          amount_fen: input.amountFen,
          term_months: input.termMonths,
          repayment_method: input.repaymentMethod,
          purpose,
          due_at: dueAt,
          submitted_by: actor.userId,
          submitted_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addEvent(trx, { applicationId: app.id, actorUserId: actor.userId, action: 'submit', toStatus: 'submitted', details: { consentId, amountFen: input.amountFen, termMonths: input.termMonths, dueAt: dueAt.toISOString() } });
      await auditApp(trx, actor, 'loan_application.submit', app.id, { enterpriseId, productId: input.productId, versionId: version.id, bankOrgId: version.bank_org_id, amountFen: input.amountFen, termMonths: input.termMonths, consentId });
      await publish(trx, 'loan.applied', { applicationId: app.id, enterpriseId, bankOrgId: version.bank_org_id, productId: input.productId, productCode: version.code, amountFen: input.amountFen, consentId });
      await notifyOrg(trx, version.bank_org_id, {
        kind: 'loan.lead',
        params: { applicationId: app.id, amountFen: input.amountFen, dueAt: dueAt.toISOString() },
        titleZh: `新的贷款申请：${version.name}`,
        titleEn: `New loan application: ${version.name}`,
        bodyZh: `${actor.orgName}申请“${version.name}”${(input.amountFen / 1_000_000).toFixed(2)}万元，期限${input.termMonths}个月，请于${shanghaiDate(dueAt)}前答复。`,
        bodyEn: `${actor.orgName} applied for "${version.name}": ${(input.amountFen / 100).toFixed(2)} yuan over ${input.termMonths} months. Please answer by ${shanghaiDate(dueAt)}.`,
        link: `/bank/leads/${app.id}`,
        dedupeKey: `loan-lead:${app.id}`,
      }, { roles: ['bank_staff'] });
      await enqueueJob(trx, DEADLINE_JOB, {}, { dedupeKey: `${DEADLINE_JOB}:warn:${app.id}`, runAt: warnAt });
      await enqueueJob(trx, DEADLINE_JOB, {}, { dedupeKey: `${DEADLINE_JOB}:due:${app.id}`, runAt: new Date(dueAt.getTime() + 1000) });
      return app.id;
    });
    return getLoanApplication(db, actor, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'You already have an open application for this product');
    throw error;
  }
}

/** Loads and locks an application the acting bank owns. */
async function lockOwn(trx: Executor, actor: Actor, id: number) {
  const app = await lockApplication(trx, id);
  assertOwnBank(actor, app, 'Loan application');
  return app;
}

/** The bank takes a new lead into review. Idempotent for a lead already in review. */
export async function takeLead(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanApplicationDetail> {
  await db.transaction().execute(async (trx) => {
    const app = await lockOwn(trx, actor, id);
    if (app.status === 'in_review') return;
    if (app.status !== 'submitted') refuseState(app.status, 'submitted');
    await trx.updateTable('loan_applications').set({ status: 'in_review', updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'take', fromStatus: 'submitted', toStatus: 'in_review' });
    await auditApp(trx, actor, 'loan_application.take', id, {});
  });
  return getLoanApplication(db, actor, id);
}

/** The bank records a verification note; a new lead moves into review. */
export async function addNote(db: Kysely<DB>, actor: Actor, id: number, input: NoteInput): Promise<LoanApplicationDetail> {
  const text = input.text.trim();
  if (text === '') throw new AppError('validation_failed', 'Write the note', [{ path: 'body/text', message: 'must not be blank' }]);
  await db.transaction().execute(async (trx) => {
    const app = await lockOwn(trx, actor, id);
    if (!['submitted', 'in_review', 'approved', 'contracted'].includes(app.status)) refuseState(app.status, 'open');
    const to = app.status === 'submitted' ? 'in_review' : app.status;
    if (to !== app.status) await trx.updateTable('loan_applications').set({ status: to, updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'note', fromStatus: app.status, toStatus: to, note: text, details: { kind: input.kind, visitedOn: input.visitedOn ?? null } });
    await auditApp(trx, actor, 'loan_application.note', id, { kind: input.kind, visitedOn: input.visitedOn ?? null });
  });
  return getLoanApplication(db, actor, id);
}

/**
 * The bank decides an undecided lead: approve with an amount, rate and term within the product version's
 * ranges (the amount at most what was asked), or refuse with a reason code and text the enterprise sees.
 */
export async function decide(db: Kysely<DB>, actor: Actor, id: number, input: DecisionInput): Promise<LoanApplicationDetail> {
  await db.transaction().execute(async (trx) => {
    const app = await lockOwn(trx, actor, id);
    if (!OPEN_STATUSES.includes(app.status)) refuseState(app.status, 'submitted or in review');
    const version = await trx.selectFrom('loan_product_versions as v').innerJoin('loan_products as p', 'p.id', 'v.product_id').where('v.id', '=', app.product_version_id).selectAll('v').select('p.code').executeTakeFirstOrThrow();
    const now = new Date();
    if (input.decision === 'approve') {
      const details: ErrorDetail[] = [];
      if (input.amountFen < version.amount_min_fen || input.amountFen > Math.min(version.amount_max_fen, app.amount_fen)) details.push({ path: 'body/amountFen', message: `must be between ${version.amount_min_fen} and ${Math.min(version.amount_max_fen, app.amount_fen)} fen` });
      if (input.rateBp < version.rate_min_bp || input.rateBp > version.rate_max_bp) details.push({ path: 'body/rateBp', message: `must be between ${version.rate_min_bp} and ${version.rate_max_bp} bp` });
      if (input.termMonths < version.term_min_months || input.termMonths > version.term_max_months) details.push({ path: 'body/termMonths', message: `must be between ${version.term_min_months} and ${version.term_max_months} months` });
      if (details.length > 0) throw new AppError('validation_failed', 'The approval is outside the product’s terms', details);
      await trx.updateTable('loan_applications').set({ status: 'approved', decided_at: now, decided_by: actor.userId, approved_amount_fen: input.amountFen, approved_rate_bp: input.rateBp, approved_term_months: input.termMonths, updated_at: now }).where('id', '=', id).execute();
      await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'approve', fromStatus: app.status, toStatus: 'approved', details: { amountFen: input.amountFen, rateBp: input.rateBp, termMonths: input.termMonths } });
      await auditApp(trx, actor, 'loan_application.approve', id, { amountFen: input.amountFen, rateBp: input.rateBp, termMonths: input.termMonths });
      await publish(trx, 'loan.decided', { applicationId: id, enterpriseId: app.enterprise_id, bankOrgId: app.bank_org_id, productId: app.product_id, productCode: version.code, decision: 'approved', amountFen: input.amountFen, reasonCode: null });
      await notifyEnterprise(trx, app.enterprise_id, {
        kind: 'loan.decided',
        params: { applicationId: id, decision: 'approved', amountFen: input.amountFen, rateBp: input.rateBp, termMonths: input.termMonths },
        titleZh: `贷款申请已获批：${version.name}`,
        titleEn: `Loan approved: ${version.name}`,
        bodyZh: `${actor.orgName}批准贷款${(input.amountFen / 1_000_000).toFixed(2)}万元，年利率${(input.rateBp / 100).toFixed(2)}%，期限${input.termMonths}个月。`,
        bodyEn: `${actor.orgName} approved ${(input.amountFen / 100).toFixed(2)} yuan at ${(input.rateBp / 100).toFixed(2)}% a year over ${input.termMonths} months.`,
        link: `/portal/loans/applications/${id}`,
        dedupeKey: `loan-decided:${id}`,
      });
    } else {
      const text = input.text.trim();
      if (text === '') throw new AppError('validation_failed', 'Say why', [{ path: 'body/text', message: 'must not be blank' }]);
      await trx.updateTable('loan_applications').set({ status: 'refused', decided_at: now, decided_by: actor.userId, refusal_code: input.reasonCode, refusal_text: text, updated_at: now }).where('id', '=', id).execute();
      await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'refuse', fromStatus: app.status, toStatus: 'refused', note: text, details: { reasonCode: input.reasonCode } });
      await auditApp(trx, actor, 'loan_application.refuse', id, { reasonCode: input.reasonCode });
      await publish(trx, 'loan.decided', { applicationId: id, enterpriseId: app.enterprise_id, bankOrgId: app.bank_org_id, productId: app.product_id, productCode: version.code, decision: 'refused', amountFen: null, reasonCode: input.reasonCode });
      const label = REFUSAL_LABELS[input.reasonCode];
      await notifyEnterprise(trx, app.enterprise_id, {
        kind: 'loan.decided',
        params: { applicationId: id, decision: 'refused', reasonCode: input.reasonCode },
        titleZh: `贷款申请未获批：${version.name}`,
        titleEn: `Loan refused: ${version.name}`,
        bodyZh: `原因：${label.zh}。${text}`,
        bodyEn: `Reason: ${label.en}. ${text}`,
        link: `/portal/loans/applications/${id}`,
        dedupeKey: `loan-decided:${id}`,
      });
    }
  });
  return getLoanApplication(db, actor, id);
}

/** The bank records the signed loan contract of an approved application. */
export async function recordContract(db: Kysely<DB>, actor: Actor, id: number, input: ContractInput): Promise<LoanApplicationDetail> {
  const signedOn = input.signedOn ?? todayInCounty();
  if (signedOn > todayInCounty()) throw new AppError('validation_failed', 'A contract is signed today or before', [{ path: 'body/signedOn', message: 'must not be in the future' }]);
  await db.transaction().execute(async (trx) => {
    const app = await lockOwn(trx, actor, id);
    if (app.status !== 'approved') refuseState(app.status, 'approved');
    await trx.updateTable('loan_applications').set({ status: 'contracted', contract_no: input.contractNo.trim(), contracted_on: signedOn, updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'contract', fromStatus: 'approved', toStatus: 'contracted', details: { contractNo: input.contractNo.trim(), signedOn } });
    await auditApp(trx, actor, 'loan_application.contract', id, { contractNo: input.contractNo.trim(), signedOn });
  });
  return getLoanApplication(db, actor, id);
}

/** The enterprise withdraws an undecided application (its consent stays until it revokes it). */
export async function withdrawApplication(db: Kysely<DB>, actor: Actor, id: number): Promise<LoanApplicationDetail> {
  const enterpriseId = await requireOwnEnterpriseId(db, actor);
  await db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, id);
    if (app.enterprise_id !== enterpriseId) throw notFound('Loan application');
    if (!OPEN_STATUSES.includes(app.status)) refuseState(app.status, 'submitted or in review');
    await trx.updateTable('loan_applications').set({ status: 'withdrawn', updated_at: new Date() }).where('id', '=', id).execute();
    await addEvent(trx, { applicationId: id, actorUserId: actor.userId, action: 'withdraw', fromStatus: app.status, toStatus: 'withdrawn' });
    await auditApp(trx, actor, 'loan_application.withdraw', id, {});
  });
  return getLoanApplication(db, actor, id);
}

/**
 * The deadline sweep: banks are warned of undecided leads within WARN_WORKING_DAYS_BEFORE working days of
 * their deadline, and late leads are escalated to the finance office — each once (warned_at, escalated_at).
 * Idempotent: a run that repeats finds nothing left to do.
 */
export async function sweepDeadlines(db: Kysely<DB>, now: Date = new Date()): Promise<{ warned: number; escalated: number }> {
  const calendar = await loadWorkingCalendar(db);
  const today = shanghaiDate(now);
  const warnHorizon = addWorkingDays(today, WARN_WORKING_DAYS_BEFORE, calendar);
  const horizonEnd = new Date(`${warnHorizon}T23:59:59.999+08:00`);
  return db.transaction().execute(async (trx) => {
    const toWarn = await summaryQuery(trx)
      .where('a.status', 'in', OPEN_STATUSES)
      .where('a.warned_at', 'is', null)
      .where('a.due_at', '<=', horizonEnd)
      .where('a.due_at', '>=', now)
      .forUpdate('a')
      .execute();
    for (const app of toWarn) {
      await trx.updateTable('loan_applications').set({ warned_at: now }).where('id', '=', app.id).execute();
      await addEvent(trx, { applicationId: app.id, actorUserId: null, action: 'warn', details: { dueAt: app.due_at.toISOString() } });
      await notifyOrg(trx, app.bank_org_id, {
        kind: 'loan.deadline_near',
        params: { applicationId: app.id, dueAt: app.due_at.toISOString() },
        titleZh: `贷款申请即将超时：${app.enterprise_name}`,
        titleEn: `Loan application due soon: ${app.enterprise_name}`,
        bodyZh: `“${app.product_name}”的申请须于${shanghaiDate(app.due_at)}前答复。`,
        bodyEn: `The application for "${app.product_name}" must be answered by ${shanghaiDate(app.due_at)}.`,
        link: `/bank/leads/${app.id}`,
        dedupeKey: `loan-deadline-near:${app.id}`,
      }, { roles: ['bank_staff'] });
    }
    const late = await summaryQuery(trx).where('a.status', 'in', OPEN_STATUSES).where('a.escalated_at', 'is', null).where('a.due_at', '<', now).forUpdate('a').execute();
    const office = late.length > 0 ? await trx.selectFrom('organizations').where('code', '=', 'jrb').select('id').executeTakeFirst() : undefined;
    for (const app of late) {
      await trx.updateTable('loan_applications').set({ escalated_at: now }).where('id', '=', app.id).execute();
      await addEvent(trx, { applicationId: app.id, actorUserId: null, action: 'escalate', details: { dueAt: app.due_at.toISOString() } });
      await recordAudit(trx, { actorUserId: null, actorUsername: null, actorOrgId: null, requestId: null, ip: null, action: 'loan_application.escalate', targetType: 'loan_application', targetId: app.id, details: { bankOrgId: app.bank_org_id, dueAt: app.due_at.toISOString() } });
      const notice = {
        kind: 'loan.deadline_missed',
        params: { applicationId: app.id, bankOrgId: app.bank_org_id, dueAt: app.due_at.toISOString() },
        titleZh: `贷款申请超时未答复：${app.bank_name}`,
        titleEn: `Loan application not answered in time: ${app.bank_name}`,
        bodyZh: `${app.enterprise_name}申请的“${app.product_name}”已超过答复期限（${shanghaiDate(app.due_at)}），请督办。`,
        bodyEn: `The application of ${app.enterprise_name} for "${app.product_name}" passed its deadline (${shanghaiDate(app.due_at)}); please follow up.`,
        link: '/gov/finance/kpis',
        dedupeKey: `loan-deadline-missed:${app.id}`,
      };
      if (office) await notifyOrg(trx, office.id, notice, { roles: ['department_staff'] });
      await notifyOrg(trx, app.bank_org_id, { ...notice, link: `/bank/leads/${app.id}` }, { roles: ['bank_staff'] });
    }
    return { warned: toWarn.length, escalated: late.length };
  });
}

/** Counts for the bank's workbench home (own bank) or the finance office (all). */
export async function applicationCounts(db: Executor, scope: LoanScope, now: Date) {
  let q = db.selectFrom('loan_applications as a');
  if (scope.kind === 'bank') q = q.where('a.bank_org_id', '=', scope.bankOrgId);
  if (scope.kind === 'enterprise') q = q.where('a.enterprise_id', '=', scope.enterpriseId);
  const row = await q
    .select([
      sql<number>`count(*) filter (where a.status = 'submitted')`.as('submitted'),
      sql<number>`count(*) filter (where a.status = 'in_review')`.as('inReview'),
      sql<number>`count(*) filter (where a.status in ('submitted','in_review') and a.due_at < ${now})`.as('overdue'),
      sql<number>`count(*) filter (where a.status = 'approved')`.as('approved'),
      sql<number>`count(*) filter (where a.status = 'contracted')`.as('contracted'),
    ])
    .executeTakeFirstOrThrow();
  return { submitted: Number(row.submitted), inReview: Number(row.inReview), overdue: Number(row.overdue), approved: Number(row.approved), contracted: Number(row.contracted) };
}
