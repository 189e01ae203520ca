import { createCalendar, type WorkingCalendar } from '../../core/sla/calendar.ts';
import type { Executor } from '../db/database.ts';

/**
 * The county's working-day calendar as the database holds it (`working_calendar`: the State Council's
 * schedules as shipped, plus whatever the deployment edited). A few dozen rows a year, read per use so an
 * edit counts at once on every instance.
 */
export async function loadWorkingCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('working_calendar').select(['day', 'is_workday', 'note']).orderBy('day').execute();
  return createCalendar(rows.map((row) => ({ day: row.day, isWorkday: row.is_workday, note: row.note })));
}
