import type { LoanApplicationSummary } from '../../../../api/types.ts';

const DAY_MS = 86_400_000;

/** Open leads by their answer deadline, the most urgent first. */
export function byDeadline(leads: readonly LoanApplicationSummary[]): LoanApplicationSummary[] {
  return [...leads].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
}

/** A lead not yet overdue whose deadline falls within `days` days of now. */
export function isDueSoon(lead: Pick<LoanApplicationSummary, 'dueAt' | 'overdue'>, now = Date.now(), days = 3): boolean {
  const due = Date.parse(lead.dueAt);
  return !lead.overdue && Number.isFinite(due) && due >= now && due - now <= days * DAY_MS;
}
