import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
let admin: TestClient;
let adminUser: { id: number; username: string; orgId: number };

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await createUser(t.app.db, { roles: ['admin'] });
  admin = new TestClient(t.app);
  await admin.login(adminUser.username, TEST_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

describe('user administration', () => {
  it('creates a user who can sign in and must change the initial password', async () => {
    const orgId = await createOrg(t.app.db, 'bank', '重庆农村商业银行垫江支行');
    const response = await admin.post('/api/admin/users', { username: 'loan.officer', displayName: '信贷员', password: 'initial-pass-1', orgId, roles: ['bank_staff'] });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ username: 'loan.officer', roles: ['bank_staff'], org: { id: orgId, type: 'bank' }, mustChangePassword: true, isDisabled: false });
    const login = await new TestClient(t.app).login('loan.officer', 'initial-pass-1');
    expect(login.json().user.mustChangePassword).toBe(true);
    const stored = await t.app.db.selectFrom('users').where('username', '=', 'loan.officer').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a taken username (any case) with 409', async () => {
    const orgId = await createOrg(t.app.db, 'platform');
    const response = await admin.post('/api/admin/users', { username: adminUser.username.toUpperCase(), displayName: 'Dup', password: 'initial-pass-1', orgId, roles: ['admin'] });
    expect(response.statusCode).toBe(409);
  });

  it('refuses roles that do not fit the organisation, and admin together with auditor', async () => {
    const bank = await createOrg(t.app.db, 'bank');
    const platform = await createOrg(t.app.db, 'platform');
    const misfit = await admin.post('/api/admin/users', { username: 'misfit', displayName: 'M', password: 'initial-pass-1', orgId: bank, roles: ['department_staff'] });
    expect(misfit.statusCode).toBe(400);
    expect(misfit.json().error.details[0].message).toContain('department_staff');
    const both = await admin.post('/api/admin/users', { username: 'both', displayName: 'B', password: 'initial-pass-1', orgId: platform, roles: ['admin', 'auditor'] });
    expect(both.statusCode).toBe(400);
    expect(JSON.stringify(both.json())).toContain('separation of duties');
  });

  it('refuses a weak initial password', async () => {
    const orgId = await createOrg(t.app.db, 'platform');
    const response = await admin.post('/api/admin/users', { username: 'weakling', displayName: 'W', password: 'weakling123', orgId, roles: ['data_admin'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toContainEqual({ path: 'body/password', message: 'must not contain the username' });
  });

  it('disables a user: their sessions end and they cannot sign in', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const session = new TestClient(t.app);
    await session.login(user.username, TEST_PASSWORD);
    const response = await admin.patch(`/api/admin/users/${user.id}`, { isDisabled: true });
    expect(response.statusCode).toBe(200);
    expect(response.json().isDisabled).toBe(true);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    const entry = await t.app.db.selectFrom('audit_log').where('action', '=', 'user.update').where('target_id', '=', String(user.id)).selectAll().executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ before: { isDisabled: false }, after: { isDisabled: true } });
  });

  it('changes roles (the security administrator) and ends the sessions holding the old ones', async () => {
    const user = await createUser(t.app.db, { roles: ['department_staff'] });
    const session = new TestClient(t.app);
    await session.login(user.username, TEST_PASSWORD);
    // The system administrator's change carries no roles (a field of no such name: refused, named).
    const byAdmin = await admin.patch(`/api/admin/users/${user.id}`, { roles: ['department_staff', 'cadre'] });
    expect(byAdmin.statusCode).toBe(400);
    expect(byAdmin.body).toContain('roles');
    expect((await admin.patch(`/api/security/users/${user.id}/role`, { roles: ['department_staff', 'cadre'] })).statusCode).toBe(403);
    const security = new TestClient(t.app);
    await security.login((await createUser(t.app.db, { roles: ['security_admin'] })).username, TEST_PASSWORD);
    const response = await security.patch(`/api/security/users/${user.id}/role`, { roles: ['department_staff', 'cadre'] });
    expect(response.json().roles).toEqual(['department_staff', 'cadre']);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('does not let an admin disable themselves or drop their own admin role', async () => {
    expect((await admin.patch(`/api/admin/users/${adminUser.id}`, { isDisabled: true })).statusCode).toBe(403);
    expect((await admin.patch(`/api/security/users/${adminUser.id}/role`, { roles: ['data_admin'] })).statusCode).toBe(403);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('resets a password: unlocks the account, ends sessions, forces a change', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) await client.login(user.username, `wrong-password-${i}`);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
    const listed = (await admin.get(`/api/admin/users?q=${user.username}`)).json();
    expect(listed.items[0].lockedUntil).not.toBeNull();

    expect((await admin.post(`/api/admin/users/${user.id}/reset-password`, { newPassword: 'reset-pass-2026' })).statusCode).toBe(204);
    const login = await client.login(user.username, 'reset-pass-2026');
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('lists and filters users, paginated', async () => {
    const orgId = await createOrg(t.app.db, 'department');
    for (let i = 0; i < 3; i++) await createUser(t.app.db, { roles: ['department_staff'], orgId });
    const page1 = (await admin.get(`/api/admin/users?orgId=${orgId}&pageSize=2`)).json();
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    const page2 = (await admin.get(`/api/admin/users?orgId=${orgId}&pageSize=2&page=2`)).json();
    expect(page2.items).toHaveLength(1);
    const byRole = (await admin.get('/api/admin/users?role=admin')).json();
    expect(byRole.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
    expect((await admin.get('/api/admin/users?q=%25')).json().total).toBe(0);
  });
});

describe('organisations', () => {
  it('creates and lists organisations by type; a duplicate code of the same type is a conflict', async () => {
    const created = await admin.post('/api/admin/orgs', { type: 'service_provider', name: '垫江县中小企业协会', code: 'smea-test' });
    expect(created.statusCode).toBe(201);
    expect((await admin.post('/api/admin/orgs', { type: 'service_provider', name: 'Other', code: 'smea-test' })).statusCode).toBe(409);
    const listed = (await admin.get('/api/admin/orgs?type=service_provider')).json();
    expect(listed.items.map((o: { name: string }) => o.name)).toContain('垫江县中小企业协会');
    expect(listed.items.every((o: { type: string }) => o.type === 'service_provider')).toBe(true);
  });
});
