import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB, OutboundDeliveryStatus } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertCanOperateOutbound } from './outbound.policy.ts';
import { presentDelivery } from './outbound.presenter.ts';
import * as repo from './outbound.repository.ts';
import type { OutboundDelivery } from './outbound.schemas.ts';
import { postWebhook, WEBHOOK_TIMEOUT_MS, type WebhookPayload, type WebhookTarget } from './outbound.webhook.ts';
import type { PageRequest } from '../../platform/pagination.ts';

/** Failed attempts before a delivery is dead (dead-letter list); an administrator's retry grants as many again. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/**
 * How long an attempt holds its delivery. Longer than the request timeout, shorter than the job lease:
 * the job of a sender that died is taken over after the lease, and by then this hold has run out too.
 */
const ATTEMPT_HOLD_SECONDS = Math.ceil(WEBHOOK_TIMEOUT_MS / 1000) * 6;

/**
 * Wait after failed attempt `attempt` (1-based): 1, 2, 4, 8, 16, 32, 64 minutes — eight attempts span
 * about two hours, long enough to ride out a receiver's restart or deployment, capped at 6 hours.
 */
export function webhookBackoffSeconds(attempt: number): number {
  return Math.min(6 * 3600, 60 * 2 ** (attempt - 1));
}

let isWebhookOn = false;

/**
 * Switches the webhook channel on or off for this process (from WEBHOOK_URL, by the app at start).
 * Process-wide on purpose: other modules call notifyUsers(trx, …) from anywhere — services, jobs, the
 * CLI — and must not carry the configuration around; one process runs one configuration.
 */
export function setWebhookChannel(isOn: boolean): void {
  isWebhookOn = isOn;
}

/**
 * Gives each new notification its outbound deliveries (one webhook delivery, when the channel is on) and
 * enqueues their first attempts. Call inside the transaction that created the notifications: a rolled-back
 * change then sends nothing, and a committed one is never lost.
 */
export async function createOutboundDeliveries(trx: Executor, notificationIds: readonly number[]): Promise<number> {
  if (!isWebhookOn || notificationIds.length === 0) return 0;
  return repo.insertWebhookDeliveries(trx, notificationIds);
}

/** The dead-letter list (status=dead) and the other deliveries, newest first (administrators). */
export async function listDeliveries(db: Kysely<DB>, actor: Actor, filter: { status?: OutboundDeliveryStatus }, page: PageRequest) {
  assertCanOperateOutbound(actor);
  const { rows, total } = await repo.findDeliveries(db, filter, page);
  return { items: rows.map(presentDelivery), total, ...page };
}

/**
 * Sends a dead delivery again (the receiver is fixed): pending with a new round of attempts, the first
 * one enqueued now. Only dead deliveries: a pending one is already scheduled, a delivered one must never
 * be sent twice.
 */
export async function retryDelivery(db: Kysely<DB>, actor: Actor, id: number, options: { isWebhookConfigured: boolean }): Promise<OutboundDelivery> {
  assertCanOperateOutbound(actor);
  const current = await repo.findDeliveryById(db, id);
  if (!current) throw notFound('Delivery');
  if (!options.isWebhookConfigured) throw new AppError('conflict', 'The webhook channel is off (WEBHOOK_URL is not set); nothing would send it');
  await db.transaction().execute(async (trx) => {
    const revived = await repo.reviveDelivery(trx, id, WEBHOOK_MAX_ATTEMPTS);
    if (!revived) throw new AppError('conflict', `Only a dead delivery can be retried; this one is ${current.status}`);
    const attempt = revived.attempts + 1;
    await enqueueJob(trx, repo.WEBHOOK_JOB, { deliveryId: id, attempt }, { dedupeKey: repo.webhookJobKey(id, attempt) });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'outbound.retry',
      targetType: 'outbound_delivery',
      targetId: id,
      details: { notificationId: revived.notification_id, attemptsBefore: revived.attempts, lastStatus: revived.last_status, lastError: revived.last_error },
    });
  });
  return presentDelivery((await repo.findDeliveryWithNotification(db, id))!);
}

export type AttemptOutcome = 'delivered' | 'retry_scheduled' | 'dead' | 'skipped';

/**
 * Makes attempt `attempt` of a webhook delivery (the job handler). Idempotent: the attempt is claimed in
 * the database first, so running the job again after it finished sends nothing, and a delivered
 * delivery is never sent again. At least once, not exactly once: if this process dies between the
 * receiver's 2xx and recording it, the attempt is redone after its hold runs out and the receiver gets
 * the notification twice — which is why the payload carries the notification id to dedupe on.
 */
export async function deliverWebhookAttempt(
  db: Kysely<DB>,
  target: WebhookTarget,
  deliveryId: number,
  attempt: number,
  log: FastifyBaseLogger,
  options: { timeoutMs?: number } = {},
): Promise<AttemptOutcome> {
  const claimed = await repo.claimAttempt(db, deliveryId, attempt, ATTEMPT_HOLD_SECONDS);
  if (!claimed) {
    const current = await repo.findDeliveryById(db, deliveryId);
    if (current?.status === 'pending' && current.attempts === attempt && current.locked_until !== null) {
      // Another sender holds this attempt, or one died holding it: fail this job so the queue tries it
      // again later, when the hold has run out or the holder has recorded the outcome.
      throw new Error(`delivery ${deliveryId} attempt ${attempt} is held by another sender until ${current.locked_until.toISOString()}`);
    }
    log.info({ deliveryId, attempt, status: current?.status, attempts: current?.attempts }, 'webhook attempt already made or not due; skipped');
    return 'skipped';
  }

  const notification = await repo.findNotificationById(db, claimed.notification_id);
  if (!notification) return 'skipped'; // deleted with its user (on delete cascade removes the delivery too)
  const payload: WebhookPayload = {
    id: notification.id,
    kind: notification.kind,
    userId: notification.user_id,
    ...(notification.enterprise_id !== null && { enterpriseId: notification.enterprise_id }),
    title: notification.title_zh,
    body: notification.body_zh,
    link: notification.link,
    createdAt: notification.created_at.toISOString(),
  };
  const result = await postWebhook(target, payload, { timeoutMs: options.timeoutMs });

  return db.transaction().execute(async (trx): Promise<AttemptOutcome> => {
    if (result.isDelivered) {
      await repo.recordAttempt(trx, deliveryId, attempt, { status: 'delivered', lastStatus: result.status, lastError: null });
      return 'delivered';
    }
    if (attempt >= claimed.max_attempts) {
      await repo.recordAttempt(trx, deliveryId, attempt, { status: 'dead', lastStatus: result.status, lastError: result.error });
      log.warn({ deliveryId, attempt, error: result.error }, 'webhook delivery dead after its last attempt');
      return 'dead';
    }
    const nextAttemptAt = new Date(Date.now() + webhookBackoffSeconds(attempt) * 1000);
    const isMine = await repo.recordAttempt(trx, deliveryId, attempt, { status: 'pending', lastStatus: result.status, lastError: result.error, nextAttemptAt });
    if (isMine) {
      await enqueueJob(trx, repo.WEBHOOK_JOB, { deliveryId, attempt: attempt + 1 }, { runAt: nextAttemptAt, dedupeKey: repo.webhookJobKey(deliveryId, attempt + 1) });
    }
    return 'retry_scheduled';
  });
}
