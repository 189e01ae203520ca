import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobContext, JobWorker } from '../jobs/worker.ts';
import { EVENT_TYPES, type EventPayload, type EventType } from './catalogue.ts';
import { EVENT_DISPATCH_JOB } from './publish.ts';

/**
 * What a subscriber does with one event. It runs as a job: at least once, possibly twice (a worker died
 * after the work but before marking it done), so it must be idempotent — unique keys, upserts, or
 * enqueueing with a dedupe key.
 */
export type EventHandler<T extends EventType> = (payload: EventPayload<T>, context: JobContext & { eventId: number }) => Promise<unknown>;

/** The job kind that delivers events to one subscriber. */
export const subscriberJobKind = (name: string) => `event:${name}`;

const SUBSCRIBER_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/**
 * The subscriptions of this app instance. Modules subscribe from their plugin; the dispatch job (run by any
 * instance) turns one stored event into one job per subscriber — the outbox's row per subscriber — keyed by
 * event and subscriber, so dispatching twice delivers nothing twice. A subscriber added later does not
 * receive events dispatched before it existed.
 */
export class EventBus {
  private readonly subscribers = new Map<EventType, string[]>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: JobWorker,
  ) {
    jobs.register(EVENT_DISPATCH_JOB, async (payload, context) => this.dispatch(Number(payload.eventId), context));
  }

  /**
   * Subscribes `name` ('<module>.<reaction>', unique in the app) to events of `type`. The handler runs in a
   * job of its own per event, so a slow or failing subscriber (retried with backoff) delays no other.
   */
  subscribe<T extends EventType>(name: string, type: T, handler: EventHandler<T>): void {
    if (!SUBSCRIBER_NAME.test(name)) throw new Error(`event subscriber "${name}": name it <module>.<reaction>`);
    if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new Error(`event subscriber "${name}": unknown event type "${type}"`);
    if ([...this.subscribers.values()].some((names) => names.includes(name))) throw new Error(`event subscriber "${name}" is registered twice`);
    this.subscribers.set(type, [...(this.subscribers.get(type) ?? []), name]);
    this.jobs.register(subscriberJobKind(name), async (payload, context) => {
      const eventId = Number(payload.eventId);
      return handler(payload.payload as EventPayload<T>, { ...context, eventId });
    });
  }

  /** The names subscribed to a type, in the order they subscribed. */
  subscribersOf(type: EventType): readonly string[] {
    return this.subscribers.get(type) ?? [];
  }

  private async dispatch(eventId: number, context: JobContext): Promise<unknown> {
    const event = await context.db.selectFrom('domain_events').where('id', '=', eventId).select(['id', 'type', 'payload']).executeTakeFirst();
    if (!event) throw new Error(`events.dispatch: no event ${eventId}`);
    const names = this.subscribersOf(event.type as EventType);
    await this.db.transaction().execute(async (trx) => {
      for (const name of names) {
        await enqueueJob(trx, subscriberJobKind(name), { eventId, type: event.type, payload: event.payload }, { dedupeKey: `${subscriberJobKind(name)}:${eventId}` });
      }
      await trx.updateTable('domain_events').set({ dispatched_at: new Date() }).where('id', '=', eventId).execute();
    });
    return { type: event.type, subscribers: names };
  }
}
