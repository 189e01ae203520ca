/**
 * 千人联千企 over HTTP: linking and reassignment with history (one current link per firm), the linking
 * table import with row errors, visits that file their problems as demands atomically, the refusals of the
 * issue (firm not linked, future day, before the link, forbidden photo types) with nothing changed, plans,
 * 我的企业, and the coverage and work figures against counts taken directly from a small county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { quarterOf, quarterRange } from '../../src/core/cadres/coverage.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createCadre, createDemandCounty, type DemandCounty } from '../factories/demands.ts';
import { createEnterprise, signIn, TEST_TOWNS, type CreatedEnterprise } from '../factories/enterprises.ts';
import { multipart, tempStorageDir } from '../fixtures/imports/helpers.ts';

type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;
let dataAdmin: Client;
let cadreUser: Client;
let otherCadreUser: Client;
let cadreId: number;
let otherCadreId: number;
let spareCadreId: number;
let firms: CreatedEnterprise[];
const today = todayInCounty();
const quarter = quarterOf(today);
const quarterStart = quarterRange(quarter).from;
const LINKED_ON = '2025-01-01';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const GIF = Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');

beforeAll(async () => {
  t = await createTestApp({ storageDir: tempStorageDir() });
  db = t.app.db;
  c = await createDemandCounty(t.app);
  dataAdmin = await signIn(t.app, ['data_admin']);
  cadreUser = await signIn(t.app, ['cadre'], c.financeDeptId);
  otherCadreUser = await signIn(t.app, ['cadre'], c.hrDeptId);
  cadreId = await createCadre(db, { orgId: c.financeDeptId, position: '科室负责人', userId: cadreUser.user.id, name: '张联企' });
  otherCadreId = await createCadre(db, { orgId: c.hrDeptId, position: '驻村干部', townCode: TEST_TOWNS[1].code, userId: otherCadreUser.user.id, name: '李驻村' });
  spareCadreId = await createCadre(db, { orgId: c.hrDeptId, position: '镇街副职', townCode: TEST_TOWNS[1].code, name: '王副镇长' });
  await db.updateTable('cadres').set({ phone: '13812341234' }).where('id', '=', cadreId).execute();
  firms = [];
  for (let i = 0; i < 4; i++) firms.push(await createEnterprise(db, { name: `联企测试企业${i + 1}有限公司`, townCode: TEST_TOWNS[i % 2].code, recompute: false }));
});
afterAll(async () => t?.close());

const link = (client: Client, body: Record<string, unknown>) => client.post('/api/cadre-links', body);
const currentLinks = (enterpriseId: number) => db.selectFrom('cadre_links').where('enterprise_id', '=', enterpriseId).where('unlinked_on', 'is', null).selectAll().execute();
async function counts() {
  const n = async (table: 'visits' | 'demands' | 'visit_demands' | 'visit_photos' | 'cadre_links') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { visits: await n('visits'), demands: await n('demands'), visitDemands: await n('visit_demands'), photos: await n('visit_photos'), links: await n('cadre_links') };
}

describe('linking', () => {
  it('links, refuses a reassignment without a reason, reassigns keeping history, one current link per firm', async () => {
    expect((await link(cadreUser, { enterpriseId: firms[0].id, cadreId })).statusCode).toBe(403);
    const first = await link(dataAdmin, { enterpriseId: firms[0].id, cadreId: otherCadreId, linkedOn: LINKED_ON });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ cadreId: otherCadreId, enterpriseId: firms[0].id, linkedOn: LINKED_ON, unlinkedOn: null });

    const before = await counts();
    const noReason = await link(dataAdmin, { enterpriseId: firms[0].id, cadreId, linkedOn: '2025-06-01' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: { details: [{ path: 'body/reason' }] } });
    expect((await link(dataAdmin, { enterpriseId: firms[0].id, cadreId: otherCadreId, reason: 'x' })).statusCode).toBe(409);
    expect((await link(dataAdmin, { enterpriseId: firms[0].id, cadreId, linkedOn: '2099-01-01', reason: '调整' })).statusCode).toBe(400);
    expect((await link(dataAdmin, { enterpriseId: firms[0].id, cadreId, linkedOn: '2024-06-01', reason: '调整' })).statusCode).toBe(400);
    expect((await link(dataAdmin, { enterpriseId: firms[0].id, cadreId: 999_999, reason: '调整' })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);

    const moved = await link(dataAdmin, { enterpriseId: firms[0].id, cadreId, linkedOn: '2025-06-01', reason: '驻村干部轮岗' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(await currentLinks(firms[0].id)).toHaveLength(1);
    expect((await currentLinks(firms[0].id))[0].cadre_id).toBe(cadreId);

    const shown = (await c.financeStaff.get(`/api/enterprises/${firms[0].id}/cadre`)).json();
    expect(shown.current).toMatchObject({ cadreId, cadreName: '张联企', linkedOn: '2025-06-01', phone: '138****1234' });
    expect(shown.history).toEqual([expect.objectContaining({ cadreId: otherCadreId, linkedOn: LINKED_ON, unlinkedOn: '2025-06-01', reason: '驻村干部轮岗' })]);
    // The cadre sees the full number of their own phone; the audit log has the unlink and the link.
    expect((await cadreUser.get(`/api/enterprises/${firms[0].id}/cadre`)).json().current.phone).toBe('13812341234');
    const audits = await db.selectFrom('audit_log').where('target_type', '=', 'enterprise').where('target_id', '=', String(firms[0].id)).where('action', 'in', ['cadre.link', 'cadre.unlink']).select('action').orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['cadre.link', 'cadre.unlink', 'cadre.link']);

    // The database itself holds one current link per firm.
    await expect(db.insertInto('cadre_links').values({ cadre_id: otherCadreId, enterprise_id: firms[0].id, linked_on: today }).execute()).rejects.toThrow();
  });

  it('imports the linking table: unknown cadres and firms, duplicates and future dates are row errors, nothing of them applied', async () => {
    const csv = [
      '干部姓名,干部单位,统一社会信用代码,挂联日期,调整原因',
      `张联企,县政府金融工作办公室,${firms[1].uscc},${LINKED_ON},`,
      `查无此人,,${firms[2].uscc},${LINKED_ON},`,
      `李驻村,,91500231MA5UXXXX0X,${LINKED_ON},`,
      `李驻村,,${firms[1].uscc},${LINKED_ON},`,
      `王副镇长,,${firms[3].uscc},2099-01-01,`,
    ].join('\r\n');
    const body = multipart({ kind: 'cadre_links' }, { name: '挂联表.csv', content: `\uFEFF${csv}` });
    expect((await cadreUser.request('POST', '/api/imports', body.payload, { headers: body.headers })).statusCode).toBe(403);
    const created = await dataAdmin.request('POST', '/api/imports', body.payload, { headers: body.headers });
    expect(created.statusCode, created.body).toBe(202);
    await t.app.jobs.drain();
    const batchId = created.json<{ id: number }>().id;
    expect((await dataAdmin.get(`/api/imports/${batchId}`)).json()).toMatchObject({ kind: 'cadre_links', status: 'completed', processedRows: 5, insertedRows: 1, errorRows: 4 });
    const errors = (await dataAdmin.get(`/api/imports/${batchId}/errors`)).json<{ items: { rowNo: number; code: string }[] }>();
    expect(errors.items.map((e) => [e.rowNo, e.code])).toEqual([
      [3, 'cadre_not_found'],
      [4, expect.stringMatching(/uscc_malformed|enterprise_not_found/)],
      [5, 'duplicate_row'],
      [6, 'future_date'],
    ]);
    expect((await currentLinks(firms[1].id)).map((l) => l.cadre_id)).toEqual([cadreId]);
    expect(await currentLinks(firms[2].id)).toEqual([]);
    expect(await currentLinks(firms[3].id)).toEqual([]);

    // Again: unchanged; a reassignment by import closes the old link with the default reason.
    const again = multipart({ kind: 'cadre_links' }, { name: '挂联表2.csv', content: `干部编号,统一社会信用代码\r\n${cadreId},${firms[1].uscc}\r\n${spareCadreId},${firms[2].uscc}\r\n` });
    const second = await c.dispatcher.request('POST', '/api/imports', again.payload, { headers: again.headers });
    expect(second.statusCode, second.body).toBe(202);
    await t.app.jobs.drain();
    expect((await dataAdmin.get(`/api/imports/${second.json<{ id: number }>().id}`)).json()).toMatchObject({ insertedRows: 1, unchangedRows: 1, errorRows: 0 });
  });
});

describe('authorisation', () => {
  it('a cadre reads the non-public data of linked firms only, and files demands for them only', async () => {
    expect((await cadreUser.get(`/api/enterprises/${firms[0].id}`)).statusCode).toBe(200);
    const refused = await cadreUser.get(`/api/enterprises/${firms[2].id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { details: [{ reason: 'not_linked' }] } });
    expect((await cadreUser.get(`/api/enterprises/${firms[2].id}/indicators`)).statusCode).toBe(403);
    expect((await cadreUser.post('/api/demands', { enterpriseId: firms[2].id, title: '用工难', description: '企业招工困难需要帮助' })).statusCode).toBe(403);
    // Lists and other cadres' profiles are the government's.
    expect((await cadreUser.get('/api/cadres')).statusCode).toBe(403);
    expect((await cadreUser.get(`/api/cadres/${otherCadreId}`)).statusCode).toBe(403);
    expect((await cadreUser.get(`/api/cadres/${cadreId}`)).statusCode).toBe(200);
    expect((await c.ent.get('/api/cadres')).statusCode).toBe(403);
  });
});

describe('visits', () => {
  const visit = (over: Record<string, unknown> = {}) => ({
    enterpriseId: firms[0].id,
    visitedOn: today,
    peopleMet: '总经理 刘强',
    findings: '订单充足，产能不足，计划扩建厂房；反映用电增容审批慢。',
    problems: [{ title: '厂房扩建用电增容审批慢', description: '企业扩建厂房需要用电增容，申请两个月未批复，希望协调供电公司加快办理。', categoryCode: 'utilities' }],
    ...over,
  });

  it('records a visit whose problem becomes a demand on the firm’s behalf, in one step', async () => {
    const before = await counts();
    const response = await cadreUser.post('/api/visits', visit());
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail).toMatchObject({ cadre: { id: cadreId }, enterprise: { id: firms[0].id }, visitedOn: today, demandCount: 1, photoCount: 0 });
    expect(detail.demands).toEqual([expect.objectContaining({ title: '厂房扩建用电增容审批慢', state: 'submitted' })]);
    const demand = await db.selectFrom('demands').where('id', '=', detail.demands[0].id).selectAll().executeTakeFirstOrThrow();
    expect(demand).toMatchObject({ enterprise_id: firms[0].id, channel: 'cadre', on_behalf_cadre_id: cadreId, submitted_by: cadreUser.user.id, declared_category_code: 'utilities' });
    expect(await counts()).toEqual({ ...before, visits: before.visits + 1, demands: before.demands + 1, visitDemands: before.visitDemands + 1 });
    // The cadre sees the demand they filed; the dispatcher finds it in the queue.
    expect((await cadreUser.get(`/api/demands/${demand.id}`)).statusCode).toBe(200);
    expect((await cadreUser.get('/api/visits')).json().items[0]).toMatchObject({ id: detail.id, demandCount: 1 });
  });

  it.each([
    ['a firm not linked to the cadre', () => visit({ enterpriseId: firms[2].id }), 403, 'forbidden'],
    ['a day in the future', () => visit({ visitedOn: '2099-01-01' }), 400, 'validation_failed'],
    ['a day before the link began', () => visit({ visitedOn: '2025-05-31' }), 422, 'unprocessable'],
    ['an unknown demand category', () => visit({ problems: [{ title: '问题', description: '一个类别不存在的问题', categoryCode: 'no_such_category' }] }), 400, 'validation_failed'],
    ['an empty finding', () => visit({ findings: '   ' }), 400, 'validation_failed'],
    ['an unknown firm', () => visit({ enterpriseId: 999_999 }), 404, 'not_found'],
  ])('refuses %s, nothing changed', async (_what, body, status, code) => {
    const before = await counts();
    const response = await cadreUser.post('/api/visits', body());
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json()).toMatchObject({ error: { code } });
    expect(await counts()).toEqual(before);
  });

  it('only a cadre records visits', async () => {
    expect((await c.financeStaff.post('/api/visits', visit())).statusCode).toBe(403);
  });

  it('takes JPEG, PNG or WebP photos by their bytes and refuses other types, nothing stored', async () => {
    const created = (await cadreUser.post('/api/visits', visit({ problems: [] }))).json();
    const send = (client: Client, name: string, content: Buffer) => {
      const body = multipart({}, { name, content, type: 'image/png' });
      return client.request('POST', `/api/visits/${created.id}/photos`, body.payload, { headers: body.headers });
    };
    const before = await counts();
    for (const [name, content] of [['fake.png', Buffer.from('%PDF-1.4 not an image')], ['anim.gif', GIF]] as const) {
      const refused = await send(cadreUser, name, content);
      expect(refused.statusCode, name).toBe(415);
    }
    expect((await send(otherCadreUser, 'site.png', PNG)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    const ok = await send(cadreUser, '厂区.png', PNG);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().photos).toEqual([expect.objectContaining({ fileName: '厂区.png', contentType: 'image/png', sizeBytes: PNG.length })]);
    const photo = await cadreUser.get(`/api/visits/${created.id}/photos/${ok.json().photos[0].id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect((await otherCadreUser.get(`/api/visits/${created.id}`)).statusCode).toBe(403);
  });
});

describe('plans, 我的企业 and the figures', () => {
  it('a cadre plans linked firms only; the plan shows which were visited', async () => {
    const refused = await cadreUser.post('/api/visit-plans', { quarter, items: [{ enterpriseId: firms[2].id }] });
    expect(refused.statusCode).toBe(403);
    const saved = await cadreUser.post('/api/visit-plans', { quarter, items: [{ enterpriseId: firms[0].id }, { enterpriseId: firms[1].id }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const items = saved.json().items as { enterprise: { id: number }; visitedOn: string | null }[];
    expect(items.find((i) => i.enterprise.id === firms[0].id)!.visitedOn).toBe(today);
    expect(items.find((i) => i.enterprise.id === firms[1].id)!.visitedOn).toBeNull();
  });

  it('我的企业 lists the cadre’s current firms with their open demands', async () => {
    const mine = (await cadreUser.get('/api/me/cadre/enterprises')).json();
    expect(mine.items.map((i: { id: number }) => i.id).sort()).toEqual([firms[0].id, firms[1].id].sort());
    const first = mine.items.find((i: { id: number }) => i.id === firms[0].id);
    const open = await db.selectFrom('demands').where('enterprise_id', '=', firms[0].id).where('state', '=', 'submitted').select('id').execute();
    expect(first).toMatchObject({ openDemands: open.length, lastVisitedOn: today, plannedThisQuarter: true, loans: { activeLoans: 0 } });
    expect((await c.financeStaff.get('/api/me/cadre/enterprises')).statusCode).toBe(403);
  });

  it('coverage and work equal counts taken directly from the data', async () => {
    // A visit by the previous cadre in this quarter would not count: the firm is the new cadre's.
    const list = (await c.financeStaff.get('/api/cadres?pageSize=100')).json();
    expect(list.quarter).toBe(quarter);
    const mine = list.items.find((i: { id: number }) => i.id === cadreId);
    const links = await db.selectFrom('cadre_links').where('cadre_id', '=', cadreId).where('unlinked_on', 'is', null).select('enterprise_id').execute();
    const visited = await db.selectFrom('visits').where('cadre_id', '=', cadreId).where('visited_on', '>=', quarterStart).where('visited_on', '<=', today).select('enterprise_id').distinct().execute();
    const visitedLinked = visited.filter((v) => links.some((l) => l.enterprise_id === v.enterprise_id)).length;
    expect(mine.coverage).toEqual({ linked: links.length, visited: visitedLinked, rateBp: Math.round((visitedLinked / links.length) * 10_000) });
    expect(mine.coverage).toEqual({ linked: 2, visited: 1, rateBp: 5000 });
    const collected = await db.selectFrom('demands').where('on_behalf_cadre_id', '=', cadreId).select('state').execute();
    expect(mine.work).toMatchObject({ demandsCollected: collected.length, demandsSolved: collected.filter((d) => ['resolved', 'rated', 'closed'].includes(d.state)).length, plannedNotVisited: 1 });
    expect(mine.phone).toBe('138****1234');
    // The spare cadre has one firm and no visit: 0 %, and the other cadre no firm: null, sorted last.
    expect(list.items.find((i: { id: number }) => i.id === spareCadreId).coverage).toEqual({ linked: 1, visited: 0, rateBp: 0 });
    expect(list.items.find((i: { id: number }) => i.id === otherCadreId).coverage).toEqual({ linked: 0, visited: 0, rateBp: null });
    expect(list.items[list.items.length - 1].coverage.rateBp).toBeNull();
    expect((await c.financeStaff.get(`/api/cadres?town=${TEST_TOWNS[1].code}`)).json().items.map((i: { id: number }) => i.id).sort()).toEqual([otherCadreId, spareCadreId].sort());

    const board = (await c.financeStaff.get('/api/cadres/leaderboard')).json();
    expect(board.county).toEqual({ linked: 3, visited: 1, rateBp: 3333 });
    expect(board.byUnit.find((u: { key: string }) => u.key === String(c.financeDeptId)).coverage).toEqual({ linked: 2, visited: 1, rateBp: 5000 });
    // By the firms' town: firms[0] (town 0, visited), firms[1] (town 1), firms[2] (town 0).
    expect(board.byTown.find((r: { key: string }) => r.key === TEST_TOWNS[0].code).coverage).toEqual({ linked: 2, visited: 1, rateBp: 5000 });
    expect(board.byTown.find((r: { key: string }) => r.key === TEST_TOWNS[1].code).coverage).toEqual({ linked: 1, visited: 0, rateBp: 0 });
    expect(board.trend).toHaveLength(4);

    const detail = (await c.financeStaff.get(`/api/cadres/${cadreId}`)).json();
    expect(detail.links.map((l: { enterpriseId: number }) => l.enterpriseId).sort()).toEqual([firms[0].id, firms[1].id].sort());
    expect(detail.recentVisits.length).toBeGreaterThanOrEqual(2);
    const otherDetail = (await c.financeStaff.get(`/api/cadres/${otherCadreId}`)).json();
    expect(otherDetail.history).toEqual([expect.objectContaining({ enterpriseId: firms[0].id, unlinkedOn: '2025-06-01' })]);
  });
});
