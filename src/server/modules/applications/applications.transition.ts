/**
 * Every state change of an application goes through `transitionApplication`: row lock, the pure workflow
 * decision (src/core/applications/workflow.ts), the update, a timeline event, an audit entry and the
 * enterprise's notification, in one transaction. Two people acting at once on one application are
 * serialised by the lock; the second is judged on the first one's result.
 */
import type { Updateable } from 'kysely';
import { decide, type ActorKind, type ApplicationAction, type ApplicationState, type PaymentState, type Transition } from '../../../core/applications/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { ApplicationsTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { publish } from '../../events/index.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { auditContextOfActing, type Acting } from '../../platform/acting.ts';
import { refusalError } from '../../platform/workflow-refusal.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { recordAudit } from '../audit/index.ts';
import { notifyEnterprise, notifyOrg } from '../notifications/index.ts';
import { findLivePayment } from '../payments/index.ts';
import { exclusiveConflictReason, findExclusiveConflicts } from './applications.exclusivity.ts';
import { statusNotification, submittedNotification } from './applications.notify.ts';
import { assertCanSeeApplication } from './applications.policy.ts';
import { planOf } from './applications.presenter.ts';
import * as repo from './applications.repository.ts';

/** The job that moves applications whose 公示 is over to notice_passed. */
export const NOTICE_JOB = 'applications.notices';

/** The payable-target kind under which the payments module pays application awards. */
export const APPLICATION_PAYABLE_KIND = 'application';

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
  /**
   * The payment as the payments service holds it locked, before the step it is writing in this
   * transaction (approve, cancel); otherwise the live payment is read.
   */
  payment?: PaymentState;
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
  const state = stateOf(row, options.payment ?? (await paymentStateOf(trx, applicationId)));
  const decision = decide(state, { action, actor: { kind, userId: acting.kind === 'user' ? acting.actor.userId : null }, reason: options.reason ?? null, now }, planOf(row), await loadWorkingCalendar(trx));
  if (!decision.ok) throw refusalError(decision.refusal);
  const { next } = decision;
  if (next.status === 'approved' && row.status !== 'approved') {
    // Approving makes the enterprise hold the policy's exclusion group: refused while it holds another of it.
    const version = await trx.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select('exclusion_group').executeTakeFirstOrThrow();
    const [conflict] = await findExclusiveConflicts(trx, row.enterprise_id, [{ policyId: row.policy_id, group: version.exclusion_group }]);
    if (conflict) {
      throw new AppError('conflict', exclusiveConflictReason(conflict), [{ reason: 'exclusive_group', group: conflict.group, heldPolicyId: conflict.heldPolicyId, heldTitle: conflict.heldTitle, via: conflict.via, status: conflict.status }]);
    }
  }
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
      // Eligibility only: after its notice nothing is due (no payment deadline).
      ...(row.eligibility_only && next.status === 'notice_passed' && { step_due_at: null }),
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
    ...auditContextOfActing(acting),
    action: `application.${action}`,
    targetType: 'application',
    targetId: applicationId,
    details: { policyId: row.policy_id, enterpriseId: row.enterprise_id, from: row.status, to: next.status, step: row.current_step, eventId, ...(options.reason ? { reason: options.reason } : {}), ...details },
  });
  if (next.status !== row.status) {
    const amountFen = (refined.patch?.approved_amount_fen as number | undefined) ?? row.approved_amount_fen;
    await notifyEnterprise(trx, row.enterprise_id, statusNotification({ applicationId, applicationNumber: row.number, eventId, policyId: row.policy_id, policyTitle: row.policy_title, action, status: next.status, reason: options.reason?.trim() || null, amountFen, noticeUntil: next.noticeUntil }));
    if (next.status === 'approved' || next.status === 'rejected' || next.status === 'returned') {
      await publish(trx, 'application.decided', { applicationId, policyId: row.policy_id, enterpriseId: row.enterprise_id, decision: next.status, amountFen: next.status === 'approved' ? amountFen : null });
    }
  }
  if (action === 'resubmit') {
    await notifyOrg(trx, row.department_org_id, submittedNotification({ applicationId, applicationNumber: row.number, eventId, policyId: row.policy_id, policyTitle: row.policy_title, enterpriseName: row.enterprise_name, enterpriseId: row.enterprise_id, isResubmission: true, dueAt: next.stepDueAt }), { roles: ['department_staff'] });
  }
  if (next.status === 'in_notice' && next.noticeUntil) {
    // The notice passes by itself: a job due just after the period (any later run also finds it).
    await enqueueJob(trx, NOTICE_JOB, {}, { runAt: new Date(next.noticeUntil.getTime() + 1000), dedupeKey: `${NOTICE_JOB}:application:${applicationId}:${eventId}` });
  }
  return { before: row, next, eventId };
}

/** The workflow's view of an application and its live payment. */
export function stateOf(row: repo.ApplicationRow, payment: PaymentState | null): ApplicationState {
  return {
    status: row.status,
    stepKey: row.current_step,
    returnedFrom: row.returned_from_status ? { status: row.returned_from_status, stepKey: row.returned_from_step ?? '' } : null,
    noticeUntil: row.notice_until,
    payment,
  };
}

/** The live payment of an application in the workflow's terms. */
export async function paymentStateOf(db: Executor, applicationId: number): Promise<PaymentState | null> {
  const live = await findLivePayment(db, { kind: APPLICATION_PAYABLE_KIND, id: applicationId });
  return live && { status: live.status, preparedBy: live.prepared_by };
}
