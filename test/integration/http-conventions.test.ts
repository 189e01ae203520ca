import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp({ bodyLimitBytes: 4096 });
  const user = await createUser(t.app.db, { roles: ['admin'] });
  admin = new TestClient(t.app);
  await admin.login(user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

const userCount = async () => Number((await t.app.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('health and documentation', () => {
  it('reports the database kind', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: t.database.url ? 'postgres' : 'pglite' });
  });

  it('serves an OpenAPI document covering the routes, and the docs UI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/auth/me', '/api/admin/users', '/api/admin/users/{id}', '/api/audit', '/api/health']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    expect(spec.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});

describe('liveness, readiness, docs switch and caching', () => {
  it('answers liveness without the database and readiness only with a current schema', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', db: t.database.url ? 'postgres' : 'pglite' });

    // A database one migration behind this build is not ready, and says which migration is missing.
    const last = await t.app.db.selectFrom('kysely_migration' as never).select(['name' as never, 'timestamp' as never]).orderBy('name' as never, 'desc').executeTakeFirstOrThrow() as { name: string; timestamp: string };
    await t.app.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last.name as never).execute();
    try {
      const behind = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toEqual({ status: 'not_ready', reason: 'migrations pending', pendingMigrations: [last.name] });
    } finally {
      await t.app.db.insertInto('kysely_migration' as never).values(last as never).execute();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });

  it('keeps the OpenAPI document and its UI off the network with API_DOCS=false', async () => {
    const closed = await createTestApp({ apiDocs: false });
    try {
      expect((await closed.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(404);
      expect((await closed.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(404);
      expect((await closed.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('tells browsers and proxies not to keep API answers, errors included', async () => {
    expect((await admin.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    expect((await admin.get('/api/admin/users/999999999')).headers['cache-control']).toBe('no-store');
    expect((await new TestClient(t.app).get('/api/auth/me')).headers['cache-control']).toBe('no-store');
  });
});

describe('integers in paths and query strings', () => {
  it('takes only plain decimal digits, names the field, and keeps ids in range', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const rename = (id: string, displayName: string) => admin.patch(`/api/admin/users/${id}`, { displayName });
    const nameOf = async () => (await t.app.db.selectFrom('users').where('id', '=', user.id).select('display_name').executeTakeFirstOrThrow()).display_name;
    const before = await nameOf();
    for (const id of [`0x${user.id.toString(16)}`, `${user.id}e0`, `%20${user.id}`, `+${user.id}`, `0${user.id}`, 'Infinity', '1e999', `${user.id}.0`]) {
      const response = await rename(id, `改名 ${id}`);
      expect(response.statusCode, id).toBe(400);
      expect(response.json().error, id).toMatchObject({ code: 'validation_failed', details: [{ path: 'params/id' }] });
    }
    expect(await nameOf()).toBe(before);
    expect((await rename('2147483648', '越界')).statusCode).toBe(400);
    expect((await rename(String(user.id), '正常改名')).statusCode).toBe(200);
    expect(await nameOf()).toBe('正常改名');
    const paged = await admin.get('/api/admin/users?page=0x1');
    expect(paged.statusCode).toBe(400);
    expect(paged.json().error.details).toEqual([{ path: 'querystring/page', message: 'must be a plain decimal integer' }]);
    expect((await admin.get('/api/admin/users?page=1')).statusCode).toBe(200);
  });
});

describe('request ids and security headers', () => {
  it('answers with a request id, keeping a well-formed incoming one', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'gateway-42' } });
    expect(kept.headers['x-request-id']).toBe('gateway-42');
    const replaced = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('bad input gets a clear 4xx in the error shape and changes nothing', () => {
  const validUser = async () => ({ username: 'newperson', displayName: '新用户', password: 'good-password-1', orgId: await createOrg(t.app.db, 'platform'), roles: ['admin'] });

  it('malformed JSON', async () => {
    const before = await userCount();
    const response = await admin.request('POST', '/api/admin/users', '{"username": "x",', { headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
    expect(await userCount()).toBe(before);
  });

  it('wrong types and missing fields, each named by its path', async () => {
    const before = await userCount();
    const response = await admin.post('/api/admin/users', { username: 42, displayName: '', orgId: 'one', roles: ['admin'] });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body/username', 'body/displayName', 'body/orgId', 'body/password']));
    expect(await userCount()).toBe(before);
  });

  it('unknown fields', async () => {
    const before = await userCount();
    const response = await admin.post('/api/admin/users', { ...(await validUser()), isSuperuser: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body/isSuperuser', message: 'unknown field' }]);
    expect(await userCount()).toBe(before);
  });

  it('oversize bodies', async () => {
    const before = await userCount();
    const response = await admin.post('/api/admin/users', { ...(await validUser()), displayName: 'x'.repeat(5000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(await userCount()).toBe(before);
  });

  it('an unsupported content type', async () => {
    const response = await admin.request('POST', '/api/admin/users', 'username=x', { headers: { 'content-type': 'text/plain' } });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('bad path and query parameters', async () => {
    expect((await admin.patch('/api/admin/users/abc', { displayName: 'x' })).statusCode).toBe(400);
    const response = await admin.get('/api/admin/users?pageSize=100000');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('querystring/pageSize');
  });

  it('an unknown route', async () => {
    const response = await admin.get('/api/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('server errors', () => {
  it('never shows a 5xx message to the client, and logs it with the request id', async () => {
    const lines: string[] = [];
    // Its own database: the failure injected below must not leak into the other tests.
    const broken = await createTestApp({ logLevel: 'error' }, undefined, { write: (line) => lines.push(line) });
    try {
      const client = new TestClient(broken.app);
      await client.get('/api/auth/csrf');
      // A failing database is the typical 5xx.
      broken.app.db.selectFrom = (() => {
        throw new Error('secret internal detail: connection refused');
      }) as never;
      const response = await client.login('anyone', 'password-123');
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error', details: [] } });
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');
      expect(logged.reqId).toBe(response.headers['x-request-id']);
      expect(logged.err.message).toContain('secret internal detail');
    } finally {
      await broken.close();
    }
  });
});
