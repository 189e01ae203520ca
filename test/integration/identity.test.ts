/**
 * Identification and the three administrators (issue 13 items 3, 4 and 7): the password policy, the
 * password change the server enforces, expiry, lockout per name and source address, the session limit,
 * the separation of the administrator kinds, and revocation that holds on every instance at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { passwordProblems } from '../../src/server/modules/auth/passwords.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';

const DAY = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  // Behind a proxy, so a test can sign in "from" several addresses (X-Forwarded-For).
  t = await createTestApp({ trustProxy: true });
});
afterAll(async () => {
  await t.close();
});

async function signedIn(roles: Role[], app = t.app): Promise<{ client: TestClient; user: { id: number; username: string } }> {
  const user = await createUser(t.app.db, { roles });
  const client = new TestClient(app);
  expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  return { client, user };
}

describe('password policy', () => {
  it.each([
    ['Short-1a', 'at least 10 characters'],
    ['alllowercase-but-long', 'three of: lower-case letters, upper-case letters, digits, other characters'],
    ['abcdefghij12', 'three of: lower-case letters, upper-case letters, digits, other characters'],
    ['Password2026!', 'too common or a keyboard pattern'],
    ['Qwertyuiop12', 'too common or a keyboard pattern'],
    ['1qaz2wsx3EDC', 'too common or a keyboard pattern'],
    ['Asdfghjkl;12', 'too common or a keyboard pattern'],
    ['Xy7!Xy7!Xy7!', 'too common or a keyboard pattern'],
    ['My-ZHANGSAN-2026', 'must not contain the username'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(passwordProblems(password, 'zhangsan')).toContain(problem);
  });

  it.each(['Correct-Horse-42', 'initial-pass-1', 'Dxe#Bank-2027', '垫江县Enterprise7'])('accepts %s', (password) => {
    expect(passwordProblems(password, 'zhangsan')).toEqual([]);
  });

  it('applies to a change through the API, naming the field, and changes nothing', async () => {
    const { client, user } = await signedIn(['cadre']);
    const before = await t.app.db.selectFrom('users').where('id', '=', user.id).select('password_hash').executeTakeFirstOrThrow();
    for (const weak of ['1q2w3e4r5t6y', `X-${user.username}-2026`, 'iloveyou12345']) {
      const response = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: weak });
      expect(response.statusCode, weak).toBe(400);
      expect(response.json().error.details[0].path).toBe('body/newPassword');
    }
    const after = await t.app.db.selectFrom('users').where('id', '=', user.id).select('password_hash').executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('does not re-check an existing password at sign-in (the demo password keeps working)', async () => {
    expect(passwordProblems('demo123456').length).toBeGreaterThan(0);
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const { hashPassword } = await import('../../src/server/modules/auth/passwords.ts');
    await t.app.db.updateTable('users').set({ password_hash: await hashPassword('demo123456') }).where('id', '=', user.id).execute();
    expect((await new TestClient(t.app).login(user.username, 'demo123456')).statusCode).toBe(200);
  });
});

describe('must change password (server-enforced)', () => {
  it('answers 403 password_change_required everywhere but the change, sign-out, me and csrf; the change lifts it', async () => {
    const { client, user } = await signedIn(['department_staff']);
    await t.app.db.updateTable('users').set({ must_change_password: true }).where('id', '=', user.id).execute();
    const fresh = new TestClient(t.app);
    await fresh.login(user.username, TEST_PASSWORD);
    // Initial sign-in already reports it; the session of before sees it too (the flag is read per session load).
    for (const c of [fresh, client]) {
      const me = await c.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.mustChangePassword).toBe(true);
    }
    for (const url of ['/api/me/home', '/api/enterprises', '/api/policies', '/api/demands', '/api/notifications', '/api/me/home?x=%00']) {
      const response = await fresh.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code, url).toBe('password_change_required');
    }
    const write = await fresh.patch(`/api/admin/users/${user.id}`, { displayName: 'x' });
    expect(write.json().error.code).toBe('password_change_required');
    expect((await fresh.get('/api/auth/csrf')).statusCode).toBe(200);

    expect((await fresh.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Fresh-Start-2026' })).statusCode).toBe(204);
    expect((await fresh.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await fresh.get('/api/me/home')).statusCode).toBe(200);
    // The other session ended with the change.
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lets a user who must change sign out', async () => {
    const { client, user } = await signedIn(['cadre']);
    await t.app.db.updateTable('users').set({ must_change_password: true }).where('id', '=', user.id).execute();
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password expiry', () => {
  it('warns within the last 14 days, then treats an expired password like one that must change', async () => {
    const { client, user } = await signedIn(['cadre']);
    expect((await client.get('/api/auth/me')).json().user.passwordExpiresInDays).toBeNull();

    await t.app.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 80 * DAY - 60_000) }).where('id', '=', user.id).execute();
    const warned = (await client.get('/api/auth/me')).json().user;
    expect(warned).toMatchObject({ mustChangePassword: false, passwordExpiresInDays: 9 });
    expect((await client.get('/api/me/home')).statusCode).toBe(200);

    await t.app.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 91 * DAY) }).where('id', '=', user.id).execute();
    const expired = await new TestClient(t.app).login(user.username, TEST_PASSWORD);
    expect(expired.json().user).toMatchObject({ mustChangePassword: true, passwordExpiresInDays: 0 });
    expect((await client.get('/api/me/home')).json().error.code).toBe('password_change_required');
    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Renewed-Pass-2026' })).statusCode).toBe(204);
    expect((await client.get('/api/me/home')).statusCode).toBe(200);
  });

  it('is off with PASSWORD_MAX_AGE_DAYS=0, and the security administrator can set the lifetime', async () => {
    const never = await createTestApp({ password: { maxAgeDays: 0, warnDays: 14 } }, t.database);
    try {
      const user = await createUser(t.app.db, { roles: ['cadre'] });
      await t.app.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 1000 * DAY) }).where('id', '=', user.id).execute();
      const client = new TestClient(never.app);
      const login = await client.login(user.username, TEST_PASSWORD);
      expect(login.json().user).toMatchObject({ mustChangePassword: false, passwordExpiresInDays: null });

      // A 2000-day lifetime set by the security administrator: still not expired; then 30 days: expired.
      const security = (await signedIn(['security_admin'], never.app)).client;
      expect((await security.patch('/api/security/password-policy', { maxAgeDays: 2000 })).json().maxAgeDays).toBe(2000);
      expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
      expect((await security.patch('/api/security/password-policy', { maxAgeDays: 30 })).statusCode).toBe(200);
      expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
      const expiring = (await security.get('/api/security/password-expiry')).json();
      expect(expiring.items.map((i: { id: number }) => i.id)).toContain(user.id);
      expect((await security.patch('/api/security/password-policy', { maxAgeDays: 3651 })).statusCode).toBe(400);
      expect((await security.patch('/api/security/password-policy', { maxAgeDays: null })).json().maxAgeDays).toBe(0);
      expect((await t.app.db.selectFrom('auth_state').select('password_max_age_days').executeTakeFirstOrThrow()).password_max_age_days).toBeNull();
      expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
      const audited = await t.app.db.selectFrom('audit_log').where('action', '=', 'auth.policy_update').select('id').execute();
      expect(audited.length).toBeGreaterThanOrEqual(3);
    } finally {
      await never.app.close();
    }
  });
});

describe('lockout per name and source address', () => {
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('locks the pair that failed, not the user from another address; the lock grows; the security administrator sees and lifts it', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const attacker = new TestClient(t.app);
    for (let i = 0; i < 5; i++) expect((await attacker.post('/api/auth/login', { username: user.username, password: `wrong-${i}` }, from('198.51.100.7'))).statusCode).toBe(401);
    const locked = await attacker.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, from('198.51.100.7'));
    expect(locked.statusCode).toBe(423);
    const firstUntil = new Date(locked.json().error.details[0].lockedUntil).getTime();
    expect(firstUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(firstUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // The user, from their own address, signs in.
    const owner = new TestClient(t.app);
    expect((await owner.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, from('10.1.2.3'))).statusCode).toBe(200);

    // The security administrator sees the pair and lifts it; the auditor and the system administrator may not.
    const security = (await signedIn(['security_admin'])).client;
    const list = (await security.get('/api/security/lockouts')).json();
    expect(list.items).toContainEqual(expect.objectContaining({ username: user.username, ip: '198.51.100.7', locks: 1, user: { id: user.id, displayName: expect.any(String) } }));
    for (const other of [['admin'], ['auditor']] as Role[][]) {
      const { client } = await signedIn(other);
      expect((await client.get('/api/security/lockouts')).statusCode).toBe(403);
      expect((await client.post('/api/security/lockouts/unlock', { username: user.username })).statusCode).toBe(403);
    }
    const adminList = (await (await signedIn(['admin'])).client.get(`/api/admin/users?q=${user.username}`)).json();
    expect(adminList.items[0].lockedUntil).not.toBeNull();

    expect((await security.post('/api/security/lockouts/unlock', { username: user.username, ip: '198.51.100.7' })).statusCode).toBe(204);
    expect((await security.post('/api/security/lockouts/unlock', { username: user.username, ip: '198.51.100.7' })).statusCode).toBe(404);
    const unlockEntry = await t.app.db.selectFrom('audit_log').where('action', '=', 'auth.unlock').where('target_id', '=', user.username).selectAll().executeTakeFirst();
    expect(unlockEntry).toBeDefined();

    // Locked again from the same address: the second lock lasts twice as long.
    await t.app.db.insertInto('login_throttle').values({ username: user.username, ip: '198.51.100.7', failures: 0, locks: 1, locked_until: null, last_failure_at: new Date() }).execute();
    for (let i = 0; i < 5; i++) await attacker.post('/api/auth/login', { username: user.username, password: `wrong-${i}` }, from('198.51.100.7'));
    const again = await attacker.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, from('198.51.100.7'));
    expect(again.statusCode).toBe(423);
    const secondMs = new Date(again.json().error.details[0].lockedUntil).getTime() - Date.now();
    expect(secondMs).toBeGreaterThan(29 * 60_000);
    expect(secondMs).toBeLessThanOrEqual(30 * 60_000);
  });
});

describe('concurrent sessions per account', () => {
  it('ends the oldest beyond the limit (configuration, then the security administrator’s setting)', async () => {
    const limited = await createTestApp({ session: { ...t.config.session, maxPerUser: 2 } }, t.database);
    try {
      const user = await createUser(t.app.db, { roles: ['cadre'] });
      const clients = [new TestClient(limited.app), new TestClient(limited.app), new TestClient(limited.app)];
      for (const client of clients) {
        expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await clients[0].get('/api/auth/me')).statusCode).toBe(401);
      expect((await clients[1].get('/api/auth/me')).statusCode).toBe(200);
      expect((await clients[2].get('/api/auth/me')).statusCode).toBe(200);
      const entry = await t.app.db.selectFrom('audit_log').where('action', '=', 'auth.login').where('actor_user_id', '=', user.id).orderBy('id', 'desc').select('details').executeTakeFirstOrThrow();
      expect(entry.details).toMatchObject({ endedOldestSessions: 1, maxSessions: 2 });

      const security = (await signedIn(['security_admin'], limited.app)).client;
      expect((await security.patch('/api/security/password-policy', { maxSessionsPerUser: 1 })).json().maxSessionsPerUser).toBe(1);
      const latest = new TestClient(limited.app);
      await latest.login(user.username, TEST_PASSWORD);
      expect((await clients[1].get('/api/auth/me')).statusCode).toBe(401);
      expect((await clients[2].get('/api/auth/me')).statusCode).toBe(401);
      expect((await latest.get('/api/auth/me')).statusCode).toBe(200);

      // The security administrator sees the session and ends it.
      const sessions = (await security.get(`/api/security/sessions?userId=${user.id}`)).json();
      expect(sessions.total).toBe(1);
      expect((await security.post(`/api/security/sessions/${sessions.items[0].id}/end`)).statusCode).toBe(204);
      expect((await latest.get('/api/auth/me')).statusCode).toBe(401);
      expect((await security.patch('/api/security/password-policy', { maxSessionsPerUser: null })).json().maxSessionsPerUser).toBe(2);
    } finally {
      await limited.app.close();
    }
  });
});

describe('three administrators (三权分立)', () => {
  it('holds at most one administrator kind per account, in the database too', async () => {
    const { client } = await signedIn(['admin']);
    const platform = (await t.app.db.selectFrom('organizations').where('type', '=', 'platform').select('id').executeTakeFirstOrThrow()).id;
    const response = await client.post('/api/admin/users', { username: 'two.kinds', displayName: 'T', password: 'Initial-Pass-1', orgId: platform, roles: ['admin', 'security_admin'] });
    expect(response.statusCode).toBe(400);
    await expect(createUser(t.app.db, { roles: ['security_admin', 'auditor'] })).rejects.toThrow();
    await expect(createUser(t.app.db, { roles: ['admin', 'security_admin'] })).rejects.toThrow();
  });

  it('lets no administrator create, reset, disable or re-role an administrator of another kind', async () => {
    const actors = {
      admin: await signedIn(['admin']),
      security_admin: await signedIn(['security_admin']),
      auditor: await signedIn(['auditor']),
    };
    const platform = (await t.app.db.selectFrom('organizations').where('type', '=', 'platform').select('id').executeTakeFirstOrThrow()).id;
    type Kind = keyof typeof actors;
    const kinds: Kind[] = ['admin', 'security_admin', 'auditor'];
    let n = 0;
    const allowed: string[] = [];
    for (const actorKind of kinds) {
      const { client } = actors[actorKind];
      for (const targetKind of kinds) {
        const target = await createUser(t.app.db, { roles: [targetKind] });
        n++;
        const create = await client.post('/api/admin/users', { username: `made.${n}`, displayName: 'M', password: 'Initial-Pass-1', orgId: platform, roles: [targetKind] });
        const reset = await client.post(`/api/admin/users/${target.id}/reset-password`, { newPassword: 'Another-Pass-9' });
        const disable = await client.patch(`/api/admin/users/${target.id}`, { isDisabled: true });
        const reRole = await client.patch(`/api/security/users/${target.id}/role`, { roles: ['data_admin'] });
        for (const [what, response] of [['create', create], ['reset', reset], ['disable', disable], ['re-role', reRole]] as const) {
          if (response.statusCode < 300) allowed.push(`${actorKind} ${what} ${targetKind}`);
          else expect(response.statusCode, `${actorKind} ${what} ${targetKind}`).toBe(403);
        }
      }
    }
    // Only its own kind, and only within its own powers: the system administrator creates, resets and
    // disables system administrators; nobody re-roles an administrator (a kind is set at creation only).
    expect(allowed.sort()).toEqual(['admin create admin', 'admin disable admin', 'admin reset admin'].sort());
    expect(await t.app.db.selectFrom('users').where('username', 'like', 'made.%').select('roles').execute()).toEqual([{ roles: ['admin'] }]);
  });

  it('lets each administrator do its own work on ordinary accounts, and nothing of the others', async () => {
    const admin = (await signedIn(['admin'])).client;
    const security = (await signedIn(['security_admin'])).client;
    const auditor = (await signedIn(['auditor'])).client;
    const user = await createUser(t.app.db, { roles: ['department_staff'] });

    expect((await admin.patch(`/api/admin/users/${user.id}`, { displayName: '新名字' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/security/users/${user.id}/role`, { roles: ['department_staff', 'cadre'] })).statusCode).toBe(403);
    expect((await security.patch(`/api/security/users/${user.id}/role`, { roles: ['department_staff', 'cadre'] })).statusCode).toBe(200);
    expect((await security.patch(`/api/admin/users/${user.id}`, { isDisabled: true })).statusCode).toBe(403);
    expect((await security.post(`/api/admin/users/${user.id}/reset-password`, { newPassword: 'Another-Pass-9' })).statusCode).toBe(403);
    // A security administrator cannot grant an ordinary account another administrator kind.
    const platformUser = await createUser(t.app.db, { roles: ['data_admin'] });
    expect((await security.patch(`/api/security/users/${platformUser.id}/role`, { roles: ['admin'] })).statusCode).toBe(403);
    expect((await security.patch(`/api/security/users/${platformUser.id}/role`, { roles: ['auditor'] })).statusCode).toBe(403);
    // Nor change their own roles.
    const me = (await security.get('/api/auth/me')).json().user;
    expect((await security.patch(`/api/security/users/${me.id}/role`, { roles: ['security_admin', 'data_admin'] })).statusCode).toBe(403);

    expect((await security.get('/api/admin/users')).statusCode).toBe(200);
    expect((await admin.post('/api/admin/orgs', { type: 'bank', name: '新银行', code: `bank-new-${Date.now()}` })).statusCode).toBe(201);
    expect((await security.post('/api/admin/orgs', { type: 'bank', name: '新银行', code: `bank-x-${Date.now()}` })).statusCode).toBe(403);
    for (const client of [auditor]) {
      expect((await client.get('/api/admin/users')).statusCode).toBe(403);
      expect((await client.get('/api/admin/orgs')).statusCode).toBe(403);
      expect((await client.get('/api/security/sessions')).statusCode).toBe(403);
    }
    // What only the auditor reads: the audit log and its export.
    for (const client of [admin, security]) {
      expect((await client.get('/api/audit')).statusCode).toBe(403);
      expect((await client.get('/api/audit/export.xlsx')).statusCode).toBe(403);
      expect((await client.get('/api/security/password-policy')).statusCode).toBe(client === security ? 200 : 403);
    }
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
  });

  it('gives the security administrator a home with locks, sessions and passwords to renew', async () => {
    const { client } = await signedIn(['security_admin']);
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    await t.app.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 85 * DAY) }).where('id', '=', user.id).execute();
    await t.app.db.insertInto('login_throttle').values({ username: user.username, ip: '203.0.113.1', failures: 0, locks: 1, locked_until: new Date(Date.now() + 600_000), last_failure_at: new Date() }).execute();
    const home = (await client.get('/api/me/home')).json();
    const section = home.sections.find((s: { kind: string }) => s.kind === 'security_admin');
    const count = (key: string) => section.items.find((i: { key: string }) => i.key === key).count;
    expect(count('accounts_locked')).toBeGreaterThanOrEqual(1);
    expect(count('sessions_live')).toBeGreaterThanOrEqual(1);
    expect(count('passwords_expiring')).toBeGreaterThanOrEqual(1);
    expect(section.deadlines.some((d: { label: string }) => d.label.includes(user.username))).toBe(true);
    expect(home.sections.some((s: { kind: string }) => s.kind === 'auditor' || s.kind === 'admin')).toBe(false);
  });
});

describe('revocation on every instance at once', () => {
  it('logout, disabling and a role change on instance A are refused at once on instance B (both caching sessions)', async () => {
    const a = await createTestApp({ session: { ...t.config.session, cacheSeconds: 300 } }, t.database);
    const b = await createTestApp({ session: { ...t.config.session, cacheSeconds: 300 } }, t.database);
    try {
      const onBoth = async (roles: Role[]) => {
        const user = await createUser(t.app.db, { roles });
        const onA = new TestClient(a.app);
        await onA.login(user.username, TEST_PASSWORD);
        const onB = new TestClient(b.app);
        onB.setCookie('dxe_session', onA.getCookie('dxe_session')!);
        // B has the session in its cache now.
        expect((await onB.get('/api/auth/me')).statusCode).toBe(200);
        expect((await onB.get('/api/auth/me')).statusCode).toBe(200);
        return { user, onA, onB };
      };

      const first = await onBoth(['cadre']);
      expect((await first.onA.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await first.onB.get('/api/auth/me')).statusCode).toBe(401);

      const adminOnA = new TestClient(a.app);
      await adminOnA.login((await createUser(t.app.db, { roles: ['admin'] })).username, TEST_PASSWORD);
      const second = await onBoth(['cadre']);
      expect((await adminOnA.patch(`/api/admin/users/${second.user.id}`, { isDisabled: true })).statusCode).toBe(200);
      expect((await second.onB.get('/api/auth/me')).statusCode).toBe(401);

      // A must-change set by a reset on A is enforced on B (the reset also ends the session).
      const third = await onBoth(['cadre']);
      expect((await adminOnA.post(`/api/admin/users/${third.user.id}/reset-password`, { newPassword: 'Reset-Pass-2026' })).statusCode).toBe(204);
      expect((await third.onB.get('/api/auth/me')).statusCode).toBe(401);

      // A rename on A shows on B at once (any account change bumps the counter).
      const fourth = await onBoth(['cadre']);
      expect((await adminOnA.patch(`/api/admin/users/${fourth.user.id}`, { displayName: '改名后' })).statusCode).toBe(200);
      expect((await fourth.onB.get('/api/auth/me')).json().user.displayName).toBe('改名后');

      // A role change by the security administrator on A ends the session on B at once.
      const securityOnA = new TestClient(a.app);
      await securityOnA.login((await createUser(t.app.db, { roles: ['security_admin'] })).username, TEST_PASSWORD);
      const fifth = await onBoth(['department_staff']);
      expect((await securityOnA.patch(`/api/security/users/${fifth.user.id}/role`, { roles: ['department_staff', 'cadre'] })).statusCode).toBe(200);
      expect((await fifth.onB.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await a.app.close();
      await b.app.close();
    }
  });
});
