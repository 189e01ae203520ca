/**
 * Working-hour arithmetic: office hours on the county's working days (calendar.ts), in Asia/Shanghai.
 * A demand answered "within 4 working hours" counts only the minutes the office is open: not the lunch
 * break, not the evening, not weekends or holidays, but a 调休 Saturday like any working day.
 *
 * Time is exact: instants are integer milliseconds, budgets integer minutes, and the arithmetic never
 * goes through floating-point hours. Shanghai is UTC+8 all year (no daylight saving since 1991), so a day's
 * office intervals are fixed offsets from its midnight.
 */
import { addCalendarDays, CalendarError, isWorkday, shanghaiDate, startOfDayShanghai, type WorkingCalendar } from './calendar.ts';

/** One opening of the office on a working day, in minutes after midnight: [start, end). */
export interface OfficeInterval {
  readonly start: number;
  readonly end: number;
}

/** The office's openings on every working day, sorted, not overlapping, at least one. */
export type OfficeHours = readonly OfficeInterval[];

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Longest span the engine walks, in calendar days: ten years is far beyond any deadline. */
const MAX_DAYS = 3_660;
const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of 'HH:MM' ('24:00' allowed: the end of the day); throws on anything else. */
function parseTime(text: string, source: string): number {
  const match = TIME.exec(text.trim());
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > DAY_MINUTES) throw new CalendarError(`"${text}" in "${source}" is not a time HH:MM`);
  return minutes;
}

/**
 * Validates office hours: each interval within the day with start < end, the list sorted and without
 * overlaps (touching is fine), and not empty — a working day with no office hours would make every
 * working-minute deadline unreachable. Returns a frozen copy.
 */
export function officeHours(intervals: readonly OfficeInterval[]): OfficeHours {
  if (intervals.length === 0) throw new CalendarError('office hours need at least one interval');
  let previousEnd = 0;
  for (const { start, end } of intervals) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > DAY_MINUTES || start >= end) {
      throw new CalendarError(`office interval ${start}–${end} (minutes after midnight) is not a part of a day`);
    }
    if (start < previousEnd) throw new CalendarError('office intervals must be in order and must not overlap');
    previousEnd = end;
  }
  return Object.freeze(intervals.map(({ start, end }) => Object.freeze({ start, end })));
}

/**
 * Parses office hours written as 'HH:MM-HH:MM' intervals separated by commas, e.g. '09:00-12:00,13:30-17:30'
 * (the form of the OFFICE_HOURS setting). Throws a CalendarError naming the bad part.
 */
export function parseOfficeHours(text: string): OfficeHours {
  const intervals = text.split(',').map((part) => {
    const bounds = part.split('-');
    if (bounds.length !== 2) throw new CalendarError(`"${part.trim()}" in "${text}" is not an interval HH:MM-HH:MM`);
    return { start: parseTime(bounds[0], text), end: parseTime(bounds[1], text) };
  });
  return officeHours(intervals);
}

/** Office hours written back as parseOfficeHours reads them. */
export function formatOfficeHours(hours: OfficeHours): string {
  const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return hours.map((interval) => `${time(interval.start)}-${time(interval.end)}`).join(',');
}

/** 09:00–12:00 and 13:30–17:30: the county offices' hours, 7 working hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = parseOfficeHours('09:00-12:00,13:30-17:30');

/** The office's openings on a date as instants [start, end) in milliseconds; none on a day off. */
function openings(date: string, calendar: WorkingCalendar, hours: OfficeHours): [number, number][] {
  if (!isWorkday(date, calendar)) return [];
  const midnight = startOfDayShanghai(date).getTime();
  return hours.map((interval) => [midnight + interval.start * MINUTE_MS, midnight + interval.end * MINUTE_MS]);
}

function assertInstant(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new CalendarError(`${name} is not a valid instant`);
  return ms;
}

/**
 * The instant at which `minutes` working minutes have passed since `start`: the earliest instant t with
 * workingMinutesBetween(start, t) = minutes. Time before the office opens, over lunch, after it closes and on
 * days off does not count, so a start outside office hours counts from the next opening, and a deadline
 * falls inside office hours or exactly at a closing time (the end of the last minute, not the next opening).
 * 0 minutes returns `start` itself.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar, hours: OfficeHours): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new CalendarError(`a number of working minutes must be a non-negative integer, got ${minutes}`);
  }
  return addWorkingMilliseconds(start, minutes * MINUTE_MS, calendar, hours);
}

/**
 * addWorkingMinutes at millisecond precision, for what is left of a budget after a pause that began
 * mid-minute (clock.ts). Same rules: the earliest instant with that much working time since `start`.
 */
export function addWorkingMilliseconds(start: Date, ms: number, calendar: WorkingCalendar, hours: OfficeHours): Date {
  // No upper bound here: the walk below stops after MAX_DAYS days, whatever the office hours.
  if (!Number.isSafeInteger(ms) || ms < 0) throw new CalendarError(`an amount of working time must be a non-negative integer of milliseconds, got ${ms}`);
  let at = assertInstant(start, 'the start');
  let left = ms;
  if (left === 0) return new Date(at);
  let date = shanghaiDate(start);
  for (let walked = 0; walked <= MAX_DAYS; walked++, date = addCalendarDays(date, 1)) {
    for (const [open, close] of openings(date, calendar, hours)) {
      if (at >= close) continue;
      const from = Math.max(at, open);
      if (left <= close - from) return new Date(from + left);
      left -= close - from;
      at = close;
    }
  }
  // A budget beyond ten years of office hours: said plainly rather than walking on.
  throw new CalendarError(`no ${ms / MINUTE_MS} working minutes within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/**
 * Working time between two instants in milliseconds, exactly: the overlap of [a, b) with office hours on
 * working days. Negative when b is before a.
 */
export function workingMillisecondsBetween(a: Date, b: Date, calendar: WorkingCalendar, hours: OfficeHours): number {
  const from = assertInstant(a, 'the start');
  const to = assertInstant(b, 'the end');
  if (to < from) return -workingMillisecondsBetween(b, a, calendar, hours);
  const last = shanghaiDate(b);
  let total = 0;
  let date = shanghaiDate(a);
  for (let walked = 0; date <= last; walked++, date = addCalendarDays(date, 1)) {
    if (walked > MAX_DAYS) throw new CalendarError(`a span longer than ${MAX_DAYS} days is not a working-time question`);
    for (const [open, close] of openings(date, calendar, hours)) total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/**
 * Whole working minutes between two instants (a started minute does not count; negative when b is before
 * a, rounded toward zero). `workingMinutesBetween(s, addWorkingMinutes(s, n)) === n` for every start s.
 */
export function workingMinutesBetween(a: Date, b: Date, calendar: WorkingCalendar, hours: OfficeHours): number {
  const ms = workingMillisecondsBetween(a, b, calendar, hours);
  // `+ 0` turns the -0 of Math.trunc(-0.5) into 0.
  return Math.trunc(ms / MINUTE_MS) + 0;
}

/** Whether the office is open at an instant (a working day, inside one of its intervals). */
export function isOfficeOpen(at: Date, calendar: WorkingCalendar, hours: OfficeHours): boolean {
  const ms = assertInstant(at, 'the instant');
  return openings(shanghaiDate(at), calendar, hours).some(([open, close]) => ms >= open && ms < close);
}
