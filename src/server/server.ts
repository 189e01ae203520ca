import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { checkAppRole, setUpAppRole, type RoleSetup } from './db/roles.ts';
import type { DB } from './db/schema.ts';
import type { Kysely } from 'kysely';
import { DEMO_PASSWORD, verifyPassword } from './modules/auth/index.ts';
import { scheduleDemandJobs } from './modules/demands/index.ts';
import { startLoanJobs } from './modules/loans/index.ts';
import { syncBuiltInIndicators } from './modules/indicators/index.ts';
import { fillNameSortKeys } from './modules/enterprises/index.ts';
import { DEMO_ACCOUNTS, seedDemoCounty } from './seed/demo-county.ts';

/**
 * Outside demo mode the platform refuses to run while a demo password opens an account. Checked: the
 * demo usernames, and every password hash shared by several users (argon2 salts are unique, so a
 * shared hash can only come from the demo seed copying one hash).
 */
async function findDemoPasswordUsers(db: Kysely<DB>): Promise<string[]> {
  const demoNames = DEMO_ACCOUNTS.map((account) => account.username);
  const shared = await db
    .selectFrom('users')
    .select('password_hash')
    .groupBy('password_hash')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const candidates = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where((eb) => eb.or([eb('username', 'in', demoNames), eb('password_hash', 'in', shared.length ? shared.map((r) => r.password_hash) : [''])]))
    .execute();
  const checkedHashes = new Map<string, boolean>();
  const found: string[] = [];
  for (const user of candidates) {
    if (!checkedHashes.has(user.password_hash)) checkedHashes.set(user.password_hash, await verifyPassword(user.password_hash, DEMO_PASSWORD));
    if (checkedHashes.get(user.password_hash)) found.push(user.username);
  }
  return found;
}

/**
 * Opens and migrates the database as the schema's owner; in demo mode seeds the demo county when the database
 * is empty. On PostgreSQL the returned database is the application's restricted role (db/roles.ts): the owner's
 * connection is closed once the role has its grants.
 */
export async function prepareDatabase(config: Readonly<Config>, log: (message: string) => void): Promise<Database> {
  const owner = await migrateAndSeed(config, log);
  if (owner.kind === 'pglite' || !config.databaseUrl) return owner;
  let setup: RoleSetup;
  try {
    setup = await setUpAppRole(owner.db as Kysely<unknown>, { ...config, databaseUrl: config.databaseUrl }, log);
  } catch (error) {
    await owner.close();
    throw error;
  }
  if (setup.appRole === null) return owner;
  await owner.close();
  const database = await openDatabase({ databaseUrl: setup.appUrl, pgliteDir: null });
  try {
    await checkAppRole(database.db as Kysely<unknown>, setup.appRole);
  } catch (error) {
    await database.close();
    throw error;
  }
  log(`database role of the application: ${setup.appRole} (owns no table; audit log: insert and read only)`);
  return database;
}

async function migrateAndSeed(config: Readonly<Config>, log: (message: string) => void): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
  const migrated = await migrateToLatest(database.db as Kysely<unknown>);
  const applied = migrated.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
  await syncBuiltInIndicators(database.db);

  if (config.isDemo) {
    const { count } = await database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    if (Number(count) === 0) {
      log(`empty database: seeding the demo county with ${config.seed.enterprises} enterprises (seed ${config.seed.seed}) …`);
      const started = Date.now();
      let lastLine = '';
      await seedDemoCounty(database.db, {
        enterprises: config.seed.enterprises,
        seed: config.seed.seed,
        // One line per stage and per quarter of a long stage: a start log, not a wall of numbers.
        onProgress: (stage, done, total) => {
          const quarter = done !== undefined && total ? Math.floor((4 * done) / total) * 25 : null;
          const line = quarter === null ? stage : `${stage} ${quarter}%`;
          if (line !== lastLine) log(`  ${line}`);
          lastLine = line;
        },
      });
      log(`demo county ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } else {
    const demoUsers = await findDemoPasswordUsers(database.db);
    if (demoUsers.length > 0) {
      await database.close();
      throw new Error(
        `refusing to start in production: the demo password opens ${demoUsers.length} account(s) (${demoUsers.slice(0, 10).join(', ')}). ` +
          'Change or disable them, or run with DEMO=true on a demo database.',
      );
    }
  }
  // Pinyin sort keys of enterprise names the migration could not compute (idempotent, chunked; issue 12).
  const named = await fillNameSortKeys(database.db);
  if (named > 0) log(`pinyin sort keys filled for ${named} enterprise name(s)`);
  return database;
}

/**
 * The recurring jobs every start makes sure of (each chain re-queues itself; every enqueue has a dedupe
 * key, so a restart, or several instances starting together, queue nothing twice):
 *   - loans: the daily overdue sweep (instalments past due → overdue) and the daily lead deadline sweep
 *     (warnings, escalation to 金融办 on the working-day calendar);
 *   - demands: the SLA deadline scan, tonight's router retraining, a first router model if none exists.
 */
export async function scheduleJobsAtStart(db: Kysely<DB>, now: Date = new Date()): Promise<void> {
  await startLoanJobs(db, now);
  await scheduleDemandJobs(db, now);
}

/** Starts the platform: database, HTTP server, job worker, and a graceful stop on SIGINT/SIGTERM. */
export async function startServer(config: Readonly<Config>): Promise<FastifyInstance> {
  const log = (message: string) => console.log(`[dianxiaoer] ${message}`);
  const database = await prepareDatabase(config, log);
  const app = await buildApp({ config, database });
  await app.listen({ host: config.host, port: config.port });
  // The daily sweeps of loans and demands (deduplicated: a restart schedules nothing twice).
  await scheduleJobsAtStart(app.db);
  if (config.jobs.isEnabled) app.jobs.start();

  const { count } = await app.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  log(`垫小二 · Enterprise Service Cloud on http://${shownHost}:${config.port} (database: ${database.kind}, ${count} enterprises)`);
  log(`API docs: http://${shownHost}:${config.port}/api/docs`);
  if (config.isDemo) {
    log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) log(`  ${account.username.padEnd(9)} ${account.description}`);
  }

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal}: finishing requests in flight and the current job …`);
    // close() stops accepting connections, waits for requests in flight, then runs onClose (worker stop).
    await app.close();
    await database.close();
    log('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}

