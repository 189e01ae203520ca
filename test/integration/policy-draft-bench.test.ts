import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

/**
 * The editor's live figures beyond the reach (issue 11): the golden cases run against the unsaved rule
 * (POST /api/policies/:id/golden-cases/run-draft), the reach of a rule no policy has yet (POST
 * /api/policies/preview-draft, the new-policy page), and golden cases locked while a version is in review.
 */
let t: TestApp;
let db: Kysely<DB>;
let author: Awaited<ReturnType<typeof signIn>>;
let colleague: Awaited<ReturnType<typeof signIn>>;
let outsider: Awaited<ReturnType<typeof signIn>>;
let enterprise: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const dept = await createOrg(db, 'department', '县经济和信息化委员会');
  author = await signIn(t.app, ['department_staff'], dept);
  colleague = await signIn(t.app, ['department_staff'], dept);
  outsider = await signIn(t.app, ['department_staff']);
  enterprise = await signIn(t.app, ['enterprise_user']);
  await createManufacturer(db, 2600, { withOrg: false });
  await createManufacturer(db, 1500, { withOrg: false });
});
afterAll(async () => {
  await t.close();
});

const lastYear = String(Number(new Date().toISOString().slice(0, 4)) - 1);
const ruleAt = (wan: number) => ({ all: [{ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan } }] });
const fiveWan = { amount: { fixed: { wan: 5 } } };
/** A made-up firm of 3000万元 last year: eligible for 5万元 under any line up to 3000万元. */
const goldenCase = { name: '收入3000万元的企业', facts: { attributes: { industry_code: '3453' }, indicators: { main_revenue: { [lastYear]: 3_000_000_000 } } }, expectedOutcome: 'eligible', expectedAmountFen: 5_000_000 };
const counts = async () => Promise.all(['policy_versions', 'policy_golden_cases', 'audit_log'].map(async (table) => Number((await db.selectFrom(table as 'audit_log').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));

describe('golden cases against the unsaved rule', () => {
  it('pass or fail as the typed rule and benefit say, not the saved ones, and nothing is written', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    expect((await author.post(`/api/policies/${id}/golden-cases`, goldenCase)).statusCode).toBe(201);
    const before = await counts();
    const passing = await author.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: ruleAt(2000), benefit: fiveWan });
    expect(passing.statusCode).toBe(200);
    expect(passing.json()).toMatchObject({ passed: true, total: 1, failed: 0 });
    // A line above the firm: it is no longer eligible.
    const tooHigh = await author.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: ruleAt(4000), benefit: fiveWan });
    expect(tooHigh.json()).toMatchObject({ passed: false, failed: 1, results: [{ passed: false, expectedOutcome: 'eligible', actualOutcome: 'ineligible' }] });
    // The amount typed differs from the one expected.
    const otherAmount = await author.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: ruleAt(2000), benefit: { amount: { fixed: { wan: 8 } } } });
    expect(otherAmount.json().results[0]).toMatchObject({ passed: false, actualOutcome: 'eligible', actualAmountFen: 8_000_000 });
    // Parameters typed in the editor are used instead of the saved ones.
    const withParam = await author.post(`/api/policies/${id}/golden-cases/run-draft`, {
      rule: { all: [{ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { param: 'line' } }] },
      benefit: fiveWan,
      params: [{ name: 'line', nameZh: '收入门槛', nameEn: 'Revenue line', values: [{ from: '2000-01-01', value: { wan: 3500 } }] }],
    });
    expect(withParam.statusCode, withParam.body).toBe(200);
    expect(withParam.json().passed).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('checks the draft like a save and is the issuing department’s only', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    const bad = await author.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: { all: [{ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { people: 5 } }] }, benefit: fiveWan });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/^body\/rule\/all\/0/);
    expect((await outsider.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: ruleAt(1), benefit: fiveWan })).statusCode).toBe(404);
    expect((await enterprise.post(`/api/policies/${id}/golden-cases/run-draft`, { rule: ruleAt(1), benefit: fiveWan })).statusCode).toBe(404);
  });
});

describe('reach of a rule before the first save', () => {
  it('counts the county like the reach of a saved draft, for department staff only, writing nothing', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    const before = await counts();
    const unsaved = await outsider.post('/api/policies/preview-draft', { rule: ruleAt(2000), benefit: fiveWan });
    expect(unsaved.statusCode).toBe(200);
    const saved = await author.post(`/api/policies/${id}/preview-draft`, { rule: ruleAt(2000), benefit: fiveWan });
    const { versionId: _versionId, ...sameCounts } = saved.json();
    expect(unsaved.json()).toEqual(sameCounts);
    expect(unsaved.json().versionId).toBeUndefined();
    expect(unsaved.json().estimatedTotalFen).toBe(unsaved.json().eligible * 5_000_000);
    const lower = await outsider.post('/api/policies/preview-draft', { rule: ruleAt(1000), benefit: fiveWan });
    expect(lower.json().eligible - unsaved.json().eligible).toBe(1);
    expect(await counts()).toEqual(before);
    // Checked like a save; other roles are refused.
    const bad = await author.post('/api/policies/preview-draft', { rule: { all: [] }, benefit: fiveWan });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body/rule/all');
    expect((await enterprise.post('/api/policies/preview-draft', { rule: ruleAt(1), benefit: fiveWan })).statusCode).toBe(403);
  });
});

describe('golden cases while the version is in review', () => {
  it('are locked (409 golden_cases_locked) until the version is returned to draft', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    // The factory's policy gives 20万元 to an industrial firm of 2000万元 and more.
    const factoryCase = { ...goldenCase, expectedAmountFen: 20_000_000 };
    const created = await author.post(`/api/policies/${id}/golden-cases`, factoryCase);
    expect(created.statusCode).toBe(201);
    expect((await author.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    const before = await counts();
    for (const caller of [author, colleague]) {
      const add = await caller.post(`/api/policies/${id}/golden-cases`, { ...factoryCase, name: '审核中添加' });
      expect(add.statusCode).toBe(409);
      expect(add.json().error.details[0]).toMatchObject({ reason: 'golden_cases_locked' });
      const remove = await caller.request('DELETE', `/api/policies/${id}/golden-cases/${created.json().id}`);
      expect(remove.statusCode).toBe(409);
      expect(remove.json().error.details[0]).toMatchObject({ reason: 'golden_cases_locked' });
    }
    expect(await counts()).toEqual(before);
    // Running them is still allowed (the reviewer does), and the list is unchanged.
    expect((await colleague.post(`/api/policies/${id}/golden-cases/run`)).json()).toMatchObject({ total: 1 });
    // Returned to draft: the cases open again.
    expect((await colleague.post(`/api/policies/${id}/return`, { reason: '请补充一个不符合条件的用例' })).statusCode).toBe(200);
    expect((await author.post(`/api/policies/${id}/golden-cases`, { ...factoryCase, name: '退回后添加' })).statusCode).toBe(201);
    expect((await author.request('DELETE', `/api/policies/${id}/golden-cases/${created.json().id}`)).statusCode).toBe(204);
    // Once published they are frozen with the version, said as such.
    expect((await author.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    expect((await colleague.post(`/api/policies/${id}/publish`)).statusCode).toBe(200);
    const frozen = await author.post(`/api/policies/${id}/golden-cases`, factoryCase);
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.details[0]).toMatchObject({ reason: 'golden_cases_frozen' });
  });
});
