import type { Kysely } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB, Role } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../request-context.ts';
import { createOutboundDeliveries } from '../outbound/index.ts';
import { presentNotification } from './notifications.presenter.ts';
import * as repo from './notifications.repository.ts';
import type { NotificationInput, NotificationView } from './notifications.schemas.ts';
import type { NotificationHub, StreamSink } from './notifications.stream.ts';
import type { PageRequest } from '../../platform/pagination.ts';

const KIND = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
// An app path: '/x…', never '//host' or '/\host', which browsers treat as another site.
const APP_PATH = /^\/(?![/\\])/;

/** A malformed notification is the calling module's bug: it fails loudly rather than reaching users. */
function toItem(idx: number, input: NotificationInput, enterpriseId: number | null): repo.NotificationItem {
  const problems: string[] = [];
  if (!KIND.test(input.kind) || input.kind.length > 64) problems.push(`kind "${input.kind}" must be dotted lower-case words`);
  if (!input.dedupeKey || input.dedupeKey.length > 200) problems.push('dedupeKey must be 1–200 characters');
  for (const [name, text, max, min] of [
    ['titleZh', input.titleZh, 500, 1],
    ['titleEn', input.titleEn, 500, 1],
    ['bodyZh', input.bodyZh, 4000, 0],
    ['bodyEn', input.bodyEn, 4000, 0],
  ] as const) {
    if (typeof text !== 'string' || text.length < min || text.length > max) problems.push(`${name} must be ${min}–${max} characters`);
  }
  if (input.link != null && !APP_PATH.test(input.link)) problems.push(`link "${input.link}" must be an app path starting with one /`);
  if (problems.length > 0) throw new TypeError(`invalid notification: ${problems.join('; ')}`);
  return {
    idx,
    enterprise_id: enterpriseId,
    kind: input.kind,
    params: input.params ?? {},
    title_zh: input.titleZh,
    title_en: input.titleEn,
    body_zh: input.bodyZh,
    body_en: input.bodyEn,
    link: input.link ?? null,
    dedupe_key: input.dedupeKey,
  };
}

/** Runs `work` in the caller's transaction, or in a new one, so notifications and their deliveries commit together. */
async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function insertAndDeliver(db: Executor, items: repo.NotificationItem[], recipients: repo.Recipients): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const created = await repo.insertNotifications(trx, items, recipients);
    const ids = created.map((row) => row.id);
    await createOutboundDeliveries(trx, ids);
    return ids;
  });
}

/**
 * Notifies these users (disabled ones are skipped). Call with the transaction of the change that causes
 * the notification: if it rolls back, nobody is notified and nothing is sent. A user already notified
 * under `dedupeKey` is not notified again. When the webhook channel is on, each new notification gets a
 * delivery whose first attempt is enqueued in the same transaction.
 * @returns ids of the notifications actually created (empty when all were duplicates)
 */
export async function notifyUsers(trx: Executor, userIds: readonly number[], notification: NotificationInput): Promise<number[]> {
  const item = toItem(0, notification, notification.enterpriseId ?? null);
  return insertAndDeliver(trx, [item], { kind: 'users', userIds: [...new Set(userIds)] });
}

/**
 * Notifies every active user of an enterprise (the users of its organisation, enterprises.org_id →
 * users.org_id). An enterprise nobody has signed up for yet has no users: nothing is created. Same
 * transaction and dedupe rules as notifyUsers; the notification carries `enterpriseId`.
 * @returns ids of the notifications actually created
 */
export async function notifyEnterprise(trx: Executor, enterpriseId: number, notification: NotificationInput): Promise<number[]> {
  return notifyEnterprises(trx, [{ enterpriseId, notification }]);
}

/**
 * notifyEnterprise for many enterprises in one statement — for county-wide work such as pushing a newly
 * published policy to every eligible enterprise.
 * @returns ids of the notifications actually created
 */
export async function notifyEnterprises(trx: Executor, items: readonly { enterpriseId: number; notification: NotificationInput }[]): Promise<number[]> {
  const rows = items.map((item, idx) => toItem(idx, item.notification, item.enterpriseId));
  return insertAndDeliver(trx, rows, { kind: 'enterprises' });
}

/**
 * Notifies the active users of an organisation, optionally only those holding one of `roles` (e.g. every
 * department_staff of a department). Same transaction and dedupe rules as notifyUsers.
 * @returns ids of the notifications actually created
 */
export async function notifyOrg(trx: Executor, orgId: number, notification: NotificationInput, options: { roles?: readonly Role[] } = {}): Promise<number[]> {
  const item = toItem(0, notification, notification.enterpriseId ?? null);
  return insertAndDeliver(trx, [item], { kind: 'org', orgId, roles: options.roles?.length ? options.roles : null });
}

/** The signed-in user's notifications, newest first, with the count of unread ones. */
export async function listMyNotifications(db: Kysely<DB>, actor: Actor, filter: { unread?: boolean }, page: PageRequest) {
  const [{ rows, total }, unreadCount] = await Promise.all([
    repo.findUserNotifications(db, actor.userId, filter, page),
    repo.countUnread(db, actor.userId),
  ]);
  return { items: rows.map(presentNotification), total, ...page, unreadCount };
}

/** Marks one of the user's own notifications read; another user's is "not found" (its existence is not revealed). */
export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: number): Promise<NotificationView> {
  const row = await repo.markRead(db, actor.userId, id);
  if (!row) throw notFound('Notification');
  return presentNotification(row);
}

/** Marks all of the user's notifications read. */
export async function markAllNotificationsRead(db: Kysely<DB>, actor: Actor): Promise<{ updated: number; unreadCount: number }> {
  const updated = await repo.markAllRead(db, actor.userId);
  return { updated, unreadCount: await repo.countUnread(db, actor.userId) };
}

/**
 * Opens the signed-in session's notification stream on this instance's hub. The stream ends when the
 * session does (logout, expiry, disabling), at the hub's next poll.
 */
export function openNotificationStream(hub: NotificationHub, actor: Actor, sink: StreamSink): () => void {
  return hub.open({ userId: actor.userId, sessionHash: actor.sessionHash }, sink);
}
