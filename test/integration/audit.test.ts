import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
let auditor: TestClient;
let admin: TestClient;
let adminUser: { id: number; username: string };

beforeAll(async () => {
  t = await createTestApp();
  const auditorUser = await createUser(t.app.db, { roles: ['auditor'] });
  adminUser = await createUser(t.app.db, { roles: ['admin'] });
  auditor = new TestClient(t.app);
  admin = new TestClient(t.app);
  await auditor.login(auditorUser.username, TEST_PASSWORD);
  await admin.login(adminUser.username, TEST_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

describe('the audit log', () => {
  it('records a state change with who, organisation, action, target, request id and IP', async () => {
    const created = await admin.post('/api/admin/orgs', { type: 'bank', name: '测试银行', code: 'test-bank' });
    expect(created.statusCode).toBe(201);
    const entry = await t.app.db.selectFrom('audit_log').where('action', '=', 'org.create').orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_user_id: adminUser.id,
      actor_username: adminUser.username,
      target_type: 'organization',
      target_id: String(created.json().id),
      outcome: 'success',
      request_id: created.headers['x-request-id'],
      ip: '127.0.0.1',
    });
    expect(entry.actor_org_id).toBeGreaterThan(0);
    expect(entry.at).toBeInstanceOf(Date);
  });

  it('is append-only in the database itself: no UPDATE, DELETE or TRUNCATE', async () => {
    const before = await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'forged'`.execute(t.app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.app.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.app.db)).rejects.toThrow(/append-only/);
    const after = await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const forged = await t.app.db.selectFrom('audit_log').where('action', '=', 'forged').selectAll().execute();
    expect(forged).toEqual([]);
  });

  it('lets the auditor search by actor, action, outcome and time, newest first, and records the search', async () => {
    await new TestClient(t.app).login(adminUser.username, 'wrong-password-9');
    const response = await auditor.get(`/api/audit?actor=${adminUser.username}&action=auth.login&outcome=failure`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBeGreaterThanOrEqual(1);
    for (const item of body.items) expect(item).toMatchObject({ actorUsername: adminUser.username, action: 'auth.login', outcome: 'failure' });

    const all = (await auditor.get('/api/audit?pageSize=5')).json();
    expect(all.items.length).toBeLessThanOrEqual(5);
    const ids = all.items.map((item: { id: number }) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const future = (await auditor.get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json();
    expect(future.total).toBe(0);

    const searches = (await auditor.get('/api/audit?action=audit.search')).json();
    expect(searches.total).toBeGreaterThanOrEqual(3);
  });

  it('gives the admin no way to read it (separation of duties)', async () => {
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    expect((await admin.get('/api/audit/chain/verify')).statusCode).toBe(403);
  });

  it('lets the auditor verify the hash chain (progress, then the result, itself recorded), and names an entry edited with owner rights', async () => {
    const lines = (body: string) => body.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const held = await auditor.get('/api/audit/chain/verify');
    expect(held.statusCode).toBe(200);
    expect(held.headers['content-type']).toMatch(/application\/x-ndjson/);
    const heldLines = lines(held.body);
    expect(heldLines[0]).toMatchObject({ type: 'progress', checked: 0 });
    expect(heldLines.at(-1)).toMatchObject({ type: 'result', ok: true, firstBreak: null });
    const recorded = await t.app.db.selectFrom('audit_log').where('action', '=', 'audit.verify').orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ outcome: 'success', actor_username: expect.any(String) });

    // As the owner (a test runs with owner rights): switch the protection off, rewrite an entry, switch it on.
    const target = await t.app.db.selectFrom('audit_log').where('action', '=', 'org.create').select('id').executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.app.db);
    await sql`update audit_log set actor_username = 'someone-else' where id = ${target.id}`.execute(t.app.db);
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.app.db);
    const broken = lines((await auditor.get('/api/audit/chain/verify')).body).at(-1);
    expect(broken).toMatchObject({ type: 'result', ok: false, firstBreak: { problem: 'hash_mismatch', auditId: target.id } });
    const failure = await t.app.db.selectFrom('audit_log').where('action', '=', 'audit.verify').orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
    expect(failure).toMatchObject({ outcome: 'failure', details: { firstBreak: { auditId: target.id } } });
  });
});
