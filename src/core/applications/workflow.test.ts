import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../sla/calendar.ts';
import { decideApprovedAmount } from './amounts.ts';
import { AUTO_GRANT_ACTIONS, AUTO_GRANT_STATUSES, decideAutoGrant, type AutoGrantAction, type AutoGrantStatus } from './auto-grant.ts';
import { refusePayment, type PaymentState } from './payment.ts';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  availableActions,
  decide,
  planWorkflow,
  WorkflowDefinitionError,
  type ActorKind,
  type ApplicationAction,
  type ApplicationState,
  type ApplicationStatus,
  type Decision,
} from './workflow.ts';

const cal = DEFAULT_CALENDAR;
const plan = planWorkflow(
  [
    { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 },
    { key: 'review', nameZh: '初审', nameEn: 'First review', deadlineWorkingDays: 10 },
    { key: 'review2', nameZh: '复审', nameEn: 'Second review', deadlineWorkingDays: 5 },
    { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 },
    { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 },
  ],
  5,
);
const NOW = new Date('2026-03-10T02:00:00Z'); // Tuesday 10:00 in Shanghai
const PAST = new Date('2026-03-01T00:00:00Z');
const FUTURE = new Date('2026-04-01T00:00:00Z');
const ACTORS: ActorKind[] = ['enterprise', 'staff', 'system'];
const MAKER = 7;
const CHECKER = 8;

const state = (status: ApplicationStatus | null, extra: Partial<ApplicationState> = {}): ApplicationState => ({
  status,
  stepKey: status === 'accepted' ? 'review' : status === 'in_review' ? 'review2' : status === 'submitted' ? 'accept' : null,
  returnedFrom: status === 'returned' ? { status: 'in_review', stepKey: 'review2' } : null,
  noticeUntil: status === 'in_notice' ? PAST : null,
  payment: null,
  ...extra,
});

const run = (s: ApplicationState, action: ApplicationAction, kind: ActorKind = 'staff', options: { reason?: string | null; userId?: number; now?: Date } = {}): Decision =>
  decide(s, { action, actor: { kind, userId: options.userId ?? (kind === 'system' ? null : CHECKER) }, reason: options.reason === undefined ? 'a reason' : options.reason, now: options.now ?? NOW }, plan, cal);

/**
 * The specification, written independently of TRANSITIONS: which (status, action, actor) triples are
 * legal, given a reason, a notice period that is over, and the payment precondition of each action.
 */
const LEGAL: Record<string, ActorKind[]> = {
  'none:submit': ['enterprise'],
  'submitted:accept': ['staff'],
  'accepted:approve_step': ['staff'],
  'in_review:approve_step': ['staff'],
  'submitted:return': ['staff'],
  'accepted:return': ['staff'],
  'in_review:return': ['staff'],
  'returned:resubmit': ['enterprise'],
  'submitted:reject': ['staff'],
  'accepted:reject': ['staff'],
  'in_review:reject': ['staff'],
  'returned:reject': ['staff'],
  'submitted:withdraw': ['enterprise'],
  'accepted:withdraw': ['enterprise'],
  'in_review:withdraw': ['enterprise'],
  'returned:withdraw': ['enterprise'],
  'approved:withdraw': ['enterprise'],
  'approved:start_notice': ['staff'],
  'in_notice:object': ['staff'],
  'in_notice:end_notice': ['staff', 'system'],
  'notice_passed:prepare_payment': ['staff'],
  'notice_passed:approve_payment': ['staff'],
  'notice_passed:cancel_payment': ['staff'],
};
const PAYMENT_FOR: Partial<Record<ApplicationAction, PaymentState | null>> = {
  approve_payment: { status: 'prepared', preparedBy: MAKER },
  cancel_payment: { status: 'prepared', preparedBy: MAKER },
};

describe('every (status, action, actor) outside the workflow is refused', () => {
  const cases = [null, ...APPLICATION_STATUSES].flatMap((status) => APPLICATION_ACTIONS.flatMap((action) => ACTORS.map((actor) => [status, action, actor] as const)));
  it(`covers all ${cases.length} combinations`, () => {
    expect(cases.length).toBe(11 * 13 * 3);
    let legal = 0;
    for (const [status, action, actor] of cases) {
      const expected = LEGAL[`${status ?? 'none'}:${action}`]?.includes(actor) ?? false;
      const decision = run(state(status, { payment: PAYMENT_FOR[action] ?? null }), action, actor);
      expect(decision.ok, `${status ?? 'none'} ${action} by ${actor}: ${decision.ok ? 'allowed' : decision.refusal.message}`).toBe(expected);
      if (!decision.ok) {
        const inTable = LEGAL[`${status ?? 'none'}:${action}`] !== undefined;
        expect(decision.refusal.code).toBe(inTable ? 'not_permitted' : 'illegal_transition');
      }
      if (expected) legal++;
    }
    expect(legal).toBe(24);
  });

  it.each(['paid', 'rejected', 'withdrawn'] as const)('%s is final: no action by anyone leaves it', (status) => {
    for (const action of APPLICATION_ACTIONS) for (const actor of ACTORS) expect(run(state(status), action, actor).ok).toBe(false);
    for (const actor of ACTORS) expect(availableActions(state(status), actor)).toEqual([]);
  });
});

describe('reasons', () => {
  it.each(['return', 'reject', 'object', 'cancel_payment'] as const)('%s without a reason (or with blanks) is refused', (action) => {
    const from = action === 'object' ? 'in_notice' : action === 'cancel_payment' ? 'notice_passed' : 'in_review';
    const s = state(from, { payment: PAYMENT_FOR[action] ?? null });
    for (const reason of [null, '', '   \n']) {
      const decision = run(s, action, 'staff', { reason });
      expect(decision).toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
    }
    expect(run(s, action, 'staff', { reason: '材料不全：缺少2025年审计报告' }).ok).toBe(true);
  });

  it('accept and approve need none', () => {
    expect(run(state('submitted'), 'accept', 'staff', { reason: null }).ok).toBe(true);
    expect(run(state('accepted'), 'approve_step', 'staff', { reason: null }).ok).toBe(true);
  });
});

describe('the path through the steps', () => {
  it('goes 受理 → 初审 → 复审 → approved → 公示 → notice_passed → paid with deadlines in working days', () => {
    const submitted = run(state(null), 'submit', 'enterprise');
    // Tuesday 2026-03-10 + 3 working days = Friday 03-13, end of day in Shanghai
    expect(submitted).toMatchObject({ ok: true, next: { status: 'submitted', stepKey: 'accept', stepDueAt: new Date('2026-03-13T15:59:59.999Z') } });
    const accepted = run(state('submitted'), 'accept');
    expect(accepted).toMatchObject({ ok: true, next: { status: 'accepted', stepKey: 'review', stepDueAt: new Date('2026-03-24T15:59:59.999Z') } });
    const second = run(state('accepted'), 'approve_step');
    expect(second).toMatchObject({ ok: true, next: { status: 'in_review', stepKey: 'review2', stepDueAt: new Date('2026-03-17T15:59:59.999Z') } });
    const approved = run(state('in_review'), 'approve_step');
    expect(approved).toMatchObject({ ok: true, next: { status: 'approved', stepKey: 'notice', stepDueAt: null } });
    const notice = run(state('approved'), 'start_notice');
    expect(notice).toMatchObject({ ok: true, next: { status: 'in_notice', stepKey: 'notice', stepDueAt: null, noticeUntil: new Date('2026-03-17T15:59:59.999Z') } });
    const passed = run(state('in_notice'), 'end_notice', 'system');
    expect(passed).toMatchObject({ ok: true, next: { status: 'notice_passed', stepKey: 'disburse', stepDueAt: new Date('2026-03-24T15:59:59.999Z') } });
    const prepared = run(state('notice_passed'), 'prepare_payment', 'staff', { userId: MAKER });
    expect(prepared).toMatchObject({ ok: true, next: { status: 'notice_passed', keepsApplication: true } });
    const paid = run(state('notice_passed', { payment: { status: 'prepared', preparedBy: MAKER } }), 'approve_payment', 'staff', { userId: CHECKER });
    expect(paid).toMatchObject({ ok: true, next: { status: 'paid', stepKey: null, stepDueAt: null } });
  });

  it('counts the deadline across Spring Festival 2026 (submitted the Friday before, 3 days: 2/14 Sat, 2/24, 2/25)', () => {
    const decision = run(state(null), 'submit', 'enterprise', { now: new Date('2026-02-13T03:00:00Z') });
    expect(decision).toMatchObject({ ok: true, next: { stepDueAt: new Date('2026-02-25T15:59:59.999Z') } });
  });

  it('returns to the step that returned it, with that step’s full period again', () => {
    const returned = run(state('in_review'), 'return', 'staff', { reason: '请补充社保缴纳证明' });
    expect(returned).toMatchObject({ ok: true, next: { status: 'returned', stepKey: 'review2', returnedFrom: { status: 'in_review', stepKey: 'review2' }, stepDueAt: null } });
    const back = run(state('returned', { returnedFrom: { status: 'in_review', stepKey: 'review2' } }), 'resubmit', 'enterprise');
    expect(back).toMatchObject({ ok: true, next: { status: 'in_review', stepKey: 'review2', returnedFrom: null, stepDueAt: new Date('2026-03-17T15:59:59.999Z') } });
    const fromAcceptance = run(state('returned', { returnedFrom: { status: 'submitted', stepKey: 'accept' } }), 'resubmit', 'enterprise');
    expect(fromAcceptance).toMatchObject({ ok: true, next: { status: 'submitted', stepKey: 'accept' } });
  });

  it('sends an objection during 公示 back to the last review step', () => {
    const objected = run(state('in_notice', { noticeUntil: FUTURE }), 'object', 'staff', { reason: '举报：该企业2025年存在欠税' });
    expect(objected).toMatchObject({ ok: true, next: { status: 'in_review', stepKey: 'review2', noticeUntil: null } });
  });

  it('ends the notice only once the period is over', () => {
    const running = state('in_notice', { noticeUntil: new Date('2026-03-10T15:59:59.999Z') });
    expect(run(running, 'end_notice', 'system', { now: new Date('2026-03-10T15:59:59.999Z') })).toMatchObject({ ok: false, refusal: { code: 'notice_not_over' } });
    expect(run(running, 'end_notice', 'staff', { now: new Date('2026-03-10T15:00:00Z') })).toMatchObject({ ok: false, refusal: { code: 'notice_not_over' } });
    expect(run(running, 'end_notice', 'system', { now: new Date('2026-03-10T16:00:00Z') }).ok).toBe(true);
  });

  it('refuses approve_step when the current step is not a review step of the plan', () => {
    expect(run(state('in_review', { stepKey: 'gone' }), 'approve_step')).toMatchObject({ ok: false, refusal: { code: 'illegal_transition' } });
  });
});

describe('maker–checker', () => {
  const prepared = state('notice_passed', { payment: { status: 'prepared', preparedBy: MAKER } });
  it('refuses the maker as checker', () => {
    expect(run(prepared, 'approve_payment', 'staff', { userId: MAKER })).toMatchObject({ ok: false, refusal: { code: 'same_person' } });
  });
  it('refuses to prepare twice or to pay without a prepared payment, or twice', () => {
    expect(run(prepared, 'prepare_payment')).toMatchObject({ ok: false, refusal: { code: 'payment_exists' } });
    expect(run(state('notice_passed'), 'approve_payment')).toMatchObject({ ok: false, refusal: { code: 'payment_missing' } });
    const paid = state('notice_passed', { payment: { status: 'paid', preparedBy: MAKER } });
    expect(run(paid, 'approve_payment')).toMatchObject({ ok: false, refusal: { code: 'payment_exists' } });
    expect(run(paid, 'cancel_payment')).toMatchObject({ ok: false, refusal: { code: 'payment_exists' } });
  });
  it('lets the maker cancel (with a reason)', () => {
    expect(run(prepared, 'cancel_payment', 'staff', { userId: MAKER, reason: '账户信息有误' })).toMatchObject({ ok: true, next: { keepsApplication: true } });
  });
  it.each<[PaymentState | null, 'prepare' | 'approve' | 'cancel', number | null, string | null]>([
    [null, 'prepare', MAKER, null],
    [null, 'approve', CHECKER, 'payment_missing'],
    [null, 'cancel', CHECKER, 'payment_missing'],
    [{ status: 'prepared', preparedBy: MAKER }, 'prepare', CHECKER, 'payment_exists'],
    [{ status: 'prepared', preparedBy: MAKER }, 'approve', MAKER, 'same_person'],
    [{ status: 'prepared', preparedBy: MAKER }, 'approve', CHECKER, null],
    [{ status: 'prepared', preparedBy: MAKER }, 'approve', null, null],
    [{ status: 'prepared', preparedBy: MAKER }, 'cancel', MAKER, null],
    [{ status: 'paid', preparedBy: MAKER }, 'prepare', CHECKER, 'payment_exists'],
    [{ status: 'paid', preparedBy: MAKER }, 'approve', CHECKER, 'payment_exists'],
    [{ status: 'paid', preparedBy: MAKER }, 'cancel', CHECKER, 'payment_exists'],
  ])('payment %j, %s by %s → %s', (payment, action, userId, code) => {
    expect(refusePayment(payment, action, userId)?.code ?? null).toBe(code);
  });
});

describe('availableActions', () => {
  it('offers what each side may do', () => {
    expect(availableActions(state('submitted'), 'staff')).toEqual(['accept', 'return', 'reject']);
    expect(availableActions(state('submitted'), 'enterprise')).toEqual(['withdraw']);
    expect(availableActions(state('returned'), 'enterprise')).toEqual(['resubmit', 'withdraw']);
    expect(availableActions(state('notice_passed'), 'staff')).toEqual(['prepare_payment']);
    expect(availableActions(state('notice_passed', { payment: { status: 'prepared', preparedBy: MAKER } }), 'staff')).toEqual(['approve_payment', 'cancel_payment']);
    expect(availableActions(state('in_notice'), 'enterprise')).toEqual([]);
  });
});

describe('planWorkflow', () => {
  it('reads the default steps of a policy version', () => {
    const p = planWorkflow(
      [
        { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 },
        { key: 'review', nameZh: '审核', nameEn: 'Review', deadlineWorkingDays: 10 },
        { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 },
        { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 },
      ],
      5,
    );
    expect(p.acceptance.key).toBe('accept');
    expect(p.reviews.map((s) => s.key)).toEqual(['review']);
    expect([p.notice.key, p.disbursement.key]).toEqual(['notice', 'disburse']);
  });
  it('fills what is missing with the defaults (one 审核 step)', () => {
    const p = planWorkflow([], 7);
    expect([p.acceptance.key, ...p.reviews.map((s) => s.key), p.notice.key, p.disbursement.key]).toEqual(['accept', 'review', 'notice', 'disburse']);
    expect(p.publicNoticeDays).toBe(7);
  });
  it('refuses repeated keys and bad deadlines', () => {
    expect(() => planWorkflow([{ key: 'accept', nameZh: '受理', nameEn: 'A', deadlineWorkingDays: 3 }, { key: 'accept', nameZh: '审核', nameEn: 'R', deadlineWorkingDays: 3 }], 5)).toThrow(WorkflowDefinitionError);
    expect(() => planWorkflow([{ key: 'review', nameZh: '审核', nameEn: 'R', deadlineWorkingDays: -1 }], 5)).toThrow(WorkflowDefinitionError);
    expect(() => planWorkflow([], 1.5)).toThrow(WorkflowDefinitionError);
  });
});

describe('approved amounts (integer fen)', () => {
  // The bound is the cap of an "up to" benefit: 10万 (10,000,000 fen) here unless the row gives another.
  it.each<[number | null, number | null | undefined, string | null, { ok: boolean; amountFen?: number; code?: string }, (number | null)?]>([
    [5_000_000, undefined, null, { ok: true, amountFen: 5_000_000 }],
    [5_000_000, 5_000_000, null, { ok: true, amountFen: 5_000_000 }],
    [5_000_000, 4_000_000, null, { ok: false, code: 'amount_reason_required' }],
    [5_000_000, 4_000_000, '核减：部分设备发票不符', { ok: true, amountFen: 4_000_000 }],
    [5_000_000, 6_000_000, null, { ok: false, code: 'amount_reason_required' }],
    [5_000_000, 6_000_000, '按审计报告核定投资额', { ok: true, amountFen: 6_000_000 }],
    [5_000_000, 10_000_000, '按审计报告核定投资额', { ok: true, amountFen: 10_000_000 }],
    [5_000_000, 10_000_001, '按审计报告核定投资额', { ok: false, code: 'amount_above_bound' }],
    [5_000_000, 9_000_000_000_000_000, '按审计报告核定投资额', { ok: false, code: 'amount_above_bound' }],
    [5_000_000, 6_000_000, '按审计报告核定投资额', { ok: false, code: 'amount_above_bound' }, 5_000_000],
    [5_000_000, undefined, null, { ok: false, code: 'amount_above_bound' }, 4_000_000],
    [5_000_000, 0, 'x', { ok: false, code: 'amount_invalid' }],
    [5_000_000, -100, 'x', { ok: false, code: 'amount_invalid' }],
    [5_000_000, 12.5, 'x', { ok: false, code: 'amount_invalid' }],
    [null, undefined, null, { ok: false, code: 'amount_required' }],
    [null, 3_000_000, null, { ok: false, code: 'amount_reason_required' }],
    [null, 3_000_000, '按申报材料核定', { ok: true, amountFen: 3_000_000 }],
    [null, 3_000_000, '按申报材料核定', { ok: false, code: 'amount_unbounded' }, null],
  ])('requested %s, approved %s, reason %s', (requested, approved, reason, expected, bound = 10_000_000) => {
    expect(decideApprovedAmount(requested, approved, reason, bound)).toMatchObject(expected);
  });
});

describe('auto grants', () => {
  const LEGAL_AUTO: Record<string, ActorKind[]> = {
    'none:propose': ['staff'],
    'proposed:remove_item': ['staff'],
    'proposed:confirm': ['staff'],
    'in_notice:end_notice': ['staff', 'system'],
    'notice_passed:complete': ['system'],
  };
  it('refuses every combination outside the table', () => {
    for (const status of [null, ...AUTO_GRANT_STATUSES] as (AutoGrantStatus | null)[]) {
      for (const action of AUTO_GRANT_ACTIONS as readonly AutoGrantAction[]) {
        for (const actor of ACTORS) {
          const expected = LEGAL_AUTO[`${status ?? 'none'}:${action}`]?.includes(actor) ?? false;
          const decision = decideAutoGrant({ status, includedItems: 3, paidItems: 3, noticeUntil: PAST }, { action, actor, reason: 'r', now: NOW });
          expect(decision.ok, `${status} ${action} ${actor}`).toBe(expected);
        }
      }
    }
  });
  it('needs an included item to confirm, a reason to remove, the period over, and every item paid to complete', () => {
    expect(decideAutoGrant({ status: 'proposed', includedItems: 0, paidItems: 0, noticeUntil: null }, { action: 'confirm', actor: 'staff', now: NOW }).ok).toBe(false);
    expect(decideAutoGrant({ status: 'proposed', includedItems: 2, paidItems: 0, noticeUntil: null }, { action: 'remove_item', actor: 'staff', reason: ' ', now: NOW })).toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
    expect(decideAutoGrant({ status: 'in_notice', includedItems: 2, paidItems: 0, noticeUntil: FUTURE }, { action: 'end_notice', actor: 'system', now: NOW })).toMatchObject({ ok: false, refusal: { code: 'notice_not_over' } });
    expect(decideAutoGrant({ status: 'notice_passed', includedItems: 2, paidItems: 1, noticeUntil: PAST }, { action: 'complete', actor: 'system', now: NOW }).ok).toBe(false);
  });
});
