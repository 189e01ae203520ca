import { sql, type Kysely } from 'kysely';
import { createCalendar } from '../../../core/sla/calendar.ts';
import { OFFICIAL_CALENDAR_DAYS } from '../../../core/sla/official-days.ts';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, workingMinutesBetween } from '../../../core/sla/working-hours.ts';

/**
 * The demand's response and resolution times in WORKING minutes (office hours on the county's working
 * days, core/sla/working-hours.ts), stored on the row by the demands service in the transaction that
 * accepts / resolves it, so the cockpit sums them instead of walking the calendar per row:
 *   response_working_minutes   = workingMinutesBetween(coalesce(assigned_at, created_at), accepted_at)
 *   resolution_working_minutes = workingMinutesBetween(created_at, resolved_at)
 * Existing rows are computed here once with the same core function, the calendar as it stands (official days
 * plus the county's overrides) and the OFFICE_HOURS setting (default 09:00-12:00,13:30-17:30).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demands add column response_working_minutes integer check (response_working_minutes >= 0),
    add column resolution_working_minutes integer check (resolution_working_minutes >= 0)`.execute(db);

  const overrides = await sql<{ day: string; is_workday: boolean; note: string }>`select to_char(day, 'YYYY-MM-DD') as day, is_workday, note from working_calendar`.execute(db);
  const calendar = createCalendar(OFFICIAL_CALENDAR_DAYS, overrides.rows.map((r) => ({ day: r.day, isWorkday: r.is_workday, note: r.note })));
  const hours = process.env.OFFICE_HOURS ? parseOfficeHours(process.env.OFFICE_HOURS) : DEFAULT_OFFICE_HOURS;
  const minutes = (a: Date | null, b: Date | null) => {
    if (a === null || b === null) return null;
    try {
      return Math.max(0, workingMinutesBetween(new Date(a), new Date(b), calendar, hours));
    } catch {
      return null; // a span beyond the engine's ten years: left unknown rather than guessed
    }
  };
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number; created_at: Date; assigned_at: Date | null; accepted_at: Date | null; resolved_at: Date | null }>`
      select id, created_at, assigned_at, accepted_at, resolved_at from demands
      where id > ${after} and (accepted_at is not null or resolved_at is not null) order by id limit 2000`.execute(db);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const values = rows.map((r) => sql`(${r.id}::int, ${minutes(r.assigned_at ?? r.created_at, r.accepted_at)}::int, ${minutes(r.created_at, r.resolved_at)}::int)`);
    await sql`update demands d set response_working_minutes = v.response, resolution_working_minutes = v.resolution
      from (values ${sql.join(values)}) v(id, response, resolution) where d.id = v.id`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demands drop column if exists response_working_minutes, drop column if exists resolution_working_minutes`.execute(db);
}
