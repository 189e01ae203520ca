/** Date and time in the user's language, in the platform's time zone (one county, one clock). */
export const TIME_ZONE = 'Asia/Shanghai';

const COUNTY_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the county ('YYYY-MM-DD', Asia/Shanghai), whatever the browser's clock zone. */
export function todayInCounty(now: Date = new Date()): string {
  return COUNTY_DATE.format(now);
}

/** The date of an ISO instant in the county ('YYYY-MM-DD'); '' for none, the text itself when it is no instant. */
export function countyDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : COUNTY_DATE.format(date);
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: TIME_ZONE,
  }).format(date);
}

export function isFuture(iso: string | null | undefined, now = Date.now()): boolean {
  if (!iso) return false;
  const time = new Date(iso).getTime();
  return Number.isFinite(time) && time > now;
}
