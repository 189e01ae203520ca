import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { sweepDeadlines } from '../../src/server/modules/loans/loans.applications.service.ts';
import { sweepOverdue } from '../../src/server/modules/loans/loans.loans.service.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { signIn } from '../factories/enterprises.ts';
import { applicationBody, productBody, publishedProduct, signInBank, signInBorrower, signInFinance, type Client } from '../factories/loans.ts';

let t: TestApp;
let db: Kysely<DB>;
let bank: Client;
let otherBank: Client;
let finance: Client;
let ent: Client & { enterpriseId: number };
let small: Client & { enterpriseId: number };
let productId: number;

const count = async (table: 'loan_applications' | 'consents' | 'loans' | 'loan_events' | 'audit_log') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const snapshot = async () => ({ apps: await count('loan_applications'), consents: await count('consents'), loans: await count('loans'), events: await count('loan_events') });

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  bank = await signInBank(t.app, '重庆农村商业银行垫江支行');
  otherBank = await signInBank(t.app, '中国银行垫江支行');
  finance = await signInFinance(t.app);
  ent = await signInBorrower(t.app, 2_000);
  small = await signInBorrower(t.app, 100);
  productId = await publishedProduct(bank, finance, { code: 'TESTCREDIT' });
});
afterAll(async () => {
  await t.close();
});

describe('loan products (drafted by a bank, approved by 金融办, versioned)', () => {
  it('a bank drafts, submits; only the finance office approves; a new version supersedes the old', async () => {
    const created = await bank.post('/api/finance/products', productBody({ code: 'VERSIONED', name: '税易贷' }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().pending).toMatchObject({ version: 1, status: 'draft', name: '税易贷' });
    expect(created.json().pending.targetRuleText.zh).toContain('主营业务收入');
    // Enterprises do not see a draft.
    expect((await ent.get(`/api/finance/products/${id}`)).statusCode).toBe(404);
    expect((await bank.patch(`/api/finance/products/${id}`, { rateMinBp: 380 })).json().pending.rateMinBp).toBe(380);
    expect((await bank.post(`/api/finance/products/${id}/submit`, {})).json().pending.status).toBe('in_review');
    // Terms frozen once submitted.
    expect((await bank.patch(`/api/finance/products/${id}`, { rateMinBp: 390 })).statusCode).toBe(409);
    // A bank cannot approve, even its own.
    expect((await bank.post(`/api/finance/products/${id}/approve`, {})).statusCode).toBe(403);
    // Other department staff are not the finance office.
    const dept = await signIn(t.app, ['department_staff']);
    expect((await dept.post(`/api/finance/products/${id}/approve`, {})).statusCode).toBe(403);
    const approved = await finance.post(`/api/finance/products/${id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json().published).toMatchObject({ version: 1, status: 'published', rateMinBp: 380 });

    // Version 2: drafted from the published one, rejected once with a reason, then approved.
    expect((await bank.post(`/api/finance/products/${id}/versions`, {})).statusCode).toBe(201);
    expect((await bank.post(`/api/finance/products/${id}/versions`, {})).statusCode).toBe(409);
    await bank.patch(`/api/finance/products/${id}`, { amountMaxFen: 5_000_000_00 });
    await bank.post(`/api/finance/products/${id}/submit`, {});
    expect((await finance.post(`/api/finance/products/${id}/reject`, { reason: '利率区间需说明定价依据' })).json().versions[0]).toMatchObject({ version: 2, status: 'rejected', rejectReason: '利率区间需说明定价依据' });
    await bank.post(`/api/finance/products/${id}/versions`, {});
    await bank.patch(`/api/finance/products/${id}`, { amountMaxFen: 5_000_000_00 });
    await bank.post(`/api/finance/products/${id}/submit`, {});
    const v3 = (await finance.post(`/api/finance/products/${id}/approve`, {})).json();
    expect(v3.published).toMatchObject({ version: 3, amountMaxFen: 5_000_000_00 });
    expect(v3.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[3, 'published'], [2, 'rejected'], [1, 'superseded']]);
    // The enterprise sees only the published version.
    expect((await ent.get(`/api/finance/products/${id}`)).json().versions.map((v: { version: number }) => v.version)).toEqual([3]);
    // Another bank cannot edit it.
    expect((await otherBank.post(`/api/finance/products/${id}/versions`, {})).statusCode).toBe(403);
    const audit = await db.selectFrom('audit_log').where('target_type', '=', 'loan_product').where('target_id', '=', String(id)).select('action').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['loan_product.create', 'loan_product.submit', 'loan_product.approve', 'loan_product.reject', 'loan_product.version']));
  });

  it('refuses an invalid target rule or ranges at save, with paths, and creates nothing', async () => {
    const before = Number((await db.selectFrom('loan_products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const badRule = await bank.post('/api/finance/products', productBody({ targetRule: { left: { fact: 'no_such_fact', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 1 } } }));
    expect(badRule.statusCode).toBe(400);
    expect(JSON.stringify(badRule.json().error.details)).toContain('body/targetRule');
    const badRange = await bank.post('/api/finance/products', productBody({ amountMinFen: 500, amountMaxFen: 100 }));
    expect(badRange.statusCode).toBe(400);
    expect(badRange.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body/amountMaxFen' })]));
    expect(Number((await db.selectFrom('loan_products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    // Only bank staff draft products.
    expect((await ent.post('/api/finance/products', productBody())).statusCode).toBe(403);
  });
});

describe('金融超市 (marketplace)', () => {
  it('lists the products matched to my enterprise with the explanation clause by clause', async () => {
    const mine = (await ent.get('/api/finance/marketplace')).json();
    const item = mine.items.find((i: { productId: number }) => i.productId === productId);
    expect(item).toMatchObject({ outcome: 'eligible', bank: { name: '重庆农村商业银行垫江支行' } });
    expect(item.explanation.zh.join('\n')).toContain('主营业务收入');
    expect(item.exampleMonthlyPaymentFen).toBeGreaterThan(0);
    expect(mine.comparison.find((c: { productType: string }) => c.productType === 'credit').matched).toBeGreaterThanOrEqual(1);
    // The small enterprise does not match; with includeUnmatched it sees why.
    const theirs = (await small.get('/api/finance/marketplace')).json();
    expect(theirs.items.find((i: { productId: number }) => i.productId === productId)).toBeUndefined();
    const why = (await small.get('/api/finance/marketplace?includeUnmatched=true')).json().items.find((i: { productId: number }) => i.productId === productId);
    expect(why.outcome).toBe('ineligible');
    expect(why.explanation.zh.length).toBeGreaterThan(0);
    expect((await bank.get('/api/finance/marketplace')).statusCode).toBe(403);
  });
});

describe('loan applications under consent', () => {
  let applicationId: number;

  it('applying grants the bank a consent for the product’s categories, purpose 贷款, the period, in the same step', async () => {
    const response = await ent.post('/api/finance/applications', applicationBody(productId, { consentMonths: 6 }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    applicationId = body.id;
    expect(body).toMatchObject({ status: 'submitted', amountFen: 500_000_00, bank: { id: bank.user.orgId }, overdue: false });
    const consent = await db.selectFrom('consents').where('id', '=', body.consent.id).selectAll().executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ enterprise_id: ent.enterpriseId, grantee_org_id: bank.user.orgId, purpose: '贷款', revoked_at: null });
    expect([...consent.categories].sort()).toEqual(['operations', 'tax']);
    const months = (consent.valid_until.getTime() - consent.valid_from.getTime()) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(5.8);
    expect(months).toBeLessThan(6.2);
    expect(body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    // The response deadline is 10 working days away on the county calendar (at least 14 calendar days).
    expect(new Date(body.dueAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
    const events = await db.selectFrom('domain_events').where('type', '=', 'loan.applied').select('payload').execute();
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ applicationId, consentId: consent.id }));
    // The bank sees the lead; another bank does not.
    expect((await bank.get('/api/finance/applications')).json().items.map((i: { id: number }) => i.id)).toContain(applicationId);
    expect((await otherBank.get('/api/finance/applications')).json().items.map((i: { id: number }) => i.id)).not.toContain(applicationId);
    expect((await otherBank.get(`/api/finance/applications/${applicationId}`)).statusCode).toBe(404);
    expect((await finance.get(`/api/finance/applications/${applicationId}`)).statusCode).toBe(200);
    // A second open application for the same product is refused.
    expect((await ent.post('/api/finance/applications', applicationBody(productId))).statusCode).toBe(409);
  });

  it('refuses applying without consent, outside the ranges or outside the target, and changes nothing', async () => {
    const other = await publishedProduct(bank, finance);
    const before = await snapshot();
    const { consentMonths: _omit, ...withoutConsent } = applicationBody(other);
    expect((await ent.post('/api/finance/applications', withoutConsent)).statusCode).toBe(400);
    const tooMuch = await ent.post('/api/finance/applications', applicationBody(other, { amountFen: 9_000_000_00 }));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.details).toEqual([expect.objectContaining({ path: 'body/amountFen' })]);
    const tooLong = await ent.post('/api/finance/applications', applicationBody(other, { termMonths: 60 }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].path).toBe('body/termMonths');
    expect((await ent.post('/api/finance/applications', applicationBody(other, { termMonths: 3 }))).statusCode).toBe(400);
    expect((await ent.post('/api/finance/applications', applicationBody(other, { amountFen: 1_000 }))).statusCode).toBe(400);
    expect((await small.post('/api/finance/applications', applicationBody(other))).statusCode).toBe(422);
    expect((await bank.post('/api/finance/applications', applicationBody(other))).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('a decision on another bank’s lead is refused and changes nothing', async () => {
    const before = await snapshot();
    const response = await otherBank.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'approve', amountFen: 500_000_00, rateBp: 400, termMonths: 12 });
    expect(response.statusCode).toBe(403);
    expect((await otherBank.post(`/api/finance/applications/${applicationId}/notes`, { kind: 'site_visit', text: '走访' })).statusCode).toBe(403);
    expect((await ent.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'refuse', reasonCode: 'other', text: 'x' })).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await db.selectFrom('loan_applications').where('id', '=', applicationId).select('status').executeTakeFirstOrThrow()).status).toBe('submitted');
  });

  it('the bank verifies, approves within the terms, signs, disburses once; the schedule is exact', async () => {
    expect((await bank.post(`/api/finance/applications/${applicationId}/notes`, { kind: 'site_visit', text: '实地走访厂区，设备运转正常，订单饱满。', visitedOn: '2026-01-05' })).json().status).toBe('in_review');
    const outside = await bank.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'approve', amountFen: 500_000_00, rateBp: 900, termMonths: 12 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('body/rateBp');
    const more = await bank.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'approve', amountFen: 600_000_00, rateBp: 400, termMonths: 12 });
    expect(more.statusCode).toBe(400);
    // Disbursing before a contract is refused.
    expect((await bank.post(`/api/finance/applications/${applicationId}/disburse`, {})).statusCode).toBe(409);
    const approved = await bank.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'approve', amountFen: 400_000_00, rateBp: 435, termMonths: 12 });
    expect(approved.json()).toMatchObject({ status: 'approved', approved: { amountFen: 400_000_00, rateBp: 435, termMonths: 12 } });
    expect((await bank.post(`/api/finance/applications/${applicationId}/decision`, { decision: 'refuse', reasonCode: 'other', text: '改主意' })).statusCode).toBe(409);
    expect((await bank.post(`/api/finance/applications/${applicationId}/contract`, { contractNo: 'DJ-2026-0001' })).json().status).toBe('contracted');
    const disbursed = await bank.post(`/api/finance/applications/${applicationId}/disburse`, { reference: 'FK0001' });
    expect(disbursed.statusCode).toBe(201);
    const loan = disbursed.json();
    expect(loan).toMatchObject({ status: 'active', principalFen: 400_000_00, outstandingPrincipalFen: 400_000_00, isFirstLoan: true });
    expect(loan.schedule).toHaveLength(12);
    expect(loan.schedule.reduce((s: number, i: { principalFen: number }) => s + i.principalFen, 0)).toBe(400_000_00);
    expect(loan.schedule[0].principalFen + loan.schedule[0].interestFen).toBe(loan.schedule[5].principalFen + loan.schedule[5].interestFen);

    const before = await snapshot();
    const again = await bank.post(`/api/finance/applications/${applicationId}/disburse`, {});
    expect(again.statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);

    // The enterprise sees the loan and the timeline of its application.
    const detail = (await ent.get(`/api/finance/applications/${applicationId}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'note', 'approve', 'contract', 'disburse']);
    expect(detail.loanId).toBe(loan.id);
    expect((await ent.get('/api/finance/loans')).json().items.map((l: { id: number }) => l.id)).toEqual([loan.id]);
    expect((await otherBank.get(`/api/finance/loans/${loan.id}`)).statusCode).toBe(404);
    const actions = await db.selectFrom('audit_log').where('target_type', 'in', ['loan_application', 'loan']).select('action').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['loan_application.submit', 'loan_application.note', 'loan_application.approve', 'loan_application.contract', 'loan.disburse']));

    // Repayments: the first instalment, then more than owed refused; overdue by the sweep; default; recovery.
    const first = loan.schedule[0];
    const repaid = (await bank.post(`/api/finance/loans/${loan.id}/repayments`, { amountFen: first.principalFen + first.interestFen })).json();
    expect(repaid.schedule[0].settledOn).not.toBeNull();
    expect(repaid.outstandingPrincipalFen).toBe(400_000_00 - first.principalFen);
    expect((await bank.post(`/api/finance/loans/${loan.id}/repayments`, { amountFen: 900_000_00 })).statusCode).toBe(422);
    expect((await otherBank.post(`/api/finance/loans/${loan.id}/repayments`, { amountFen: 100 })).statusCode).toBe(403);

    const late = loan.schedule[2].dueOn;
    const dayAfter = new Date(Date.parse(`${late}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await sweepOverdue(db, dayAfter)).toEqual({ overdue: 1, cured: 0 });
    expect(await sweepOverdue(db, dayAfter)).toEqual({ overdue: 0, cured: 0 });
    const overdue = await db.selectFrom('loans').where('id', '=', loan.id).selectAll().executeTakeFirstOrThrow();
    expect(overdue).toMatchObject({ status: 'overdue', overdue_since: loan.schedule[1].dueOn });

    const defaulted = await bank.post(`/api/finance/loans/${loan.id}/default`, { reason: '企业停产，无力还款' });
    expect(defaulted.json()).toMatchObject({ status: 'defaulted', defaultAmountFen: 400_000_00 - first.principalFen });
    expect((await bank.post(`/api/finance/loans/${loan.id}/default`, { reason: '再次' })).statusCode).toBe(409);
    expect((await bank.post(`/api/finance/loans/${loan.id}/recoveries`, { amountFen: 400_000_00 })).statusCode).toBe(422);
    const recovered = await bank.post(`/api/finance/loans/${loan.id}/recoveries`, { amountFen: 100_000_00, note: '处置抵押设备' });
    expect(recovered.json()).toMatchObject({ status: 'defaulted', recoveredFen: 100_000_00 });
    const types = (await db.selectFrom('domain_events').where('type', 'like', 'loan.%').select('type').execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['loan.applied', 'loan.decided', 'loan.disbursed', 'loan.repaid', 'loan.defaulted', 'loan.recovered']));
  });

  it('a refusal reason and text are shown to the enterprise', async () => {
    const other = await publishedProduct(bank, finance);
    const app = (await ent.post('/api/finance/applications', applicationBody(other))).json();
    const refused = await bank.post(`/api/finance/applications/${app.id}/decision`, { decision: 'refuse', reasonCode: 'high_leverage', text: '资产负债率超过75%，建议降低负债后再申请。' });
    expect(refused.statusCode).toBe(200);
    const seen = (await ent.get(`/api/finance/applications/${app.id}`)).json();
    expect(seen).toMatchObject({ status: 'refused', refusal: { code: 'high_leverage', label: { zh: '负债水平过高' }, text: '资产负债率超过75%，建议降低负债后再申请。' } });
    const notice = await db.selectFrom('notifications').where('kind', '=', 'loan.decided').where('user_id', '=', ent.user.id).select(['body_zh']).execute();
    expect(notice.map((n) => n.body_zh).join()).toContain('负债水平过高');
  });

  it('revoking the consent is visible on the application (the bank loses the data from then on)', async () => {
    const other = await publishedProduct(bank, finance);
    const app = (await ent.post('/api/finance/applications', applicationBody(other))).json();
    expect(app.consent.active).toBe(true);
    expect((await ent.post(`/api/me/consents/${app.consent.id}/revoke`, {})).statusCode).toBe(200);
    expect((await bank.get(`/api/finance/applications/${app.id}`)).json().consent).toMatchObject({ active: false });
    const withdrawn = await ent.post(`/api/finance/applications/${app.id}/withdraw`, {});
    expect(withdrawn.json().status).toBe('withdrawn');
  });
});

describe('races and object-level authorisation', () => {
  it('two disbursements racing end in one loan and a 409', async () => {
    const other = await publishedProduct(bank, finance);
    const app = (await ent.post('/api/finance/applications', applicationBody(other, { repaymentMethod: 'bullet', termMonths: 6 }))).json();
    await bank.post(`/api/finance/applications/${app.id}/decision`, { decision: 'approve', amountFen: 200_000_00, rateBp: 400, termMonths: 6 });
    await bank.post(`/api/finance/applications/${app.id}/contract`, { contractNo: 'DJ-RACE-1' });
    const results = await Promise.all([bank.post(`/api/finance/applications/${app.id}/disburse`, {}), bank.post(`/api/finance/applications/${app.id}/disburse`, {})]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await db.selectFrom('loans').where('application_id', '=', app.id).select('id').execute()).toHaveLength(1);
    const loan = results.find((r) => r.statusCode === 201)!.json();
    expect(loan.schedule).toEqual([expect.objectContaining({ seq: 1, principalFen: 200_000_00, interestFen: 400_000 })]);
  });

  it('an enterprise sees only its own applications and loans; the finance office sees all', async () => {
    const mine = (await ent.get('/api/finance/applications')).json().items as { id: number }[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await small.get(`/api/finance/applications/${mine[0].id}`)).statusCode).toBe(404);
    expect((await small.get('/api/finance/applications')).json().total).toBe(0);
    expect((await small.get('/api/finance/loans')).json().total).toBe(0);
    const all = (await finance.get('/api/finance/applications?pageSize=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(mine.length);
    // Department staff outside the finance office, and auditors, see no loans.
    const dept = await signIn(t.app, ['department_staff']);
    expect((await dept.get('/api/finance/applications')).statusCode).toBe(403);
    const auditor = await signIn(t.app, ['auditor']);
    expect((await auditor.get('/api/finance/loans')).statusCode).toBe(403);
  });
});

describe('response deadlines', () => {
  it('warns the bank before the deadline and escalates late leads to the finance office, once', async () => {
    const other = await publishedProduct(bank, finance, { responseDays: 3 });
    const app = (await ent.post('/api/finance/applications', applicationBody(other))).json();
    const due = new Date(app.dueAt);
    // Before the warning horizon: nothing. Within it: a warning. After the deadline: the escalation.
    const early = await sweepDeadlines(db, new Date(due.getTime() - 20 * 86_400_000));
    expect(early.warned).toBe(0);
    expect((await sweepDeadlines(db, new Date(due.getTime() - 3_600_000))).warned).toBeGreaterThanOrEqual(1);
    const late = new Date(due.getTime() + 3_600_000);
    expect((await sweepDeadlines(db, late)).escalated).toBeGreaterThanOrEqual(1);
    expect(await sweepDeadlines(db, late)).toEqual({ warned: 0, escalated: 0 });
    const escalated = await db.selectFrom('notifications').where('kind', '=', 'loan.deadline_missed').where('user_id', '=', finance.user.id).select('params').execute();
    expect(escalated.map((n) => (n.params as { applicationId: number }).applicationId)).toContain(app.id);
    const detail = (await finance.get(`/api/finance/applications/${app.id}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['warn', 'escalate']));
    expect((await db.selectFrom('audit_log').where('action', '=', 'loan_application.escalate').where('target_id', '=', String(app.id)).select('id').execute()).length).toBe(1);
    // The workbench counts the overdue lead (as of now it is not overdue yet: the deadline is in the future).
    const home = (await bank.get('/api/finance/workbench')).json();
    expect(home.applications.submitted).toBeGreaterThanOrEqual(1);
    expect(home.dueSoon.length).toBeGreaterThanOrEqual(1);
  });
});
