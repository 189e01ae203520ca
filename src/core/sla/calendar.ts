/**
 * Working days in the county (Asia/Shanghai): Monday–Friday are working days, Saturday and Sunday are not,
 * except where the calendar says otherwise — public holidays (法定节假日) close weekdays, make-up working
 * days (调休上班) open weekends, and the county may override any day (a local holiday, a day it works
 * anyway). Deadlines of government work are counted in working days ("5个工作日内"), so every deadline of
 * the platform goes through here; working hours and pausable clocks (working-hours.ts, clock.ts) build on it.
 *
 * Dates are 'YYYY-MM-DD' strings of the county's calendar, never Date objects, so no time zone can shift a
 * day. Instants (Date) appear only where a deadline becomes a moment: the end of its working day in
 * Shanghai (UTC+8 all year; China has had no daylight saving time since 1991).
 */
import { OFFICIAL_CALENDAR_DAYS } from './official-days.ts';

/** One day whose status differs from (or confirms) the weekend rule. */
export interface CalendarDay {
  day: string;
  isWorkday: boolean;
  /** Why: '春节', '春节调休上班' … */
  note: string;
}

/** A working-day calendar: exceptions to the weekend rule, and the years whose exceptions are known. */
export interface WorkingCalendar {
  /** Each day's final word: the county's override where there is one, else the official day. */
  readonly days: ReadonlyMap<string, CalendarDay>;
  /**
   * Years whose holidays are known: the years of the official schedule plus any year the county entered
   * days for (a county may type in next year's notice before the package has it). Outside them only
   * weekends are days off: a deadline there may land on a holiday nobody has entered yet (see isCovered).
   */
  readonly years: ReadonlySet<number>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** Longest run the engine walks: ten years of working days is far beyond any deadline. */
const MAX_WORKING_DAYS = 2_600;

export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date; throws on a malformed or impossible date. */
function dayNumber(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new CalendarError(`"${date}" is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new CalendarError(`"${date}" is not a calendar date`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Day of week of a date: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Indexes days by date; a date listed twice in one source is an error (the data contradicts itself). */
function indexDays(days: readonly CalendarDay[], source: string, into: Map<string, CalendarDay>, years: Set<number>): void {
  const seen = new Set<string>();
  for (const entry of days) {
    dayNumber(entry.day);
    if (seen.has(entry.day)) throw new CalendarError(`${entry.day} is listed twice in the ${source} days`);
    seen.add(entry.day);
    into.set(entry.day, entry);
    years.add(Number(entry.day.slice(0, 4)));
  }
}

/**
 * Builds a calendar from the official days (holidays and 调休 workdays) and the county's overrides. An
 * override replaces the official word for its day — that is what overriding means, so the pair is not a
 * conflict — but a day listed twice within the official days or within the overrides is an error.
 */
export function createCalendar(official: readonly CalendarDay[], overrides: readonly CalendarDay[] = []): WorkingCalendar {
  const map = new Map<string, CalendarDay>();
  const years = new Set<number>();
  indexDays(official, 'official', map, years);
  indexDays(overrides, 'override', map, years);
  return { days: map, years };
}

/** The official calendar (chinese-days), without county overrides: what a deployment starts from. */
export const DEFAULT_CALENDAR: WorkingCalendar = createCalendar(OFFICIAL_CALENDAR_DAYS);

/** Whether the calendar knows the holidays of the date's year (else only weekends are days off). */
export function isCovered(date: string, calendar: WorkingCalendar): boolean {
  dayNumber(date);
  return calendar.years.has(Number(date.slice(0, 4)));
}

/** Whether the county works on this date: the calendar's word if it has one, else Monday–Friday. */
export function isWorkday(date: string, calendar: WorkingCalendar): boolean {
  const entry = calendar.days.get(date);
  if (entry) return entry.isWorkday;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new CalendarError(`a number of working days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
}

/**
 * The date `n` working days after `date`, the start date itself not counted ("受理后5个工作日内": the day
 * of acceptance is day 0). n = 0 returns `date` unchanged.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  assertCount(n);
  let current = dayNumber(date);
  let left = n;
  while (left > 0) {
    current++;
    if (isWorkday(fromDayNumber(current), calendar)) left--;
  }
  return fromDayNumber(current);
}

/**
 * Working days in (from, to]: the start excluded, the end included, so
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let n = a + 1; n <= b; n++) if (isWorkday(fromDayNumber(n), calendar)) count++;
  return count;
}

/** The first working day on or after `date`. */
export function nextWorkdayOnOrAfter(date: string, calendar: WorkingCalendar): string {
  let current = dayNumber(date);
  for (let i = 0; i <= 366; i++, current++) if (isWorkday(fromDayNumber(current), calendar)) return fromDayNumber(current);
  throw new CalendarError(`no working day within a year of ${date}`);
}

/** The county's date (Asia/Shanghai) at an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first moment of a date in Shanghai (00:00:00.000 +08:00). */
export function startOfDayShanghai(date: string): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * The last moment of a date in Shanghai (23:59:59.999 +08:00): a deadline "by the end of that working day"
 * is met by anything done on that day, whatever the office hours. Overdue means now > this instant.
 */
export function endOfDayShanghai(date: string): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/**
 * When a step started at `start` and allowed `n` working days is due: the end of the n-th working day
 * after the start's date in Shanghai. Work started on a Saturday or a holiday still counts from that day:
 * its next working day is day 1.
 */
export function dueAfterWorkingDays(start: Date, n: number, calendar: WorkingCalendar): Date {
  return endOfDayShanghai(addWorkingDays(shanghaiDate(start), n, calendar));
}
