/**
 * Deadlines of a demand in working time (DESIGN §10): the response deadline (accept the order) and the
 * resolution clock, a pausable clock of src/core/sla stored as its start, budget and pauses. The clock
 * starts at the first assignment and runs through transfers and returns (the enterprise's wait does not
 * start again because an office passed it on); it pauses while the demand waits on the enterprise, and a
 * rectification after an unsatisfied rating starts a new one of `rectificationDays` working days.
 */
import { addWorkingDays, endOfDayShanghai, shanghaiDate, type WorkingCalendar } from '../../../core/sla/calendar.ts';
import { isPaused, pause, remaining, replayClock, resume, type Clock } from '../../../core/sla/clock.ts';
import { addWorkingMinutes, workingMinutesBetween, type OfficeHours } from '../../../core/sla/working-hours.ts';
import type { StoredClockPause } from '../../db/schema.ts';

export interface SlaRules {
  calendar: WorkingCalendar;
  hours: OfficeHours;
}

export interface StoredClock {
  clock_started_at: Date | null;
  clock_budget_minutes: number | null;
  clock_pauses: StoredClockPause[];
}

export function responseDue(now: Date, responseHours: number, rules: SlaRules): Date {
  return addWorkingMinutes(now, responseHours * 60, rules.calendar, rules.hours);
}

/**
 * Working minutes between two instants for the cockpit's response and resolution times (stored on the row
 * as response_working_minutes / resolution_working_minutes when the demand is accepted / resolved): office
 * hours on the county's working days. Null for a span the engine refuses (over ten years).
 */
export function elapsedWorkingMinutes(from: Date, to: Date, rules: SlaRules): number | null {
  try {
    return Math.max(0, workingMinutesBetween(from, to, rules.calendar, rules.hours));
  } catch {
    return null;
  }
}

/** The response time of an acceptance at `acceptedAt`: from the assignment (or the filing, if never assigned). */
export function responseWorkingMinutes(demand: { created_at: Date; assigned_at: Date | null }, acceptedAt: Date, rules: SlaRules): number | null {
  return elapsedWorkingMinutes(new Date(demand.assigned_at ?? demand.created_at), acceptedAt, rules);
}

/** The resolution time of a resolution at `resolvedAt`: from the filing. */
export function resolutionWorkingMinutes(demand: { created_at: Date }, resolvedAt: Date, rules: SlaRules): number | null {
  return elapsedWorkingMinutes(new Date(demand.created_at), resolvedAt, rules);
}

export function addMinutes(now: Date, minutes: number, rules: SlaRules): Date {
  return addWorkingMinutes(now, minutes, rules.calendar, rules.hours);
}

/** A new resolution clock: its columns and deadline. */
export function startResolution(now: Date, budgetMinutes: number, rules: SlaRules) {
  const clock = replayClock(now, { unit: 'minutes', amount: budgetMinutes }, [], rules);
  return { clock_started_at: now, clock_budget_minutes: budgetMinutes, clock_pauses: JSON.stringify([]), resolution_due_at: clock.due };
}

export function clockOf(stored: StoredClock, rules: SlaRules): Clock | null {
  if (!stored.clock_started_at || stored.clock_budget_minutes === null) return null;
  const pauses = (stored.clock_pauses ?? []).map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) }));
  return replayClock(new Date(stored.clock_started_at), { unit: 'minutes', amount: stored.clock_budget_minutes }, pauses, rules);
}

const toStored = (clock: Clock): StoredClockPause[] => clock.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to === null ? null : p.to.toISOString() }));

/** Pauses the clock (waiting on the enterprise); the stored deadline stays that of the interrupted run. */
export function pauseResolution(stored: StoredClock, now: Date, rules: SlaRules) {
  const clock = clockOf(stored, rules);
  if (!clock || isPaused(clock)) return null;
  return { clock_pauses: JSON.stringify(toStored(pause(clock, now))) };
}

/** Resumes the clock; the deadline is recomputed from the working time left. */
export function resumeResolution(stored: StoredClock, now: Date, rules: SlaRules) {
  const clock = clockOf(stored, rules);
  if (!clock || !isPaused(clock)) return null;
  const resumed = resume(clock, now);
  return { clock_pauses: JSON.stringify(toStored(resumed)), resolution_due_at: resumed.due };
}

/** Working minutes left now (negative when overdue); null without a clock. */
export function remainingMinutes(stored: StoredClock, now: Date, rules: SlaRules): number | null {
  const clock = clockOf(stored, rules);
  return clock ? remaining(clock, now).amount : null;
}

export function isClockPaused(stored: StoredClock): boolean {
  const last = (stored.clock_pauses ?? []).at(-1);
  return last !== undefined && last.to === null;
}

/** The end of the working day `days` working days after today (rectification, follow-up). */
export function workingDaysLater(now: Date, days: number, rules: SlaRules): { instant: Date; date: string } {
  const date = addWorkingDays(shanghaiDate(now), days, rules.calendar);
  return { instant: endOfDayShanghai(date), date };
}
