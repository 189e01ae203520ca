/**
 * Registry data instead of code (issue 12 item 8): certification types and named industry sets are rows
 * an administrator adds; policies are validated against them at save; the calculator reads award levels
 * and legal-form facts.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp, type TestClient } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';
import { createPolicy, policyBody } from '../factories/policies.ts';

let t: TestApp;
let db: Kysely<DB>;
let dataAdmin: TestClient;
let staff: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  dataAdmin = await signIn(t.app, ['data_admin']);
  staff = await signIn(t.app, ['department_staff'], await createOrg(db, 'department', '县科技局'));
});
afterAll(async () => {
  await t.close();
});

type Detail = { path: string; code: string };
const detailsOf = (response: { json: <T>() => T }) => response.json<{ error: { details: Detail[] } }>().error.details;

describe('certification types', () => {
  it('lists the built-in types with levels, issuing body and validity', async () => {
    const list = (await staff.get('/api/certification-types')).json<{ code: string; levels: string[]; validityYears: number | null }[]>();
    expect(list.find((c) => c.code === 'enterprise_tech_center')).toMatchObject({ levels: ['national', 'provincial', 'city', 'county'], validityYears: null, isBuiltIn: true });
    expect(list.find((c) => c.code === 'high_tech')).toMatchObject({ levels: [], validityYears: 3 });
  });

  it('a policy naming a type the registry lacks is refused at save with its path; once an admin adds the type it saves', async () => {
    const rule = { all: [{ certification: 'green_factory', test: 'heldOn', levels: ['national', 'provincial'] }] };
    const refused = await staff.post('/api/policies', policyBody({ rule }));
    expect(refused.statusCode).toBe(400);
    expect(detailsOf(refused)).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body/rule/all/0/certification', code: 'unknown_certification' })]));

    const type = { code: 'green_factory', nameZh: '绿色工厂', nameEn: 'Green factory', levels: ['national', 'provincial'], issuingBodyZh: '工业和信息化部/省经信厅', issuingBodyEn: 'MIIT / provincial industry department', validityYears: null };
    expect((await staff.post('/api/certification-types', type)).statusCode).toBe(403);
    const created = await dataAdmin.post('/api/certification-types', type);
    expect(created.statusCode, created.body).toBe(201);
    expect((await dataAdmin.post('/api/certification-types', type)).statusCode).toBe(409);
    expect(await db.selectFrom('audit_log').where('action', '=', 'certification_type.create').where('target_id', '=', 'green_factory').selectAll().execute()).toHaveLength(1);

    expect((await staff.post('/api/policies', policyBody({ rule }))).statusCode).toBe(201);
    const badLevel = await staff.post('/api/policies', policyBody({ rule: { all: [{ certification: 'green_factory', test: 'heldOn', levels: ['county'] }] } }));
    expect(detailsOf(badLevel)).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body/rule/all/0/levels/0', code: 'unknown_level' })]));
  });

  it('the calculator counts only awards at the levels the rule names, and says the level', async () => {
    const cityCentre = await createEnterprise(db, { withOrg: true });
    const countyCentre = await createEnterprise(db, { withOrg: true });
    for (const [e, level] of [[cityCentre, 'city'], [countyCentre, 'county']] as const) {
      await db.insertInto('certifications').values({ enterprise_id: e.id, code: 'enterprise_tech_center', awarded_on: '2023-05-10', expires_on: null, source: 'self_reported', level }).execute();
    }
    const { id } = await createPolicy(t.app, {
      body: { rule: { clause: '市级以上企业技术中心', certification: 'enterprise_tech_center', test: 'heldOn', levels: ['national', 'provincial', 'city'] }, benefit: { amount: { fixed: { wan: 5 } } } },
    });
    const government = await signIn(t.app, ['department_staff']);
    const city = (await government.post(`/api/policies/${id}/evaluate`, { enterpriseId: cityCentre.id })).json();
    expect(city).toMatchObject({ outcome: 'eligible' });
    const county = (await government.post(`/api/policies/${id}/evaluate`, { enterpriseId: countyCentre.id })).json();
    expect(county.outcome).toBe('ineligible');
    const text = county.rendered.zh.map((l: { text: string }) => l.text).join('\n');
    expect(text).toContain('国家级、省级、市级企业技术中心');
    expect(text).toContain('县级2023-05-10');
  });
});

describe('named industry sets', () => {
  it('an admin saves a set of GB/T 4754 codes (checked), and a rule names it', async () => {
    const bad = await dataAdmin.post('/api/industry-sets', { code: 'county_priority', nameZh: '县重点产业', nameEn: 'County priority industries', sourceZh: '', criteria: { prefixes: ['9999'] } });
    expect(bad.statusCode).toBe(400);
    const body = { code: 'county_priority', nameZh: '县重点产业', nameEn: 'County priority industries', sourceZh: '垫府办〔2025〕1号', criteria: { prefixes: ['3434'] } };
    expect((await staff.post('/api/industry-sets', body)).statusCode).toBe(403);
    const saved = await dataAdmin.post('/api/industry-sets', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await staff.get('/api/industry-sets')).json<{ code: string }[]>().map((s) => s.code)).toEqual(expect.arrayContaining(['county_priority', 'wholesale_retail', 'guidance_catalogue_eliminated']));

    const unknown = await staff.post('/api/policies', policyBody({ rule: { all: [{ industry: { set: 'no_such_set' } }] } }));
    expect(detailsOf(unknown)).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body/rule/all/0/industry/set', code: 'unknown_industry_set' })]));

    const { id } = await createPolicy(t.app, { body: { rule: { all: [{ industry: { set: 'county_priority' } }, { value: { fact: 'independent_legal_person' }, is: true }] } } });
    const firm = await createEnterprise(db, { withOrg: true, industryCode: '3434' });
    const branch = await createEnterprise(db, { withOrg: true, industryCode: '3434', type: 'branch' });
    const government = await signIn(t.app, ['department_staff']);
    expect((await government.post(`/api/policies/${id}/evaluate`, { enterpriseId: firm.id })).json().outcome).toBe('eligible');
    expect((await government.post(`/api/policies/${id}/evaluate`, { enterpriseId: branch.id })).json().outcome).toBe('ineligible');

    // Editing the mapping changes who matches, with no release.
    expect((await dataAdmin.post('/api/industry-sets', { ...body, criteria: { prefixes: ['3011'] } })).statusCode).toBe(200);
    expect((await government.post(`/api/policies/${id}/evaluate`, { enterpriseId: firm.id })).json().outcome).toBe('ineligible');
  });
});

describe('record types', () => {
  it('lists the record types with their fields (the builder reads them); an administrator’s new type is listed too', async () => {
    const list = (await staff.get('/api/record-types')).json<{ code: string; countUnit: string; dateField: string | null; fields: { code: string; type: string; codes?: { code: string }[] | null }[] }[]>();
    const patent = list.find((r) => r.code === 'patent');
    expect(patent).toMatchObject({ countUnit: 'count', dateField: 'granted_on' });
    expect(patent!.fields.find((f) => f.code === 'kind')!.codes!.map((c) => c.code)).toEqual(['invention', 'utility', 'design']);
    expect(list.find((r) => r.code === 'employee')).toMatchObject({ countUnit: 'person' });
    await db.insertInto('record_types').values({ code: 'vehicle', name_zh: '车辆', name_en: 'Vehicles', count_unit: 'count', consent_category: 'operations', date_field: null, fields: JSON.stringify([]) }).execute();
    expect((await staff.get('/api/record-types')).json<{ code: string }[]>().map((r) => r.code)).toContain('vehicle');
    expect((await t.app.inject({ method: 'GET', url: '/api/record-types' })).statusCode).toBe(401);
  });
});
