import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { notifyEnterprise, notifyEnterprises, notifyOrg, notifyUsers } from '../../src/server/modules/notifications/notifications.service.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise } from '../factories/enterprises.ts';
import { sampleNotification } from './notifications-support.ts';

// The webhook channel is off here (no WEBHOOK_URL): notifications only. See notifications-webhook.test.ts.
let t: TestApp;
let db: Kysely<DB>;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
});
afterAll(async () => {
  await t.close();
});

const recipientsOf = async (ids: number[]) =>
  ids.length === 0 ? [] : (await db.selectFrom('notifications').where('id', 'in', ids).select('user_id').orderBy('user_id').execute()).map((r) => r.user_id);

async function signIn(roles: Parameters<typeof createUser>[1]['roles'] = ['enterprise_user'], orgId?: number) {
  const user = await createUser(db, { roles, orgId });
  const client = new TestClient(t.app);
  expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  return { user, client };
}

describe('who is notified', () => {
  it('notifyEnterprise reaches exactly the active users of the enterprise', async () => {
    const enterprise = await createEnterprise(db, { withOrg: true });
    const other = await createEnterprise(db, { withOrg: true });
    const first = await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    const second = await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId! });
    await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId!, isDisabled: true });
    await createUser(db, { roles: ['enterprise_user'], orgId: other.orgId! });
    await createUser(db, { roles: ['department_staff'] });

    const ids = await db.transaction().execute((trx) => notifyEnterprise(trx, enterprise.id, sampleNotification()));
    expect(ids).toHaveLength(2);
    expect(await recipientsOf(ids)).toEqual([first.id, second.id].sort((a, b) => a - b));
    const rows = await db.selectFrom('notifications').where('id', 'in', ids).selectAll().execute();
    expect(rows.every((row) => row.enterprise_id === enterprise.id && row.read_at === null)).toBe(true);
    // The channel is off: no outbound delivery is made.
    expect(await db.selectFrom('outbound_deliveries').where('notification_id', 'in', ids).selectAll().execute()).toEqual([]);
  });

  it('notifies nobody for an enterprise without users', async () => {
    const lonely = await createEnterprise(db);
    expect(await db.transaction().execute((trx) => notifyEnterprise(trx, lonely.id, sampleNotification()))).toEqual([]);
    const noOneYet = await createEnterprise(db, { withOrg: true });
    expect(await db.transaction().execute((trx) => notifyEnterprise(trx, noOneYet.id, sampleNotification()))).toEqual([]);
  });

  it('notifyOrg reaches the organisation’s active users, or only those with the roles asked', async () => {
    const department = await createOrg(db, 'department');
    const staff = await createUser(db, { roles: ['department_staff'], orgId: department });
    const staffAndCadre = await createUser(db, { roles: ['cadre', 'department_staff'], orgId: department });
    const cadre = await createUser(db, { roles: ['cadre'], orgId: department });
    await createUser(db, { roles: ['department_staff'], orgId: department, isDisabled: true });
    await createUser(db, { roles: ['department_staff'] }); // another department

    const toStaff = await notifyOrg(db, department, sampleNotification({ kind: 'application.submitted' }), { roles: ['department_staff'] });
    expect(await recipientsOf(toStaff)).toEqual([staff.id, staffAndCadre.id]);
    const toAll = await notifyOrg(db, department, sampleNotification());
    expect(await recipientsOf(toAll)).toEqual([staff.id, staffAndCadre.id, cadre.id]);
  });

  it('notifyEnterprises notifies many enterprises in one call, each with its own text', async () => {
    const a = await createEnterprise(db, { withOrg: true });
    const b = await createEnterprise(db, { withOrg: true });
    const userA = await createUser(db, { roles: ['enterprise_user'], orgId: a.orgId! });
    const userB = await createUser(db, { roles: ['enterprise_user'], orgId: b.orgId! });
    const ids = await db.transaction().execute((trx) =>
      notifyEnterprises(trx, [
        { enterpriseId: a.id, notification: sampleNotification({ titleZh: '给 A', dedupeKey: 'push:1:a' }) },
        { enterpriseId: b.id, notification: sampleNotification({ titleZh: '给 B', dedupeKey: 'push:1:b' }) },
      ]),
    );
    const rows = await db.selectFrom('notifications').where('id', 'in', ids).select(['user_id', 'enterprise_id', 'title_zh']).orderBy('user_id').execute();
    expect(rows).toEqual([
      { user_id: userA.id, enterprise_id: a.id, title_zh: '给 A' },
      { user_id: userB.id, enterprise_id: b.id, title_zh: '给 B' },
    ]);
  });

  it('never notifies a user twice of the same event', async () => {
    const one = await createUser(db, { roles: ['enterprise_user'] });
    const two = await createUser(db, { roles: ['enterprise_user'] });
    const event = sampleNotification({ dedupeKey: 'policy-push:7:enterprise:1' });
    const first = await db.transaction().execute((trx) => notifyUsers(trx, [one.id], event));
    const again = await db.transaction().execute((trx) => notifyUsers(trx, [one.id, one.id], { ...event, titleZh: '重复' }));
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    // The key is per user: another user is notified of the same event once too.
    const both = await db.transaction().execute((trx) => notifyUsers(trx, [one.id, two.id], event));
    expect(await recipientsOf(both)).toEqual([two.id]);
    const rows = await db.selectFrom('notifications').where('dedupe_key', '=', event.dedupeKey).select(['user_id', 'title_zh']).orderBy('user_id').execute();
    expect(rows).toEqual([
      { user_id: one.id, title_zh: event.titleZh },
      { user_id: two.id, title_zh: event.titleZh },
    ]);
  });

  it('leaves nothing behind when the caller’s transaction rolls back', async () => {
    const user = await createUser(db, { roles: ['enterprise_user'] });
    const event = sampleNotification();
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await notifyUsers(trx, [user.id], event)).toHaveLength(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.selectFrom('notifications').where('user_id', '=', user.id).selectAll().execute()).toEqual([]);
    // …and the event can still be notified once the change succeeds.
    expect(await notifyUsers(db, [user.id], event)).toHaveLength(1);
  });

  it('refuses a malformed notification instead of showing it', async () => {
    const user = await createUser(db, { roles: ['enterprise_user'] });
    for (const bad of [
      { link: 'https://evil.example/phish' },
      { link: '//evil.example' },
      { link: '/\\evil.example' },
      { kind: 'Policy Pushed' },
      { dedupeKey: '' },
      { titleEn: '' },
    ]) {
      await expect(notifyUsers(db, [user.id], sampleNotification(bad))).rejects.toThrow(/invalid notification/);
    }
    expect(await db.selectFrom('notifications').where('user_id', '=', user.id).selectAll().execute()).toEqual([]);
  });
});

describe('reading notifications', () => {
  it('lists your own notifications newest first, in both languages, with the unread count', async () => {
    const { user, client } = await signIn();
    const stranger = await createUser(db, { roles: ['enterprise_user'] });
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) ids.push(...(await notifyUsers(db, [user.id], sampleNotification({ titleZh: `第${i}条`, titleEn: `No. ${i}`, params: { n: i } }))));
    await notifyUsers(db, [stranger.id], sampleNotification({ titleZh: '别人的' }));

    const response = await client.get('/api/me/notifications?pageSize=2');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2, unreadCount: 3 });
    expect(body.items.map((n: { id: number }) => n.id)).toEqual([ids[2], ids[1]]);
    expect(body.items[0]).toMatchObject({
      kind: 'policy.pushed',
      params: { n: 3 },
      title: { zh: '第3条', en: 'No. 3' },
      body: { zh: '预计可获 ¥50,000', en: 'Estimated ¥50,000' },
      enterpriseId: null,
      readAt: null,
    });
    expect(body.items[0].link).toMatch(/^\/policies\/\d+$/);
    expect(new Date(body.items[0].createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const second = (await client.get('/api/me/notifications?page=2&pageSize=2')).json();
    expect(second.items.map((n: { id: number }) => n.id)).toEqual([ids[0]]);
  });

  it('marks one read, keeps the first read time, and filters unread', async () => {
    const { user, client } = await signIn();
    const [first] = await notifyUsers(db, [user.id], sampleNotification());
    const [second] = await notifyUsers(db, [user.id], sampleNotification());

    const read = await client.post(`/api/me/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: first });
    const readAt = read.json().readAt;
    expect(readAt).not.toBeNull();
    const again = await client.post(`/api/me/notifications/${first}/read`);
    expect(again.json().readAt).toBe(readAt);

    const unread = (await client.get('/api/me/notifications?unread=true')).json();
    expect(unread.items.map((n: { id: number }) => n.id)).toEqual([second]);
    expect(unread).toMatchObject({ total: 1, unreadCount: 1 });
    const all = (await client.get('/api/me/notifications')).json();
    expect(all).toMatchObject({ total: 2, unreadCount: 1 });
  });

  it('does not let anyone read (or learn of) another user’s notification', async () => {
    const { client } = await signIn();
    const owner = await createUser(db, { roles: ['enterprise_user'] });
    const [theirs] = await notifyUsers(db, [owner.id], sampleNotification());
    const response = await client.post(`/api/me/notifications/${theirs}/read`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    // Same answer as for an id that does not exist.
    expect((await client.post('/api/me/notifications/2000000000/read')).statusCode).toBe(404);
    const row = await db.selectFrom('notifications').where('id', '=', theirs).select('read_at').executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('marks all of your notifications read, and only yours', async () => {
    const { user, client } = await signIn(['department_staff']);
    const other = await createUser(db, { roles: ['department_staff'] });
    await notifyUsers(db, [user.id, other.id], sampleNotification());
    await notifyUsers(db, [user.id], sampleNotification());

    const response = await client.post('/api/me/notifications/read-all');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2, unreadCount: 0 });
    expect((await client.post('/api/me/notifications/read-all')).json()).toEqual({ updated: 0, unreadCount: 0 });
    const othersUnread = await db.selectFrom('notifications').where('user_id', '=', other.id).where('read_at', 'is', null).selectAll().execute();
    expect(othersUnread).toHaveLength(1);
  });

  it('requires signing in, and CSRF for changes', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notifications/stream' })).statusCode).toBe(401);
    const { client } = await signIn();
    const response = await client.post('/api/me/notifications/read-all', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_invalid');
  });

  it('refuses bad paging and ids with 400', async () => {
    const { client } = await signIn();
    expect((await client.get('/api/me/notifications?pageSize=0')).statusCode).toBe(400);
    expect((await client.get('/api/me/notifications?unread=maybe')).statusCode).toBe(400);
    expect((await client.post('/api/me/notifications/abc/read')).statusCode).toBe(400);
  });
});
