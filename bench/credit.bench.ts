/**
 * `npm run bench:credit`: the credit assessment's speed.
 *   1. enterprises scored per second: 100,000 synthetic enterprises (feature columns) through the compiled
 *      default expert scorecard and a trained one, columnar (src/core/credit/assessment.ts) — goal ≥ 100,000/s;
 *   2. training time for a 30,000-row CSV file (src/core/credit/synthetic) through the CLI's own path
 *      (`scorecard train`: read, parse, bin, select, fit, points) — goal ≤ 10 s;
 *   3. latency of GET /api/me/credit-assessment for the demo enterprise through app.inject on a seeded small
 *      county (PGlite in memory, or a scratch database on DATABASE_URL's server) — p50 and p99.
 * Last line: one JSON object {enterprises, scoredPerSecond, trainRows, trainSeconds, apiP50Ms, apiP99Ms, …}.
 * Options: --enterprises N (100000) --train-rows N (30000) --requests N (200) --county N (300)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { runScorecardCommand } from '../src/cli/scorecard-command.ts';
import { allocatePopulationScores, compileExpertScorecard, compileTrainedScorecard, scorePopulation, type CompiledScorecard } from '../src/core/credit/assessment.ts';
import { DEFAULT_EXPERT_SCORECARD } from '../src/core/credit/expert-default.ts';
import { CREDIT_DIMENSIONS, CREDIT_FEATURE_CODES, CREDIT_FEATURES } from '../src/core/credit/features.ts';
import { trainScorecard } from '../src/core/credit/scorecard.ts';
import { generateSyntheticCreditBook } from '../src/core/credit/synthetic.ts';
import { Prng } from '../src/core/random/prng.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { DEMO_PASSWORD } from '../src/server/modules/auth/index.ts';
import { seedDemoCounty } from '../src/server/seed/demo-county.ts';
import { openScratchDatabase } from './scratch-database.ts';

const { values } = parseArgs({
  options: { enterprises: { type: 'string', default: '100000' }, 'train-rows': { type: 'string', default: '30000' }, requests: { type: 'string', default: '200' }, county: { type: 'string', default: '300' } },
});
const enterprises = Number(values.enterprises);
const trainRows = Number(values['train-rows']);
const requests = Number(values.requests);
const county = Number(values.county);

// ---------------------------------------------------------------------------------------------------------
// 1. Scoring a population.

/** Feature columns shaped like a county: counts mostly 0, money log-normal, some missing. */
function syntheticColumns(n: number, seed: number): Float64Array[] {
  const random = new Prng(seed);
  return CREDIT_FEATURES.map((feature) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (random.chance(0.08)) column[i] = NaN;
      else if (feature.code.endsWith('_3y') || feature.code === 'dishonest_debtor' || feature.code === 'invention_patents') column[i] = random.chance(0.85) ? 0 : random.int(1, 4);
      else if (feature.code.endsWith('_pct')) column[i] = 30 * random.normal();
      else if (feature.code === 'tax_grade') column[i] = random.int(0, 4);
      else column[i] = random.logNormal(50, 1.5);
    }
    return column;
  });
}

function timeScoring(card: CompiledScorecard, columns: Float64Array[], n: number): number {
  const out = allocatePopulationScores(n);
  const work = new Float64Array(n * CREDIT_DIMENSIONS.length);
  scorePopulation(card, columns, n, out, work); // warm-up
  const rounds = 5;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) scorePopulation(card, columns, n, out, work);
  const seconds = (performance.now() - started) / 1000 / rounds;
  return Math.round(n / seconds);
}

const columns = syntheticColumns(enterprises, 1);
const expertCard = compileExpertScorecard(DEFAULT_EXPERT_SCORECARD);
const expertPerSecond = timeScoring(expertCard, columns, enterprises);
// A trained card on the same features (targets drawn from a known risk), to score with WoE bins too.
const trainSample = Math.min(enterprises, 20_000);
const random = new Prng(2);
const target = new Uint8Array(trainSample);
for (let i = 0; i < trainSample; i++) {
  const overdue = columns[CREDIT_FEATURE_CODES.indexOf('loan_overdue_3y')][i];
  const revenue = columns[CREDIT_FEATURE_CODES.indexOf('revenue_wan')][i];
  const z = -2.4 + 0.6 * (Number.isFinite(overdue) ? overdue : 1) - 0.3 * Math.log((Number.isFinite(revenue) ? revenue : 50) / 50);
  target[i] = random.chance(1 / (1 + Math.exp(-z))) ? 1 : 0;
}
const trained = trainScorecard({ featureNames: CREDIT_FEATURE_CODES, columns: columns.map((c) => c.subarray(0, trainSample)), target }, { id: 'bench', created: new Date().toISOString(), target: 'bad', minIv: 0 });
const trainedCard = compileTrainedScorecard(trained.model);
const trainedPerSecond = timeScoring(trainedCard, columns, enterprises);
console.log(`scoring ${enterprises.toLocaleString('en')} enterprises: expert card (${expertCard.features.length} features) ${expertPerSecond.toLocaleString('en')}/s, trained card (${trainedCard.features.length} features) ${trainedPerSecond.toLocaleString('en')}/s`);

// ---------------------------------------------------------------------------------------------------------
// 2. Training on a 30,000-row file through the CLI.

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-credit-'));
const book = generateSyntheticCreditBook(trainRows, 7);
const csvFile = path.join(directory, 'train.csv');
fs.writeFileSync(csvFile, `\ufeff${[book.header, ...book.rows].map((row) => row.join(',')).join('\r\n')}\r\n`);
const modelFile = path.join(directory, 'model.json');
const trainStarted = performance.now();
const lines: string[] = [];
const code = runScorecardCommand(['train', '--csv', csvFile, '--target', 'default_flag', '--exclude', 'id', '--out', modelFile], { log: (line) => lines.push(line) });
const trainSeconds = Math.round((performance.now() - trainStarted) / 10) / 100;
if (code !== 0) throw new Error(`training failed: ${lines.join('\n')}`);
const evaluateLines: string[] = [];
runScorecardCommand(['evaluate', '--model', modelFile, '--csv', csvFile, '--target', 'default_flag'], { log: (line) => evaluateLines.push(line) });
const evaluation = JSON.parse(evaluateLines.at(-1)!) as { auc: number };
fs.rmSync(directory, { recursive: true, force: true });
console.log(`training on a ${trainRows.toLocaleString('en')}-row CSV: ${trainSeconds} s (AUC on the file ${evaluation.auc.toFixed(3)})`);

// ---------------------------------------------------------------------------------------------------------
// 3. One enterprise through the API.

const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory', JOBS_ENABLED: 'false' });
const { database, drop } = await openScratchDatabase(config.databaseUrl, 'credit');
await migrateToLatest(database.db as Kysely<unknown>);
const seedStarted = performance.now();
await seedDemoCounty(database.db, { enterprises: county, seed: 20261207 });
console.log(`seeded a county of ${county} enterprises in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
const app = await buildApp({ config, database, serveWeb: false });
await app.ready();

const cookies = new Map<string, string>();
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const keep = (response: { cookies: { name: string; value: string }[] }) => response.cookies.forEach((c) => cookies.set(c.name, c.value));
const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
keep(csrf);
const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: cookieHeader(), 'x-csrf-token': csrf.json<{ token: string }>().token }, payload: { username: 'ent', password: DEMO_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
keep(login);

const latencies: number[] = [];
let lastScore = 0;
for (let i = 0; i < requests + 10; i++) {
  const started = performance.now();
  const response = await app.inject({ method: 'GET', url: '/api/me/credit-assessment', headers: { cookie: cookieHeader() } });
  const ms = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`assessment failed: ${response.statusCode} ${response.body}`);
  lastScore = response.json<{ score: number }>().score;
  if (i >= 10) latencies.push(ms); // the first ten warm up
}
latencies.sort((a, b) => a - b);
const quantile = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100;
const apiP50Ms = quantile(0.5);
const apiP99Ms = quantile(0.99);
console.log(`GET /api/me/credit-assessment (score ${lastScore}), ${requests} requests: p50 ${apiP50Ms} ms, p99 ${apiP99Ms} ms`);
await app.close();
await drop();

console.log(
  JSON.stringify({
    enterprises,
    scoredPerSecond: Math.min(expertPerSecond, trainedPerSecond),
    expertScoredPerSecond: expertPerSecond,
    trainedScoredPerSecond: trainedPerSecond,
    trainRows,
    trainSeconds,
    trainAuc: Math.round(evaluation.auc * 1000) / 1000,
    apiP50Ms,
    apiP99Ms,
    apiRequests: requests,
    countyEnterprises: county,
  }),
);
