/**
 * "Today" where the county is. Year boundaries decide which year is complete (derived tags), whether an
 * as-of date lies in the future and which policies are in force, so they must not depend on the server's
 * time zone.
 */
export function todayInCounty(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
