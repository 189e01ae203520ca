/**
 * The three dispatch modes and the clock. 抢单: two providers claim at once and exactly one wins (run on
 * PGlite here and on PostgreSQL in CI), a claim not accepted in time returns to the pool, a provider holds
 * at most its limit of open claims. 点单: the enterprise picks a catalogue item. 派单 automatically by least
 * load and round robin. The resolution clock pauses while waiting on the enterprise and its deadline moves
 * by exactly the working time paused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { acceptDemand, resumeDemand, waitOnEnterprise } from '../../src/server/modules/demands/demands.lifecycle.ts';
import { assignDemand } from '../../src/server/modules/demands/demands.dispatch.ts';
import type { DemandDetail } from '../../src/server/modules/demands/demands.schemas.ts';
import { demandSettingsOf } from '../../src/server/modules/demands/demands.settings.ts';
import { scanDemands } from '../../src/server/modules/demands/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { act, actorFor, createCodedOrg, createDemandCounty, createService, fileDemand, type DemandCounty } from '../factories/demands.ts';
import { signIn } from '../factories/enterprises.ts';

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;
let providerA: { orgId: number; staff: Awaited<ReturnType<typeof signIn>> };
let providerB: { orgId: number; staff: Awaited<ReturnType<typeof signIn>> };
let outsider: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await createTestApp({ demands: { ...(await import('../../src/server/config.ts')).loadConfig({ NODE_ENV: 'test' }).demands, maxOpenClaims: 2 } });
  db = t.app.db;
  c = await createDemandCounty(t.app);
  const a = await createCodedOrg(db, 'service_provider', 'prov-a', '重庆垫信企业管理咨询有限公司', 'market');
  const b = await createCodedOrg(db, 'service_provider', 'prov-b', '垫江县中小企业公共服务中心', 'quasi_market');
  const o = await createCodedOrg(db, 'service_provider', 'prov-o', '重庆知信知识产权代理有限公司', 'market');
  await createService(db, { providerOrgId: a, categoryCode: 'financing', priceFen: 500_000 });
  await createService(db, { providerOrgId: b, categoryCode: 'financing', team: 'quasi_market' });
  await createService(db, { providerOrgId: o, categoryCode: 'ip' });
  providerA = { orgId: a, staff: await signIn(t.app, ['provider_staff'], a) };
  providerB = { orgId: b, staff: await signIn(t.app, ['provider_staff'], b) };
  outsider = await signIn(t.app, ['provider_staff'], o);
});
afterAll(async () => t?.close());

async function offered(): Promise<number> {
  const filed = await fileDemand(c.ent);
  const response = await act(c.dispatcher, filed.id, 'offer', { categoryCode: 'financing' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json<DemandDetail>()).toMatchObject({ state: 'offered', dispatchMode: 'claim' });
  return filed.id;
}

describe('抢单', () => {
  it('offers to the providers with items in the category; they see it in their pool, others do not', async () => {
    const id = await offered();
    const detail = (await c.dispatcher.get(`/api/demands/${id}`)).json<DemandDetail>();
    expect(detail.offerOrgs.map((o) => o.id).sort()).toEqual([providerA.orgId, providerB.orgId].sort());
    expect((await providerA.staff.get('/api/demands/pool')).json<{ items: { id: number }[] }>().items.map((d) => d.id)).toContain(id);
    expect((await outsider.get('/api/demands/pool')).json<{ items: { id: number }[] }>().items.map((d) => d.id)).not.toContain(id);
    expect((await outsider.get(`/api/demands/${id}`)).statusCode).toBe(403);
    expect((await act(outsider, id, 'claim')).statusCode).toBe(403);
    const notices = await db.selectFrom('notifications').where('user_id', '=', providerB.staff.user.id).where('kind', '=', 'demand.offer').select('params').execute();
    expect(notices.map((n) => (n.params as { demandId: number }).demandId)).toContain(id);
  });

  it('two providers claim at once: exactly one wins, the other gets 409 and nothing of it is written', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await offered();
      const [first, second] = await Promise.all([act(providerA.staff, id, 'claim'), act(providerB.staff, id, 'claim')]);
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.statusCode === 200 ? providerA : providerB;
      const loser = first.statusCode === 200 ? second : first;
      expect(loser.json()).toMatchObject({ error: { code: 'conflict' } });
      const row = await db.selectFrom('demands').where('id', '=', id).select(['state', 'handler_org_id', 'handler_user_id', 'claim_expires_at']).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'assigned', handler_org_id: winner.orgId, handler_user_id: winner.staff.user.id });
      expect(row.claim_expires_at).not.toBeNull();
      const claims = await db.selectFrom('demand_events').where('demand_id', '=', id).where('action', '=', 'claim').select('actor_user_id').execute();
      expect(claims).toEqual([{ actor_user_id: winner.staff.user.id }]);
      // Claiming a claimed demand: refused, still the winner's.
      expect((await act(winner === providerA ? providerB.staff : providerA.staff, id, 'claim')).statusCode).toBe(409);
      // Accepting the winner's order is the winner's alone.
      expect((await act(winner === providerA ? providerB.staff : providerA.staff, id, 'accept')).statusCode).toBe(403);
      expect((await act(winner.staff, id, 'accept')).statusCode).toBe(200);
      await act(winner.staff, id, 'resolve', { resolution: '已完成融资对接', mode: 'online' });
    }
  });

  it('a claim not accepted in time returns to the pool without that provider; a provider holds at most its limit', async () => {
    const id = await offered();
    expect((await act(providerA.staff, id, 'claim')).statusCode).toBe(200);
    const row = await db.selectFrom('demands').where('id', '=', id).select('claim_expires_at').executeTakeFirstOrThrow();
    const outcome = await scanDemands(db, demandSettingsOf(t.config), new Date(new Date(row.claim_expires_at!).getTime() + 1000));
    expect(outcome.expired).toBeGreaterThanOrEqual(1);
    const back = await db.selectFrom('demands').where('id', '=', id).select(['state', 'handler_org_id', 'offer_org_ids']).executeTakeFirstOrThrow();
    expect(back).toEqual({ state: 'offered', handler_org_id: null, offer_org_ids: [providerB.orgId] });

    // The limit (2 here): two open claims held, the third refused.
    const ids = [await offered(), await offered(), await offered()];
    expect((await act(providerB.staff, ids[0], 'claim')).statusCode).toBe(200);
    expect((await act(providerB.staff, ids[1], 'claim')).statusCode).toBe(200);
    const third = await act(providerB.staff, ids[2], 'claim');
    expect(third.statusCode).toBe(409);
    expect(third.json<{ error: { message: string } }>().error.message).toMatch(/at most 2/);
    expect((await db.selectFrom('demands').where('id', '=', ids[2]).select('state').executeTakeFirstOrThrow()).state).toBe('offered');
  });
});

describe('点单 and automatic 派单', () => {
  it('the enterprise picks a catalogue item: its provider gets the order', async () => {
    const services = (await c.ent.get('/api/services?categoryCode=financing')).json<{ items: { id: number; provider: { id: number }; isFree: boolean; priceFen: number | null }[] }>();
    const paid = services.items.find((s) => s.provider.id === providerA.orgId)!;
    expect(paid).toMatchObject({ isFree: false, priceFen: 500_000 });
    const filed = await fileDemand(c.ent, { title: '需要融资顾问', description: '希望专业机构帮助设计融资方案并对接银行', serviceId: paid.id });
    expect(filed).toMatchObject({ state: 'assigned', dispatchMode: 'pick', handlerOrg: { id: providerA.orgId }, service: { id: paid.id } });
    const later = await fileDemand(c.ent, { title: '另一项融资需求', description: '设备融资租赁咨询，需要专业机构' });
    expect((await act(c.ent, later.id, 'pick', { serviceId: paid.id })).json<DemandDetail>().handlerOrg?.id).toBe(providerA.orgId);
    expect((await act(c.otherEnt, later.id, 'pick', { serviceId: paid.id })).statusCode).toBe(403);
  });

  it('least load picks the eligible office with the fewest open orders; round robin the one longest without an order', async () => {
    const dispatcher = await actorFor(db, c.dispatcher.user.id);
    const settings = demandSettingsOf(t.config);
    const load = async () => {
      const rows = await db.selectFrom('demands').where('state', 'in', ['assigned', 'accepted', 'in_progress', 'waiting']).where('handler_org_id', 'in', [c.financeDeptId, providerA.orgId, providerB.orgId]).select(['handler_org_id']).execute();
      const counts = new Map<number, number>();
      for (const r of rows) counts.set(r.handler_org_id!, (counts.get(r.handler_org_id!) ?? 0) + 1);
      return counts;
    };
    const before = await load();
    const filed = await fileDemand(c.ent);
    const assigned = await assignDemand(db, settings, dispatcher, filed.id, { mode: 'auto', strategy: 'least_load', categoryCode: 'financing' });
    const least = Math.min(...[c.financeDeptId, providerA.orgId, providerB.orgId].map((id) => before.get(id) ?? 0));
    expect(before.get(assigned.handlerOrg!.id) ?? 0).toBe(least);

    const one = await assignDemand(db, settings, dispatcher, (await fileDemand(c.ent)).id, { mode: 'auto', strategy: 'round_robin', categoryCode: 'financing' });
    const two = await assignDemand(db, settings, dispatcher, (await fileDemand(c.ent)).id, { mode: 'auto', strategy: 'round_robin', categoryCode: 'financing' });
    const three = await assignDemand(db, settings, dispatcher, (await fileDemand(c.ent)).id, { mode: 'auto', strategy: 'round_robin', categoryCode: 'financing' });
    expect(new Set([one, two, three].map((d) => d.handlerOrg!.id)).size).toBe(3);

    const ruled = await assignDemand(db, settings, dispatcher, (await fileDemand(c.ent)).id, { mode: 'auto', strategy: 'rule', categoryCode: 'financing' });
    expect(ruled.handlerOrg!.id).toBe(c.financeDeptId);
  });
});

describe('the resolution clock', () => {
  it('pauses while waiting on the enterprise; the deadline moves by exactly the working time paused', async () => {
    const settings = demandSettingsOf(t.config);
    const at = (local: string) => new Date(`${local}+08:00`);
    const dispatcher = await actorFor(db, c.dispatcher.user.id);
    const staff = await actorFor(db, c.financeStaff.user.id);
    const enterprise = await actorFor(db, c.ent.user.id);
    const filed = await fileDemand(c.ent);
    // 融资: 40 working hours. Monday 7 December 2026, 09:00: 5 days of 7 h (2,100 min) + 300 min → Monday 14 December 15:30.
    const assigned = await assignDemand(db, settings, dispatcher, filed.id, { mode: 'manual', handlerOrgId: c.financeDeptId, categoryCode: 'financing' }, at('2026-12-07T09:00:00'));
    expect(assigned.resolutionDueAt).toBe(at('2026-12-14T15:30:00').toISOString());
    await acceptDemand(db, settings, staff, filed.id, at('2026-12-07T10:00:00'));
    // Waiting from Tuesday 09:00 to Thursday 09:00: two working days paused.
    const waiting = await waitOnEnterprise(db, settings, staff, filed.id, '请补充材料', at('2026-12-08T09:00:00'));
    expect(waiting).toMatchObject({ state: 'waiting', isPaused: true, resolutionDueAt: at('2026-12-14T15:30:00').toISOString() });
    const resumed = await resumeDemand(db, settings, enterprise, filed.id, '已补充', at('2026-12-10T09:00:00'));
    expect(resumed).toMatchObject({ state: 'in_progress', isPaused: false, resolutionDueAt: at('2026-12-16T15:30:00').toISOString() });
    const row = await db.selectFrom('demands').where('id', '=', filed.id).select('clock_pauses').executeTakeFirstOrThrow();
    expect(row.clock_pauses).toEqual([{ from: at('2026-12-08T09:00:00').toISOString(), to: at('2026-12-10T09:00:00').toISOString() }]);
  });
});
