/**
 * Applications (申报 → 受理 → 审核 → 公示 → 兑付): the enterprise applies with a form pre-filled from its
 * profile, the owning department works through the policy's steps against working-day deadlines, the
 * approved list is publicly noticed, and the payment is made by two people (see disbursements).
 *
 * Every state change goes through `transitionApplication`: row lock, the pure workflow decision
 * (src/core/applications/workflow.ts), the update, a timeline event, an audit entry and the enterprise's
 * notification, in one transaction. Two people acting at once on one application are serialised by the
 * lock; the second is judged on the first one's result.
 */
import type { Kysely, Updateable } from 'kysely';
import { decideApprovedAmount } from '../../../core/applications/amounts.ts';
import {
  availableActions,
  decide,
  type ActorKind,
  type ApplicationAction,
  type ApplicationState,
  type Refusal,
  type Transition,
} from '../../../core/applications/workflow.ts';
import { shanghaiDate } from '../../../core/sla/calendar.ts';
import type { Executor } from '../../db/database.ts';
import type { ApplicationsTable, DB } from '../../db/schema.ts';
import { AppError, notFound, type ErrorCode } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findLivePayment, findDisbursementsOfApplication } from '../disbursements/disbursements.repository.ts';
import { findEnterpriseById, readIndicatorValues, requireOwnEnterprise } from '../enterprises/index.ts';
import { notifyEnterprise, notifyOrg } from '../notifications/notifications.service.ts';
import { loadRuleRegistry } from '../policies/county-facts.ts';
import { evaluatePolicy } from '../policies/policies.service.ts';
import type { Evaluation } from '../policies/policies.schemas.ts';
import { removeStoredFile, type ReceivedFile } from '../../storage/files.ts';
import { ATTACHMENTS_PER_APPLICATION, attachmentType, cleanFileName, openAttachment, placeAttachment } from './applications.files.ts';
import { checkEnterpriseData, enterpriseFields, explainedInputs, factFields, registryFields, type PolicyFormField } from './applications.form.ts';
import { assertCanListApplications, assertCanSeeApplication, sideOf } from './applications.policy.ts';
import { planOf, presentApplicationDetail, presentApplicationSummary, presentFile } from './applications.presenter.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationDetail, ApplicationFileView, ApplicationForm, ApplicationListFilter, ApplicationSummary, ApproveStepInput, CreateApplicationInput, FormFieldView, PublicNotice } from './applications.schemas.ts';
import { statusNotification, submittedNotification } from './applications.notify.ts';
import { loadWorkingCalendar } from './working-calendar.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';

/** The job that moves applications and auto grants whose 公示 is over to notice_passed. */
export const NOTICE_JOB = 'applications.notices';

/** How a workflow refusal answers over HTTP. */
const REFUSAL_STATUS: Record<Refusal['code'], ErrorCode> = {
  illegal_transition: 'conflict',
  not_permitted: 'forbidden',
  reason_required: 'validation_failed',
  notice_not_over: 'conflict',
  same_person: 'forbidden',
  payment_exists: 'conflict',
  payment_missing: 'conflict',
};

/** Turns a refusal of the workflow into the API's error. */
export function refusalError(refusal: Refusal): AppError {
  const details = refusal.code === 'reason_required' ? [{ path: 'body/reason', message: 'required', reason: refusal.code }] : [{ reason: refusal.code, message: refusal.message }];
  return new AppError(REFUSAL_STATUS[refusal.code], refusal.message, details);
}

/** Who acts: a signed-in person, or the platform itself (jobs). */
export type Acting = { kind: 'user'; actor: Actor } | { kind: 'system' };

export interface TransitionOptions {
  reason?: string | null;
  /** Extra facts for the timeline (amounts, payment references …). */
  details?: Record<string, unknown>;
  now?: Date;
  /**
   * Checks and column changes that depend on the decision (e.g. the approved amount on the last review
   * step); may throw. Runs under the row lock, before anything is written.
   */
  refine?: (row: repo.ApplicationRow, next: Transition) => { patch?: Updateable<ApplicationsTable>; details?: Record<string, unknown> } | void;
}

export interface TransitionResult {
  before: repo.ApplicationRow;
  next: Transition;
  eventId: number;
}

/**
 * Applies one workflow action to an application inside the caller's transaction: locks the row, decides,
 * writes the new state, the timeline event and the audit entry, and notifies the enterprise when its
 * status changed. Throws 404 / 403 / 409 / 400 from the decision.
 */
export async function transitionApplication(trx: Executor, acting: Acting, applicationId: number, action: ApplicationAction, options: TransitionOptions = {}): Promise<TransitionResult> {
  const now = options.now ?? new Date();
  if (!(await repo.lockApplication(trx, applicationId))) throw notFound('Application');
  const row = (await repo.findApplication(trx, applicationId))!;
  let kind: ActorKind = 'system';
  if (acting.kind === 'user') kind = assertCanSeeApplication(acting.actor, row);
  const payment = await findLivePayment(trx, { applicationId });
  const state = stateOf(row, payment);
  const decision = decide(state, { action, actor: { kind, userId: acting.kind === 'user' ? acting.actor.userId : null }, reason: options.reason ?? null, now }, planOf(row), await loadWorkingCalendar(trx));
  if (!decision.ok) throw refusalError(decision.refusal);
  const { next } = decision;
  const refined = options.refine?.(row, next) ?? {};

  if (!next.keepsApplication) {
    await repo.updateApplication(trx, applicationId, {
      status: next.status,
      current_step: next.stepKey,
      step_due_at: next.stepDueAt,
      returned_from_status: next.returnedFrom?.status ?? null,
      returned_from_step: next.returnedFrom?.stepKey ?? null,
      ...(next.status === 'in_notice' && { notice_started_at: now, notice_until: next.noticeUntil }),
      // An objection withdraws the notice; the next approval publishes a new one.
      ...(action === 'object' && { notice_started_at: null, notice_until: null }),
      ...refined.patch,
    });
  }
  const details = { ...(options.details ?? {}), ...(refined.details ?? {}), ...(next.stepDueAt && { dueAt: next.stepDueAt.toISOString() }), ...(next.noticeUntil && { noticeUntil: next.noticeUntil.toISOString() }), ...(next.stepKey && next.stepKey !== row.current_step && { nextStep: next.stepKey }) };
  const eventId = await repo.insertEvent(trx, {
    application_id: applicationId,
    at: now,
    actor_user_id: acting.kind === 'user' ? acting.actor.userId : null,
    action,
    from_status: row.status,
    to_status: next.status,
    step_key: row.current_step,
    reason: options.reason?.trim() || null,
    details: JSON.stringify(details),
  });
  await recordAudit(trx, {
    ...(acting.kind === 'user' ? auditContextOfActor(acting.actor) : { actorUserId: null, actorUsername: 'system', actorOrgId: null, requestId: null, ip: null }),
    action: `application.${action}`,
    targetType: 'application',
    targetId: applicationId,
    details: { policyId: row.policy_id, enterpriseId: row.enterprise_id, from: row.status, to: next.status, step: row.current_step, eventId, ...(options.reason ? { reason: options.reason } : {}), ...details },
  });
  if (next.status !== row.status) {
    const amountFen = (refined.patch?.approved_amount_fen as number | undefined) ?? row.approved_amount_fen;
    await notifyEnterprise(trx, row.enterprise_id, statusNotification({ applicationId, eventId, policyId: row.policy_id, policyTitle: row.policy_title, action, status: next.status, reason: options.reason?.trim() || null, amountFen, noticeUntil: next.noticeUntil }));
  }
  if (action === 'resubmit') {
    await notifyOrg(trx, row.department_org_id, submittedNotification({ applicationId, eventId, policyId: row.policy_id, policyTitle: row.policy_title, enterpriseName: row.enterprise_name, enterpriseId: row.enterprise_id, isResubmission: true, dueAt: next.stepDueAt }), { roles: ['department_staff'] });
  }
  if (next.status === 'in_notice' && next.noticeUntil) {
    // The notice passes by itself: a job due just after the period (any later run also finds it).
    await enqueueJob(trx, NOTICE_JOB, {}, { runAt: new Date(next.noticeUntil.getTime() + 1000), dedupeKey: `${NOTICE_JOB}:application:${applicationId}:${eventId}` });
  }
  return { before: row, next, eventId };
}

function stateOf(row: repo.ApplicationRow, payment: { status: 'prepared' | 'paid'; prepared_by: number } | null): ApplicationState {
  return {
    status: row.status,
    stepKey: row.current_step,
    returnedFrom: row.returned_from_status ? { status: row.returned_from_status, stepKey: row.returned_from_step ?? '' } : null,
    noticeUntil: row.notice_until,
    payment: payment ? { status: payment.status, preparedBy: payment.prepared_by } : null,
  };
}

// The form ---------------------------------------------------------------------------------------

interface Applicability {
  version: repo.PublishedVersionRow;
  enterprise: { id: number; orgId: number | null; name: string; uscc: string };
  evaluation: Evaluation;
  blockedBy: 'window_closed' | 'ineligible' | 'already_applied' | 'already_granted' | null;
  blockDetails: Record<string, unknown>[];
}

/** Whether the application window of a version is open at `now` (and the policy in force that day). */
function windowProblem(version: repo.PublishedVersionRow, now: Date): Record<string, unknown> | null {
  const today = shanghaiDate(now);
  const window = { applyFrom: version.apply_from?.toISOString() ?? null, applyUntil: version.apply_until?.toISOString() ?? null, validFrom: version.valid_from, validUntil: version.valid_until };
  if (version.apply_from && now < version.apply_from) return { reason: 'not_open_yet', ...window };
  if (version.apply_until && now > version.apply_until) return { reason: 'window_closed', ...window };
  if (today < version.valid_from || (version.valid_until && today > version.valid_until)) return { reason: 'policy_not_in_force', ...window };
  return null;
}

/** Loads what deciding an application needs and says what, if anything, stands in the way. */
async function assessApplicability(db: Kysely<DB>, actor: Actor, policyId: number, now: Date): Promise<Applicability> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const version = await repo.findPublishedVersion(db, policyId);
  if (!version) {
    if (await repo.policyExists(db, policyId)) throw new AppError('unprocessable', 'This policy is not open for applications (no published version)', [{ reason: 'not_published' }]);
    throw notFound('Policy');
  }
  // The policies module's evaluation: the same engine, explanation and estimate the enterprise was shown.
  const evaluation = await evaluatePolicy(db, actor, policyId, enterprise.id);
  const blockDetails: Record<string, unknown>[] = [];
  let blockedBy: Applicability['blockedBy'] = null;
  let activeId: number | null;
  const window = windowProblem(version, now);
  if (window) {
    blockedBy = 'window_closed';
    blockDetails.push(window);
  } else if (evaluation.outcome !== 'eligible') {
    blockedBy = 'ineligible';
    blockDetails.push({
      reason: evaluation.outcome === 'unknown' ? 'eligibility_unknown' : 'ineligible',
      outcome: evaluation.outcome,
      missingFacts: evaluation.missingFacts.map((m) => ({ fact: m.fact, period: m.period })),
      message: evaluation.outcome === 'unknown' ? 'the platform lacks facts to decide: report them first (POST /api/enterprises/{id}/indicators)' : 'the enterprise does not meet the policy’s conditions',
    });
  } else if ((activeId = await repo.findActiveApplicationId(db, policyId, enterprise.id)) !== null) {
    blockedBy = 'already_applied';
    blockDetails.push({ reason: 'already_applied', applicationId: activeId });
  } else if (await repo.hasIncludedAutoGrant(db, policyId, enterprise.id)) {
    blockedBy = 'already_granted';
    blockDetails.push({ reason: 'already_granted', message: 'granted without application (免申即享)' });
  }
  return { version, enterprise, evaluation, blockedBy, blockDetails };
}

/** The profile part of the form: registry fields and the facts the rule read, with sources. */
async function profileFields(db: Kysely<DB>, actor: Actor, enterpriseId: number, evaluation: Evaluation): Promise<FormFieldView[]> {
  const detail = await findEnterpriseById(db, enterpriseId);
  const registry = await loadRuleRegistry(db);
  const inputs = explainedInputs(evaluation.explanation as Parameters<typeof explainedInputs>[0]);
  // The source of each value the platform used: the indicators service marks the effective one.
  const sources = new Map<string, { code: string; nameZh: string; nameEn: string }>();
  if (inputs.length > 0) {
    const { items } = await readIndicatorValues(db, actor, enterpriseId, {});
    for (const item of items) if (item.isEffective) sources.set(`${item.code}|${item.period}`, { code: item.source, nameZh: item.sourceNameZh, nameEn: item.sourceNameEn });
  }
  return [
    ...registryFields({ name: detail!.name, uscc: detail!.uscc, legalRepresentative: detail!.legal_representative, address: detail!.address }),
    ...factFields(inputs, registry.catalogue, sources),
  ];
}

/**
 * The application form of a policy for the signed-in enterprise: registry facts and the facts the rule
 * uses, read-only with their values, periods and sources, then the policy's own fields to fill in; and
 * whether applying now would be accepted.
 */
export async function getApplicationForm(db: Kysely<DB>, actor: Actor, policyId: number, now: Date = new Date()): Promise<ApplicationForm> {
  const assessed = await assessApplicability(db, actor, policyId, now);
  const { version, enterprise, evaluation } = assessed;
  return {
    policyId,
    versionId: version.version_id,
    title: version.title,
    enterpriseId: enterprise.id,
    outcome: evaluation.outcome,
    estimatedAmountFen: evaluation.estimatedAmountFen,
    applyFrom: version.apply_from?.toISOString() ?? null,
    applyUntil: version.apply_until?.toISOString() ?? null,
    canApply: assessed.blockedBy === null,
    blockedBy: assessed.blockedBy,
    fields: [...(await profileFields(db, actor, enterprise.id, evaluation)), ...enterpriseFields(version.form_fields as PolicyFormField[])],
  };
}

// Applying ---------------------------------------------------------------------------------------

/**
 * Applies for a policy (申报) as the signed-in enterprise. Refused 409 when it has an application in
 * progress (or paid) for the policy or was granted it without application; 422 outside the application
 * window or unless the rule finds it eligible now (an 'unknown' outcome too: the missing facts are listed,
 * to be reported first). The form keeps a snapshot of the profile facts as they were when it applied.
 */
export async function submitApplication(db: Kysely<DB>, actor: Actor, input: CreateApplicationInput, now: Date = new Date()): Promise<ApplicationDetail> {
  const assessed = await assessApplicability(db, actor, input.policyId, now);
  const { version, enterprise, evaluation } = assessed;
  if (assessed.blockedBy === 'already_applied' || assessed.blockedBy === 'already_granted') {
    throw new AppError('conflict', assessed.blockedBy === 'already_applied' ? 'The enterprise already has an application for this policy' : 'The enterprise was granted this policy without application (免申即享)', assessed.blockDetails);
  }
  if (assessed.blockedBy === 'window_closed') throw new AppError('unprocessable', 'The policy is not open for applications now', assessed.blockDetails);
  if (assessed.blockedBy === 'ineligible') throw new AppError('unprocessable', 'The enterprise is not eligible for this policy', assessed.blockDetails);
  if (evaluation.versionId !== version.version_id) throw new AppError('conflict', 'The policy changed while applying; try again');

  const fields = version.form_fields as PolicyFormField[];
  const { values, problems } = checkEnterpriseData(fields, input.formData ?? {});
  if (problems.length > 0) throw new AppError('validation_failed', 'The form is incomplete or invalid', problems);
  const profile = await profileFields(db, actor, enterprise.id, evaluation);
  const formData = { profile: profile.map((f) => ({ key: f.key, labelZh: f.labelZh, labelEn: f.labelEn, value: f.value, period: f.period, source: f.dataSource?.code ?? null, unit: f.unit })), entered: values, evaluationDate: evaluation.evaluationDate };

  const id = await db
    .transaction()
    .execute(async (trx) => {
      const decision = decide(
        { status: null, stepKey: null, returnedFrom: null, noticeUntil: null, payment: null },
        { action: 'submit', actor: { kind: 'enterprise', userId: actor.userId }, now },
        planOf(version),
        await loadWorkingCalendar(trx),
      );
      if (!decision.ok) throw refusalError(decision.refusal);
      const applicationId = await repo.insertApplication(trx, {
        policy_id: version.policy_id,
        policy_version_id: version.version_id,
        enterprise_id: enterprise.id,
        status: decision.next.status,
        current_step: decision.next.stepKey,
        step_due_at: decision.next.stepDueAt,
        returned_from_status: null,
        returned_from_step: null,
        notice_started_at: null,
        notice_until: null,
        form_data: JSON.stringify(formData),
        estimated_amount_fen: evaluation.estimatedAmountFen,
        approved_amount_fen: null,
        submitted_by: actor.userId,
        submitted_at: now,
      });
      const eventId = await repo.insertEvent(trx, {
        application_id: applicationId,
        at: now,
        actor_user_id: actor.userId,
        action: 'submit',
        from_status: null,
        to_status: 'submitted',
        step_key: null,
        reason: null,
        details: JSON.stringify({ estimatedAmountFen: evaluation.estimatedAmountFen, policyVersionId: version.version_id, dueAt: decision.next.stepDueAt?.toISOString() ?? null, nextStep: decision.next.stepKey }),
      });
      await recordAudit(trx, {
        ...auditContextOfActor(actor),
        action: 'application.submit',
        targetType: 'application',
        targetId: applicationId,
        details: { policyId: version.policy_id, versionId: version.version_id, enterpriseId: enterprise.id, estimatedAmountFen: evaluation.estimatedAmountFen, eventId },
      });
      await notifyEnterprise(trx, enterprise.id, statusNotification({ applicationId, eventId, policyId: version.policy_id, policyTitle: version.title, action: 'submit', status: 'submitted', reason: null, amountFen: evaluation.estimatedAmountFen, noticeUntil: null }));
      await notifyOrg(trx, version.department_org_id, submittedNotification({ applicationId, eventId, policyId: version.policy_id, policyTitle: version.title, enterpriseName: enterprise.name, enterpriseId: enterprise.id, isResubmission: false, dueAt: decision.next.stepDueAt }), { roles: ['department_staff'] });
      return applicationId;
    })
    .catch((error: unknown) => {
      // Two submissions racing past the check above: the unique index lets one through.
      if (isUniqueViolation(error)) throw new AppError('conflict', 'The enterprise already has an application for this policy', [{ reason: 'already_applied' }]);
      throw error;
    });
  return getApplication(db, actor, id, now);
}

// Reading ----------------------------------------------------------------------------------------

/** One application with its timeline, files, payments and what the caller may do next. */
export async function getApplication(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<ApplicationDetail> {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  const side = assertCanSeeApplication(actor, row);
  const [events, files, disbursements, payment] = await Promise.all([
    repo.findEvents(db, id),
    repo.findFiles(db, id),
    findDisbursementsOfApplication(db, id),
    findLivePayment(db, { applicationId: id }),
  ]);
  // The enterprise's application is its data: a read by the department is recorded (issue 3's rule).
  if (side === 'staff') await recordAudit(db, { ...auditContextOfActor(actor), action: 'application.read', targetType: 'application', targetId: id, details: { enterpriseId: row.enterprise_id } });
  return presentApplicationDetail(row, { events, files, disbursements, availableActions: availableActions(stateOf(row, payment), side) }, now);
}

/**
 * Applications the caller sees: a department those of its policies, an enterprise its own. Filters:
 * policy, status, overdue (the department's step past its deadline).
 */
export async function listApplications(db: Kysely<DB>, actor: Actor, filter: ApplicationListFilter, page: number, pageSize: number, now: Date = new Date()): Promise<{ items: ApplicationSummary[]; total: number; page: number; pageSize: number }> {
  const side = assertCanListApplications(actor);
  const scope: repo.ApplicationScope = side === 'staff' ? { kind: 'department', orgId: actor.orgId } : { kind: 'enterprise', enterpriseId: (await requireOwnEnterprise(db, actor)).id };
  const { rows, total } = await repo.findApplications(db, scope, filter, now, page, pageSize);
  return { items: rows.map((row) => presentApplicationSummary(row, now)), total, page, pageSize };
}

// Actions ----------------------------------------------------------------------------------------

/** Runs one simple action (no extra input) in its own transaction and returns the new detail. */
async function act(db: Kysely<DB>, actor: Actor, id: number, action: ApplicationAction, options: TransitionOptions = {}): Promise<ApplicationDetail> {
  await db.transaction().execute((trx) => transitionApplication(trx, { kind: 'user', actor }, id, action, options));
  return getApplication(db, actor, id, options.now);
}

/**
 * 受理: accepts a submitted application. Refused (422) while a required attachment of the policy's form
 * is missing: the department returns it for completion (退回补正) instead.
 */
export async function acceptApplication(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<ApplicationDetail> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
    const row = (await repo.findApplication(trx, id))!;
    if (sideOf(actor, row) === 'staff' && row.status === 'submitted') {
      const version = await trx.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select('form_fields').executeTakeFirstOrThrow();
      const present = new Set((await repo.findFiles(trx, id)).map((f) => f.field_key));
      const missing = (version.form_fields as PolicyFormField[]).filter((f) => f.type === 'file' && f.required && !present.has(f.key));
      if (missing.length > 0) {
        throw new AppError('unprocessable', 'Required attachments are missing: return the application for completion (退回补正)', missing.map((f) => ({ path: f.key, reason: 'attachment_missing', message: f.labelZh })));
      }
    }
    await transitionApplication(trx, { kind: 'user', actor }, id, 'accept', { now });
    return null;
  }).then(() => getApplication(db, actor, id, now));
}

/**
 * Approves the current review step; on the last one, fixes the approved amount (default: the amount
 * applied for; any other amount needs a reason — see core/applications/amounts.ts).
 */
export async function approveStep(db: Kysely<DB>, actor: Actor, id: number, input: ApproveStepInput, now: Date = new Date()): Promise<ApplicationDetail> {
  return act(db, actor, id, 'approve_step', {
    now,
    reason: input.reason ?? null,
    refine: (row, next) => {
      if (next.status !== 'approved') {
        if (input.approvedAmountFen !== undefined) {
          throw new AppError('validation_failed', 'The amount is approved on the last review step', [{ path: 'body/approvedAmountFen', message: `step ${row.current_step} is not the last review step` }]);
        }
        return;
      }
      const amount = decideApprovedAmount(row.estimated_amount_fen, input.approvedAmountFen, input.reason);
      if (!amount.ok) {
        const path = amount.code === 'amount_reason_required' ? 'body/reason' : 'body/approvedAmountFen';
        throw new AppError('validation_failed', amount.message, [{ path, reason: amount.code, message: amount.message }]);
      }
      return { patch: { approved_amount_fen: amount.amountFen }, details: { approvedAmountFen: amount.amountFen, requestedAmountFen: row.estimated_amount_fen, isAdjusted: amount.isAdjusted } };
    },
  });
}

/** 退回补正 / 不予通过 / 异议 / 撤回 / 公示: actions with at most a reason. */
export async function applicationAction(db: Kysely<DB>, actor: Actor, id: number, action: 'return' | 'reject' | 'withdraw' | 'start_notice' | 'end_notice' | 'object', reason: string | null, now: Date = new Date()): Promise<ApplicationDetail> {
  return act(db, actor, id, action, { reason, now });
}

/** The enterprise resubmits after 退回补正, optionally correcting what it typed. */
export async function resubmitApplication(db: Kysely<DB>, actor: Actor, id: number, formData: Record<string, unknown> | undefined, now: Date = new Date()): Promise<ApplicationDetail> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
    const row = (await repo.findApplication(trx, id))!;
    let patch: Updateable<ApplicationsTable> | undefined;
    let details: Record<string, unknown> | undefined;
    if (formData && sideOf(actor, row) === 'enterprise' && row.status === 'returned') {
      const version = await trx.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select('form_fields').executeTakeFirstOrThrow();
      const { values, problems } = checkEnterpriseData(version.form_fields as PolicyFormField[], formData);
      if (problems.length > 0) throw new AppError('validation_failed', 'The form is incomplete or invalid', problems);
      const stored = (row.form_data ?? {}) as Record<string, unknown>;
      patch = { form_data: JSON.stringify({ ...stored, entered: values }) };
      details = { changedFields: Object.keys(values).filter((k) => JSON.stringify((stored.entered as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify(values[k])) };
    }
    await transitionApplication(trx, { kind: 'user', actor }, id, 'resubmit', { now, refine: () => ({ patch, details }) });
    return null;
  }).then(() => getApplication(db, actor, id, now));
}

// Notices (公示) ----------------------------------------------------------------------------------

/**
 * Moves every application whose notice period is over to notice_passed (the job; also safe to call from
 * anywhere). Idempotent: rows already moved are not found again, rows another instance is moving are
 * skipped (SKIP LOCKED), so running it twice changes nothing the second time.
 * @returns how many applications moved
 */
export async function passDueApplicationNotices(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  let moved = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const ids = await repo.lockDueNotices(trx, now, 100);
      for (const id of ids) await transitionApplication(trx, { kind: 'system' }, id, 'end_notice', { now });
      return ids.length;
    });
    moved += count;
    if (count < 100) return moved;
  }
}

/** The public notices (公示) running now — approved applications and 免申即享 items; every signed-in user. */
export async function listPublicNotices(db: Kysely<DB>, filter: { policyId?: number; q?: string }, page: number, pageSize: number, now: Date = new Date()): Promise<{ items: PublicNotice[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await repo.findPublicNotices(db, filter, now, page, pageSize);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      policy: { id: r.policy_id, code: r.policy_code, title: r.policy_title, departmentName: r.department_name },
      enterprise: { name: r.enterprise_name, uscc: r.enterprise_uscc },
      amountFen: Number(r.amount_fen),
      noticeFrom: new Date(r.notice_from).toISOString(),
      noticeUntil: new Date(r.notice_until).toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

// Attachments ------------------------------------------------------------------------------------

/** Statuses in which the enterprise may add attachments: before acceptance and while returned for completion. */
const ATTACHABLE: readonly string[] = ['submitted', 'returned'];

/**
 * Checks, before a byte is stored, that the actor may attach a file to this application under this field:
 * the applying enterprise, while the application is submitted or returned, a file field of the policy's
 * form (or 'other'), under the per-application limit.
 */
export async function assertCanAttach(db: Kysely<DB>, actor: Actor, id: number, fieldKey: string | undefined): Promise<void> {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  if (assertCanSeeApplication(actor, row) !== 'enterprise') throw new AppError('forbidden', 'Only the applying enterprise adds attachments');
  if (!ATTACHABLE.includes(row.status)) throw new AppError('conflict', `Attachments are added while the application is submitted or returned, not ${row.status}`);
  const version = await db.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select('form_fields').executeTakeFirstOrThrow();
  const fileKeys = (version.form_fields as PolicyFormField[]).filter((f) => f.type === 'file').map((f) => f.key);
  if (!fieldKey || !(fileKeys.includes(fieldKey) || fieldKey === 'other')) {
    throw new AppError('validation_failed', 'fieldKey must name a file field of the form, or be "other"', [{ path: 'body/fieldKey', message: `one of: ${[...fileKeys, 'other'].join(', ')}` }]);
  }
  if ((await repo.countFiles(db, id)) >= ATTACHMENTS_PER_APPLICATION) throw new AppError('conflict', `An application has at most ${ATTACHMENTS_PER_APPLICATION} attachments`);
}

/**
 * Records an attachment already received and checked (type from its bytes): places the file, writes its
 * row, a timeline event and an audit entry. The file is removed again if the row cannot be written.
 */
export async function attachFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, upload: { fieldKey: string; fileName: string; file: ReceivedFile }): Promise<ApplicationFileView> {
  await assertCanAttach(db, actor, id, upload.fieldKey);
  const type = await attachmentType(upload.file, upload.fileName);
  if (!type) throw new AppError('unsupported_media_type', 'Attachments are PDF, PNG, JPEG, DOCX or XLSX files', [{ path: 'body/file', message: 'the file’s content is none of these types' }]);
  const relative = await placeAttachment(storageDir, upload.file, id, type.ext);
  try {
    const fileId = await db.transaction().execute(async (trx) => {
      if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
      const row = (await repo.findApplication(trx, id))!;
      // Re-checked under the lock: the department may have accepted it meanwhile.
      if (!ATTACHABLE.includes(row.status)) throw new AppError('conflict', `Attachments are added while the application is submitted or returned, not ${row.status}`);
      const inserted = await repo.insertFile(trx, {
        application_id: id,
        field_key: upload.fieldKey,
        file_name: cleanFileName(upload.fileName),
        content_type: type.contentType,
        size_bytes: upload.file.bytes,
        sha256: upload.file.sha256,
        storage_path: relative,
        uploaded_by: actor.userId,
      });
      await repo.insertEvent(trx, {
        application_id: id,
        actor_user_id: actor.userId,
        action: 'attach_file',
        from_status: row.status,
        to_status: row.status,
        step_key: row.current_step,
        reason: null,
        details: JSON.stringify({ fileId: inserted, fieldKey: upload.fieldKey, fileName: cleanFileName(upload.fileName), sha256: upload.file.sha256, sizeBytes: upload.file.bytes }),
      });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'application.file.upload', targetType: 'application', targetId: id, details: { fileId: inserted, fieldKey: upload.fieldKey, sha256: upload.file.sha256, sizeBytes: upload.file.bytes } });
      return inserted;
    });
    return presentFile((await repo.findFile(db, id, fileId))!);
  } catch (error) {
    await removeStoredFile(storageDir, relative);
    throw error;
  }
}

/** Opens an attachment for download: the applying enterprise and the owning department only; audited for the department. */
export async function openApplicationFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, fileId: number) {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  const side = assertCanSeeApplication(actor, row);
  const file = await repo.findFile(db, id, fileId);
  if (!file) throw notFound('File');
  if (side === 'staff') await recordAudit(db, { ...auditContextOfActor(actor), action: 'application.file.download', targetType: 'application', targetId: id, details: { fileId, enterpriseId: row.enterprise_id, sha256: file.sha256 } });
  return { fileName: file.file_name, contentType: file.content_type, sizeBytes: file.size_bytes, sha256: file.sha256, stream: openAttachment(storageDir, file.storage_path) };
}
