import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTestApp, type TestApp, type TestClient } from '../app.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';

const WAN = FEN_PER_WAN;
const lastYear = String(new Date().getUTCFullYear() - 1);
const asOf = `${lastYear}-12-31`;

let t: TestApp;
let db: Kysely<DB>;
let dataAdmin: TestClient;
let dept: TestClient;
let enterprise: { id: number; orgId: number | null };
let own: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  dataAdmin = await signIn(t.app, ['data_admin']);
  dept = await signIn(t.app, ['department_staff']);
  enterprise = await createEnterprise(db, { withOrg: true, industryCode: '3434' });
  own = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
});
afterAll(async () => {
  await t.close();
});

const valuesOf = async (code: string) =>
  db.selectFrom('indicator_values').where('enterprise_id', '=', enterprise.id).where('indicator_code', '=', code).select(['period', 'source', 'value', 'value_text', 'as_of']).orderBy('period').orderBy('source').execute();

describe('the indicator registry', () => {
  it('lists the built-in indicators with category, unit, periodicity and sources', async () => {
    const response = await dept.get('/api/indicators');
    expect(response.statusCode).toBe(200);
    const revenue = response.json().find((i: { code: string }) => i.code === 'operating_revenue');
    expect(revenue).toEqual({
      code: 'operating_revenue',
      nameZh: '营业收入',
      nameEn: 'Operating revenue',
      category: 'operations',
      unit: 'fen',
      periodicity: 'year',
      isFlow: true,
      isKey: true,
      sources: ['statistics', 'tax', 'self_reported'],
      grades: null,
      isBuiltIn: true,
    });
  });

  it('lets a data admin add an indicator, once, and checks its shape', async () => {
    const body = { code: 'green_factory_grade', nameZh: '绿色工厂等级', nameEn: 'Green factory grade', category: 'energy', unit: 'grade', periodicity: 'year', isFlow: false, sources: ['market_regulation', 'self_reported'], grades: ['national', 'provincial'] };
    expect((await dept.post('/api/indicators', body)).statusCode).toBe(403);
    const created = await dataAdmin.post('/api/indicators', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'green_factory_grade', grades: ['NATIONAL', 'PROVINCIAL'], isKey: false, isBuiltIn: false });
    expect((await dataAdmin.post('/api/indicators', body)).statusCode).toBe(409);
    expect((await dataAdmin.post('/api/indicators', { ...body, code: 'operating_revenue' })).statusCode).toBe(409);
    const noGrades = await dataAdmin.post('/api/indicators', { ...body, code: 'x_grade', grades: undefined });
    expect(noGrades.statusCode).toBe(400);
    expect(noGrades.json().error.details[0].path).toBe('body/grades');
    expect((await dataAdmin.post('/api/indicators', { ...body, code: 'Bad-Code' })).statusCode).toBe(400);
    expect((await dataAdmin.post('/api/indicators', { ...body, code: 'y_grade', sources: ['nobody'] })).statusCode).toBe(400);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'indicator.create').where('target_id', '=', 'green_factory_grade').selectAll().execute();
    expect(audit).toHaveLength(1);
  });
});

describe('writing indicator values', () => {
  it('writes a batch, counting inserted, updated and unchanged, and recomputes the profile in the same request', async () => {
    const batch = [
      { code: 'employees', period: lastYear, value: 85, source: 'statistics', asOf },
      { code: 'main_revenue', period: lastYear, value: 1860 * WAN, source: 'statistics', asOf },
      { code: 'tax_credit_grade', period: lastYear, value: 'a', source: 'tax', asOf },
    ];
    const first = await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await dept.get(`/api/enterprises/${enterprise.id}`)).json().sizeClass).toBe('small');

    const again = await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, [...batch.slice(0, 2), { ...batch[2], value: 'A' }, { code: 'employees', period: lastYear, value: 320, source: 'social_insurance', asOf }]);
    expect(again.json()).toEqual({ inserted: 1, updated: 0, unchanged: 3 });
    const changed = await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, [{ code: 'main_revenue', period: lastYear, value: 2500 * WAN, source: 'statistics', asOf }]);
    expect(changed.json()).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    // Statistics' 85 staff still rank above social insurance's 320: small, now at 2,500万 and 规上 on the figures.
    const detail = (await dept.get(`/api/enterprises/${enterprise.id}`)).json();
    expect(detail).toMatchObject({ sizeClass: 'small', isAboveScale: true });
    expect(detail.tags).toContain('above_scale');
    expect(await valuesOf('tax_credit_grade')).toEqual([{ period: lastYear, source: 'tax', value: null, value_text: 'A', as_of: asOf }]);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'enterprise.indicators.write').where('target_id', '=', String(enterprise.id)).selectAll().execute();
    expect(audit).toHaveLength(3);
    // No background job: the profile was recomputed in the request.
    expect(await db.selectFrom('jobs').where('kind', '=', 'profiles.recompute').selectAll().execute()).toEqual([]);
  });

  it('refuses a batch with any bad item, naming each by path, and writes nothing', async () => {
    const before = await db.selectFrom('indicator_values').where('enterprise_id', '=', enterprise.id).selectAll().execute();
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const batch = [
      { code: 'operating_revenue', period: lastYear, value: 100 * WAN, source: 'statistics', asOf }, // good
      { code: 'no_such_indicator', period: lastYear, value: 1, source: 'statistics', asOf },
      { code: 'operating_revenue', period: `${lastYear}Q2`, value: 1, source: 'statistics', asOf },
      { code: 'operating_revenue', period: String(Number(lastYear) - 1), value: '2350万', source: 'statistics', asOf },
      { code: 'tax_credit_grade', period: lastYear, value: 'E', source: 'tax', asOf },
      { code: 'dishonest_debtor', period: lastYear, value: 2, source: 'credit', asOf },
      { code: 'employees', period: lastYear, value: -1, source: 'statistics', asOf },
      { code: 'tax_paid', period: lastYear, value: 1, source: 'statistics', asOf },
      { code: 'employees', period: String(Number(lastYear) - 1), value: 1, source: 'statistics', asOf: future },
      { code: 'operating_revenue', period: lastYear, value: 1, source: 'statistics', asOf },
      { code: 'employees', period: String(Number(lastYear) - 2), value: 1, source: 'martians', asOf },
      { code: 'employees', period: lastYear, value: 1, source: 'social_insurance', asOf: `${Number(lastYear) - 1}-06-30` },
    ];
    const response = await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, batch);
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual([
      'body/1/code',
      'body/2/period',
      'body/3/value',
      'body/4/value',
      'body/5/value',
      'body/6/value',
      'body/7/source',
      'body/8/asOf',
      'body/9',
      'body/10/source',
      'body/11/asOf',
    ]);
    expect(details[1].message).toMatch(/per year/);
    expect(details[2].message).toMatch(/fen/);
    expect(details[7].message).toMatch(/future/);
    expect(details[8].message).toMatch(/repeats item 0/);
    expect(await db.selectFrom('indicator_values').where('enterprise_id', '=', enterprise.id).selectAll().execute()).toEqual(before);
  });

  it('refuses fractions, empty and oversize batches by schema, with the path', async () => {
    const fraction = await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, [{ code: 'employees', period: lastYear, value: 8.5, source: 'statistics', asOf }]);
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.details.map((d: { path: string }) => d.path)).toContain('body/0/value');
    expect((await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, [])).statusCode).toBe(400);
    const tooMany = Array.from({ length: 5001 }, (_, i) => ({ code: 'employees', period: String(1000 + i), value: 1, source: 'statistics', asOf }));
    expect((await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, tooMany)).statusCode).toBe(400);
    expect((await dataAdmin.post('/api/enterprises/999999/indicators', [{ code: 'employees', period: lastYear, value: 1, source: 'statistics', asOf }])).statusCode).toBe(404);
  });

  it('lets the enterprise write only self-reported figures of facts it may report', async () => {
    const asStatistics = await own.post(`/api/enterprises/${enterprise.id}/indicators`, [{ code: 'employees', period: lastYear, value: 90, source: 'statistics', asOf }]);
    expect(asStatistics.statusCode).toBe(400);
    expect(asStatistics.json().error.details[0]).toMatchObject({ path: 'body/0/source', message: expect.stringMatching(/self_reported/) });
    const taxPaid = await own.post(`/api/enterprises/${enterprise.id}/indicators`, [{ code: 'tax_paid', period: lastYear, value: 90, source: 'self_reported', asOf }]);
    expect(taxPaid.statusCode).toBe(400);
    expect(taxPaid.json().error.details[0].path).toBe('body/0/source');
    const ok = await own.post(`/api/enterprises/${enterprise.id}/indicators`, [{ code: 'science_staff', period: lastYear, value: 12, source: 'self_reported', asOf: todayInCounty() }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });
});

describe('reading indicator values', () => {
  it('returns every source, marks the effective one by precedence, and filters by code and years', async () => {
    await dataAdmin.post(`/api/enterprises/${enterprise.id}/indicators`, [
      { code: 'employees', period: lastYear, value: 95, source: 'self_reported', asOf },
      { code: 'employees', period: String(Number(lastYear) - 1), value: 70, source: 'self_reported', asOf },
    ]);
    const response = await dept.get(`/api/enterprises/${enterprise.id}/indicators?code=employees`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { period: string; source: string; value: number; isEffective: boolean; sourceNameZh: string; category: string }[];
    const latest = items.filter((i) => i.period === lastYear);
    expect(latest.map((i) => [i.source, i.value, i.isEffective]).sort()).toEqual([
      ['self_reported', 95, false],
      ['social_insurance', 320, false],
      ['statistics', 85, true],
    ]);
    // Only the enterprise reported the earlier year: its figure is the effective one there.
    expect(items.find((i) => i.period === String(Number(lastYear) - 1))).toMatchObject({ source: 'self_reported', value: 70, isEffective: true, sourceNameZh: '企业自报', category: 'employment' });
    const range = (await dept.get(`/api/enterprises/${enterprise.id}/indicators?code=employees&from=${lastYear}&to=${lastYear}`)).json().items;
    expect(range.every((i: { period: string }) => i.period === lastYear)).toBe(true);
    expect(range).toHaveLength(3);
    expect((await dept.get(`/api/enterprises/${enterprise.id}/indicators?from=2024&to=2020`)).statusCode).toBe(400);
  });
});
