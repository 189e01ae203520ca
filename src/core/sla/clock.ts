/**
 * Pausable SLA clocks: a budget of working time (working minutes in office hours, or working days as
 * applications count them) that stops while the work waits on someone else — the enterprise asked for a
 * document, say — and goes on when it comes back.
 *
 * A clock is an immutable value. Its deadline is computed when it starts and recomputed when it resumes,
 * from the working time left, counted from the resume instant with the calendar of that moment (DESIGN §10);
 * between those events the deadline is a stored instant, so a job that escalates overdue clocks compares
 * instants and does not need to replay anything.
 *
 * Working days follow calendar.ts: the day a clock starts or resumes is day 0, and a clock that runs on a
 * day uses that day up (paused on Wednesday and resumed on Thursday, Wednesday counts and Thursday does
 * not), so a pause started and ended on the same day costs nothing.
 */
import { addWorkingDays, endOfDayShanghai, shanghaiDate, workingDaysBetween, type WorkingCalendar } from './calendar.ts';
import { addWorkingMilliseconds, DEFAULT_OFFICE_HOURS, workingMillisecondsBetween, type OfficeHours } from './working-hours.ts';

const MINUTE_MS = 60_000;

/** How much working time a clock allows: whole working minutes (office hours) or whole working days. */
export interface ClockBudget {
  readonly unit: 'minutes' | 'days';
  readonly amount: number;
}

/** The calendar and office hours a clock counts with (office hours matter only for minute budgets). */
export interface ClockRules {
  readonly calendar: WorkingCalendar;
  readonly hours?: OfficeHours;
}

/** One stop of a clock: from when, and until when (null while it lasts). */
export interface ClockPause {
  readonly from: Date;
  readonly to: Date | null;
}

/** A pausable clock; build it with startClock (or replayClock) and change it only through pause and resume. */
export interface Clock {
  readonly startedAt: Date;
  readonly budget: ClockBudget;
  readonly pauses: readonly ClockPause[];
  readonly rules: ClockRules;
  /**
   * Working time used by the runs that ended in a pause, counted when each pause began: working
   * milliseconds for a minute budget (exact even when a pause starts mid-minute), working days for a day
   * budget.
   */
  readonly used: number;
  /** The deadline of the current run; while paused, the deadline the pause interrupted (see isOverdue). */
  readonly due: Date;
}

export type ClockErrorCode = 'already_paused' | 'not_paused' | 'out_of_order' | 'invalid_budget' | 'invalid_instant';

/** A refused clock operation; `code` says which, for the caller to answer (409, a message …). */
export class ClockError extends Error {
  readonly code: ClockErrorCode;
  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.name = 'ClockError';
    this.code = code;
  }
}

/** The budget in the clock's own ticks: milliseconds for minutes, days for days. */
function budgetTicks(budget: ClockBudget): number {
  return budget.unit === 'minutes' ? budget.amount * MINUTE_MS : budget.amount;
}

/** Working time in ticks from `from` to `to` (0 when `to` is not after `from`). */
function usedBetween(from: Date, to: Date, budget: ClockBudget, rules: ClockRules): number {
  if (to.getTime() <= from.getTime()) return 0;
  return budget.unit === 'minutes'
    ? workingMillisecondsBetween(from, to, rules.calendar, rules.hours ?? DEFAULT_OFFICE_HOURS)
    : workingDaysBetween(shanghaiDate(from), shanghaiDate(to), rules.calendar);
}

/**
 * The deadline of a run starting at `from` with `left` ticks. Less than nothing (the clock was already late
 * when it stopped) means due at once. Nothing left means due at once for minutes, and by the end of the
 * resume day (day 0) for days, as a day budget of 0 always does.
 */
function deadline(from: Date, left: number, budget: ClockBudget, rules: ClockRules): Date {
  if (budget.unit === 'minutes') {
    return left <= 0 ? new Date(from.getTime()) : addWorkingMilliseconds(from, left, rules.calendar, rules.hours ?? DEFAULT_OFFICE_HOURS);
  }
  if (left < 0) return new Date(from.getTime());
  return endOfDayShanghai(addWorkingDays(shanghaiDate(from), left, rules.calendar));
}

function lastPause(clock: Clock): ClockPause | undefined {
  return clock.pauses.at(-1);
}

/** Whether the clock is stopped (its last pause has not ended). */
export function isPaused(clock: Clock): boolean {
  const last = lastPause(clock);
  return last !== undefined && last.to === null;
}

/** When the current run began: the start, or the end of the last pause. */
function runningSince(clock: Clock): Date {
  return lastPause(clock)?.to ?? clock.startedAt;
}

function assertInstant(at: Date, what: string): void {
  if (Number.isNaN(at.getTime())) throw new ClockError('invalid_instant', `${what} is not a valid instant`);
}

/**
 * Starts a clock at `at` with a budget of whole working minutes or working days; its deadline is computed
 * now. Throws ClockError('invalid_budget') for a negative or fractional amount.
 */
export function startClock(at: Date, budget: ClockBudget, rules: ClockRules): Clock {
  assertInstant(at, 'the start');
  if (!Number.isSafeInteger(budget.amount) || budget.amount < 0 || (budget.unit !== 'minutes' && budget.unit !== 'days')) {
    throw new ClockError('invalid_budget', `a clock budget is a whole number of working minutes or days, got ${budget.amount} ${budget.unit}`);
  }
  const frozenBudget = Object.freeze({ unit: budget.unit, amount: budget.amount });
  return Object.freeze({
    startedAt: new Date(at.getTime()),
    budget: frozenBudget,
    pauses: Object.freeze([]),
    rules,
    used: 0,
    due: deadline(at, budgetTicks(frozenBudget), frozenBudget, rules),
  });
}

/**
 * Stops the clock at `at`: the working time of the run that ends is added to `used`. Throws ClockError
 * 'already_paused' if it is stopped, 'out_of_order' if `at` is before its last event.
 */
export function pause(clock: Clock, at: Date): Clock {
  assertInstant(at, 'the pause');
  if (isPaused(clock)) throw new ClockError('already_paused', `the clock is already paused since ${lastPause(clock)?.from.toISOString()}`);
  const since = runningSince(clock);
  if (at.getTime() < since.getTime()) throw new ClockError('out_of_order', `cannot pause at ${at.toISOString()}, before ${since.toISOString()}`);
  return Object.freeze({
    ...clock,
    pauses: Object.freeze([...clock.pauses, Object.freeze({ from: new Date(at.getTime()), to: null })]),
    used: clock.used + usedBetween(since, at, clock.budget, clock.rules),
  });
}

/**
 * Starts a paused clock again at `at`; the deadline is recomputed: the working time left, counted from
 * `at`. Throws ClockError 'not_paused' if it runs, 'out_of_order' if `at` is before the pause began.
 */
export function resume(clock: Clock, at: Date): Clock {
  assertInstant(at, 'the resume');
  const last = lastPause(clock);
  if (!last || last.to !== null) throw new ClockError('not_paused', 'the clock is running: only a paused clock resumes');
  if (at.getTime() < last.from.getTime()) throw new ClockError('out_of_order', `cannot resume at ${at.toISOString()}, before the pause at ${last.from.toISOString()}`);
  const ended = Object.freeze({ from: last.from, to: new Date(at.getTime()) });
  return Object.freeze({
    ...clock,
    pauses: Object.freeze([...clock.pauses.slice(0, -1), ended]),
    due: deadline(at, budgetTicks(clock.budget) - clock.used, clock.budget, clock.rules),
  });
}

/** The deadline of a running clock; null while it is paused (a stopped clock has none). */
export function dueAt(clock: Clock): Date | null {
  return isPaused(clock) ? null : clock.due;
}

/**
 * Working time left at `now`, in the budget's unit; negative once the budget is spent (overdue by that
 * much working time). A paused clock keeps what it had when it stopped. Minutes are whole: a started minute
 * counts (rounded away from zero), so 0 means exactly used up.
 */
export function remaining(clock: Clock, now: Date): ClockBudget {
  assertInstant(now, 'now');
  const running = isPaused(clock) ? 0 : usedBetween(runningSince(clock), now, clock.budget, clock.rules);
  const left = budgetTicks(clock.budget) - clock.used - running;
  if (clock.budget.unit === 'days') return { unit: 'days', amount: left };
  const minutes = Math.sign(left) * Math.ceil(Math.abs(left) / MINUTE_MS);
  return { unit: 'minutes', amount: minutes + 0 };
}

/**
 * Whether the clock is past its deadline at `now`. A paused clock is overdue only if it already was when it
 * stopped: waiting on someone else never makes a clock late, nor does it excuse a lateness that came before.
 */
export function isOverdue(clock: Clock, now: Date): boolean {
  const last = lastPause(clock);
  if (last && last.to === null) return last.from.getTime() > clock.due.getTime();
  assertInstant(now, 'now');
  return now.getTime() > clock.due.getTime();
}

/**
 * Rebuilds a clock from its stored history (start, budget, pauses in order) by replaying it with `rules`:
 * what a server does with the rows it kept. Throws ClockError as the replayed operations would.
 */
export function replayClock(startedAt: Date, budget: ClockBudget, pauses: readonly ClockPause[], rules: ClockRules): Clock {
  let clock = startClock(startedAt, budget, rules);
  for (const stop of pauses) {
    clock = pause(clock, stop.from);
    if (stop.to !== null) clock = resume(clock, stop.to);
  }
  return clock;
}
