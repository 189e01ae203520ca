import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { seedDemoCounty } from '../server/seed/demo-county.ts';
import { startServer } from '../server/server.ts';
import { ADMIN_KINDS, createPlatformAdmin } from '../server/modules/accounts/index.ts';
import { IMPORT_HELP, runImportCommand } from './import-command.ts';
import { PROFILES_HELP, runProfilesCommand } from './profiles-command.ts';
import { ROUTER_HELP, runRouterCommand } from './router-command.ts';
import { SCORECARD_HELP, runScorecardCommand } from './scorecard-command.ts';
import { createProgress } from './progress.ts';
import { AUDIT_HELP, runAuditCommand } from './audit-command.ts';
import { BACKUP_HELP, runBackupCommand } from './backup-command.ts';
import { setUpAppRole } from '../server/db/roles.ts';

/** One line from standard input (a prompt answer or a piped value). */
async function readLine(): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

const HELP = `垫小二 · Enterprise Service Cloud — command line

  npm run cli -- <command> [options]      (or: node dist/node/cli/main.js <command>)

Commands:
  start                                  run the platform (as npm start, without building)
  migrate                                apply pending database migrations (also: npm run db:migrate) as the
                                         owner (MIGRATION_DATABASE_URL or DATABASE_URL) and, on PostgreSQL,
                                         grant the application's role (docs/security.md)
  create-admin --username U [--name N] [--kind admin|security_admin|auditor]
                                         create a platform administrator of one kind (the accounts of a
                                         production deployment's three administrators); reads the password
                                         from standard input
  seed [--enterprises N] [--seed S] [--reset]
                                         build the demo county into an empty database (also: npm run seed)
                                         --reset first deletes all data (refused when NODE_ENV=production)
${IMPORT_HELP}
${PROFILES_HELP}
${ROUTER_HELP}
${SCORECARD_HELP}
${AUDIT_HELP}
${BACKUP_HELP}
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
      const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
      try {
        const result = await migrateToLatest(database.db as Kysely<unknown>);
        const applied = result.results ?? [];
        console.log(applied.length ? applied.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'database is up to date');
        if (config.databaseUrl) {
          const setup = await setUpAppRole(database.db as Kysely<unknown>, { ...config, databaseUrl: config.databaseUrl }, (m) => console.log(m));
          if (setup.appRole) console.log(`granted the application's role ${setup.appRole}`);
        }
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
          const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: null });
          await sql`drop schema public cascade`.execute(database.db);
          await sql`create schema public`.execute(database.db);
          await database.close();
        } else if (config.pgliteDir) {
          fs.rmSync(config.pgliteDir, { recursive: true, force: true });
        }
      }
      const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
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

    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string', default: 'admin' } } });
      if (!values.username) throw new Error('--username is required');
      const kind = ADMIN_KINDS.find((k) => k === values.kind);
      if (!kind) throw new Error(`--kind must be one of ${ADMIN_KINDS.join(', ')}`);
      process.stderr.write('password (at least 10 characters, three of: lower-case, upper-case, digits, other; not a common one): ');
      const password = (await readLine()).trim();
      if (!process.stdin.isTTY) process.stderr.write('\n');
      const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
      try {
        await migrateToLatest(database.db as Kysely<unknown>);
        const id = await createPlatformAdmin(database.db, { username: values.username, displayName: values.name ?? values.username, password, kind });
        console.log(`${kind} ${values.username} created (user id ${id}); it must change its password at first sign-in`);
      } finally {
        await database.close();
      }
      return 0;
    }

    case 'import':
      return runImportCommand(config, rest);

    case 'profiles':
      return runProfilesCommand(config, rest);

    case 'router':
      return runRouterCommand(rest);
    case 'scorecard':
      return runScorecardCommand(rest);

    case 'audit':
      return runAuditCommand(config, rest);
    case 'backup':
    case 'restore':
      return runBackupCommand(config, command, rest);

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
    const details = error instanceof AppError && error.details.length ? `: ${error.details.map((d) => (d as { message: string }).message).join('; ')}` : '';
    console.error(`error: ${error instanceof Error ? error.message : String(error)}${details}`);
    process.exit(1);
  },
);
