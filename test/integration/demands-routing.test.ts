/**
 * Routing: a router model trained in-process from resolved demands (a versioned row), used for the
 * suggestion of each new demand (category with confidence, top 3, department, leader, similar past
 * demands with their resolution), keyword rules first; retraining makes a new version that instances pick
 * up; training runs in a worker thread while the server keeps answering. And 12345 hotline work orders
 * imported through the imports machinery, with row errors, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import type { DemandDetail } from '../../src/server/modules/demands/demands.schemas.ts';
import { trainFromHistory } from '../../src/server/modules/demands/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createCodedOrg, createDemandCounty, fileDemand, type DemandCounty } from '../factories/demands.ts';
import { signIn } from '../factories/enterprises.ts';
import { multipart, tempStorageDir } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;
let utilitiesDeptId: number;

const HISTORY: Record<string, { subjects: string[]; bodies: string[]; resolution: string }> = {
  financing: {
    subjects: ['流动资金贷款难', '申请贴息贷款', '银行抽贷断贷', '担保融资需求', '信用贷款额度不足'],
    bodies: ['企业订单增加急需流动资金，银行要求抵押物', '希望协调银行续贷，避免资金链断裂', '申请创业担保贷款和财政贴息', '需要融资担保公司提供担保'],
    resolution: '已组织银企对接，农商行发放信用贷款',
  },
  hiring: {
    subjects: ['招工难缺少技术工人', '申请社保补贴', '高校毕业生招聘', '稳岗返还申领', '用工培训补贴'],
    bodies: ['企业扩产需要招聘熟练焊工和数控操作工', '新招用员工希望申请社会保险补贴', '希望参加人社局组织的专场招聘会', '咨询职业技能培训补贴申领流程'],
    resolution: '已推送岗位信息并组织专场招聘会',
  },
  utilities: {
    subjects: ['工厂用电容量不足', '天然气管道接入', '频繁停电影响生产', '供水压力不足', '申请增容变压器'],
    bodies: ['新生产线投产需要电力增容，供电公司排期太长', '厂区需要接入天然气，报装进度缓慢', '近期多次停电造成设备损坏', '园区供水压力不够影响生产'],
    resolution: '已协调供电公司加快增容工程',
  },
};

beforeAll(async () => {
  t = await createTestApp({ storageDir: tempStorageDir() });
  db = t.app.db;
  c = await createDemandCounty(t.app);
  utilitiesDeptId = await createCodedOrg(db, 'department', 'jxw', '县经济和信息化委员会');
  // Resolved history, labelled by the dispatchers' final category.
  const rows = Object.entries(HISTORY).flatMap(([category, h]) =>
    h.subjects.flatMap((subject, i) => h.bodies.map((body, j) => ({ category, title: `${subject}${i}${j}`, description: body, resolution: h.resolution }))),
  );
  await db
    .insertInto('demands')
    .values(rows.map((r) => ({ enterprise_id: c.otherEnterprise.id, title: r.title, description: r.description, category_code: r.category, declared_category_code: null, channel: 'portal' as const, state: 'closed' as const, resolution: r.resolution, resolution_mode: 'offline' as const, resolved_at: new Date(), closed_at: new Date(), rating: 5, rated_at: new Date(), handler_org_id: c.financeDeptId, external_ref: null, submitted_by: null, on_behalf_cadre_id: null, dispatch_mode: 'dispatch' as const, handler_user_id: null, leader_cadre_id: null, service_id: null, offer_org_ids: null, contact_name: null, contact_phone: null, suggestion: null })))
    .execute();
});
afterAll(async () => t?.close());

describe('the routing suggestion', () => {
  it('is trained on request from resolved demands into a versioned model and suggests for each new demand', async () => {
    const queued = await c.dispatcher.post('/api/demands/router/train', {});
    expect(queued.statusCode).toBe(202);
    expect((await c.ent.post('/api/demands/router/train', {})).statusCode).toBe(403);
    await t.app.jobs.drain();
    const models = (await c.dispatcher.get('/api/demands/router/models')).json<{ items: { version: number; examples: number; labels: string[]; isCurrent: boolean; trigger: string }[] }>();
    expect(models.items[0]).toMatchObject({ version: 1, examples: 60, labels: ['financing', 'hiring', 'utilities'], isCurrent: true, trigger: 'manual' });

    const filed = await fileDemand(c.ent, { title: '新厂房用电增容', description: '新上生产线，需要供电公司尽快增容变压器，否则无法投产' });
    const seen = (await c.dispatcher.get(`/api/demands/${filed.id}`)).json<DemandDetail>();
    expect(seen.suggestion).toMatchObject({ source: 'model', modelVersion: 1, category: { code: 'utilities' }, department: { id: utilitiesDeptId } });
    expect(seen.suggestion!.alternatives).toHaveLength(3);
    expect(seen.suggestion!.alternatives[0].confidence).toBeGreaterThan(seen.suggestion!.alternatives[1].confidence);
    expect(seen.suggestion!.similar.length).toBeGreaterThan(0);
    expect(seen.suggestion!.similar[0]).toMatchObject({ category: { code: 'utilities' }, resolution: HISTORY.utilities.resolution });
    expect(seen.suggestedCategory).toMatchObject({ code: 'utilities' });
  });

  it('a keyword rule wins over the model; a new version is picked up by the next suggestion', async () => {
    const rule = await c.dispatcher.post('/api/demands/routing-rules', { keyword: '劳动仲裁', categoryCode: 'hiring', handlerOrgId: c.hrDeptId, note: '劳动争议一律转人社局' });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await c.financeStaff.post('/api/demands/routing-rules', { keyword: 'x', categoryCode: 'hiring' })).statusCode).toBe(403);
    const filed = await fileDemand(c.ent, { title: '员工申请劳动仲裁', description: '离职员工申请劳动仲裁要求赔偿，企业希望调解' });
    const seen = (await c.dispatcher.get(`/api/demands/${filed.id}`)).json<DemandDetail>();
    expect(seen.suggestion).toMatchObject({ source: 'rule', category: { code: 'hiring', confidence: 1 }, department: { id: c.hrDeptId }, rule: { keyword: '劳动仲裁' } });

    const second = await trainFromHistory(db, 'manual');
    expect(second).toMatchObject({ status: 'trained', version: 2 });
    const next = await fileDemand(c.ent, { title: '招聘数控技术工人', description: '扩产需要招聘二十名数控操作工' });
    expect((await c.dispatcher.get(`/api/demands/${next.id}`)).json<DemandDetail>().suggestion).toMatchObject({ modelVersion: 2, category: { code: 'hiring' } });
  });

  it('trains in a worker thread: the server answers and suggests from the previous model meanwhile, then stores the next version', async () => {
    let workerAnswered = false;
    let workerStarted!: () => void;
    const started = new Promise<void>((resolve) => (workerStarted = resolve));
    let store!: () => void;
    const storeAllowed = new Promise<void>((resolve) => (store = resolve));
    const training = trainFromHistory(db, 'manual', null, {
      onWorkerStarted: workerStarted,
      beforeStore: () => {
        workerAnswered = true;
        return storeAllowed;
      },
    });
    await started;
    // Training on the event loop would hold this request until it finished.
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(workerAnswered).toBe(false);
    // Until the new version is stored, suggestions come from the previous one.
    const during = await fileDemand(c.ent, { title: '申请贴息贷款', description: '企业订单增加急需流动资金，希望协调银行续贷' });
    expect((await c.dispatcher.get(`/api/demands/${during.id}`)).json<DemandDetail>().suggestion).toMatchObject({ source: 'model', modelVersion: 2, category: { code: 'financing' } });
    store();

    const outcome = await training;
    expect(outcome).toMatchObject({ status: 'trained', version: 3, examples: 60, labels: 3 });
    const stored = await db.selectFrom('router_models').where('version', '=', 3).select(['model', 'labels', 'trigger']).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ labels: ['financing', 'hiring', 'utilities'], trigger: 'manual' });
    expect(JSON.parse(stored.model)).toMatchObject({ format: 'dianxiaoer.router', labels: ['financing', 'hiring', 'utilities'], training: { examples: 60 } });
    const after = await fileDemand(c.ent, { title: '工厂用电容量不足', description: '新生产线投产需要电力增容' });
    expect((await c.dispatcher.get(`/api/demands/${after.id}`)).json<DemandDetail>().suggestion).toMatchObject({ modelVersion: 3, category: { code: 'utilities' } });
  });
});

describe('12345 hotline work orders', () => {
  it('are imported by the dispatcher with row errors, queued with suggestions, and only once', async () => {
    const enterprise = await db.selectFrom('enterprises').where('id', '=', c.enterprise.id).select('uscc').executeTakeFirstOrThrow();
    const csv = [
      '工单编号,统一社会信用代码,标题,诉求内容,诉求类别,紧急程度,联系人,联系电话,来电时间',
      `GD20261207001,${enterprise.uscc},厂区停电影响生产,"园区线路故障,已停电两天",水电气,紧急,王先生,13900000001,2026-12-07 09:30`,
      'GD20261207002,91500231MA5UXXXX0X,咨询贷款贴息,企业想了解贷款贴息政策,融资,一般,赵女士,13900000002,2026-12-07 10:00',
      `GD20261207003,${enterprise.uscc},,没有标题的工单,,,,,`,
    ].join('\r\n');
    const body = multipart({ kind: 'demands_12345' }, { name: '12345工单.csv', content: `\uFEFF${csv}` });
    const refused = await c.ent.request('POST', '/api/imports', body.payload, { headers: body.headers });
    expect(refused.statusCode).toBe(403);
    const created = await c.dispatcher.request('POST', '/api/imports', body.payload, { headers: body.headers });
    expect(created.statusCode, created.body).toBe(202);
    const batchId = created.json<{ id: number }>().id;
    await t.app.jobs.drain();
    const batch = (await c.dispatcher.get(`/api/imports/${batchId}`)).json();
    expect(batch).toMatchObject({ kind: 'demands_12345', source: 'hotline_12345', status: 'completed', processedRows: 3, insertedRows: 1, errorRows: 2 });
    const errors = (await c.dispatcher.get(`/api/imports/${batchId}/errors`)).json<{ items: { rowNo: number; column: string; code: string }[] }>();
    expect(errors.items.map((e) => [e.rowNo, e.column, e.code])).toEqual([
      [3, '统一社会信用代码', expect.stringMatching(/uscc_malformed|enterprise_not_found/)],
      [4, '标题', 'missing_value'],
    ]);
    const imported = await db.selectFrom('demands').where('channel', '=', 'hotline').selectAll().execute();
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ external_ref: 'GD20261207001', state: 'submitted', urgency: 'urgent', declared_category_code: 'utilities', enterprise_id: c.enterprise.id });
    expect(imported[0].suggestion).toMatchObject({ source: 'model', category: { code: 'utilities' } });
    // The enterprise sees the work order filed for it.
    expect((await c.ent.get(`/api/demands/${imported[0].id}`)).json<DemandDetail>()).toMatchObject({ channel: 'hotline', externalRef: 'GD20261207001' });

    const again = await c.dispatcher.request('POST', '/api/imports', body.payload, { headers: body.headers });
    await t.app.jobs.drain();
    expect((await c.dispatcher.get(`/api/imports/${again.json<{ id: number }>().id}`)).json()).toMatchObject({ insertedRows: 0, unchangedRows: 1, errorRows: 2 });
    expect(await db.selectFrom('demands').where('channel', '=', 'hotline').select('id').execute()).toHaveLength(1);

    // A dispatcher sees its own kind of batches only, not the registry's.
    const dataAdmin = await signIn(t.app, ['data_admin']);
    expect((await dataAdmin.get(`/api/imports/${batchId}`)).statusCode).toBe(200);
    const listed = (await c.dispatcher.get('/api/imports')).json<{ items: { kind: string }[] }>();
    expect(listed.items.every((b) => b.kind === 'demands_12345')).toBe(true);
  });
});
