/**
 * Issue 13 item 8: every read of another organisation's data is audited — one entry per request (a list
 * with its filter and count, a detail with its object) — and a read of one's own data is not. On the demo
 * county: the departments' applications and payments, the consents a bank received, the data admin's
 * disputes, a grant's items, a bank's leads and loans, the leader's loans and visits, the dispatch centre's
 * demands; against the showcase enterprise reading its own and the demo cadre reading their own visit.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/auth/index.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { signIn } from '../factories/enterprises.ts';

type Client = Awaited<ReturnType<typeof signIn>>;
let t: TestApp;
let dept: Client; // staff of 经信委 (jxw), whose policies the seed's applications and payments are of
let bank: Client; // staff of the bank with the demo leads and loans (cqrcb)
let data: Client;
let leader: Client;
let dispatcher: Client;
let ent: Client; // a user of the showcase enterprise
let cadre: TestClient & { userId: number }; // the demo cadre, who made visits
let showcase: { id: number; orgId: number };

async function orgOf(code: string): Promise<number> {
  return (await t.app.db.selectFrom('organizations').where('code', '=', code).select('id').executeTakeFirstOrThrow()).id;
}

/** The audit entries of `action` by `userId` written since `after`. */
async function entries(after: number, userId: number, action: string) {
  return t.app.db.selectFrom('audit_log').where('id', '>', after).where('actor_user_id', '=', userId).where('action', '=', action).selectAll().execute();
}

async function lastAuditId(): Promise<number> {
  return (await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
}

/** GETs `url` as `client` (200) and returns the audit entries of `action` it left. */
async function read(client: TestClient, userId: number, url: string, action: string) {
  const before = await lastAuditId();
  const response = await client.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return entries(before, userId, action);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCounty(t.app.db, { enterprises: 40, seed: 20261209 });
  dept = await signIn(t.app, ['department_staff'], await orgOf('jxw'));
  bank = await signIn(t.app, ['bank_staff'], await orgOf('cqrcb'));
  const platform = (await t.app.db.selectFrom('organizations').where('type', '=', 'platform').select('id').executeTakeFirstOrThrow()).id;
  data = await signIn(t.app, ['data_admin'], platform);
  leader = await signIn(t.app, ['leader'], platform);
  dispatcher = await signIn(t.app, ['dispatcher'], (await t.app.db.selectFrom('organizations').where('type', '=', 'dispatch_centre').select('id').executeTakeFirstOrThrow()).id);
  const showcaseRow = await t.app.db.selectFrom('enterprises').innerJoin('organizations', 'organizations.id', 'enterprises.org_id').where('organizations.type', '=', 'enterprise').select(['enterprises.id', 'enterprises.org_id']).executeTakeFirstOrThrow();
  showcase = { id: showcaseRow.id, orgId: showcaseRow.org_id! };
  ent = await signIn(t.app, ['enterprise_user'], showcase.orgId);
  const cadreClient = new TestClient(t.app);
  expect((await cadreClient.login('cadre', DEMO_PASSWORD)).statusCode).toBe(200);
  const cadreUser = await t.app.db.selectFrom('users').where('username', '=', 'cadre').select('id').executeTakeFirstOrThrow();
  cadre = Object.assign(cadreClient, { userId: cadreUser.id });
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('cross-organisation reads are audited, one entry per request', () => {
  it('lists: a department its applications and payments, with the filter and the count; the enterprise its own, not', async () => {
    const [applications] = await read(dept, dept.user.id, '/api/applications?status=submitted&pageSize=5', 'application.list');
    expect(applications).toBeDefined();
    expect(applications.actor_org_id).toBe(dept.user.orgId);
    expect(applications.target_type).toBe('application');
    expect(applications.details).toMatchObject({ scope: 'department', filter: { status: 'submitted' }, page: { page: 1, pageSize: 5 } });
    expect(typeof (applications.details as { count: number }).count).toBe('number');
    expect(await read(dept, dept.user.id, '/api/disbursements', 'disbursement.list')).toHaveLength(1);

    expect(await read(ent, ent.user.id, '/api/applications', 'application.list')).toHaveLength(0);
    expect(await read(ent, ent.user.id, '/api/disbursements', 'disbursement.list')).toHaveLength(0);
  });

  it('a payment read by the paying department names it; the enterprise paid reads its own unrecorded', async () => {
    const payment = await t.app.db
      .selectFrom('disbursements')
      .innerJoin('policies', 'policies.id', 'disbursements.policy_id')
      .where('policies.department_org_id', '=', dept.user.orgId)
      .select(['disbursements.id', 'disbursements.enterprise_id'])
      .executeTakeFirstOrThrow();
    const found = await read(dept, dept.user.id, `/api/disbursements/${payment.id}`, 'disbursement.read');
    expect(found.map((e) => [e.target_type, e.target_id, (e.details as { enterpriseId: number }).enterpriseId])).toEqual([['disbursement', String(payment.id), payment.enterprise_id]]);

    const own = await t.app.db.selectFrom('disbursements').where('enterprise_id', '=', showcase.id).select('id').executeTakeFirst();
    if (own) expect(await read(ent, ent.user.id, `/api/disbursements/${own.id}`, 'disbursement.read')).toHaveLength(0);
  });

  it('the consents a bank received, the disputes the data admin handles, a grant the department runs', async () => {
    expect(await read(bank, bank.user.id, '/api/consents/received', 'consent.list_received')).toHaveLength(1);
    const [disputes] = await read(data, data.user.id, '/api/disputes?status=open', 'dispute.list');
    expect(disputes.details).toMatchObject({ filter: { status: 'open' } });

    const grant = await t.app.db.selectFrom('auto_grants').innerJoin('policies', 'policies.id', 'auto_grants.policy_id').where('policies.department_org_id', '=', dept.user.orgId).select('auto_grants.id').executeTakeFirst();
    if (grant) {
      const found = await read(dept, dept.user.id, `/api/auto-grants/${grant.id}`, 'auto_grant.read');
      expect(found.map((e) => [e.target_type, e.target_id])).toEqual([['auto_grant', String(grant.id)]]);
    }
  });

  it('loan leads and loans read by the bank and the leader; the borrower reads its own unrecorded', async () => {
    expect(await read(bank, bank.user.id, '/api/finance/applications', 'loan_application.list')).toHaveLength(1);
    const lead = await t.app.db.selectFrom('loan_applications').where('bank_org_id', '=', bank.user.orgId).select(['id', 'enterprise_id']).executeTakeFirstOrThrow();
    const [leadRead] = await read(bank, bank.user.id, `/api/finance/applications/${lead.id}`, 'loan_application.read');
    expect([leadRead.target_type, leadRead.target_id, (leadRead.details as { enterpriseId: number }).enterpriseId]).toEqual(['loan_application', String(lead.id), lead.enterprise_id]);

    expect(await read(leader, leader.user.id, '/api/finance/loans', 'loan.list')).toHaveLength(1);
    const loan = await t.app.db.selectFrom('loans').select(['id', 'enterprise_id']).executeTakeFirstOrThrow();
    expect((await read(leader, leader.user.id, `/api/finance/loans/${loan.id}`, 'loan.read')).map((e) => e.target_id)).toEqual([String(loan.id)]);

    // The borrower: its own leads and loans (the showcase enterprise has both in the demo).
    expect(await read(ent, ent.user.id, '/api/finance/applications', 'loan_application.list')).toHaveLength(0);
    expect(await read(ent, ent.user.id, '/api/finance/loans', 'loan.list')).toHaveLength(0);
    const ownLoan = await t.app.db.selectFrom('loans').where('enterprise_id', '=', showcase.id).select('id').executeTakeFirst();
    if (ownLoan) expect(await read(ent, ent.user.id, `/api/finance/loans/${ownLoan.id}`, 'loan.read')).toHaveLength(0);
  });

  it('a demand read by the dispatch centre; the enterprise reads its own unrecorded', async () => {
    const demand = await t.app.db.selectFrom('demands').where('enterprise_id', '=', showcase.id).select(['id']).executeTakeFirstOrThrow();
    const found = await read(dispatcher, dispatcher.user.id, `/api/demands/${demand.id}`, 'demand.read');
    expect(found.map((e) => [e.target_type, e.target_id, (e.details as { enterpriseId: number }).enterpriseId])).toEqual([['demand', String(demand.id), showcase.id]]);
    expect(await read(ent, ent.user.id, `/api/demands/${demand.id}`, 'demand.read')).toHaveLength(0);
  });

  it('visits read by the leader; the visiting cadre reads their own unrecorded', async () => {
    expect(await read(leader, leader.user.id, '/api/visits', 'visit.list')).toHaveLength(1);
    const visit = await t.app.db.selectFrom('visits').innerJoin('cadres', 'cadres.id', 'visits.cadre_id').where('cadres.user_id', '=', cadre.userId).select('visits.id').executeTakeFirstOrThrow();
    expect((await read(leader, leader.user.id, `/api/visits/${visit.id}`, 'visit.read')).map((e) => e.target_id)).toEqual([String(visit.id)]);
    expect(await read(cadre, cadre.userId, `/api/visits/${visit.id}`, 'visit.read')).toHaveLength(0);
    expect(await read(cadre, cadre.userId, '/api/visits', 'visit.list')).toHaveLength(0);
  });

  it('a list is one entry however many rows it shows', async () => {
    const before = await lastAuditId();
    const response = await leader.get('/api/applications?pageSize=50');
    expect(response.json<{ items: unknown[] }>().items.length).toBeGreaterThan(1);
    const rows = await sql<{ n: number }>`select count(*)::int as n from audit_log where id > ${before}`.execute(t.app.db);
    expect(rows.rows[0].n).toBe(1);
  });
});
