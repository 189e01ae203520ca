import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { enqueueJob, findJob } from '../../src/server/jobs/queue.ts';
import { notifyEnterprise, notifyUsers } from '../../src/server/modules/notifications/notifications.service.ts';
import { claimAttempt, WEBHOOK_JOB, webhookJobKey } from '../../src/server/modules/outbound/outbound.repository.ts';
import { webhookBackoffSeconds } from '../../src/server/modules/outbound/outbound.service.ts';
import { postWebhook, verifyWebhookSignature } from '../../src/server/modules/outbound/outbound.webhook.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise } from '../factories/enterprises.ts';
import { sampleNotification } from './notifications-support.ts';

const SECRET = 'test-webhook-secret-0123456789abcdef';

interface Received {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A local webhook receiver: records requests and answers with `answer` (a status, or 'hang'). */
class Receiver {
  readonly requests: Received[] = [];
  answer: number | 'hang' = 200;
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      if (this.answer === 'hang') return;
      if (this.answer === 302) response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      else response.writeHead(this.answer, { 'content-type': 'text/plain' }).end(this.answer >= 400 ? 'receiver is down' : 'ok');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/dxe`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let receiver: Receiver;
let t: TestApp;
let db: Kysely<DB>;
let admin: TestClient;

beforeAll(async () => {
  receiver = new Receiver();
  const url = await receiver.start();
  t = await createTestApp({ webhook: { url, secret: SECRET } });
  db = t.app.db;
  const adminUser = await createUser(db, { roles: ['admin'] });
  admin = new TestClient(t.app);
  await admin.login(adminUser.username, TEST_PASSWORD);
});
afterAll(async () => {
  await t.close();
  await receiver.stop();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.answer = 200;
});

const deliveryOf = (notificationId: number) => db.selectFrom('outbound_deliveries').where('notification_id', '=', notificationId).selectAll().executeTakeFirstOrThrow();
const queuedWebhookJobs = () => db.selectFrom('jobs').where('kind', '=', WEBHOOK_JOB).where('status', '=', 'queued').selectAll().execute();
/** Makes every waiting delivery attempt due now, instead of waiting out the backoff. */
const makeJobsDue = () => db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('kind', '=', WEBHOOK_JOB).where('status', '=', 'queued').execute();

describe('deliveries are made with the change, or not at all', () => {
  it('a rolled-back change leaves no notification, no delivery and no job', async () => {
    const enterprise = await createEnterprise(db, { withOrg: true });
    await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    const count = async () => ({
      notifications: (await db.selectFrom('notifications').selectAll().execute()).length,
      deliveries: (await db.selectFrom('outbound_deliveries').selectAll().execute()).length,
      jobs: (await db.selectFrom('jobs').where('kind', '=', WEBHOOK_JOB).selectAll().execute()).length,
    });
    const before = await count();
    await expect(
      db.transaction().execute(async (trx) => {
        const ids = await notifyEnterprise(trx, enterprise.id, sampleNotification());
        expect(ids).toHaveLength(1);
        // Inside the transaction, the delivery and its job exist…
        expect(await trx.selectFrom('outbound_deliveries').where('notification_id', '=', ids[0]).selectAll().execute()).toHaveLength(1);
        throw new Error('the policy could not be published');
      }),
    ).rejects.toThrow('could not be published');
    // …and vanish with it.
    expect(await count()).toEqual(before);
    expect(await t.app.jobs.drain()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it('a committed change gets one pending delivery per notification, its first attempt queued', async () => {
    const enterprise = await createEnterprise(db, { withOrg: true });
    await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    const ids = await db.transaction().execute((trx) => notifyEnterprise(trx, enterprise.id, sampleNotification()));
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const delivery = await deliveryOf(id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 0, max_attempts: 8, channel: 'webhook' });
      expect(await db.selectFrom('jobs').where('dedupe_key', '=', webhookJobKey(delivery.id, 1)).select(['kind', 'payload']).executeTakeFirst())
        .toEqual({ kind: WEBHOOK_JOB, payload: { deliveryId: delivery.id, attempt: 1 } });
    }
    // A duplicate event creates no notification, so no delivery either.
    expect(await notifyEnterprise(db, enterprise.id, { ...sampleNotification(), dedupeKey: (await db.selectFrom('notifications').where('id', '=', ids[0]).select('dedupe_key').executeTakeFirstOrThrow()).dedupe_key })).toEqual([]);
    expect(await t.app.jobs.drain()).toBe(2);
  });
});

describe('the webhook', () => {
  it('POSTs the notification signed with HMAC-SHA256 over timestamp.body', async () => {
    const enterprise = await createEnterprise(db, { withOrg: true });
    const user = await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    const event = sampleNotification({ kind: 'grant.auto', titleZh: '您无需申报即可享受稳岗补贴', bodyZh: '预计 ¥12,000', link: '/grants/9' });
    const [id] = await notifyEnterprise(db, enterprise.id, event);
    expect(await t.app.jobs.drain()).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const [{ headers, rawBody }] = receiver.requests;
    const timestamp = headers['x-dxe-timestamp'] as string;
    // Checked independently of the server's own signing code.
    const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${rawBody}`).digest('hex')}`;
    expect(headers['x-dxe-signature']).toBe(expected);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    expect(headers['content-type']).toContain('application/json');
    const created = await db.selectFrom('notifications').where('id', '=', id).select('created_at').executeTakeFirstOrThrow();
    expect(JSON.parse(rawBody)).toEqual({
      id,
      kind: 'grant.auto',
      userId: user.id,
      enterpriseId: enterprise.id,
      title: '您无需申报即可享受稳岗补贴',
      body: '预计 ¥12,000',
      link: '/grants/9',
      createdAt: created.created_at.toISOString(),
    });
    expect(await deliveryOf(id)).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200, last_error: null, locked_until: null });
    expect((await deliveryOf(id)).delivered_at).not.toBeNull();
  });

  it('leaves enterpriseId out when the notification is not about an enterprise', async () => {
    const user = await createUser(db, { roles: ['department_staff'] });
    await notifyUsers(db, [user.id], sampleNotification({ kind: 'application.submitted' }));
    await t.app.jobs.drain();
    const payload = JSON.parse(receiver.requests[0].rawBody);
    expect(payload.userId).toBe(user.id);
    expect('enterpriseId' in payload).toBe(false);
  });

  it('never sends a delivered notification again, however often its job runs', async () => {
    const user = await createUser(db, { roles: ['enterprise_user'] });
    const [id] = await notifyUsers(db, [user.id], sampleNotification());
    await t.app.jobs.drain();
    expect(receiver.requests).toHaveLength(1);
    const delivery = await deliveryOf(id);
    // The same job again (its worker died after recording delivered, before marking the job done).
    await enqueueJob(db, WEBHOOK_JOB, { deliveryId: delivery.id, attempt: 1 });
    await enqueueJob(db, WEBHOOK_JOB, { deliveryId: delivery.id, attempt: 2 });
    expect(await t.app.jobs.drain()).toBe(2);
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveryOf(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('redoes an attempt whose sender died mid-way, but not one another sender still holds', async () => {
    const user = await createUser(db, { roles: ['enterprise_user'] });
    const [id] = await notifyUsers(db, [user.id], sampleNotification());
    const delivery = await deliveryOf(id);
    // Another instance claimed attempt 1 and is still sending: this worker's job backs off.
    expect(await claimAttempt(db, delivery.id, 1, 60)).not.toBeNull();
    expect(await t.app.jobs.drain()).toBe(1);
    expect(receiver.requests).toHaveLength(0);
    const job = await db.selectFrom('jobs').where('dedupe_key', '=', webhookJobKey(delivery.id, 1)).selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.last_error).toMatch(/held by another sender/);

    // That instance died: its hold runs out, and the attempt is made again (at least once).
    await db.updateTable('outbound_deliveries').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', delivery.id).execute();
    await makeJobsDue();
    expect(await t.app.jobs.drain()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveryOf(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await findJob(db, job.id))?.status).toBe('done');
  });

  it('retries a failing receiver with exponential backoff, then gives up: dead', async () => {
    receiver.answer = 500;
    const user = await createUser(db, { roles: ['enterprise_user'] });
    const [id] = await notifyUsers(db, [user.id], sampleNotification());
    const { id: deliveryId } = await deliveryOf(id);

    const started = Date.now();
    expect(await t.app.jobs.drain()).toBe(1);
    let delivery = await deliveryOf(id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, locked_until: null });
    expect(delivery.last_error).toContain('HTTP 500: receiver is down');
    // The next attempt waits a minute; nothing runs before then.
    const [next] = await queuedWebhookJobs();
    expect(next.payload).toEqual({ deliveryId, attempt: 2 });
    expect(next.run_at.getTime() - started).toBeGreaterThanOrEqual(webhookBackoffSeconds(1) * 1000 - 1000);
    expect(delivery.next_attempt_at.getTime()).toBe(next.run_at.getTime());
    expect(await t.app.jobs.drain()).toBe(0);

    const waits: number[] = [];
    for (let attempt = 2; attempt <= 8; attempt++) {
      const [job] = await queuedWebhookJobs();
      waits.push(Math.round((job.run_at.getTime() - Date.now()) / 60_000));
      await makeJobsDue();
      expect(await t.app.jobs.drain()).toBe(1);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]); // minutes before attempts 2…8
    expect(receiver.requests).toHaveLength(8);
    delivery = await deliveryOf(id);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 8, last_status: 500 });
    expect(await queuedWebhookJobs()).toEqual([]);
  });

  it('counts a timeout, a refused connection and a redirect as failures', async () => {
    const target = { url: '', secret: SECRET };
    receiver.answer = 'hang';
    const url = t.config.webhook!.url;
    const timedOut = await postWebhook({ ...target, url }, samplePayload(), { timeoutMs: 200 });
    expect(timedOut).toEqual({ isDelivered: false, status: null, error: 'no answer within 200 ms' });

    receiver.answer = 302;
    const redirected = await postWebhook({ ...target, url }, samplePayload());
    expect(redirected).toMatchObject({ isDelivered: false, status: 302 });

    const refused = await postWebhook({ ...target, url: 'http://127.0.0.1:1/nothing-listens' }, samplePayload());
    expect(refused.isDelivered).toBe(false);
    expect(refused.error).toMatch(/^request failed: /);
  });

  it('verifies signatures the way a receiver should (helper for receivers)', () => {
    const body = JSON.stringify(samplePayload());
    const now = Date.now();
    const timestamp = String(Math.floor(now / 1000));
    const signature = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
    expect(verifyWebhookSignature(SECRET, timestamp, body, signature, { now })).toBe(true);
    expect(verifyWebhookSignature(SECRET, timestamp, body.replace('"id":1', '"id":2'), signature, { now })).toBe(false);
    expect(verifyWebhookSignature(`${SECRET}x`, timestamp, body, signature, { now })).toBe(false);
    // A captured request replayed ten minutes later is refused.
    expect(verifyWebhookSignature(SECRET, timestamp, body, signature, { now: now + 600_000 })).toBe(false);
  });
});

describe('the dead-letter list and retries (administrators)', () => {
  async function deadDelivery(): Promise<{ deliveryId: number; notificationId: number }> {
    receiver.answer = 503;
    const user = await createUser(db, { roles: ['enterprise_user'] });
    const [notificationId] = await notifyUsers(db, [user.id], sampleNotification());
    for (let i = 0; i < 8; i++) {
      await makeJobsDue();
      await t.app.jobs.drain();
    }
    const delivery = await deliveryOf(notificationId);
    expect(delivery.status).toBe('dead');
    receiver.requests.length = 0;
    return { deliveryId: delivery.id, notificationId };
  }

  it('lists dead deliveries with their notification, for administrators only', async () => {
    const { deliveryId, notificationId } = await deadDelivery();
    const response = await admin.get('/api/outbound/deliveries?status=dead');
    expect(response.statusCode).toBe(200);
    const item = response.json().items.find((d: { id: number }) => d.id === deliveryId);
    expect(item).toMatchObject({ notificationId, channel: 'webhook', status: 'dead', attempts: 8, maxAttempts: 8, lastStatus: 503, deliveredAt: null, notification: { kind: 'policy.pushed' } });
    expect(item.lastError).toContain('HTTP 503');
    const delivered = (await admin.get('/api/outbound/deliveries?status=delivered')).json();
    expect(delivered.items.length).toBeGreaterThan(0);
    expect(delivered.items.every((d: { status: string }) => d.status === 'delivered')).toBe(true);

    for (const roles of [['enterprise_user'], ['auditor'], ['department_staff']] as const) {
      const user = await createUser(db, { roles: [...roles] });
      const client = new TestClient(t.app);
      await client.login(user.username, TEST_PASSWORD);
      expect((await client.get('/api/outbound/deliveries?status=dead')).statusCode).toBe(403);
      expect((await client.post(`/api/outbound/deliveries/${deliveryId}/retry`)).statusCode).toBe(403);
    }
    expect((await admin.get('/api/outbound/deliveries?status=lost')).statusCode).toBe(400);
  });

  it('retry revives a dead delivery with a new round of attempts, audited', async () => {
    const { deliveryId, notificationId } = await deadDelivery();
    receiver.answer = 200; // the receiver is fixed
    const response = await admin.post(`/api/outbound/deliveries/${deliveryId}/retry`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: deliveryId, status: 'pending', attempts: 8, maxAttempts: 16 });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'outbound.retry').where('target_id', '=', String(deliveryId)).selectAll().executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ notificationId, attemptsBefore: 8, lastStatus: 503 });

    expect(await t.app.jobs.drain()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0].rawBody).id).toBe(notificationId);
    expect(await deliveryOf(notificationId)).toMatchObject({ status: 'delivered', attempts: 9, last_status: 200 });

    // Only dead deliveries are retried: a delivered one is never sent twice.
    const again = await admin.post(`/api/outbound/deliveries/${deliveryId}/retry`);
    expect(again.statusCode).toBe(409);
    expect(await t.app.jobs.drain()).toBe(0);
    expect((await admin.post('/api/outbound/deliveries/2000000000/retry')).statusCode).toBe(404);
  });

  it('a retried delivery that fails again goes through a full new round', async () => {
    const { deliveryId, notificationId } = await deadDelivery();
    expect((await admin.post(`/api/outbound/deliveries/${deliveryId}/retry`)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) {
      await makeJobsDue();
      await t.app.jobs.drain();
    }
    expect(receiver.requests).toHaveLength(8);
    expect(await deliveryOf(notificationId)).toMatchObject({ status: 'dead', attempts: 16, max_attempts: 16 });
  });
});

describe('configuration', () => {
  const base = { NODE_ENV: 'test', PGLITE_DIR: 'memory' };

  it('is off without WEBHOOK_URL, on with a URL and a long enough secret', () => {
    expect(loadConfig(base).webhook).toBeNull();
    expect(loadConfig(base).notifications.pollMs).toBe(2000);
    const config = loadConfig({ ...base, WEBHOOK_URL: 'https://gateway.example/dxe', WEBHOOK_SECRET: SECRET, NOTIFY_POLL_MS: '500' });
    expect(config.webhook).toEqual({ url: 'https://gateway.example/dxe', secret: SECRET });
    expect(config.notifications.pollMs).toBe(500);
  });

  it('refuses a short secret, a URL without a secret, a non-http URL and a bad poll interval', () => {
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://gateway.example/dxe', WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://gateway.example/dxe' })).toThrow(/WEBHOOK_SECRET is required/);
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'ftp://gateway.example', WEBHOOK_SECRET: SECRET })).toThrow(/WEBHOOK_URL must be an http/);
    expect(() => loadConfig({ ...base, NOTIFY_POLL_MS: '0' })).toThrow(/NOTIFY_POLL_MS/);
  });
});

function samplePayload() {
  return { id: 1, kind: 'policy.pushed', userId: 2, title: '标题', body: '正文', link: '/policies/1', createdAt: new Date().toISOString() };
}
