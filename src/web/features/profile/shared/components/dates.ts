import { countyDate } from '../../../../lib/format.ts';

/** The last day of a consent: validUntil is the instant it ends (24:00 of that day, county time). */
export function lastDay(validUntil: string): string {
  const end = new Date(validUntil).getTime();
  return Number.isNaN(end) ? validUntil : countyDate(new Date(end - 1).toISOString());
}
