import { describe, expect, it } from 'vitest';
import { Prng } from '../random/prng.ts';
import {
  addCalendarDays,
  addWorkingDays,
  CalendarError,
  createCalendar,
  dayOfWeek,
  DEFAULT_CALENDAR,
  dueAfterWorkingDays,
  endOfDayShanghai,
  isCovered,
  isWorkday,
  nextWorkdayOnOrAfter,
  shanghaiDate,
  startOfDayShanghai,
  workingDaysBetween,
} from './calendar.ts';
import { OFFICIAL_CALENDAR_DAYS, officialDaysFrom } from './official-days.ts';

const cal = DEFAULT_CALENDAR;

describe('the official PRC schedules (chinese-days)', () => {
  it.each([2025, 2026])('%i has 13 statutory days off net of 调休 and 248 working days (国务院令第798号)', (year) => {
    let working = 0;
    let weekdaysOff = 0;
    let weekendsWorked = 0;
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addCalendarDays(day, 1)) {
      const isWeekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
      const works = isWorkday(day, cal);
      if (works) working++;
      if (!works && !isWeekend) weekdaysOff++;
      if (works && isWeekend) weekendsWorked++;
    }
    expect(weekdaysOff - weekendsWorked).toBe(13);
    expect(working).toBe(248);
  });

  it('lists make-up working days only on weekends, every year', () => {
    for (const entry of OFFICIAL_CALENDAR_DAYS.filter((d) => d.isWorkday)) {
      expect([0, 6], `${entry.note} ${entry.day}`).toContain(dayOfWeek(entry.day));
    }
  });

  it('is sorted data without duplicates, named in Chinese', () => {
    const days = OFFICIAL_CALENDAR_DAYS.map((d) => d.day);
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort()).toEqual(days);
    expect(OFFICIAL_CALENDAR_DAYS.find((d) => d.day === '2025-10-01')).toEqual({ day: '2025-10-01', isWorkday: false, note: '国庆节' });
    expect(OFFICIAL_CALENDAR_DAYS.find((d) => d.day === '2025-10-11')).toEqual({ day: '2025-10-11', isWorkday: true, note: '国庆节调休上班' });
  });

  it('reads the package data: Chinese names, holidays off, make-up days on', () => {
    const days = officialDaysFrom({ holidays: { '2030-10-01': 'National Day,国庆节,3' }, workdays: { '2030-09-29': 'National Day,国庆节,3' } });
    expect(days).toEqual([
      { day: '2030-09-29', isWorkday: true, note: '国庆节调休上班' },
      { day: '2030-10-01', isWorkday: false, note: '国庆节' },
    ]);
  });

  it('covers every year of the package (2004–2026); other years fall back to weekends', () => {
    expect(isCovered('2004-01-01', cal)).toBe(true);
    expect(isCovered('2015-09-03', cal)).toBe(true);
    expect(isWorkday('2015-09-03', cal)).toBe(false); // 抗战胜利70周年纪念日, a Thursday off
    expect(isCovered('2026-12-31', cal)).toBe(true);
    expect(isCovered('2003-12-31', cal)).toBe(false);
    expect(isCovered('2027-01-01', cal)).toBe(false);
    expect(isWorkday('2027-01-01', cal)).toBe(true); // a Friday: unknown holidays are not guessed
    expect(isWorkday('2027-01-02', cal)).toBe(false);
  });
});

describe('isWorkday', () => {
  it.each<[string, boolean, string]>([
    ['2025-01-24', true, 'Friday before Spring Festival'],
    ['2025-01-25', false, 'Saturday'],
    ['2025-01-26', true, 'Sunday, 春节调休上班'],
    ['2025-01-27', true, 'Monday'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, 'last day of Spring Festival'],
    ['2025-02-05', true, 'back to work'],
    ['2025-02-08', true, 'Saturday, 春节调休上班'],
    ['2025-02-09', false, 'Sunday'],
    ['2025-04-27', true, 'Sunday, 劳动节调休上班'],
    ['2025-05-05', false, '劳动节 Monday'],
    ['2025-09-28', true, 'Sunday, 国庆调休上班'],
    ['2025-10-06', false, '中秋节 inside National Day'],
    ['2025-10-08', false, 'last day of National Day'],
    ['2025-10-09', true, 'Thursday after National Day'],
    ['2025-10-11', true, 'Saturday, 国庆调休上班'],
    ['2026-01-02', false, 'New Year Friday'],
    ['2026-01-04', true, 'Sunday, 元旦调休上班'],
    ['2026-02-14', true, 'Saturday, 春节调休上班'],
    ['2026-02-16', false, '除夕 Monday'],
    ['2026-02-23', false, 'Monday, last day of Spring Festival'],
    ['2026-02-24', true, 'Tuesday after Spring Festival'],
    ['2026-02-28', true, 'Saturday, 春节调休上班'],
    ['2026-05-09', true, 'Saturday, 劳动节调休上班'],
    ['2026-09-20', true, 'Sunday, 国庆调休上班'],
    ['2026-09-25', false, '中秋节 Friday'],
    ['2026-10-07', false, 'last day of National Day'],
    ['2026-10-10', true, 'Saturday, 国庆调休上班'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(isWorkday(day, cal)).toBe(expected);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it.each<[string, number, string]>([
    // Spring Festival 2025 (1/28–2/4 off, 1/26 Sun and 2/8 Sat on)
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 4, '2025-02-08'],
    ['2025-01-27', 5, '2025-02-10'],
    ['2025-01-30', 1, '2025-02-05'], // started on a holiday: the next working day is day 1
    // National Day 2025 (10/1–10/8 off, 9/28 Sun and 10/11 Sat on)
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 2, '2025-09-29'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-30', 4, '2025-10-13'],
    // New Year 2026 (1/1–1/3 off, 1/4 Sun on)
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    // Spring Festival 2026 (2/15–2/23 off, 2/14 Sat and 2/28 Sat on)
    ['2026-02-12', 1, '2026-02-13'],
    ['2026-02-12', 2, '2026-02-14'],
    ['2026-02-12', 3, '2026-02-24'],
    ['2026-02-12', 5, '2026-02-26'],
    ['2026-02-24', 4, '2026-02-28'],
    ['2026-02-24', 5, '2026-03-02'],
    // Mid-Autumn and National Day 2026 (9/25–27, 10/1–7 off; 9/20 Sun and 10/10 Sat on)
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    // plain weeks
    ['2026-03-06', 5, '2026-03-13'],
    ['2026-03-07', 1, '2026-03-09'],
    ['2026-03-06', 0, '2026-03-06'],
    ['2026-03-07', 0, '2026-03-07'],
  ])('%s + %i working days = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n, cal)).toBe(expected);
    expect(workingDaysBetween(start, expected, cal)).toBe(n);
  });

  it('counts (from, to] and is antisymmetric', () => {
    expect(workingDaysBetween('2025-01-27', '2025-02-10', cal)).toBe(5);
    expect(workingDaysBetween('2025-02-10', '2025-01-27', cal)).toBe(-5);
    expect(workingDaysBetween('2025-10-01', '2025-10-08', cal)).toBe(0);
    expect(workingDaysBetween('2026-03-09', '2026-03-09', cal)).toBe(0);
  });

  it('agrees with itself on random dates (property)', () => {
    const prng = new Prng(20260214);
    for (let i = 0; i < 500; i++) {
      const start = addCalendarDays('2025-01-01', prng.int(0, 600));
      const n = prng.int(0, 40);
      const end = addWorkingDays(start, n, cal);
      expect(workingDaysBetween(start, end, cal)).toBe(n);
      if (n > 0) {
        expect(isWorkday(end, cal)).toBe(true);
        // the day before `end` is not enough
        expect(workingDaysBetween(start, addCalendarDays(end, -1), cal)).toBe(n - 1);
      }
    }
  });

  it('refuses negative, fractional and absurd counts and bad dates', () => {
    expect(() => addWorkingDays('2026-01-05', -1, cal)).toThrow(CalendarError);
    expect(() => addWorkingDays('2026-01-05', 1.5, cal)).toThrow(CalendarError);
    expect(() => addWorkingDays('2026-01-05', 1_000_000, cal)).toThrow(CalendarError);
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow(CalendarError);
    expect(() => addWorkingDays('2026/01/05', 1, cal)).toThrow(CalendarError);
  });

  it('finds the next working day', () => {
    expect(nextWorkdayOnOrAfter('2026-02-15', cal)).toBe('2026-02-24');
    expect(nextWorkdayOnOrAfter('2026-02-14', cal)).toBe('2026-02-14');
  });
});

describe('due times in Asia/Shanghai', () => {
  it('reads the county date of an instant (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-02-12T15:59:59.999Z'))).toBe('2026-02-12');
    expect(shanghaiDate(new Date('2026-02-12T16:00:00.000Z'))).toBe('2026-02-13');
  });

  it('starts a day at 00:00 +08:00 and ends it at 23:59:59.999 +08:00', () => {
    expect(startOfDayShanghai('2026-02-24').toISOString()).toBe('2026-02-23T16:00:00.000Z');
    expect(endOfDayShanghai('2026-02-24').toISOString()).toBe('2026-02-24T15:59:59.999Z');
  });

  it.each<[string, number, string]>([
    // accepted Friday morning before Spring Festival, 2 working days: 2/14 (Sat, on) and 2/24
    ['2026-02-13T02:00:00Z', 2, '2026-02-24T15:59:59.999Z'],
    // late Thursday evening UTC is already Friday in Shanghai
    ['2026-02-12T20:00:00Z', 2, '2026-02-24T15:59:59.999Z'],
    // submitted during the holiday: day 1 is the first day back
    ['2025-10-03T08:00:00Z', 1, '2025-10-09T15:59:59.999Z'],
    ['2025-10-03T08:00:00Z', 3, '2025-10-11T15:59:59.999Z'],
  ])('started %s with %i working days is due %s', (start, n, due) => {
    expect(dueAfterWorkingDays(new Date(start), n, cal).toISOString()).toBe(due);
  });
});

describe('createCalendar with county overrides', () => {
  it('adds a local holiday on a plain working day', () => {
    const local = createCalendar(OFFICIAL_CALENDAR_DAYS, [{ day: '2026-03-09', isWorkday: false, note: '县庆' }]);
    expect(addWorkingDays('2026-03-06', 1, local)).toBe('2026-03-10');
    expect(addWorkingDays('2026-03-06', 1, cal)).toBe('2026-03-09');
    expect(local.days.get('2026-03-09')?.note).toBe('县庆');
  });

  it('lets an override win over the official day, both ways', () => {
    const local = createCalendar(OFFICIAL_CALENDAR_DAYS, [
      { day: '2025-10-11', isWorkday: false, note: '县里不调休' },
      { day: '2025-10-08', isWorkday: true, note: '县里提前上班' },
    ]);
    expect(isWorkday('2025-10-11', cal)).toBe(true);
    expect(isWorkday('2025-10-11', local)).toBe(false);
    expect(isWorkday('2025-10-08', local)).toBe(true);
    expect(addWorkingDays('2025-09-30', 1, local)).toBe('2025-10-08');
  });

  it('counts the years of the overrides as covered (a notice typed in before the package has it)', () => {
    const local = createCalendar(OFFICIAL_CALENDAR_DAYS, [{ day: '2027-01-01', isWorkday: false, note: '元旦' }]);
    expect(isCovered('2027-06-01', local)).toBe(true);
    expect(isWorkday('2027-01-01', local)).toBe(false);
  });

  it('refuses a day listed twice in one source, or an impossible date', () => {
    const twice = [{ day: '2026-03-09', isWorkday: false, note: 'a' }, { day: '2026-03-09', isWorkday: true, note: 'b' }];
    expect(() => createCalendar(OFFICIAL_CALENDAR_DAYS, twice)).toThrow(/2026-03-09 is listed twice in the override days/);
    expect(() => createCalendar(twice)).toThrow(/listed twice in the official days/);
    expect(() => createCalendar([], [{ day: '2026-13-01', isWorkday: false, note: 'a' }])).toThrow(CalendarError);
  });
});
