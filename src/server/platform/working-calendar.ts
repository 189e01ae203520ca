import { createCalendar, type WorkingCalendar } from '../../core/sla/calendar.ts';
import { OFFICIAL_CALENDAR_DAYS } from '../../core/sla/official-days.ts';
import type { Executor } from '../db/database.ts';

/**
 * The county's working-day calendar: the official holidays and 调休 days (npm `chinese-days`, every year it
 * covers) with the county's overrides from `working_calendar` on top (a local holiday, a day worked anyway).
 * The table holds only overrides — a few rows a year — and is read per use so an edit counts at once on
 * every instance. Throws CalendarError if the overrides list a day twice (the primary key prevents it).
 */
export async function loadWorkingCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('working_calendar').select(['day', 'is_workday', 'note']).orderBy('day').execute();
  return createCalendar(
    OFFICIAL_CALENDAR_DAYS,
    rows.map((row) => ({ day: row.day, isWorkday: row.is_workday, note: row.note })),
  );
}
