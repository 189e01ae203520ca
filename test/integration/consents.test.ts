import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp, type TestClient } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createConsent } from '../factories/consents.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';

const DAY = 24 * 60 * 60 * 1000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

let t: TestApp;
let db: Kysely<DB>;
let enterprise: { id: number; orgId: number | null };
let own: TestClient & { user: { id: number } };
let bank: TestClient & { user: { orgId: number } };
let provider: TestClient & { user: { orgId: number } };
let dept: TestClient & { user: { orgId: number } };

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  enterprise = await createEnterprise(db, { withOrg: true, name: '授权测试企业有限公司' });
  own = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
  bank = await signIn(t.app, ['bank_staff'], await createOrg(db, 'bank', '重庆农村商业银行垫江支行'));
  provider = await signIn(t.app, ['provider_staff'], await createOrg(db, 'service_provider', '垫江县中小企业公共服务中心'));
  dept = await signIn(t.app, ['department_staff']);
});
afterAll(async () => {
  await t.close();
});

const grant = (body: Record<string, unknown>) => own.post('/api/me/consents', { granteeOrgId: bank.user.orgId, categories: ['operations', 'tax'], purpose: '流动资金贷款审批', validUntil: isoIn(90 * DAY), ...body });

describe('consents (数据授权)', () => {
  it('lists the organisations an enterprise may authorise', async () => {
    const all = (await own.get('/api/consent-grantees')).json();
    expect(all).toEqual(expect.arrayContaining([
      { id: bank.user.orgId, type: 'bank', name: '重庆农村商业银行垫江支行' },
      { id: provider.user.orgId, type: 'service_provider', name: '垫江县中小企业公共服务中心' },
    ]));
    expect(all.every((g: { type: string }) => g.type === 'bank' || g.type === 'service_provider')).toBe(true);
    const banks = (await own.get('/api/consent-grantees?type=bank')).json();
    // Not only "every one is a bank", which an empty list would pass: the bank is there.
    expect(banks.map((g: { id: number }) => g.id)).toContain(bank.user.orgId);
    expect(banks.every((g: { type: string }) => g.type === 'bank')).toBe(true);
  });

  it('lists banks by pinyin, not by code point (重庆… before 中国…, 安… first)', async () => {
    await createOrg(db, 'bank', '中国银行垫江支行');
    await createOrg(db, 'bank', '安盛银行垫江支行');
    const names = (await own.get('/api/consent-grantees?type=bank')).json().map((g: { name: string }) => g.name);
    const at = (name: string) => names.indexOf(name);
    expect(at('安盛银行垫江支行')).toBeGreaterThanOrEqual(0);
    expect(at('安盛银行垫江支行')).toBeLessThan(at('重庆农村商业银行垫江支行'));
    expect(at('重庆农村商业银行垫江支行')).toBeLessThan(at('中国银行垫江支行'));
  });

  it('grants a consent that opens the enterprise to the bank at once, audited', async () => {
    expect((await bank.get(`/api/enterprises/${enterprise.id}`)).statusCode).toBe(403);
    const response = await grant({});
    expect(response.statusCode, response.body).toBe(201);
    const consent = response.json();
    expect(consent).toMatchObject({ grantee: { id: bank.user.orgId, type: 'bank' }, categories: ['operations', 'tax'], purpose: '流动资金贷款审批', status: 'active', revokedAt: null });
    expect(new Date(consent.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
    const detail = await bank.get(`/api/enterprises/${enterprise.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().access.categories).toEqual(['operations', 'tax']);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'consent.grant').where('target_id', '=', String(consent.id)).selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: own.user.id, outcome: 'success' });
    expect(audit.details).toMatchObject({ enterpriseId: enterprise.id, granteeOrgId: bank.user.orgId, categories: ['operations', 'tax'] });
  });

  it('reads a date as whole days in the county: from 00:00 to 24:00 Asia/Shanghai', async () => {
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const until = new Date(Date.now() + 8 * 3600 * 1000 + 30 * DAY).toISOString().slice(0, 10);
    const consent = (await grant({ validFrom: today, validUntil: until })).json();
    expect(consent.validFrom).toBe(new Date(`${today}T00:00:00+08:00`).toISOString());
    expect(consent.validUntil).toBe(new Date(new Date(`${until}T00:00:00+08:00`).getTime() + DAY).toISOString());
    expect(consent.status).toBe('active');
  });

  it('refuses bad consents, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ granteeOrgId: dept.user.orgId }, 'body/granteeOrgId'],
      [{ granteeOrgId: 999_999 }, 'body/granteeOrgId'],
      [{ validFrom: isoIn(10 * DAY), validUntil: isoIn(5 * DAY) }, 'body/validUntil'],
      [{ validUntil: isoIn(3 * 366 * DAY + DAY) }, 'body/validUntil'],
      [{ validUntil: isoIn(-DAY), validFrom: isoIn(-10 * DAY) }, 'body/validUntil'],
      [{ categories: [] }, 'body/categories'],
      [{ categories: ['gossip'] }, 'body/categories/0'],
      [{ purpose: 'x'.repeat(201) }, 'body/purpose'],
      [{ purpose: '   ' }, 'body/purpose'],
      [{ validUntil: 'next week' }, 'body/validUntil'],
    ];
    for (const [body, path] of cases) {
      const response = await grant(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect((await dept.post('/api/me/consents', { granteeOrgId: bank.user.orgId, categories: ['tax'], purpose: 'x', validUntil: isoIn(DAY) })).statusCode).toBe(403);
  });

  it('a scheduled consent opens nothing until it starts', async () => {
    const other = await createEnterprise(db, { withOrg: true });
    const otherUser = await signIn(t.app, ['enterprise_user'], other.orgId!);
    const scheduled = await otherUser.post('/api/me/consents', { granteeOrgId: provider.user.orgId, categories: ['employment'], purpose: '招聘服务', validFrom: isoIn(2 * DAY), validUntil: isoIn(30 * DAY) });
    expect(scheduled.json().status).toBe('scheduled');
    expect((await provider.get(`/api/enterprises/${other.id}`)).statusCode).toBe(403);
  });

  it('revokes idempotently, keeps the history, and closes the data at once', async () => {
    const consent = (await own.post('/api/me/consents', { granteeOrgId: provider.user.orgId, categories: ['employment'], purpose: '用工服务', validUntil: isoIn(30 * DAY) })).json();
    expect((await provider.get(`/api/enterprises/${enterprise.id}`)).statusCode).toBe(200);
    const revoked = await own.post(`/api/me/consents/${consent.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: consent.id, status: 'revoked' });
    const firstRevokedAt = revoked.json().revokedAt;
    expect(firstRevokedAt).not.toBeNull();
    const again = await own.post(`/api/me/consents/${consent.id}/revoke`);
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(firstRevokedAt);
    expect(await db.selectFrom('audit_log').where('action', '=', 'consent.revoke').where('target_id', '=', String(consent.id)).selectAll().execute()).toHaveLength(1);
    expect((await provider.get(`/api/enterprises/${enterprise.id}`)).statusCode).toBe(403);

    const history = (await own.get('/api/me/consents')).json();
    expect(history.find((c: { id: number }) => c.id === consent.id)).toMatchObject({ status: 'revoked', revokedAt: firstRevokedAt });
    expect(await db.selectFrom('consents').where('id', '=', consent.id).selectAll().executeTakeFirst()).toBeDefined();
  });

  it('an enterprise cannot revoke another enterprise’s consent', async () => {
    const other = await createEnterprise(db, { withOrg: true });
    const otherUser = await signIn(t.app, ['enterprise_user'], other.orgId!);
    const mine = (await grant({})).json();
    expect((await otherUser.post(`/api/me/consents/${mine.id}/revoke`)).statusCode).toBe(404);
    expect((await own.get('/api/me/consents')).json().find((c: { id: number }) => c.id === mine.id).status).toBe('active');
  });

  it('shows an expired consent as expired, to the enterprise and to the bank, and the bank’s list filters by status', async () => {
    const expired = await createConsent(db, { enterprise, granteeOrgId: bank.user.orgId, categories: ['energy'], purpose: '去年的授权', validFrom: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() - 35 * DAY), createdBy: own.user.id });
    expect((await own.get('/api/me/consents')).json().find((c: { id: number }) => c.id === expired.id).status).toBe('expired');
    const received = (await bank.get('/api/consents/received?pageSize=100')).json();
    expect(received.items.every((c: { enterprise: { id: number } }) => c.enterprise.id === enterprise.id)).toBe(true);
    expect(received.items[0].enterprise).toEqual({ id: enterprise.id, name: '授权测试企业有限公司', uscc: expect.any(String) });
    const onlyExpired = (await bank.get('/api/consents/received?status=expired')).json();
    expect(onlyExpired.items.map((c: { id: number }) => c.id)).toEqual([expired.id]);
    expect(onlyExpired.total).toBe(1);
    const active = (await bank.get('/api/consents/received?status=active')).json();
    expect(active.items.every((c: { status: string }) => c.status === 'active')).toBe(true);
    expect(active.total).toBeGreaterThanOrEqual(1);
    expect((await dept.get('/api/consents/received')).statusCode).toBe(403);
    expect((await own.get('/api/consents/received')).statusCode).toBe(403);
  });
});
