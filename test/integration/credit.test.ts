import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERT_SCORECARD } from '../../src/core/credit/expert-default.ts';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { Prng } from '../../src/core/random/prng.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createConsent } from '../factories/consents.ts';
import { createEnterprise, LAST_YEAR, signIn, type FactValue } from '../factories/enterprises.ts';
import { createBank, createLoanRecord, createProduct, financeOfficeOrg, signInFinanceOffice } from '../factories/risk-pools.ts';

const WAN = FEN_PER_WAN;
type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let office: Client;

const Y = String(LAST_YEAR);
const Y1 = String(LAST_YEAR - 1);

/** A firm with facts in every category: a clean tax record, one overdue loan, exports. */
const FACTS: FactValue[] = [
  { code: 'operating_revenue', period: Y, value: 2400 * WAN },
  { code: 'operating_revenue', period: Y1, value: 2000 * WAN },
  { code: 'employees', period: Y, value: 60, source: 'statistics' },
  { code: 'insured_employees', period: Y, value: 57, source: 'social_insurance' },
  { code: 'tax_paid', period: Y, value: 90 * WAN, source: 'tax' },
  { code: 'tax_paid', period: Y1, value: 80 * WAN, source: 'tax' },
  { code: 'tax_credit_grade', period: Y, value: 'A', source: 'tax' },
  { code: 'tax_arrears', period: Y, value: 0, source: 'tax' },
  { code: 'loan_overdue_count', period: Y, value: 1, source: 'bank' },
  { code: 'court_enforcements', period: Y, value: 0, source: 'credit' },
  { code: 'dishonest_debtor', period: Y, value: 0, source: 'credit' },
  { code: 'utility_arrears', period: Y, value: 0, source: 'electricity' },
  { code: 'social_insurance_arrears', period: Y, value: 0, source: 'social_insurance' },
  { code: 'electricity_kwh', period: Y, value: 900_000, source: 'electricity' },
  { code: 'electricity_kwh', period: Y1, value: 850_000, source: 'electricity' },
  { code: 'exports', period: Y, value: 300 * WAN, source: 'tax' },
];

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  await financeOfficeOrg(db);
  office = await signInFinanceOffice(t.app);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/me/credit-assessment', () => {
  it('answers exactly {score, grade, dimensions, reasons, suggestedLimitFen, modelVersion} and records the assessment', async () => {
    const enterprise = await createEnterprise(db, { withOrg: true, indicators: FACTS });
    const user = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
    const response = await user.get('/api/me/credit-assessment');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['dimensions', 'grade', 'modelVersion', 'reasons', 'score', 'suggestedLimitFen']);
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.score).toBeLessThanOrEqual(1000);
    expect(body.modelVersion).toBe(1); // the default expert scorecard, created at first use
    expect(body.dimensions.map((d: { code: string }) => d.code)).toEqual(['tax', 'obligation', 'operations', 'scenario']);
    // the one overdue loan costs points and is named, with what would raise the score
    const overdue = body.reasons.find((r: { code: string }) => r.code === 'loan_overdue_3y');
    expect(overdue).toMatchObject({ dimension: 'obligation', textZh: '近三年贷款逾期：1 次' });
    expect(overdue.adviceZh).toBeTruthy();
    expect(body.suggestedLimitFen % WAN).toBe(0);
    expect(body.suggestedLimitFen).toBeGreaterThan(0);

    const rows = await db.selectFrom('credit_assessments').where('enterprise_id', '=', enterprise.id).selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'self', model_version: 1, score: body.score, grade: body.grade, requested_by: user.user.id });
    const inputs = rows[0].inputs as { referenceYear: number; features: Record<string, number | null> };
    expect(inputs.referenceYear).toBe(LAST_YEAR);
    expect(inputs.features.loan_overdue_3y).toBe(1);
    expect(inputs.features.revenue_wan).toBe(2400);
  });

  it('is for enterprise users only', async () => {
    const bank = await signIn(t.app, ['bank_staff'], await createBank(db));
    expect((await bank.get('/api/me/credit-assessment')).statusCode).toBe(403);
    expect((await office.get('/api/me/credit-assessment')).statusCode).toBe(403);
  });
});

describe('a lead’s credit report', () => {
  let bankOrg: number;
  let bank: Client;
  let enterprise: { id: number; orgId: number | null };
  let applicationId: number;
  let consentId: number;

  beforeAll(async () => {
    bankOrg = await createBank(db, '垫江测试银行');
    bank = await signIn(t.app, ['bank_staff'], bankOrg);
    enterprise = await createEnterprise(db, { withOrg: true, indicators: FACTS });
    const product = await createProduct(db, bankOrg);
    ({ applicationId } = await createLoanRecord(db, { productId: product, enterpriseId: enterprise.id, status: 'submitted', amountFen: 100 * WAN }));
    ({ id: consentId } = await createConsent(db, { enterprise, granteeOrgId: bankOrg, categories: ['tax', 'operations'] }));
  });

  it('is built only from the consented categories, and the read is audited', async () => {
    const response = await bank.get(`/api/finance/applications/${applicationId}/credit-report`);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.consentedCategories).toEqual(['operations', 'tax']);
    expect(report.hiddenCategories).toEqual(['employment', 'innovation', 'energy', 'trade', 'compliance']);
    const categories = new Set(report.indicators.map((i: { category: string }) => i.category));
    expect([...categories].sort()).toEqual(['operations', 'tax']);
    expect(report.indicators.find((i: { code: string }) => i.code === 'tax_credit_grade')).toMatchObject({ valueText: 'A', period: Y });
    const feature = (code: string) => report.features.find((f: { code: string }) => f.code === code);
    expect(feature('tax_paid_wan').value).toBe(90);
    expect(feature('revenue_wan').value).toBe(2400);
    // compliance, employment, energy and trade facts exist but are not consented: missing in the report
    expect(feature('loan_overdue_3y').value).toBeNull();
    expect(feature('employees').value).toBeNull();
    expect(feature('exports_wan').value).toBeNull();
    expect(feature('exports_wan').textZh).toBe('无数据');
    expect(report.assessment.score).toBeGreaterThan(0);

    const audit = await db.selectFrom('audit_log').where('action', '=', 'credit_report.read').where('actor_user_id', '=', bank.user.id).selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'enterprise', target_id: String(enterprise.id), outcome: 'success' });
    expect(audit[0].details).toMatchObject({ applicationId, categories: ['operations', 'tax'], consentIds: [consentId] });
    const recorded = await db.selectFrom('credit_assessments').where('application_id', '=', applicationId).selectAll().execute();
    expect(recorded).toHaveLength(1);
    expect(recorded[0].purpose).toBe('lead');
    expect((recorded[0].inputs as { categories: string[] }).categories).toEqual(['operations', 'tax']);
  });

  it('hides everything from the moment the consent is revoked (audited)', async () => {
    await db.updateTable('consents').set({ revoked_at: new Date(Date.now() - 1000), revoked_by: null }).where('id', '=', consentId).execute();
    const response = await bank.get(`/api/finance/applications/${applicationId}/credit-report`);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.consentedCategories).toEqual([]);
    expect(report.assessment).toBeNull();
    expect(report.indicators).toEqual([]);
    expect(report.features).toEqual([]);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'credit_report.read').where('actor_user_id', '=', bank.user.id).orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ categories: [], reason: 'no consent in force: no data shown' });
  });

  it('an expired consent hides its categories too; a new consent shows only its own', async () => {
    await createConsent(db, { enterprise, granteeOrgId: bankOrg, categories: ['compliance'], validFrom: new Date(Date.now() - 10 * 86_400_000), validUntil: new Date(Date.now() - 1000) });
    await createConsent(db, { enterprise, granteeOrgId: bankOrg, categories: ['energy'] });
    const report = (await bank.get(`/api/finance/applications/${applicationId}/credit-report`)).json();
    expect(report.consentedCategories).toEqual(['energy']);
    expect(report.features.find((f: { code: string }) => f.code === 'electricity_trend_pct').value).toBeCloseTo(5.88, 1);
    expect(report.features.find((f: { code: string }) => f.code === 'loan_overdue_3y').value).toBeNull();
  });

  it('is not another bank’s, nor an enterprise user’s to read', async () => {
    const other = await signIn(t.app, ['bank_staff'], await createBank(db));
    expect((await other.get(`/api/finance/applications/${applicationId}/credit-report`)).statusCode).toBe(404);
    const own = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
    expect((await own.get(`/api/finance/applications/${applicationId}/credit-report`)).statusCode).toBe(403);
  });
});

describe('the model registry', () => {
  it('the finance office lists, creates an expert scorecard and activates it; others may not', async () => {
    const list = (await office.get('/api/finance/credit-models')).json();
    expect(list.find((m: { version: number }) => m.version === 1)).toMatchObject({ kind: 'expert', status: 'active' });

    const broken = structuredClone(DEFAULT_EXPERT_SCORECARD);
    broken.dimensions[1].indicators[0].bins[1].upTo = -5;
    const refused = await office.post('/api/finance/credit-models', { name: '错误的卡', definition: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toMatch(/dimensions\[1\]\.indicators\[0\]\.bins\[1\]\.upTo: must be above 0/);

    const card = structuredClone(DEFAULT_EXPERT_SCORECARD);
    card.dimensions[1].indicators[0].bins[0].points = 90; // overdue-free firms earn more
    const created = await office.post('/api/finance/credit-models', { name: '2026版专家评分卡', definition: card });
    expect(created.statusCode).toBe(201);
    const model = created.json();
    expect(model).toMatchObject({ kind: 'expert', status: 'draft', name: '2026版专家评分卡' });

    const bank = await signIn(t.app, ['bank_staff'], await createBank(db));
    expect((await bank.get('/api/finance/credit-models')).statusCode).toBe(403);
    expect((await bank.post(`/api/finance/credit-models/${model.id}/activate`)).statusCode).toBe(403);
    const dept = await signIn(t.app, ['department_staff']);
    expect((await dept.post('/api/finance/credit-models', { name: 'x', definition: card })).statusCode).toBe(403);

    // a draft is edited in place; once active it is frozen
    const edited = await office.patch(`/api/finance/credit-models/${model.id}`, { name: '2026版专家评分卡（修订）' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().name).toBe('2026版专家评分卡（修订）');
    expect((await office.patch(`/api/finance/credit-models/${model.id}`, { definition: broken })).statusCode).toBe(400);

    const activated = await office.post(`/api/finance/credit-models/${model.id}/activate`);
    expect(activated.statusCode).toBe(200);
    expect(activated.json().status).toBe('active');
    const after = (await office.get('/api/finance/credit-models')).json();
    expect(after.filter((m: { status: string }) => m.status === 'active').map((m: { id: number }) => m.id)).toEqual([model.id]);
    expect(after.find((m: { version: number }) => m.version === 1).status).toBe('retired');
    const frozen = await office.patch(`/api/finance/credit-models/${model.id}`, { name: 'x' });
    expect(frozen.statusCode).toBe(409);
    const audit = await db.selectFrom('audit_log').where('action', 'in', ['credit_model.create', 'credit_model.update', 'credit_model.activate']).where('target_id', '=', String(model.id)).select('action').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['credit_model.activate', 'credit_model.create', 'credit_model.update']);

    // the next assessment names the new version
    const enterprise = await createEnterprise(db, { withOrg: true, indicators: FACTS });
    const user = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
    expect((await user.get('/api/me/credit-assessment')).json().modelVersion).toBe(model.version);
    // back to the default for the other tests
    expect((await office.post(`/api/finance/credit-models/${list.find((m: { version: number }) => m.version === 1).id}/activate`)).statusCode).toBe(200);
  });

  it('refuses bad bodies with nothing changed', async () => {
    const before = await db.selectFrom('credit_models').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect((await office.post('/api/finance/credit-models', { name: 'x', definition: { format: 'other' } })).statusCode).toBe(400);
    expect((await office.post('/api/finance/credit-models', { name: 'x', definition: DEFAULT_EXPERT_SCORECARD, extra: 1 })).statusCode).toBe(400);
    expect((await office.post('/api/finance/credit-models/train', { from: '2026-05-01', to: '2026-01-01' })).statusCode).toBe(400);
    expect((await office.post('/api/finance/credit-models/999999/activate')).statusCode).toBe(404);
    const after = await db.selectFrom('credit_models').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('training from the historical loans', () => {
  it('a single class (every loan good) is reported as a failed training, not a crash, and cannot be activated', async () => {
    const bankOrg = await createBank(db);
    const product = await createProduct(db, bankOrg);
    for (let i = 0; i < 3; i++) {
      const e = await createEnterprise(db, { recompute: false });
      await createLoanRecord(db, { productId: product, enterpriseId: e.id, status: 'disbursed', amountFen: 50 * WAN, loan: { disbursedOn: '2001-03-01', status: 'repaid' } });
    }
    const started = await office.post('/api/finance/credit-models/train', { from: '2001-01-01', to: '2001-12-31' });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ kind: 'trained', status: 'draft', trainingState: 'queued' });
    await t.app.jobs.drain();
    const model = (await office.get(`/api/finance/credit-models/${started.json().id}`)).json();
    expect(model.trainingState).toBe('failed');
    expect(model.trainingError).toMatch(/only 3 loans/);
    const refused = await office.post(`/api/finance/credit-models/${model.id}/activate`);
    expect(refused.statusCode).toBe(409);
  });

  it('fifty-five loans that all ended well are one class: reported in words, never a crash', async () => {
    const bankOrg = await createBank(db);
    const product = await createProduct(db, bankOrg);
    for (let i = 0; i < 55; i++) {
      const e = await createEnterprise(db, { recompute: false, indicators: [{ code: 'loan_overdue_count', period: '2001', value: i % 3, source: 'bank' }] });
      await createLoanRecord(db, { productId: product, enterpriseId: e.id, status: 'disbursed', amountFen: 50 * WAN, loan: { disbursedOn: '2002-05-01', status: 'repaid' } });
    }
    const started = (await office.post('/api/finance/credit-models/train', { from: '2002-01-01', to: '2002-12-31' })).json();
    await t.app.jobs.drain();
    const model = (await office.get(`/api/finance/credit-models/${started.id}`)).json();
    expect(model).toMatchObject({ trainingState: 'failed', definition: null, report: null });
    expect(model.trainingError).toMatch(/0 bad and 55 good outcomes.*single class/);
  });

  it('learns a scorecard whose AUC beats chance, reports IV per feature and PSI, and can be activated', async () => {
    const bankOrg = await createBank(db);
    const product = await createProduct(db, bankOrg);
    const random = new Prng(11);
    let bads = 0;
    for (let i = 0; i < 160; i++) {
      const risk = random.normal();
      const overdue = random.chance(1 / (1 + Math.exp(-(-1 + 1.5 * risk)))) ? random.int(1, 3) : 0;
      const arrears = random.chance(1 / (1 + Math.exp(-(-1.5 + risk)))) ? random.int(1, 20) * WAN : 0;
      const e = await createEnterprise(db, {
        recompute: false,
        indicators: [
          { code: 'loan_overdue_count', period: '2009', value: overdue, source: 'bank' },
          { code: 'tax_arrears', period: '2009', value: arrears, source: 'tax' },
          { code: 'operating_revenue', period: '2009', value: Math.round(random.logNormal(800, 1)) * WAN },
        ],
      });
      const bad = random.chance(1 / (1 + Math.exp(-(-0.8 + 1.8 * risk))));
      bads += bad ? 1 : 0;
      await createLoanRecord(db, {
        productId: product,
        enterpriseId: e.id,
        status: 'disbursed',
        amountFen: 50 * WAN,
        loan: { disbursedOn: '2010-04-01', status: bad ? 'defaulted' : 'repaid', ...(bad && { defaultedOn: '2010-12-01', defaultAmountFen: 30 * WAN }) },
      });
    }
    expect(bads).toBeGreaterThan(20);
    const started = (await office.post('/api/finance/credit-models/train', { name: '2010年贷款训练', from: '2010-01-01', to: '2010-12-31', holdoutShare: 0 })).json();
    await t.app.jobs.drain();
    const model = (await office.get(`/api/finance/credit-models/${started.id}`)).json();
    expect(model.trainingError).toBeNull();
    expect(model).toMatchObject({ trainingState: 'done', progressBp: 10000, status: 'draft' });
    expect(model.report.rows.loans).toBe(160);
    expect(model.report.train.auc).toBeGreaterThan(0.7);
    const selected = model.report.features.filter((f: { status: string }) => f.status === 'selected').map((f: { name: string }) => f.name);
    expect(selected).toContain('loan_overdue_3y');
    expect(model.report.features.find((f: { name: string }) => f.name === 'loan_overdue_3y').iv).toBeGreaterThan(0.1);
    expect(model.report.features.find((f: { name: string }) => f.name === 'exports_wan').status).toBe('low-iv'); // all missing
    expect(model.report.psi.population).toBeGreaterThan(160);
    expect(model.report.psi.score).toBeGreaterThanOrEqual(0);
    expect(model.definition.format).toBe('dianxiaoer.scorecard');

    expect((await office.post(`/api/finance/credit-models/${model.id}/activate`)).statusCode).toBe(200);
    const enterprise = await createEnterprise(db, { withOrg: true, indicators: FACTS });
    const user = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
    const assessment = (await user.get('/api/me/credit-assessment')).json();
    expect(assessment.modelVersion).toBe(model.version);
    expect(assessment.score).toBeGreaterThanOrEqual(0);
    expect(assessment.score).toBeLessThanOrEqual(1000);
  });
});
