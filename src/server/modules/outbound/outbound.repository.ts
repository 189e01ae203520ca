import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { OutboundDeliveryRow, OutboundDeliveryStatus } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

/** Job kind of one webhook delivery attempt; payload `{deliveryId, attempt}`. */
export const WEBHOOK_JOB = 'outbound.webhook';

/** Dedupe key of the job making attempt `attempt` of a delivery: each attempt is enqueued once. */
export const webhookJobKey = (deliveryId: number, attempt: number): string => `${WEBHOOK_JOB}:${deliveryId}:${attempt}`;

/**
 * Creates a pending webhook delivery for each notification and enqueues its first attempt — the bulk form
 * of enqueueJob, one statement whatever the number, because a county-wide push notifies thousands.
 */
export async function insertWebhookDeliveries(db: Executor, notificationIds: readonly number[]): Promise<number> {
  if (notificationIds.length === 0) return 0;
  const result = await sql<{ id: number }>`
    with deliveries as (
      insert into outbound_deliveries (notification_id, channel)
      select id, 'webhook' from unnest(${[...notificationIds]}::bigint[]) as ids(id)
      on conflict (notification_id, channel) do nothing
      returning id
    ), queued as (
      insert into jobs (kind, payload, dedupe_key)
      select ${WEBHOOK_JOB}, jsonb_build_object('deliveryId', id, 'attempt', 1), ${WEBHOOK_JOB} || ':' || id || ':1'
      from deliveries
      on conflict (dedupe_key) do nothing
    )
    select id from deliveries`.execute(db);
  return result.rows.length;
}

/**
 * Takes attempt `attempt` of a pending delivery for this sender: the previous attempt is finished, or this
 * very attempt was taken by a sender that died (its hold expired). Returns null when the attempt is not
 * this sender's to make (made already, delivered, dead, or held by a live sender).
 */
export async function claimAttempt(db: Executor, deliveryId: number, attempt: number, holdSeconds: number): Promise<OutboundDeliveryRow | null> {
  const result = await sql<OutboundDeliveryRow>`
    update outbound_deliveries
    set attempts = ${attempt}, locked_until = now() + make_interval(secs => ${holdSeconds}), updated_at = now()
    where id = ${deliveryId} and status = 'pending'
      and ((attempts = ${attempt - 1} and locked_until is null) or (attempts = ${attempt} and locked_until < now()))
    returning *`.execute(db);
  return result.rows[0] ?? null;
}

export async function findDeliveryById(db: Executor, id: number): Promise<OutboundDeliveryRow | undefined> {
  return db.selectFrom('outbound_deliveries').where('id', '=', id).selectAll().executeTakeFirst();
}

/** Records the outcome of the attempt this sender holds; false when the attempt was not (or no longer) its. */
export async function recordAttempt(
  db: Executor,
  deliveryId: number,
  attempt: number,
  outcome: { status: OutboundDeliveryStatus; lastStatus: number | null; lastError: string | null; nextAttemptAt?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('outbound_deliveries')
    .set({
      status: outcome.status,
      last_status: outcome.lastStatus,
      last_error: outcome.lastError?.slice(0, 1000) ?? null,
      locked_until: null,
      updated_at: new Date(),
      ...(outcome.status === 'delivered' && { delivered_at: new Date() }),
      ...(outcome.nextAttemptAt && { next_attempt_at: outcome.nextAttemptAt }),
    })
    .where('id', '=', deliveryId)
    .where('attempts', '=', attempt)
    .where('status', '=', 'pending')
    .where('locked_until', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A dead delivery becomes pending again with a new round of `extraAttempts` attempts. */
export async function reviveDelivery(db: Executor, id: number, extraAttempts: number): Promise<OutboundDeliveryRow | null> {
  const result = await sql<OutboundDeliveryRow>`
    update outbound_deliveries
    set status = 'pending', max_attempts = attempts + ${extraAttempts}, next_attempt_at = now(), locked_until = null, updated_at = now()
    where id = ${id} and status = 'dead'
    returning *`.execute(db);
  return result.rows[0] ?? null;
}

function deliveriesQuery(db: Executor) {
  return db.selectFrom('outbound_deliveries').innerJoin('notifications', 'notifications.id', 'outbound_deliveries.notification_id');
}

const DELIVERY_COLUMNS = [
  'outbound_deliveries.id',
  'outbound_deliveries.notification_id',
  'outbound_deliveries.channel',
  'outbound_deliveries.status',
  'outbound_deliveries.attempts',
  'outbound_deliveries.max_attempts',
  'outbound_deliveries.next_attempt_at',
  'outbound_deliveries.last_status',
  'outbound_deliveries.last_error',
  'outbound_deliveries.delivered_at',
  'outbound_deliveries.created_at',
  'outbound_deliveries.updated_at',
  'notifications.kind',
  'notifications.user_id',
  'notifications.enterprise_id',
  'notifications.title_zh',
  'notifications.title_en',
  'notifications.created_at as notification_created_at',
] as const;

export async function findDeliveryWithNotification(db: Executor, id: number) {
  return deliveriesQuery(db).where('outbound_deliveries.id', '=', id).select(DELIVERY_COLUMNS).executeTakeFirst();
}

export async function findDeliveries(db: Executor, filter: { status?: OutboundDeliveryStatus }, page: PageRequest) {
  let query = deliveriesQuery(db);
  if (filter.status) query = query.where('outbound_deliveries.status', '=', filter.status);
  return findPage(query, (q) => q.select(DELIVERY_COLUMNS).orderBy('outbound_deliveries.id', 'desc'), page);
}

export type DeliveryWithNotification = NonNullable<Awaited<ReturnType<typeof findDeliveryWithNotification>>>;

/** The notification a delivery carries, for the payload. */
export async function findNotificationById(db: Executor, id: number) {
  return db
    .selectFrom('notifications')
    .where('id', '=', id)
    .select(['id', 'kind', 'user_id', 'enterprise_id', 'title_zh', 'body_zh', 'link', 'created_at'])
    .executeTakeFirst();
}
