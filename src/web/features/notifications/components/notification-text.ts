import type { AppNotification } from '../../../api/types.ts';
import { safeNextPath } from '../../../app/access.ts';

/** The notification's title and body in the user's language (the server sends both). */
export function notificationText(notification: Pick<AppNotification, 'title' | 'body'>, language: string | undefined): { title: string; body: string } {
  // Inline rather than lib/indicator-values: the bell is in every page's header and stays light.
  const en = language?.startsWith('en') ?? false;
  return { title: en ? notification.title.en : notification.title.zh, body: en ? notification.body.en : notification.body.zh };
}

/** The in-app path a notification opens, when it is one (never another site). */
export function notificationLink(notification: Pick<AppNotification, 'link'>): string | null {
  return safeNextPath(notification.link);
}

const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * When a notification was created, in the user's language and the county's clock — the same output as
 * lib/format's formatDateTime, written out here so the bell's chunk does not share (and re-split) the
 * module the login page loads.
 */
export function notificationTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = TIME_FORMATS.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
    TIME_FORMATS.set(language, format);
  }
  return format.format(date);
}
