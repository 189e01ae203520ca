/**
 * Working-time arithmetic across the 2026 National Day holiday and its make-up days (调休): 中秋 25–27
 * September, 国庆 1–7 October, Sunday 20 September and Saturday 10 October worked. Demand deadlines in
 * working hours and working days must jump the holiday and count the make-up days.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_CALENDAR, isWorkday, workingDaysBetween } from './calendar.ts';
import { pause, remaining, resume, startClock } from './clock.ts';
import { addWorkingMinutes, DEFAULT_OFFICE_HOURS, workingMinutesBetween } from './working-hours.ts';

const cal = DEFAULT_CALENDAR;
const at = (local: string) => new Date(`${local}+08:00`);
const rules = { calendar: cal, hours: DEFAULT_OFFICE_HOURS };

describe('2026 National Day and its make-up days', () => {
  it.each([
    ['2026-09-20', true, 'Sunday, 国庆节调休上班'],
    ['2026-09-25', false, 'Friday, 中秋'],
    ['2026-09-28', true, 'Monday between the holidays'],
    ['2026-09-30', true, 'Wednesday before National Day'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, 'last day of 国庆节'],
    ['2026-10-08', true, 'Thursday after'],
    ['2026-10-10', true, 'Saturday, 国庆节调休上班'],
    ['2026-10-11', false, 'Sunday after'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(isWorkday(day, cal)).toBe(expected);
  });

  it('counts working days over the holiday', () => {
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-24', 1, cal)).toBe('2026-09-28');
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cal)).toBe(4);
  });

  it('moves working-hour deadlines past the holiday and onto make-up days', () => {
    expect(addWorkingMinutes(at('2026-09-30T17:00:00'), 60, cal, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-10-08T09:30:00'));
    expect(addWorkingMinutes(at('2026-10-09T17:00:00'), 60, cal, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-10-10T09:30:00'));
    expect(addWorkingMinutes(at('2026-09-19T10:00:00'), 30, cal, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-09-20T09:30:00'));
    expect(workingMinutesBetween(at('2026-09-30T09:00:00'), at('2026-10-08T12:00:00'), cal, DEFAULT_OFFICE_HOURS)).toBe(420 + 180);
  });

  it('a clock paused over the holiday loses no working time', () => {
    const started = startClock(at('2026-09-29T09:00:00'), { unit: 'minutes', amount: 3 * 420 }, rules);
    expect(started.due).toEqual(at('2026-10-08T17:30:00'));
    const paused = pause(started, at('2026-09-30T09:00:00'));
    const resumed = resume(paused, at('2026-10-08T09:00:00'));
    expect(remaining(resumed, at('2026-10-08T09:00:00'))).toEqual({ unit: 'minutes', amount: 2 * 420 });
    // Two working days left from Thursday 8 October: Thursday and Friday (Saturday 10 October is worked, but not needed).
    expect(resumed.due).toEqual(at('2026-10-09T17:30:00'));
  });
});
