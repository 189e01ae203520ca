import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createCadre } from '../factories/demands.ts';
import { createEnterprise, nextUscc, signIn, TEST_TOWNS, type CreatedEnterprise } from '../factories/enterprises.ts';
import { createPolicy, policyBody } from '../factories/policies.ts';
import { createBank, createLoanRecord, createProduct } from '../factories/risk-pools.ts';
import { createOrg } from '../factories/accounts.ts';

type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let leader: Client;
const firms: CreatedEnterprise[] = [];
const [GUIYANG, XINMIN] = TEST_TOWNS.map((town) => town.code);
const FROM = '2026-01-01';
const TO = '2026-03-31';
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

/**
 * The test county: six firms in two towns and two 门类 (C manufacturing, I software), of every size; a
 * firm registered in the period, one closed; pushes of one policy; loans in and around the period;
 * demands filed, answered, resolved on time and late, rated; cadre links and visits (one by another cadre).
 */
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  leader = await signIn(t.app, ['leader']);
  const specs = [
    { town: GUIYANG, industry: '3434', size: 'medium', above: true, registeredOn: '2015-06-01', status: 'operating' },
    { town: GUIYANG, industry: '3434', size: 'small', above: false, registeredOn: '2026-02-10', status: 'operating' },
    { town: GUIYANG, industry: '6510', size: 'micro', above: false, registeredOn: '2026-03-05', status: 'operating' },
    { town: XINMIN, industry: '3434', size: 'large', above: true, registeredOn: '2010-01-01', status: 'operating' },
    { town: XINMIN, industry: '6510', size: 'small', above: false, registeredOn: '2026-01-20', status: 'operating' },
    { town: XINMIN, industry: '3434', size: 'micro', above: false, registeredOn: '2012-01-01', status: 'cancelled' },
  ] as const;
  for (const s of specs) {
    const firm = await createEnterprise(db, { townCode: s.town, industryCode: s.industry, registeredOn: s.registeredOn, status: s.status, recompute: false });
    await db.updateTable('enterprises').set({ size_class: s.size, is_above_scale: s.above }).where('id', '=', firm.id).execute();
    firms.push(firm);
  }
  const [e1, e2, e3, e4, e5] = firms;

  // Policies: one policy of a department, pushed to four firms (one before the period).
  const policy = await createPolicy(t.app, { status: 'draft' });
  const push = (enterpriseId: number, date: string) =>
    db.insertInto('policy_pushes').values({ policy_id: policy.id, policy_version_id: policy.versionId, enterprise_id: enterpriseId, pushed_at: at(date) }).execute();
  await push(e1.id, '2026-01-15');
  await push(e2.id, '2026-02-15');
  await push(e4.id, '2026-03-15');
  await push(e5.id, '2025-12-15');

  // Loans: E1 before and in the period (not a first loan), E3 in it (first), E4 after it.
  const bank = await createBank(db);
  const product = await createProduct(db, bank);
  const loan = (enterpriseId: number, disbursedOn: string, amountFen: number) =>
    createLoanRecord(db, { productId: product, enterpriseId, status: 'disbursed', amountFen, submittedAt: at(disbursedOn), decidedAt: at(disbursedOn), loan: { disbursedOn } });
  await loan(e1.id, '2025-10-10', 50_000_000);
  await loan(e1.id, '2026-01-20', 80_000_000);
  await loan(e3.id, '2026-03-01', 30_000_000);
  await loan(e4.id, '2026-04-02', 90_000_000);

  // Demands.
  const demand = (enterpriseId: number, d: Partial<{ category: string; created: Date; assigned: Date; accepted: Date; due: Date; resolved: Date; rating: number; rated: Date }>) =>
    db
      .insertInto('demands')
      .values({
        enterprise_id: enterpriseId, title: '融资难题', description: '需要流动资金贷款', channel: 'portal', category_code: d.category ?? 'financing',
        state: d.rated ? 'rated' : d.resolved ? 'resolved' : d.accepted ? 'in_progress' : 'submitted',
        created_at: d.created, assigned_at: d.assigned ?? null, accepted_at: d.accepted ?? null, resolution_due_at: d.due ?? null,
        resolved_at: d.resolved ?? null, rating: d.rating ?? null, rated_at: d.rated ?? null,
      })
      .execute();
  await demand(e1.id, { created: at('2026-01-05', '09:00'), assigned: at('2026-01-05', '10:00'), accepted: at('2026-01-05', '12:00'), due: at('2026-01-20'), resolved: at('2026-01-10'), rating: 5, rated: at('2026-01-11') });
  await demand(e2.id, { created: at('2026-02-02', '09:00'), assigned: at('2026-02-02', '09:00'), accepted: at('2026-02-02', '13:00'), due: at('2026-02-10'), resolved: at('2026-02-20'), rating: 2, rated: at('2026-02-21') });
  await demand(e4.id, { category: 'hiring', created: at('2026-03-03', '09:00'), assigned: at('2026-03-03', '09:00'), accepted: at('2026-03-03', '10:00'), due: at('2026-03-30') });
  await demand(e5.id, { category: 'hiring', created: at('2026-03-20', '09:00') });
  await demand(e3.id, { created: at('2025-12-20', '09:00'), assigned: at('2025-12-20', '09:00'), accepted: at('2025-12-20', '10:00'), due: at('2026-01-30'), resolved: at('2026-01-15') });

  // Cadres: C1 links E1, E2, E3 (Guiyang); C2 links E4, E5 (Xinmin). Visits: E1 by C1 (in period), E4 by C2
  // (in period), E2 by C2 (not its cadre), E3 by C1 before the period.
  const dept = await createOrg(db, 'department');
  const c1 = await createCadre(db, { orgId: dept, position: '科长', townCode: GUIYANG });
  const c2 = await createCadre(db, { orgId: dept, position: '副局长', townCode: XINMIN });
  const link = (cadreId: number, enterpriseId: number) => db.insertInto('cadre_links').values({ cadre_id: cadreId, enterprise_id: enterpriseId, linked_on: '2025-06-01' }).execute();
  for (const e of [e1, e2, e3]) await link(c1, e.id);
  for (const e of [e4, e5]) await link(c2, e.id);
  const visit = (cadreId: number, enterpriseId: number, on: string) =>
    db.insertInto('visits').values({ cadre_id: cadreId, enterprise_id: enterpriseId, visited_on: on, people_met: '总经理', findings: '生产正常' }).execute();
  await visit(c1, e1.id, '2026-02-01');
  await visit(c2, e4.id, '2026-03-10');
  await visit(c2, e2.id, '2026-03-11');
  await visit(c1, e3.id, '2025-12-01');
});

afterAll(async () => {
  await t.close();
});

async function summary(query = '') {
  const res = await leader.get(`/api/dashboard/summary?from=${FROM}&to=${TO}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Independent counts, straight from the tables (a scope of enterprise ids). */
async function expected(ids: number[]) {
  const start = at(FROM, '00:00');
  const end = new Date(at(TO, '00:00').getTime() + 86_400_000 - 1);
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0].n);
  const list = sql.join(ids);
  return {
    operating: await count(sql`select count(*) as n from enterprises where id in (${list}) and status = 'operating'`),
    aboveScale: await count(sql`select count(*) as n from enterprises where id in (${list}) and status = 'operating' and is_above_scale`),
    registered: await count(sql`select count(*) as n from enterprises where id in (${list}) and registered_on between ${FROM} and ${TO}`),
    pushed: await count(sql`select count(*) as n from policy_pushes where enterprise_id in (${list}) and pushed_at between ${start} and ${end}`),
    loans: await count(sql`select count(*) as n from loans where enterprise_id in (${list}) and disbursed_on between ${FROM} and ${TO}`),
    lent: await count(sql`select coalesce(sum(principal_fen), 0) as n from loans where enterprise_id in (${list}) and disbursed_on between ${FROM} and ${TO}`),
    filed: await count(sql`select count(*) as n from demands where enterprise_id in (${list}) and created_at between ${start} and ${end}`),
    resolved: await count(sql`select count(*) as n from demands where enterprise_id in (${list}) and resolved_at between ${start} and ${end}`),
    onTime: await count(sql`select count(*) as n from demands where enterprise_id in (${list}) and resolved_at between ${start} and ${end} and resolved_at <= resolution_due_at`),
    rated: await count(sql`select count(*) as n from demands where enterprise_id in (${list}) and rated_at between ${start} and ${end}`),
    linked: await count(sql`select count(*) as n from cadre_links where enterprise_id in (${list})`),
    visited: await count(sql`select count(distinct l.enterprise_id) as n from cadre_links l join visits v on v.enterprise_id = l.enterprise_id and v.cadre_id = l.cadre_id
      where l.enterprise_id in (${list}) and v.visited_on between ${FROM} and ${TO}`),
  };
}

describe('cockpit summary', () => {
  it('every figure equals the count computed from the county’s rows', async () => {
    const s = await summary();
    const x = await expected(firms.map((f) => f.id));
    expect(s.enterprises).toMatchObject({ operating: x.operating, aboveScale: x.aboveScale, closed: 1, registeredInPeriod: x.registered });
    expect([x.operating, x.aboveScale, x.registered]).toEqual([5, 2, 3]);
    expect(s.enterprises.byTown).toEqual([
      { code: GUIYANG, name: TEST_TOWNS[0].name, operating: 3, aboveScale: 1 },
      { code: XINMIN, name: TEST_TOWNS[1].name, operating: 2, aboveScale: 1 },
    ]);
    expect(s.enterprises.byIndustry).toEqual([{ section: 'C', operating: 3 }, { section: 'I', operating: 2 }]);
    expect(s.enterprises.bySize).toEqual([
      { sizeClass: 'large', operating: 1 }, { sizeClass: 'medium', operating: 1 }, { sizeClass: 'small', operating: 2 }, { sizeClass: 'micro', operating: 1 },
    ]);
    expect(s.enterprises.monthly).toEqual([{ month: '2026-01', registered: 1 }, { month: '2026-02', registered: 1 }, { month: '2026-03', registered: 1 }]);

    expect(s.policies.pushed).toBe(x.pushed);
    expect(s.policies.pushed).toBe(3);
    expect(s.policies.byDepartment).toHaveLength(1);
    expect(s.policies.byDepartment[0]).toMatchObject({ pushed: 3, applied: 0, granted: 0 });

    expect(s.loans.loans).toBe(x.loans);
    expect(s.loans.amountLentFen).toBe(x.lent);
    expect(s.loans.amountLentFen).toBe(110_000_000);
    expect(s.loans.firstLoan).toEqual({ borrowers: 2, firstTimeBorrowers: 1, rateBp: 5000 });

    expect(s.demands).toMatchObject({ filed: x.filed, resolved: x.resolved, resolvedOnTime: x.onTime, rated: x.rated });
    expect([x.filed, x.resolved, x.onTime, x.rated]).toEqual([4, 3, 2, 2]);
    expect(s.demands.open).toBe(2);
    expect(s.demands.onTimeRateBp).toBe(6667);
    // Response (assignment → acceptance): 2 h, 4 h, 1 h → 2.3 h; resolution (filed → resolved): 5 d 1 h, 18 d 1 h, 26 d 1 h.
    expect(s.demands.averageResponseHours).toBe(2.3);
    expect(s.demands.averageResolutionHours).toBe(Math.round(((121 + 433 + 625) / 3) * 10) / 10);
    expect(s.demands.averageRating).toBe(3.5);
    expect(s.demands.satisfiedRateBp).toBe(5000);
    expect(s.demands.byCategory.map((c: { code: string; filed: number; resolved: number }) => [c.code, c.filed, c.resolved])).toEqual([
      ['financing', 2, 3],
      ['hiring', 2, 0],
    ]);

    // Coverage: linked firms E1..E5 (5), visited by their own cadre in the period: E1, E4.
    expect(s.visits).toMatchObject({ linked: x.linked, visited: x.visited, coverageBp: 4000, visits: 3 });
    expect([x.linked, x.visited]).toEqual([5, 2]);
    expect(s.visits.byTown).toEqual([
      { code: GUIYANG, name: TEST_TOWNS[0].name, linked: 3, visited: 1, coverageBp: 3333 },
      { code: XINMIN, name: TEST_TOWNS[1].name, linked: 2, visited: 1, coverageBp: 5000 },
    ]);
  });

  it('the town and 门类 filters narrow every figure to those firms', async () => {
    const s = await summary(`&town=${GUIYANG}&industry=C`);
    const ids = [firms[0].id, firms[1].id];
    const x = await expected(ids);
    expect(s.town).toBe(GUIYANG);
    expect(s.enterprises).toMatchObject({ operating: x.operating, aboveScale: x.aboveScale, registeredInPeriod: x.registered });
    expect([x.operating, x.registered]).toEqual([2, 1]);
    expect(s.policies.pushed).toBe(x.pushed);
    expect(s.loans.loans).toBe(x.loans);
    expect(s.loans.loans).toBe(1);
    expect(s.demands.filed).toBe(x.filed);
    expect(s.demands.filed).toBe(2);
    expect(s.visits).toMatchObject({ linked: 2, visited: 1, coverageBp: 5000 });

    const software = await summary('&industry=I');
    expect(software.enterprises.operating).toBe(2);
    expect(software.loans.loans).toBe(1);
    expect(software.loans.firstLoan.rateBp).toBe(10_000);
  });

  it('a shorter period moves the period figures and leaves the stock alone', async () => {
    const res = await leader.get('/api/dashboard/summary?from=2026-03-01&to=2026-03-31');
    const s = res.json();
    expect(s.enterprises.operating).toBe(5);
    expect(s.enterprises.registeredInPeriod).toBe(1);
    expect(s.demands.filed).toBe(2);
    expect(s.visits.visited).toBe(1);
  });

  it('refuses bad filters', async () => {
    expect((await leader.get('/api/dashboard/summary?from=2026-03-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await leader.get('/api/dashboard/summary?industry=ZZ')).statusCode).toBe(400);
  });
});

describe('who sees the cockpit', () => {
  it('the leader, department staff and the admin; not an enterprise, a bank or a provider', async () => {
    for (const roles of [['department_staff'], ['admin'], ['dispatcher']] as const) {
      const client = await signIn(t.app, [...roles]);
      expect((await client.get('/api/dashboard/summary')).statusCode).toBe(200);
    }
    const enterprise = await signIn(t.app, ['enterprise_user'], (await createEnterprise(db, { withOrg: true })).orgId!);
    expect((await enterprise.get('/api/dashboard/summary')).statusCode).toBe(403);
    const bank = await signIn(t.app, ['bank_staff'], await createBank(db));
    expect((await bank.get('/api/dashboard/summary')).statusCode).toBe(403);
    expect((await bank.get('/api/dashboard/export.xlsx')).statusCode).toBe(403);
    expect((await bank.get('/api/enterprises/export.xlsx')).statusCode).toBe(403);
    expect((await leader.get('/api/dashboard/summary')).statusCode).toBe(200);
  });

  it('the leader reads the lists and is refused every change', async () => {
    expect((await leader.get('/api/enterprises')).statusCode).toBe(200);
    expect((await leader.get('/api/demands')).statusCode).toBe(200);
    expect((await leader.get('/api/finance/loans')).statusCode).toBe(200);
    const refusals = [
      await leader.post('/api/enterprises', { uscc: nextUscc(), name: '新设测试企业有限公司', type: 'limited_company' }),
      await leader.post('/api/policies', policyBody()),
    ];
    for (const res of refusals) expect(res.statusCode, res.body).toBe(403);
    expect(await db.selectFrom('enterprises').where('name', '=', '新设测试企业有限公司').select('id').execute()).toEqual([]);
    const demand = (await db.selectFrom('demands').select('id').where('state', '=', 'submitted').executeTakeFirstOrThrow()).id;
    expect((await leader.post(`/api/demands/${demand}/triage`, { categoryCode: 'financing' })).statusCode).toBe(403);
  });
});

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

describe('exports', () => {
  it('the enterprise export is a valid XLSX with Chinese headers and the rows of the list', async () => {
    const res = await leader.get(`/api/enterprises/export.xlsx?town=${XINMIN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = (await readXlsx(res.rawPayload)).worksheets[0];
    expect(ws.getRow(1).values).toContain('统一社会信用代码');
    expect(ws.getRow(1).values).toContain('企业名称');
    const list = (await leader.get(`/api/enterprises?town=${XINMIN}&pageSize=100`)).json();
    const exported = [];
    for (let r = 2; r <= ws.rowCount; r++) exported.push(String(ws.getRow(r).getCell(1).value));
    expect(exported.sort()).toEqual(list.items.map((e: { uscc: string }) => e.uscc).sort());
    expect(exported).toHaveLength(3);
  });

  it('keyset batches cover more rows than one batch', async () => {
    const extra = [];
    for (let i = 0; i < 3; i++) extra.push(await createEnterprise(db, { townCode: GUIYANG, industryCode: '3434', recompute: false }));
    const res = await leader.get('/api/enterprises/export.xlsx');
    const ws = (await readXlsx(res.rawPayload)).worksheets[0];
    const total = Number((await db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(ws.rowCount - 1).toBe(total);
  });

  it('the demand and loan exports, the cockpit tables and the monthly report', async () => {
    const demands = await readXlsx((await leader.get('/api/demands/export.xlsx?categoryCode=hiring')).rawPayload);
    expect(demands.worksheets[0].getRow(1).values).toContain('诉求类别');
    expect(demands.worksheets[0].rowCount - 1).toBe(2);
    const loans = await readXlsx((await leader.get('/api/finance/loans/export.xlsx')).rawPayload);
    expect(loans.worksheets[0].rowCount - 1).toBe(4);
    const cockpit = await readXlsx((await leader.get(`/api/dashboard/export.xlsx?from=${FROM}&to=${TO}`)).rawPayload);
    expect(cockpit.worksheets.map((w) => w.name)).toContain('走访覆盖（乡镇街道）');
    const report = await leader.get('/api/dashboard/monthly-report.xlsx?month=2026-02');
    expect(report.statusCode).toBe(200);
    const overview = (await readXlsx(report.rawPayload)).getWorksheet('概览')!;
    expect(overview.getRow(1).getCell(1).value).toBe('垫江县企业服务月报（2026年2月）');
    const row = (label: string) => {
      for (let r = 1; r <= overview.rowCount; r++) if (overview.getRow(r).getCell(1).value === label) return overview.getRow(r).getCell(2).value;
      return undefined;
    };
    expect(row('期内新登记（户）')).toBe(1);
    expect(row('受理诉求（件）')).toBe(1);
    expect((await leader.get('/api/dashboard/monthly-report.xlsx?month=2026-13')).statusCode).toBe(400);
    const audited = await db.selectFrom('audit_log').where('action', '=', 'report.export').select('id').execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
  });
});
