import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { otherPublicNotices } from '../../src/server/modules/applications/applications.grant-routes.ts';
import * as applicationsRepo from '../../src/server/modules/applications/applications.repository.ts';
import * as autoGrantsRepo from '../../src/server/modules/auto-grants/auto-grants.repository.ts';
import { keysetBatches } from '../../src/server/platform/xlsx-export.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createApplication, signInApplicant, type Applicant } from '../factories/applications.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy, type CreatedPolicy, type DepartmentStaff } from '../factories/policies.ts';

type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let leader: Client;
/** Department A: one policy with three applications (one paid, one in notice, one just submitted). */
let policyA: CreatedPolicy;
let staffA: DepartmentStaff;
let secondA: DepartmentStaff;
/** Department B: one policy with one application, and a draft. */
let policyB: CreatedPolicy;
let staffB: DepartmentStaff;
let orgA: number;
let orgB: number;
let applicant: Applicant;
const ids: Record<string, number> = {};

/** Sets the submitted moment of an application (the county's date is what the period filter reads). */
const submittedOn = (id: number, shanghai: string) => sql`update applications set submitted_at = ${new Date(`${shanghai}+08:00`)} where id = ${id}`.execute(db);

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  leader = await signIn(t.app, ['leader']);
  policyA = await createPolicy(t.app);
  staffA = policyA.author;
  orgA = staffA.user.orgId;
  secondA = await signIn(t.app, ['department_staff'], orgA);
  policyB = await createPolicy(t.app);
  staffB = policyB.author;
  orgB = staffB.user.orgId;
  await createPolicy(t.app, { author: staffB, status: 'draft' });

  applicant = await signInApplicant(t.app);
  const paid = await createApplication(t.app, { policyId: policyA.id, applicant, state: 'notice_passed', reviewers: [staffA, secondA] });
  ids.paid = paid.id;
  const approved = (await staffA.get(`/api/applications/${paid.id}`)).json<{ approvedAmountFen: number }>().approvedAmountFen;
  const prepared = await staffA.post('/api/disbursements', { applicationId: paid.id, amountFen: approved });
  expect(prepared.statusCode, prepared.body).toBe(201);
  const approvedPayment = await secondA.post(`/api/disbursements/${prepared.json<{ id: number }>().id}/approve`, { paymentRef: 'PAY-A-1' });
  expect(approvedPayment.statusCode, approvedPayment.body).toBe(200);
  ids.notice = (await createApplication(t.app, { policyId: policyA.id, state: 'in_notice', reviewers: [staffA, secondA] })).id;
  ids.submittedA = (await createApplication(t.app, { policyId: policyA.id })).id;
  ids.submittedB = (await createApplication(t.app, { policyId: policyB.id, applicant })).id;
  await submittedOn(ids.paid, '2026-01-10T09:00:00');
  await submittedOn(ids.notice, '2026-02-28T23:30:00');
  await submittedOn(ids.submittedA, '2026-03-01T00:30:00');
  await submittedOn(ids.submittedB, '2026-02-15T10:00:00');

  // 免申即享: a grant of department A's policy with two items, one removed.
  const grant = await db.insertInto('auto_grants').values({ policy_id: policyA.id, policy_version_id: policyA.versionId, created_by: staffA.user.id }).returning('id').executeTakeFirstOrThrow();
  ids.grant = grant.id;
  const [e1, e2] = [await createManufacturer(db, 3000), await createManufacturer(db, 3000)];
  await db.insertInto('auto_grant_items').values([
    { auto_grant_id: grant.id, policy_id: policyA.id, enterprise_id: e1.id, amount_fen: 500_000 },
    { auto_grant_id: grant.id, policy_id: policyA.id, enterprise_id: e2.id, amount_fen: 700_000, status: 'removed', removed_reason: '已享受同类政策', removed_by: staffA.user.id, removed_at: new Date() },
  ]).execute();
});

afterAll(async () => {
  await t.close();
});

async function readSheet(res: { statusCode: number; body: string; headers: Record<string, unknown>; rawPayload: Buffer }) {
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** The header row's cells and the data rows below it (the row of `header` found first, for sheets with a caption). */
function table(ws: ExcelJS.Worksheet, first: string) {
  let headerRow = 1;
  while (headerRow <= ws.rowCount && ws.getRow(headerRow).getCell(1).value !== first) headerRow++;
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  return { headers, rows };
}

async function total(client: Client, path: string): Promise<number> {
  const res = await client.get(path);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number }>().total;
}

describe('applications: the county readers read the whole county, read-only', () => {
  it('the leader lists every department’s applications and filters by department, period and status', async () => {
    expect(await total(leader, '/api/applications')).toBe(4);
    expect(await total(leader, `/api/applications?orgId=${orgA}`)).toBe(3);
    expect(await total(leader, `/api/applications?orgId=${orgB}`)).toBe(1);
    // The period is of county dates: 23:30 on 28 Feb in Shanghai is 28 Feb, 00:30 on 1 Mar is 1 Mar.
    expect(await total(leader, '/api/applications?from=2026-02-01&to=2026-02-28')).toBe(2);
    expect(await total(leader, `/api/applications?orgId=${orgA}&from=2026-02-01&to=2026-02-28`)).toBe(1);
    expect(await total(leader, '/api/applications?from=2026-03-01&to=2026-03-01')).toBe(1);
    expect(await total(leader, '/api/applications?status=paid')).toBe(1);
    expect((await leader.get('/api/applications?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
    expect((await leader.get('/api/applications?from=2026-02-30')).statusCode).toBe(400);
    for (const roles of [['dispatcher'], ['admin']] as const) expect(await total(await signIn(t.app, [...roles]), '/api/applications')).toBe(4);
    for (const roles of [['cadre'], ['data_admin'], ['bank_staff']] as const) expect((await (await signIn(t.app, [...roles])).get('/api/applications')).statusCode).toBe(403);
  });

  it('the leader reads one application with no action and is refused every change; nothing changes', async () => {
    const detail = await leader.get(`/api/applications/${ids.submittedA}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<{ availableActions: string[] }>().availableActions).toEqual([]);
    const refusals = [
      await leader.post(`/api/applications/${ids.submittedA}/accept`),
      await leader.post(`/api/applications/${ids.submittedA}/reject`, { reason: '不符合' }),
      await leader.post(`/api/applications/${ids.notice}/object`, { reason: '有异议' }),
      await leader.post(`/api/applications/${ids.submittedA}/withdraw`),
    ];
    for (const res of refusals) expect(res.statusCode, res.body).toBe(403);
    const statuses = await db.selectFrom('applications').where('id', 'in', [ids.submittedA, ids.notice]).select(['id', 'status']).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual(['in_notice', 'submitted']);
    const exported = await readSheet(await leader.get(`/api/applications/export.xlsx?orgId=${orgA}`));
    expect(table(exported, '申报编号').rows).toHaveLength(3);
  });

  it('department staff still see only their own department, and are refused another’s', async () => {
    expect(await total(staffA, '/api/applications')).toBe(3);
    expect(await total(staffB, '/api/applications')).toBe(1);
    expect(await total(staffA, `/api/applications?orgId=${orgA}`)).toBe(3);
    expect((await staffA.get(`/api/applications?orgId=${orgB}`)).statusCode).toBe(403);
    expect((await staffA.get(`/api/applications/export.xlsx?orgId=${orgB}`)).statusCode).toBe(403);
    expect((await staffB.get(`/api/applications/${ids.submittedA}`)).statusCode).toBe(403);
  });
});

describe('exports of the policy lists', () => {
  it('applications: Chinese headers, the list’s total for the same filters, each side its own', async () => {
    // 申报编号 is the official number (经信申〔2026〕0001号).
    const numbered = await db.selectFrom('applications').select(['id', 'number']).execute();
    const numberOf = new Map(numbered.map((a) => [a.id, a.number]));
    const nums = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, numberOf.get(id as number)!])) as Record<keyof typeof ids, string>;
    const leaderSheet = table(await readSheet(await leader.get('/api/applications/export.xlsx?from=2026-02-01&to=2026-02-28')), '申报编号');
    expect(leaderSheet.headers).toEqual(expect.arrayContaining(['申报编号', '政策名称', '主管部门', '企业名称', '统一社会信用代码', '状态', '申报时间', '核定金额（元）']));
    expect(leaderSheet.rows).toHaveLength(await total(leader, '/api/applications?from=2026-02-01&to=2026-02-28'));
    expect(leaderSheet.rows.map((r) => r['申报编号']).sort()).toEqual([nums.notice, nums.submittedB].sort());
    expect(leaderSheet.rows.find((r) => r['申报编号'] === nums.notice)!['状态']).toBe('公示中');
    expect(leaderSheet.rows.find((r) => r['申报编号'] === nums.notice)!['申报时间']).toBe('2026-02-28 23:30');

    const staffSheet = table(await readSheet(await staffA.get('/api/applications/export.xlsx')), '申报编号');
    expect(staffSheet.rows).toHaveLength(await total(staffA, '/api/applications'));
    expect(staffSheet.rows.map((r) => r['申报编号'])).not.toContain(nums.submittedB);
    const paidRow = staffSheet.rows.find((r) => r['申报编号'] === nums.paid)!;
    expect(paidRow['状态']).toBe('已兑付');
    expect(typeof paidRow['核定金额（元）']).toBe('number');
    expect(table(await readSheet(await staffA.get('/api/applications/export.xlsx?status=submitted')), '申报编号').rows.map((r) => r['申报编号'])).toEqual([nums.submittedA]);

    // The enterprise: its own two applications (of two departments), nobody else's.
    const own = table(await readSheet(await applicant.get('/api/applications/export.xlsx')), '申报编号');
    expect(own.rows.map((r) => r['申报编号']).sort()).toEqual([nums.paid, nums.submittedB].sort());
    expect(own.rows).toHaveLength(await total(applicant, '/api/applications'));

    expect((await (await signIn(t.app, ['cadre'])).get('/api/applications/export.xlsx')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/applications/export.xlsx')).statusCode).toBe(401);
  });

  it('public notices: every signed-in user, the list’s total', async () => {
    const sheet = table(await readSheet(await applicant.get('/api/public-notices/export.xlsx')), '类别');
    expect(sheet.headers).toEqual(expect.arrayContaining(['政策名称', '企业名称', '兑现金额（元）', '公示截止']));
    expect(sheet.rows).toHaveLength(await total(applicant, '/api/public-notices'));
    expect(sheet.rows.map((r) => r['编号'])).toContain(ids.notice);
    const filtered = table(await readSheet(await leader.get(`/api/public-notices/export.xlsx?policyId=${policyB.id}`)), '类别');
    expect(filtered.rows).toHaveLength(0);
  });

  it('payments: a department its own policies’, an enterprise those paid to it', async () => {
    const sheet = table(await readSheet(await staffA.get('/api/disbursements/export.xlsx?status=paid')), '兑付编号');
    expect(sheet.headers).toEqual(expect.arrayContaining(['企业名称', '兑付金额（元）', '经办人', '复核人', '支付凭证号']));
    expect(sheet.rows).toHaveLength(await total(staffA, '/api/disbursements?status=paid'));
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]['支付凭证号']).toBe('PAY-A-1');
    expect(sheet.rows[0]['状态']).toBe('已兑付');
    expect(table(await readSheet(await staffB.get('/api/disbursements/export.xlsx')), '兑付编号').rows).toHaveLength(0);
    expect(table(await readSheet(await applicant.get('/api/disbursements/export.xlsx')), '兑付编号').rows).toHaveLength(1);
    const stranger = await signInApplicant(t.app);
    expect(table(await readSheet(await stranger.get('/api/disbursements/export.xlsx')), '兑付编号').rows).toHaveLength(0);
    expect((await leader.get('/api/disbursements/export.xlsx')).statusCode).toBe(403);
  });

  it('免申即享: the department’s grants and one grant’s items; another department is refused', async () => {
    const grants = table(await readSheet(await staffA.get('/api/auto-grants/export.xlsx')), '批次编号');
    expect(grants.rows).toHaveLength(await total(staffA, '/api/auto-grants'));
    expect(grants.rows[0]).toMatchObject({ 批次编号: ids.grant, 状态: '待确认', '纳入企业（户）': 1, '剔除企业（户）': 1, '拟兑现金额（元）': 5000 });
    expect(table(await readSheet(await staffB.get('/api/auto-grants/export.xlsx')), '批次编号').rows).toHaveLength(0);

    const items = table(await readSheet(await staffA.get(`/api/auto-grants/${ids.grant}/export.xlsx`)), '序号');
    expect(items.headers).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '兑现金额（元）', '剔除原因']));
    expect(items.rows).toHaveLength((await staffA.get(`/api/auto-grants/${ids.grant}`)).json<{ items: { total: number } }>().items.total);
    expect(items.rows.map((r) => r['剔除原因'])).toContain('已享受同类政策');
    const removed = table(await readSheet(await staffA.get(`/api/auto-grants/${ids.grant}/export.xlsx?itemStatus=removed`)), '序号');
    expect(removed.rows).toHaveLength(1);
    expect((await staffB.get(`/api/auto-grants/${ids.grant}/export.xlsx`)).statusCode).toBe(403);
    expect((await leader.get('/api/auto-grants/export.xlsx')).statusCode).toBe(403);
    expect((await staffA.get('/api/auto-grants/999999/export.xlsx')).statusCode).toBe(404);
  });

  it('policies: what the list shows each caller, drafts only to their department', async () => {
    const own = table(await readSheet(await staffB.get(`/api/policies/export.xlsx?department=${orgB}`)), '政策编号');
    expect(own.headers).toEqual(expect.arrayContaining(['政策名称', '主管部门', '状态', '免申即享', '有效期起']));
    expect(own.rows).toHaveLength(await total(staffB, `/api/policies?department=${orgB}`));
    expect(own.rows.map((r) => r['状态']).sort()).toEqual(['已发布', '草稿']);
    const other = table(await readSheet(await staffA.get(`/api/policies/export.xlsx?department=${orgB}`)), '政策编号');
    expect(other.rows).toHaveLength(await total(staffA, `/api/policies?department=${orgB}`));
    expect(other.rows.map((r) => r['状态'])).toEqual(['已发布']);
    const enterprise = table(await readSheet(await applicant.get('/api/policies/export.xlsx')), '政策编号');
    expect(enterprise.rows).toHaveLength(await total(applicant, '/api/policies'));
    expect(enterprise.rows.map((r) => r['状态'])).not.toContain('草稿');
  });

  it('the keyset batches read every row once, whatever the batch size', async () => {
    const all = async <Row, Key>(fetch: (after: Key | null, limit: number) => Promise<readonly Row[]>, key: (r: Row) => Key, size: number) => {
      const rows: Row[] = [];
      for await (const batch of keysetBatches(fetch, key, size)) rows.push(...batch);
      return rows;
    };
    const now = new Date();
    // The grant's included item in 公示 too: notices of two kinds, keyed by (kind, id).
    await db.updateTable('auto_grants').set({ status: 'in_notice', confirmed_by: staffA.user.id, confirmed_at: now, notice_until: new Date(now.getTime() + 86_400_000) }).where('id', '=', ids.grant).execute();
    const listed = await total(leader, '/api/public-notices');
    expect(listed).toBeGreaterThanOrEqual(2);
    for (const size of [1, 2, 1000]) {
      const applications = await all((after: number | null, limit) => applicationsRepo.findApplicationBatch(db, { kind: 'county' }, {}, now, after, limit), (r) => r.id, size);
      expect(applications.map((r) => r.id)).toEqual([ids.paid, ids.notice, ids.submittedA, ids.submittedB].sort((a, b) => a - b));
      const notices = await all((after: { kind: string; id: number } | null, limit) => applicationsRepo.findPublicNoticeBatch(db, {}, now, otherPublicNotices(now), after, limit), (r) => ({ kind: r.kind, id: r.id }), size);
      expect(notices).toHaveLength(listed);
      expect(new Set(notices.map((r) => `${r.kind}:${r.id}`)).size).toBe(listed);
      expect(new Set(notices.map((r) => r.kind))).toEqual(new Set(['application', 'auto_grant']));
      const items = await all((after: number | null, limit) => autoGrantsRepo.findItemBatch(db, ids.grant, {}, after, limit), (r) => r.id, size);
      expect(items).toHaveLength(2);
    }
  });

  it('every export is in the OpenAPI document as an XLSX download', async () => {
    const spec = (await leader.get('/api/openapi.json')).json<{ paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>();
    for (const path of ['/api/policies/export.xlsx', '/api/applications/export.xlsx', '/api/public-notices/export.xlsx', '/api/disbursements/export.xlsx', '/api/auto-grants/export.xlsx', '/api/auto-grants/{id}/export.xlsx']) {
      expect(Object.keys(spec.paths[path]?.get?.responses['200']?.content ?? {}), path).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
  });

  it('every export is audited with its list and filters', async () => {
    const audited = await db.selectFrom('audit_log').where('action', '=', 'report.export').select(['target_id', 'details']).execute();
    const lists = new Set(audited.map((a) => a.target_id));
    for (const list of ['applications', 'public-notices', 'disbursements', 'auto-grants', `auto-grants/${ids.grant}`, 'policies']) expect(lists).toContain(list);
  });
});
