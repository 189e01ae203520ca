/**
 * `npm run bench:routing`: the demand router and the 抢单 claim path.
 *
 * 1. Training time of the router (char + jieba word TF-IDF, calibrated ensemble) on 10,000 synthetic county
 *    demands (src/core/routing/fixtures), in this process (goal ≤ 30 s).
 * 2. Texts classified per second on one core (a loaded model, 10,000 other texts; goal ≥ 5,000/s), and the
 *    accuracy on them.
 * 3. Claim throughput: 20 providers racing for 1,000 offered demands through the real claim service
 *    (conditional UPDATE, provider row lock, timeline, audit, notices) on PostgreSQL — a scratch database
 *    created on DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped after;
 *    `--no-postgres` skips it. Every demand must end with exactly one winner.
 *
 * Options: --texts N (training texts, default 10000), --claims N (offered demands, default 1000).
 * The last line is one JSON object: {classifiedPerSecond, trainTexts, trainSeconds, accuracy, claimsPerSecond, …},
 * with the CPU time the process got (trainCpuSeconds, classifiedPerCpuSecond) and the load average beside the
 * wall-clock figures, since the machine may be shared.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { evaluatePredictions } from '../src/core/routing/evaluation.ts';
import { generateDemands } from '../src/core/routing/fixtures/synthetic-demands.ts';
import { loadRouter, trainRouter } from '../src/core/routing/router.ts';
import { DEFAULT_OFFICE_HOURS } from '../src/core/sla/working-hours.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { claimDemand } from '../src/server/modules/demands/demands.dispatch.ts';
import { jiebaTokenizer } from '../src/server/modules/demands/index.ts';
import type { DemandSettings } from '../src/server/modules/demands/demands.settings.ts';
import type { Actor } from '../src/server/request-context.ts';
import { AppError } from '../src/server/errors.ts';
import { openScratchDatabase } from './scratch-database.ts';

const { values } = parseArgs({
  options: {
    texts: { type: 'string', default: '10000' },
    claims: { type: 'string', default: '1000' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const trainTexts = Number(values.texts);
const claimCount = Number(values.claims);
const PROVIDERS = 20;

// 1. Training ---------------------------------------------------------------------------------------
const tokenize = jiebaTokenizer();
tokenize('预热分词词典'); // the dictionary loads once per process; not part of training
const training = generateDemands(trainTexts, 20261207);
// The machine may be shared: beside the wall-clock figures, the CPU time this process actually got.
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
let started = performance.now();
let cpuStarted = cpuSeconds();
const model = trainRouter(training.map((d) => ({ fields: [d.subject, d.body], label: d.label })), tokenize);
const trainSeconds = (performance.now() - started) / 1000;
const trainCpuSeconds = cpuSeconds() - cpuStarted;
console.log(`train: ${trainTexts} texts, ${model.labels.length} categories in ${trainSeconds.toFixed(2)} s (${trainCpuSeconds.toFixed(2)} s CPU; held-out accuracy ${model.training.heldOutAccuracy?.toFixed(3)})`);

// 2. Classification ---------------------------------------------------------------------------------
const router = loadRouter(JSON.parse(JSON.stringify(model)), tokenize);
const test = generateDemands(10_000, 7, 0);
for (const d of test.slice(0, 200)) router.predict([d.subject, d.body]); // warm up the JIT
started = performance.now();
cpuStarted = cpuSeconds();
const predicted = test.map((d) => router.predict([d.subject, d.body], 3)[0].label);
const classifySeconds = (performance.now() - started) / 1000;
const classifiedPerSecond = Math.round(test.length / classifySeconds);
const classifiedPerCpuSecond = Math.round(test.length / (cpuSeconds() - cpuStarted));
const report = evaluatePredictions(test.map((d) => d.label), predicted);
console.log(`classify: ${test.length} texts in ${classifySeconds.toFixed(2)} s = ${classifiedPerSecond}/s on one core (${classifiedPerCpuSecond} per CPU second); accuracy ${report.accuracy.toFixed(3)}, macro-F1 ${report.macroF1.toFixed(3)}`);

// 3. Claims on PostgreSQL ----------------------------------------------------------------------------
async function benchClaims(serverUrl: string) {
  const scratch = await openScratchDatabase(serverUrl, 'claims');
  const db = scratch.database.db as Kysely<DB>;
  try {
    await migrateToLatest(db as Kysely<unknown>);
    const [enterpriseOrg] = await db.insertInto('organizations').values([{ type: 'enterprise', name: '基准企业', code: 'bench-ent', service_team: null }]).returning('id').execute();
    const enterprise = await db.insertInto('enterprises').values({ uscc: '91500231MA5U000000', name: '基准企业有限公司', type: 'limited_company', org_id: enterpriseOrg.id, legal_representative: null, registered_on: null, registered_capital_fen: null, town_code: null, address: null, industry_code: null, industry_section: null, industry_division: null, size_class: null, is_above_scale: null, lifecycle_stage: null, profile: null, completeness_bp: null, profile_computed_at: null }).returning('id').executeTakeFirstOrThrow();
    const providers = await db.insertInto('organizations').values(Array.from({ length: PROVIDERS }, (_, i) => ({ type: 'service_provider' as const, name: `服务机构${i + 1}`, code: `bench-p${i + 1}`, service_team: 'market' as const }))).returning(['id', 'name']).execute();
    const users = await db.insertInto('users').values(providers.map((p, i) => ({ org_id: p.id, username: `bench${i + 1}`, display_name: `机构人员${i + 1}`, password_hash: 'x', roles: ['provider_staff' as const] }))).returning(['id', 'org_id', 'username', 'display_name']).execute();
    const orgIds = providers.map((p) => p.id);
    const now = new Date();
    for (let offset = 0; offset < claimCount; offset += 500) {
      await db
        .insertInto('demands')
        .values(Array.from({ length: Math.min(500, claimCount - offset) }, (_, i) => ({ enterprise_id: enterprise.id, title: `融资需求${offset + i}`, description: '需要融资对接服务', category_code: 'financing', declared_category_code: null, channel: 'api' as const, state: 'offered' as const, dispatch_mode: 'claim' as const, offer_org_ids: orgIds, offered_at: now, external_ref: null, submitted_by: null, on_behalf_cadre_id: null, handler_org_id: null, handler_user_id: null, leader_cadre_id: null, service_id: null, contact_name: null, contact_phone: null, suggestion: null })))
        .execute();
    }
    const settings: DemandSettings = { officeHours: DEFAULT_OFFICE_HOURS, claimAcceptMinutes: 120, maxOpenClaims: claimCount, rectificationDays: 3, followUpDays: 10, warningMinutes: 240, escalateAfterMinutes: 480, attachmentMaxBytes: 1 << 20, storageDir: os.tmpdir() };
    const actors: Actor[] = users.map((u, i) => ({ userId: u.id, username: u.username, displayName: u.display_name, roles: ['provider_staff'], orgId: u.org_id, orgType: 'service_provider', orgName: providers[i].name, mustChangePassword: false, sessionHash: 'bench', requestId: 'bench', ip: '127.0.0.1' }));
    let wins = 0;
    let conflicts = 0;
    started = performance.now();
    // Each provider looks at the pool (the oldest offers, as its pool page shows them) and claims one of
    // them at random, until the pool is empty: 20 providers on the same few offers collide often.
    await Promise.all(actors.map(async (actor) => {
      for (;;) {
        const pool = await db.selectFrom('demands').where('state', '=', 'offered').select('id').orderBy('id').limit(PROVIDERS).execute();
        if (pool.length === 0) return;
        const id = pool[Math.floor(Math.random() * pool.length)].id;
        try {
          await claimDemand(db, settings, actor, id);
          wins++;
        } catch (error) {
          if (error instanceof AppError && error.code === 'conflict') conflicts++;
          else throw error;
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const check = await db.selectFrom('demand_events').where('action', '=', 'claim').select(['demand_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('demand_id').execute();
    const doubled = check.filter((r) => Number(r.n) !== 1).length;
    const left = await db.selectFrom('demands').where('state', '=', 'offered').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (wins !== claimCount || doubled > 0 || Number(left.n) !== 0) throw new Error(`claims inconsistent: ${wins} wins of ${claimCount}, ${doubled} demands claimed twice, ${left.n} left`);
    const claimsPerSecond = Math.round(wins / seconds);
    console.log(`claims: ${PROVIDERS} providers, ${claimCount} offers, ${wins} won (one winner each), ${conflicts} lost races in ${seconds.toFixed(2)} s = ${claimsPerSecond} claims/s on PostgreSQL`);
    return { claimsPerSecond, claimConflicts: conflicts, claimSeconds: Number(seconds.toFixed(2)) };
  } finally {
    await scratch.drop();
  }
}

let claims: { claimsPerSecond: number; claimConflicts: number; claimSeconds: number } | { claimsPerSecond: null } = { claimsPerSecond: null };
if (!values['no-postgres']) claims = await benchClaims(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
else console.log('claims: skipped (--no-postgres)');

console.log(JSON.stringify({
  bench: 'routing',
  node: process.version,
  cpus: os.cpus().length,
  trainTexts,
  trainSeconds: Number(trainSeconds.toFixed(2)),
  trainCpuSeconds: Number(trainCpuSeconds.toFixed(2)),
  classifiedPerSecond,
  classifiedPerCpuSecond,
  loadAverage: Number(os.loadavg()[0].toFixed(2)),
  accuracy: Number(report.accuracy.toFixed(4)),
  macroF1: Number(report.macroF1.toFixed(4)),
  claimProviders: PROVIDERS,
  claimOffers: claimCount,
  ...claims,
}));
process.exit(0);
