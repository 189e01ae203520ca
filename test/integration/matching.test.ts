import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { sizeClassInYear } from '../../src/core/profile/derived.ts';
import { Prng } from '../../src/core/random/prng.ts';
import { BUILT_IN_PARAMETERS, estimateBenefit, evaluateRule, type Benefit, type EnterpriseFacts, type RuleNode } from '../../src/core/rules/index.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { upsertIndicatorValues } from '../../src/server/modules/indicators/indicators.repository.ts';
import { matchVersions, rematchEnterprises } from '../../src/server/modules/matching/index.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { enqueueProfileRecompute } from '../../src/server/modules/profiles/profiles.queue.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg, createUser } from '../factories/accounts.ts';
import { createEnterprise, signIn, TEST_TOWNS, type FactValue } from '../factories/enterprises.ts';
import { createPolicy, submitAndPublish } from '../factories/policies.ts';

const WAN = FEN_PER_WAN;
const TODAY = todayInCounty();
const Y = Number(TODAY.slice(0, 4)) - 1;
const y = (ago: number) => String(Y + 1 - ago);

let t: TestApp;
let db: Kysely<DB>;
let staff: Awaited<ReturnType<typeof signIn>>;

/** A rule with every kind of clause the county match runs: industry, any, history, atLeast, certification, ratio, set, not, size class. */
const innovationRule: RuleNode = {
  clause: '创新型工业企业研发奖励',
  all: [
    { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } },
    {
      clause: '上年度达到规上标准或连续两年规上',
      any: [
        { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { param: 'industry_above_scale_line' } },
        { history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 }, years: 2 },
      ],
    },
    {
      atLeast: 1,
      of: [
        { certification: 'high_tech', test: 'heldOn' },
        { left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { fact: 'main_revenue', period: { yearsAgo: 1 } }] }, op: '>=', right: { percent: 3 } },
        { value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A'] },
      ],
    },
    { clause: '非大型企业', not: { value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['large'] } },
  ],
};
const innovationBenefit: Benefit = { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 }, floor: { wan: 1 } } };

interface Planned {
  id: number;
  facts: EnterpriseFacts;
}

/** A county of 40 enterprises with holes in their data, created through the factories; returns the facts as the engines should see them. */
async function randomCounty(count: number): Promise<Planned[]> {
  const rng = new Prng(20261127);
  const pick = <T>(items: readonly T[]) => items[rng.int(0, items.length - 1)];
  const planned: Planned[] = [];
  for (let i = 0; i < count; i++) {
    const industry = pick(['3453', '3434', '1310', '2614', '5211', '7010', '6510', '34']);
    const town = pick(TEST_TOWNS);
    const registeredOn = pick(['2009-03-01', '2016-06-01', `${Y - 1}-02-01`]);
    const values: FactValue[] = [];
    const indicators: Record<string, Record<string, number | string>> = {};
    const add = (code: string, period: string, value: number | string) => {
      values.push({ code, period, value });
      (indicators[code] ??= {})[period] = value;
    };
    if (rng.chance(0.75)) add('main_revenue', y(1), rng.int(300, 60_000) * WAN);
    if (rng.chance(0.6)) add('main_revenue', y(2), rng.int(300, 6_000) * WAN);
    if (rng.chance(0.8)) add('employees', y(1), rng.int(3, 1_200));
    if (rng.chance(0.5)) add('total_assets', y(1), rng.int(100, 90_000) * WAN);
    if (rng.chance(0.55)) add('rd_expense', y(1), rng.chance(0.15) ? 0 : rng.int(1, 900) * WAN);
    for (const ago of [3, 2, 1]) if (rng.chance(0.7)) add('above_scale', y(ago), rng.chance(0.5) ? 1 : 0);
    if (rng.chance(0.6)) add('tax_credit_grade', y(1), pick(['A', 'B', 'M']));
    const awarded = Y - rng.int(0, 4);
    // 高新 certificates run three years: some have lapsed by today.
    const certifications = rng.chance(0.3) ? [{ code: 'high_tech', awardedOn: `${awarded}-11-20`, expiresOn: `${awarded + 3}-11-20`, isRenewal: rng.chance(0.3) }] : [];
    const created = await createEnterprise(db, { industryCode: industry, townCode: town.code, registeredOn, indicators: values, certifications });
    const sizeClass: Record<string, string> = {};
    for (const year of [y(1), y(2)]) {
      const size = sizeClassInYear(industry, indicators, Number(year), `${year}-12-31`).sizeClass;
      if (size) sizeClass[year] = size;
    }
    planned.push({
      id: created.id,
      facts: {
        attributes: { industry_code: industry, town: town.name, enterprise_type: 'limited_company', registered_on: registeredOn, registered_capital: 500_000_000 },
        indicators,
        certifications: certifications.map((c) => ({ ...c })),
        sizeClass: sizeClass as EnterpriseFacts['sizeClass'],
      },
    });
  }
  return planned;
}

const countOf = async (query: Promise<{ n: unknown }>) => Number((await query).n);
const notificationsOf = (enterpriseId: number, policyId: number) =>
  countOf(db.selectFrom('notifications').where('enterprise_id', '=', enterpriseId).where('dedupe_key', '=', `policy.pushed:${policyId}`).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const dept = await createOrg(db, 'department', '县科学技术局');
  staff = await signIn(t.app, ['department_staff'], dept);
});
afterAll(async () => {
  await t.close();
});

describe('the county match', () => {
  let county: Planned[];
  let versionId: number;
  let policyId: number;

  beforeAll(async () => {
    county = await randomCounty(40);
    // Not operating: never matched, whatever its facts.
    await createEnterprise(db, { industryCode: '3453', status: 'cancelled', indicators: [{ code: 'main_revenue', period: y(1), value: 9000 * WAN }], certifications: [{ code: 'high_tech', awardedOn: `${Y}-01-01`, expiresOn: `${Y + 3}-01-01` }] });
    ({ id: policyId, versionId } = await createPolicy(t.app, { author: staff, body: { title: '创新型工业企业研发奖励', rule: innovationRule, benefit: innovationBenefit } }));
    await t.app.jobs.drain();
  });

  it('stores eligible and unknown rows that agree with the scalar evaluation, enterprise by enterprise', async () => {
    const stored = await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).select(['enterprise_id', 'outcome', 'amount_fen', 'missing_facts']).execute();
    const byId = new Map(stored.map((r) => [r.enterprise_id, r]));
    const options = { evaluationDate: TODAY, params: BUILT_IN_PARAMETERS };
    const outcomes = { eligible: 0, unknown: 0, ineligible: 0 };
    for (const e of county) {
      const expected = evaluateRule(innovationRule, e.facts, options);
      outcomes[expected.outcome]++;
      const row = byId.get(e.id);
      if (expected.outcome === 'ineligible') {
        expect(row, `enterprise ${e.id}`).toBeUndefined();
        continue;
      }
      expect(row?.outcome, `enterprise ${e.id}`).toBe(expected.outcome);
      if (expected.outcome === 'eligible') expect(row!.amount_fen).toBe(estimateBenefit(innovationBenefit, e.facts, options).amountFen);
      else {
        // Missing facts are not stored for the county; evaluating the one enterprise gives them.
        expect(row!.missing_facts).toBeNull();
        const evaluation = (await staff.post(`/api/policies/${policyId}/evaluate`, { enterpriseId: e.id })).json();
        expect(evaluation.outcome).toBe('unknown');
        expect(evaluation.missingFacts.map((m: { fact: string; period: string | null }) => ({ fact: m.fact, period: m.period }))).toEqual(expected.missingFacts.map((m) => ({ fact: m.fact, period: m.period })));
      }
    }
    expect(stored).toHaveLength(outcomes.eligible + outcomes.unknown);
    // The random county exercises all three outcomes.
    expect(outcomes.eligible).toBeGreaterThan(2);
    expect(outcomes.unknown).toBeGreaterThan(2);
    expect(outcomes.ineligible).toBeGreaterThan(2);
  });

  it('pushes every eligible enterprise once', async () => {
    const eligible = await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).where('outcome', '=', 'eligible').select('enterprise_id').orderBy('enterprise_id').execute();
    const pushes = await db.selectFrom('policy_pushes').where('policy_id', '=', policyId).select(['enterprise_id', 'policy_version_id']).orderBy('enterprise_id').execute();
    expect(pushes).toEqual(eligible.map((e) => ({ enterprise_id: e.enterprise_id, policy_version_id: versionId })));
  });

  it('matches the same as the preview counted', async () => {
    const preview = await staff.post(`/api/policies/${policyId}/preview`);
    const counts = await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).select(['outcome']).execute();
    expect(preview.json()).toMatchObject({ eligible: counts.filter((c) => c.outcome === 'eligible').length, unknown: counts.filter((c) => c.outcome === 'unknown').length });
    const detail = await staff.get(`/api/policies/${policyId}`);
    expect(detail.json().matchCounts).toMatchObject({ eligible: preview.json().eligible, unknown: preview.json().unknown, estimatedTotalFen: preview.json().estimatedTotalFen });
  });
});

describe('pushes', () => {
  it('are never repeated: re-running the match, matching everything and re-publishing notify nobody twice', async () => {
    const rich = await createEnterprise(db, { industryCode: '3453', withOrg: true, indicators: [{ code: 'main_revenue', period: y(1), value: 2600 * WAN }] });
    await createUser(db, { roles: ['enterprise_user'], orgId: rich.orgId! });
    await createUser(db, { roles: ['enterprise_user'], orgId: rich.orgId! });
    const rule = { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } };
    const { id: policyId, versionId } = await createPolicy(t.app, { author: staff, body: { title: '营收奖励', rule, benefit: { amount: { fixed: { wan: 10 } } } } });
    await t.app.jobs.drain();
    expect(await notificationsOf(rich.id, policyId)).toBe(2); // one per user of the enterprise
    const notification = await db.selectFrom('notifications').where('enterprise_id', '=', rich.id).selectAll().executeTakeFirstOrThrow();
    expect(notification).toMatchObject({ kind: 'policy.pushed', link: `/portal/policies/${policyId}`, dedupe_key: `policy.pushed:${policyId}`, title_zh: '政策推送：营收奖励' });
    expect(notification.params).toMatchObject({ policyId, title: '营收奖励', amountFen: 10 * WAN });

    const again = await matchVersions(db, [versionId]);
    expect(again.versions[0]).toMatchObject({ eligible: expect.any(Number), pushed: 0, stored: true });
    await matchVersions(db, 'all');
    // A new version (another amount) is published and matched: the policy was pushed already.
    await staff.post(`/api/policies/${policyId}/versions`);
    await staff.patch(`/api/policies/${policyId}`, { benefit: { amount: { fixed: { wan: 12 } } } });
    await submitAndPublish(t.app, staff, policyId);
    await t.app.jobs.drain();
    expect(await notificationsOf(rich.id, policyId)).toBe(2);
    expect(await countOf(db.selectFrom('policy_pushes').where('policy_id', '=', policyId).where('enterprise_id', '=', rich.id).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow())).toBe(1);
  });

  it('tell an auto-grant policy apart: no application needed', async () => {
    const rich = await createEnterprise(db, { industryCode: '3453', withOrg: true, indicators: [{ code: 'tax_credit_grade', period: y(1), value: 'A', source: 'tax' }] });
    await createUser(db, { roles: ['enterprise_user'], orgId: rich.orgId! });
    const { id: policyId } = await createPolicy(t.app, { author: staff, body: { title: '纳税信用A级企业奖励', isAutoGrant: true, rule: { value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A'] }, benefit: { amount: { fixed: { wan: 2 } } } } });
    await t.app.jobs.drain();
    const notification = await db.selectFrom('notifications').where('enterprise_id', '=', rich.id).where('dedupe_key', '=', `policy.pushed:${policyId}`).selectAll().executeTakeFirstOrThrow();
    expect(notification.title_zh).toBe('免申即享：纳税信用A级企业奖励');
    expect(notification.body_zh).toContain('无需申报，符合条件即可享受');
  });

  it('follow a profile change: the incremental re-match pushes a newly eligible enterprise', async () => {
    const grower = await createEnterprise(db, { industryCode: '3453', withOrg: true, indicators: [{ code: 'main_revenue', period: y(1), value: 1800 * WAN }] });
    await createUser(db, { roles: ['enterprise_user'], orgId: grower.orgId! });
    const { id: policyId, versionId } = await createPolicy(t.app, { author: staff, body: { title: '升规奖励（增量测试）', rule: { all: [{ industry: { divisionRanges: [['06', '46']] } }, { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } }] }, benefit: { amount: { fixed: { wan: 15 } } } } });
    await t.app.jobs.drain();
    expect(await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).where('enterprise_id', '=', grower.id).selectAll().executeTakeFirst()).toBeUndefined();

    // The statistics bureau's figure arrives (as an import would write it) and the profile is recomputed by its job.
    await db.transaction().execute(async (trx) => {
      await upsertIndicatorValues(trx, [{ enterpriseId: grower.id, code: 'main_revenue', period: y(1), source: 'statistics', value: 2100 * WAN, valueText: null, asOf: TODAY, batchId: null }]);
      await enqueueProfileRecompute(trx, [grower.id]);
    });
    await t.app.jobs.drain();
    const job = await db.selectFrom('jobs').where('kind', '=', 'policies.match_all').orderBy('id', 'desc').select(['status', 'result', 'payload']).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', payload: { enterpriseIds: [grower.id] } });
    // This policy and the earlier test's 营收奖励 (≥ 2000万) both apply now.
    expect((job.result as { incremental: { pushed: number } }).incremental.pushed).toBe(2);
    expect(await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).where('enterprise_id', '=', grower.id).select(['outcome', 'amount_fen']).executeTakeFirst()).toEqual({ outcome: 'eligible', amount_fen: 15 * WAN });
    expect(await notificationsOf(grower.id, policyId)).toBe(1);
    expect(await db.selectFrom('policy_pushes').where('policy_id', '=', policyId).where('enterprise_id', '=', grower.id).selectAll().executeTakeFirst()).toBeDefined();

    // The figure is corrected down again: the row goes, the push stays (it happened), nobody is notified again.
    await upsertIndicatorValues(db, [{ enterpriseId: grower.id, code: 'main_revenue', period: y(1), source: 'statistics', value: 1900 * WAN, valueText: null, asOf: TODAY, batchId: null }]);
    const result = await rematchEnterprises(db, [grower.id]);
    expect(result.pushed).toBe(0);
    expect(await db.selectFrom('policy_matches').where('policy_version_id', '=', versionId).where('enterprise_id', '=', grower.id).selectAll().executeTakeFirst()).toBeUndefined();
    await upsertIndicatorValues(db, [{ enterpriseId: grower.id, code: 'main_revenue', period: y(1), source: 'statistics', value: 2200 * WAN, valueText: null, asOf: TODAY, batchId: null }]);
    await rematchEnterprises(db, [grower.id]);
    expect(await notificationsOf(grower.id, policyId)).toBe(1);
  });
});

describe('facts written through the API', () => {
  it('re-match the enterprise: a data admin’s correction pushes a newly eligible policy', async () => {
    const riser = await createEnterprise(db, { industryCode: '3453', withOrg: true, indicators: [{ code: 'main_revenue', period: y(1), value: 1700 * WAN }] });
    await createUser(db, { roles: ['enterprise_user'], orgId: riser.orgId! });
    const { id: policyId } = await createPolicy(t.app, { author: staff, body: { title: '升规奖励（接口写入测试）', rule: { all: [{ industry: { divisionRanges: [['06', '46']] } }, { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } }] }, benefit: { amount: { fixed: { wan: 12 } } } } });
    await t.app.jobs.drain();
    expect(await notificationsOf(riser.id, policyId)).toBe(0);

    const platform = await createOrg(db, 'platform');
    const dataAdmin = await signIn(t.app, ['data_admin'], platform);
    const written = await dataAdmin.post(`/api/enterprises/${riser.id}/indicators`, [{ code: 'main_revenue', period: y(1), value: 2050 * WAN, source: 'statistics', asOf: TODAY }]);
    expect(written.statusCode, written.body).toBe(200);
    await t.app.jobs.drain();
    expect(await notificationsOf(riser.id, policyId)).toBe(1);
  });
});

describe('the enterprise’s policy calculator', () => {
  let me: Awaited<ReturnType<typeof signIn>>;
  let ids: Record<'a' | 'b' | 'stack' | 'open' | 'none', number>;

  beforeAll(async () => {
    // The calculator evaluates every live policy: close the other tests' ones so the totals are this test's.
    for (const live of await db.selectFrom('policy_versions').where('status', '=', 'published').select('policy_id').execute()) {
      expect((await staff.post(`/api/policies/${live.policy_id}/close`)).statusCode).toBe(200);
    }
    const enterprise = await createEnterprise(db, {
      name: '重庆垫江测试计算器有限公司',
      withOrg: true,
      industryCode: '3453',
      registeredOn: '2011-11-11',
      townCode: TEST_TOWNS[1].code,
      indicators: [
        { code: 'main_revenue', period: y(1), value: 2350 * WAN },
        { code: 'employees', period: y(1), value: 85 },
        { code: 'rd_expense', period: y(1), value: 94 * WAN },
      ],
    });
    me = await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
    // Every rule names this enterprise by its registration day, so the county's other enterprises stay out.
    const onlyMe = { left: { fact: 'registered_on' }, op: '==', right: { date: '2011-11-11' } };
    const industrial = { all: [onlyMe, { industry: { divisionRanges: [['06', '46']] } }] };
    ids = {
      a: (await createPolicy(t.app, { author: staff, body: { title: '计算器：技改补助（择优A）', exclusionGroup: 'calc-tech', rule: industrial, benefit: { amount: { fixed: { wan: 5 } } } } })).id,
      b: (await createPolicy(t.app, { author: staff, body: { title: '计算器：研发奖励（择优B）', exclusionGroup: 'calc-tech', rule: industrial, benefit: { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 50 } } } } })).id,
      stack: (await createPolicy(t.app, { author: staff, body: { title: '计算器：新民镇企业奖励', rule: { all: [onlyMe, { value: { fact: 'town' }, in: [TEST_TOWNS[1].name] }] }, benefit: { amount: { fixed: { wan: 20 } } } } })).id,
      open: (await createPolicy(t.app, { author: staff, body: { title: '计算器：出口奖励', rule: { all: [industrial, { left: { fact: 'exports', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 500 } }] }, benefit: { amount: { fixed: { wan: 3 } } } } })).id,
      none: (await createPolicy(t.app, { author: staff, body: { title: '计算器：大企业奖励', rule: { all: [onlyMe, { left: { fact: 'employees', period: { yearsAgo: 1 } }, op: '>=', right: { people: 1000 } }] }, benefit: { amount: { fixed: { wan: 100 } } } } })).id,
    };
    await t.app.jobs.drain();
  });

  it('counts the best-paying choice of each exclusion group, flags the conflict and asks the most decisive question', async () => {
    const response = await me.get('/api/me/policy-matches');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const mine = body.items;
    expect(mine.map((i: { policyId: number }) => i.policyId)).toEqual([ids.stack, ids.b, ids.a, ids.open]);
    const item = (id: number) => mine.find((i: { policyId: number }) => i.policyId === id);
    expect(item(ids.b)).toMatchObject({ outcome: 'eligible', estimatedAmountFen: 9.4 * WAN, isConflicting: true, isChosen: true, exclusionGroup: 'calc-tech' });
    expect(item(ids.a)).toMatchObject({ outcome: 'eligible', estimatedAmountFen: 5 * WAN, isConflicting: true, isChosen: false });
    expect(item(ids.stack)).toMatchObject({ outcome: 'eligible', estimatedAmountFen: 20 * WAN, isConflicting: false, isChosen: true });
    expect(item(ids.open)).toMatchObject({ outcome: 'unknown', estimatedAmountFen: null, missingFacts: [{ fact: 'exports', period: y(1), name: { zh: `${y(1)}年出口额` } }] });
    expect(item(ids.b).explanation.zh[0].text).toContain('✓');
    expect(body.summary.conflicts).toContainEqual({ group: 'calc-tech', policyIds: [ids.a, ids.b], chosenPolicyId: ids.b });
    expect(body.items).toHaveLength(4);
    // B (9.4万) beats A (5万) in their group; the town's reward (20万) stacks.
    expect(body.summary).toMatchObject({ count: 2, totalFen: 29.4 * WAN, eligible: 3, unknown: 1, text: { zh: '您可享受 2 项政策，预计 29.4万元' } });
    expect(body.nextQuestion).toMatchObject({ fact: 'exports', period: y(1), settles: 1, neededBy: 1, policyIds: [ids.open], name: { zh: `${y(1)}年出口额` } });
  });

  it('records an opened push for the funnel, for the own enterprise only', async () => {
    expect((await me.post(`/api/me/policy-pushes/${ids.none}/opened`)).statusCode).toBe(404);
    const opened = await me.post(`/api/me/policy-pushes/${ids.stack}/opened`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().openedAt).not.toBeNull();
    const first = opened.json().openedAt;
    expect((await me.post(`/api/me/policy-pushes/${ids.stack}/opened`)).json().openedAt).toBe(first);
    const funnel = (await staff.get(`/api/policies/${ids.stack}/funnel`)).json();
    expect(funnel).toMatchObject({ pushed: 1, read: 1, opened: 1, applied: 0, granted: 0 });
    expect(funnel.byDay).toEqual([{ day: TODAY, pushed: 1, read: 1, opened: 1, applied: 0, granted: 0 }]);
    expect((await staff.post(`/api/me/policy-pushes/${ids.stack}/opened`)).statusCode).toBe(403);
  });

  it('counts a push read when its notification was read', async () => {
    const notification = await db.selectFrom('notifications').where('dedupe_key', '=', `policy.pushed:${ids.b}`).select('id').executeTakeFirstOrThrow();
    const before = (await staff.get(`/api/policies/${ids.b}/funnel`)).json();
    expect(before).toMatchObject({ pushed: 1, read: 0 });
    await db.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', notification.id).execute();
    expect((await staff.get(`/api/policies/${ids.b}/funnel`)).json()).toMatchObject({ pushed: 1, read: 1, opened: 0 });
  });
});
