import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageBy, coveragePairs, quarterOf } from '../../src/core/cadres/coverage.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { todayInShanghai } from '../../src/server/seed/enterprises.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase;
let db: Kysely<DB>;
const stageMs = new Map<string, number>();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  let stage = '';
  let started = performance.now();
  await seedDemoCounty(db, {
    enterprises: 300,
    seed: 20261207,
    onProgress: (next, done) => {
      if (done !== undefined) return;
      stageMs.set(stage, (stageMs.get(stage) ?? 0) + performance.now() - started);
      stage = next;
      started = performance.now();
    },
  });
  stageMs.set(stage, (stageMs.get(stage) ?? 0) + performance.now() - started);
  console.log(`cadre links stage: ${Math.round(stageMs.get('cadre links, visits and plans (千人联千企)') ?? 0)} ms of the 300-firm seed`);
}, 300_000);

afterAll(async () => {
  await database.destroy();
});

describe('demo 千人联千企', () => {
  it('links every enterprise to exactly one cadre now, and gives every cadre a mobile number', async () => {
    const enterprises = await db.selectFrom('enterprises').select('id').execute();
    const current = await db.selectFrom('cadre_links').where('unlinked_on', 'is', null).select('enterprise_id').execute();
    expect(new Set(current.map((l) => l.enterprise_id)).size).toBe(enterprises.length);
    expect(current).toHaveLength(enterprises.length);
    expect(await db.selectFrom('cadre_links').where('unlinked_on', 'is not', null).select('id').execute()).not.toHaveLength(0);
    const phones = await db.selectFrom('cadres').select('phone').execute();
    expect(phones.every((p) => p.phone !== null && /^1[3-9]\d{9}$/.test(p.phone))).toBe(true);
  });

  it('gives the demo cadre a handful of firms with open demands, unapplied matches and loans, all planned this quarter', async () => {
    const demo = await db.selectFrom('cadres').innerJoin('users', 'users.id', 'cadres.user_id').where('users.username', '=', 'cadre').select('cadres.id').executeTakeFirstOrThrow();
    const firms = (await db.selectFrom('cadre_links').where('cadre_id', '=', demo.id).where('unlinked_on', 'is', null).select('enterprise_id').execute()).map((l) => l.enterprise_id);
    expect(firms.length).toBeGreaterThanOrEqual(5);
    expect(firms.length).toBeLessThanOrEqual(10);
    const open = await db.selectFrom('demands').where('enterprise_id', 'in', firms).where('state', 'in', ['submitted', 'assigned', 'accepted', 'in_progress', 'waiting', 'triaged']).select('id').execute();
    expect(open.length).toBeGreaterThan(0);
    const matches = await db.selectFrom('policy_matches').where('enterprise_id', 'in', firms).where('outcome', '=', 'eligible').select('enterprise_id').execute();
    expect(matches.length).toBeGreaterThan(0);
    const loans = await db.selectFrom('loans').where('enterprise_id', 'in', firms).select('id').execute();
    expect(loans.length).toBeGreaterThan(0);
    const plans = await db.selectFrom('visit_plans').where('cadre_id', '=', demo.id).where('quarter', '=', quarterOf(todayInShanghai())).select('enterprise_id').execute();
    expect(plans.map((p) => p.enterprise_id).sort()).toEqual([...firms].sort());
  });

  it('has a year of visits, never in the future nor before the link, coverage uneven across towns, and visits that raised demands', async () => {
    const today = todayInShanghai();
    const visits = await db.selectFrom('visits').select(['cadre_id', 'enterprise_id', 'visited_on']).execute();
    expect(visits.every((v) => v.visited_on <= today)).toBe(true);
    const links = await db.selectFrom('cadre_links').select(['cadre_id', 'enterprise_id', 'linked_on', 'unlinked_on']).execute();
    const early = await db
      .selectFrom('visits as v')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('cadre_links as l').whereRef('l.cadre_id', '=', 'v.cadre_id').whereRef('l.enterprise_id', '=', 'v.enterprise_id').whereRef('l.linked_on', '<=', 'v.visited_on'))))
      .select('v.id')
      .execute();
    expect(early).toEqual([]);
    const quarter = quarterOf(today);
    const pairs = coveragePairs(
      links.map((l) => ({ cadreId: l.cadre_id, enterpriseId: l.enterprise_id, linkedOn: l.linked_on, unlinkedOn: l.unlinked_on })),
      visits.map((v) => ({ cadreId: v.cadre_id, enterpriseId: v.enterprise_id, visitedOn: v.visited_on })),
      quarter,
      today,
    );
    const towns = new Map((await db.selectFrom('enterprises').select(['id', 'town_code']).execute()).map((e) => [e.id, e.town_code]));
    const rates = [...coverageBy(pairs, (p) => towns.get(p.enterpriseId) ?? null).values()].filter((c) => c.linked >= 5).map((c) => c.rateBp!);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(1500);
    expect(new Set(visits.map((v) => quarterOf(v.visited_on))).size).toBeGreaterThanOrEqual(4);
    const raised = await db.selectFrom('visit_demands').select('demand_id').execute();
    expect(raised.length).toBeGreaterThan(0);
  });
});
