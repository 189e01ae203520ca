import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarError, createCalendar, DEFAULT_CALENDAR } from './calendar.ts';
import { OFFICIAL_CALENDAR_DAYS } from './official-days.ts';
import {
  addWorkingMilliseconds,
  addWorkingMinutes,
  DEFAULT_OFFICE_HOURS,
  formatOfficeHours,
  isOfficeOpen,
  officeHours,
  parseOfficeHours,
  workingMillisecondsBetween,
  workingMinutesBetween,
} from './working-hours.ts';

const cal = DEFAULT_CALENDAR;
const hours = DEFAULT_OFFICE_HOURS;
/** An instant written in Shanghai local time: '2025-09-30 17:29' → 2025-09-30T17:29+08:00. */
const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const local = (instant: Date): string => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('office hours', () => {
  it('default to 09:00–12:00 and 13:30–17:30 (7 working hours)', () => {
    expect(hours).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1050 },
    ]);
    expect(formatOfficeHours(hours)).toBe('09:00-12:00,13:30-17:30');
  });

  it.each([
    ['08:30-17:00', [{ start: 510, end: 1020 }]],
    [' 09:00 - 12:00 , 14:00-18:00 ', [{ start: 540, end: 720 }, { start: 840, end: 1080 }]],
    ['00:00-24:00', [{ start: 0, end: 1440 }]],
    ['09:00-12:00,12:00-13:00', [{ start: 540, end: 720 }, { start: 720, end: 780 }]],
  ])('parse %j', (text, expected) => {
    expect(parseOfficeHours(text)).toEqual(expected);
  });

  it.each(['', '9:00-12:00', '09:00', '09:00-12:00-13:00', '12:00-09:00', '09:00-09:00', '09:60-10:00', '23:00-24:30', '13:30-17:30,09:00-12:00', '09:00-12:00,11:00-13:00', 'nine-five'])(
    'refuse %j',
    (text) => {
      expect(() => parseOfficeHours(text)).toThrow(CalendarError);
    },
  );

  it('refuse an empty list or fractional minutes', () => {
    expect(() => officeHours([])).toThrow(/at least one/);
    expect(() => officeHours([{ start: 540.5, end: 600 }])).toThrow(CalendarError);
  });
});

describe('addWorkingMinutes (09:00–12:00, 13:30–17:30)', () => {
  it.each<[string, number, string, string]>([
    // inside one interval, and exactly to its end (a deadline never jumps to the next opening)
    ['2026-03-10 09:00', 60, '2026-03-10 10:00', 'plain Tuesday morning'],
    ['2026-03-10 09:00', 180, '2026-03-10 12:00', 'the whole morning ends at noon, not at 13:30'],
    // lunch break
    ['2026-03-10 11:30', 60, '2026-03-10 14:00', 'over the lunch break'],
    ['2026-03-10 12:00', 1, '2026-03-10 13:31', 'start at 12:00 counts from 13:30'],
    ['2026-03-10 12:45', 30, '2026-03-10 14:00', 'start during lunch'],
    // evening and next day
    ['2026-03-10 17:29', 1, '2026-03-10 17:30', 'start at 17:29: one minute left today'],
    ['2026-03-10 17:29', 2, '2026-03-11 09:01', 'start at 17:29: the second minute is tomorrow'],
    ['2026-03-10 17:30', 1, '2026-03-11 09:01', 'start at closing time'],
    ['2026-03-10 07:00', 30, '2026-03-10 09:30', 'start before opening'],
    ['2026-03-10 09:00', 420, '2026-03-10 17:30', 'one full working day'],
    ['2026-03-10 09:00', 421, '2026-03-11 09:01', 'a full day and one minute'],
    // weekends
    ['2026-03-13 17:00', 60, '2026-03-16 09:30', 'Friday evening to Monday'],
    ['2026-03-14 10:00', 30, '2026-03-16 09:30', 'start on a Saturday'],
    // 国庆 2025: 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 are working days
    ['2025-09-27 10:00', 60, '2025-09-28 10:00', 'Saturday start, the 调休 Sunday 9/28 works'],
    ['2025-09-30 17:00', 60, '2025-10-09 09:30', 'over 国庆'],
    ['2025-10-03 10:00', 60, '2025-10-09 10:00', 'start on a holiday'],
    ['2025-10-10 17:00', 60, '2025-10-11 09:30', 'Friday to the 调休 Saturday 10/11'],
    ['2025-10-11 17:00', 60, '2025-10-13 09:30', 'the 调休 Saturday to Monday'],
    ['2025-09-30 09:00', 4 * 420, '2025-10-11 17:30', '9/30, 10/9, 10/10 and the 调休 Saturday 10/11: four working days'],
    ['2025-09-30 09:00', 4 * 420 + 1, '2025-10-13 09:01', 'one minute more: Monday'],
    // 春节 2026: Saturday 2/14 on, 2/15–2/23 off, Saturday 2/28 on
    ['2026-02-13 16:30', 120, '2026-02-14 10:00', 'Friday before 春节 to the 调休 Saturday'],
    ['2026-02-14 17:00', 60, '2026-02-24 09:30', 'over 春节'],
    ['2026-02-18 10:00', 1, '2026-02-24 09:01', 'start in 春节'],
    ['2026-02-27 17:00', 60, '2026-02-28 09:30', 'Friday to the 调休 Saturday 2/28'],
    // zero minutes: the start itself, even outside office hours
    ['2026-03-14 10:00', 0, '2026-03-14 10:00', 'no time at all'],
  ])('%s + %i working minutes = %s (%s)', (start, minutes, due) => {
    expect(local(addWorkingMinutes(sh(start), minutes, cal, hours))).toBe(due);
    expect(workingMinutesBetween(sh(start), sh(due), cal, hours)).toBe(minutes);
  });

  it('keeps seconds and milliseconds of the start', () => {
    const start = new Date('2026-03-10T01:00:30.250Z'); // 09:00:30.250 in Shanghai
    expect(addWorkingMinutes(start, 2, cal, hours).toISOString()).toBe('2026-03-10T01:02:30.250Z');
    expect(addWorkingMilliseconds(start, 1, cal, hours).toISOString()).toBe('2026-03-10T01:00:30.251Z');
  });

  it('counts other office hours and a county holiday', () => {
    const long = parseOfficeHours('08:30-17:00');
    expect(local(addWorkingMinutes(sh('2026-03-10 16:30'), 60, cal, long))).toBe('2026-03-11 09:00');
    const county = createCalendar(OFFICIAL_CALENDAR_DAYS, [{ day: '2026-03-11', isWorkday: false, note: '县庆' }]);
    expect(local(addWorkingMinutes(sh('2026-03-10 17:00'), 60, county, hours))).toBe('2026-03-12 09:30');
  });

  it('refuses negative, fractional and impossible budgets and invalid instants', () => {
    expect(() => addWorkingMinutes(sh('2026-03-10 09:00'), -1, cal, hours)).toThrow(CalendarError);
    expect(() => addWorkingMinutes(sh('2026-03-10 09:00'), 1.5, cal, hours)).toThrow(CalendarError);
    expect(() => addWorkingMinutes(new Date(NaN), 1, cal, hours)).toThrow(CalendarError);
    expect(() => addWorkingMinutes(sh('2026-03-10 09:00'), 420 * 3000, cal, hours)).toThrow(/within 3660 days/);
  });
});

describe('workingMinutesBetween', () => {
  it.each<[string, string, number]>([
    ['2026-03-10 08:00', '2026-03-10 20:00', 420],
    ['2026-03-10 11:00', '2026-03-10 14:00', 90],
    ['2026-03-10 12:00', '2026-03-10 13:30', 0],
    ['2026-03-13 17:00', '2026-03-16 10:00', 90],
    ['2025-09-30 00:00', '2025-10-09 00:00', 420], // only 9/30 works
    ['2025-10-01 00:00', '2025-10-08 23:59', 0], // 国庆
    ['2026-02-14 00:00', '2026-03-01 00:00', 420 * 6], // 2/14, 2/24–2/27, 2/28
    ['2026-03-10 14:00', '2026-03-10 11:00', -90],
  ])('%s → %s: %i', (a, b, minutes) => {
    expect(workingMinutesBetween(sh(a), sh(b), cal, hours)).toBe(minutes);
  });

  it('counts whole minutes, toward zero, and milliseconds exactly', () => {
    const a = sh('2026-03-10 09:00');
    const b = new Date(a.getTime() + 90_500);
    expect(workingMillisecondsBetween(a, b, cal, hours)).toBe(90_500);
    expect(workingMinutesBetween(a, b, cal, hours)).toBe(1);
    expect(workingMinutesBetween(b, a, cal, hours)).toBe(-1);
    expect(Object.is(workingMinutesBetween(b, new Date(b.getTime() - 1), cal, hours), 0)).toBe(true);
  });

  it('knows when the office is open', () => {
    expect(isOfficeOpen(sh('2026-03-10 09:00'), cal, hours)).toBe(true);
    expect(isOfficeOpen(sh('2026-03-10 12:00'), cal, hours)).toBe(false);
    expect(isOfficeOpen(sh('2025-10-11 10:00'), cal, hours)).toBe(true); // 调休 Saturday
    expect(isOfficeOpen(sh('2025-10-08 10:00'), cal, hours)).toBe(false); // 国庆
  });
});

describe('addWorkingMinutes and workingMinutesBetween agree (property)', () => {
  // Any instant from 2024 to the end of 2026 (to the millisecond), any budget up to 30 working days,
  // any of a few office-hour settings.
  const instants = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
  const settings = fc.constantFrom(DEFAULT_OFFICE_HOURS, parseOfficeHours('08:30-17:00'), parseOfficeHours('00:00-24:00'), parseOfficeHours('09:00-10:00,10:00-11:00,15:00-15:01'));

  it('gives back the minutes, and the due instant is the earliest one', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 30 * 420 }), settings, (start, minutes, officeHoursSetting) => {
        const due = addWorkingMinutes(start, minutes, cal, officeHoursSetting);
        expect(workingMillisecondsBetween(start, due, cal, officeHoursSetting)).toBe(minutes * 60_000);
        expect(workingMinutesBetween(start, due, cal, officeHoursSetting)).toBe(minutes);
        if (minutes > 0) {
          // a millisecond earlier is not enough: the deadline is not pushed to a later opening
          expect(workingMillisecondsBetween(start, new Date(due.getTime() - 1), cal, officeHoursSetting)).toBe(minutes * 60_000 - 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
