import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus} from '../../src/server/events/index.ts';
import { publish, subscriberJobKind, type EventPayload } from '../../src/server/events/index.ts';
import { createTestApp, type TestApp } from '../app.ts';

/**
 * Domain events: the outbox row and its dispatch commit with the change, each subscriber gets the event once
 * per dispatch in a job of its own, and a failing subscriber neither blocks nor duplicates the others.
 */
describe('domain events', () => {
  let t: TestApp;
  const seen: { name: string; payload: unknown; eventId: number }[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    t = await createTestApp();
    t.app.events.subscribe('test.first', 'payment.paid', async (payload, context) => {
      seen.push({ name: 'first', payload, eventId: context.eventId });
    });
    t.app.events.subscribe('test.flaky', 'payment.paid', async (payload, context) => {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('subscriber down');
      }
      seen.push({ name: 'flaky', payload, eventId: context.eventId });
    });
  });
  afterAll(async () => t.close());

  const paid: EventPayload<'payment.paid'> = { paymentId: 7, targetKind: 'application', targetId: 3, enterpriseId: 11, policyId: 5, amountFen: 8_000_000 };

  it('delivers a committed event to every subscriber of its type, once', async () => {
    seen.length = 0;
    const eventId = await t.database.db.transaction().execute((trx) => publish(trx, 'payment.paid', paid));
    await t.app.jobs.drain();
    expect(seen.map((s) => s.name).sort()).toEqual(['first', 'flaky']);
    expect(seen.every((s) => s.eventId === eventId)).toBe(true);
    expect(seen[0].payload).toEqual(paid);
    const row = await t.database.db.selectFrom('domain_events').where('id', '=', eventId).select(['type', 'dispatched_at']).executeTakeFirstOrThrow();
    expect(row.type).toBe('payment.paid');
    expect(row.dispatched_at).not.toBeNull();
    // Another subscriber's type is not delivered here.
    await t.database.db.transaction().execute((trx) => publish(trx, 'profile.recomputed', { enterpriseIds: [1] }));
    await t.app.jobs.drain();
    expect(seen).toHaveLength(2);
  });

  it('publishes nothing when the change rolls back', async () => {
    const before = await t.database.db.selectFrom('domain_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await publish(trx, 'payment.paid', paid);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.database.db.selectFrom('domain_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('dispatching the same event twice queues each subscriber once', async () => {
    seen.length = 0;
    const eventId = await t.database.db.transaction().execute((trx) => publish(trx, 'payment.paid', paid));
    // A dispatch job run twice (its worker died after queueing): the second finds the subscribers' jobs there.
    const dispatch = await t.database.db.selectFrom('jobs').where('dedupe_key', '=', `events.dispatch:${eventId}`).select(['id', 'payload']).executeTakeFirstOrThrow();
    await t.app.jobs.drain();
    await t.database.db.updateTable('jobs').set({ status: 'queued', run_at: new Date(0) }).where('id', '=', dispatch.id).execute();
    await t.app.jobs.drain();
    const jobs = await t.database.db.selectFrom('jobs').where('dedupe_key', 'like', `event:%:${eventId}`).select('kind').execute();
    expect(jobs.map((j) => j.kind).sort()).toEqual([subscriberJobKind('test.first'), subscriberJobKind('test.flaky')]);
    expect(seen).toHaveLength(2);
  });

  it('retries a failing subscriber without running the others again', async () => {
    seen.length = 0;
    failuresLeft = 1;
    const eventId = await t.database.db.transaction().execute((trx) => publish(trx, 'payment.paid', paid));
    await t.app.jobs.drain();
    expect(seen.map((s) => s.name)).toEqual(['first']);
    const flaky = await t.database.db.selectFrom('jobs').where('dedupe_key', '=', `${subscriberJobKind('test.flaky')}:${eventId}`).select(['id', 'status', 'last_error']).executeTakeFirstOrThrow();
    expect(flaky).toMatchObject({ status: 'queued', last_error: 'Error: subscriber down' });
    // Its backoff is over: the retry delivers it, and 'first' is not called again.
    await t.database.db.updateTable('jobs').set({ run_at: new Date(0) }).where('id', '=', flaky.id).execute();
    await t.app.jobs.drain();
    expect(seen.map((s) => s.name)).toEqual(['first', 'flaky']);
  });

  it('refuses a subscriber of an unknown type, a badly named one and a name used twice', () => {
    const bus: EventBus = t.app.events;
    expect(() => bus.subscribe('test.other', 'payment.lost' as 'payment.paid', async () => {})).toThrow(/unknown event type/);
    expect(() => bus.subscribe('NoModule', 'payment.paid', async () => {})).toThrow(/<module>.<reaction>/);
    expect(() => bus.subscribe('test.first', 'profile.recomputed', async () => {})).toThrow(/registered twice/);
  });
});
