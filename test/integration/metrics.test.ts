import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/server/jobs/queue.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { SseClient } from './notifications-support.ts';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ metrics: { token: TOKEN }, notifications: { pollMs: 100 } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

async function scrape(): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.body;
}

/** The value of one sample (`name{labels} value`), labels matched in any order; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('needs the Bearer token when METRICS_TOKEN is set', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('dxe_');
    const basic = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
    expect(basic.statusCode).toBe(401);
    expect(await scrape()).toContain('dxe_http_requests_total');
  });

  it('is off in production without a token', async () => {
    const production = await createTestApp({ nodeEnv: 'production', metrics: { token: null } }, t.database);
    try {
      const response = await production.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('dxe_');
    } finally {
      await production.close();
    }
  });

  it('counts requests by route pattern and status, never by raw URL', async () => {
    const before = await scrape();
    const route = { method: 'GET', route: '/api/enterprises/:id', status: '401' };
    for (const id of [1, 2, 3]) expect((await t.app.inject({ method: 'GET', url: `/api/enterprises/${id}` })).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) await t.app.inject({ method: 'GET', url: '/api/health/live' });
    await t.app.inject({ method: 'GET', url: '/api/no-such-route/42' });
    const after = await scrape();
    expect(sample(after, 'dxe_http_requests_total', route) - sample(before, 'dxe_http_requests_total', route)).toBe(3);
    expect(sample(after, 'dxe_http_request_duration_seconds_count', route) - sample(before, 'dxe_http_request_duration_seconds_count', route)).toBe(3);
    const live = { method: 'GET', route: '/api/health/live', status: '200' };
    expect(sample(after, 'dxe_http_requests_total', live) - sample(before, 'dxe_http_requests_total', live)).toBe(2);
    expect(sample(after, 'dxe_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(after).not.toMatch(/route="\/api\/enterprises\/\d/);
    expect(after).not.toContain('no-such-route');
  });

  it('reports the queue depth and oldest age of due jobs by kind, read at scrape time', async () => {
    const kind = 'test.metrics-depth';
    expect(sample(await scrape(), 'dxe_job_queue_depth', { kind })).toBe(0);
    await enqueueJob(t.app.db, kind, { n: 1 }, { runAt: new Date(Date.now() - 60_000) });
    await enqueueJob(t.app.db, kind, { n: 2 });
    await enqueueJob(t.app.db, kind, { n: 3 }, { runAt: new Date(Date.now() + 3_600_000) }); // not due yet
    const text = await scrape();
    expect(sample(text, 'dxe_job_queue_depth', { kind })).toBe(2);
    expect(sample(text, 'dxe_job_queue_oldest_age_seconds', { kind })).toBeGreaterThanOrEqual(59);
    expect(sample(text, 'dxe_job_queue_oldest_age_seconds', { kind })).toBeLessThan(600);
    await t.app.db.updateTable('jobs').set({ status: 'done', finished_at: new Date() }).where('kind', '=', kind).execute();
    expect(sample(await scrape(), 'dxe_job_queue_depth', { kind })).toBe(0);
    // A kind this instance runs is reported even when it has nothing queued.
    expect(await scrape()).toMatch(/dxe_job_queue_depth\{kind="profiles\.recompute"\} 0/);
  });

  it('counts sign-in failures and lockouts', async () => {
    const user = await createUser(t.app.db, { roles: ['enterprise_user'] });
    const before = await scrape();
    const client = new TestClient(t.app);
    for (let i = 0; i < t.config.login.maxFailures; i++) expect((await client.login(user.username, 'wrong-password-1')).statusCode).toBe(401);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
    const after = await scrape();
    expect(sample(after, 'dxe_login_failures_total') - sample(before, 'dxe_login_failures_total')).toBe(t.config.login.maxFailures + 1);
    expect(sample(after, 'dxe_login_lockouts_total') - sample(before, 'dxe_login_lockouts_total')).toBe(1);
  });

  it('reports open notification streams and the database connections', async () => {
    const user = await createUser(t.app.db, { roles: ['enterprise_user'] });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    const cookie = `${t.config.session.cookieName}=${client.getCookie(t.config.session.cookieName)}`;
    const before = sample(await scrape(), 'dxe_notification_streams_open');
    const stream = await SseClient.connect(`${baseUrl}/api/me/notifications/stream`, cookie);
    try {
      await stream.waitForEvent('hello');
      expect(sample(await scrape(), 'dxe_notification_streams_open')).toBe(before + 1);
    } finally {
      await stream.close();
    }
    const text = await scrape();
    const kind = t.app.dbKind;
    expect(sample(text, 'dxe_db_pool_connections', { db: kind, state: 'total' })).toBeGreaterThanOrEqual(1);
    if (kind === 'postgres') expect(text).toMatch(/dxe_db_pool_waiting \d+/);
    expect(text).toContain('dxe_process_resident_memory_bytes');
  });
});
