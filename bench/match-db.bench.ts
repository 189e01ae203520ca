/**
 * County matching through the database (the server's path, not the pure engine of bench/match.bench.ts):
 * a seeded county of N enterprises (100,000 by default; the demo seed's enterprises with three years of
 * facts), the demo county's 43 policies, then
 *
 *   full match    load the facts the rules read into columns (load), run the 43 compiled rules (match),
 *                 estimate the eligible rows' amounts (amounts), store rows and pushes per version (store);
 *                 first run (everything inserted) and a re-run over unchanged data (nothing to write)
 *   incremental   re-match of one enterprise across the 43 policies with the scalar engine (after its profile
 *                 changed): milliseconds, median of 20
 *   seed          the demo first start: seedDemoCounty with 5,000 enterprises, and the share of its policies
 *                 stage (insert, golden cases, county match)
 *
 * on PGlite (in memory) and on PostgreSQL (DATABASE_URL, or --postgres URL: a scratch database is created
 * and dropped).
 *
 *   npx tsx bench/match-db.bench.ts [--enterprises 100000] [--seed-enterprises 5000] [--postgres URL] [--only pglite|postgres]
 *
 * Prints figures as it goes; the last line is one JSON object with the headline numbers.
 */
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { Prng } from '../src/core/random/prng.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { syncBuiltInIndicators } from '../src/server/modules/indicators/indicators.repository.ts';
import { matchVersions, rematchEnterprises, type MatchRunResult } from '../src/server/modules/matching/index.ts';
import { DEPARTMENTS, TOWNS } from '../src/server/seed/county-data.ts';
import { seedDemoCounty } from '../src/server/seed/demo-county.ts';
import { seedEnterprises, todayInShanghai } from '../src/server/seed/enterprises.ts';
import { seedPolicies } from '../src/server/seed/policies.ts';
import { openScratchDatabase } from './scratch-database.ts';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    'seed-enterprises': { type: 'string', default: '5000' },
    postgres: { type: 'string' },
    only: { type: 'string' },
  },
});
const ENTERPRISES = Number(values.enterprises);
const SEED_ENTERPRISES = Number(values['seed-enterprises']);
const postgresUrl = values.postgres ?? process.env.DATABASE_URL ?? null;
const kinds = (['pglite', 'postgres'] as const).filter((k) => (values.only ? values.only === k : k === 'pglite' || postgresUrl !== null));

const log = (line: string) => console.log(line);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function printRun(label: string, run: MatchRunResult, totalMs: number): void {
  const t = run.timings;
  const eligible = run.versions.reduce((n, v) => n + v.eligible, 0);
  const unknown = run.versions.reduce((n, v) => n + v.unknown, 0);
  const pushed = run.versions.reduce((n, v) => n + v.pushed, 0);
  log(`  ${label}: load ${s(t.loadMs)} · match ${s(t.matchMs)} · amounts ${s(t.amountsMs)} · store ${s(t.storeMs)} · total ${s(totalMs)}`);
  log(`    ${run.enterprises.toLocaleString('en-US')} enterprises × ${run.versions.length} policies: ${eligible.toLocaleString('en-US')} eligible, ${unknown.toLocaleString('en-US')} unknown rows, ${pushed.toLocaleString('en-US')} pushes`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchMatch(kind: 'pglite' | 'postgres') {
  log(`\n== ${kind}: full match of ${ENTERPRISES.toLocaleString('en-US')} enterprises × the 43 demo policies`);
  const { database, drop } = await openScratchDatabase(kind === 'pglite' ? null : postgresUrl, 'match');
  const db = database.db;
  try {
    await migrateToLatest(db as Kysely<unknown>);
    await syncBuiltInIndicators(db);
    await db.insertInto('towns').values(TOWNS.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, kind: t.kind }))).execute();
    const departments = await db.insertInto('organizations').values(DEPARTMENTS.map((d) => ({ type: 'department' as const, name: d.name, code: d.code, service_team: null }))).returning(['id', 'code']).execute();
    let t = performance.now();
    await seedEnterprises(db, new Prng(20261127), { count: ENTERPRISES });
    if (kind === 'postgres') await sql`analyze`.execute(db);
    log(`  seeded the county in ${s(performance.now() - t)}`);
    await seedPolicies(db, { departmentOrgIds: new Map(departments.map((d) => [d.code!, d.id])), match: false });

    t = performance.now();
    const first = await matchVersions(db, 'all', { dbKind: kind });
    const firstMs = performance.now() - t;
    printRun('first match (rows inserted)', first, firstMs);
    t = performance.now();
    const again = await matchVersions(db, 'all', { dbKind: kind });
    const againMs = performance.now() - t;
    printRun('re-run, data unchanged', again, againMs);

    const ids = (await db.selectFrom('enterprises').select('id').orderBy('id').limit(20).execute()).map((r) => r.id);
    const times: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      await rematchEnterprises(db, [id]);
      times.push(performance.now() - started);
    }
    const incrementalMs = median(times);
    log(`  incremental re-match of one enterprise × 43 policies: ${incrementalMs.toFixed(1)} ms (median of ${times.length})`);
    return {
      kind,
      enterprises: first.enterprises,
      first: { ...roundTimings(first), totalS: +(firstMs / 1000).toFixed(2) },
      rerun: { ...roundTimings(again), totalS: +(againMs / 1000).toFixed(2) },
      incrementalMs: +incrementalMs.toFixed(1),
    };
  } finally {
    await drop();
  }
}

function roundTimings(run: MatchRunResult) {
  const r = (ms: number) => +(ms / 1000).toFixed(2);
  return { loadS: r(run.timings.loadMs), matchS: r(run.timings.matchMs), amountsS: r(run.timings.amountsMs), storeS: r(run.timings.storeMs) };
}

async function benchSeed(kind: 'pglite' | 'postgres') {
  log(`\n== ${kind}: demo first start, seedDemoCounty with ${SEED_ENTERPRISES.toLocaleString('en-US')} enterprises`);
  const { database, drop } = await openScratchDatabase(kind === 'pglite' ? null : postgresUrl, 'seed');
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    let stageStart = performance.now();
    let stage = '';
    const stages = new Map<string, number>();
    const started = performance.now();
    await seedDemoCounty(database.db, {
      enterprises: SEED_ENTERPRISES,
      seed: 20261127,
      onProgress: (name) => {
        if (name === stage) return;
        const now = performance.now();
        if (stage) stages.set(stage, now - stageStart);
        stage = name;
        stageStart = now;
      },
    });
    const totalMs = performance.now() - started;
    stages.set(stage, performance.now() - stageStart);
    const policiesMs = stages.get('policies and their county match') ?? 0;
    log(`  seed ${s(totalMs)}, of which policies (insert, golden cases, county match and pushes) ${s(policiesMs)}`);
    return { kind, enterprises: SEED_ENTERPRISES, seedS: +(totalMs / 1000).toFixed(2), policiesStageS: +(policiesMs / 1000).toFixed(2) };
  } finally {
    await drop();
  }
}

const results: unknown[] = [];
const seeds: unknown[] = [];
log(`match-db bench, ${todayInShanghai()}, node ${process.version}`);
for (const kind of kinds) {
  seeds.push(await benchSeed(kind));
  results.push(await benchMatch(kind));
}
console.log(JSON.stringify({ bench: 'match-db', policies: 43, match: results, seed: seeds }));
