/**
 * Backup and restore (docs/operations.md), as `npm run cli -- backup <file>` and `restore <file>`.
 *
 *   PGlite      the data directory as one archive (PGlite's dumpDataDir, gzip-compressed tar); the server
 *               must be stopped (PGlite is one process's database). Restore unpacks it (loadDataDir) into an
 *               EMPTY data directory.
 *   PostgreSQL  `pg_dump --format=custom` as the owner (MIGRATION_DATABASE_URL or DATABASE_URL); the server may
 *               keep running (pg_dump reads one consistent snapshot). Restore is `pg_restore --no-owner
 *               --no-acl --exit-on-error --single-transaction` into an EMPTY database as its owner; the next
 *               start (or `cli migrate`) grants the application's role again (db/roles.ts).
 *
 * The audit log's hash chain survives both (its links are data; the chain trigger is restored after the
 * rows): `audit verify` on the restored database checks it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { createPglite } from './database.ts';

export interface BackupTarget {
  /** PostgreSQL connection string (the owner's), or null for PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory (the server stopped). */
  pgliteDir: string | null;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/** Writes a backup of the database to `file`. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--file', file, '--dbname', target.databaseUrl]);
    return;
  }
  if (!target.pgliteDir) throw new Error('an in-memory database has nothing to back up');
  if (isEmptyDir(target.pgliteDir)) throw new Error(`no database in ${target.pgliteDir}`);
  const pglite = await createPglite(target.pgliteDir);
  try {
    const dump = await pglite.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/** Restores `file` into an empty database (PostgreSQL) or an empty data directory (PGlite). */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no backup file ${file}`);
  if (target.databaseUrl) {
    await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', '--dbname', target.databaseUrl, file]);
    return;
  }
  if (!target.pgliteDir) throw new Error('restore into PGlite needs a data directory (PGLITE_DIR or DATA_DIR)');
  if (!isEmptyDir(target.pgliteDir)) throw new Error(`${target.pgliteDir} is not empty: restore into an empty data directory (move the old one away first)`);
  const pglite = await createPglite(target.pgliteDir, new Blob([fs.readFileSync(file)]));
  await pglite.close();
}

/** Refuses a PostgreSQL restore target that already holds tables. */
export async function assertEmptyDatabase(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(db);
  if (Number(rows[0]?.n) > 0) throw new Error('the database to restore into already has tables: restore into an empty database');
}

/**
 * A fingerprint of every table of the schema (row count and an md5 over the rows' text, in order), to
 * compare a database with its restored copy.
 */
export async function tableFingerprints(db: Kysely<unknown>): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of rows) {
    const { rows: print } = await sql<{ n: number; h: string | null }>`
      select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as h from ${sql.table(name)} t`.execute(db);
    result[name] = `${print[0]?.n}:${print[0]?.h ?? ''}`;
  }
  return result;
}
