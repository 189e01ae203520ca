import { todayInCounty } from '../../../../lib/format.ts';

/** Where an application window stands today. */
export type WindowState =
  | { kind: 'none' }
  | { kind: 'upcoming'; opensOn: string }
  | { kind: 'open'; closesOn: string | null; daysLeft: number | null }
  | { kind: 'closed'; closedOn: string };

const DAY_MS = 24 * 60 * 60 * 1000;
/** The county's calendar date of an instant ('YYYY-MM-DD', Asia/Shanghai). */
const dateOf = (time: number): string => todayInCounty(new Date(time));

/**
 * The application window (申报期) of a policy: none (免申即享, or no window set), not open yet, open (with
 * the last day and the whole days left, counted in county dates), or closed.
 */
export function windowState(applyFrom: string | null, applyUntil: string | null, now: number = Date.now()): WindowState {
  if (!applyFrom && !applyUntil) return { kind: 'none' };
  const from = applyFrom ? Date.parse(applyFrom) : null;
  const until = applyUntil ? Date.parse(applyUntil) : null;
  if (from !== null && now < from) return { kind: 'upcoming', opensOn: dateOf(from) };
  if (until !== null && now > until) return { kind: 'closed', closedOn: dateOf(until) };
  if (until === null) return { kind: 'open', closesOn: null, daysLeft: null };
  const daysLeft = Math.round((Date.parse(`${dateOf(until)}T00:00:00Z`) - Date.parse(`${dateOf(now)}T00:00:00Z`)) / DAY_MS);
  return { kind: 'open', closesOn: dateOf(until), daysLeft };
}
