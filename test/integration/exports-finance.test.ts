/**
 * The XLSX exports of the finance, cadre and audit lists: each is a workbook with Chinese headers whose rows
 * are the list's rows for the same filters (its `total`), and each refuses whoever the list refuses — a bank
 * sees only its own leads and loans, a cadre only their own visits and firms.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createCadre } from '../factories/demands.ts';
import { createEnterprise, signIn, TEST_TOWNS, type CreatedEnterprise } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';
import { createBank, createLoanRecord, createProduct, signInFinanceOffice } from '../factories/risk-pools.ts';

type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let office: Client;
let leader: Client;
let bankA: Client;
let bankB: Client;
let dept: Client;
let cadre: Client;
let auditor: Client;
let bankAId: number;
let bankBId: number;
let cadreId: number;
let otherCadreId: number;
const firms: CreatedEnterprise[] = [];
const WAN = 1_000_000;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  office = await signInFinanceOffice(t.app);
  leader = await signIn(t.app, ['leader']);
  auditor = await signIn(t.app, ['auditor']);
  bankAId = await createBank(db, '导出测试银行甲');
  bankBId = await createBank(db, '导出测试银行乙');
  bankA = await signIn(t.app, ['bank_staff'], bankAId);
  bankB = await signIn(t.app, ['bank_staff'], bankBId);
  for (let i = 0; i < 5; i++) firms.push(await createEnterprise(db, { townCode: TEST_TOWNS[i % 2].code, recompute: false }));
  const productA = await createProduct(db, bankAId);
  const productB = await createProduct(db, bankBId);
  const [e1, e2, e3, e4, e5] = firms;
  await createLoanRecord(db, { productId: productA, enterpriseId: e1.id, status: 'disbursed', amountFen: 100 * WAN, loan: { disbursedOn: '2026-02-01', isFirstLoan: true } });
  await createLoanRecord(db, { productId: productA, enterpriseId: e2.id, status: 'refused', amountFen: 50 * WAN });
  await createLoanRecord(db, { productId: productA, enterpriseId: e3.id, status: 'submitted', amountFen: 30 * WAN });
  await createLoanRecord(db, { productId: productB, enterpriseId: e4.id, status: 'disbursed', amountFen: 80 * WAN, loan: { disbursedOn: '2026-03-01', isFirstLoan: false } });
  await createLoanRecord(db, { productId: productB, enterpriseId: e5.id, status: 'disbursed', amountFen: 60 * WAN, loan: { disbursedOn: '2026-03-15', isFirstLoan: true } });

  // Cadres: the signed-in cadre looks after e1 and e2 and visited them; another cadre e3, visited once.
  const unit = await createOrg(db, 'department', '导出测试单位');
  dept = await signIn(t.app, ['department_staff'], unit);
  cadre = await signIn(t.app, ['cadre'], unit);
  cadreId = await createCadre(db, { orgId: unit, position: '科长', userId: cadre.user.id, townCode: TEST_TOWNS[0].code });
  otherCadreId = await createCadre(db, { orgId: unit, position: '副科长', townCode: TEST_TOWNS[1].code });
  await db.updateTable('cadres').set({ phone: '13812345678' }).where('id', 'in', [cadreId, otherCadreId]).execute();
  const link = (c: number, e: number) => db.insertInto('cadre_links').values({ cadre_id: c, enterprise_id: e, linked_on: '2025-06-01' }).execute();
  await link(cadreId, e1.id);
  await link(cadreId, e2.id);
  await link(otherCadreId, e3.id);
  const visit = (c: number, e: number, on: string) => db.insertInto('visits').values({ cadre_id: c, enterprise_id: e, visited_on: on, people_met: '总经理', findings: '生产经营正常，订单充足' }).execute();
  await visit(cadreId, e1.id, '2026-01-10');
  await visit(cadreId, e2.id, '2026-02-10');
  await visit(otherCadreId, e3.id, '2026-02-11');
});

afterAll(async () => {
  await t.close();
});

/** The sheet's header (the first row of more than one cell: captions are one cell) and the data rows under it. */
async function table(res: LightMyRequestResponse, sheetIndex = 0) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = workbook.worksheets[sheetIndex];
  let headerRow = 1;
  while (headerRow <= ws.rowCount && ws.getRow(headerRow).cellCount < 2) headerRow++;
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  }
  return { headers, rows, name: ws.name };
}

const totalOf = async (client: Client, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number }>().total;
};

describe('leads and loans', () => {
  it('a bank exports its own leads only, the rows of its list; the finance office all', async () => {
    const own = await table(await bankA.get('/api/finance/applications/export.xlsx'));
    expect(own.headers).toEqual(expect.arrayContaining(['申请编号', '企业名称', '统一社会信用代码', '贷款银行', '申请金额（元）', '状态']));
    expect(own.rows).toHaveLength(await totalOf(bankA, '/api/finance/applications'));
    expect(own.rows).toHaveLength(3);
    expect(new Set(own.rows.map((r) => r['贷款银行']))).toEqual(new Set(['导出测试银行甲']));
    expect(own.rows.find((r) => r['状态'] === '未获批准')?.['申请金额（元）']).toBe(500_000);

    const refused = await table(await bankA.get('/api/finance/applications/export.xlsx?status=refused'));
    expect(refused.rows).toHaveLength(await totalOf(bankA, '/api/finance/applications?status=refused'));
    expect(refused.rows).toHaveLength(1);
    // Asking for another bank's leads gives none, as the list does.
    const other = await table(await bankA.get(`/api/finance/applications/export.xlsx?bankOrgId=${bankBId}`));
    expect(other.rows).toHaveLength(0);
    expect(await totalOf(bankA, `/api/finance/applications?bankOrgId=${bankBId}`)).toBe(0);

    const all = await table(await office.get('/api/finance/applications/export.xlsx'));
    expect(all.rows).toHaveLength(await totalOf(office, '/api/finance/applications'));
    expect(all.rows).toHaveLength(5);
    expect((await dept.get('/api/finance/applications/export.xlsx')).statusCode).toBe(403);
    expect((await cadre.get('/api/finance/applications/export.xlsx')).statusCode).toBe(403);
    expect((await bankA.get('/api/finance/applications/export.xlsx?status=nonsense')).statusCode).toBe(400);
  });

  it('the leader and the finance office read every bank’s loans, filtered by first loan; a bank only its own', async () => {
    expect(await totalOf(leader, '/api/finance/loans')).toBe(3);
    expect(await totalOf(office, '/api/finance/loans')).toBe(3);
    expect(await totalOf(bankA, '/api/finance/loans')).toBe(1);
    expect(await totalOf(bankA, `/api/finance/loans?bankOrgId=${bankBId}`)).toBe(0);
    expect(await totalOf(leader, '/api/finance/loans?firstLoan=true')).toBe(2);
    expect(await totalOf(leader, `/api/finance/loans?firstLoan=true&bankOrgId=${bankBId}&disbursedFrom=2026-03-01&disbursedTo=2026-03-31`)).toBe(1);

    const first = await table(await leader.get('/api/finance/loans/export.xlsx?firstLoan=true'));
    expect(first.rows).toHaveLength(2);
    expect(first.rows.every((r) => r['首贷'] === '是')).toBe(true);
    const notFirst = await table(await office.get('/api/finance/loans/export.xlsx?firstLoan=false'));
    expect(notFirst.rows).toHaveLength(await totalOf(office, '/api/finance/loans?firstLoan=false'));
    expect(notFirst.rows.map((r) => r['贷款银行'])).toEqual(['导出测试银行乙']);
    const own = await table(await bankB.get('/api/finance/loans/export.xlsx'));
    expect(own.rows).toHaveLength(await totalOf(bankB, '/api/finance/loans'));
    expect((await bankA.get(`/api/finance/loans/export.xlsx?bankOrgId=${bankBId}`)).statusCode).toBe(403);
    // The cockpit's scope: the borrowers' town and 门类 narrow the list and its export alike.
    const town = TEST_TOWNS[0].code;
    const inTown = await totalOf(leader, `/api/finance/loans?town=${town}`);
    expect(inTown).toBe(2); // e1 and e5 (the first town); e4's loan is in the second
    expect((await table(await leader.get(`/api/finance/loans/export.xlsx?town=${town}`))).rows).toHaveLength(inTown);
    expect(await totalOf(leader, '/api/finance/loans?industry=C')).toBe(3);
    expect(await totalOf(leader, '/api/finance/loans?industry=I')).toBe(0);
    expect((await leader.get('/api/finance/loans?industry=manufacturing')).statusCode).toBe(400);
    expect((await dept.get('/api/finance/loans')).statusCode).toBe(403);
    expect((await dept.get('/api/finance/loans/export.xlsx')).statusCode).toBe(403);
  });

  it('products: a bank exports what its list shows', async () => {
    const own = await table(await bankA.get(`/api/finance/products/export.xlsx?bankOrgId=${bankAId}`));
    expect(own.headers).toEqual(expect.arrayContaining(['产品代码', '银行', '产品名称', '上架版本']));
    expect(own.rows).toHaveLength(await totalOf(bankA, `/api/finance/products?bankOrgId=${bankAId}`));
    expect(own.rows).toHaveLength(1);
    const all = await table(await office.get('/api/finance/products/export.xlsx'));
    expect(all.rows).toHaveLength(await totalOf(office, '/api/finance/products'));
  });
});

describe('finance KPIs', () => {
  it('the KPI tables of the same filters as the page; a bank only its own', async () => {
    const res = await office.get('/api/finance/kpis/export.xlsx?from=2026-01-01&to=2026-03-31');
    const overview = await table(res, 0);
    const figures = (await office.get('/api/finance/kpis?from=2026-01-01&to=2026-03-31')).json<{ loans: number; amountLentFen: number }>();
    const value = (label: string) => overview.rows.find((r) => r['指标'] === label)?.['数值'];
    expect(value('发放贷款（笔）')).toBe(figures.loans);
    expect(value('发放贷款（笔）')).toBe(3);
    expect(value('贷款金额（元）')).toBe(figures.amountLentFen / 100);
    const byBank = await table(res, 2);
    expect(byBank.name).toBe('贷款投放（银行）');
    expect(byBank.rows.map((r) => r['银行']).sort()).toEqual(['导出测试银行乙', '导出测试银行甲'].sort());
    const own = await table(await bankA.get('/api/finance/kpis/export.xlsx?from=2026-01-01&to=2026-03-31'), 0);
    expect(own.rows.find((r) => r['指标'] === '发放贷款（笔）')?.['数值']).toBe(1);
    expect((await bankA.get(`/api/finance/kpis/export.xlsx?bank=${bankBId}`)).statusCode).toBe(403);
    expect((await leader.get('/api/finance/kpis/export.xlsx')).statusCode).toBe(403);
  });
});

describe('programmes, whitelist, pools', () => {
  let programId: number;
  let poolId: number;

  beforeAll(async () => {
    const jrb = (await db.selectFrom('organizations').where('code', '=', 'jrb').select('id').executeTakeFirstOrThrow()).id;
    programId = (
      await db
        .insertInto('loan_programs')
        .values({ code: 'EXPORT-1', name: '导出测试贷', department_org_id: jrb, rule: JSON.stringify({ all: [] }), quota_fen: 1000 * WAN, pool_id: null, status: 'pushed', pushed_at: new Date(), generation_error: null, pushed_by: null, created_by: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('loan_program_banks').values({ program_id: programId, bank_org_id: bankAId }).execute();
    for (const [i, firm] of firms.entries()) {
      await db.insertInto('loan_program_whitelist').values({ program_id: programId, enterprise_id: firm.id, status: i < 2 ? 'pushed' : 'listed', pushed_at: i < 2 ? new Date() : null }).execute();
    }
    const policyId = (await createPolicy(t.app, { author: office, body: { title: '风险补偿资金管理办法（导出测试）' } })).id;
    const pool = await office.post('/api/finance/risk-pools', { code: 'EXPORT-POOL', name: '导出测试资金池', policyId, leverage: 10, bankShareBp: 3000, governmentShareBp: 7000, bankOrgIds: [bankAId] });
    expect(pool.statusCode, pool.body).toBe(201);
    poolId = pool.json<{ id: number }>().id;
    for (const day of ['2026-01-05', '2026-02-05']) {
      expect((await office.post(`/api/finance/risk-pools/${poolId}/contributions`, { source: 'county', amountFen: 100 * WAN, contributedOn: day })).statusCode).toBe(201);
    }
  });

  it('the whitelist: the finance office every row, a member bank the pushed ones, another bank nothing', async () => {
    const all = await table(await office.get(`/api/finance/programs/${programId}/whitelist/export.xlsx`));
    expect(all.headers).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '转化环节']));
    expect(all.rows).toHaveLength(await totalOf(office, `/api/finance/programs/${programId}/whitelist`));
    expect(all.rows).toHaveLength(5);
    const pushed = await table(await office.get(`/api/finance/programs/${programId}/whitelist/export.xlsx?status=pushed`));
    expect(pushed.rows).toHaveLength(2);
    const q = firms[3].name;
    const searched = await table(await office.get(`/api/finance/programs/${programId}/whitelist/export.xlsx?q=${encodeURIComponent(q)}`));
    expect(searched.rows.map((r) => r['企业名称'])).toEqual([q]);
    const member = await table(await bankA.get(`/api/finance/programs/${programId}/whitelist/export.xlsx`));
    expect(member.rows).toHaveLength(await totalOf(bankA, `/api/finance/programs/${programId}/whitelist`));
    expect(member.rows).toHaveLength(2);
    expect((await bankB.get(`/api/finance/programs/${programId}/whitelist/export.xlsx`)).statusCode).toBe(404);
    expect((await office.get('/api/finance/programs/999999/whitelist/export.xlsx')).statusCode).toBe(404);
    const programs = await table(await office.get('/api/finance/programs/export.xlsx'));
    expect(programs.rows.map((r) => r['项目名称'])).toEqual(['导出测试贷']);
    expect((await bankB.get('/api/finance/programs/export.xlsx').then(table)).rows).toHaveLength(0);
  });

  it('a pool’s ledger: the finance office; member banks and others are refused', async () => {
    const ledger = await table(await office.get(`/api/finance/risk-pools/${poolId}/ledger/export.xlsx`));
    expect(ledger.headers).toEqual(expect.arrayContaining(['记账时间', '借方科目', '贷方科目', '金额（元）']));
    const detail = (await office.get(`/api/finance/risk-pools/${poolId}`)).json<{ ledger: { total: number } }>();
    expect(ledger.rows).toHaveLength(detail.ledger.total);
    expect(ledger.rows).toHaveLength(2);
    expect(ledger.rows.map((r) => r['类型'])).toEqual(['注资', '注资']);
    expect(ledger.rows.map((r) => r['金额（元）'])).toEqual([1_000_000, 1_000_000]);
    expect((await bankA.get(`/api/finance/risk-pools/${poolId}/ledger/export.xlsx`)).statusCode).toBe(403);
    expect((await bankB.get(`/api/finance/risk-pools/${poolId}/ledger/export.xlsx`)).statusCode).toBe(404);
    expect((await dept.get(`/api/finance/risk-pools/${poolId}/ledger/export.xlsx`)).statusCode).toBe(403);
    const claims = await table(await bankA.get('/api/finance/risk-pools/claims/export.xlsx'));
    expect(claims.headers).toContain('申请代偿（元）');
    expect(claims.rows).toHaveLength(await totalOf(bankA, '/api/finance/risk-pools/claims'));
  });
});

describe('cadres, visits, 我的企业', () => {
  it('the roster: government staff, phones masked as in the list; a cadre is refused', async () => {
    const roster = await table(await dept.get('/api/cadres/export.xlsx'));
    expect(roster.headers).toEqual(expect.arrayContaining(['姓名', '职务', '单位', '联系电话', '走访覆盖率（%）']));
    expect(roster.rows).toHaveLength(await totalOf(dept, '/api/cadres'));
    expect(roster.rows.map((r) => r['联系电话'])).toEqual(['138****5678', '138****5678']);
    const town = await table(await dept.get(`/api/cadres/export.xlsx?town=${TEST_TOWNS[1].code}`));
    expect(town.rows).toHaveLength(await totalOf(dept, `/api/cadres?town=${TEST_TOWNS[1].code}`));
    expect(town.rows).toHaveLength(1);
    expect((await cadre.get('/api/cadres/export.xlsx')).statusCode).toBe(403);
    expect((await bankA.get('/api/cadres/export.xlsx')).statusCode).toBe(403);
  });

  it('visits: government staff all (with the list’s filters), a cadre their own only', async () => {
    const all = await table(await dept.get('/api/visits/export.xlsx'));
    expect(all.headers).toEqual(expect.arrayContaining(['走访日期', '干部', '企业名称', '走访情况']));
    expect(all.rows).toHaveLength(await totalOf(dept, '/api/visits'));
    expect(all.rows).toHaveLength(3);
    const feb = await table(await dept.get('/api/visits/export.xlsx?from=2026-02-01&to=2026-02-28'));
    expect(feb.rows).toHaveLength(await totalOf(dept, '/api/visits?from=2026-02-01&to=2026-02-28'));
    expect(feb.rows).toHaveLength(2);
    const own = await table(await cadre.get('/api/visits/export.xlsx'));
    expect(own.rows).toHaveLength(await totalOf(cadre, '/api/visits'));
    expect(own.rows).toHaveLength(2);
    expect((await cadre.get(`/api/visits/export.xlsx?cadreId=${otherCadreId}`)).statusCode).toBe(403);
    expect((await bankA.get('/api/visits/export.xlsx')).statusCode).toBe(403);

    // More visits than one keyset batch (1,000): every row once, none twice.
    const many = Array.from({ length: 1_000 }, (_, i) => ({ cadre_id: otherCadreId, enterprise_id: firms[2].id, visited_on: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`, people_met: '财务', findings: `第 ${i + 1} 次走访` }));
    await db.insertInto('visits').values(many).execute();
    const long = await table(await dept.get(`/api/visits/export.xlsx?cadreId=${otherCadreId}`));
    expect(long.rows).toHaveLength(await totalOf(dept, `/api/visits?cadreId=${otherCadreId}`));
    expect(long.rows).toHaveLength(1_001);
    expect(new Set(long.rows.map((r) => r['走访编号'])).size).toBe(1_001);
  });

  it('我的企业: the cadre’s current firms only', async () => {
    const mine = await table(await cadre.get('/api/me/cadre/enterprises/export.xlsx'));
    expect(mine.headers).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '未办结诉求（件）', '贷款余额（元）']));
    const list = (await cadre.get('/api/me/cadre/enterprises')).json<{ items: { uscc: string }[] }>();
    expect(mine.rows.map((r) => r['统一社会信用代码']).sort()).toEqual(list.items.map((e) => e.uscc).sort());
    expect(mine.rows).toHaveLength(2);
    expect((await dept.get('/api/me/cadre/enterprises/export.xlsx')).statusCode).toBe(403);
  });
});

describe('administration lists and received consents', () => {
  it('the administrator exports users and organisations with the lists’ filters; nobody else', async () => {
    const admin = await signIn(t.app, ['admin']);
    const users = await table(await admin.get('/api/admin/users/export.xlsx?role=bank_staff'));
    expect(users.headers).toEqual(expect.arrayContaining(['用户名', '姓名', '角色', '所属机构']));
    expect(users.rows).toHaveLength(await totalOf(admin, '/api/admin/users?role=bank_staff'));
    expect(users.rows).toHaveLength(2);
    expect(users.rows.every((r) => String(r['角色']).includes('银行工作人员'))).toBe(true);
    expect(users.headers.some((h) => /密码|password/i.test(h))).toBe(false);
    const banks = await table(await admin.get('/api/admin/orgs/export.xlsx?type=bank'));
    expect(banks.rows).toHaveLength(await totalOf(admin, '/api/admin/orgs?type=bank'));
    expect(banks.rows.map((r) => r['机构名称'])).toEqual(expect.arrayContaining(['导出测试银行甲', '导出测试银行乙']));
    for (const client of [auditor, office, leader]) {
      expect((await client.get('/api/admin/users/export.xlsx')).statusCode).toBe(403);
      expect((await client.get('/api/admin/orgs/export.xlsx')).statusCode).toBe(403);
    }
  });

  it('data administrators export imports and disputes; a bank its received consents only', async () => {
    const dataAdmin = await signIn(t.app, ['data_admin']);
    const imports = await table(await dataAdmin.get('/api/imports/export.xlsx'));
    expect(imports.headers).toEqual(expect.arrayContaining(['批次编号', '导入类型', '状态', '错误行']));
    expect(imports.rows).toHaveLength(await totalOf(dataAdmin, '/api/imports'));
    const disputes = await table(await dataAdmin.get('/api/disputes/export.xlsx?status=open'));
    expect(disputes.headers).toEqual(expect.arrayContaining(['企业名称', '指标', '企业主张值', '状态']));
    expect(disputes.rows).toHaveLength(await totalOf(dataAdmin, '/api/disputes?status=open'));
    expect((await bankA.get('/api/imports/export.xlsx')).statusCode).toBe(403);
    expect((await dept.get('/api/disputes/export.xlsx')).statusCode).toBe(403);

    // Consents: bank A received one from e1, bank B one from e2.
    const consent = (grantee: number, enterpriseId: number) =>
      db
        .insertInto('consents')
        .values({ enterprise_id: enterpriseId, grantee_org_id: grantee, categories: ['tax', 'operations'], purpose: '贷款', valid_from: new Date(Date.now() - 86_400_000), valid_until: new Date(Date.now() + 30 * 86_400_000), revoked_at: null, revoked_by: null, created_by: office.user.id })
        .execute();
    await consent(bankAId, firms[0].id);
    await consent(bankBId, firms[1].id);
    const received = await table(await bankA.get('/api/consents/received/export.xlsx'));
    expect(received.headers).toEqual(expect.arrayContaining(['企业名称', '数据类别', '用途', '状态']));
    expect(received.rows).toHaveLength(await totalOf(bankA, '/api/consents/received'));
    expect(received.rows.map((r) => r['企业名称'])).toEqual([firms[0].name]);
    expect(received.rows[0]['数据类别']).toContain('、');
    expect((await dept.get('/api/consents/received/export.xlsx')).statusCode).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('documents every export of these lists as an XLSX download', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>();
    for (const path of [
      '/api/finance/applications/export.xlsx',
      '/api/finance/products/export.xlsx',
      '/api/finance/programs/export.xlsx',
      '/api/finance/programs/{id}/whitelist/export.xlsx',
      '/api/finance/risk-pools/{id}/ledger/export.xlsx',
      '/api/finance/risk-pools/claims/export.xlsx',
      '/api/cadres/export.xlsx',
      '/api/visits/export.xlsx',
      '/api/me/cadre/enterprises/export.xlsx',
      '/api/audit/export.xlsx',
      '/api/admin/users/export.xlsx',
      '/api/admin/orgs/export.xlsx',
      '/api/imports/export.xlsx',
      '/api/disputes/export.xlsx',
      '/api/consents/received/export.xlsx',
      '/api/finance/kpis/export.xlsx',
    ]) {
      expect(spec.paths[path]?.get?.responses, path).toHaveProperty('200');
    }
  });
});

describe('audit log', () => {
  it('the auditor exports the search’s rows; nobody else; every export is itself audited', async () => {
    const logins = await table(await auditor.get('/api/audit/export.xlsx?action=auth.login'));
    expect(logins.headers).toEqual(expect.arrayContaining(['时间', '操作人', '操作', '结果']));
    expect(logins.rows).toHaveLength(await totalOf(auditor, '/api/audit?action=auth.login'));
    expect(logins.rows.length).toBeGreaterThanOrEqual(7);
    expect(logins.rows.every((r) => r['操作'] === 'auth.login')).toBe(true);
    const mine = await table(await auditor.get(`/api/audit/export.xlsx?actor=${cadre.user.username}`));
    expect(mine.rows).toHaveLength(await totalOf(auditor, `/api/audit?actor=${cadre.user.username}`));
    for (const client of [office, leader, dept, bankA]) expect((await client.get('/api/audit/export.xlsx')).statusCode).toBe(403);
    const exports = await db.selectFrom('audit_log').where('action', '=', 'report.export').select('target_id').execute();
    expect(exports.map((e) => e.target_id)).toEqual(expect.arrayContaining(['loan-applications', 'visits', 'cadres', 'audit-log', 'risk-pool-ledger', 'loan-program-whitelist']));
  });
});
