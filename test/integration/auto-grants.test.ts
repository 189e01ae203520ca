import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { countPolicyOutcomes } from '../../src/server/modules/applications/applications.outcomes.ts';
import { passDueAutoGrantNotices } from '../../src/server/modules/auto-grants/auto-grants.service.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg, createUser } from '../factories/accounts.ts';
import { createApplication } from '../factories/applications.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

const WAN = FEN_PER_WAN;

type Client = Awaited<ReturnType<typeof signIn>>;
interface Item {
  id: number;
  enterprise: { id: number; name: string };
  amountFen: number;
  status: 'included' | 'removed';
  removedReason: string | null;
  disbursement: { id: number; status: string } | null;
}
interface Grant {
  id: number;
  status: string;
  noticeUntil: string | null;
  counts: { included: number; removed: number; prepared: number; paid: number; includedFen: number; paidFen: number };
  items: { items: Item[]; total: number };
}

let t: TestApp;
let db: Kysely<DB>;
let deptId: number;
let maker: Client;
let checker: Client;
let otherStaff: Client;

/** A published 免申即享 policy (20万 fixed) matched over the county. */
async function autoPolicy(title: string): Promise<number> {
  const id = (await createPolicy(t.app, { author: maker, body: { title, isAutoGrant: true, publicNoticeDays: 5 } })).id;
  await t.app.jobs.drain();
  return id;
}

async function expireGrantNotice(id: number): Promise<void> {
  await sql`update auto_grants set notice_until = now() - interval '1 minute' where id = ${id}`.execute(db);
}

/** Whether an enterprise's users were notified under this dedupe key prefix. */
async function notified(enterpriseId: number, kind: string): Promise<number> {
  const rows = await db.selectFrom('notifications').where('enterprise_id', '=', enterpriseId).where('kind', '=', kind).select('id').execute();
  return rows.length;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  deptId = await createOrg(db, 'department', '县科学技术局');
  maker = await signIn(t.app, ['department_staff'], deptId);
  checker = await signIn(t.app, ['department_staff'], deptId);
  otherStaff = await signIn(t.app, ['department_staff']);
});
afterAll(async () => {
  await t.close();
});

describe(`免申即享 on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('proposes from the stored matches, removes one with a reason, notices, pays each item by maker–checker', async () => {
    const eligible = await Promise.all([createManufacturer(db, 3000, { name: '垫江甲机械有限公司' }), createManufacturer(db, 5000, { name: '垫江乙机械有限公司' }), createManufacturer(db, 2500, { name: '垫江丙机械有限公司' })]);
    // Each has a user, to be told.
    for (const e of eligible) await createUser(db, { roles: ['enterprise_user'], orgId: e.orgId! });
    const small = await createManufacturer(db, 100);
    const policyId = await autoPolicy('规上工业企业奖励（免申即享）');
    const ids = eligible.map((e) => e.id);

    expect((await otherStaff.post(`/api/policies/${policyId}/auto-grants`)).statusCode).toBe(403);
    const proposed = await maker.post(`/api/policies/${policyId}/auto-grants`);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const grant = proposed.json<Grant>();
    expect(grant.status).toBe('proposed');
    const mine = grant.items.items.filter((i) => ids.includes(i.enterprise.id));
    expect(mine).toHaveLength(3);
    expect(grant.items.items.map((i) => i.enterprise.id)).not.toContain(small.id);
    expect(mine.every((i) => i.amountFen === 20 * WAN && i.status === 'included')).toBe(true);
    // A second proposal while this one is open: 409.
    expect((await checker.post(`/api/policies/${policyId}/auto-grants`)).statusCode).toBe(409);

    const removed = mine.find((i) => i.enterprise.id === eligible[2].id)!;
    // The two kept (enterprises were created concurrently: their ids, and so the items' order, vary).
    const kept = mine.filter((i) => i.id !== removed.id);
    expect((await maker.post(`/api/auto-grants/${grant.id}/items/${removed.id}/remove`, { reason: ' ' })).statusCode).toBe(400);
    const afterRemove = await maker.post(`/api/auto-grants/${grant.id}/items/${removed.id}/remove`, { reason: '企业已迁出本县' });
    expect(afterRemove.statusCode, afterRemove.body).toBe(200);
    expect(afterRemove.json<Grant>().items.items.find((i) => i.id === removed.id)).toMatchObject({ status: 'removed', removedReason: '企业已迁出本县' });
    // Paying before the notice: refused.
    expect((await maker.post('/api/disbursements', { autoGrantItemId: kept[0].id, amountFen: 20 * WAN })).statusCode).toBe(409);

    const confirmed = (await maker.post(`/api/auto-grants/${grant.id}/confirm`)).json<Grant>();
    expect(confirmed.status).toBe('in_notice');
    expect(confirmed.noticeUntil).not.toBeNull();
    expect(await notified(eligible[0].id, 'grant.auto')).toBe(1);
    expect(await notified(eligible[1].id, 'grant.auto')).toBe(1);
    expect(await notified(eligible[2].id, 'grant.auto')).toBe(0);
    const note = await db.selectFrom('notifications').where('enterprise_id', '=', eligible[0].id).where('kind', '=', 'grant.auto').select(['title_zh']).executeTakeFirstOrThrow();
    expect(note.title_zh).toContain('您无需申报即可享受');
    // Removing after confirmation: refused.
    expect((await maker.post(`/api/auto-grants/${grant.id}/items/${kept[0].id}/remove`, { reason: 'x' })).statusCode).toBe(409);

    const reader = await signIn(t.app, ['enterprise_user']);
    const notices = (await reader.get(`/api/public-notices?policyId=${policyId}`)).json<{ items: { kind: string; enterprise: { name: string }; amountFen: number }[] }>();
    const names = notices.items.filter((n) => n.kind === 'auto_grant').map((n) => n.enterprise.name);
    expect(names).toEqual(expect.arrayContaining(['垫江甲机械有限公司', '垫江乙机械有限公司']));
    expect(names).not.toContain('垫江丙机械有限公司');

    // The notice passes by the job; a second run changes nothing.
    expect((await maker.post(`/api/auto-grants/${grant.id}/end-notice`)).statusCode).toBe(409);
    await expireGrantNotice(grant.id);
    await sql`update jobs set run_at = now() where kind = 'auto-grants.notices'`.execute(db);
    await t.app.jobs.drain();
    const passed = (await maker.get(`/api/auto-grants/${grant.id}`)).json<Grant>();
    expect(passed.status).toBe('notice_passed');
    const before = await db.selectFrom('auto_grants').where('id', '=', grant.id).selectAll().executeTakeFirstOrThrow();
    expect(await passDueAutoGrantNotices(db)).toBe(0);
    expect(await db.selectFrom('auto_grants').where('id', '=', grant.id).selectAll().executeTakeFirstOrThrow()).toEqual(before);

    // Item by item: the removed one cannot be paid; maker prepares, the same person cannot approve.
    expect((await maker.post('/api/disbursements', { autoGrantItemId: removed.id, amountFen: 20 * WAN })).statusCode).toBe(409);
    expect((await maker.post('/api/disbursements', { autoGrantItemId: kept[0].id, amountFen: 19 * WAN })).statusCode).toBe(422);
    const first = (await maker.post('/api/disbursements', { autoGrantItemId: kept[0].id, amountFen: 20 * WAN })).json<{ id: number }>();
    expect((await maker.post(`/api/disbursements/${first.id}/approve`, { paymentRef: 'SELF' })).statusCode).toBe(403);
    expect((await checker.post(`/api/disbursements/${first.id}/approve`, { paymentRef: 'ZF-0001' })).statusCode).toBe(200);
    expect((await checker.post(`/api/disbursements/${first.id}/approve`, { paymentRef: 'ZF-0001' })).statusCode).toBe(409);
    expect(await notified(kept[0].enterprise.id, 'grant.paid')).toBe(1);

    // The rest in a batch: prepared by the maker; the maker's own approval pays nothing; the checker pays.
    const prepared = (await maker.post(`/api/auto-grants/${grant.id}/prepare-all`)).json<{ count: number }>();
    expect(prepared.count).toBe(1);
    const own = (await maker.post(`/api/auto-grants/${grant.id}/approve-all`, { paymentRef: 'BATCH-0' })).json<{ count: number; skippedOwn: number }>();
    expect(own).toMatchObject({ count: 0, skippedOwn: 1 });
    const paid = (await checker.post(`/api/auto-grants/${grant.id}/approve-all`, { paymentRef: 'BATCH-1' })).json<{ count: number; grant: Grant }>();
    expect(paid.count).toBe(1);
    expect(paid.grant).toMatchObject({ status: 'paid', counts: { included: 2, removed: 1, paid: 2, includedFen: 40 * WAN, paidFen: 40 * WAN } });
    expect(await notified(kept[1].enterprise.id, 'grant.paid')).toBe(1);

    const rows = await db.selectFrom('disbursements').where('policy_id', '=', policyId).selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === 'paid' && r.approved_by === checker.user.id && r.prepared_by === maker.user.id && r.amount_fen === 20 * WAN)).toBe(true);

    // Granted enterprises cannot apply for it as well.
    const client = await signIn(t.app, ['enterprise_user'], eligible[0].orgId!);
    const applied = await client.post('/api/applications', { policyId, formData: {} });
    expect(applied.statusCode).toBe(409);
    expect(applied.json().error.details[0].reason).toBe('already_granted');

    // Proposing again leaves out the granted; only the removed (still eligible) enterprise comes back.
    const again = await maker.post(`/api/policies/${policyId}/auto-grants`);
    expect(again.statusCode, again.body).toBe(201);
    const againIds = again.json<Grant>().items.items.map((i) => i.enterprise.id);
    expect(againIds).toContain(eligible[2].id);
    expect(againIds).not.toContain(eligible[0].id);
    expect(againIds).not.toContain(eligible[1].id);
  });

  it('never grants an enterprise the same policy twice, nor one that applied', async () => {
    const [a, b] = await Promise.all([createManufacturer(db, 3000), createManufacturer(db, 3000)]);
    const policyId = await autoPolicy('研发投入后补助（免申即享）');
    // b applies before the department proposes.
    await createApplication(t.app, { policyId, enterprise: b });
    const grant = (await maker.post(`/api/policies/${policyId}/auto-grants`)).json<Grant>();
    const ids = grant.items.items.map((i) => i.enterprise.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
    await maker.post(`/api/auto-grants/${grant.id}/confirm`);
    // Nobody is left (granted, or applied): 422; and the database refuses a second included item.
    const none = await maker.post(`/api/policies/${policyId}/auto-grants`);
    expect(none.statusCode, none.body).toBe(422);
    expect(none.json().error.details[0]).toMatchObject({ reason: 'nothing_to_grant', leftOut: { applied: 1 } });
    await expect(db.insertInto('auto_grant_items').values({ auto_grant_id: grant.id, policy_id: policyId, enterprise_id: a.id, amount_fen: 1 }).execute()).rejects.toThrow();
  });

  it('pays each item once when two checkers run the batch at the same moment', async () => {
    await Promise.all([createManufacturer(db, 3000), createManufacturer(db, 4000), createManufacturer(db, 6000)]);
    const policyId = await autoPolicy('技改奖励（免申即享）');
    const third = await signIn(t.app, ['department_staff'], deptId);
    const grant = (await maker.post(`/api/policies/${policyId}/auto-grants`)).json<Grant>();
    await maker.post(`/api/auto-grants/${grant.id}/confirm`);
    await expireGrantNotice(grant.id);
    await passDueAutoGrantNotices(db);
    const preparations = await Promise.all([maker.post(`/api/auto-grants/${grant.id}/prepare-all`), maker.post(`/api/auto-grants/${grant.id}/prepare-all`)]);
    expect(preparations.map((p) => p.json<{ count: number }>().count).reduce((x, y) => x + y, 0)).toBe(grant.counts.included);
    const results = await Promise.all([checker.post(`/api/auto-grants/${grant.id}/approve-all`, { paymentRef: 'A' }), third.post(`/api/auto-grants/${grant.id}/approve-all`, { paymentRef: 'B' })]);
    // Whoever comes second pays what is left, or finds the grant paid already (409): never more.
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    expect(results.filter((r) => r.statusCode === 200).map((r) => r.json<{ count: number }>().count).reduce((x, y) => x + y, 0)).toBe(grant.counts.included);
    const rows = await db.selectFrom('disbursements').innerJoin('auto_grant_items', 'auto_grant_items.id', 'disbursements.auto_grant_item_id').where('auto_grant_items.auto_grant_id', '=', grant.id).select(['disbursements.auto_grant_item_id', 'disbursements.status']).execute();
    expect(rows).toHaveLength(grant.counts.included);
    expect(new Set(rows.map((r) => r.auto_grant_item_id)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === 'paid')).toBe(true);
    expect((await maker.get(`/api/auto-grants/${grant.id}`)).json<Grant>().status).toBe('paid');
  });

  it('never prepares or pays an item above the benefit\'s maximum (409 amount_above_bound, nothing prepared)', async () => {
    const firm = await createManufacturer(db, 3000);
    const policyId = await autoPolicy('规上奖励（免申即享，金额上限）');
    const grant = (await maker.post(`/api/policies/${policyId}/auto-grants`)).json<Grant>();
    const item = grant.items.items.find((i) => i.enterprise.id === firm.id)!;
    // However a larger amount got into the list (a stale or altered match), the benefit pays 20万 at most.
    await db.updateTable('auto_grant_items').set({ amount_fen: 20 * WAN + 1 }).where('id', '=', item.id).execute();
    await maker.post(`/api/auto-grants/${grant.id}/confirm`);
    await expireGrantNotice(grant.id);
    await passDueAutoGrantNotices(db);
    const one = await maker.post('/api/disbursements', { autoGrantItemId: item.id, amountFen: 20 * WAN + 1 });
    expect(one.statusCode).toBe(409);
    expect(one.json().error.details[0]).toMatchObject({ reason: 'amount_above_bound', boundFen: 20 * WAN });
    const all = await maker.post(`/api/auto-grants/${grant.id}/prepare-all`);
    expect(all.statusCode).toBe(409);
    const prepared = await db.selectFrom('disbursements').innerJoin('auto_grant_items', 'auto_grant_items.id', 'disbursements.auto_grant_item_id').where('auto_grant_items.auto_grant_id', '=', grant.id).select('disbursements.id').execute();
    expect(prepared).toEqual([]);
  });

  it('refuses policies that are not 免申即享 (422) and staff of other departments (403)', async () => {
    const policyId = (await createPolicy(t.app, { author: maker, body: { title: '普通申报类政策' } })).id;
    expect((await maker.post(`/api/policies/${policyId}/auto-grants`)).statusCode).toBe(422);
    const auto = await autoPolicy('另一项免申即享政策');
    await createManufacturer(db, 3000);
    const grant = await maker.post(`/api/policies/${auto}/auto-grants`);
    if (grant.statusCode === 201) {
      const id = grant.json<Grant>().id;
      expect((await otherStaff.get(`/api/auto-grants/${id}`)).statusCode).toBe(403);
      expect((await otherStaff.post(`/api/auto-grants/${id}/confirm`)).statusCode).toBe(403);
    }
    const enterpriseUser = await signIn(t.app, ['enterprise_user']);
    expect((await enterpriseUser.get('/api/auto-grants')).statusCode).toBe(403);
  });
});

describe('the funnel’s applied and granted counts', () => {
  it('counts applicants and confirmed grant items as applied, paid enterprises as granted, once each', async () => {
    const [a, b] = await Promise.all([createManufacturer(db, 3000), createManufacturer(db, 3000)]);
    const policyId = await autoPolicy('稳岗奖励（免申即享）');
    await createApplication(t.app, { policyId, enterprise: a });
    const grant = (await maker.post(`/api/policies/${policyId}/auto-grants`)).json<Grant>();
    const proposedOnly = await countPolicyOutcomes(db, policyId);
    expect(proposedOnly).toMatchObject({ applied: 1, granted: 0 });
    await maker.post(`/api/auto-grants/${grant.id}/confirm`);
    await expireGrantNotice(grant.id);
    await passDueAutoGrantNotices(db);
    await maker.post(`/api/auto-grants/${grant.id}/prepare-all`);
    await checker.post(`/api/auto-grants/${grant.id}/approve-all`, { paymentRef: 'FUNNEL-1' });
    const outcomes = await countPolicyOutcomes(db, policyId);
    expect(outcomes.applied).toBe(1 + grant.counts.included);
    expect(outcomes.granted).toBe(grant.counts.included);
    expect(grant.items.items.map((i) => i.enterprise.id)).toContain(b.id);
    expect([...outcomes.byDay.values()].reduce((n, d) => n + d.applied, 0)).toBe(outcomes.applied);
  });
});
