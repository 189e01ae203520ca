import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../server/config.ts';
import { assertEmptyDatabase, backupDatabase, restoreDatabase } from '../server/db/backup.ts';
import { openDatabase } from '../server/db/database.ts';

export const BACKUP_HELP = `  backup <file>                          back up the database: PostgreSQL with pg_dump (custom format, the
                                         server may run); PGlite as a data-directory archive (stop the server)
  restore <file>                         restore a backup into an EMPTY database (PostgreSQL, via pg_restore)
                                         or an empty or missing data directory (PGlite); see docs/operations.md`;

/** `backup <file>` and `restore <file>` (src/server/db/backup.ts), as the schema's owner. */
export async function runBackupCommand(config: Readonly<Config>, command: 'backup' | 'restore', args: string[]): Promise<number> {
  if (args.length !== 1) throw new Error(`usage: ${command} <file>`);
  const file = path.resolve(args[0]!);
  const target = { databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir };
  const started = Date.now();
  if (command === 'backup') {
    await backupDatabase(target, file);
    console.log(`backup written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }
  if (target.databaseUrl) {
    const database = await openDatabase({ databaseUrl: target.databaseUrl, pgliteDir: null, poolSize: 1 });
    try {
      await assertEmptyDatabase(database.db as Kysely<unknown>);
    } finally {
      await database.close();
    }
  }
  await restoreDatabase(target, file);
  console.log(`restored ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s; start the server (or run migrate) to grant the application's role and apply newer migrations`);
  return 0;
}
