import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTestApp, type TestApp, type TestClient } from '../app.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';

const WAN = FEN_PER_WAN;
const lastYear = String(new Date().getUTCFullYear() - 1);
const prevYear = String(Number(lastYear) - 1);

let t: TestApp;
let db: Kysely<DB>;
let enterprise: { id: number; orgId: number | null; name: string };
let own: TestClient & { user: { id: number } };
let dataAdmin: TestClient & { user: { id: number } };
let dept: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  enterprise = await createEnterprise(db, {
    withOrg: true,
    name: '纠错测试机械有限公司',
    industryCode: '3434',
    indicators: [
      { code: 'employees', period: lastYear, value: 85 },
      { code: 'main_revenue', period: lastYear, value: 1860 * WAN },
      { code: 'main_revenue', period: prevYear, value: 1500 * WAN },
      { code: 'tax_paid', period: lastYear, value: 60 * WAN, source: 'tax' },
      { code: 'tax_credit_grade', period: lastYear, value: 'B', source: 'tax' },
      { code: 'science_staff', period: lastYear, value: 5, source: 'self_reported' },
    ],
  });
  own = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
  dataAdmin = await signIn(t.app, ['data_admin']);
  dept = await signIn(t.app, ['department_staff']);
});
afterAll(async () => {
  await t.close();
});

const stored = (code: string, period: string, source: string) =>
  db.selectFrom('indicator_values').where('enterprise_id', '=', enterprise.id).where('indicator_code', '=', code).where('period', '=', period).where('source', '=', source).select(['value', 'value_text', 'as_of']).executeTakeFirst();

const file = (body: Record<string, unknown>) => own.post('/api/me/disputes', { indicatorCode: 'main_revenue', period: lastYear, source: 'statistics', proposedValue: '2,350万元', reason: '统计口径有误，应含外地销售', ...body });

describe('disputes (数据纠错)', () => {
  let revenueDispute: number;

  it('files a dispute on a government fact, reading the proposed value exactly, audited', async () => {
    const response = await file({});
    expect(response.statusCode, response.body).toBe(201);
    const dispute = response.json();
    expect(dispute).toMatchObject({
      indicatorCode: 'main_revenue',
      nameZh: '主营业务收入',
      unit: 'fen',
      period: lastYear,
      source: 'statistics',
      currentValue: String(1860 * WAN),
      proposedValue: '2,350万元',
      proposedParsed: 2350 * WAN,
      status: 'open',
      resolvedAt: null,
    });
    revenueDispute = dispute.id;
    const audit = await db.selectFrom('audit_log').where('action', '=', 'dispute.file').where('target_id', '=', String(dispute.id)).selectAll().executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(own.user.id);
    expect((await own.get('/api/me/disputes')).json().map((d: { id: number }) => d.id)).toEqual([dispute.id]);
  });

  it('refuses a second open dispute on the same fact', async () => {
    expect((await file({ proposedValue: '2400万' })).statusCode).toBe(409);
  });

  it('refuses self-reported facts, unknown facts, bad periods and unreadable values', async () => {
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ indicatorCode: 'science_staff', source: 'self_reported', proposedValue: '6' }, 400, 'body/source'],
      [{ indicatorCode: 'no_such_code' }, 400, 'body/indicatorCode'],
      [{ source: 'martians' }, 400, 'body/source'],
      [{ period: `${lastYear}Q1` }, 400, 'body/period'],
      [{ proposedValue: '很多' }, 400, 'body/proposedValue'],
      [{ proposedValue: '2350.123万元万' }, 400, 'body/proposedValue'],
      [{ period: '2001' }, 404, null],
      [{ source: 'tax' }, 404, null],
    ];
    for (const [body, status, path] of cases) {
      const response = await file(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      if (path) expect(response.json().error.details[0].path).toBe(path);
    }
    expect((await dept.post('/api/me/disputes', { indicatorCode: 'main_revenue', period: lastYear, source: 'statistics', proposedValue: '1', reason: 'x' })).statusCode).toBe(403);
  });

  it('lists disputes to the data admin only, with the enterprise', async () => {
    const list = (await dataAdmin.get('/api/disputes?status=open')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: revenueDispute, enterprise: { id: enterprise.id, name: '纠错测试机械有限公司' } });
    expect((await dept.get('/api/disputes')).statusCode).toBe(403);
    expect((await own.get('/api/disputes')).statusCode).toBe(403);
  });

  it('accepting writes the proposed value under the disputed source and recomputes the profile; deciding twice is 409', async () => {
    expect((await dept.get(`/api/enterprises/${enterprise.id}`)).json().isAboveScale).toBe(false);
    expect((await dept.post(`/api/disputes/${revenueDispute}/resolve`, { decision: 'accept', note: '核实无误' })).statusCode).toBe(403);
    const response = await dataAdmin.post(`/api/disputes/${revenueDispute}/resolve`, { decision: 'accept', note: '经统计局核实，采纳' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'accepted', resolutionNote: '经统计局核实，采纳', resolvedAt: expect.any(String) });
    expect(await stored('main_revenue', lastYear, 'statistics')).toEqual({ value: 2350 * WAN, value_text: null, as_of: todayInCounty() });
    // 2,350万 ≥ 2,000万: now 规上 on the figures, at once.
    const detail = (await dept.get(`/api/enterprises/${enterprise.id}`)).json();
    expect(detail.isAboveScale).toBe(true);
    expect(detail.tags).toContain('above_scale');
    const audit = await db.selectFrom('audit_log').where('action', '=', 'dispute.resolve').where('target_id', '=', String(revenueDispute)).selectAll().executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ decision: 'accept', before: String(1860 * WAN), after: String(2350 * WAN), source: 'statistics' });

    const twice = await dataAdmin.post(`/api/disputes/${revenueDispute}/resolve`, { decision: 'reject', note: '再次' });
    expect(twice.statusCode).toBe(409);
    expect((await own.get('/api/me/disputes')).json()[0].status).toBe('accepted');
  });

  it('rejecting keeps the stored value', async () => {
    const dispute = (await file({ indicatorCode: 'tax_credit_grade', source: 'tax', proposedValue: 'a', reason: '已申请复评' })).json();
    expect(dispute.proposedParsed).toBe('A');
    expect((await dataAdmin.post(`/api/disputes/${dispute.id}/resolve`, { decision: 'reject', note: '税务局维持B级', correctedValue: 'A' })).statusCode).toBe(400);
    const response = await dataAdmin.post(`/api/disputes/${dispute.id}/resolve`, { decision: 'reject', note: '税务局维持B级' });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('rejected');
    expect(await stored('tax_credit_grade', lastYear, 'tax')).toMatchObject({ value: null, value_text: 'B' });
  });

  it('the admin may store a corrected value instead of the proposal, as typed or in fen', async () => {
    const typed = (await file({ period: prevYear, proposedValue: '1600万' })).json();
    const bad = await dataAdmin.post(`/api/disputes/${typed.id}/resolve`, { decision: 'accept', note: '部分采纳', correctedValue: '一千五' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body/correctedValue');
    expect((await dataAdmin.post(`/api/disputes/${typed.id}/resolve`, { decision: 'accept', note: '部分采纳', correctedValue: '1,550万元' })).statusCode).toBe(200);
    expect((await stored('main_revenue', prevYear, 'statistics'))?.value).toBe(1550 * WAN);

    const fen = (await file({ indicatorCode: 'tax_paid', source: 'tax', proposedValue: '70万' })).json();
    expect((await dataAdmin.post(`/api/disputes/${fen.id}/resolve`, { decision: 'accept', note: '按完税证明', correctedValue: 6_512_345 })).statusCode).toBe(200);
    expect((await stored('tax_paid', lastYear, 'tax'))?.value).toBe(6_512_345);
  });
});
