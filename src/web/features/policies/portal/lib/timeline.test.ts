import { describe, expect, it } from 'vitest';
import type { ApplicationDetail, ApplicationEvent } from '../../../../api/types.ts';
import { buildTimeline } from './timeline.ts';

const steps = [
  { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 },
  { key: 'review', nameZh: '审核', nameEn: 'Review', deadlineWorkingDays: 10 },
  { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 },
  { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 },
];

let id = 0;
function event(action: string, stepKey: string | null, at: string, extra: Partial<ApplicationEvent> = {}): ApplicationEvent {
  return { id: ++id, at, action, fromStatus: null, toStatus: 'x', stepKey, reason: null, actor: { kind: 'department', displayName: null, orgName: null }, details: {}, ...extra };
}

function detail(status: ApplicationDetail['status'], currentKey: string | null, events: ApplicationEvent[], extra: Partial<ApplicationDetail> = {}) {
  return {
    status,
    currentStep: currentKey ? steps.find((s) => s.key === currentKey)! : null,
    stepDueAt: '2026-12-03T15:59:59.000Z',
    isOverdue: false,
    noticeUntil: null,
    steps,
    events,
    submittedAt: '2026-11-28T01:00:00.000Z',
    ...extra,
  };
}

const submit = event('submit', null, '2026-11-28T01:00:00.000Z');
const accept = event('accept', 'accept', '2026-11-29T02:00:00.000Z');
const approve = event('approve_step', 'review', '2026-12-02T03:00:00.000Z');

describe('buildTimeline', () => {
  it('starts with 申报 done and 受理 current, with its deadline', () => {
    const timeline = buildTimeline(detail('submitted', 'accept', [submit]));
    expect(timeline.map((step) => [step.key, step.state])).toEqual([
      ['apply', 'done'],
      ['accept', 'current'],
      ['review', 'waiting'],
      ['notice', 'waiting'],
      ['disburse', 'waiting'],
    ]);
    expect(timeline[0].doneAt).toBe(submit.at);
    expect(timeline[1].dueAt).toBe('2026-12-03T15:59:59.000Z');
  });

  it('dates each finished stage by the event that finished it', () => {
    const timeline = buildTimeline(detail('in_notice', 'notice', [submit, accept, approve, event('start_notice', 'notice', '2026-12-02T04:00:00.000Z')], { noticeUntil: '2026-12-09T15:59:59.000Z', stepDueAt: null }));
    expect(timeline.map((step) => step.state)).toEqual(['done', 'done', 'done', 'current', 'waiting']);
    expect(timeline[1].doneAt).toBe(accept.at);
    expect(timeline[2].doneAt).toBe(approve.at);
    expect(timeline[3]).toMatchObject({ noticeUntil: '2026-12-09T15:59:59.000Z', dueAt: null });
  });

  it('shows a return at the step that returned it, with the reason', () => {
    const timeline = buildTimeline(detail('returned', 'review', [submit, accept, event('return', 'review', '2026-12-01T00:00:00.000Z', { reason: '缺少审计报告' })], { stepDueAt: null }));
    expect(timeline[2]).toMatchObject({ key: 'review', state: 'returned', reason: '缺少审计报告' });
    expect(timeline[1].state).toBe('done');
  });

  it('shows a rejection where it happened and the later stages as skipped', () => {
    const timeline = buildTimeline(detail('rejected', null, [submit, event('reject', 'accept', '2026-11-30T00:00:00.000Z', { reason: '不符合条件' })]));
    expect(timeline.map((step) => step.state)).toEqual(['done', 'rejected', 'skipped', 'skipped', 'skipped']);
    expect(timeline[1].reason).toBe('不符合条件');
  });

  it('after a resubmission dates 申报 by the resubmission', () => {
    const resubmit = event('resubmit', 'accept', '2026-12-01T00:00:00.000Z');
    const timeline = buildTimeline(detail('submitted', 'accept', [submit, event('return', 'accept', '2026-11-29T00:00:00.000Z', { reason: 'x' }), resubmit]));
    expect(timeline[0].doneAt).toBe(resubmit.at);
    expect(timeline[1].state).toBe('current');
  });

  it('marks everything done once paid, and the current step overdue when it is', () => {
    const paid = buildTimeline(detail('paid', null, [submit, accept, approve, event('end_notice', 'notice', '2026-12-10T00:00:00.000Z'), event('approve_payment', 'disburse', '2026-12-12T00:00:00.000Z')], { stepDueAt: null }));
    expect(paid.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(paid[4].doneAt).toBe('2026-12-12T00:00:00.000Z');
    const late = buildTimeline(detail('accepted', 'review', [submit, accept], { isOverdue: true }));
    expect(late[2]).toMatchObject({ state: 'current', isOverdue: true });
  });
});
