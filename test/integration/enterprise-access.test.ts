import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { DATA_CATEGORIES } from '../../src/core/profile/indicators.ts';
import type { DB, Role } from '../../src/server/db/schema.ts';
import { decideEnterpriseAccess, isConsentActive, type ConsentGrant } from '../../src/server/modules/enterprises/enterprise-access.ts';
import { createTestApp, type TestApp, type TestClient } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createConsent, type ConsentOptions } from '../factories/consents.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';

const WAN = FEN_PER_WAN;
const DAY = 24 * 60 * 60 * 1000;
const lastYear = String(new Date().getUTCFullYear() - 1);

describe('the access decision (pure)', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const enterprise = { id: 7, orgId: 70 };
  const consent = (over: Partial<ConsentGrant> = {}): ConsentGrant => ({
    id: 1,
    categories: ['operations', 'tax'],
    validFrom: new Date(now.getTime() - DAY),
    validUntil: new Date(now.getTime() + DAY),
    revokedAt: null,
    ...over,
  });
  const decide = (roles: Role[], orgId: number, consents: ConsentGrant[] = []) => decideEnterpriseAccess({ roles, orgId }, enterprise, consents, now);

  it.each<[string, Role[], number, string | null]>([
    ['the enterprise itself', ['enterprise_user'], 70, 'own'],
    ['another enterprise', ['enterprise_user'], 71, null],
    ['department staff', ['department_staff'], 5, 'government'],
    ['the dispatch centre', ['dispatcher'], 5, 'government'],
    ['a cadre (not linked to the firm)', ['cadre'], 5, null],
    ['a cadre who is also department staff', ['cadre', 'department_staff'], 5, 'government'],
    ['a data admin', ['data_admin'], 5, 'government'],
    ['an administrator', ['admin'], 5, null],
    ['an auditor', ['auditor'], 5, null],
    ['a bank without consent', ['bank_staff'], 9, null],
    ['a provider without consent', ['provider_staff'], 9, null],
  ])('%s', (_who, roles, orgId, basis) => {
    const decision = decide(roles, orgId);
    expect(decision.allowed ? decision.basis : null).toBe(basis);
    if (decision.allowed && basis !== 'consent') expect(decision.categories).toEqual(DATA_CATEGORIES);
  });

  it('gives a cadre everything of a firm linked to them now, and nothing of another (reason not_linked)', () => {
    expect(decideEnterpriseAccess({ roles: ['cadre'], orgId: 5 }, enterprise, [], now, true)).toMatchObject({ allowed: true, basis: 'government', categories: DATA_CATEGORIES });
    expect(decideEnterpriseAccess({ roles: ['cadre'], orgId: 5 }, enterprise, [], now, false)).toEqual({ allowed: false, enterpriseId: enterprise.id, reason: 'not_linked' });
  });

  it('gives a bank the union of the categories of its consents in force, and nothing else', () => {
    const decision = decide(['bank_staff'], 9, [
      consent({ id: 1, categories: ['tax'] }),
      consent({ id: 2, categories: ['employment', 'tax'] }),
      consent({ id: 3, categories: ['innovation'], validUntil: new Date(now.getTime() - 1) }),
      consent({ id: 4, categories: ['energy'], revokedAt: new Date(now.getTime() - DAY) }),
      consent({ id: 5, categories: ['trade'], validFrom: new Date(now.getTime() + 1) }),
    ]);
    expect(decision).toMatchObject({ allowed: true, basis: 'consent', isOwn: false, categories: ['tax', 'employment'], consentIds: [1, 2] });
  });

  it('counts a consent from its first instant up to, not including, its end', () => {
    expect(isConsentActive(consent({ validFrom: now }), now)).toBe(true);
    expect(isConsentActive(consent({ validUntil: now }), now)).toBe(false);
    expect(isConsentActive(consent({ validUntil: new Date(now.getTime() + 1) }), now)).toBe(true);
    expect(isConsentActive(consent({ revokedAt: now }), now)).toBe(false);
  });

  it('refuses a bank whose only consents expired, were revoked or have not started', () => {
    for (const over of [{ validUntil: new Date(now.getTime() - DAY) }, { revokedAt: now }, { validFrom: new Date(now.getTime() + DAY) }]) {
      expect(decide(['bank_staff'], 9, [consent(over)])).toEqual({ allowed: false, enterpriseId: 7, reason: 'no_consent' });
    }
  });
});

describe('reading enterprise data over HTTP, per role', () => {
  let t: TestApp;
  let db: Kysely<DB>;
  let target: { id: number; orgId: number | null };
  let other: { id: number; orgId: number | null };
  const clients = {} as Record<'own' | 'otherEnterprise' | 'dept' | 'dispatcher' | 'cadre' | 'dataAdmin' | 'admin' | 'auditor' | 'bank' | 'bankRevoked' | 'bankNone' | 'providerExpired' | 'bankScheduled', TestClient & { user: { id: number; orgId: number } }>;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.db;
    target = await createEnterprise(db, {
      withOrg: true,
      name: '被授权企业有限公司',
      indicators: [
        { code: 'employees', period: lastYear, value: 85 },
        { code: 'main_revenue', period: lastYear, value: 1860 * WAN },
        { code: 'main_revenue', period: String(Number(lastYear) - 1), value: 1500 * WAN },
        { code: 'tax_paid', period: lastYear, value: 60 * WAN, source: 'tax' },
        { code: 'tax_credit_grade', period: lastYear, value: 'A', source: 'tax' },
        { code: 'electricity_kwh', period: lastYear, value: 350_000, source: 'electricity' },
      ],
      certifications: [{ code: 'high_tech', awardedOn: '2022-01-01' }],
    });
    other = await createEnterprise(db, { withOrg: true, name: '未授权企业有限公司' });
    clients.own = await signIn(t.app, ['enterprise_user'], target.orgId!);
    clients.otherEnterprise = await signIn(t.app, ['enterprise_user'], other.orgId!);
    clients.dept = await signIn(t.app, ['department_staff']);
    clients.dispatcher = await signIn(t.app, ['dispatcher']);
    clients.cadre = await signIn(t.app, ['cadre']);
    // 千人联千企: the cadre is linked to the target firm, not to the other one.
    const { id: cadreId } = await db.insertInto('cadres').values({ name: '联企干部', position: '科室负责人', org_id: clients.cadre.user.orgId, town_code: null, user_id: clients.cadre.user.id }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('cadre_links').values({ cadre_id: cadreId, enterprise_id: target.id, linked_on: '2025-01-01' }).execute();
    clients.dataAdmin = await signIn(t.app, ['data_admin']);
    clients.admin = await signIn(t.app, ['admin']);
    clients.auditor = await signIn(t.app, ['auditor']);
    clients.bank = await signIn(t.app, ['bank_staff']);
    clients.bankRevoked = await signIn(t.app, ['bank_staff']);
    clients.bankNone = await signIn(t.app, ['bank_staff']);
    clients.bankScheduled = await signIn(t.app, ['bank_staff']);
    clients.providerExpired = await signIn(t.app, ['provider_staff']);
    const now = Date.now();
    const consentTo = (grantee: { user: { orgId: number } }, options: ConsentOptions) =>
      createConsent(db, { enterprise: target, granteeOrgId: grantee.user.orgId, purpose: '贷款审批', createdBy: clients.own.user.id, ...options });
    await consentTo(clients.bank, { categories: ['operations', 'tax'], validFrom: new Date(now - DAY), validUntil: new Date(now + 30 * DAY) });
    await consentTo(clients.bankRevoked, { categories: ['operations', 'tax'], validFrom: new Date(now - DAY), validUntil: new Date(now + 30 * DAY), revokedAt: new Date(now - 1000) });
    await consentTo(clients.bankScheduled, { categories: ['operations'], validFrom: new Date(now + DAY), validUntil: new Date(now + 30 * DAY) });
    await consentTo(clients.providerExpired, { categories: DATA_CATEGORIES, validFrom: new Date(now - 30 * DAY), validUntil: new Date(now - DAY) });
  });
  afterAll(async () => {
    await t.close();
  });

  const auditEntries = (userId: number, action: string, outcome?: 'success' | 'denied') => {
    let query = db.selectFrom('audit_log').where('actor_user_id', '=', userId).where('action', '=', action).where('target_type', '=', 'enterprise');
    if (outcome) query = query.where('outcome', '=', outcome);
    return query.selectAll().orderBy('id').execute();
  };

  it.each(['dept', 'dispatcher', 'cadre', 'dataAdmin'] as const)('government reader %s sees everything, and the read is audited', async (who) => {
    const client = clients[who];
    const response = await client.get(`/api/enterprises/${target.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.access).toEqual({ isOwn: false, categories: [...DATA_CATEGORIES] });
    expect(detail.sizeClass).toBe('small');
    expect(detail.profile.sizeClass.value).toBe('small');
    expect(detail.certifications.map((c: { code: string }) => c.code)).toEqual(['high_tech']);
    const entries = await auditEntries(client.user.id, 'enterprise.read', 'success');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target_id: String(target.id), actor_org_id: client.user.orgId });
  });

  it('the enterprise sees all of itself, and its own reads are not audited as reads by others', async () => {
    const detail = (await clients.own.get(`/api/enterprises/${target.id}`)).json();
    expect(detail.access).toEqual({ isOwn: true, categories: [...DATA_CATEGORIES] });
    expect(detail.certifications).toHaveLength(1);
    const values = (await clients.own.get(`/api/enterprises/${target.id}/indicators`)).json().items;
    expect(new Set(values.map((v: { category: string }) => v.category))).toEqual(new Set(['operations', 'employment', 'tax', 'energy']));
    await clients.own.get('/api/enterprises');
    const entries = await db.selectFrom('audit_log').where('actor_user_id', '=', clients.own.user.id).where('action', 'like', 'enterprise.%').selectAll().execute();
    expect(entries).toEqual([]);
  });

  it.each([
    ['another enterprise', 'otherEnterprise'],
    ['an administrator', 'admin'],
    ['an auditor', 'auditor'],
    ['a bank without consent', 'bankNone'],
    ['a bank whose consent was revoked', 'bankRevoked'],
    ['a bank whose consent has not started', 'bankScheduled'],
    ['a provider whose consent expired', 'providerExpired'],
  ] as const)('%s is refused with 403 and a denied audit entry', async (_who, key) => {
    const client = clients[key];
    const response = await client.get(`/api/enterprises/${target.id}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
    const denied = await auditEntries(client.user.id, 'enterprise.read', 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0].target_id).toBe(String(target.id));
    const values = await client.get(`/api/enterprises/${target.id}/indicators`);
    expect(values.statusCode).toBe(403);
    expect(await auditEntries(client.user.id, 'enterprise.indicators.read', 'denied')).toHaveLength(1);
  });

  it('a bank with consent sees the registry and only the categories granted', async () => {
    const response = await clients.bank.get(`/api/enterprises/${target.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.access).toEqual({ isOwn: false, categories: ['operations', 'tax'] });
    expect(detail).toMatchObject({ name: '被授权企业有限公司', industryCode: '3434', legalRepresentative: '张三' });
    // The size class reads the head count (employment, not granted): hidden, as a column and as a tag.
    expect(detail.sizeClass).toBeNull();
    expect(detail.profile.sizeClass).toBeNull();
    expect(detail.tags).not.toContain('size_small');
    expect(detail.profile.tags.map((tag: { key: string }) => tag.key)).not.toContain('employees_growth_bp');
    // Revenue growth reads operations only: shown.
    expect(detail.profile.tags.map((tag: { key: string }) => tag.key)).toContain('revenue_growth_bp');
    expect(detail.profile.lifecycleStage).toMatchObject({ key: 'lifecycle_stage', categories: ['operations'] });
    expect(detail.tags).toContain('lifecycle_growth');
    // Certifications are innovation data; completeness lists only visible indicators.
    expect(detail.certifications).toEqual([]);
    expect(detail.profile.completeness.present).toEqual(expect.arrayContaining(['main_revenue', 'tax_paid', 'tax_credit_grade']));
    expect(detail.profile.completeness.present).not.toContain('employees');
    expect(detail.profile.completeness.missing).not.toContain('electricity_kwh');

    const values = (await clients.bank.get(`/api/enterprises/${target.id}/indicators`)).json().items;
    expect(new Set(values.map((v: { category: string }) => v.category))).toEqual(new Set(['operations', 'tax']));
    expect(values.map((v: { code: string }) => v.code)).not.toContain('employees');

    const read = await auditEntries(clients.bank.user.id, 'enterprise.read', 'success');
    expect(read).toHaveLength(1);
    expect(read[0].details).toMatchObject({ basis: 'consent', categories: ['operations', 'tax'] });
    expect(await auditEntries(clients.bank.user.id, 'enterprise.indicators.read', 'success')).toHaveLength(1);
  });

  it('a bank lists only the enterprises that authorised it, with hidden facts hidden and not searchable', async () => {
    const list = (await clients.bank.get('/api/enterprises?pageSize=100')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([target.id]);
    expect(list.items[0]).toMatchObject({ sizeClass: null, lifecycleStage: 'growth' });
    expect(list.items[0].tags).not.toContain('size_small');
    // Filtering on the hidden size class would reveal it: it matches nothing.
    expect((await clients.bank.get('/api/enterprises?sizeClass=small')).json().total).toBe(0);
    expect((await clients.bank.get('/api/enterprises?tag=size_small')).json().total).toBe(0);
    expect((await clients.bank.get('/api/enterprises?tag=lifecycle_growth')).json().total).toBe(1);
    expect((await clients.dept.get('/api/enterprises?sizeClass=small')).json().items.map((i: { id: number }) => i.id)).toContain(target.id);
    const listed = await auditEntries(clients.bank.user.id, 'enterprise.list', 'success');
    expect(listed.length).toBeGreaterThanOrEqual(1);
    expect(listed.every((e) => e.target_id === String(target.id))).toBe(true);

    for (const key of ['bankNone', 'bankRevoked', 'providerExpired'] as const) {
      expect((await clients[key].get('/api/enterprises')).json()).toMatchObject({ items: [], total: 0 });
    }
  });

  it('a government list records one entry per enterprise listed; an enterprise lists only itself', async () => {
    const before = (await auditEntries(clients.cadre.user.id, 'enterprise.list')).length;
    const list = (await clients.cadre.get('/api/enterprises?pageSize=100')).json();
    expect(list.total).toBe(2);
    const entries = await auditEntries(clients.cadre.user.id, 'enterprise.list');
    expect(entries.length - before).toBe(2);
    expect(new Set(entries.slice(before).map((e) => e.target_id))).toEqual(new Set([String(target.id), String(other.id)]));
    const own = (await clients.otherEnterprise.get('/api/enterprises')).json();
    expect(own.items.map((i: { id: number }) => i.id)).toEqual([other.id]);
  });

  it('a cadre gets 403 on a firm not linked to them (detail, indicators, its cadre), and lists it with registry facts only', async () => {
    for (const url of [`/api/enterprises/${other.id}`, `/api/enterprises/${other.id}/indicators`, `/api/enterprises/${other.id}/cadre`]) {
      const response = await clients.cadre.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden', details: [{ reason: 'not_linked' }] } });
    }
    const denied = await auditEntries(clients.cadre.user.id, 'enterprise.read', 'denied');
    expect(denied.some((e) => e.target_id === String(other.id))).toBe(true);
    const list = (await clients.cadre.get('/api/enterprises?pageSize=100')).json();
    const listedOther = list.items.find((i: { id: number }) => i.id === other.id);
    const listedTarget = list.items.find((i: { id: number }) => i.id === target.id);
    expect(listedOther).toMatchObject({ name: '未授权企业有限公司', sizeClass: null, tags: [] });
    expect(listedTarget.sizeClass).toBe('small');
  });

  it('administrators and auditors cannot search enterprises', async () => {
    expect((await clients.admin.get('/api/enterprises')).statusCode).toBe(403);
    expect((await clients.auditor.get('/api/enterprises')).statusCode).toBe(403);
  });

  it('a wider consent shows more at once, and a consent to another organisation shows nothing to this one', async () => {
    const bankOrg = await createOrg(db, 'bank');
    const otherBank = await signIn(t.app, ['bank_staff'], bankOrg);
    await createConsent(db, { enterprise: target, granteeOrgId: clients.bank.user.orgId, categories: ['employment', 'innovation'], purpose: '续贷', validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), createdBy: clients.own.user.id });
    const detail = (await clients.bank.get(`/api/enterprises/${target.id}`)).json();
    expect(detail.access.categories).toEqual(['operations', 'tax', 'employment', 'innovation']);
    expect(detail.sizeClass).toBe('small');
    expect(detail.certifications).toHaveLength(1);
    expect((await otherBank.get(`/api/enterprises/${target.id}`)).statusCode).toBe(403);
  });

  it('writes: the enterprise itself and data admins only', async () => {
    const item = [{ code: 'employees', period: lastYear, value: 90, source: 'self_reported', asOf: `${lastYear}-12-31` }];
    for (const key of ['bank', 'dept', 'otherEnterprise', 'admin'] as const) {
      expect((await clients[key].post(`/api/enterprises/${target.id}/indicators`, item)).statusCode, key).toBe(403);
    }
    expect((await clients.own.post(`/api/enterprises/${target.id}/indicators`, item)).statusCode).toBe(200);
    expect((await clients.dataAdmin.post(`/api/enterprises/${target.id}/indicators`, item)).statusCode).toBe(200);
  });
});
