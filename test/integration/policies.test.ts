import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createManufacturer, signIn, type CreatedEnterprise } from '../factories/enterprises.ts';
import { createPolicy, policyBody, REVENUE_RULE } from '../factories/policies.ts';

const WAN = FEN_PER_WAN;
const TODAY = todayInCounty();
/** The last complete year: rules say "上年度" and the factories' facts are for it. */
const Y = Number(TODAY.slice(0, 4)) - 1;

let t: TestApp;
let db: Kysely<DB>;
let deptId: number;
let staff: Awaited<ReturnType<typeof signIn>>;
let otherStaff: Awaited<ReturnType<typeof signIn>>;
/** A second member of staff's department: publishing takes two people (the author submits, a colleague publishes). */
let colleague: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  deptId = await createOrg(db, 'department', '县经济和信息化委员会');
  staff = await signIn(t.app, ['department_staff'], deptId);
  otherStaff = await signIn(t.app, ['department_staff']);
  colleague = await signIn(t.app, ['department_staff'], deptId);
});
afterAll(async () => {
  await t.close();
});

describe('the policy catalogue', () => {
  it('creates a draft v1 with a department code, visible to its department only', async () => {
    const response = await staff.post('/api/policies', policyBody({ tags: ['工业', '奖励'], isAutoGrant: false }));
    expect(response.statusCode, response.body).toBe(201);
    const policy = response.json();
    expect(policy).toMatchObject({ version: 1, status: 'draft', title: '规上工业企业发展奖励', canManage: true, department: { id: deptId } });
    expect(policy.code).toMatch(new RegExp(`^DEPARTMENT\\d+-${TODAY.slice(0, 4)}-\\d{3}$`));
    expect(policy.rendered.zh[0].text).toContain('上年度主营业务收入2000万元以上的工业企业');
    expect(policy.benefitText.zh).toContain('20万元');
    expect(policy.reviewSteps.map((s: { key: string }) => s.key)).toEqual(['accept', 'review', 'notice', 'disburse']);

    expect((await otherStaff.get(`/api/policies/${policy.id}`)).statusCode).toBe(404);
    const ownList = (await staff.get('/api/policies')).json<{ items: { id: number }[] }>();
    expect(ownList.items.map((i) => i.id)).toContain(policy.id);
    const otherList = (await otherStaff.get('/api/policies')).json<{ items: { id: number }[] }>();
    expect(otherList.items.map((i) => i.id)).not.toContain(policy.id);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'policy.create').where('target_id', '=', String(policy.id)).selectAll().execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses authors who are not department staff', async () => {
    const enterpriseUser = await signIn(t.app, ['enterprise_user']);
    expect((await enterpriseUser.post('/api/policies', policyBody())).statusCode).toBe(403);
    const cadre = await signIn(t.app, ['cadre']);
    expect((await cadre.post('/api/policies', policyBody())).statusCode).toBe(403);
  });

  it('reports every invalid node of the rule, benefit and parameters with its path from the body', async () => {
    const response = await staff.post(
      '/api/policies',
      policyBody({
        rule: { all: [REVENUE_RULE.all[0], { left: { fact: 'main_revenu', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } }, { left: { fact: 'employees', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 1 } }] },
        benefit: { amount: { percentOf: { fact: 'employees', period: { yearsAgo: 1 } }, rate: { percent: 10 } } },
        params: [{ name: 'line', nameZh: '线', nameEn: 'line', values: [{ from: '2020-01-01', value: { wan: 1 } }, { from: '2021-01-01', value: { people: 3 } }] }],
      }),
    );
    expect(response.statusCode).toBe(400);
    const details = response.json<{ error: { code: string; details: { path: string; code: string }[] } }>().error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body/rule/all/1/left/fact', code: 'unknown_fact' }),
        expect.objectContaining({ path: 'body/rule/all/2', code: 'unit_mismatch' }),
        expect.objectContaining({ path: 'body/benefit/amount/percentOf', code: 'unit_mismatch' }),
        expect.objectContaining({ path: expect.stringMatching(/^body\/params/), code: 'unit_mismatch' }),
      ]),
    );
    const malformed = await staff.post('/api/policies', policyBody({ benefit: { amount: { fixed: { people: 3 } } } }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].path).toMatch(/^body\/benefit\/amount\/fixed/);
  });

  it('edits drafts only; a published version is immutable in the service and in the database', async () => {
    const id = (await createPolicy(t.app, { author: staff, status: 'draft' })).id;
    const patched = await staff.patch(`/api/policies/${id}`, { title: '规上工业企业发展奖励（修订）', rule: { ...REVENUE_RULE, all: [...REVENUE_RULE.all, { left: { fact: 'employees', period: { yearsAgo: 1 } }, op: '>=', right: { people: 10 } }] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().title).toBe('规上工业企业发展奖励（修订）');
    // Another department does not even learn that the draft exists; once published, it reads but may not edit.
    expect((await otherStaff.patch(`/api/policies/${id}`, { title: 'x' })).statusCode).toBe(404);
    const badPatch = await staff.patch(`/api/policies/${id}`, { rule: { any: [] } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.details[0]).toMatchObject({ path: 'body/rule/any', code: 'empty_group' });

    expect((await staff.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    expect((await colleague.post(`/api/policies/${id}/publish`)).statusCode).toBe(200);
    const refused = await staff.patch(`/api/policies/${id}`, { title: 'changed after publishing' });
    expect(refused.statusCode).toBe(409);
    expect((await otherStaff.patch(`/api/policies/${id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await otherStaff.post(`/api/policies/${id}/versions`)).statusCode).toBe(403);
    const version = await db.selectFrom('policy_versions').where('policy_id', '=', id).select(['id', 'rule']).executeTakeFirstOrThrow();
    await expect(sql`update policy_versions set rule = '{"any":[]}'::jsonb where id = ${version.id}`.execute(db)).rejects.toThrow(/cannot change/);
    await expect(sql`update policy_versions set title = 'x' where id = ${version.id}`.execute(db)).rejects.toThrow(/cannot change/);
    await expect(sql`update policy_versions set status = 'draft' where id = ${version.id}`.execute(db)).rejects.toThrow(/cannot go from published to draft/);
    await expect(sql`delete from policy_versions where id = ${version.id}`.execute(db)).rejects.toThrow(/only drafts/);
    expect((await db.selectFrom('policy_versions').where('id', '=', version.id).select('rule').executeTakeFirstOrThrow()).rule).toEqual(version.rule);
  });

  it('refuses to publish while a golden case fails, listing the failures, and refuses publishing twice', async () => {
    const id = (await createPolicy(t.app, { author: staff, status: 'draft' })).id;
    const good = await staff.post(`/api/policies/${id}/golden-cases`, {
      name: '2350万元的机械厂',
      facts: { attributes: { industry_code: '3453' }, indicators: { main_revenue: { [String(Y)]: 2350 * WAN } } },
      expectedOutcome: 'eligible',
      expectedAmountFen: 20 * WAN,
    });
    expect(good.statusCode, good.body).toBe(201);
    const wrong = await staff.post(`/api/policies/${id}/golden-cases`, {
      name: '1850万元的机械厂（期望错写成符合）',
      facts: { attributes: { industry_code: '3453' }, indicators: { main_revenue: { [String(Y)]: 1850 * WAN } } },
      expectedOutcome: 'eligible',
      expectedAmountFen: 20 * WAN,
    });
    expect(wrong.statusCode).toBe(201);
    const badFacts = await staff.post(`/api/policies/${id}/golden-cases`, { name: 'bad', facts: { attributes: {}, indicators: { main_revenue: { [String(Y)]: 1.5 } } }, expectedOutcome: 'ineligible' });
    expect(badFacts.statusCode).toBe(400);
    expect(badFacts.json().error.details[0].path).toBe(`body/facts/indicators/main_revenue/${Y}`);

    const run = await staff.post(`/api/policies/${id}/golden-cases/run`);
    expect(run.json()).toMatchObject({ passed: false, total: 2, failed: 1 });

    expect((await staff.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    const refused = await colleague.post(`/api/policies/${id}/publish`);
    expect(refused.statusCode).toBe(409);
    const error = refused.json<{ error: { message: string; details: { caseId: number; name: string; diff: string[] }[] } }>().error;
    expect(error.message).toContain('1 of 2 golden cases fail');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ caseId: wrong.json().id, name: '1850万元的机械厂（期望错写成符合）', actualOutcome: 'ineligible' });
    expect(error.details[0].diff[0]).toContain('expected eligible, got ineligible');

    // The reviewer returns it; the author fixes the wrong case on the draft and submits again.
    expect((await colleague.post(`/api/policies/${id}/return`, { reason: '第二个黄金案例的期望写错了' })).statusCode).toBe(200);
    expect((await staff.request('DELETE', `/api/policies/${id}/golden-cases/${wrong.json().id}`)).statusCode).toBe(204);
    const fixed = await staff.post(`/api/policies/${id}/golden-cases`, {
      name: '1850万元的机械厂',
      facts: { attributes: { industry_code: '3453' }, indicators: { main_revenue: { [String(Y)]: 1850 * WAN } } },
      expectedOutcome: 'ineligible',
    });
    expect(fixed.statusCode).toBe(201);
    expect((await staff.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    const published = await colleague.post(`/api/policies/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1 });
    const twice = await colleague.post(`/api/policies/${id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('already published');
    expect((await staff.post(`/api/policies/${id}/golden-cases`, { name: 'late', facts: { attributes: {}, indicators: {} }, expectedOutcome: 'unknown' })).statusCode).toBe(409);
    const audits = await db.selectFrom('audit_log').where('target_type', '=', 'policy').where('target_id', '=', String(id)).select('action').orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['policy.create', 'policy.golden_case.create', 'policy.golden_case.create', 'policy.golden_cases.run', 'policy.submit', 'policy.return', 'policy.golden_case.delete', 'policy.golden_case.create', 'policy.submit', 'policy.publish']);
  });

  it('a new version is a draft copy; publishing it supersedes the old one, whose matches stay with it', async () => {
    const rich = await createManufacturer(db, 2600, { withOrg: false });
    const id = (await createPolicy(t.app, { author: staff })).id;
    await t.app.jobs.drain();
    const v1 = await db.selectFrom('policy_versions').where('policy_id', '=', id).select(['id']).executeTakeFirstOrThrow();
    expect(await db.selectFrom('policy_matches').where('policy_version_id', '=', v1.id).where('enterprise_id', '=', rich.id).select('outcome').executeTakeFirst()).toEqual({ outcome: 'eligible' });

    const v2 = await staff.post(`/api/policies/${id}/versions`);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft' });
    expect((await staff.post(`/api/policies/${id}/versions`)).statusCode).toBe(409);
    // Others still see the published v1 while v2 is being prepared.
    expect((await otherStaff.get(`/api/policies/${id}`)).json()).toMatchObject({ version: 1, status: 'published' });
    expect((await staff.patch(`/api/policies/${id}`, { benefit: { amount: { fixed: { wan: 30 } } } })).statusCode).toBe(200);
    expect((await staff.post(`/api/policies/${id}/submit`)).json()).toMatchObject({ status: 'in_review' });
    expect((await staff.patch(`/api/policies/${id}`, { title: 'x' })).statusCode).toBe(409);
    const published = await colleague.post(`/api/policies/${id}/publish`);
    expect(published.json()).toMatchObject({ version: 2, status: 'published' });
    expect(published.json().versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    await t.app.jobs.drain();
    const rows = await db.selectFrom('policy_matches').innerJoin('policy_versions', 'policy_versions.id', 'policy_matches.policy_version_id').where('policy_versions.policy_id', '=', id).where('enterprise_id', '=', rich.id).select(['policy_versions.version', 'amount_fen']).orderBy('version').execute();
    expect(rows).toEqual([{ version: 1, amount_fen: 20 * WAN }, { version: 2, amount_fen: 30 * WAN }]);
    expect((await otherStaff.get(`/api/policies/${id}?version=1`)).json()).toMatchObject({ version: 1, status: 'superseded' });
  });

  it('closes a published policy; enterprises then no longer see it listed as published', async () => {
    const id = (await createPolicy(t.app, { author: staff, body: { title: '即将关闭的政策' } })).id;
    const enterpriseUser = await signIn(t.app, ['enterprise_user']);
    expect((await enterpriseUser.get('/api/policies?q=即将关闭')).json().items).toHaveLength(1);
    expect((await otherStaff.post(`/api/policies/${id}/close`)).statusCode).toBe(403);
    expect((await staff.post(`/api/policies/${id}/close`)).json()).toMatchObject({ status: 'closed' });
    expect((await enterpriseUser.get('/api/policies?q=即将关闭')).json().items).toHaveLength(0);
    expect((await enterpriseUser.get(`/api/policies/${id}`)).json()).toMatchObject({ status: 'closed' });
    expect((await staff.post(`/api/policies/${id}/close`)).statusCode).toBe(409);
  });

  it('shows a published version past its validity as expired and stores it so', async () => {
    const id = (await createPolicy(t.app, { author: staff, status: 'draft', body: { title: '已到期的政策', validFrom: `${Y}-01-01`, validUntil: `${Y}-12-31` } })).id;
    // Validity ended before today: publishing it is refused …
    expect((await staff.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);
    expect((await colleague.post(`/api/policies/${id}/publish`)).statusCode).toBe(409);
    // … but one published while in force expires by itself once its validity ends.
    const live = (await createPolicy(t.app, { author: staff, body: { title: '将到期的政策', validUntil: `${Y + 1}-12-31` } })).id;
    await t.app.jobs.drain(); // its county match, which would expire lapsed versions too
    const version = await db.selectFrom('policy_versions').where('policy_id', '=', live).select('id').executeTakeFirstOrThrow();
    await sql`alter table policy_versions disable trigger policy_versions_immutable`.execute(db);
    await sql`update policy_versions set valid_from = ${`${Y}-01-01`}, valid_until = ${`${Y}-12-31`} where id = ${version.id}`.execute(db);
    await sql`alter table policy_versions enable trigger policy_versions_immutable`.execute(db);
    // The expiry job publishing queued for the day after the validity ends stores it.
    const expiry = await db.selectFrom('jobs').where('dedupe_key', '=', `policies.expire:${version.id}`).select(['id', 'run_at', 'status']).executeTakeFirstOrThrow();
    expect(expiry).toMatchObject({ status: 'queued', run_at: new Date(`${Y + 2}-01-01T00:00:00+08:00`) });
    await db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', expiry.id).execute();
    await t.app.jobs.drain();
    expect((await db.selectFrom('policy_versions').where('id', '=', version.id).select('status').executeTakeFirstOrThrow()).status).toBe('expired');
    expect((await otherStaff.get(`/api/policies/${live}`)).json()).toMatchObject({ status: 'expired' });
  });

  it('reads a published version past its validity as expired even before the sweep', async () => {
    const live = (await createPolicy(t.app, { author: staff, body: { title: '读取时到期的政策' } })).id;
    const version = await db.selectFrom('policy_versions').where('policy_id', '=', live).select('id').executeTakeFirstOrThrow();
    await sql`alter table policy_versions disable trigger policy_versions_immutable`.execute(db);
    await sql`update policy_versions set valid_from = ${`${Y}-01-01`}, valid_until = ${`${Y}-12-31`} where id = ${version.id}`.execute(db);
    await sql`alter table policy_versions enable trigger policy_versions_immutable`.execute(db);
    expect((await otherStaff.get(`/api/policies/${live}`)).json()).toMatchObject({ status: 'expired' });
    expect((await db.selectFrom('policy_versions').where('id', '=', version.id).select('status').executeTakeFirstOrThrow()).status).toBe('expired');
  });

  it('matches a version published ahead of its validity on its first day', async () => {
    const ahead = (await createPolicy(t.app, { author: staff, body: { title: '提前发布的政策', validFrom: `${Y + 2}-01-01`, validUntil: `${Y + 2}-12-31` } })).id;
    const version = await db.selectFrom('policy_versions').where('policy_id', '=', ahead).select('id').executeTakeFirstOrThrow();
    await t.app.jobs.drain(); // matching hears of the publication through the policy.published event
    const job = await db.selectFrom('jobs').where('dedupe_key', '=', `policies.match:${version.id}`).select(['run_at', 'status']).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'queued', run_at: new Date(`${Y + 2}-01-01T00:00:00+08:00`) });
  });
});

describe('evaluation, preview, export', () => {
  let policyId: number;
  let own: CreatedEnterprise;
  let other: CreatedEnterprise;
  let enterpriseUser: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    policyId = (await createPolicy(t.app, { author: staff, body: { title: '评估测试政策' } })).id;
    own = await createManufacturer(db, 2350);
    other = await createManufacturer(db, 1850, { withOrg: false });
    enterpriseUser = await signIn(t.app, ['enterprise_user'], own.orgId!);
  });

  it('explains the outcome for an enterprise, to government staff (audited) and to the enterprise itself', async () => {
    const response = await otherStaff.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: other.id });
    expect(response.statusCode, response.body).toBe(200);
    const evaluation = response.json();
    expect(evaluation).toMatchObject({ outcome: 'ineligible', estimatedAmountFen: null, evaluationDate: TODAY });
    expect(evaluation.rendered.zh.map((l: { text: string }) => l.text).join('\n')).toContain('差 150万元');
    const read = await db.selectFrom('audit_log').where('action', '=', 'policy.evaluate').where('target_id', '=', String(other.id)).selectAll().execute();
    expect(read).toHaveLength(1);
    expect(read[0].details).toMatchObject({ basis: 'government', policyId, outcome: 'ineligible' });

    const mine = await enterpriseUser.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: own.id });
    expect(mine.json()).toMatchObject({ outcome: 'eligible', estimatedAmountFen: 20 * WAN, benefit: { status: 'known', amountFen: 20 * WAN } });
    expect(await db.selectFrom('audit_log').where('action', '=', 'policy.evaluate').where('target_id', '=', String(own.id)).selectAll().execute()).toHaveLength(0);
  });

  it('refuses an enterprise user another enterprise, and banks, with a denied audit', async () => {
    const refused = await enterpriseUser.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: other.id });
    expect(refused.statusCode).toBe(403);
    const bank = await signIn(t.app, ['bank_staff']);
    expect((await bank.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: other.id })).statusCode).toBe(403);
    const denied = await db.selectFrom('audit_log').where('action', '=', 'policy.evaluate').where('outcome', '=', 'denied').where('target_id', '=', String(other.id)).selectAll().execute();
    expect(denied.map((d) => (d.details as { reason: string }).reason).sort()).toEqual(['no_consent', 'other_enterprise']);
    expect((await enterpriseUser.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: 999_999 })).statusCode).toBe(404);
  });

  it('downloads the explanation for audits, as JSON or text', async () => {
    const json = await otherStaff.get(`/api/policies/${policyId}/explanation-export?enterpriseId=${own.id}`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="policy-.*-enterprise-\d+-\d{4}-\d{2}-\d{2}\.json"/);
    expect(json.json()).toMatchObject({ format: 'dianxiaoer.rule-explanation/1', outcome: 'eligible', policyId: String(policyId), enterpriseId: String(own.id) });
    const text = await otherStaff.get(`/api/policies/${policyId}/explanation-export?enterpriseId=${own.id}&format=text`);
    expect(text.headers['content-type']).toContain('text/plain');
    expect(text.body).toContain('符合条件');
    expect(text.body).toContain('Eligible');
    expect((await enterpriseUser.get(`/api/policies/${policyId}/explanation-export?enterpriseId=${other.id}`)).statusCode).toBe(403);
  });

  it('previews county-wide counts of a draft rule, for its department only', async () => {
    const draftId = (await createPolicy(t.app, { author: staff, status: 'draft', body: { title: '预览测试', rule: { all: [REVENUE_RULE.all[0], { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } }, { left: { fact: 'rd_expense', period: { yearsAgo: 1 } }, op: '>', right: { fen: 0 } }] } } })).id;
    const preview = await staff.post(`/api/policies/${draftId}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const counts = preview.json();
    const operating = Number((await db.selectFrom('enterprises').where('status', '=', 'operating').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(counts.eligible + counts.unknown + counts.ineligible).toBe(operating);
    // No enterprise has R&D figures: those over the revenue line are undecided, and R&D is what is missing.
    expect(counts.eligible).toBe(0);
    expect(counts.unknown).toBeGreaterThanOrEqual(2);
    expect(counts.topMissingFacts[0]).toMatchObject({ fact: 'rd_expense', period: String(Y), count: counts.unknown, name: { zh: `${Y}年研发费用` } });
    expect((await otherStaff.post(`/api/policies/${draftId}/preview`)).statusCode).toBe(404);
    expect((await otherStaff.post(`/api/policies/${policyId}/preview`)).statusCode).toBe(403);
  });

  it('serves the rule language schema to anyone', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/rules/schema.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#' });
  });

  it('shows the funnel to the issuing department only', async () => {
    expect((await staff.get(`/api/policies/${policyId}/funnel`)).json()).toMatchObject({ applied: 0, granted: 0 });
    expect((await otherStaff.get(`/api/policies/${policyId}/funnel`)).statusCode).toBe(403);
    expect((await enterpriseUser.get(`/api/policies/${policyId}/funnel`)).statusCode).toBe(403);
    expect((await otherStaff.get(`/api/policies/${policyId}`)).json()).toMatchObject({ canManage: false, funnel: null, matchCounts: null });
  });
});
