import { describe, expect, it } from 'vitest';
import type { LoanApplicationSummary } from '../../../../api/types.ts';
import { byDeadline, isDueSoon } from './deadlines.ts';

const lead = (id: number, dueAt: string, overdue = false) => ({ id, dueAt, overdue }) as LoanApplicationSummary;
const now = Date.parse('2026-12-07T02:00:00Z');

describe('lead deadlines', () => {
  it('orders the most urgent first', () => {
    expect(byDeadline([lead(1, '2026-12-20T09:30:00Z'), lead(2, '2026-12-08T09:30:00Z'), lead(3, '2026-12-08T09:30:00Z')]).map((l) => l.id)).toEqual([2, 3, 1]);
  });
  it('says due soon within three days, not when overdue or later', () => {
    expect(isDueSoon(lead(1, '2026-12-09T09:30:00Z'), now)).toBe(true);
    expect(isDueSoon(lead(1, '2026-12-12T09:30:00Z'), now)).toBe(false);
    expect(isDueSoon(lead(1, '2026-12-06T09:30:00Z', true), now)).toBe(false);
  });
});
