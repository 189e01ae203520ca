import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { completeUscc } from '../../src/core/profile/uscc.ts';
import { pinyinSortKey } from '../../src/core/text/pinyin-sort.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createEnterprise, nextUscc, signIn, TEST_TOWNS } from '../factories/enterprises.ts';

const WAN = FEN_PER_WAN;
const [TOWN_A, TOWN_B] = TEST_TOWNS.map((town) => town.code);
const lastYear = String(new Date().getUTCFullYear() - 1);

let t: TestApp;
let db: Kysely<DB>;
let admin: TestClient;
let dept: TestClient;
const ids: Record<string, number> = {};
const usccs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  admin = await signIn(t.app, ['data_admin']);
  dept = await signIn(t.app, ['department_staff']);
  const make = async (key: string, options: Parameters<typeof createEnterprise>[1]) => {
    const created = await createEnterprise(db, options);
    ids[key] = created.id;
    usccs[key] = created.uscc;
  };
  await make('machinery', {
    name: '重庆垫江恒通机械制造有限公司',
    industryCode: '3434',
    townCode: TOWN_A,
    indicators: [
      { code: 'employees', period: lastYear, value: 85 },
      { code: 'main_revenue', period: lastYear, value: 1860 * WAN },
    ],
    certifications: [{ code: 'high_tech', awardedOn: '2020-01-01' }],
  });
  await make('logistics', { name: '重庆垫江恒通物流有限公司', industryCode: '5430', townCode: TOWN_B, indicators: [{ code: 'employees', period: lastYear, value: 8 }] });
  await make('pharmacy', { name: '垫江县鸿大药房', industryCode: '5251', townCode: TOWN_B, type: 'individual_business' });
  await make('closed', { name: '垫江县已注销商贸有限公司', industryCode: '5191', townCode: TOWN_A, status: 'cancelled' });
  await make('aboveScale', {
    name: '垫江县规上电子有限公司',
    industryCode: '3971',
    townCode: TOWN_A,
    indicators: [
      { code: 'above_scale', period: lastYear, value: 1 },
      { code: 'employees', period: lastYear, value: 320 },
      { code: 'main_revenue', period: lastYear, value: 2500 * WAN },
    ],
  });
});
afterAll(async () => {
  await t.close();
});

const search = async (query: string) => {
  const response = await dept.get(`/api/enterprises?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: number; name: string; sizeClass: string | null; tags: string[] }[]; total: number; page: number; pageSize: number }>();
};
const names = async (query: string) => (await search(query)).items.map((item) => item.name);

describe('searching enterprises', () => {
  it('finds by part of the name, ordered by name', async () => {
    expect(await names(`q=${encodeURIComponent('恒通')}`)).toEqual(['重庆垫江恒通机械制造有限公司', '重庆垫江恒通物流有限公司']);
    expect(await names(`q=${encodeURIComponent('药房')}`)).toEqual(['垫江县鸿大药房']);
  });

  it('finds by a USCC prefix, in any case', async () => {
    const code = usccs.machinery;
    expect(await names(`q=${code}`)).toEqual(['重庆垫江恒通机械制造有限公司']);
    const prefix = (await search(`q=${code.slice(0, 16).toLowerCase()}`)).items.map((i) => i.id);
    expect(prefix).toContain(ids.machinery);
  });

  it('filters by town, industry at any level, size class, tag, 四上 and status', async () => {
    expect(await names(`town=${TOWN_B}`)).toEqual(['重庆垫江恒通物流有限公司', '垫江县鸿大药房']);
    expect(await names('industry=C')).toEqual(['重庆垫江恒通机械制造有限公司', '垫江县规上电子有限公司']);
    expect(await names('industry=34')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('industry=343')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('industry=C3434')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('industry=F')).toEqual(['垫江县鸿大药房', '垫江县已注销商贸有限公司']);
    expect(await names('sizeClass=small')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('sizeClass=micro')).toEqual(['重庆垫江恒通物流有限公司']);
    expect(await names('tag=high_tech')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('aboveScale=true')).toEqual(['垫江县规上电子有限公司']);
    expect(await names('aboveScale=false&industry=C')).toEqual(['重庆垫江恒通机械制造有限公司']);
    expect(await names('status=cancelled')).toEqual(['垫江县已注销商贸有限公司']);
    expect(await names(`status=operating&town=${TOWN_A}&industry=C&q=${encodeURIComponent('电子')}`)).toEqual(['垫江县规上电子有限公司']);
  });

  it('pages through the results without gaps or repeats', async () => {
    const all = await search('pageSize=500');
    expect(all.total).toBe(5);
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await search(`page=${page}&pageSize=2`);
      expect(result).toMatchObject({ total: 5, page, pageSize: 2 });
      seen.push(...result.items.map((i) => i.name));
    }
    expect(seen).toEqual(all.items.map((i) => i.name));
    // Pinyin order (issue 12): 重庆 (chong) before 垫江 (dian), 鸿 (hong) before 已 (yi).
    expect([...seen].sort((a, b) => (pinyinSortKey(a) < pinyinSortKey(b) ? -1 : pinyinSortKey(a) > pinyinSortKey(b) ? 1 : 0))).toEqual(seen);
    expect(seen[0]).toBe('重庆垫江恒通机械制造有限公司');
    expect((await search('page=4&pageSize=2')).items).toEqual([]);
  });

  it('refuses unknown industry codes and bad parameters with the path', async () => {
    const response = await dept.get('/api/enterprises?industry=Z9');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('querystring/industry');
    expect((await dept.get('/api/enterprises?sizeClass=tiny')).statusCode).toBe(400);
    expect((await dept.get('/api/enterprises?pageSize=501')).statusCode).toBe(400);
  });

  it('shows summaries with town, industry and derived facts', async () => {
    const [item] = (await search(`q=${usccs.machinery}`)).items;
    expect(item).toMatchObject({
      id: ids.machinery,
      uscc: usccs.machinery,
      type: 'limited_company',
      status: 'operating',
      townCode: TOWN_A,
      townName: '桂阳街道',
      industryCode: '3434',
      industrySection: 'C',
      sizeClass: 'small',
      isAboveScale: false,
    });
    expect(item.tags).toEqual(expect.arrayContaining(['size_small', 'high_tech']));
    expect(typeof (item as unknown as { industryName: string }).industryName).toBe('string');
  });
});

describe('registering enterprises (data admin)', () => {
  const body = (uscc: string, extra: Record<string, unknown> = {}) => ({ uscc, name: `新登记企业${uscc.slice(-6)}`, type: 'limited_company', industryCode: '3434', townCode: TOWN_A, registeredOn: '2024-03-01', ...extra });

  it('creates an enterprise with its industry levels and a computed profile', async () => {
    const uscc = nextUscc();
    const response = await admin.post('/api/enterprises', body(uscc.toLowerCase(), { registeredCapitalFen: 100 * WAN, legalRepresentative: '李四' }));
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail).toMatchObject({ uscc, usccStatus: 'valid', industryCode: '3434', industrySection: 'C', townName: '桂阳街道', registeredCapitalFen: 100 * WAN, legalRepresentative: '李四', status: 'operating' });
    expect(detail.profile.lifecycleStage).toMatchObject({ key: 'lifecycle_stage', value: 'startup' });
    const row = await db.selectFrom('enterprises').where('id', '=', detail.id).select(['industry_division', 'lifecycle_stage']).executeTakeFirstOrThrow();
    expect(row).toEqual({ industry_division: '34', lifecycle_stage: 'startup' });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'enterprise.create').where('target_id', '=', String(detail.id)).selectAll().execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a malformed USCC with 400 on body/uscc', async () => {
    for (const uscc of ['915002316660072', '91500231666007217I', '9150023166600721-7']) {
      const response = await admin.post('/api/enterprises', body(uscc));
      expect(response.statusCode, uscc).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details[0]).toMatchObject({ path: 'body/uscc' });
    }
  });

  it('refuses a wrong check character with 422 and the expected one, then stores it as an audited override', async () => {
    const valid = completeUscc('91500231MA9999999');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const refused = await admin.post('/api/enterprises', body(wrongCheck));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'unprocessable', details: [{ path: 'body/uscc', reason: 'checksum_mismatch', expectedCheckChar: valid[17] }] });
    expect(await db.selectFrom('enterprises').where('uscc', '=', wrongCheck).select('id').executeTakeFirst()).toBeUndefined();

    const accepted = await admin.post('/api/enterprises', body(wrongCheck, { acceptChecksumMismatch: true }));
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ uscc: wrongCheck, usccStatus: 'checksum_override' });
    const override = await db.selectFrom('audit_log').where('action', '=', 'enterprise.uscc_override').where('target_id', '=', String(accepted.json().id)).selectAll().executeTakeFirstOrThrow();
    expect(override.details).toMatchObject({ uscc: wrongCheck, expectedCheckChar: valid[17] });

    // The real pilot-era code of the standard's example.
    const pilot = await admin.post('/api/enterprises', body('91350100M0001TGQXM', { acceptChecksumMismatch: true }));
    expect(pilot.statusCode).toBe(201);
    expect(pilot.json().usccStatus).toBe('checksum_override');
  });

  it('refuses a duplicate USCC with 409, unknown industry or town with 400', async () => {
    expect((await admin.post('/api/enterprises', body(usccs.machinery))).statusCode).toBe(409);
    const bad = await admin.post('/api/enterprises', body(nextUscc(), { industryCode: '9999', townCode: '000000000', registeredOn: '2999-01-01' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body/industryCode', 'body/registeredOn', 'body/townCode']);
    expect((await admin.post('/api/enterprises', body(nextUscc(), { registeredOn: '2024-02-30' }))).statusCode).toBe(400);
  });

  it('lets only data admins register', async () => {
    expect((await dept.post('/api/enterprises', body(nextUscc()))).statusCode).toBe(403);
  });

  it('changes registry facts (not the USCC), audits before and after, and recomputes the profile', async () => {
    const created = (await admin.post('/api/enterprises', body(nextUscc()))).json();
    await db
      .insertInto('indicator_values')
      .values([
        { enterprise_id: created.id, indicator_code: 'employees', period: lastYear, source: 'statistics', value: 150, value_text: null, as_of: `${lastYear}-12-31`, batch_id: null },
        { enterprise_id: created.id, indicator_code: 'operating_revenue', period: lastYear, source: 'statistics', value: 1500 * WAN, value_text: null, as_of: `${lastYear}-12-31`, batch_id: null },
      ])
      .execute();
    // Machinery (industry): 150 staff and 1,500万 → small. Software (65): 150 staff and 1,500万 → medium.
    const patched = await admin.patch(`/api/enterprises/${created.id}`, { industryCode: '6511', name: '改名软件有限公司', address: null });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '改名软件有限公司', industryCode: '6511', industrySection: 'I', address: null, sizeClass: 'medium' });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'enterprise.update').where('target_id', '=', String(created.id)).selectAll().executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ before: { industry_code: '3434' }, after: { industry_code: '6511', industry_section: 'I', industry_division: '65' } });
    expect((await admin.patch(`/api/enterprises/${created.id}`, { uscc: nextUscc() })).statusCode).toBe(400);
    expect((await admin.patch('/api/enterprises/999999', { name: 'x' })).statusCode).toBe(404);
  });

  it('keeps the closure date (closedOn) consistent with the status on create and edit, audited', async () => {
    const closed = await admin.post('/api/enterprises', body(nextUscc(), { status: 'cancelled', closedOn: '2025-04-30' }));
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({ status: 'cancelled', closedOn: '2025-04-30', registeredOn: '2024-03-01' });
    const id = closed.json().id as number;
    // Read back through the government profile (GET) as well: the presenter carries it.
    expect((await dept.get(`/api/enterprises/${id}`)).json()).toMatchObject({ status: 'cancelled', closedOn: '2025-04-30' });

    const refusals: [Record<string, unknown>, string, string][] = [
      [{ status: 'operating', closedOn: '2025-04-30' }, 'body/closedOn', 'closed_date_not_closed'],
      [{ closedOn: '2024-02-29' }, 'body/closedOn', 'closed_before_registered'],
      [{ registeredOn: '2025-05-01' }, 'body/registeredOn', 'closed_before_registered'],
      [{ closedOn: '2999-01-01' }, 'body/closedOn', 'future_date'],
    ];
    for (const [patch, path, reason] of refusals) {
      const response = await admin.patch(`/api/enterprises/${id}`, patch);
      expect(response.statusCode, JSON.stringify(patch)).toBe(400);
      expect(response.json().error.details).toEqual([expect.objectContaining({ path, reason })]);
    }
    expect((await admin.post('/api/enterprises', body(nextUscc(), { closedOn: '2025-04-30' }))).statusCode).toBe(400);
    const stored = () => db.selectFrom('enterprises').where('id', '=', id).select(['status', 'closed_on', 'registered_on']).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ status: 'cancelled', closed_on: '2025-04-30', registered_on: '2024-03-01' });

    // Revoked instead of cancelled: the date stays; reopened: it goes, and the audit names both.
    expect((await admin.patch(`/api/enterprises/${id}`, { status: 'revoked' })).json()).toMatchObject({ status: 'revoked', closedOn: '2025-04-30' });
    expect((await admin.patch(`/api/enterprises/${id}`, { status: 'operating' })).json()).toMatchObject({ status: 'operating', closedOn: null });
    const audits = await db.selectFrom('audit_log').where('action', '=', 'enterprise.update').where('target_id', '=', String(id)).orderBy('id').select('details').execute();
    expect(audits.at(-1)!.details).toMatchObject({ before: { status: 'revoked', closed_on: '2025-04-30' }, after: { status: 'operating', closed_on: null } });
    expect((await admin.patch(`/api/enterprises/${id}`, { status: 'moved_out', closedOn: '2025-10-08' })).json()).toMatchObject({ status: 'moved_out', closedOn: '2025-10-08' });
  });
});

describe('reference data', () => {
  it('lists towns, industries (optionally of one 门类) and the tag vocabulary', async () => {
    const towns = (await dept.get('/api/towns')).json();
    expect(towns).toEqual(expect.arrayContaining([{ code: TOWN_A, name: '桂阳街道', nameEn: 'Guiyang Subdistrict', kind: 'street' }]));
    const all = (await dept.get('/api/industries')).json();
    expect(all.sections).toHaveLength(20);
    expect(all.divisions).toHaveLength(97);
    const c = (await dept.get('/api/industries?section=c')).json();
    expect(c.divisions.every((d: { section: string }) => d.section === 'C')).toBe(true);
    expect(c.divisions).toHaveLength(31);
    const tags = (await dept.get('/api/enterprise-tags')).json();
    expect(tags.map((t: { tag: string }) => t.tag)).toEqual(expect.arrayContaining(['size_small', 'above_scale', 'high_growth', 'high_tech', 'specialized_sme']));
    expect((await new TestClient(t.app).get('/api/towns')).statusCode).toBe(401);
  });
});

describe('the enterprise user’s own enterprise', () => {
  it('returns it for its users, 404 when the organisation has none, 403 for other roles', async () => {
    const own = await createEnterprise(db, { withOrg: true });
    const user = await signIn(t.app, ['enterprise_user'], own.orgId!);
    const response = await user.get('/api/me/enterprise');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: own.id, access: { isOwn: true } });
    const orphan = await signIn(t.app, ['enterprise_user']);
    expect((await orphan.get('/api/me/enterprise')).statusCode).toBe(404);
    expect((await dept.get('/api/me/enterprise')).statusCode).toBe(403);
  });
});
