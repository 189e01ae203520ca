import { describe, expect, it } from 'vitest';
import { createCalendar, DEFAULT_CALENDAR, dueAfterWorkingDays } from './calendar.ts';
import { ClockError, dueAt, isOverdue, isPaused, pause, remaining, replayClock, resume, startClock, type Clock, type ClockBudget } from './clock.ts';
import { OFFICIAL_CALENDAR_DAYS } from './official-days.ts';
import { parseOfficeHours } from './working-hours.ts';

const rules = { calendar: DEFAULT_CALENDAR };
/** An instant written in Shanghai local time: '2025-09-30 17:29' → 2025-09-30T17:29+08:00. */
const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const local = (instant: Date | null): string | null => (instant ? new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null);
const minutes = (amount: number): ClockBudget => ({ unit: 'minutes', amount });
const days = (amount: number): ClockBudget => ({ unit: 'days', amount });

/** Runs a clock through [pause, resume] pairs given in Shanghai time (resume null: still paused). */
function run(start: string, budget: ClockBudget, stops: [string, string | null][]): Clock {
  let clock = startClock(sh(start), budget, rules);
  for (const [from, to] of stops) {
    clock = pause(clock, sh(from));
    if (to) clock = resume(clock, sh(to));
  }
  return clock;
}

describe('a clock of working minutes (09:00–12:00, 13:30–17:30)', () => {
  it.each<[string, string, number, [string, string | null][], string | null]>([
    ['no pause', '2026-03-10 09:00', 240, [], '2026-03-10 14:30'],
    // 60 minutes used by 10:00; paused until 16:00; 180 left from 16:00: 90 today, 90 tomorrow
    ['paused the same day', '2026-03-10 09:00', 240, [['2026-03-10 10:00', '2026-03-10 16:00']], '2026-03-11 10:30'],
    ['resumed at lunch: counts from 13:30', '2026-03-10 09:00', 120, [['2026-03-10 10:00', '2026-03-10 12:10']], '2026-03-10 14:30'],
    ['resumed in the evening: counts from the next opening', '2026-03-10 09:00', 120, [['2026-03-10 10:00', '2026-03-10 20:00']], '2026-03-11 10:00'],
    // paused before 国庆 (60 used), resumed during it: the 360 left count from 10/9 09:00 (180 + 180)
    ['a pause spanning 国庆', '2025-09-30 16:00', 7 * 60, [['2025-09-30 17:00', '2025-10-05 10:00']], '2025-10-09 16:30'],
    // 60 used; 480 left from Friday 10/10 16:00: 90 on Friday, 390 on the 调休 Saturday 10/11
    ['a pause spanning 国庆, the rest on the 调休 Saturday', '2025-09-30 09:00', 9 * 60, [['2025-09-30 10:00', '2025-10-10 16:00']], '2025-10-11 17:00'],
    // 春节 2026 (2/14 Saturday works, 2/15–2/23 off): 390 used on 2/13, 90 left from 2/24 09:00
    ['a pause spanning 春节', '2026-02-13 09:00', 8 * 60, [['2026-02-13 17:00', '2026-02-20 12:00']], '2026-02-24 10:30'],
    ['paused Friday before 春节, resumed on the 调休 Saturday', '2026-02-13 09:00', 8 * 60, [['2026-02-13 17:00', '2026-02-14 09:00']], '2026-02-14 10:30'],
    ['two pauses', '2026-03-10 09:00', 120, [['2026-03-10 09:30', '2026-03-10 10:00'], ['2026-03-10 10:30', '2026-03-11 09:00']], '2026-03-11 10:00'],
    ['paused: no deadline', '2026-03-10 09:00', 120, [['2026-03-10 09:30', null]], null],
  ])('%s', (_name, start, budget, stops, due) => {
    expect(local(dueAt(run(start, minutes(budget), stops)))).toBe(due);
  });

  it('tells the working time left, stopped while paused', () => {
    let clock = startClock(sh('2026-03-10 09:00'), minutes(240), rules);
    expect(remaining(clock, sh('2026-03-10 08:00'))).toEqual(minutes(240));
    expect(remaining(clock, sh('2026-03-10 12:45'))).toEqual(minutes(60));
    clock = pause(clock, sh('2026-03-10 10:00'));
    expect(isPaused(clock)).toBe(true);
    expect(remaining(clock, sh('2026-03-20 10:00'))).toEqual(minutes(180));
    clock = resume(clock, sh('2026-03-13 16:30')); // Friday: 60 today, 120 on Monday
    expect(remaining(clock, sh('2026-03-14 12:00'))).toEqual(minutes(120));
    expect(local(dueAt(clock))).toBe('2026-03-16 11:00');
    expect(remaining(clock, sh('2026-03-16 11:00'))).toEqual(minutes(0));
    expect(remaining(clock, sh('2026-03-16 11:30'))).toEqual(minutes(-30));
  });

  it('counts a started minute as left, and as late (whole minutes away from zero)', () => {
    const clock = startClock(sh('2026-03-10 09:00'), minutes(10), rules);
    expect(remaining(clock, new Date(sh('2026-03-10 09:05').getTime() + 1))).toEqual(minutes(5));
    expect(remaining(clock, new Date(sh('2026-03-10 09:10').getTime() + 1))).toEqual(minutes(-1));
    // a pause mid-minute keeps the exact milliseconds: the deadline moves by whole working time
    const paused = pause(clock, new Date(sh('2026-03-10 09:05').getTime() + 30_000));
    expect(remaining(paused, sh('2026-03-11 00:00'))).toEqual(minutes(5));
    const resumed = resume(paused, sh('2026-03-11 09:00'));
    expect(dueAt(resumed)?.toISOString()).toBe(new Date(sh('2026-03-11 09:04').getTime() + 30_000).toISOString());
  });

  it('is overdue after its deadline, never because of a pause, still if it was late when paused', () => {
    const clock = startClock(sh('2026-03-10 09:00'), minutes(60), rules);
    expect(isOverdue(clock, sh('2026-03-10 10:00'))).toBe(false);
    expect(isOverdue(clock, new Date(sh('2026-03-10 10:00').getTime() + 1))).toBe(true);
    const early = pause(clock, sh('2026-03-10 09:30'));
    expect(isOverdue(early, sh('2026-04-30 09:00'))).toBe(false);
    const late = pause(clock, sh('2026-03-10 11:00'));
    expect(isOverdue(late, sh('2026-03-10 11:00'))).toBe(true);
    expect(remaining(late, sh('2026-03-12 11:00'))).toEqual(minutes(-60));
    // resumed late: no time left, due at once
    const back = resume(late, sh('2026-03-11 09:00'));
    expect(local(dueAt(back))).toBe('2026-03-11 09:00');
    expect(isOverdue(back, sh('2026-03-11 09:01'))).toBe(true);
    expect(remaining(back, sh('2026-03-11 09:30'))).toEqual(minutes(-90));
  });

  it('uses the office hours and calendar it was given', () => {
    const county = createCalendar(OFFICIAL_CALENDAR_DAYS, [{ day: '2026-03-11', isWorkday: false, note: '县庆' }]);
    const clock = startClock(sh('2026-03-10 16:00'), minutes(120), { calendar: county, hours: parseOfficeHours('08:00-17:00') });
    expect(local(dueAt(clock))).toBe('2026-03-12 09:00');
  });
});

describe('a clock of working days (due at the end of the n-th working day)', () => {
  it('without pauses is due exactly when dueAfterWorkingDays says (applications keep their deadlines)', () => {
    for (const [start, n] of [['2025-09-30 10:00', 3], ['2026-02-13 10:00', 2], ['2026-03-10 23:00', 5]] as const) {
      expect(dueAt(startClock(sh(start), days(n), rules))).toEqual(dueAfterWorkingDays(sh(start), n, DEFAULT_CALENDAR));
    }
  });

  it.each<[string, string, number, [string, string | null][], string | null]>([
    ['no pause, over 国庆 and the 调休 Saturday', '2025-09-30 10:00', 3, [], '2025-10-11 23:59'],
    // Monday + 5 = next Monday; paused and resumed on Wednesday: costs nothing
    ['a pause within one day', '2026-03-09 10:00', 5, [['2026-03-11 10:00', '2026-03-11 16:00']], '2026-03-16 23:59'],
    // 2 days used (Tue, Wed); 3 left from Thursday (day 0): Fri, Mon, Tue
    ['paused Wednesday, resumed Thursday', '2026-03-09 10:00', 5, [['2026-03-11 10:00', '2026-03-12 09:00']], '2026-03-17 23:59'],
    // 1 day used (9/30); 4 left from 10/8 (day 0): 10/9, 10/10, 10/11 (Saturday, 调休), 10/13
    ['a pause spanning 国庆', '2025-09-29 10:00', 5, [['2025-09-30 10:00', '2025-10-08 10:00']], '2025-10-13 23:59'],
    // 1 day used (2/13); 2 left from 2/20 (day 0): 2/24, 2/25
    ['a pause spanning 春节', '2026-02-12 10:00', 3, [['2026-02-13 10:00', '2026-02-20 10:00']], '2026-02-25 23:59'],
    ['resumed with nothing left: by the end of the resume day', '2026-03-09 10:00', 1, [['2026-03-10 10:00', '2026-03-12 09:00']], '2026-03-12 23:59'],
  ])('%s', (_name, start, n, stops, due) => {
    expect(local(dueAt(run(start, days(n), stops)))).toBe(due);
  });

  it('tells the working days left', () => {
    const clock = run('2026-03-09 10:00', days(5), [['2026-03-11 10:00', null]]);
    expect(remaining(clock, sh('2026-03-30 10:00'))).toEqual(days(3));
    const back = resume(clock, sh('2026-03-12 09:00'));
    expect(remaining(back, sh('2026-03-13 09:00'))).toEqual(days(2));
    expect(remaining(back, sh('2026-03-18 09:00'))).toEqual(days(-1));
    expect(isOverdue(back, sh('2026-03-18 00:00'))).toBe(true);
  });
});

describe('clock errors the caller can read', () => {
  const clock = startClock(sh('2026-03-10 09:00'), minutes(60), rules);
  const codeOf = (f: () => unknown): string | null => {
    try {
      f();
      return null;
    } catch (error) {
      return error instanceof ClockError ? error.code : `not a ClockError: ${String(error)}`;
    }
  };

  it.each<[string, () => unknown, string]>([
    ['pause twice', () => pause(pause(clock, sh('2026-03-10 09:10')), sh('2026-03-10 09:20')), 'already_paused'],
    ['resume a running clock', () => resume(clock, sh('2026-03-10 09:10')), 'not_paused'],
    ['resume twice', () => resume(resume(pause(clock, sh('2026-03-10 09:10')), sh('2026-03-10 09:20')), sh('2026-03-10 09:30')), 'not_paused'],
    ['pause before the start', () => pause(clock, sh('2026-03-10 08:59')), 'out_of_order'],
    ['resume before the pause', () => resume(pause(clock, sh('2026-03-10 09:10')), sh('2026-03-10 09:05')), 'out_of_order'],
    ['pause before the last resume', () => pause(resume(pause(clock, sh('2026-03-10 09:10')), sh('2026-03-10 09:20')), sh('2026-03-10 09:15')), 'out_of_order'],
    ['a negative budget', () => startClock(sh('2026-03-10 09:00'), minutes(-1), rules), 'invalid_budget'],
    ['a fractional budget', () => startClock(sh('2026-03-10 09:00'), days(1.5), rules), 'invalid_budget'],
    ['an invalid instant', () => pause(clock, new Date(NaN)), 'invalid_instant'],
  ])('%s', (_name, f, code) => {
    expect(codeOf(f)).toBe(code);
  });

  it('leaves the clock it was given unchanged (values, not objects to mutate)', () => {
    const paused = pause(clock, sh('2026-03-10 09:30'));
    expect(clock.pauses).toEqual([]);
    expect(isPaused(clock)).toBe(false);
    expect(Object.isFrozen(paused) && Object.isFrozen(paused.pauses)).toBe(true);
    expect(dueAt(clock)).toEqual(sh('2026-03-10 10:00'));
  });
});

describe('replayClock', () => {
  it('rebuilds a clock from its stored history, the same as step by step', () => {
    const stepwise = run('2025-09-30 16:00', minutes(420), [['2025-09-30 17:00', '2025-10-05 10:00'], ['2025-10-09 10:00', null]]);
    const replayed = replayClock(stepwise.startedAt, stepwise.budget, stepwise.pauses, rules);
    expect(replayed).toEqual(stepwise);
    expect(() => replayClock(stepwise.startedAt, stepwise.budget, [{ from: sh('2025-10-01 10:00'), to: null }, { from: sh('2025-10-02 10:00'), to: null }], rules)).toThrow(ClockError);
  });
});
