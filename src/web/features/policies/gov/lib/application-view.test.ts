import { describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../../../../api/types.ts';
import { isLastReviewStep, progressOf, readFormData } from './application-view.ts';

const step = (key: string) => ({ key, nameZh: key, nameEn: key, deadlineWorkingDays: 3 });
const STEPS = [step('accept'), step('review'), step('second'), step('notice'), step('disburse')];
const at = (status: ApplicationDetail['status'], current: string | null) => ({ steps: STEPS, status, currentStep: current ? step(current) : null });

describe('progressOf', () => {
  it.each([
    ['submitted', 'accept', 0, 'process'],
    ['accepted', 'review', 1, 'process'],
    ['in_review', 'second', 2, 'process'],
    ['returned', 'second', 2, 'wait'],
    ['approved', 'notice', 3, 'process'],
    ['in_notice', 'notice', 3, 'process'],
    ['notice_passed', 'disburse', 4, 'process'],
    ['paid', null, 5, 'finish'],
    ['rejected', 'review', 1, 'error'],
  ] as const)('%s at %s is step %i, %s', (status, current, index, look) => {
    expect(progressOf(at(status, current))).toEqual({ current: index, status: look });
  });
});

describe('isLastReviewStep', () => {
  it('is the step that fixes the approved amount', () => {
    expect(isLastReviewStep(at('accepted', 'review'))).toBe(false);
    expect(isLastReviewStep(at('in_review', 'second'))).toBe(true);
    expect(isLastReviewStep(at('submitted', 'accept'))).toBe(false);
    expect(isLastReviewStep({ steps: [step('accept'), step('review'), step('notice'), step('disburse')], status: 'accepted', currentStep: step('review') })).toBe(true);
  });
});

describe('readFormData', () => {
  it('reads the profile snapshot and the entered fields, ignoring what it cannot read', () => {
    const read = readFormData({
      entered: { bankAccount: '6228 0000' },
      profile: [{ key: 'fact_main_revenue_2025', labelZh: '主营业务收入（2025）', labelEn: 'Main-business revenue (2025)', value: 2_350_000_000, unit: 'fen', period: '2025', source: 'statistics' }, 'junk', { value: 1 }],
      evaluationDate: '2026-11-28',
    });
    expect(read.entered).toEqual({ bankAccount: '6228 0000' });
    expect(read.profile).toEqual([{ key: 'fact_main_revenue_2025', labelZh: '主营业务收入（2025）', labelEn: 'Main-business revenue (2025)', value: 2_350_000_000, unit: 'fen', period: '2025', source: 'statistics' }]);
    expect(read.evaluationDate).toBe('2026-11-28');
    expect(readFormData({})).toEqual({ profile: [], entered: {}, evaluationDate: null });
  });
});
