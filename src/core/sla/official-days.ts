/**
 * The official PRC holiday schedule (法定节假日 and 调休上班), from the npm package `chinese-days`: every year
 * the package covers, as calendar days. The package tracks the State Council's yearly notice (published each
 * November); a new year arrives by updating the package, not by typing dates into code or migrations.
 * County decisions (a local holiday, a day the county works anyway) are overrides in `working_calendar`,
 * applied on top of these days by createCalendar.
 *
 * The package's JSON is read directly rather than through its functions: it is plain data (no time zone, no
 * `Date`), it tells which years are covered, and it bundles as-is for the server and the browser.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarDay } from './calendar.ts';

/**
 * The shape of `chinese-days/dist/chinese-days.json`: date → "English name,中文名,days". `holidays` are the
 * days off (weekend days inside a closure included), `workdays` the make-up working days. `inLieuDays` (days
 * off paid back by a make-up day) are a subset of `holidays` and change nothing here.
 */
export interface ChineseDaysData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/** The Chinese name in a package value ("National Day,国庆节,3" → "国庆节"); the whole value if it has no comma. */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 2 ? parts[1] : value).trim();
}

/**
 * Calendar days from the package's data, sorted by date: each holiday a day off noted with its name
 * ('春节'), each make-up day a working day noted '<name>调休上班' (the notes the typed-in 2025–2026 rows used).
 * A date both off and on would be contradictory data: createCalendar refuses it as listed twice.
 */
export function officialDaysFrom(data: ChineseDaysData): CalendarDay[] {
  const days: CalendarDay[] = [
    ...Object.entries(data.holidays).map(([day, value]) => ({ day, isWorkday: false, note: chineseName(value) })),
    ...Object.entries(data.workdays).map(([day, value]) => ({ day, isWorkday: true, note: `${chineseName(value)}调休上班` })),
  ];
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The official days of every year `chinese-days` covers (2004 onwards in 1.5.7), sorted by date. */
export const OFFICIAL_CALENDAR_DAYS: readonly CalendarDay[] = Object.freeze(officialDaysFrom(chineseDays));
