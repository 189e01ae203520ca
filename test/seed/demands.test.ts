import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { Prng } from '../../src/core/random/prng.ts';
import { DEFAULT_CALENDAR } from '../../src/core/sla/calendar.ts';
import { DEFAULT_OFFICE_HOURS, workingMinutesBetween } from '../../src/core/sla/working-hours.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { composeDemand, DEMAND_CATEGORY_CODES, pickCategory } from '../../src/server/seed/demand-texts.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { SHOWCASE_ENTERPRISE_NAME } from '../../src/server/seed/enterprises.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { clockOf, remainingMinutes } from '../../src/server/modules/demands/demands.clock.ts';

describe('demand texts', () => {
  it('are deterministic from the seed, varied, and cover every category with three channels of phrasing', () => {
    const write = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 600 }, () => {
        const category = pickCategory(rng);
        return { category, ...composeDemand(rng, category, { enterpriseName: '重庆垫江鑫源食品有限公司', townName: '桂溪街道' }, rng.pick(['portal', 'cadre', 'hotline'] as const)) };
      });
    };
    const texts = write(7);
    expect(write(7)).toEqual(texts);
    expect(new Set(texts.map((t) => t.category))).toEqual(new Set(DEMAND_CATEGORY_CODES));
    expect(new Set(texts.map((t) => t.description)).size).toBeGreaterThan(590);
    expect(texts.some((t) => t.description.startsWith('来电人') || t.description.startsWith('市民来电') || t.description.startsWith('网友留言'))).toBe(true);
    expect(texts.some((t) => t.description.includes('走访'))).toBe(true);
    // Some texts speak of two topics: the router must weigh them.
    expect(texts.filter((t) => t.alsoMentions !== null).length).toBeGreaterThan(100);
    expect(texts.every((t) => t.title.length >= 2 && t.title.length <= 60 && t.description.length >= 10)).toBe(true);
  });
});

describe('the demo county demands', () => {
  let database: TestDatabase;
  let db: Kysely<DB>;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemoCounty(db, { enterprises: 300, seed: 20261127 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => Number((await where(base()).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const base = () => db.selectFrom('demands');

  it('has a handled history over two years across the categories, by every channel and dispatch mode', async () => {
    expect(await count((q) => q.where('state', '=', 'closed'))).toBeGreaterThanOrEqual(400);
    const categories = await base().where('state', '=', 'closed').select('category_code').distinct().execute();
    expect(categories.length).toBeGreaterThanOrEqual(12);
    for (const channel of ['portal', 'cadre', 'hotline'] as const) expect(await count((q) => q.where('channel', '=', channel))).toBeGreaterThan(0);
    for (const mode of ['dispatch', 'pick', 'claim'] as const) expect(await count((q) => q.where('dispatch_mode', '=', mode))).toBeGreaterThan(0);
    const oldest = await base().select((eb) => eb.fn.min('created_at').as('at')).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(oldest.at as Date).getTime()).toBeGreaterThan(300 * 24 * 3600_000);
  });

  it('stores the response and resolution times in working minutes, as the demands service does', async () => {
    const rows = await base().select(['created_at', 'assigned_at', 'accepted_at', 'resolved_at', 'response_working_minutes', 'resolution_working_minutes']).execute();
    const accepted = rows.filter((r) => r.accepted_at !== null);
    const resolved = rows.filter((r) => r.resolved_at !== null);
    expect(accepted.length).toBeGreaterThan(100);
    for (const r of accepted) expect(r.response_working_minutes).toBe(workingMinutesBetween(r.assigned_at ?? r.created_at, r.accepted_at!, DEFAULT_CALENDAR, DEFAULT_OFFICE_HOURS));
    for (const r of resolved) expect(r.resolution_working_minutes).toBe(workingMinutesBetween(r.created_at, r.resolved_at!, DEFAULT_CALENDAR, DEFAULT_OFFICE_HOURS));
    expect(rows.filter((r) => r.accepted_at === null).every((r) => r.response_working_minutes === null)).toBe(true);
  });

  it('rates mostly well, rectifies bad ratings, follows up and misses some deadlines', async () => {
    const rated = await count((q) => q.where('rating', 'is not', null));
    const good = await count((q) => q.where('rating', '>=', 4));
    expect(good / rated).toBeGreaterThan(0.7);
    expect(await count((q) => q.where('reopen_count', '>', 0))).toBeGreaterThan(0);
    expect(await count((q) => q.where('follow_up_outcome', 'is not', null))).toBeGreaterThan(0);
    expect(await count((q) => q.where('state', '=', 'closed').whereRef('resolved_at', '>', 'resolution_due_at'))).toBeGreaterThan(0);
    // Every demand's timeline starts with its submission and ends in its state.
    const mismatched = await db
      .selectFrom('demands')
      .innerJoin('demand_events as e', 'e.demand_id', 'demands.id')
      .where('e.id', 'in', (eb) => eb.selectFrom('demand_events').select((x) => x.fn.max('id').as('id')).groupBy('demand_id'))
      .whereRef('e.to_state', '<>', 'demands.state')
      .select('demands.id')
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('leaves work for every workbench on the first start, and a trained router with suggestions for the queue', async () => {
    for (const state of ['submitted', 'triaged', 'offered', 'assigned', 'accepted', 'in_progress', 'waiting', 'resolved'] as const) {
      expect(await count((q) => q.where('state', '=', state)), state).toBeGreaterThan(0);
    }
    const queue = await base().where('state', 'in', ['submitted', 'triaged']).select('suggestion').execute();
    expect(queue.every((d) => d.suggestion !== null)).toBe(true);
    const model = await db.selectFrom('router_models').select(['trigger', 'examples']).executeTakeFirstOrThrow();
    expect(model.trigger).toBe('seed');
    const user = (username: string) => db.selectFrom('users').where('username', '=', username).select(['id', 'org_id']).executeTakeFirstOrThrow();
    const dept = await user('dept');
    const provider = await user('provider');
    expect(await count((q) => q.where('handler_org_id', '=', dept.org_id).where('state', 'in', ['assigned', 'in_progress']))).toBeGreaterThan(0);
    const pool = await base().where('state', '=', 'offered').select('offer_org_ids').execute();
    expect(pool.some((d) => d.offer_org_ids?.includes(provider.org_id))).toBe(true);
    const showcase = await db.selectFrom('enterprises').where('name', '=', SHOWCASE_ENTERPRISE_NAME).select('id').executeTakeFirstOrThrow();
    expect(await count((q) => q.where('enterprise_id', '=', showcase.id).where('state', '=', 'resolved'))).toBeGreaterThan(0);
  });

  it('makes the open orders past their deadline late by their own clock, as the overdue board replays it', async () => {
    const now = new Date();
    const rules = { calendar: DEFAULT_CALENDAR, hours: DEFAULT_OFFICE_HOURS };
    const late = await base()
      .where('state', 'in', ['accepted', 'in_progress'])
      .where('resolution_due_at', '<', now)
      .select(['id', 'clock_started_at', 'clock_budget_minutes', 'clock_pauses', 'resolution_due_at'])
      .execute();
    expect(late.length).toBeGreaterThan(0);
    for (const demand of late) {
      expect(clockOf(demand, rules)?.due.toISOString(), `demand ${demand.id}`).toBe(demand.resolution_due_at?.toISOString());
      expect(remainingMinutes(demand, now, rules), `demand ${demand.id}`).toBeLessThan(0);
    }
  });

  it('fills the service catalogue of the three teams, with prices or free, and ratings', async () => {
    const teams = await db.selectFrom('services').select('team').distinct().execute();
    expect(teams.map((t) => t.team).sort()).toEqual(['market', 'non_market', 'quasi_market']);
    expect(await db.selectFrom('services').where('is_free', '=', true).select('id').execute()).not.toHaveLength(0);
    expect(await db.selectFrom('services').where('price_fen', '>', 0).select('id').execute()).not.toHaveLength(0);
    expect(await db.selectFrom('services').where('rating_count', '>', 0).select('id').execute()).not.toHaveLength(0);
  });
});
