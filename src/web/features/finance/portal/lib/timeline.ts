import type { LoanApplicationDetail } from '../../../../api/types.ts';

export type LoanStepKey = 'applied' | 'bankReview' | 'decision' | 'contract' | 'disbursed';
export type LoanStepState = 'done' | 'current' | 'waiting' | 'refused' | 'withdrawn';

export interface LoanStep {
  key: LoanStepKey;
  state: LoanStepState;
  /** When the step was done (the event's time). */
  at: string | null;
}

const ORDER: LoanStepKey[] = ['applied', 'bankReview', 'decision', 'contract', 'disbursed'];
/** How far each status has come: the index of its current step. */
const REACHED: Record<LoanApplicationDetail['status'], number> = { submitted: 1, in_review: 1, approved: 3, refused: 2, contracted: 4, disbursed: 5, withdrawn: 1 };
const ACTIONS: Record<LoanStepKey, string[]> = { applied: ['submit'], bankReview: ['take', 'note'], decision: ['approve', 'refuse'], contract: ['contract'], disbursed: ['disburse'] };

/**
 * 申请 → 银行审查 → 审批 → 签约 → 放款, from the application's status and its timeline events: steps
 * before the current one are done, the current one is open (or refused / withdrawn), the rest wait.
 */
export function loanTimeline(application: Pick<LoanApplicationDetail, 'status' | 'submittedAt' | 'decidedAt' | 'timeline'>): LoanStep[] {
  const reached = REACHED[application.status];
  const atOf = (key: LoanStepKey) => {
    if (key === 'applied') return application.submittedAt;
    if (key === 'decision' && application.decidedAt) return application.decidedAt;
    return application.timeline.find((event) => ACTIONS[key].includes(event.action))?.at ?? null;
  };
  return ORDER.map((key, index) => {
    let state: LoanStepState;
    if (index < reached) state = 'done';
    else if (index === reached) state = 'current';
    else state = 'waiting';
    if (application.status === 'refused' && key === 'decision') state = 'refused';
    if (application.status === 'withdrawn' && index === reached) state = 'withdrawn';
    return { key, state, at: state === 'done' || state === 'refused' ? atOf(key) : null };
  });
}
