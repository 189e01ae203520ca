/**
 * `npm run bench:profile -- --part recompute|import|all`: figures of the enterprise profile.
 *
 *   import     rows/s of a generated 100,000-row indicators CSV uploaded through POST /api/imports and
 *              processed by the imports.process job, first import and re-import (all unchanged), and the
 *              latency of GET /api/health polled during the import: PGlite runs in the server's process,
 *              so this shows whether an import makes the server unresponsive. On PGlite (in memory) and on
 *              PostgreSQL (DATABASE_URL, or --postgres URL; a scratch database is created and dropped).
 *              Options: --rows N (100000)  --chunk-size N (the app's: 1000 on PGlite, 5000 on PostgreSQL)
 *                       --xlsx (also time the same rows as an XLSX workbook)
 *   recompute  seconds to recompute the derived profile (size class, 四上, life cycle, tags, completeness)
 *              of a seeded county (the demo county's enterprises, three years of facts), first computation
 *              and a recompute over stored profiles, with the event-loop delay during it (PGlite answers
 *              HTTP in the same thread); the in-request recompute of one enterprise; and search over the
 *              county: milliseconds and the indexes the plan uses. On PGlite (in memory) and PostgreSQL.
 *              Options: --enterprises N (100000)  --chunk-size N (the service's: 250 PGlite, 1000 PostgreSQL)
 *                       --database pglite|postgres|both (both)
 *              Last line: {"part":"recompute","recomputeSeconds":{db: s},"maxPauseMs":{db: ms},"secondsPer10k":…,"results":[…]}
 *
 * Prints figures; the last line of each part is one JSON object with its headline numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { completeUscc } from '../src/core/profile/uscc.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/modules/auth/passwords.ts';
import { createImportJobHandler, IMPORT_JOB } from '../src/server/modules/imports/imports.job.ts';
import { chunkSizeFor } from '../src/server/modules/imports/imports.processor.ts';
import { syncBuiltInIndicators } from '../src/server/modules/indicators/indicators.repository.ts';
import { Prng } from '../src/core/random/prng.ts';
import { filterEnterprises, selectEnterpriseSummaries, type SearchFilter, type SearchScope } from '../src/server/modules/enterprises/enterprises.repository.ts';
import { recomputeAllProfiles, recomputeChunkSizeFor, recomputeConcurrencyFor, recomputeProfiles } from '../src/server/modules/profiles/profiles.service.ts';
import { TOWNS } from '../src/server/seed/county-data.ts';
import { openScratchDatabase } from './scratch-database.ts';
import { seedEnterprises } from '../src/server/seed/enterprises.ts';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    rows: { type: 'string', default: '100000' },
    enterprises: { type: 'string', default: '100000' },
    'chunk-size': { type: 'string' },
    postgres: { type: 'string' },
    database: { type: 'string', default: 'both' },
    xlsx: { type: 'boolean', default: false },
  },
});
/** The PostgreSQL server to make scratch databases on, if any. */
const postgresUrl = (): string | null => values.postgres ?? process.env.DATABASE_URL ?? null;
const PARTS = ['recompute', 'import'] as const;
if (values.part !== 'all' && !(PARTS as readonly string[]).includes(values.part)) throw new Error(`--part must be one of ${PARTS.join(', ')} or all`);

// ---------------------------------------------------------------------------------------------------------
// Part: recompute (profiles module).

/** Runs `work` and returns its seconds and the event loop's worst delay meanwhile. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; loopP99Ms: number; loopMaxMs: number }> {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  return { result, seconds: Number(seconds.toFixed(2)), loopP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)), loopMaxMs: Number((loopDelay.max / 1e6).toFixed(1)) };
}

/** Index names in a plan ("Index Scan using x", "Bitmap Index Scan on x"), or "seq scan". */
function indexesOf(plan: string): string {
  const names = [...plan.matchAll(/(?:Index(?: Only)? Scan using|Bitmap Index Scan on) (\w+)/g)].map((m) => m[1]);
  const scans = /Seq Scan on enterprises/.test(plan) ? ['seq scan'] : [];
  return [...new Set([...names, ...scans])].join(', ') || 'no index';
}

async function benchRecomputeOn(kind: 'pglite' | 'postgres', enterprises: number, chunkSizeOption: number | undefined) {
  const chunkSize = chunkSizeOption ?? recomputeChunkSizeFor(kind);
  const concurrency = recomputeConcurrencyFor(kind);
  const { database, drop } = await openScratchDatabase(kind === 'pglite' ? null : postgresUrl(), 'recompute');
  const db = database.db;
  try {
    await migrateToLatest(db as Kysely<unknown>);
    await syncBuiltInIndicators(db);
    await db.insertInto('towns').values(TOWNS.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, kind: t.kind }))).execute();
    const seeded = await timed(() => seedEnterprises(db, new Prng(20260101), { count: enterprises }));
    const facts = await sql<{ n: number }>`select count(*)::int as n from indicator_values`.execute(db);
    console.log(`recompute on ${kind}: seeded ${enterprises.toLocaleString('en-US')} enterprises with ${facts.rows[0].n.toLocaleString('en-US')} indicator values in ${seeded.seconds} s; chunks of ${chunkSize}, ${concurrency} at once`);

    const first = await timed(() => recomputeAllProfiles(db, { chunkSize, concurrency }));
    const again = await timed(() => recomputeAllProfiles(db, { chunkSize, concurrency }));
    const line = (label: string, run: typeof first) =>
      console.log(
        `  ${label.padEnd(34)} ${String(run.seconds).padStart(7)} s  ${String(Math.round(run.result / run.seconds)).padStart(7)} enterprises/s  ` +
          `event-loop delay p99 ${run.loopP99Ms} ms, max ${run.loopMaxMs} ms`,
      );
    line('first computation', first);
    line('recompute over stored profiles', again);
    // The headline: the county-wide computation that writes every profile, per 10,000 enterprises too
    // (the goal: 100,000 in ≤ 5 s on PostgreSQL, ≤ 10 s on PGlite, longest pause ≤ 0.2 s).
    const recomputeSeconds = first.seconds;
    const maxPauseMs = Math.max(first.loopMaxMs, again.loopMaxMs);
    const secondsPer10k = Number(((recomputeSeconds * 10_000) / enterprises).toFixed(2));
    console.log(`  recompute ${recomputeSeconds} s (${secondsPer10k} s per 10,000 enterprises), longest pause ${maxPauseMs} ms`);

    // One enterprise, as after a write or a dispute decision (inside the request's transaction).
    const ids = (await db.selectFrom('enterprises').select('id').orderBy('id').limit(200).execute()).map((r) => r.id);
    const single: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      await db.transaction().execute((trx) => recomputeProfiles(trx, [id]));
      single.push(performance.now() - started);
    }
    const singleStats = stats(single);
    console.log(`  one enterprise in a transaction      p50 ${singleStats.p50Ms} ms, p99 ${singleStats.p99Ms} ms (${single.length} runs)`);

    // Search over the county: the queries GET /api/enterprises runs, timed, with the indexes they use.
    await sql`analyze enterprises`.execute(db);
    const sample = await db.selectFrom('enterprises').select(['uscc', 'town_code', 'industry_code', 'industry_division']).where('id', '=', ids[17]).executeTakeFirstOrThrow();
    const bank = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    const searches: [string, SearchFilter, SearchScope][] = [
      ['all, page 1 by name', {}, { kind: 'all' }],
      ['q=机械 (name, trigram)', { name: '机械' }, { kind: 'all' }],
      ['q=垫江县鸿 (name, trigram)', { name: '垫江县鸿' }, { kind: 'all' }],
      ['q=USCC prefix (14 chars)', { name: sample.uscc.slice(0, 14), usccPrefix: sample.uscc.slice(0, 14) }, { kind: 'all' }],
      ['town', { town: sample.town_code! }, { kind: 'all' }],
      ['industry=C', { industry: { section: 'C' } }, { kind: 'all' }],
      [`industry=${sample.industry_code}`, { industry: { prefix: sample.industry_code!, division: sample.industry_division! } }, { kind: 'all' }],
      ['sizeClass=medium', { sizeClass: 'medium' }, { kind: 'all' }],
      ['tag=high_tech', { tag: 'high_tech' }, { kind: 'all' }],
      ['aboveScale=true', { aboveScale: true }, { kind: 'all' }],
      ['status=cancelled', { status: 'cancelled' }, { kind: 'all' }],
      ['bank (consents only)', {}, { kind: 'consent', granteeOrgId: bank?.id ?? 1, now: new Date() }],
    ];
    console.log(`  search over ${enterprises.toLocaleString('en-US')} enterprises (page of 20 + count; ms, warm):`);
    const searchResults = [];
    for (const [label, filter, scope] of searches) {
      // The page and count queries of GET /api/enterprises, as findPage builds them, unexecuted (to explain them).
      const filtered = filterEnterprises(db, filter, scope);
      const queries = { rows: selectEnterpriseSummaries(scope)(filtered).limit(20).offset(0), count: filtered.select((eb) => eb.fn.countAll<number>().as('total')) };
      await Promise.all([queries.rows.execute(), queries.count.execute()]);
      const started = performance.now();
      const [, count] = await Promise.all([queries.rows.execute(), queries.count.executeTakeFirstOrThrow()]);
      const ms = Number((performance.now() - started).toFixed(1));
      const compiled = queries.rows.compile();
      const explained = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
      const indexes = indexesOf(explained.rows.map((r) => r['QUERY PLAN']).join('\n'));
      console.log(`    ${label.padEnd(30)} ${String(ms).padStart(7)} ms  total ${String(count.total).padStart(6)}  ${indexes}`);
      searchResults.push({ search: label, ms, total: Number(count.total), indexes });
    }
    return { database: kind, enterprises, chunkSize, concurrency, recomputeSeconds, secondsPer10k, maxPauseMs, seedSeconds: seeded.seconds, first, again, single: singleStats, searches: searchResults };
  } finally {
    await drop();
  }
}

async function benchRecompute(): Promise<void> {
  const enterprises = Number(values.enterprises);
  const chunkSize = values['chunk-size'] === undefined ? undefined : Number(values['chunk-size']);
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 2_000_000) throw new Error('--enterprises must be an integer from 1 to 2,000,000');
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) throw new Error('--chunk-size must be a positive integer');
  if (!['both', 'pglite', 'postgres'].includes(values.database)) throw new Error('--database must be pglite, postgres or both');
  const results = [];
  if (values.database !== 'postgres') results.push(await benchRecomputeOn('pglite', enterprises, chunkSize));
  if (values.database !== 'pglite' && postgresUrl()) results.push(await benchRecomputeOn('postgres', enterprises, chunkSize));
  else if (values.database !== 'pglite') console.log('recompute on postgres: skipped (set DATABASE_URL or --postgres URL)');
  // Headline keys first (per database), then the details.
  const recomputeSeconds = Object.fromEntries(results.map((r) => [r.database, r.recomputeSeconds]));
  const maxPauseMs = Object.fromEntries(results.map((r) => [r.database, r.maxPauseMs]));
  const secondsPer10k = Object.fromEntries(results.map((r) => [r.database, r.secondsPer10k]));
  console.log(JSON.stringify({ part: 'recompute', enterprises, recomputeSeconds, maxPauseMs, secondsPer10k, node: process.version, cpus: os.cpus().length, results }));
}

// ---------------------------------------------------------------------------------------------------------
// Part: import.

/** Indicators a tax bureau file carries (all accept the source 'tax'). */
const TAX_INDICATORS = ['operating_revenue', 'total_assets', 'rd_expense', 'tax_paid'] as const;
/** One row in this many names an enterprise not in the registry: the error path is exercised too. */
const UNKNOWN_EVERY = 200;

function usccOf(i: number): string {
  return completeUscc(`91500231MA${String(i).padStart(7, '0')}`);
}

/** A long-layout CSV of `rows` rows over rows/4 enterprises, money in yuan with two decimals. */
function writeCsv(file: string, rows: number): { enterprises: number } {
  const enterprises = Math.ceil(rows / TAX_INDICATORS.length);
  const out = fs.openSync(file, 'w');
  let text = '\uFEFF统一社会信用代码,指标,期间,数值,单位,截至日期\r\n';
  for (let r = 0; r < rows; r++) {
    const e = Math.floor(r / TAX_INDICATORS.length);
    const uscc = r % UNKNOWN_EVERY === UNKNOWN_EVERY - 1 ? usccOf(9_000_000 + r) : usccOf(e);
    const yuan = `${(e * 7919 + r * 104_729) % 90_000_000}.${String(r % 100).padStart(2, '0')}`;
    text += `${uscc},${TAX_INDICATORS[r % TAX_INDICATORS.length]},2024,${yuan},元,2025-04-30\r\n`;
    if (text.length > 1 << 20) {
      fs.writeSync(out, text);
      text = '';
    }
  }
  fs.writeSync(out, text);
  fs.closeSync(out);
  return { enterprises };
}

/** The same rows as an XLSX workbook, written with exceljs's streaming writer. */
async function writeXlsx(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('data');
  sheet.addRow(['统一社会信用代码', '指标', '期间', '数值', '截至日期']).commit();
  for (let r = 0; r < rows; r++) {
    const e = Math.floor(r / TAX_INDICATORS.length);
    const uscc = r % UNKNOWN_EVERY === UNKNOWN_EVERY - 1 ? usccOf(9_000_000 + r) : usccOf(e);
    // A different figure from the CSV's, so that this import updates rather than finds everything unchanged.
    sheet.addRow([uscc, TAX_INDICATORS[r % TAX_INDICATORS.length], 2024, ((e * 7919 + r * 104_729) % 90_000_000) + 0.5, new Date(Date.UTC(2025, 3, 30))]).commit();
  }
  await book.commit();
}

/** Registry rows for the file's enterprises, in one set-based insert per 10,000. */
async function createEnterprises(database: Database, count: number): Promise<void> {
  for (let start = 0; start < count; start += 10_000) {
    const usccs = Array.from({ length: Math.min(10_000, count - start) }, (_, i) => usccOf(start + i));
    await sql`insert into enterprises (uscc, name, type)
      select u, '垫江县基准企业' || u, 'limited_company' from unnest(${usccs}::text[]) as u`.execute(database.db);
  }
}

interface LatencyStats {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

function stats(latencies: number[]): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return { samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: Number((sorted.at(-1) ?? 0).toFixed(1)) };
}

/** Polls GET /api/health every `everyMs` until stopped, recording each answer's latency. */
function pollHealth(baseUrl: string, everyMs = 50): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      return latencies;
    },
  };
}

async function signIn(baseUrl: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { token } = (await csrfResponse.json()) as { token: string };
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  // Sign-in rotates the CSRF secret (its new cookie comes with the session): fetch the token that goes with it.
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const fresh = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  return { cookie, csrf: ((await fresh.json()) as { token: string }).token };
}

interface ImportRun {
  file: string;
  rows: number;
  /** Upload to completed, as the user waits. */
  seconds: number;
  /** The job's processing, from its start to completion. */
  jobSeconds: number;
  rowsPerSecond: number;
  /** The profile recompute jobs the import queued, run afterwards. */
  recomputeSeconds: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: number;
  health: LatencyStats;
  /** How long the event loop was blocked at worst (JS work: parsing, PGlite's WASM queries), apart from lock waits. */
  eventLoopDelay: { p99Ms: number; maxMs: number };
}

async function timedImport(baseUrl: string, auth: { cookie: string; csrf: string }, file: string, database: Database): Promise<ImportRun> {
  const form = new FormData();
  form.set('kind', 'indicators');
  form.set('source', 'tax');
  form.set('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const health = pollHealth(baseUrl);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/imports`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: form });
  if (response.status !== 202) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: number };
  let batch: { status: string; processedRows: number; insertedRows: number; updatedRows: number; unchangedRows: number; errorRows: number; message: string | null };
  do {
    await new Promise((resolve) => setTimeout(resolve, 250));
    batch = (await (await fetch(`${baseUrl}/api/imports/${id}`, { headers: { cookie: auth.cookie } })).json()) as typeof batch;
  } while (batch.status === 'queued' || batch.status === 'running');
  const seconds = (performance.now() - started) / 1000;
  const latencies = await health.stop();
  loopDelay.disable();
  if (batch.status !== 'completed') throw new Error(`import failed: ${batch.message}`);
  // The job's own time, from its first chunk's attempt to completion (the wall time adds upload and polling).
  const times = await database.db.selectFrom('import_batches').where('id', '=', id).select(['started_at', 'finished_at']).executeTakeFirstOrThrow();
  const jobSeconds = (times.finished_at!.getTime() - times.started_at!.getTime()) / 1000;
  // The profile recomputes the import queued run next on the same worker: let them finish (and time them)
  // so the next import is measured alone.
  const recomputeStarted = performance.now();
  while (Number((await database.db.selectFrom('jobs').where('status', 'in', ['queued', 'running']).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    file: path.basename(file),
    rows: batch.processedRows,
    seconds: Number(seconds.toFixed(2)),
    jobSeconds: Number(jobSeconds.toFixed(2)),
    rowsPerSecond: Math.round(batch.processedRows / jobSeconds),
    recomputeSeconds: Number(((performance.now() - recomputeStarted) / 1000).toFixed(2)),
    inserted: batch.insertedRows,
    updated: batch.updatedRows,
    unchanged: batch.unchangedRows,
    errors: batch.errorRows,
    health: stats(latencies),
    eventLoopDelay: { p99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)), maxMs: Number((loopDelay.max / 1e6).toFixed(1)) },
  };
}

async function benchImportOn(kind: 'pglite' | 'postgres', files: { csv: string; xlsx: string | null }, rows: number, enterprises: number, chunkSizeOption: number | null) {
  const chunkSize = chunkSizeOption ?? chunkSizeFor(kind);
  const { database, drop } = await openScratchDatabase(kind === 'pglite' ? null : postgresUrl(), 'import');
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-bench-files-'));
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    await syncBuiltInIndicators(database.db);
    await createEnterprises(database, enterprises);
    const org = await database.db.insertInto('organizations').values({ type: 'platform', name: 'bench', code: 'bench', service_team: null }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('users').values({ org_id: org.id, username: 'benchdata', display_name: 'Bench', password_hash: await hashPassword('bench-password-1'), roles: ['data_admin'] }).execute();

    const config = loadConfig(
      { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory', JOBS_POLL_MS: '100', UPLOAD_LIMIT_BYTES: String(512 * 1024 * 1024) },
      { storageDir, databaseUrl: null },
    );
    const app = await buildApp({ config, database, serveWeb: false });
    // A chunk size given on the command line replaces the one the app chose for its database.
    if (chunkSizeOption !== null) app.jobs.register(IMPORT_JOB, createImportJobHandler({ storageDir, chunkSize }));
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    app.jobs.start();
    const auth = await signIn(baseUrl, 'benchdata', 'bench-password-1');

    const idle = pollHealth(baseUrl);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleHealth = stats(await idle.stop());

    const first = await timedImport(baseUrl, auth, files.csv, database);
    const again = await timedImport(baseUrl, auth, files.csv, database);
    const xlsx = files.xlsx ? await timedImport(baseUrl, auth, files.xlsx, database) : null;
    await app.close();

    const line = (label: string, run: ImportRun) =>
      console.log(
        `  ${label.padEnd(30)} ${String(run.rowsPerSecond).padStart(7)} rows/s  (${run.rows} rows: job ${run.jobSeconds} s, upload to done ${run.seconds} s; ` +
          `+${run.inserted} ~${run.updated} =${run.unchanged} !${run.errors})  ` +
          `health p50 ${run.health.p50Ms} ms, p95 ${run.health.p95Ms} ms, p99 ${run.health.p99Ms} ms, max ${run.health.maxMs} ms (${run.health.samples} polls); ` +
          `event-loop delay p99 ${run.eventLoopDelay.p99Ms} ms, max ${run.eventLoopDelay.maxMs} ms; then profile recompute ${run.recomputeSeconds} s`,
      );
    console.log(`import on ${kind} (${rows} rows, ${enterprises} enterprises, chunks of ${chunkSize} rows):`);
    console.log(`  GET /api/health while idle:    p50 ${idleHealth.p50Ms} ms, p99 ${idleHealth.p99Ms} ms, max ${idleHealth.maxMs} ms`);
    line('CSV, first import', first);
    line('CSV, same file again', again);
    if (xlsx) line('XLSX, same rows (updates)', xlsx);
    return { database: kind, rows, chunkSize, idleHealth, first, again, xlsx };
  } finally {
    await drop();
    fs.rmSync(storageDir, { recursive: true, force: true });
  }
}

async function benchImport(): Promise<void> {
  const rows = Number(values.rows);
  const chunkSize = values['chunk-size'] === undefined ? null : Number(values['chunk-size']);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000) throw new Error('--rows must be an integer from 1 to 1,000,000');
  if (chunkSize !== null && (!Number.isInteger(chunkSize) || chunkSize < 1)) throw new Error('--chunk-size must be a positive integer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-bench-import-'));
  try {
    const csv = path.join(dir, `tax-${rows}.csv`);
    const { enterprises } = writeCsv(csv, rows);
    let xlsx: string | null = null;
    if (values.xlsx) {
      xlsx = path.join(dir, `tax-${rows}.xlsx`);
      await writeXlsx(xlsx, rows);
    }
    console.log(`generated ${csv}: ${rows} rows, ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB${xlsx ? `; ${path.basename(xlsx)} ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB` : ''}`);
    const results = [await benchImportOn('pglite', { csv, xlsx }, rows, enterprises, chunkSize)];
    if (postgresUrl()) results.push(await benchImportOn('postgres', { csv, xlsx }, rows, enterprises, chunkSize));
    else console.log('import on postgres: skipped (set DATABASE_URL or --postgres URL)');
    console.log(JSON.stringify({ part: 'import', node: process.version, cpus: os.cpus().length, results }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------

for (const part of values.part === 'all' ? PARTS : [values.part as (typeof PARTS)[number]]) {
  if (part === 'recompute') await benchRecompute();
  else await benchImport();
}
