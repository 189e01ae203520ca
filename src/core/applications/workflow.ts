/**
 * The application workflow of policy direct access (政策直达): 申报 → 受理 → 审核 → 公示 → 兑付, as data.
 * The server asks `decide` whether an action may happen to an application in its current state, and gets
 * back the next state with its deadline, or a refusal saying why. Nothing here reads a database: the
 * table below is the whole workflow, and every pair of (state, action) not in it is refused.
 *
 * | action          | by          | from                                          | to                                   |
 * |-----------------|-------------|-----------------------------------------------|--------------------------------------|
 * | submit          | enterprise  | (none)                                        | submitted · step 受理                 |
 * | accept          | staff       | submitted                                     | accepted · first review step         |
 * | approve_step    | staff       | accepted, in_review                           | in_review · next step, or approved   |
 * | return 退回补正  | staff       | submitted, accepted, in_review   (reason)     | returned · clock stopped             |
 * | resubmit        | enterprise  | returned                                      | the status and step it was returned from, clock restarted |
 * | reject          | staff       | submitted, accepted, in_review, returned (reason) | rejected (final)                 |
 * | withdraw        | enterprise  | submitted, accepted, in_review, returned, approved | withdrawn (final)               |
 * | start_notice    | staff       | approved                                      | in_notice · 公示 for N working days   |
 * | object 异议     | staff       | in_notice                        (reason)     | in_review · last review step again   |
 * | end_notice      | staff, system | in_notice, once the notice period is over   | notice_passed · step 兑付             |
 * | prepare_payment | staff       | notice_passed, no live payment                | notice_passed (a disbursement is prepared) |
 * | approve_payment | staff ≠ maker | notice_passed, payment prepared             | paid (final)                         |
 * | cancel_payment  | staff       | notice_passed, payment prepared  (reason)     | notice_passed (may be prepared again)|
 *
 * Decisions recorded here on purpose:
 * - An objection (异议) received during 公示 sends the application back to its last review step with a
 *   fresh deadline; the reviewer then approves again (a new, full notice period follows) or rejects it.
 *   The notice cannot simply be ended early: end_notice waits for the period to be over.
 * - 退回补正 stops the department's clock; the enterprise's resubmission restarts that step's full period
 *   (as 补正 restarts 受理 in administrative practice), at the step that returned it.
 * - The enterprise may withdraw until the approval is published; once in 公示 the list is public and the
 *   money is being arranged, so it can no longer withdraw (the department can still handle an objection).
 */
import { dueAfterWorkingDays, type WorkingCalendar } from '../sla/calendar.ts';
import { refusePayment, type PaymentAction, type PaymentState, type Refusal } from './payment.ts';

export type { PaymentState } from './payment.ts';

export const APPLICATION_STATUSES = [
  'submitted',
  'accepted',
  'in_review',
  'returned',
  'approved',
  'in_notice',
  'notice_passed',
  'paid',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  'submit',
  'accept',
  'approve_step',
  'return',
  'resubmit',
  'reject',
  'withdraw',
  'start_notice',
  'object',
  'end_notice',
  'prepare_payment',
  'approve_payment',
  'cancel_payment',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Who acts: the applying enterprise's user, the owning department's staff, or the platform's jobs. */
export type ActorKind = 'enterprise' | 'staff' | 'system';

/** Statuses where the department has a step to do with a deadline (the overdue list looks only at these). */
export const STAFF_PENDING_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'in_review', 'notice_passed'];
/** Statuses no action leaves. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['paid', 'rejected', 'withdrawn'];
/** An application in any other status blocks a second one for the same policy (the unique index agrees). */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['rejected', 'withdrawn'];

type ReturnableStatus = 'submitted' | 'accepted' | 'in_review';

/** Where an action leads: a fixed status, or a rule that depends on the state. */
type Target = ApplicationStatus | 'next_review_step' | 'returned_from' | 'same';

/** What the live disbursement of the application must be for the action. */
type PaymentPrecondition = 'none_live' | 'prepared';

interface TransitionRule {
  by: readonly ActorKind[];
  from: readonly (ApplicationStatus | null)[];
  to: Target;
  reasonRequired: boolean;
  payment?: PaymentPrecondition;
}

/** The workflow: every allowed (action, from) pair. Anything else is refused. */
export const TRANSITIONS: Readonly<Record<ApplicationAction, TransitionRule>> = Object.freeze({
  submit: { by: ['enterprise'], from: [null], to: 'submitted', reasonRequired: false },
  accept: { by: ['staff'], from: ['submitted'], to: 'accepted', reasonRequired: false },
  approve_step: { by: ['staff'], from: ['accepted', 'in_review'], to: 'next_review_step', reasonRequired: false },
  return: { by: ['staff'], from: ['submitted', 'accepted', 'in_review'], to: 'returned', reasonRequired: true },
  resubmit: { by: ['enterprise'], from: ['returned'], to: 'returned_from', reasonRequired: false },
  reject: { by: ['staff'], from: ['submitted', 'accepted', 'in_review', 'returned'], to: 'rejected', reasonRequired: true },
  withdraw: { by: ['enterprise'], from: ['submitted', 'accepted', 'in_review', 'returned', 'approved'], to: 'withdrawn', reasonRequired: false },
  start_notice: { by: ['staff'], from: ['approved'], to: 'in_notice', reasonRequired: false },
  object: { by: ['staff'], from: ['in_notice'], to: 'in_review', reasonRequired: true },
  end_notice: { by: ['staff', 'system'], from: ['in_notice'], to: 'notice_passed', reasonRequired: false },
  prepare_payment: { by: ['staff'], from: ['notice_passed'], to: 'same', reasonRequired: false, payment: 'none_live' },
  approve_payment: { by: ['staff'], from: ['notice_passed'], to: 'paid', reasonRequired: false, payment: 'prepared' },
  cancel_payment: { by: ['staff'], from: ['notice_passed'], to: 'same', reasonRequired: true, payment: 'prepared' },
});

/** One step of a policy's review process (policy_versions.review_steps). */
export interface StepDefinition {
  key: string;
  nameZh: string;
  nameEn: string;
  deadlineWorkingDays: number;
}

/** The steps of one policy, by role: 受理 first, the configurable review steps, then 公示 and 兑付. */
export interface WorkflowPlan {
  acceptance: StepDefinition;
  reviews: readonly StepDefinition[];
  notice: StepDefinition;
  disbursement: StepDefinition;
  /** 公示 length in working days (policy_versions.public_notice_days). */
  publicNoticeDays: number;
}

export const DEFAULT_ACCEPTANCE: StepDefinition = { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 };
export const DEFAULT_REVIEW: StepDefinition = { key: 'review', nameZh: '审核', nameEn: 'Review', deadlineWorkingDays: 10 };
export const DEFAULT_NOTICE: StepDefinition = { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 };
export const DEFAULT_DISBURSEMENT: StepDefinition = { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 };

/**
 * Reads a policy's review_steps as a plan. The contract's shape is [受理, …review steps, 公示, 兑付]; the
 * acceptance step is the first, 公示 and 兑付 are found by their keys ('notice', 'disburse') at the end, and
 * what lies between are the review steps (at least one: an empty middle gets the default 审核).
 */
export function planWorkflow(steps: readonly StepDefinition[], publicNoticeDays: number): WorkflowPlan {
  const list = [...steps];
  const disbursementIdx = list.findIndex((s) => s.key === DEFAULT_DISBURSEMENT.key);
  const disbursement = disbursementIdx >= 0 ? list.splice(disbursementIdx, 1)[0] : DEFAULT_DISBURSEMENT;
  const noticeIdx = list.findIndex((s) => s.key === DEFAULT_NOTICE.key);
  const notice = noticeIdx >= 0 ? list.splice(noticeIdx, 1)[0] : DEFAULT_NOTICE;
  const acceptance = list.length > 0 && list[0].key === DEFAULT_ACCEPTANCE.key ? list.shift()! : DEFAULT_ACCEPTANCE;
  const reviews = list.length > 0 ? list : [DEFAULT_REVIEW];
  const keys = [acceptance, ...reviews, notice, disbursement].map((s) => s.key);
  if (new Set(keys).size !== keys.length) throw new WorkflowDefinitionError(`step keys repeat: ${keys.join(', ')}`);
  for (const step of [acceptance, ...reviews, notice, disbursement]) {
    if (!Number.isSafeInteger(step.deadlineWorkingDays) || step.deadlineWorkingDays < 0) {
      throw new WorkflowDefinitionError(`step ${step.key}: the deadline must be a whole number of working days`);
    }
  }
  if (!Number.isSafeInteger(publicNoticeDays) || publicNoticeDays < 0) throw new WorkflowDefinitionError('the notice period must be a whole number of working days');
  return { acceptance, reviews, notice, disbursement, publicNoticeDays };
}

export class WorkflowDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowDefinitionError';
  }
}

const PAYMENT_ACTION_OF = { prepare_payment: 'prepare', approve_payment: 'approve', cancel_payment: 'cancel' } as const satisfies Partial<Record<ApplicationAction, PaymentAction>>;

/** What the workflow needs to know of an application. */
export interface ApplicationState {
  /** null: the enterprise has not applied yet. */
  status: ApplicationStatus | null;
  stepKey: string | null;
  /** For a returned application: where it goes back on resubmission. */
  returnedFrom: { status: ReturnableStatus; stepKey: string } | null;
  /** End of the 公示 period, for in_notice. */
  noticeUntil: Date | null;
  payment: PaymentState | null;
}

export interface WorkflowCommand {
  action: ApplicationAction;
  actor: { kind: ActorKind; userId: number | null };
  reason?: string | null;
  now: Date;
}

export type { Refusal, RefusalCode } from './payment.ts';

/** The state after an allowed action, with the deadline of what comes next. */
export interface Transition {
  status: ApplicationStatus;
  stepKey: string | null;
  returnedFrom: ApplicationState['returnedFrom'];
  /** When the department's next step is due; null when nobody at the department has a step to do. */
  stepDueAt: Date | null;
  /** Only for in_notice: when the 公示 ends. */
  noticeUntil: Date | null;
  /**
   * The action changes the disbursement, not the application (prepare, cancel): status, step and
   * deadlines stay as they are.
   */
  keepsApplication: boolean;
}

export type Decision = { ok: true; next: Transition } | { ok: false; refusal: Refusal };

const refuse = (code: Refusal['code'], message: string): Decision => ({ ok: false, refusal: { code, message } });

/** Whether a reason says something: not empty, not only spaces. */
export function hasReason(reason: string | null | undefined): reason is string {
  return typeof reason === 'string' && reason.trim().length > 0;
}

function reviewIndex(plan: WorkflowPlan, stepKey: string | null): number {
  return plan.reviews.findIndex((step) => step.key === stepKey);
}

/**
 * Decides an action on an application: the next state and deadlines, or why not. Pure: the same state,
 * command, plan and calendar always give the same answer; the server applies it under a row lock.
 */
export function decide(state: ApplicationState, command: WorkflowCommand, plan: WorkflowPlan, calendar: WorkingCalendar): Decision {
  const rule = TRANSITIONS[command.action];
  if (!rule) return refuse('illegal_transition', `unknown action ${String(command.action)}`);
  if (!rule.from.includes(state.status)) {
    return refuse('illegal_transition', `cannot ${command.action} an application that is ${state.status ?? 'not submitted'}`);
  }
  if (!rule.by.includes(command.actor.kind)) return refuse('not_permitted', `${command.action} is done by ${rule.by.join(' or ')}, not by ${command.actor.kind}`);
  if (rule.reasonRequired && !hasReason(command.reason)) return refuse('reason_required', `${command.action} needs a reason`);

  if (rule.payment) {
    const paymentAction = PAYMENT_ACTION_OF[command.action as keyof typeof PAYMENT_ACTION_OF];
    const refusal = refusePayment(state.payment, paymentAction, command.actor.userId);
    if (refusal) return { ok: false, refusal };
  }
  if (command.action === 'end_notice' && (!state.noticeUntil || command.now.getTime() <= state.noticeUntil.getTime())) {
    return refuse('notice_not_over', `the public notice runs until ${state.noticeUntil?.toISOString() ?? '?'}`);
  }

  const due = (step: StepDefinition) => dueAfterWorkingDays(command.now, step.deadlineWorkingDays, calendar);
  const at = (status: ApplicationStatus, step: StepDefinition | null, extra: Partial<Transition> = {}): Decision => ({
    ok: true,
    next: { status, stepKey: step?.key ?? null, returnedFrom: null, stepDueAt: step ? due(step) : null, noticeUntil: null, keepsApplication: false, ...extra },
  });

  switch (command.action) {
    case 'submit':
      return at('submitted', plan.acceptance);
    case 'accept':
      return at('accepted', plan.reviews[0]);
    case 'approve_step': {
      const idx = reviewIndex(plan, state.stepKey);
      if (idx < 0) return refuse('illegal_transition', `the current step ${state.stepKey ?? '?'} is not a review step of this policy`);
      if (idx + 1 < plan.reviews.length) return at('in_review', plan.reviews[idx + 1]);
      // Approved: the next thing is publishing the notice, which has no deadline of its own.
      return at('approved', null, { stepKey: plan.notice.key });
    }
    case 'return':
      return {
        ok: true,
        next: {
          status: 'returned',
          stepKey: state.stepKey,
          returnedFrom: { status: state.status as ReturnableStatus, stepKey: state.stepKey ?? plan.acceptance.key },
          // The enterprise's turn: the department's clock stops.
          stepDueAt: null,
          noticeUntil: null,
          keepsApplication: false,
        },
      };
    case 'resubmit': {
      const back = state.returnedFrom ?? { status: 'submitted' as const, stepKey: plan.acceptance.key };
      const step = [plan.acceptance, ...plan.reviews].find((s) => s.key === back.stepKey) ?? plan.acceptance;
      return at(back.status, step);
    }
    case 'reject':
    case 'withdraw':
      return at(TRANSITIONS[command.action].to as ApplicationStatus, null);
    case 'start_notice': {
      const noticeUntil = dueAfterWorkingDays(command.now, plan.publicNoticeDays, calendar);
      return at('in_notice', null, { stepKey: plan.notice.key, noticeUntil });
    }
    case 'object':
      return at('in_review', plan.reviews[plan.reviews.length - 1]);
    case 'end_notice':
      return at('notice_passed', plan.disbursement);
    case 'prepare_payment':
    case 'cancel_payment':
      // The disbursement changes, the application stays where it is, its 兑付 deadline untouched.
      return { ok: true, next: { status: 'notice_passed', stepKey: plan.disbursement.key, returnedFrom: null, stepDueAt: null, noticeUntil: null, keepsApplication: true } };
    case 'approve_payment':
      return at('paid', null);
  }
}

/** The actions an actor of this kind could take now (for the web's buttons), ignoring reasons. */
export function availableActions(state: ApplicationState, kind: ActorKind): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(state.status) || !rule.by.includes(kind)) return false;
    if (!rule.payment) return true;
    return refusePayment(state.payment, PAYMENT_ACTION_OF[action as keyof typeof PAYMENT_ACTION_OF], null) === null;
  });
}
