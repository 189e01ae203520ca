/**
 * GET /api/me/home: each role's counts equal counts taken directly from a small test county, each count's
 * link opens a list of exactly that many rows, and every figure is scoped (bank A never sees bank B's leads;
 * a department only its own policies; a cadre only their linked firms; a provider only its own orders).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationStatus, DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { quarterOf, quarterRange } from '../../src/server/modules/reporting/home.ts';
import type { MeHome } from '../../src/server/modules/reporting/home.schemas.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg, createUser } from '../factories/accounts.ts';
import { createCadre } from '../factories/demands.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';
import { createBank, createLoanRecord, createProduct, signInFinanceOffice } from '../factories/risk-pools.ts';


let t: TestApp;
let db: Kysely<DB>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const inDays = (days: number) => new Date(now + days * DAY);

async function homeOf(client: TestClient): Promise<MeHome> {
  const res = await client.get('/api/me/home');
  expect(res.statusCode).toBe(200);
  return res.json<MeHome>();
}

function section(home: MeHome, kind: string) {
  const found = home.sections.find((s) => s.kind === kind);
  if (!found) throw new Error(`no ${kind} section in ${home.sections.map((s) => s.kind).join(',')}`);
  return found;
}

const countOf = (home: MeHome, kind: string, key: string) => {
  const found = section(home, kind).items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return Number((await query.execute(db)).rows[0].n);
}

let policySeq = 0;
async function createPublishedPolicy(departmentOrgId: number, title: string) {
  policySeq++;
  const policy = await db.insertInto('policies').values({ department_org_id: departmentOrgId, code: `HOME-${policySeq}`, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const version = await db
    .insertInto('policy_versions')
    .values({
      policy_id: policy.id,
      version: 1,
      status: 'published',
      title,
      valid_from: '2026-01-01',
      rule: JSON.stringify({ clause: '所有企业', all: [] }),
      benefit: JSON.stringify({ kind: 'fixed', amountFen: 100_000 }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { policyId: policy.id, versionId: version.id };
}

async function addApplication(p: { policyId: number; versionId: number }, enterpriseId: number, userId: number, status: ApplicationStatus, stepDueAt: Date | null, noticeUntil: Date | null = null) {
  const row = await db
    .insertInto('applications')
    .values({
      policy_id: p.policyId,
      policy_version_id: p.versionId,
      enterprise_id: enterpriseId,
      status,
      current_step: null,
      step_due_at: stepDueAt,
      notice_until: noticeUntil,
      notice_started_at: noticeUntil ? new Date(now - DAY) : null,
      returned_from_status: null,
      returned_from_step: null,
      form_data: '{}',
      estimated_amount_fen: 100_000,
      approved_amount_fen: ['approved', 'in_notice', 'notice_passed', 'paid'].includes(status) ? 100_000 : null,
      submitted_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let demandSeq = 0;
async function addDemand(enterpriseId: number, values: Partial<{ state: string; handler_org_id: number | null; offer_org_ids: number[] | null; resolution_due_at: Date | null; rating: number | null; category_code: string | null }>) {
  demandSeq++;
  const row = await db
    .insertInto('demands')
    .values({
      enterprise_id: enterpriseId,
      title: `测试诉求${demandSeq}`,
      description: '测试',
      channel: 'portal',
      state: (values.state ?? 'submitted') as 'submitted',
      handler_org_id: values.handler_org_id ?? null,
      offer_org_ids: values.offer_org_ids ?? null,
      resolution_due_at: values.resolution_due_at ?? null,
      rating: values.rating ?? null,
      category_code: values.category_code ?? null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/me/home', () => {
  it('needs a signed-in user', async () => {
    const res = await new TestClient(t.app).get('/api/me/home');
    expect(res.statusCode).toBe(401);
  });

  it('a department counts only its own policies’ applications, notices and payments; its links list exactly those', async () => {
    const deptA = await createOrg(db, 'department', '甲局');
    const deptB = await createOrg(db, 'department', '乙局');
    const staffA = await signIn(t.app, ['department_staff'], deptA);
    const staffB = await signIn(t.app, ['department_staff'], deptB);
    const [e1, e2, e3, e4, e5] = await Promise.all([1, 2, 3, 4, 5].map(() => createEnterprise(db)));
    const pA = await createPublishedPolicy(deptA, '甲局专精特新奖励');
    const pB = await createPublishedPolicy(deptB, '乙局人才补贴');
    const u = staffA.user.id;
    await addApplication(pA, e1.id, u, 'submitted', inDays(2));
    await addApplication(pA, e2.id, u, 'submitted', inDays(-1)); // overdue
    await addApplication(pA, e3.id, u, 'in_review', inDays(30));
    const noticeId = await addApplication(pA, e4.id, u, 'in_notice', null, inDays(1));
    const paidApp = await addApplication(pA, e5.id, u, 'paid', null);
    await addApplication(pB, e1.id, u, 'submitted', inDays(1));
    await addApplication(pB, e2.id, u, 'in_review', inDays(-3));
    await db
      .insertInto('disbursements')
      .values([
        { policy_id: pA.policyId, enterprise_id: e5.id, target_kind: 'application', target_id: paidApp, amount_fen: 100_000, status: 'paid', prepared_by: u, approved_by: staffB.user.id, paid_at: new Date(), payment_ref: 'PAY-1' },
        { policy_id: pA.policyId, enterprise_id: e4.id, target_kind: 'application', target_id: noticeId, amount_fen: 100_000, status: 'prepared', prepared_by: u },
      ])
      .execute();
    await db.insertInto('policy_matches').values([e1, e2, e3].map((e) => ({ policy_version_id: pA.versionId, enterprise_id: e.id, outcome: 'eligible' as const, amount_fen: 100_000, missing_facts: null }))).execute();

    const home = await homeOf(staffA);
    const dept = section(home, 'department_staff');
    expect(home.sections.map((s) => s.kind)).toEqual(['department_staff']);
    expect(countOf(home, 'department_staff', 'applications_submitted')).toMatchObject({ count: 2, link: '/gov/applications?status=submitted', severity: 'warning' });
    expect(countOf(home, 'department_staff', 'applications_in_review').count).toBe(1);
    expect(countOf(home, 'department_staff', 'applications_overdue')).toMatchObject({ count: 1, severity: 'danger' });
    expect(countOf(home, 'department_staff', 'notices_running').count).toBe(1);
    expect(countOf(home, 'department_staff', 'payments_to_check').count).toBe(1);
    // Deadlines: the overdue step, the one due in two days and the notice ending tomorrow; not the one in 30 days, nor department B's.
    expect(dept.deadlines.map((d) => [d.key, d.overdue])).toEqual([
      ['application_step', true],
      ['notice_ends', false],
      ['application_step', false],
    ]);
    // Policy reach: department A's one policy only — 3 matched, 5 applied, 1 granted (paid).
    const reach = dept.figures.find((f) => f.key === 'policy_reach')!;
    expect(reach.points).toEqual([{ key: String(pA.policyId), label: '甲局专精特新奖励', labelEn: null, values: [3, 5, 1] }]);

    // Every linked count opens a list with that many rows.
    for (const entry of dept.items) {
      if (!entry.link) continue;
      const api = entry.link.replace('/gov/applications', '/api/applications').replace('/gov/payments', '/api/disbursements');
      const res = await staffA.get(api);
      expect(res.statusCode, api).toBe(200);
      expect(res.json<{ total: number }>().total, entry.key).toBe(entry.count);
    }

    const homeB = await homeOf(staffB);
    expect(countOf(homeB, 'department_staff', 'applications_submitted').count).toBe(1);
    expect(countOf(homeB, 'department_staff', 'applications_overdue').count).toBe(1);
    expect(countOf(homeB, 'department_staff', 'payments_to_check').count).toBe(0);
    expect(section(homeB, 'department_staff').figures[0].points.map((p) => p.label)).toEqual(['乙局人才补贴']);
  });

  it('a bank sees only its own leads, loans and share of a pool; the finance office sees all banks', async () => {
    const bankA = await createBank(db, '甲农商行');
    const bankB = await createBank(db, '乙银行');
    const clientA = await signIn(t.app, ['bank_staff'], bankA);
    const productA = await createProduct(db, bankA);
    const productB = await createProduct(db, bankB);
    const [e1, e2, e3, e4] = await Promise.all([1, 2, 3, 4].map(() => createEnterprise(db)));
    // Bank A: one lead due in 14 days, one overdue (submitted 20 days ago), one overdue loan; bank B: three open leads and a loan.
    await createLoanRecord(db, { productId: productA, enterpriseId: e1.id, status: 'submitted', amountFen: 50_000_00 });
    const late = await createLoanRecord(db, { productId: productA, enterpriseId: e2.id, status: 'in_review', amountFen: 80_000_00, submittedAt: inDays(-20) });
    await db.updateTable('loan_applications').set({ escalated_at: new Date() }).where('id', '=', late.applicationId).execute();
    const loanA = await createLoanRecord(db, { productId: productA, enterpriseId: e3.id, status: 'disbursed', amountFen: 100_000_00, loan: { disbursedOn: '2026-01-05', status: 'overdue' } });
    for (const e of [e1, e2, e3]) await createLoanRecord(db, { productId: productB, enterpriseId: e.id, status: 'submitted', amountFen: 30_000_00, submittedAt: inDays(-10) });
    const loanB = await createLoanRecord(db, { productId: productB, enterpriseId: e4.id, status: 'disbursed', amountFen: 300_000_00, loan: { disbursedOn: '2026-01-05' } });
    // A pool both banks are members of: 1,000万 capital × 5; A covers 100万, B 300万.
    const deptId = await createOrg(db, 'department', '财政局');
    const policy = await createPublishedPolicy(deptId, '风险补偿');
    const pool = await db.insertInto('risk_pools').values({ code: 'HOME-POOL', name: '测试风险池', department_org_id: deptId, policy_id: policy.policyId, leverage: 5, bank_share_bp: 2000, government_share_bp: 8000 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('risk_pool_banks').values([{ pool_id: pool.id, bank_org_id: bankA }, { pool_id: pool.id, bank_org_id: bankB }]).execute();
    const [cash, capital] = await Promise.all(
      ['cash', 'capital:county'].map((code) => db.insertInto('ledger_accounts').values({ pool_id: pool.id, code }).returning('id').executeTakeFirstOrThrow()),
    );
    await db.insertInto('ledger_entries').values({ pool_id: pool.id, debit_account_id: cash.id, credit_account_id: capital.id, amount_fen: 10_000_000_00, kind: 'contribution', ref_type: 'contribution', ref_id: 1 }).execute();
    await db.insertInto('risk_pool_registrations').values({ pool_id: pool.id, loan_id: loanA.loanId!, bank_org_id: bankA, enterprise_id: e3.id, covered_fen: 1_000_000_00 }).execute();
    await db.insertInto('risk_pool_registrations').values({ pool_id: pool.id, loan_id: loanB.loanId!, bank_org_id: bankB, enterprise_id: e4.id, covered_fen: 3_000_000_00 }).execute();

    const home = await homeOf(clientA);
    expect(home.sections.map((s) => s.kind)).toEqual(['bank_staff']);
    const bank = section(home, 'bank_staff');
    expect(countOf(home, 'bank_staff', 'leads_open')).toMatchObject({ count: 2, link: '/bank/leads' });
    expect(countOf(home, 'bank_staff', 'leads_overdue')).toMatchObject({ count: 1, link: '/bank/leads?filter=overdue', severity: 'danger' });
    expect(countOf(home, 'bank_staff', 'loans_overdue').count).toBe(1);
    expect(bank.deadlines).toHaveLength(1);
    expect(bank.deadlines[0]).toMatchObject({ key: 'lead_response', overdue: true, link: `/bank/leads/${late.applicationId}` });
    const usage = bank.figures.find((f) => f.key === 'pool_usage')!;
    expect(usage.points).toEqual([{ key: String(pool.id), label: '测试风险池', labelEn: null, values: [1_000_000_00, 50_000_000_00] }]);
    // The lists behind the links hold the same numbers.
    expect((await clientA.get('/api/finance/applications?open=true')).json<{ total: number }>().total).toBe(2);
    expect((await clientA.get('/api/finance/applications?overdue=true')).json<{ total: number }>().total).toBe(1);
    expect((await clientA.get('/api/finance/loans?status=overdue')).json<{ total: number }>().total).toBe(1);

    const office = await signInFinanceOffice(t.app);
    const officeHome = await homeOf(office);
    expect(officeHome.sections.map((s) => s.kind)).toEqual(['department_staff', 'finance_office']);
    const finance = section(officeHome, 'finance_office');
    const direct = await count(sql<{ n: number }>`select count(*)::int as n from loan_applications where status in ('submitted','in_review') and escalated_at is not null`);
    expect(direct).toBeGreaterThan(0);
    expect(countOf(officeHome, 'finance_office', 'leads_escalated').count).toBe(direct);
    expect(countOf(officeHome, 'finance_office', 'products_in_review').count).toBe(await count(sql<{ n: number }>`select count(*)::int as n from loan_product_versions where status = 'in_review'`));
    const byBank = finance.figures.find((f) => f.key === 'open_leads_by_bank')!;
    expect(byBank.points.find((p) => p.label === '乙银行')?.values).toEqual([3, 0]);
    expect(byBank.points.find((p) => p.label === '甲农商行')?.values).toEqual([2, 1]);
    expect(finance.figures.find((f) => f.key === 'pool_usage')!.points.find((p) => p.key === String(pool.id))?.values).toEqual([4_000_000_00, 50_000_000_00]);
  });

  it('a provider counts its own pool offers and orders; the dispatcher the whole queue', async () => {
    const providerA = await createOrg(db, 'service_provider', '甲服务机构');
    const providerB = await createOrg(db, 'service_provider', '乙服务机构');
    const clientA = await signIn(t.app, ['provider_staff'], providerA);
    const e = await createEnterprise(db);
    await addDemand(e.id, { state: 'offered', offer_org_ids: [providerA, providerB] });
    await addDemand(e.id, { state: 'offered', offer_org_ids: [providerB] });
    await addDemand(e.id, { state: 'in_progress', handler_org_id: providerA, resolution_due_at: inDays(-1) });
    await addDemand(e.id, { state: 'assigned', handler_org_id: providerA, resolution_due_at: inDays(1) });
    await addDemand(e.id, { state: 'in_progress', handler_org_id: providerB, resolution_due_at: inDays(-2) });
    await addDemand(e.id, { state: 'rated', handler_org_id: providerA, rating: 5 });
    await addDemand(e.id, { state: 'rated', handler_org_id: providerA, rating: 4 });
    await addDemand(e.id, { state: 'rated', handler_org_id: providerB, rating: 1 });
    await addDemand(e.id, { state: 'submitted' });

    const home = await homeOf(clientA);
    const provider = section(home, 'provider_staff');
    expect(countOf(home, 'provider_staff', 'claim_pool').count).toBe(1);
    expect(countOf(home, 'provider_staff', 'orders_open').count).toBe(2);
    expect(countOf(home, 'provider_staff', 'orders_overdue').count).toBe(1);
    expect(countOf(home, 'provider_staff', 'orders_to_accept').count).toBe(1);
    expect(provider.deadlines.map((d) => d.overdue)).toEqual([true, false]);
    expect(provider.figures.find((f) => f.key === 'average_rating')!.points[0].values).toEqual([4.5]);
    expect(provider.figures.find((f) => f.key === 'ratings')!.points.map((p) => p.values[0])).toEqual([0, 0, 0, 1, 1]);
    expect((await clientA.get('/api/demands/pool')).json<{ total: number }>().total).toBe(1);
    expect((await clientA.get('/api/demands?view=open')).json<{ total: number }>().total).toBe(2);
    expect((await clientA.get('/api/demands?view=overdue')).json<{ total: number }>().total).toBe(1);
    expect((await clientA.get('/api/demands?state=assigned')).json<{ total: number }>().total).toBe(1);

    const dispatcher = await signIn(t.app, ['dispatcher']);
    const dHome = await homeOf(dispatcher);
    const queue = await count(sql<{ n: number }>`select count(*)::int as n from demands where state in ('submitted','triaged')`);
    const overdue = await count(sql<{ n: number }>`select count(*)::int as n from demands where state in ('assigned','accepted','in_progress') and resolution_due_at < now()`);
    expect(queue).toBeGreaterThan(0);
    expect(overdue).toBe(2);
    expect(countOf(dHome, 'dispatcher', 'demands_queue').count).toBe(queue);
    expect(countOf(dHome, 'dispatcher', 'demands_overdue').count).toBe(overdue);
    expect((await dispatcher.get('/api/demands?view=queue')).json<{ total: number }>().total).toBe(queue);
    expect((await dispatcher.get('/api/demands?view=overdue')).json<{ total: number }>().total).toBe(overdue);
  });

  it('a cadre counts only the firms currently linked to them, their open demands and the visits still due this quarter', async () => {
    const unit = await createOrg(db, 'department', '某镇政府');
    const client = await signIn(t.app, ['cadre'], unit);
    const cadreId = await createCadre(db, { orgId: unit, position: '副镇长', userId: client.user.id });
    const otherCadre = await createCadre(db, { orgId: unit, position: '镇长' });
    const [f1, f2, f3, gone, theirs] = await Promise.all([1, 2, 3, 4, 5].map(() => createEnterprise(db)));
    const today = todayInCounty();
    const quarter = quarterOf(today);
    const { from } = quarterRange(quarter);
    await db
      .insertInto('cadre_links')
      .values([
        { cadre_id: cadreId, enterprise_id: f1.id, linked_on: '2026-01-01', unlinked_on: null },
        { cadre_id: cadreId, enterprise_id: f2.id, linked_on: '2026-01-01', unlinked_on: null },
        { cadre_id: cadreId, enterprise_id: f3.id, linked_on: '2026-01-01', unlinked_on: null },
        { cadre_id: cadreId, enterprise_id: gone.id, linked_on: '2025-01-01', unlinked_on: '2025-06-30' },
        { cadre_id: otherCadre, enterprise_id: gone.id, linked_on: '2025-06-30', unlinked_on: null },
        { cadre_id: otherCadre, enterprise_id: theirs.id, linked_on: '2025-06-30', unlinked_on: null },
      ])
      .execute();
    await addDemand(f1.id, { state: 'submitted' });
    await addDemand(f1.id, { state: 'in_progress' });
    await addDemand(f2.id, { state: 'closed' });
    await addDemand(gone.id, { state: 'submitted' });
    await addDemand(theirs.id, { state: 'waiting' });
    // Plans this quarter for f1 (visited), f2 (not yet, planned for today) and f3 (not yet, no day); last quarter's plan does not count.
    await db
      .insertInto('visit_plans')
      .values([
        { cadre_id: cadreId, enterprise_id: f1.id, quarter, planned_on: from },
        { cadre_id: cadreId, enterprise_id: f2.id, quarter, planned_on: today },
        { cadre_id: cadreId, enterprise_id: f3.id, quarter, planned_on: null },
        { cadre_id: cadreId, enterprise_id: f3.id, quarter: '2020-Q1', planned_on: '2020-02-01' },
        // Planned while it was still theirs: a firm no longer linked is not a visit due.
        { cadre_id: cadreId, enterprise_id: gone.id, quarter, planned_on: today },
        { cadre_id: otherCadre, enterprise_id: theirs.id, quarter, planned_on: today },
      ])
      .execute();
    await db.insertInto('visits').values({ cadre_id: cadreId, enterprise_id: f1.id, visited_on: from, people_met: '张总', findings: '订单增长' }).execute();

    const home = await homeOf(client);
    const cadre = section(home, 'cadre');
    expect(countOf(home, 'cadre', 'my_firms').count).toBe(3);
    expect(countOf(home, 'cadre', 'firms_with_open_demands').count).toBe(1);
    expect(countOf(home, 'cadre', 'firm_open_demands').count).toBe(2);
    expect(countOf(home, 'cadre', 'visits_due').count).toBe(2);
    expect(cadre.figures.find((f) => f.key === 'visits_quarter')!.points[0].values).toEqual([3, 1]);
    expect(cadre.deadlines.map((d) => d.label)).toContain(f2.name);
    expect(cadre.deadlines.map((d) => d.label)).not.toContain(theirs.name);
    const byState = Object.fromEntries(cadre.figures.find((f) => f.key === 'firm_demands_by_state')!.points.map((p) => [p.key, p.values[0]]));
    expect(byState).toMatchObject({ submitted: 1, in_progress: 1, waiting: 0 });
    expect(cadre.deadlines.map((d) => d.label)).not.toContain(gone.name);

    // Every count links to 我的企业 filtered to exactly those firms (the demands count: the sum over them).
    const listed = async (link: string | null) => {
      expect(link).toMatch(/^\/gov\/my-enterprises/);
      const res = await client.get(link!.replace('/gov/my-enterprises', '/api/me/cadre/enterprises'));
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number; linkedTotal: number; openDemandsTotal: number; items: { id: number; openDemands: number; visitDue: boolean }[] }>();
    };
    const all = await listed(countOf(home, 'cadre', 'my_firms').link);
    expect(all).toMatchObject({ total: 3, linkedTotal: 3 });
    expect(all.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([f1.id, f2.id, f3.id].sort((a, b) => a - b));
    const withDemands = await listed(countOf(home, 'cadre', 'firms_with_open_demands').link);
    expect(withDemands).toMatchObject({ total: 1, linkedTotal: 3, openDemandsTotal: 2 });
    expect(withDemands.items.map((i) => i.id)).toEqual([f1.id]);
    expect((await listed(countOf(home, 'cadre', 'firm_open_demands').link)).openDemandsTotal).toBe(countOf(home, 'cadre', 'firm_open_demands').count);
    const due = await listed(countOf(home, 'cadre', 'visits_due').link);
    expect(due.total).toBe(countOf(home, 'cadre', 'visits_due').count);
    expect(due.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([f2.id, f3.id].sort((a, b) => a - b));
    expect(due.items.every((i) => i.visitDue)).toBe(true);
    expect(all.items.find((i) => i.id === f1.id)!.visitDue).toBe(false);
    // Both filters together; a bad filter value is a 400.
    expect((await client.get('/api/me/cadre/enterprises?visitDue=true&openDemands=true')).json().total).toBe(0);
    expect((await client.get('/api/me/cadre/enterprises?visitDue=maybe')).statusCode).toBe(400);
  });

  it('the data admin’s imports, disputes and completeness equal the registry’s', async () => {
    const admin = await signIn(t.app, ['data_admin']);
    const e = await createEnterprise(db);
    await db
      .insertInto('import_batches')
      .values([
        { kind: 'indicators', source: 'statistics', status: 'running', file_name: 'a.csv', file_sha256: null, storage_path: null, total_rows: null, message: null, created_by: admin.user.id },
        { kind: 'indicators', source: 'statistics', status: 'failed', file_name: 'b.csv', file_sha256: null, storage_path: null, total_rows: null, message: 'bad', created_by: admin.user.id },
      ])
      .execute();
    const indicator = await db.selectFrom('indicators').select('code').orderBy('code').executeTakeFirstOrThrow();
    await db.insertInto('data_disputes').values({ enterprise_id: e.id, indicator_code: indicator.code, period: '2025', source: 'statistics', current_value: '1', proposed_value: '2', reason: '有误', created_by: admin.user.id, resolved_by: null, resolution_note: null }).execute();
    const home = await homeOf(admin);
    for (const [key, status] of [['imports_running', 'running'], ['imports_failed', 'failed']] as const) {
      const direct = await count(sql<{ n: number }>`select count(*)::int as n from import_batches where status = ${status}`);
      expect(countOf(home, 'data_admin', key).count).toBe(direct);
      expect((await admin.get(`/api/imports?status=${status}`)).json<{ total: number }>().total).toBe(direct);
    }
    const open = await count(sql<{ n: number }>`select count(*)::int as n from data_disputes where status = 'open'`);
    expect(open).toBeGreaterThan(0);
    expect(countOf(home, 'data_admin', 'disputes_open').count).toBe(open);
    expect((await admin.get('/api/disputes?status=open')).json<{ total: number }>().total).toBe(open);
    const buckets = section(home, 'data_admin').figures.find((f) => f.key === 'completeness')!;
    const total = await count(sql<{ n: number }>`select count(*)::int as n from enterprises`);
    expect(buckets.points.reduce((s, p) => s + p.values[0], 0)).toBe(total);
  });

  it('the admin’s account and security counts, and the auditor’s event counts, equal the tables; their links filter the lists', async () => {
    const admin = await signIn(t.app, ['admin']);
    await createUser(db, { roles: ['department_staff'], isDisabled: true });
    const locked = await createUser(db, { roles: ['dispatcher'] });
    await db.insertInto('login_throttle').values({ username: locked.username.toLowerCase(), failures: 5, locked_until: new Date(now + HOUR), last_failure_at: new Date() }).execute();
    const failed = await new TestClient(t.app).login(locked.username, 'wrong-password-1');
    expect(failed.statusCode).toBeGreaterThanOrEqual(400);
    const home = await homeOf(admin);
    const expectations: [string, string, string][] = [
      ['accounts_never_signed_in', 'never_signed_in', `select count(*)::int as n from users where last_login_at is null and not is_disabled`],
      ['accounts_disabled', 'disabled', `select count(*)::int as n from users where is_disabled`],
    ];
    for (const [key, status, query] of expectations) {
      const direct = await count(sql<{ n: number }>`${sql.raw(query)}`);
      expect(direct, key).toBeGreaterThan(0);
      expect(countOf(home, 'admin', key).count, key).toBe(direct);
      expect((await admin.get(`/api/admin/users?status=${status}`)).json<{ total: number }>().total, key).toBe(direct);
    }
    // The system administrator's home reads nothing of the audit log (the auditor's) nor the locks (the security administrator's).
    expect(section(home, 'admin').items.map((i) => i.key)).not.toContain('failed_logins_7d');
    const byRole = section(home, 'admin').figures.find((f) => f.key === 'accounts_by_role')!;
    expect(byRole.points.find((p) => p.key === 'admin')!.values[0]).toBe(await count(sql<{ n: number }>`select count(*)::int as n from users where 'admin' = any(roles) and not is_disabled`));

    const auditor = await signIn(t.app, ['auditor']);
    // A refusal: the auditor may not list users.
    expect((await auditor.get('/api/admin/users')).statusCode).toBe(403);
    const aHome = await homeOf(auditor);
    for (const key of ['audit_today', 'refusals_7d', 'failures_7d']) {
      const entry = countOf(aHome, 'auditor', key);
      expect(entry.link).toMatch(/^\/gov\/audit\?from=/);
      const res = await auditor.get(entry.link!.replace('/gov/audit', '/api/audit'));
      expect(res.statusCode).toBe(200);
      // The audit search itself is audited after the count: the list may have grown by the searches made since.
      const total = res.json<{ total: number }>().total;
      expect(total, key).toBeGreaterThanOrEqual(entry.count);
      expect(entry.count, key).toBeGreaterThan(0);
    }
    const week = section(aHome, 'auditor').figures.find((f) => f.key === 'audit_by_day')!;
    expect(week.points).toHaveLength(7);
    expect(week.points.reduce((s, p) => s + p.values[2], 0)).toBe(countOf(aHome, 'auditor', 'refusals_7d').count);
  });
});
