/**
 * Issue 12, small fixes found using the rule language as a county would:
 * - the bound of a benefit chosen by cases (按情形) is the MATCHING case's bound, not the largest case's:
 *   a firm in the 5万 case cannot be approved 50万 because another case says 最高 50万;
 * - an eligibility-only policy ({none: true}: 资格认定) is approved without an amount, goes through its
 *   notice and never reaches disbursement as money (refused by the payments module and by the database).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN as WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createApplication, signInApplicant } from '../factories/applications.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

type Client = Awaited<ReturnType<typeof signIn>>;
interface Detail {
  id: number;
  status: string;
  currentStep: { key: string } | null;
  steps: { key: string }[];
  estimatedAmountFen: number | null;
  approvedAmountFen: number | null;
  amountBoundFen: number | null;
}

let t: TestApp;
let db: Kysely<DB>;
let maker: Client;
let checker: Client;
let casesPolicy: number;
let eligibilityPolicy: number;

/** 上年度主营业务收入 1亿元以上的：最高 50万元（评审核定）；其他：定额 5万元. */
const CASES = {
  amount: {
    cases: [{ when: { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { yi: 1 } }, amount: { upTo: { wan: 50 } } }],
    otherwise: { fixed: { wan: 5 } },
  },
};

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const deptId = await createOrg(db, 'department', '县工业和信息化局');
  maker = await signIn(t.app, ['department_staff'], deptId);
  checker = await signIn(t.app, ['department_staff'], deptId);
  casesPolicy = (await createPolicy(t.app, { author: maker, body: { title: '工业企业分类奖励', summary: '营收1亿元以上的最高奖励50万元，其他奖励5万元。', benefit: CASES } })).id;
  eligibilityPolicy = (await createPolicy(t.app, { author: maker, body: { title: '县级重点工业企业认定', summary: '认定为县级重点工业企业，不涉及资金。', benefit: { amount: { none: true } } } })).id;
});
afterAll(async () => {
  await t.close();
});

async function atLastStep(policyId: number, revenueWan: number): Promise<Detail> {
  const enterprise = await createManufacturer(db, revenueWan);
  const applicant = await signInApplicant(t.app, { enterprise });
  const { id } = await createApplication(t.app, { policyId, applicant, state: 'accepted', reviewers: [maker, checker] });
  for (;;) {
    const detail = (await maker.get(`/api/applications/${id}`)).json<Detail>();
    if (detail.currentStep?.key === detail.steps[detail.steps.length - 3].key) return detail;
    expect((await maker.post(`/api/applications/${id}/approve-step`, {})).statusCode).toBe(200);
  }
}

const approve = (id: number, body: Record<string, unknown>) => checker.post(`/api/applications/${id}/approve-step`, body);

describe(`cases: the matching case bounds the approval (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a firm in the 5万 case cannot be approved above 5万 although another case allows 最高 50万 (regression)', async () => {
    const small = await atLastStep(casesPolicy, 3000);
    expect(small).toMatchObject({ estimatedAmountFen: 5 * WAN, amountBoundFen: 5 * WAN });
    const above = await approve(small.id, { approvedAmountFen: 50 * WAN, reason: '按最高额核定' });
    expect(above.statusCode, above.body).toBe(400);
    expect(above.json().error.details[0]).toMatchObject({ path: 'body/approvedAmountFen', reason: 'amount_above_bound', boundFen: 5 * WAN });
    expect((await approve(small.id, {})).json()).toMatchObject({ status: 'approved', approvedAmountFen: 5 * WAN, amountBoundFen: 5 * WAN });
  });
  it('a firm in the 最高 50万 case is decided by the reviewer within [0, 50万]', async () => {
    const big = await atLastStep(casesPolicy, 15000);
    expect(big).toMatchObject({ estimatedAmountFen: null, amountBoundFen: 50 * WAN });
    expect((await approve(big.id, { approvedAmountFen: 50 * WAN + 1, reason: '专家评审' })).statusCode).toBe(400);
    expect((await approve(big.id, { approvedAmountFen: 30 * WAN, reason: '专家评审核定30万元' })).json()).toMatchObject({ status: 'approved', approvedAmountFen: 30 * WAN });
  });
});

describe('eligibility only: approved without an amount, never paid', () => {
  it('approves, passes its notice, and refuses any payment (409 eligibility_only; the database refuses too)', async () => {
    const app = await atLastStep(eligibilityPolicy, 3000);
    expect(app).toMatchObject({ estimatedAmountFen: 0, amountBoundFen: 0 });
    const withMoney = await approve(app.id, { approvedAmountFen: 1, reason: '奖励' });
    expect(withMoney.statusCode).toBe(400);
    expect(withMoney.json().error.details[0]).toMatchObject({ path: 'body/approvedAmountFen', reason: 'eligibility_only' });
    const approved = await approve(app.id, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedAmountFen: null });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'application.approve_step').where('target_id', '=', String(app.id)).select('details').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ eligibilityOnly: true, approvedAmountFen: null, boundFen: 0 });

    expect((await maker.post(`/api/applications/${app.id}/start-notice`)).statusCode).toBe(200);
    await sql`update applications set notice_until = now() - interval '1 minute' where id = ${app.id}`.execute(db);
    const { passDueApplicationNotices } = await import('../../src/server/modules/applications/applications.review.ts');
    await passDueApplicationNotices(db);
    const row = await db.selectFrom('applications').where('id', '=', app.id).select(['status', 'eligibility_only', 'approved_amount_fen', 'step_due_at']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'notice_passed', eligibility_only: true, approved_amount_fen: null, step_due_at: null });

    const events = await db.selectFrom('application_events').where('application_id', '=', app.id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const amountFen of [1, 5 * WAN]) {
      const pay = await maker.post('/api/disbursements', { applicationId: app.id, amountFen });
      expect(pay.statusCode, pay.body).toBe(409);
      expect(pay.json().error.details[0]).toMatchObject({ reason: 'eligibility_only' });
    }
    expect(await db.selectFrom('disbursements').where('application_id', '=', app.id).selectAll().execute()).toEqual([]);
    const after = await db.selectFrom('application_events').where('application_id', '=', app.id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(events.n));
    // Not even a direct write gives it money or the paid state.
    await expect(db.updateTable('applications').set({ approved_amount_fen: 5 * WAN }).where('id', '=', app.id).execute()).rejects.toMatchObject({ code: '23514' });
    await expect(db.updateTable('applications').set({ status: 'paid' }).where('id', '=', app.id).execute()).rejects.toMatchObject({ code: '23514' });
    // And an ordinary application still needs its amount once approved.
    await expect(db.updateTable('applications').set({ approved_amount_fen: null }).where('status', '=', 'approved').where('eligibility_only', '=', false).execute()).rejects.toMatchObject({ code: '23514' });
  });
});
