/**
 * The dispatcher's keyword routing rules (分拨规则): one active rule per keyword, deactivation, audit, the
 * 90-day routing counts; and the category hint while a demand is written (portal and cadre forms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import type { DemandDetail } from '../../src/server/modules/demands/demands.schemas.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createCadre, createDemandCounty, fileDemand, type DemandCounty } from '../factories/demands.ts';
import { signIn } from '../factories/enterprises.ts';
import { multipart, tempStorageDir } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;

interface Rule {
  id: number;
  keyword: string;
  category: { code: string };
  handlerOrg: { id: number } | null;
  isActive: boolean;
  routedRecently: number;
}

beforeAll(async () => {
  t = await createTestApp({ storageDir: tempStorageDir() });
  db = t.app.db;
  c = await createDemandCounty(t.app);
});
afterAll(async () => t?.close());

const rulesOf = async () => (await c.dispatcher.get('/api/demands/routing-rules')).json<{ items: Rule[] }>().items;
const auditActions = async (id: number) =>
  (await db.selectFrom('audit_log').where('target_type', '=', 'demand_routing_rule').where('target_id', '=', String(id)).select('action').orderBy('id').execute()).map((a) => a.action);

describe('keyword routing rules', () => {
  it('refuse a second active rule for the same keyword (case and spaces aside), allow it once the first is deactivated', async () => {
    const first = await c.dispatcher.post('/api/demands/routing-rules', { keyword: '停电', categoryCode: 'utilities', note: '供电问题' });
    expect(first.statusCode, first.body).toBe(201);
    const ruleId = first.json<Rule>().id;

    const clash = await c.dispatcher.post('/api/demands/routing-rules', { keyword: ' 停电 ', categoryCode: 'financing' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<{ error: { code: string; details: { path: string; ruleId: number }[] } }>().error).toMatchObject({ code: 'conflict', details: [{ path: 'body/keyword', ruleId }] });
    const latin = await c.dispatcher.post('/api/demands/routing-rules', { keyword: 'ETC', categoryCode: 'utilities' });
    expect(latin.statusCode).toBe(201);
    expect((await c.dispatcher.post('/api/demands/routing-rules', { keyword: 'etc', categoryCode: 'hiring' })).statusCode).toBe(409);
    // Nothing was written by the refused requests.
    expect((await rulesOf()).filter((r) => r.keyword.trim() === '停电')).toHaveLength(1);

    // Deactivate: the keyword is free again; reactivating the old one now clashes with the new one.
    const off = await c.dispatcher.patch(`/api/demands/routing-rules/${ruleId}`, { isActive: false });
    expect(off.statusCode).toBe(200);
    expect(off.json<Rule>().isActive).toBe(false);
    const second = await c.dispatcher.post('/api/demands/routing-rules', { keyword: '停电', categoryCode: 'utilities', handlerOrgId: c.financeDeptId });
    expect(second.statusCode, second.body).toBe(201);
    expect((await c.dispatcher.patch(`/api/demands/routing-rules/${ruleId}`, { isActive: true })).statusCode).toBe(409);
    // Renaming another active rule onto the keyword clashes too; renaming it elsewhere does not.
    expect((await c.dispatcher.patch(`/api/demands/routing-rules/${latin.json<Rule>().id}`, { keyword: '停电' })).statusCode).toBe(409);
    expect((await c.dispatcher.patch(`/api/demands/routing-rules/${latin.json<Rule>().id}`, { keyword: 'ETC卡', note: '高速通行' })).statusCode).toBe(200);

    expect(await auditActions(ruleId)).toEqual(['demand.rule.create', 'demand.rule.update']);
    expect((await rulesOf()).find((r) => r.id === ruleId)).toMatchObject({ isActive: false });
  });

  it('are the dispatcher’s: others get 403, an unknown rule 404, a non-handling office 400', async () => {
    expect((await c.financeStaff.get('/api/demands/routing-rules')).statusCode).toBe(403);
    expect((await c.ent.patch('/api/demands/routing-rules/1', { isActive: false })).statusCode).toBe(403);
    expect((await c.dispatcher.patch('/api/demands/routing-rules/999999', { isActive: false })).statusCode).toBe(404);
    const bad = await c.dispatcher.post('/api/demands/routing-rules', { keyword: '招工', categoryCode: 'hiring', handlerOrgId: c.enterprise.orgId });
    expect(bad.statusCode).toBe(400);
  });

  it('count the demands each routed in the last 90 days; an inactive rule routes nothing', async () => {
    const rule = (await c.dispatcher.post('/api/demands/routing-rules', { keyword: '劳动仲裁', categoryCode: 'hiring', handlerOrgId: c.hrDeptId })).json<Rule>();
    const a = await fileDemand(c.ent, { title: '员工申请劳动仲裁', description: '离职员工申请劳动仲裁，企业希望调解' });
    await fileDemand(c.otherEnt, { title: '劳动仲裁咨询', description: '企业想了解劳动仲裁的流程和材料' });
    expect((await rulesOf()).find((r) => r.id === rule.id)!.routedRecently).toBe(2);
    // A demand older than 90 days does not count.
    await db.updateTable('demands').set({ created_at: new Date(Date.now() - 91 * 86_400_000) }).where('id', '=', a.id).execute();
    expect((await rulesOf()).find((r) => r.id === rule.id)!.routedRecently).toBe(1);

    await c.dispatcher.patch(`/api/demands/routing-rules/${rule.id}`, { isActive: false });
    const after = await fileDemand(c.ent, { title: '劳动仲裁又来了', description: '另一名员工申请劳动仲裁' });
    expect((await c.dispatcher.get(`/api/demands/${after.id}`)).json<DemandDetail>().suggestion!.rule).toBeNull();
    expect((await rulesOf()).find((r) => r.id === rule.id)!.routedRecently).toBe(1);
  });
});

describe('the category hint while writing', () => {
  it('names the active rule’s category for enterprise users and cadres, nothing for short text, 403 for others', async () => {
    await c.dispatcher.post('/api/demands/routing-rules', { keyword: '天然气报装', categoryCode: 'utilities' });
    const hint = await c.ent.post('/api/demands/category-suggestions', { title: '天然气报装太慢', description: '厂区天然气报装三个月未通气' });
    expect(hint.statusCode, hint.body).toBe(200);
    expect(hint.json()).toEqual({ source: 'rule', items: [expect.objectContaining({ code: 'utilities', confidence: 1 })] });
    // No office, leader or similar cases leak to the enterprise: categories only.
    expect(Object.keys(hint.json<{ items: object[] }>().items[0]).sort()).toEqual(['code', 'confidence', 'nameEn', 'nameZh']);

    const cadreUser = await signIn(t.app, ['cadre'], c.financeDeptId);
    await createCadre(db, { orgId: c.financeDeptId, position: '科长', userId: cadreUser.user.id });
    expect((await cadreUser.post('/api/demands/category-suggestions', { title: '天然气报装' })).json()).toMatchObject({ source: 'rule' });
    expect((await c.ent.post('/api/demands/category-suggestions', { title: ' ' })).json()).toEqual({ source: 'none', items: [] });

    const bank = await signIn(t.app, ['bank_staff']);
    expect((await bank.post('/api/demands/category-suggestions', { title: '天然气报装' })).statusCode).toBe(403);
    expect((await c.ent.post('/api/demands/category-suggestions', { title: 'x'.repeat(201) })).statusCode).toBe(400);
  });
});

describe('the demands of one 12345 import', () => {
  it('are listed by the batch that created them, and by no other', async () => {
    const enterprise = await db.selectFrom('enterprises').where('id', '=', c.enterprise.id).select('uscc').executeTakeFirstOrThrow();
    const upload = async (rows: string[]) => {
      const body = multipart({ kind: 'demands_12345' }, { name: '12345.csv', content: ['工单编号,统一社会信用代码,标题,诉求内容', ...rows].join('\r\n') });
      const created = await c.dispatcher.request('POST', '/api/imports', body.payload, { headers: body.headers });
      expect(created.statusCode, created.body).toBe(202);
      await t.app.jobs.drain();
      return created.json<{ id: number }>().id;
    };
    const first = await upload([`RB-1,${enterprise.uscc},厂区道路破损,园区道路破损严重影响货车通行`, `RB-2,${enterprise.uscc},招工难,急需招聘普工二十名`]);
    const second = await upload([`RB-3,${enterprise.uscc},用水困难,园区供水压力不足`]);
    const titles = async (batchId: number) => (await c.dispatcher.get(`/api/demands?importBatchId=${batchId}`)).json<{ items: { title: string; channel: string }[] }>().items.map((d) => d.title).sort();
    expect(await titles(first)).toEqual(['厂区道路破损', '招工难']);
    expect(await titles(second)).toEqual(['用水困难']);
    // The enterprise's scope still applies: the other firm sees none of them.
    expect((await c.otherEnt.get(`/api/demands?importBatchId=${first}`)).json<{ total: number }>().total).toBe(0);
  });
});
