import { describe, expect, it } from 'vitest';
import { loanTimeline } from './timeline.ts';

const base = { submittedAt: '2026-12-01T02:00:00Z', decidedAt: null, timeline: [] };

describe('the timeline of a loan application', () => {
  it('shows the bank review as current while the lead is open', () => {
    expect(loanTimeline({ ...base, status: 'submitted' }).map((step) => step.state)).toEqual(['done', 'current', 'waiting', 'waiting', 'waiting']);
  });
  it('marks the decision refused, with its time', () => {
    const steps = loanTimeline({ ...base, status: 'refused', decidedAt: '2026-12-03T02:00:00Z' });
    expect(steps.map((step) => step.state)).toEqual(['done', 'done', 'refused', 'waiting', 'waiting']);
    expect(steps[2].at).toBe('2026-12-03T02:00:00Z');
  });
  it('is all done once disbursed', () => {
    expect(loanTimeline({ ...base, status: 'disbursed' }).every((step) => step.state === 'done')).toBe(true);
  });
  it('stops at the bank review when withdrawn', () => {
    expect(loanTimeline({ ...base, status: 'withdrawn' })[1].state).toBe('withdrawn');
  });
});
