import type { ApplicationDetail, ApplicationEvent } from '../../../../api/types.ts';

export type StepState = 'done' | 'current' | 'waiting' | 'returned' | 'rejected' | 'withdrawn' | 'skipped';

/** One stage of 申报 → 受理 → 审核… → 公示 → 兑付 as the enterprise follows it. */
export interface TimelineStep {
  /** 'apply' for the enterprise's own 申报; otherwise the policy's step key. */
  key: string;
  nameZh: string | null;
  nameEn: string | null;
  state: StepState;
  /** When the stage was completed (or, for 申报, submitted). */
  doneAt: string | null;
  /** For the current stage: when the department must have done it. */
  dueAt: string | null;
  isOverdue: boolean;
  /** 公示: until when. */
  noticeUntil: string | null;
  /** Why it was returned or rejected here. */
  reason: string | null;
}

/** The action that completes a stage of each kind. */
const COMPLETING: Record<'accept' | 'review' | 'notice' | 'disburse', string> = { accept: 'accept', review: 'approve_step', notice: 'end_notice', disburse: 'approve_payment' };

type Detail = Pick<ApplicationDetail, 'status' | 'currentStep' | 'stepDueAt' | 'isOverdue' | 'noticeUntil' | 'steps' | 'events' | 'submittedAt'>;

function lastEvent(events: readonly ApplicationEvent[], test: (event: ApplicationEvent) => boolean): ApplicationEvent | null {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i])) return events[i];
  return null;
}

function noticeUntilOf(event: ApplicationEvent | null): string | null {
  const value = event?.details.noticeUntil;
  return typeof value === 'string' ? value : null;
}

/**
 * The stages of an application with the state, dates and reasons of each: what is done (and when), where
 * it is now (with the deadline), where it was returned or rejected (with the reason). `steps` are the
 * policy's [受理, 审核…, 公示, 兑付]; events are the timeline in order.
 */
export function buildTimeline(detail: Detail): TimelineStep[] {
  const { steps, events, status } = detail;
  const n = steps.length;
  const indexOf = (key: string | null | undefined) => (key ? steps.findIndex((step) => step.key === key) : -1);
  const noticeIndex = n - 2;
  const disburseIndex = n - 1;

  // Where the application stands: the index of the stage in progress (n when all are done).
  let current: number;
  switch (status) {
    case 'submitted':
      current = 0;
      break;
    case 'approved':
    case 'in_notice':
      current = noticeIndex;
      break;
    case 'notice_passed':
      current = disburseIndex;
      break;
    case 'paid':
      current = n;
      break;
    case 'rejected':
    case 'withdrawn': {
      // Where it ended: the step it was at when rejected or withdrawn.
      const ended = lastEvent(events, (event) => event.action === (status === 'rejected' ? 'reject' : 'withdraw'));
      current = Math.max(0, indexOf(ended?.stepKey));
      break;
    }
    default:
      // accepted, in_review, returned: the step it is at (returned: the step that returned it).
      current = Math.max(0, indexOf(detail.currentStep?.key));
  }

  const submitted = lastEvent(events, (event) => event.action === 'submit');
  const resubmitted = lastEvent(events, (event) => event.action === 'resubmit');
  const apply: TimelineStep = {
    key: 'apply',
    nameZh: null,
    nameEn: null,
    state: 'done',
    doneAt: resubmitted?.at ?? submitted?.at ?? detail.submittedAt,
    dueAt: null,
    isOverdue: false,
    noticeUntil: null,
    reason: null,
  };

  const stages = steps.map((step, i): TimelineStep => {
    const kind = i === 0 ? 'accept' : i === disburseIndex ? 'disburse' : i === noticeIndex ? 'notice' : 'review';
    const completed = lastEvent(events, (event) => event.action === COMPLETING[kind] && event.stepKey === step.key);
    let state: StepState = i < current ? 'done' : i === current ? 'current' : 'waiting';
    let reason: string | null = null;
    if (i === current) {
      if (status === 'returned') {
        state = 'returned';
        reason = lastEvent(events, (event) => event.action === 'return')?.reason ?? null;
      } else if (status === 'rejected') {
        state = 'rejected';
        reason = lastEvent(events, (event) => event.action === 'reject')?.reason ?? null;
      } else if (status === 'withdrawn') {
        state = 'withdrawn';
      }
    }
    if (i > current && (status === 'rejected' || status === 'withdrawn')) state = 'skipped';
    const isCurrent = state === 'current';
    return {
      key: step.key,
      nameZh: step.nameZh,
      nameEn: step.nameEn,
      state,
      doneAt: state === 'done' ? (completed?.at ?? null) : null,
      dueAt: isCurrent && status !== 'in_notice' ? detail.stepDueAt : null,
      isOverdue: isCurrent && detail.isOverdue,
      noticeUntil: kind === 'notice' && (status === 'in_notice' || state === 'done') ? (detail.noticeUntil ?? noticeUntilOf(lastEvent(events, (event) => event.action === 'start_notice'))) : null,
      reason,
    };
  });
  return [apply, ...stages];
}
