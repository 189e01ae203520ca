import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { ROLES } from '../../src/server/http/schemas.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';

let t: TestApp;
const clients = new Map<Role, TestClient>();
let someUserId: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const user = await createUser(t.app.db, { roles: [role] });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    clients.set(role, client);
    // The accounts administrator acts on ordinary accounts only (三权分立): the target is not an administrator.
    if (role === 'cadre') someUserId = user.id;
  }
});
afterAll(async () => {
  await t.close();
});

/** Each endpoint and the only roles that may call it; everyone else gets 403, the anonymous 401. */
const ENDPOINTS: { method: 'GET' | 'POST' | 'PATCH'; url: () => string; body?: unknown; allowed: Role[] }[] = [
  { method: 'GET', url: () => '/api/admin/users', allowed: ['admin', 'security_admin'] },
  { method: 'POST', url: () => '/api/admin/users', body: { username: 'x-created', displayName: 'X', password: 'weak', orgId: 1, roles: ['cadre'] }, allowed: ['admin'] },
  { method: 'PATCH', url: () => `/api/admin/users/${someUserId}`, body: { displayName: 'Renamed' }, allowed: ['admin'] },
  { method: 'POST', url: () => `/api/admin/users/${someUserId}/reset-password`, body: { newPassword: 'weak' }, allowed: ['admin'] },
  { method: 'GET', url: () => '/api/admin/orgs', allowed: ['admin', 'security_admin'] },
  { method: 'POST', url: () => '/api/admin/orgs', body: { type: 'bank', name: 'Bank X' }, allowed: ['admin'] },
  { method: 'GET', url: () => '/api/audit', allowed: ['auditor'] },
  { method: 'GET', url: () => '/api/auth/me', allowed: [...ROLES] },
];

describe('each role reaches only its own endpoints', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.url().replace(/\d+/, ':id')} — allowed: ${endpoint.allowed.join(', ')}`, async () => {
      for (const role of ROLES) {
        const response = await clients.get(role)!.request(endpoint.method, endpoint.url(), endpoint.body);
        if (endpoint.allowed.includes(role)) {
          // Allowed roles get past authorisation: success, or a validation error on the deliberately weak body.
          expect([200, 201, 400], `${role} should be allowed`).toContain(response.statusCode);
        } else {
          expect(response.statusCode, `${role} should be refused`).toBe(403);
          expect(response.json().error.code).toBe('forbidden');
        }
      }
      const anonymous = await new TestClient(t.app).request(endpoint.method, endpoint.url(), endpoint.body);
      expect(anonymous.statusCode).toBe(401);
    });
  }

  it('records refusals in the audit log as denied', async () => {
    const before = await t.app.db.selectFrom('audit_log').where('outcome', '=', 'denied').where('action', '=', 'GET /api/audit').selectAll().execute();
    await clients.get('admin')!.get('/api/audit');
    const after = await t.app.db.selectFrom('audit_log').where('outcome', '=', 'denied').where('action', '=', 'GET /api/audit').selectAll().execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_username: expect.any(String), target_id: '/api/audit' });
  });
});
