import { sql, type Kysely } from 'kysely';

/**
 * `working_calendar` becomes the county's overrides only. The official holidays and 调休 days now come from
 * the npm package `chinese-days` (src/core/sla/official-days.ts) for every year it covers, so the 2025–2026
 * rows that migration 20261127T1200 typed in are removed: kept, they would pin those years to a copy that a
 * package update could no longer correct.
 *
 * Only rows exactly as shipped (same day, same working/off, same note) are deleted. A row the county edited
 * (another note, the other way round) or added is a local decision and stays, now as an override. The list
 * below is a copy of 1200's, not an import: a migration never depends on code that may change after it.
 */
const SHIPPED_ROWS: [string, boolean, string][] = [
  ['2025-01-01', false, '元旦'],
  ['2025-01-26', true, '春节调休上班'],
  ['2025-01-28', false, '春节'],
  ['2025-01-29', false, '春节'],
  ['2025-01-30', false, '春节'],
  ['2025-01-31', false, '春节'],
  ['2025-02-01', false, '春节'],
  ['2025-02-02', false, '春节'],
  ['2025-02-03', false, '春节'],
  ['2025-02-04', false, '春节'],
  ['2025-02-08', true, '春节调休上班'],
  ['2025-04-04', false, '清明节'],
  ['2025-04-05', false, '清明节'],
  ['2025-04-06', false, '清明节'],
  ['2025-04-27', true, '劳动节调休上班'],
  ['2025-05-01', false, '劳动节'],
  ['2025-05-02', false, '劳动节'],
  ['2025-05-03', false, '劳动节'],
  ['2025-05-04', false, '劳动节'],
  ['2025-05-05', false, '劳动节'],
  ['2025-05-31', false, '端午节'],
  ['2025-06-01', false, '端午节'],
  ['2025-06-02', false, '端午节'],
  ['2025-09-28', true, '国庆节、中秋节调休上班'],
  ['2025-10-01', false, '国庆节、中秋节'],
  ['2025-10-02', false, '国庆节、中秋节'],
  ['2025-10-03', false, '国庆节、中秋节'],
  ['2025-10-04', false, '国庆节、中秋节'],
  ['2025-10-05', false, '国庆节、中秋节'],
  ['2025-10-06', false, '国庆节、中秋节'],
  ['2025-10-07', false, '国庆节、中秋节'],
  ['2025-10-08', false, '国庆节、中秋节'],
  ['2025-10-11', true, '国庆节、中秋节调休上班'],
  ['2026-01-01', false, '元旦'],
  ['2026-01-02', false, '元旦'],
  ['2026-01-03', false, '元旦'],
  ['2026-01-04', true, '元旦调休上班'],
  ['2026-02-14', true, '春节调休上班'],
  ['2026-02-15', false, '春节'],
  ['2026-02-16', false, '春节'],
  ['2026-02-17', false, '春节'],
  ['2026-02-18', false, '春节'],
  ['2026-02-19', false, '春节'],
  ['2026-02-20', false, '春节'],
  ['2026-02-21', false, '春节'],
  ['2026-02-22', false, '春节'],
  ['2026-02-23', false, '春节'],
  ['2026-02-28', true, '春节调休上班'],
  ['2026-04-04', false, '清明节'],
  ['2026-04-05', false, '清明节'],
  ['2026-04-06', false, '清明节'],
  ['2026-05-01', false, '劳动节'],
  ['2026-05-02', false, '劳动节'],
  ['2026-05-03', false, '劳动节'],
  ['2026-05-04', false, '劳动节'],
  ['2026-05-05', false, '劳动节'],
  ['2026-05-09', true, '劳动节调休上班'],
  ['2026-06-19', false, '端午节'],
  ['2026-06-20', false, '端午节'],
  ['2026-06-21', false, '端午节'],
  ['2026-09-20', true, '国庆节调休上班'],
  ['2026-09-25', false, '中秋节'],
  ['2026-09-26', false, '中秋节'],
  ['2026-09-27', false, '中秋节'],
  ['2026-10-01', false, '国庆节'],
  ['2026-10-02', false, '国庆节'],
  ['2026-10-03', false, '国庆节'],
  ['2026-10-04', false, '国庆节'],
  ['2026-10-05', false, '国庆节'],
  ['2026-10-06', false, '国庆节'],
  ['2026-10-07', false, '国庆节'],
  ['2026-10-10', true, '国庆节调休上班'],
];

const rowsSql = () => sql.join(SHIPPED_ROWS.map(([day, isWorkday, note]) => sql`(${day}::date, ${isWorkday}, ${note})`));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from working_calendar where (day, is_workday, note) in (${rowsSql()})`.execute(db);
  await sql`comment on table working_calendar is 'County overrides of the official holiday schedule (official days come from the chinese-days package); note says why'`.execute(db);
}

/** Puts the shipped rows back where the county has not overridden the day since. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`comment on table working_calendar is null`.execute(db);
  await sql`insert into working_calendar (day, is_workday, note) values ${rowsSql()} on conflict (day) do nothing`.execute(db);
}
