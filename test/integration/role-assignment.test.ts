/**
 * Role assignment by the security administrator (issue 13, 三权分立): PATCH /api/security/users/:id/role.
 * Only the security administrator assigns; no administrator kind is re-roled nor given; nobody changes their
 * own roles; the roles fit the account's organisation; the account's sessions end; every change is audited
 * and every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
let security: TestClient;
let securityId: number;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.app.db, { roles: ['security_admin'] });
  securityId = user.id;
  security = new TestClient(t.app);
  expect((await security.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

async function signedIn(roles: Role[], orgId?: number): Promise<{ client: TestClient; id: number }> {
  const user = await createUser(t.app.db, { roles, orgId });
  const client = new TestClient(t.app);
  expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  return { client, id: user.id };
}

const rolesOf = async (id: number) => (await t.app.db.selectFrom('users').where('id', '=', id).select('roles').executeTakeFirstOrThrow()).roles;
const entriesFor = async (id: number) =>
  t.app.db.selectFrom('audit_log').where('action', '=', 'user.role_assign').where('target_id', '=', String(id)).selectAll().execute();
const assign = (client: TestClient, id: number, roles: unknown) => client.patch(`/api/security/users/${id}/role`, { roles });

describe('PATCH /api/security/users/:id/role', () => {
  it('gives a department account the cadre role: sessions end at once, the change is audited with before and after', async () => {
    const department = await createOrg(t.app.db, 'department');
    const target = await signedIn(['department_staff'], department);
    expect((await target.client.get('/api/auth/me')).statusCode).toBe(200);

    const response = await assign(security, target.id, ['department_staff', 'cadre']);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: target.id, roles: ['department_staff', 'cadre'] });
    expect(await rolesOf(target.id)).toEqual(['department_staff', 'cadre']);
    // The old session (with the old powers) is gone; signing in again gives the new roles.
    expect((await target.client.get('/api/auth/me')).statusCode).toBe(401);
    const [entry] = await entriesFor(target.id);
    expect(entry).toMatchObject({ actor_user_id: securityId, target_type: 'user' });
    expect(entry!.details).toMatchObject({ before: ['department_staff'], after: ['department_staff', 'cadre'] });

    // The same set again changes nothing: no second entry.
    expect((await assign(security, target.id, ['cadre', 'department_staff'])).statusCode).toBe(200);
    expect(await entriesFor(target.id)).toHaveLength(1);
  });

  it('offers, per account, the roles fitting its organisation and no administrator kind', async () => {
    const bankUser = await createUser(t.app.db, { roles: ['bank_staff'] });
    const platformUser = await createUser(t.app.db, { roles: ['data_admin'] });
    const auditor = await createUser(t.app.db, { roles: ['auditor'] });
    const list = (await security.get('/api/admin/users?pageSize=100')).json().items as { id: number; assignableRoles: Role[] }[];
    const offered = (id: number) => list.find((user) => user.id === id)?.assignableRoles;
    expect(offered(bankUser.id)).toEqual(['bank_staff']);
    expect(offered(platformUser.id)).toEqual(expect.arrayContaining(['data_admin', 'cadre', 'leader']));
    expect(offered(platformUser.id)).not.toContain('admin');
    expect(offered(auditor.id)).toEqual([]);
  });

  it('refuses, changing nothing: a role not fitting the organisation (400, field named), malformed bodies, an unknown account', async () => {
    const bankUser = await createUser(t.app.db, { roles: ['bank_staff'] });
    const misfit = await assign(security, bankUser.id, ['bank_staff', 'department_staff']);
    expect(misfit.statusCode).toBe(400);
    expect(misfit.body).toContain('body/roles');
    expect(misfit.body).toContain('department_staff');
    for (const body of [[], ['bank_staff', 'bank_staff'], ['superuser'], null, 'bank_staff']) {
      const response = await assign(security, bankUser.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.body).toContain('roles');
    }
    expect((await security.patch(`/api/security/users/${bankUser.id}/role`, { roles: ['bank_staff'], isDisabled: true })).statusCode).toBe(400);
    expect((await assign(security, 2_000_000_000, ['bank_staff'])).statusCode).toBe(404);
    expect((await security.patch('/api/security/users/2147483648/role', { roles: ['bank_staff'] })).statusCode).toBe(400);
    expect(await rolesOf(bankUser.id)).toEqual(['bank_staff']);
    expect(await entriesFor(bankUser.id)).toEqual([]);
  });

  it('refuses every administrator kind as target or as new role, and one’s own account (三权分立)', async () => {
    const platform = await createOrg(t.app.db, 'platform');
    const ordinary = await signedIn(['data_admin'], platform);
    for (const kind of ['admin', 'security_admin', 'auditor'] as const) {
      // Never given: not alone, not alongside an ordinary role.
      for (const roles of [[kind], ['data_admin', kind]]) {
        const response = await assign(security, ordinary.id, roles);
        expect(response.statusCode, roles.join('+')).toBe(403);
        expect(response.body).toContain('Separation of duties');
      }
      // Never taken away nor changed, another security administrator's included.
      const holder = await signedIn([kind], platform);
      expect((await assign(security, holder.id, ['data_admin'])).statusCode, `re-role ${kind}`).toBe(403);
      expect(await rolesOf(holder.id)).toEqual([kind]);
      expect((await holder.client.get('/api/auth/me')).statusCode).toBe(200);
    }
    // Not one's own.
    const own = await assign(security, securityId, ['security_admin', 'data_admin']);
    expect(own.statusCode).toBe(403);
    expect(await rolesOf(securityId)).toEqual(['security_admin']);
    // The ordinary account kept its roles and its session.
    expect(await rolesOf(ordinary.id)).toEqual(['data_admin']);
    expect((await ordinary.client.get('/api/auth/me')).statusCode).toBe(200);
    expect(await entriesFor(ordinary.id)).toEqual([]);
  });

  it('is the security administrator’s alone: every other role is refused (403) and nothing changes', async () => {
    const department = await createOrg(t.app.db, 'department');
    const target = await createUser(t.app.db, { roles: ['department_staff'], orgId: department });
    const others: Role[] = ['admin', 'auditor', 'data_admin', 'department_staff', 'leader', 'cadre', 'dispatcher', 'bank_staff', 'provider_staff', 'enterprise_user'];
    for (const role of others) {
      const { client } = await signedIn([role]);
      expect((await assign(client, target.id, ['department_staff', 'cadre'])).statusCode, role).toBe(403);
    }
    expect((await new TestClient(t.app).patch(`/api/security/users/${target.id}/role`, { roles: ['cadre'] })).statusCode).toBe(401);
    expect(await rolesOf(target.id)).toEqual(['department_staff']);
    expect(await entriesFor(target.id)).toEqual([]);
  });
});
