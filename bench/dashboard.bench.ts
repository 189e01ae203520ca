/**
 * `npm run bench:dashboard`: the cockpit summary over a county of 100,000 enterprises with three years of
 * activity (registrations, demands filed/answered/resolved/rated, cadre links and visits), generated with
 * set-based generate_series inserts on PGlite and on a scratch PostgreSQL database (127.0.0.1:5432; skipped
 * if none answers): p50/p99 of `computeDashboard` over every filter combination (period × town × 门类),
 * then the streamed XLSX export of 100,000 enterprises (time, size, peak RSS and heap).
 *
 *   npm run bench:dashboard -- [--enterprises 100000] [--rounds 2] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 *                              [--only pglite|postgres] [--keep]
 *
 * `--only` runs one engine. `--keep` (PostgreSQL) keeps the generated county in `dxe_bench_dashboard_keep_<N>`
 * and reuses it on the next run (after migrating it to the latest), to iterate on the queries; drop it by hand.
 *
 * Loans and policy pushes are not generated here (their tables are empty in the bench county): the finance
 * KPIs have their own figures; the statements the cockpit adds are the ones measured. The rows are written
 * with the cockpit's rollup triggers on (migration 20261208T1010), as any writer would.
 * Last line: one JSON object {"enterprises","pglite":{"p50Ms","p99Ms"},"postgres":{"p50Ms","p99Ms"},"export":{…}}.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { computeDashboard, type DashboardScope } from '../src/server/modules/reporting/dashboard.ts';
import { enterprisesExport } from '../src/server/modules/reporting/exports.ts';
import { xlsxStream } from '../src/server/platform/xlsx-export.ts';
import type { Actor } from '../src/server/request-context.ts';
import { openScratchDatabase } from './scratch-database.ts';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '2' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const ROUNDS = Number(values.rounds);
const TOWNS = ['500231001', '500231002', '500231101', '500231102', '500231103', '500231104', '500231105', '500231106'];
const SECTIONS = ['A', 'C', 'E', 'F', 'G', 'H', 'I', 'L', 'M', 'O'];
const TODAY = '2026-11-30';

async function generate(db: Kysely<DB>, label: string): Promise<void> {
  const bar = new cliProgress.SingleBar({ format: `${label} county {bar} {value}/{total} {step}` }, cliProgress.Presets.shades_classic);
  const steps = ['towns and organisations', 'enterprises', 'demands', 'cadres and links', 'visits', 'vacuum analyse'];
  bar.start(steps.length, 0, { step: steps[0] });
  await sql`insert into towns (code, name, name_en, kind) select c, '镇' || c, 'Town ' || c, 'town' from unnest(${TOWNS}::text[]) c on conflict do nothing`.execute(db);
  const dept = await db.insertInto('organizations').values({ type: 'department', name: '县经济和信息化委员会', code: 'jxw', service_team: null }).returning('id').executeTakeFirstOrThrow();
  bar.update(1, { step: steps[1] });
  // Three years and more of registrations; 6% closed (with their closure date); sizes and 四上 skewed as in a county.
  await sql`
    insert into enterprises (uscc, name, type, town_code, industry_section, industry_code, registered_on, status, closed_on, size_class, is_above_scale)
    select 'B' || lpad(g::text, 17, '0'), '基准企业' || g, 'limited_company',
      (${TOWNS}::text[])[1 + g % ${TOWNS.length}], (${SECTIONS}::text[])[1 + (g / 7) % ${SECTIONS.length}], null,
      date '2026-11-30' - ((g * 37) % 5000),
      case when g % 25 = 0 then 'cancelled' when g % 50 = 1 then 'revoked' else 'operating' end,
      -- closed firms close on a day of the last three years, never before they registered
      case when g % 25 = 0 or g % 50 = 1 then greatest(date '2026-11-30' - ((g * 37) % 5000), date '2026-11-30' - ((g * 53) % 1095)) end,
      (array['micro','micro','micro','small','small','medium','large'])[1 + g % 7],
      g % 11 = 0
    from generate_series(1, ${N}) g`.execute(db);
  bar.update(2, { step: steps[2] });
  // Demands: 1.5 per firm over three years; most answered, most resolved (80% on time), half rated.
  await sql`
    insert into demands (enterprise_id, title, description, channel, category_code, state, created_at, assigned_at, accepted_at,
      resolution_due_at, resolved_at, rating, rated_at)
    select e, '融资需求', '需要流动资金', 'portal', (array['financing','hiring','permits','tax','policy'])[1 + g % 5],
      case when g % 10 = 0 then 'submitted' when g % 2 = 0 then 'rated' else 'resolved' end,
      t0, t0 + interval '1 hour', t0 + interval '3 hours', t0 + interval '10 days',
      case when g % 10 = 0 then null else t0 + ((g % 13) || ' days')::interval end,
      case when g % 10 <> 0 and g % 2 = 0 then 1 + g % 5 end,
      case when g % 10 <> 0 and g % 2 = 0 then t0 + interval '14 days' end
    from (select g, (1 + (g::bigint * 7919) % ${N})::int as e, timestamptz '2023-12-01 09:00+08' + ((g::bigint * 104729) % (3 * 365 * 24)) * interval '1 hour' as t0
          from generate_series(1, ${Math.round(N * 1.5)}) g) s`.execute(db);
  bar.update(3, { step: steps[3] });
  const cadres = Math.max(10, Math.round(N / 100));
  await sql`insert into cadres (name, position, org_id, town_code) select '干部' || g, '科员', ${dept.id}, (${TOWNS}::text[])[1 + g % ${TOWNS.length}] from generate_series(1, ${cadres}) g`.execute(db);
  await sql`
    insert into cadre_links (cadre_id, enterprise_id, linked_on)
    select c.id, e.id, date '2023-06-01' from enterprises e join cadres c on c.id = (select min(id) from cadres) + e.id % ${cadres}`.execute(db);
  bar.update(4, { step: steps[4] });
  // Visits: two a year for most firms, by their cadre; uneven by town.
  await sql`
    insert into visits (cadre_id, enterprise_id, visited_on, people_met, findings)
    select l.cadre_id, l.enterprise_id, date '2023-12-01' + ((l.enterprise_id * 31 + k * 181) % 1090), '总经理', '生产经营正常'
    from cadre_links l cross join generate_series(1, 6) k
    where (l.enterprise_id + k) % 3 <> 0`.execute(db);
  bar.update(5, { step: steps[5] });
  // vacuum as well: a county that has lived has its visibility maps set by autovacuum (index-only scans).
  await sql`vacuum analyze`.execute(db);
  bar.update(6, { step: 'done' });
  bar.stop();
}

function scopes(): DashboardScope[] {
  const periods: [string, string][] = [['2025-12-01', TODAY], ['2026-11-01', TODAY], ['2023-12-01', TODAY]];
  const out: DashboardScope[] = [];
  for (const [from, to] of periods) for (const town of [null, TOWNS[2]]) for (const industry of [null, 'C']) out.push({ from, to, town, industry });
  return out;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function measure(db: Kysely<DB>, label: string): Promise<{ p50Ms: number; p99Ms: number; queries: number }> {
  const all = scopes();
  await computeDashboard(db, all[0]); // warm-up
  const times: number[] = [];
  const bar = new cliProgress.SingleBar({ format: `${label} summary {bar} {value}/{total}` }, cliProgress.Presets.shades_classic);
  bar.start(all.length * ROUNDS, 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (const scope of all) {
      const start = performance.now();
      await computeDashboard(db, scope);
      times.push(performance.now() - start);
      bar.increment();
    }
  }
  bar.stop();
  times.sort((a, b) => a - b);
  const result = { p50Ms: Math.round(quantile(times, 0.5) * 10) / 10, p99Ms: Math.round(quantile(times, 0.99) * 10) / 10, queries: times.length };
  console.log(`${label}: summary over ${all.length} filter combinations × ${ROUNDS}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  return result;
}

async function measureExport(db: Kysely<DB>): Promise<{ rows: number; ms: number; bytes: number; peakRssMb: number; peakHeapMb: number }> {
  const actor = { userId: 1, username: 'bench', orgId: 1, orgType: 'platform', roles: ['leader'], requestId: 'bench', ip: '127.0.0.1' } as unknown as Actor;
  await db.insertInto('organizations').values({ type: 'platform', name: '平台', code: 'platform', service_team: null }).execute();
  await sql`insert into users (org_id, username, display_name, password_hash, roles) select id, 'bench', '基准', 'x', array['leader'] from organizations where code = 'platform'`.execute(db);
  const user = await db.selectFrom('users').select('id').where('username', '=', 'bench').executeTakeFirstOrThrow();
  Object.assign(actor, { userId: user.id });
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const start = performance.now();
  let bytes = 0;
  await pipeline(
    xlsxStream(await enterprisesExport(db, actor, {})),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  const ms = Math.round(performance.now() - start);
  clearInterval(timer);
  const result = { rows: N, ms, bytes, peakRssMb: Math.round(peakRss / 1048576), peakHeapMb: Math.round(peakHeap / 1048576) };
  console.log(`export: ${N} enterprises → ${(bytes / 1048576).toFixed(1)} MB XLSX in ${ms} ms; peak RSS ${result.peakRssMb} MB, heap ${result.peakHeapMb} MB`);
  return result;
}

async function run(serverUrl: string | null, label: string, withExport: boolean) {
  const keep = values.keep && serverUrl !== null;
  const scratch = await openScratchDatabase(serverUrl, 'dashboard', keep ? { keepAs: `dxe_bench_dashboard_keep_${N}` } : {});
  try {
    const db = scratch.database.db as Kysely<DB>;
    await migrateToLatest(db as unknown as Kysely<unknown>);
    const { n: existing } = (await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db)).rows[0];
    if (keep && existing === N) {
      await sql`vacuum analyze`.execute(db);
      console.log(`${label}: reusing the kept county (${existing} enterprises)`);
    } else {
      if (existing > 0) throw new Error(`the kept database holds ${existing} enterprises, not ${N}: drop it`);
      const t0 = performance.now();
      await generate(db, label);
      console.log(`${label}: county generated in ${Math.round(performance.now() - t0)} ms`);
    }
    const figures = await measure(db, label);
    // The export adds a user; on a kept county it is measured once, when generated.
    const exported = withExport && !(keep && existing === N) ? await measureExport(db) : null;
    return { figures, exported };
  } finally {
    await scratch.drop();
  }
}

if (values.only !== undefined && values.only !== 'pglite' && values.only !== 'postgres') throw new Error('--only is pglite or postgres');
const pglite = values.only === 'postgres' ? null : await run(null, 'pglite', false);
let postgres: Awaited<ReturnType<typeof run>> | null = null;
if (values.only !== 'pglite') {
  try {
    postgres = await run(values.postgres, 'postgres', true);
  } catch (error) {
    console.error(`postgres: skipped (${(error as Error).message})`);
  }
}
console.log(
  JSON.stringify({
    enterprises: N,
    filterCombinations: scopes().length,
    rounds: ROUNDS,
    pglite: pglite ? { p50Ms: pglite.figures.p50Ms, p99Ms: pglite.figures.p99Ms } : null,
    postgres: postgres ? { p50Ms: postgres.figures.p50Ms, p99Ms: postgres.figures.p99Ms } : null,
    export: postgres?.exported ?? null,
  }),
);
