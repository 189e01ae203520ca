import { describe, expect, it } from 'vitest';
import type { PolicyDetail } from '../../../../api/types.ts';
import { blankPolicyValues, formFieldOfPath, formValuesFromDetail, inputFromFormValues, splitReviewSteps, windowEndIso, windowStartIso } from './policy-form.ts';
import { countyDate } from '../../../../lib/format.ts';

const STEPS = [
  { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 },
  { key: 'review', nameZh: '审核', nameEn: 'Review', deadlineWorkingDays: 10 },
  { key: 'second', nameZh: '复核', nameEn: 'Second review', deadlineWorkingDays: 5 },
  { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 },
  { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 },
];

describe('application window days', () => {
  it('opens at 00:00 and closes at 23:59:59 in the county, and reads back to the same days', () => {
    expect(windowStartIso('2026-11-15')).toBe('2026-11-14T16:00:00.000Z');
    expect(windowEndIso('2026-12-20')).toBe('2026-12-20T15:59:59.000Z');
    expect(countyDate('2026-11-14T16:00:00.000Z')).toBe('2026-11-15');
    expect(countyDate('2026-12-20T15:59:59.000Z')).toBe('2026-12-20');
  });
});

describe('the review process', () => {
  it('splits 受理, the review steps, 公示 and 兑付', () => {
    const parts = splitReviewSteps(STEPS);
    expect(parts.accept.deadlineWorkingDays).toBe(3);
    expect(parts.reviews.map((s) => s.key)).toEqual(['review', 'second']);
    expect(parts.notice.key).toBe('notice');
    expect(parts.disburse.deadlineWorkingDays).toBe(10);
  });

  it('gives an empty middle the default 审核 step', () => {
    expect(splitReviewSteps([STEPS[0], STEPS[3], STEPS[4]]).reviews.map((s) => s.key)).toEqual(['review']);
  });
});

describe('editor values ↔ API', () => {
  const detail = {
    title: '新升规奖励',
    documentNo: null,
    summary: '奖励',
    sourceText: null,
    interpretation: '### 解读',
    qa: [{ q: '问', a: '答' }],
    validFrom: '2026-03-01',
    validUntil: '2026-12-31',
    applyFrom: '2026-11-14T16:00:00.000Z',
    applyUntil: '2026-12-20T15:59:59.000Z',
    tags: ['工业'],
    isAutoGrant: false,
    exclusionGroup: null,
    reviewSteps: STEPS,
    publicNoticeDays: 0,
    formFields: [{ key: 'bankAccount', labelZh: '账户', labelEn: 'Account', type: 'text', required: true }],
    rule: { all: [{ industry: { divisionRanges: [['06', '46']] } }] },
    benefit: { amount: { fixed: { wan: 10 } } },
    params: [],
  } as unknown as PolicyDetail;

  it('round-trips a stored version', () => {
    const values = formValuesFromDetail(detail);
    expect(values.applyFrom).toBe('2026-11-15');
    expect(values.reviewSteps.map((s) => s.key)).toEqual(['review', 'second']);
    const result = inputFromFormValues(values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      title: '新升规奖励',
      documentNo: null,
      interpretation: '### 解读',
      applyFrom: detail.applyFrom,
      applyUntil: detail.applyUntil,
      rule: detail.rule,
      benefit: detail.benefit,
      params: [],
      publicNoticeDays: 0,
      exclusionGroup: null,
    });
    expect(result.input.reviewSteps!.map((s) => s.key)).toEqual(['accept', 'review', 'second', 'notice', 'disburse']);
    // A notice of 0 days still has a valid step deadline (≥ 1).
    expect(result.input.reviewSteps![3].deadlineWorkingDays).toBe(1);
  });

  it('refuses JSON that does not parse, naming the field', () => {
    const values = { ...blankPolicyValues('2026-11-28'), title: 'x', benefitText: '{"amount": ' };
    expect(inputFromFormValues(values)).toEqual({ ok: false, syntax: ['benefit'] });
  });

  it('starts a new policy without a sample rule: no condition, no benefit', () => {
    const blank = blankPolicyValues('2026-11-28');
    expect(JSON.parse(blank.ruleText)).toEqual({ all: [] });
    expect(blank.benefitText).toBe('');
    expect(blank.validUntil).toBe('2026-12-31');
    const result = inputFromFormValues({ ...blank, title: '新政策', summary: '摘要', benefitText: '{"amount":{"fixed":{"wan":5}}}' });
    expect(result.ok).toBe(true);
  });
});

describe('formFieldOfPath', () => {
  it('maps server paths to the form', () => {
    expect(formFieldOfPath('body/validUntil')).toEqual(['validUntil']);
    expect(formFieldOfPath('body/reviewSteps/2/key')).toEqual(['reviewSteps', 1, 'key']);
    expect(formFieldOfPath('body/reviewSteps/0/deadlineWorkingDays')).toEqual(['acceptDays']);
    expect(formFieldOfPath('body/formFields/0/key')).toEqual(['formFields', 0, 'key']);
    expect(formFieldOfPath('body/rule/all/0')).toBeNull();
  });
});
