import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../src/server/modules/auth/auth.service.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const countAudit = async (action: string, outcome?: string) => {
  let query = t.app.db.selectFrom('audit_log').where('action', '=', action);
  if (outcome) query = query.where('outcome', '=', outcome as 'success');
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
};

describe('login', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie and answers /me with roles and organisation', async () => {
    const user = await createUser(t.app.db, { roles: ['department_staff'] });
    const client = new TestClient(t.app);
    const response = await client.login(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: user.id, username: user.username, roles: ['department_staff'], org: { id: user.orgId, type: 'department' } });
    const cookie = response.cookies.find((c) => c.name === 'dxe_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // plain http in tests; Secure under https
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: response.json().user });
  });

  it('accepts the username in any letter case', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'], username: 'MixedCase' });
    expect((await new TestClient(t.app).login('mixedcase', TEST_PASSWORD)).statusCode).toBe(200);
    expect(user.username).toBe('MixedCase');
  });

  it('gives the same 401 for a wrong password, an unknown user and a disabled account', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const disabled = await createUser(t.app.db, { roles: ['cadre'], isDisabled: true });
    const wrong = await new TestClient(t.app).login(user.username, 'not-the-password1');
    const unknown = await new TestClient(t.app).login('nobody-here', 'not-the-password1');
    const off = await new TestClient(t.app).login(disabled.username, TEST_PASSWORD);
    for (const response of [wrong, unknown, off]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password', details: [] } });
      expect(response.cookies.find((c) => c.name === 'dxe_session')).toBeUndefined();
    }
  });

  it('records successful and failed logins in the audit log', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const before = { ok: await countAudit('auth.login', 'success'), failed: await countAudit('auth.login', 'failure') };
    await new TestClient(t.app).login(user.username, 'wrong-password-1');
    await new TestClient(t.app).login(user.username, TEST_PASSWORD);
    expect(await countAudit('auth.login', 'success')).toBe(before.ok + 1);
    expect(await countAudit('auth.login', 'failure')).toBe(before.failed + 1);
    const entry = await t.app.db.selectFrom('audit_log').where('action', '=', 'auth.login').where('outcome', '=', 'failure').orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_user_id: user.id, actor_username: user.username.toLowerCase(), details: { reason: 'wrong_password' } });
    expect(entry.request_id).toBeTruthy();
    expect(entry.ip).toBeTruthy();
  });
});

describe('lockout', () => {
  it('locks a name for 15 minutes after 5 failures, even against the right password, then lets it in again', async () => {
    const user = await createUser(t.app.db, { roles: ['bank_staff'] });
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) expect((await client.login(user.username, `wrong-password-${i}`)).statusCode).toBe(401);
    const locked = await client.login(user.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    const lockedUntil = new Date(locked.json().error.details[0].lockedUntil);
    const minutes = (lockedUntil.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Fifteen minutes later (moved back in the database rather than waited for).
    await t.app.db.updateTable('login_throttle').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', user.username).execute();
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    const throttle = await t.app.db.selectFrom('login_throttle').where('username', '=', user.username).selectAll().executeTakeFirst();
    expect(throttle).toBeUndefined();
  });

  it('locks unknown names the same way, so lockout does not reveal which accounts exist', async () => {
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) await client.login('ghost-user', `wrong-password-${i}`);
    expect((await client.login('ghost-user', 'anything-1234')).statusCode).toBe(423);
  });

  it('does not lock after 4 failures followed by a success', async () => {
    const user = await createUser(t.app.db, { roles: ['bank_staff'] });
    const client = new TestClient(t.app);
    for (let i = 0; i < 4; i++) await client.login(user.username, `wrong-password-${i}`);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await client.login(user.username, `wrong-password-${i}`);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes and deletes the dead session', async () => {
    const user = await createUser(t.app.db, { roles: ['dispatcher'] });
    const client = new TestClient(t.app);
    await client.login(user.username, TEST_PASSWORD);
    const tokenHash = hashSessionToken(client.getCookie('dxe_session')!);
    await t.app.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 29 * 60_000) }).where('token_hash', '=', tokenHash).execute();
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    // The request above refreshed the session; now let 31 idle minutes pass.
    await t.app.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('token_hash', '=', tokenHash).execute();
    const expired = await client.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
    expect(await t.app.db.selectFrom('sessions').where('token_hash', '=', tokenHash).selectAll().executeTakeFirst()).toBeUndefined();
  });

  it('honours a shorter idle limit from the configuration', async () => {
    const short = await createTestApp({ session: { idleMinutes: 5, absoluteHours: 12, cookieName: 'dxe_session', cookieSecure: 'auto', cacheSeconds: 0, maxPerUser: 5 } }, t.database);
    try {
      const user = await createUser(short.app.db, { roles: ['dispatcher'] });
      const client = new TestClient(short.app);
      await client.login(user.username, TEST_PASSWORD);
      const tokenHash = hashSessionToken(client.getCookie('dxe_session')!);
      await short.app.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 6 * 60_000) }).where('token_hash', '=', tokenHash).execute();
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await short.app.close();
    }
  });

  it('ends at the absolute lifetime even when active', async () => {
    const user = await createUser(t.app.db, { roles: ['dispatcher'] });
    const client = new TestClient(t.app);
    await client.login(user.username, TEST_PASSWORD);
    const tokenHash = hashSessionToken(client.getCookie('dxe_session')!);
    await t.app.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', tokenHash).execute();
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('treats a forged, oversized or missing session cookie as no session', async () => {
    for (const value of [undefined, 'forged-session-id', 'x'.repeat(5000)]) {
      const client = new TestClient(t.app);
      if (value) client.setCookie('dxe_session', value);
      const response = await client.get('/api/auth/me');
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('stores only a hash of the session token', async () => {
    const user = await createUser(t.app.db, { roles: ['dispatcher'] });
    const client = new TestClient(t.app);
    await client.login(user.username, TEST_PASSWORD);
    const token = client.getCookie('dxe_session')!;
    const rows = await t.app.db.selectFrom('sessions').where('user_id', '=', user.id).select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([hashSessionToken(token)]);
    expect(rows[0].token_hash).not.toContain(token);
  });

  it('logs out: the cookie stops working and the logout is audited', async () => {
    const user = await createUser(t.app.db, { roles: ['dispatcher'] });
    const client = new TestClient(t.app);
    await client.login(user.username, TEST_PASSWORD);
    const token = client.getCookie('dxe_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = new TestClient(t.app);
    replay.setCookie('dxe_session', token);
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
    const entry = await t.app.db.selectFrom('audit_log').where('action', '=', 'auth.logout').where('actor_user_id', '=', user.id).selectAll().executeTakeFirst();
    expect(entry).toBeDefined();
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token and changes nothing', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const client = new TestClient(t.app);
    await client.login(user.username, TEST_PASSWORD);
    const before = await t.app.db.selectFrom('users').where('id', '=', user.id).select('password_hash').executeTakeFirstOrThrow();
    const response = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'another-pass-99' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_invalid');
    const after = await t.app.db.selectFrom('users').where('id', '=', user.id).select('password_hash').executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    const denied = await t.app.db.selectFrom('audit_log').where('actor_user_id', '=', user.id).where('outcome', '=', 'denied').selectAll().executeTakeFirst();
    expect(denied?.details).toMatchObject({ code: 'csrf_invalid' });
  });

  it('refuses a forged token and a token without its secret cookie, including on login', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const forged = new TestClient(t.app);
    const response = await forged.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(response.statusCode).toBe(403);

    // A token fetched by one browser is useless in another (no secret cookie there).
    const victim = new TestClient(t.app);
    const token = (await victim.get('/api/auth/csrf')).json().token as string;
    const attacker = new TestClient(t.app);
    const replay = await attacker.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, { csrf: false, headers: { 'x-csrf-token': token } });
    expect(replay.statusCode).toBe(403);
  });
});

describe('CSRF on every path form, rotated at sign-in', () => {
  it('checks an encoded path (/%61pi/auth/login) as the route it reaches', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const before = await countAudit('auth.login', 'success');
    for (const url of ['/%61pi/auth/login', '/api/auth/%6Cogin', '//api/auth/login']) {
      const response = await t.app.inject({ method: 'POST', url, payload: { username: user.username, password: TEST_PASSWORD } });
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.cookies.find((c) => c.name === 'dxe_session'), url).toBeUndefined();
    }
    expect(await countAudit('auth.login', 'success')).toBe(before);
  });

  it('makes a token learnt before sign-in worthless after it, and gives a secure cookie behind https', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    const browser = new TestClient(t.app);
    const planted = (await browser.get('/api/auth/csrf')).json().token as string;
    const login = await browser.login(user.username, TEST_PASSWORD);
    expect(login.cookies.find((c) => c.name === '_csrf')?.value).toBeTruthy();
    const stale = await browser.post('/api/auth/logout', {}, { csrf: false, headers: { 'x-csrf-token': planted } });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('csrf_invalid');
    expect((await browser.post('/api/auth/logout')).statusCode).toBe(204);

    const proxied = await createTestApp({ trustProxy: true });
    try {
      const viaHttps = new TestClient(proxied.app);
      const other = await createUser(proxied.app.db, { roles: ['cadre'] });
      const response = await viaHttps.post('/api/auth/login', { username: other.username, password: TEST_PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.statusCode).toBe(200);
      for (const name of ['dxe_session', '_csrf']) expect(response.cookies.find((c) => c.name === name)?.secure, name).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});

describe('password change', () => {
  it('needs the current password and a strong new one, then ends the other sessions', async () => {
    const user = await createUser(t.app.db, { roles: ['provider_staff'] });
    const laptop = new TestClient(t.app);
    const phone = new TestClient(t.app);
    await laptop.login(user.username, TEST_PASSWORD);
    await phone.login(user.username, TEST_PASSWORD);

    const wrong = await laptop.post('/api/auth/password', { currentPassword: 'wrong-password-1', newPassword: 'brand-new-pass-1' });
    expect(wrong.statusCode).toBe(401);
    const weak = await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('body/newPassword');
    const noDigits = await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'onlyletterspassword' });
    expect(noDigits.statusCode).toBe(400);

    expect((await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'brand-new-pass-1' })).statusCode).toBe(204);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.username, 'brand-new-pass-1')).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 in the error shape beyond the configured rate', async () => {
    const limited = await createTestApp({ login: { maxFailures: 100, lockMinutes: 15, ratePerMinute: 3 } }, t.database);
    try {
      const client = new TestClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.login('someone', 'wrong-password-1')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const response = await client.login('someone', 'wrong-password-1');
      expect(response.json().error.code).toBe('rate_limited');
    } finally {
      await limited.app.close();
    }
  });
});

describe('the session cache', () => {
  it('serves a session from memory for a few seconds, yet ends it at once on this instance', async () => {
    const cached = await createTestApp({ session: { ...t.config.session, cacheSeconds: 60 } }, t.database);
    try {
      const user = await createUser(cached.app.db, { roles: ['dispatcher'] });
      const adminUser = await createUser(cached.app.db, { roles: ['admin'] });
      const client = new TestClient(cached.app);
      const admin = new TestClient(cached.app);
      await client.login(user.username, TEST_PASSWORD);
      await admin.login(adminUser.username, TEST_PASSWORD);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);

      // Deleted behind the app's back (as another instance would): still served from memory.
      const tokenHash = hashSessionToken(client.getCookie('dxe_session')!);
      await cached.app.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);

      // Disabled through this instance: refused at once.
      await client.login(user.username, TEST_PASSWORD);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
      expect((await admin.patch(`/api/admin/users/${user.id}`, { isDisabled: true })).statusCode).toBe(200);
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await cached.app.close();
    }
  });
});
