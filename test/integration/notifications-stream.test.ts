import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { notifyUsers } from '../../src/server/modules/notifications/notifications.service.ts';
import { NotificationHub, type StreamSink } from '../../src/server/modules/notifications/notifications.stream.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { testDatabaseUrl } from '../db.ts';
import { sampleNotification, SseClient } from './notifications-support.ts';

const POLL_MS = 100;
let t: TestApp;
let db: Kysely<DB>;
let baseUrl: string;
const silentLog = { error() {}, warn() {}, info() {}, debug() {}, child: () => silentLog } as never;

async function listen(app: TestApp['app']): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await createTestApp({ notifications: { pollMs: POLL_MS } });
  db = t.app.db;
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await t.close();
});

/** A signed-in user with their session cookie (for the stream) and a client (for other requests). */
async function signIn(app = t.app) {
  const user = await createUser(db, { roles: ['enterprise_user'] });
  const client = new TestClient(app);
  expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  const cookie = `${t.config.session.cookieName}=${client.getCookie(t.config.session.cookieName)}`;
  return { user, client, cookie };
}

const streamUrl = (base = baseUrl) => `${base}/api/me/notifications/stream`;

describe('the notification stream', () => {
  it('says hello with the unread count, then sends each new notification of the user, and only theirs', async () => {
    const { user, cookie } = await signIn();
    const other = await createUser(db, { roles: ['enterprise_user'] });
    await notifyUsers(db, [user.id], sampleNotification());
    const [alreadyRead] = await notifyUsers(db, [user.id], sampleNotification());
    await db.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', alreadyRead).execute();
    await notifyUsers(db, [user.id], sampleNotification());

    const stream = await SseClient.connect(streamUrl(), cookie);
    try {
      expect(stream.status).toBe(200);
      expect(await stream.waitForEvent('hello')).toEqual({ unreadCount: 2 });

      await notifyUsers(db, [other.id], sampleNotification({ titleZh: '别人的' }));
      const event = sampleNotification({ titleZh: '新政策：稳岗补贴', titleEn: 'New policy: job retention', params: { policyId: 42 } });
      const started = Date.now();
      const [id] = await db.transaction().execute((trx) => notifyUsers(trx, [user.id], event));
      const received = await stream.waitForEvent('notification', 1, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(received).toMatchObject({ id, kind: 'policy.pushed', params: { policyId: 42 }, title: { zh: '新政策：稳岗补贴', en: 'New policy: job retention' }, link: event.link, readAt: null });

      // Several at once arrive in order; the other user's never do.
      const more = [...(await notifyUsers(db, [user.id], sampleNotification())), ...(await notifyUsers(db, [user.id], sampleNotification()))];
      await stream.waitForEvent('notification', 3);
      await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
      expect(stream.events.filter((e) => e.event === 'notification').map((e) => (e.data as { id: number }).id)).toEqual([id, ...more]);
    } finally {
      await stream.close();
    }
  });

  it('sends a notification committed during the connection exactly once: in the hello count or as an event', async () => {
    const { user, cookie } = await signIn();
    const [stream] = await Promise.all([SseClient.connect(streamUrl(), cookie), notifyUsers(db, [user.id], sampleNotification())]);
    try {
      const hello = await stream.waitForEvent<{ unreadCount: number }>('hello');
      await new Promise((resolve) => setTimeout(resolve, 4 * POLL_MS));
      const events = stream.events.filter((e) => e.event === 'notification').length;
      expect(hello.unreadCount + events).toBe(1);
    } finally {
      await stream.close();
    }
  });

  it('refuses anonymous clients', async () => {
    const stream = await SseClient.connect(streamUrl(), null);
    expect(stream.status).toBe(401);
  });

  it('forgets a stream when the client disconnects', async () => {
    const { cookie } = await signIn();
    const before = t.app.notificationHub.streamCount;
    const stream = await SseClient.connect(streamUrl(), cookie);
    await stream.waitForEvent('hello');
    expect(t.app.notificationHub.streamCount).toBe(before + 1);
    await stream.close();
    await expect.poll(() => t.app.notificationHub.streamCount, { timeout: 3000 }).toBe(before);
  });

  it('ends the stream at the next poll after logout', async () => {
    const { client, cookie } = await signIn();
    const stream = await SseClient.connect(streamUrl(), cookie);
    try {
      await stream.waitForEvent('hello');
      expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
      expect(await stream.waitForEvent('end', 1, 3000)).toEqual({ reason: 'session_ended' });
      await stream.waitUntil(() => stream.isEnded, 3000, 'the stream to close');
    } finally {
      await stream.close();
    }
  });

  it('ends the stream when the session expires or the user is disabled', async () => {
    const expiring = await signIn();
    const disabled = await signIn();
    const first = await SseClient.connect(streamUrl(), expiring.cookie);
    const second = await SseClient.connect(streamUrl(), disabled.cookie);
    try {
      await first.waitForEvent('hello');
      await second.waitForEvent('hello');
      await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', expiring.user.id).execute();
      await db.updateTable('users').set({ is_disabled: true }).where('id', '=', disabled.user.id).execute();
      expect(await first.waitForEvent('end', 1, 3000)).toEqual({ reason: 'session_ended' });
      expect(await second.waitForEvent('end', 1, 3000)).toEqual({ reason: 'session_ended' });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('app.close() ends open streams promptly instead of waiting for clients to hang up', async () => {
    const instance = await createTestApp({ notifications: { pollMs: POLL_MS } }, t.database);
    const url = await listen(instance.app);
    const { cookie } = await signIn(instance.app);
    const streams = [await SseClient.connect(streamUrl(url), cookie), await SseClient.connect(streamUrl(url), cookie)];
    for (const stream of streams) await stream.waitForEvent('hello');

    const started = Date.now();
    await instance.app.close();
    const closedInMs = Date.now() - started;
    expect(closedInMs).toBeLessThan(2000);
    for (const stream of streams) {
      await stream.waitUntil(() => stream.isEnded, 2000, 'the stream to close');
      expect(stream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'shutdown' } });
    }
    expect(instance.app.notificationHub.streamCount).toBe(0);
  });
});

describe('the hub', () => {
  function fakeSink(): StreamSink & { text: string; isEnded: boolean } {
    return {
      text: '',
      isEnded: false,
      write(chunk: string) {
        this.text += chunk;
      },
      end() {
        this.isEnded = true;
      },
      backlogBytes: 0,
    };
  }

  it('sends heartbeat comments while streams are open', async () => {
    const { user } = await signIn();
    const session = await db.selectFrom('sessions').where('user_id', '=', user.id).select('token_hash').executeTakeFirstOrThrow();
    const hub = new NotificationHub(db, { pollMs: 1000, idleMinutes: 30, heartbeatMs: 30 }, silentLog);
    const sink = fakeSink();
    hub.open({ userId: user.id, sessionHash: session.token_hash }, sink);
    await expect.poll(() => sink.text.split(': heartbeat\n\n').length - 1, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    expect(sink.text).toMatch(/^retry: 3000\n\n/);
    await hub.close();
    expect(sink.isEnded).toBe(true);
    expect(sink.text.endsWith('event: end\ndata: {"reason":"shutdown"}\n\n')).toBe(true);
  });

  it('limits the streams of one user, and drops a client that stopped reading', async () => {
    const { user } = await signIn();
    const session = await db.selectFrom('sessions').where('user_id', '=', user.id).select('token_hash').executeTakeFirstOrThrow();
    const hub = new NotificationHub(db, { pollMs: 1000, idleMinutes: 30, maxStreamsPerUser: 2, maxBacklogBytes: 10 }, silentLog);
    const subscriber = { userId: user.id, sessionHash: session.token_hash };
    hub.open(subscriber, fakeSink());
    const stuck = { ...fakeSink(), backlogBytes: 1000 };
    hub.open(subscriber, stuck);
    // The stuck client was dropped at its first write, so there is room for another.
    expect(stuck.isEnded).toBe(true);
    hub.open(subscriber, fakeSink());
    expect(() => hub.open(subscriber, fakeSink())).toThrow(/At most 2 notification streams/);
    await hub.close();
    expect(() => hub.open(subscriber, fakeSink())).toThrow(/shutting down/);
  });
});

describe.runIf(testDatabaseUrl())('streams on PostgreSQL', () => {
  it('announces a notification whose transaction commits after a later one (lower id, later commit)', async () => {
    const { user, cookie } = await signIn();
    const stream = await SseClient.connect(streamUrl(), cookie);
    try {
      await stream.waitForEvent('hello');
      let releaseSlow!: () => void;
      const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
      let slowId = 0;
      // A long transaction (a county-wide push, say) takes the lower id and commits last.
      const slow = db.transaction().execute(async (trx) => {
        [slowId] = await notifyUsers(trx, [user.id], sampleNotification({ titleZh: '慢的' }));
        await slowMayCommit;
      });
      await expect.poll(() => slowId, { timeout: 3000 }).toBeGreaterThan(0);
      const [fastId] = await notifyUsers(db, [user.id], sampleNotification({ titleZh: '快的' }));
      expect(fastId).toBeGreaterThan(slowId);
      await stream.waitForEvent('notification', 1);
      // Polls go by while the slow transaction is open…
      await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
      releaseSlow();
      await slow;
      // …and its notification still arrives, once.
      await stream.waitForEvent('notification', 2);
      await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
      expect(stream.events.filter((e) => e.event === 'notification').map((e) => (e.data as { id: number }).id)).toEqual([fastId, slowId]);
    } finally {
      await stream.close();
    }
  });

  it('a stream on a second instance receives notifications created through the first', async () => {
    // The second instance has its own connection pool, as a separate process would, and default-ish polling.
    const secondDatabase = await openDatabase({ databaseUrl: t.database.url, pgliteDir: null, poolSize: 5 });
    const second = await createTestApp({ notifications: { pollMs: 500 } }, { ...secondDatabase, url: t.database.url, destroy: () => secondDatabase.close() });
    try {
      const secondUrl = await listen(second.app);
      const { user, cookie } = await signIn(second.app);
      const stream = await SseClient.connect(streamUrl(secondUrl), cookie);
      try {
        await stream.waitForEvent('hello');
        const latencies: number[] = [];
        for (let i = 1; i <= 5; i++) {
          const started = Date.now();
          const [id] = await db.transaction().execute((trx) => notifyUsers(trx, [user.id], sampleNotification()));
          const received = await stream.waitForEvent<{ id: number }>('notification', i, 5000);
          latencies.push(Date.now() - started);
          expect(received.id).toBe(id);
        }
        expect(Math.max(...latencies)).toBeLessThan(5000);
      } finally {
        await stream.close();
      }
    } finally {
      await second.app.close();
      await second.database.destroy();
    }
  });
});
