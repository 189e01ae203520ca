/**
 * The cockpit's rollups (migration 20261208T1010): whatever is written — firms registered, closed, moved to
 * another town or 门类, demands filed / accepted / resolved / rated / deleted, links closed and reassigned,
 * visits added, moved and deleted — the summary read from the rollups equals the summary aggregated from the
 * source rows, for whole-month and partial periods, county-wide and per town / 门类. Closures per month equal
 * a direct count; the working-hour response and resolution times are stored by the demands service in
 * working minutes and averaged by the cockpit.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { assignDemand } from '../../src/server/modules/demands/demands.dispatch.ts';
import { acceptDemand, resolveDemand } from '../../src/server/modules/demands/demands.lifecycle.ts';
import { demandSettingsOf } from '../../src/server/modules/demands/demands.settings.ts';
import { computeDashboard, splitPeriod, type DashboardScope } from '../../src/server/modules/reporting/dashboard.ts';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createTestDatabase } from '../db.ts';
import { actorFor, createCadre, createDemandCounty, fileDemand, type DemandCounty } from '../factories/demands.ts';
import { createEnterprise, ensureTowns, signIn, TEST_TOWNS, type CreatedEnterprise } from '../factories/enterprises.ts';
import { createOrg } from '../factories/accounts.ts';

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;
const firms: CreatedEnterprise[] = [];
const cadres: number[] = [];
const [GUIYANG, XINMIN] = TEST_TOWNS.map((town) => town.code);
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  c = await createDemandCounty(t.app);
  const specs = [
    { town: GUIYANG, industry: '3434', registeredOn: '2024-03-15' },
    { town: GUIYANG, industry: '6510', registeredOn: '2025-01-31' },
    { town: XINMIN, industry: '3434', registeredOn: '2025-02-01' },
    { town: XINMIN, industry: '6510', registeredOn: '2025-02-17' },
    { town: GUIYANG, industry: '3434', registeredOn: '2023-12-01' },
  ];
  for (const s of specs) firms.push(await createEnterprise(db, { townCode: s.town, industryCode: s.industry, registeredOn: s.registeredOn, recompute: false }));
  const dept = await createOrg(db, 'department');
  cadres.push(await createCadre(db, { orgId: dept, position: '科长', townCode: GUIYANG }), await createCadre(db, { orgId: dept, position: '科员', townCode: XINMIN }));
  const [e1, e2, e3, e4, e5] = firms;
  // Links: E1..E3 to C1 since 2024-06; E4 to C2 from 2024-06 to 2025-01-10 and again from 2025-03-01 (a gap); E5 to C2.
  await db.insertInto('cadre_links').values([
    { cadre_id: cadres[0], enterprise_id: e1.id, linked_on: '2024-06-01' },
    { cadre_id: cadres[0], enterprise_id: e2.id, linked_on: '2024-06-01' },
    { cadre_id: cadres[0], enterprise_id: e3.id, linked_on: '2024-06-20' },
    { cadre_id: cadres[1], enterprise_id: e4.id, linked_on: '2024-06-01', unlinked_on: '2025-01-10' },
    { cadre_id: cadres[1], enterprise_id: e4.id, linked_on: '2025-03-01' },
    { cadre_id: cadres[1], enterprise_id: e5.id, linked_on: '2025-02-14' },
  ]).execute();
  const visit = (cadre: number, firm: CreatedEnterprise, on: string) => ({ cadre_id: cadre, enterprise_id: firm.id, visited_on: on, people_met: '总经理', findings: '生产正常' });
  await db.insertInto('visits').values([
    visit(cadres[0], e1, '2024-07-03'), visit(cadres[0], e1, '2025-01-20'), visit(cadres[0], e1, '2025-02-11'),
    visit(cadres[0], e2, '2025-02-28'), visit(cadres[1], e2, '2025-02-05'), // E2 by C2: not its cadre
    visit(cadres[0], e3, '2024-06-10'), // before its link
    visit(cadres[1], e4, '2024-12-30'), visit(cadres[1], e4, '2025-02-01'), visit(cadres[1], e4, '2025-03-03'), // the second one in the gap
    visit(cadres[1], e5, '2025-02-14'),
  ]).execute();
  const demand = (firm: CreatedEnterprise, d: { category?: string; created: Date; assigned?: Date; accepted?: Date; due?: Date; resolved?: Date; rating?: number; rated?: Date; minutes?: [number | null, number | null] }) => ({
    enterprise_id: firm.id, title: '融资难题', description: '需要流动资金贷款', channel: 'portal', category_code: d.category ?? 'financing',
    state: d.rated ? 'rated' : d.resolved ? 'resolved' : d.accepted ? 'in_progress' : 'submitted',
    created_at: d.created, assigned_at: d.assigned ?? null, accepted_at: d.accepted ?? null, resolution_due_at: d.due ?? null,
    resolved_at: d.resolved ?? null, rating: d.rating ?? null, rated_at: d.rated ?? null,
    response_working_minutes: d.minutes?.[0] ?? null, resolution_working_minutes: d.minutes?.[1] ?? null,
  } as const);
  await db.insertInto('demands').values([
    demand(e1, { created: at('2025-01-31', '23:30'), assigned: at('2025-02-01', '09:00'), accepted: at('2025-02-03', '11:00'), due: at('2025-02-20'), resolved: at('2025-02-28', '23:59'), rating: 5, rated: at('2025-03-01', '00:10'), minutes: [120, 2000] }),
    demand(e2, { category: 'hiring', created: at('2025-02-10'), assigned: at('2025-02-10'), accepted: at('2025-02-10', '15:00'), due: at('2025-02-12'), resolved: at('2025-02-14'), minutes: [210, 1100] }),
    demand(e3, { created: at('2025-02-16', '08:00'), assigned: at('2025-02-17', '09:00'), accepted: at('2025-02-17', '09:30'), minutes: [30, null] }),
    demand(e4, { category: 'permits', created: at('2025-03-02') }),
    demand(e5, { created: at('2024-12-20'), assigned: at('2024-12-20'), accepted: at('2024-12-21'), due: at('2025-01-30'), resolved: at('2025-02-15'), rating: 2, rated: at('2025-02-16'), minutes: [null, 5000] }),
    demand(e1, { category: 'hiring', created: at('2025-02-01', '00:00'), resolved: at('2025-02-01', '00:00') }),
  ]).execute();
});

afterAll(async () => {
  await t.close();
});

const SCOPES: DashboardScope[] = [];
for (const [from, to] of [['2025-02-01', '2025-02-28'], ['2024-12-01', '2025-03-31'], ['2025-01-15', '2025-02-14'], ['2025-02-14', '2025-03-02'], ['2024-06-10', '2025-01-10'], ['2023-12-01', '2026-11-30']]) {
  for (const town of [null, GUIYANG]) for (const industry of [null, 'C']) SCOPES.push({ from, to, town, industry });
}

/** Every scope: the period figures read from the rollups equal those aggregated from the rows. */
async function expectRollupsMatchRows() {
  for (const scope of SCOPES) {
    const [fromRollups, fromRows] = await Promise.all([computeDashboard(db, scope), computeDashboard(db, scope, { rollups: false })]);
    for (const part of ['enterprises', 'demands', 'visits'] as const) expect(fromRollups[part], `${part} ${JSON.stringify(scope)}`).toEqual(fromRows[part]);
  }
}

describe('cockpit rollups', () => {
  it('cut a period into whole months and partial ends', () => {
    expect(splitPeriod('2025-02-01', '2025-02-28')).toEqual({ months: { first: '2025-02-01', last: '2025-02-01' }, edges: [] });
    expect(splitPeriod('2025-01-15', '2025-04-10')).toEqual({ months: { first: '2025-02-01', last: '2025-03-01' }, edges: [{ from: '2025-01-15', to: '2025-01-31' }, { from: '2025-04-01', to: '2025-04-10' }] });
    expect(splitPeriod('2024-02-10', '2024-02-29')).toEqual({ months: null, edges: [{ from: '2024-02-10', to: '2024-02-29' }] });
    expect(splitPeriod('2025-01-15', '2025-02-14')).toEqual({ months: null, edges: [{ from: '2025-01-15', to: '2025-02-14' }] });
    expect(splitPeriod('2025-01-01', '2025-12-31', false)).toEqual({ months: null, edges: [{ from: '2025-01-01', to: '2025-12-31' }] });
  });

  it('equal the figures from the rows, and stay equal through every kind of write', async () => {
    await expectRollupsMatchRows();
    const s = await computeDashboard(db, { from: '2025-02-01', to: '2025-02-28', town: null, industry: null });
    // Linked in February: E1, E2, E3, E5 (E4 is in its gap); visited by their cadre then: E1 (02-11), E2 (02-28 by C1), E5 (02-14).
    expect(s.visits).toMatchObject({ linked: 4, visited: 3, visits: 5 });
    expect(s.demands).toMatchObject({ filed: 3, resolved: 4, rated: 1 });

    const [e1, e2, e3, e4, e5] = firms;
    // Firms: one moves town and 门类, one closes, one changes size and 四上, one is registered.
    await db.updateTable('enterprises').set({ town_code: XINMIN, industry_section: 'I' }).where('id', '=', e1.id).execute();
    await db.updateTable('enterprises').set({ status: 'cancelled', closed_on: '2025-02-20' }).where('id', '=', e2.id).execute();
    await db.updateTable('enterprises').set({ size_class: 'medium', is_above_scale: true }).where('id', '=', e3.id).execute();
    firms.push(await createEnterprise(db, { townCode: GUIYANG, industryCode: '3434', registeredOn: '2025-02-27', recompute: false }));
    // Demands: one accepted and resolved, one re-rated, one moved to another category, one deleted.
    await db.updateTable('demands').set({ accepted_at: at('2025-03-03', '11:00'), response_working_minutes: 60, resolved_at: at('2025-03-20'), resolution_working_minutes: 900, state: 'resolved' }).where('enterprise_id', '=', e4.id).execute();
    await db.updateTable('demands').set({ rating: 4, rated_at: at('2025-02-27') }).where('enterprise_id', '=', e5.id).execute();
    await db.updateTable('demands').set({ category_code: 'permits' }).where('enterprise_id', '=', e3.id).execute();
    await db.deleteFrom('demands').where('category_code', '=', 'hiring').where('enterprise_id', '=', e1.id).execute();
    // Links and visits: E3 reassigned to C2 on 2025-02-15; a visit moved, one deleted, one added.
    await db.updateTable('cadre_links').set({ unlinked_on: '2025-02-15' }).where('enterprise_id', '=', e3.id).execute();
    await db.insertInto('cadre_links').values({ cadre_id: cadres[1], enterprise_id: e3.id, linked_on: '2025-02-15' }).execute();
    await db.insertInto('visits').values({ cadre_id: cadres[1], enterprise_id: e3.id, visited_on: '2025-02-25', people_met: '财务总监', findings: '资金紧张' }).execute();
    await db.updateTable('visits').set({ visited_on: '2025-03-05' }).where('enterprise_id', '=', e1.id).where('visited_on', '=', '2025-02-11').execute();
    await db.deleteFrom('visits').where('enterprise_id', '=', e5.id).execute();
    await expectRollupsMatchRows();

    const after = await computeDashboard(db, { from: '2025-02-01', to: '2025-02-28', town: null, industry: null });
    // E3 visited by C2 (linked since 02-15) on 02-25; E1's visit moved to March, E5's deleted.
    expect(after.visits).toMatchObject({ linked: 4, visited: 2 });
    const registered = await db.selectFrom('enterprises').where('registered_on', '>=', '2025-02-01').where('registered_on', '<=', '2025-02-28').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.enterprises).toMatchObject({ registeredInPeriod: Number(registered.n), closedInPeriod: 1 });
  });

  it('closures per month equal a direct count of closed_on', async () => {
    await db.updateTable('enterprises').set({ status: 'revoked', closed_on: '2025-03-31' }).where('id', '=', firms[3].id).execute();
    const s = await computeDashboard(db, { from: '2025-01-01', to: '2025-03-31', town: null, industry: null });
    const direct = await sql<{ month: string; registered: number; closed: number }>`
      select m.month, (select count(*)::int from enterprises where to_char(registered_on, 'YYYY-MM') = m.month) as registered,
        (select count(*)::int from enterprises where to_char(closed_on, 'YYYY-MM') = m.month) as closed
      from (values ('2025-01'), ('2025-02'), ('2025-03')) m(month) order by 1`.execute(db);
    expect(s.enterprises.monthlyChange).toEqual(direct.rows.map((r) => ({ ...r, net: r.registered - r.closed })));
    expect(s.enterprises.closedInPeriod).toBe(direct.rows.reduce((n, r) => n + r.closed, 0));
    expect(s.enterprises.closedInPeriod).toBe(2);
    expect(s.enterprises.monthly).toEqual(direct.rows.map((r) => ({ month: r.month, registered: r.registered })));
    const leader = await signIn(t.app, ['leader']);
    const res = await leader.get('/api/dashboard/summary?from=2025-02-01&to=2025-03-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().enterprises).toMatchObject({ closedInPeriod: 2, monthlyChange: [{ month: '2025-02', closed: 1 }, { month: '2025-03', closed: 1 }] });
  });
});

describe('working-hour response and resolution times', () => {
  it('are stored when the demand is accepted and resolved, and averaged by the cockpit', async () => {
    const settings = demandSettingsOf(t.config);
    const dispatcher = await actorFor(db, c.dispatcher.user.id);
    const staff = await actorFor(db, c.financeStaff.user.id);
    const filed = await fileDemand(c.ent);
    await db.updateTable('demands').set({ created_at: at('2026-12-04', '09:00') }).where('id', '=', filed.id).execute();
    // Assigned Friday 4 December 2026 16:00, accepted Monday 10:00: 16:00–17:30 + 09:00–10:00 = 150 working minutes.
    await assignDemand(db, settings, dispatcher, filed.id, { mode: 'manual', handlerOrgId: c.financeDeptId, categoryCode: 'financing' }, at('2026-12-04', '16:00'));
    await acceptDemand(db, settings, staff, filed.id, at('2026-12-07', '10:00'));
    // Filed Friday 09:00, resolved Tuesday 11:00: 420 + 420 + 120 = 960 working minutes (16 working hours).
    await resolveDemand(db, settings, staff, filed.id, { resolution: '已协调银行发放信用贷款', mode: 'offline' }, at('2026-12-08', '11:00'));
    const row = await db.selectFrom('demands').where('id', '=', filed.id).select(['response_working_minutes', 'resolution_working_minutes']).executeTakeFirstOrThrow();
    expect(row).toEqual({ response_working_minutes: 150, resolution_working_minutes: 960 });

    for (const rollups of [true, false]) {
      const s = await computeDashboard(db, { from: '2026-12-01', to: '2026-12-31', town: null, industry: null }, { rollups });
      expect(s.demands.averageResponseWorkingHours).toBe(2.5);
      expect(s.demands.averageResolutionWorkingHours).toBe(16);
      // Calendar hours stay as they were: Friday 16:00 → Monday 10:00 is 66 h.
      expect(s.demands.averageResponseHours).toBe(66);
    }
    // A period of the earlier county: the mean of the stored minutes of the demands accepted / resolved in it.
    const s = await computeDashboard(db, { from: '2025-02-01', to: '2025-02-28', town: null, industry: null });
    const direct = await sql<{ response: string; resolution: string }>`
      select (select avg(response_working_minutes) / 60 from demands where created_at >= ${at('2025-02-01', '00:00')} and created_at < ${at('2025-03-01', '00:00')} and accepted_at is not null) as response,
        (select avg(resolution_working_minutes) / 60 from demands where resolved_at >= ${at('2025-02-01', '00:00')} and resolved_at < ${at('2025-03-01', '00:00')}) as resolution`.execute(db);
    expect(s.demands.averageResponseWorkingHours).toBe(Math.round(Number(direct.rows[0].response) * 10) / 10);
    expect(s.demands.averageResolutionWorkingHours).toBe(Math.round(Number(direct.rows[0].resolution) * 10) / 10);
  });
});

describe('the migration', () => {
  it('fills the rollups and the working minutes from the rows already there', async () => {
    const database = await createTestDatabase();
    try {
      const mdb = database.db as Kysely<DB>;
      const migrator = new Migrator({ db: mdb as unknown as Kysely<unknown>, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('20261208T0900_enterprise_closed_on')).error).toBeUndefined();
      await ensureTowns(mdb);
      const a = await createEnterprise(mdb, { townCode: GUIYANG, industryCode: '3434', registeredOn: '2025-02-03', recompute: false, nameSort: false });
      const b = await createEnterprise(mdb, { townCode: XINMIN, industryCode: '6510', registeredOn: '2024-05-05', recompute: false, nameSort: false });
      await sql`update enterprises set status = 'moved_out', closed_on = '2025-02-25' where id = ${b.id}`.execute(mdb);
      const dept = await createOrg(mdb, 'department');
      const cadre = await createCadre(mdb, { orgId: dept, position: '科长' });
      await sql`insert into cadre_links (cadre_id, enterprise_id, linked_on, unlinked_on) values (${cadre}, ${a.id}, '2025-01-01', null), (${cadre}, ${b.id}, '2024-06-01', '2025-02-10')`.execute(mdb);
      await sql`insert into visits (cadre_id, enterprise_id, visited_on, people_met, findings) values
        (${cadre}, ${a.id}, '2025-02-04', '总经理', '生产正常'), (${cadre}, ${b.id}, '2025-02-09', '总经理', '准备迁出'), (${cadre}, ${b.id}, '2025-02-12', '总经理', '已迁出')`.execute(mdb);
      // Assigned Friday 2025-03-07 16:00, accepted Monday 10:00 (150 working minutes); filed Friday 09:00, resolved Tuesday 11:00 (960).
      await sql`insert into demands (enterprise_id, title, description, channel, category_code, state, created_at, assigned_at, accepted_at, resolved_at, rating, rated_at)
        values (${a.id}, '融资难题', '需要流动资金贷款', 'portal', 'financing', 'rated', ${at('2025-03-07', '09:00')}, ${at('2025-03-07', '16:00')}, ${at('2025-03-10', '10:00')}, ${at('2025-03-11', '11:00')}, 5, ${at('2025-03-12')}),
               (${b.id}, '用工难题', '需要招聘技工', 'portal', 'hiring', 'submitted', ${at('2025-02-20')}, null, null, null, null, null)`.execute(mdb);
      await migrateToLatest(mdb as unknown as Kysely<unknown>);

      const minutes = await mdb.selectFrom('demands').select(['enterprise_id', 'response_working_minutes', 'resolution_working_minutes']).orderBy('id').execute();
      expect(minutes).toEqual([
        { enterprise_id: a.id, response_working_minutes: 150, resolution_working_minutes: 960 },
        { enterprise_id: b.id, response_working_minutes: null, resolution_working_minutes: null },
      ]);
      for (const [from, to] of [['2025-02-01', '2025-02-28'], ['2025-02-05', '2025-03-10'], ['2024-01-01', '2025-12-31']]) {
        for (const town of [null, XINMIN]) {
          const scope = { from, to, town, industry: null };
          const [fromRollups, fromRows] = await Promise.all([computeDashboard(mdb, scope), computeDashboard(mdb, scope, { rollups: false })]);
          for (const part of ['enterprises', 'demands', 'visits'] as const) expect(fromRollups[part], `${part} ${JSON.stringify(scope)}`).toEqual(fromRows[part]);
        }
      }
      const february = await computeDashboard(mdb, { from: '2025-02-01', to: '2025-02-28', town: null, industry: null });
      expect(february.enterprises).toMatchObject({ registeredInPeriod: 1, closedInPeriod: 1 });
      expect(february.visits).toMatchObject({ linked: 2, visited: 2, visits: 3 });
      expect(february.demands).toMatchObject({ filed: 1, averageResponseWorkingHours: null, averageResolutionWorkingHours: null });
      const march = await computeDashboard(mdb, { from: '2025-03-01', to: '2025-03-31', town: null, industry: null });
      expect(march.demands).toMatchObject({ filed: 1, resolved: 1, rated: 1, averageResponseWorkingHours: 2.5, averageResolutionWorkingHours: 16 });
    } finally {
      await database.destroy();
    }
  });
});
