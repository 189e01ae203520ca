import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { seedDemoCounty } from '../server/seed/demo-county.ts';
import { startServer } from '../server/server.ts';
import { createProgress } from './progress.ts';

const HELP = `垫小二 · Enterprise Service Cloud — command line

  npm run cli -- <command> [options]      (or: node dist/node/cli/main.js <command>)

Commands:
  start                                  run the platform (as npm start, without building)
  migrate                                apply pending database migrations (also: npm run db:migrate)
  seed [--enterprises N] [--seed S] [--reset]
                                         build the demo county into an empty database (also: npm run seed)
                                         --reset first deletes all data (refused when NODE_ENV=production)
  help                                   this text

The database is the embedded one under DATA_DIR (./data), or PostgreSQL when DATABASE_URL is set.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const config = loadConfig();

  switch (command) {
    case 'start':
      await startServer(config);
      return -1; // keeps running

    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
      try {
        const result = await migrateToLatest(database.db as Kysely<unknown>);
        const applied = result.results ?? [];
        console.log(applied.length ? applied.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'database is up to date');
      } finally {
        await database.close();
      }
      return 0;
    }

    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { enterprises: { type: 'string' }, seed: { type: 'string' }, reset: { type: 'boolean', default: false } },
      });
      const enterprises = values.enterprises === undefined ? config.seed.enterprises : Number(values.enterprises);
      const seed = values.seed === undefined ? config.seed.seed : Number(values.seed);
      if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 2_000_000) throw new Error('--enterprises must be an integer from 1 to 2,000,000');
      if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
      if (values.reset) {
        if (config.nodeEnv === 'production') throw new Error('--reset is refused when NODE_ENV=production');
        if (config.databaseUrl) {
          const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: null });
          await sql`drop schema public cascade`.execute(database.db);
          await sql`create schema public`.execute(database.db);
          await database.close();
        } else if (config.pgliteDir) {
          fs.rmSync(config.pgliteDir, { recursive: true, force: true });
        }
      }
      const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
      try {
        await migrateToLatest(database.db as Kysely<unknown>);
        const { n } = await database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(n) > 0) throw new Error('the database already holds data: run with --reset to replace it with a new demo county');
        const progress = createProgress();
        const started = Date.now();
        await seedDemoCounty(database.db, { enterprises, seed, onProgress: progress.update });
        progress.stop();
        console.log(`demo county with ${enterprises} enterprises (seed ${seed}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await database.close();
      }
      return 0;
    }

    case 'help':
    case '--help':
      console.log(HELP);
      return 0;

    default:
      console.error(`unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
