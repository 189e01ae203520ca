import type { Executor } from '../db/database.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { EventPayload, EventType } from './catalogue.ts';

/** Job kind that hands one stored event to each of its subscribers (see bus.ts). */
export const EVENT_DISPATCH_JOB = 'events.dispatch';

/**
 * Publishes a domain event as part of the caller's transaction (the outbox): the event row and its dispatch
 * job commit or roll back with the change they report, so a subscriber never hears of a change that did not
 * happen and never misses one that did. Delivery is by the job queue, at least once. Returns the event's id.
 */
export async function publish<T extends EventType>(trx: Executor, type: T, payload: EventPayload<T>): Promise<number> {
  const row = await trx
    .insertInto('domain_events')
    .values({ type, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(trx, EVENT_DISPATCH_JOB, { eventId: row.id }, { dedupeKey: `${EVENT_DISPATCH_JOB}:${row.id}` });
  return row.id;
}
