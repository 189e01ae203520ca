/**
 * The database a benchmark works in: PGlite in memory, or a new database on a PostgreSQL server, created
 * for the run and dropped by `drop()`. A benchmark never writes into a database somebody uses (the demo
 * county under ./data, or the database DATABASE_URL names).
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.ts';

export interface ScratchDatabase {
  database: Database;
  /** Closes the database and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
}

/**
 * `serverUrl` null: PGlite in memory; else a PostgreSQL server URL on which a database `dxe_bench_<label>_<pid>` is made.
 * `keepAs` (PostgreSQL): use that database instead, create it if missing, and never drop it (`drop()` only closes).
 */
export async function openScratchDatabase(serverUrl: string | null, label: string, options: { keepAs?: string } = {}): Promise<ScratchDatabase> {
  if (serverUrl === null) {
    const database = await openDatabase({ databaseUrl: null, pgliteDir: null });
    return { database, drop: () => database.close() };
  }
  const keep = options.keepAs !== undefined;
  const name = options.keepAs ?? `dxe_bench_${label}_${process.pid}`;
  const adminPool = new pg.Pool({ connectionString: serverUrl, max: 1 });
  // An idle connection the server ends (another process dropping databases WITH (FORCE)) must not crash the bench.
  adminPool.on('error', (error) => console.error(`admin connection: ${error.message}`));
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: adminPool }) });
  if (keep) {
    const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(admin);
    if (exists.rows.length === 0) await sql`create database ${sql.id(name)}`.execute(admin);
  } else {
    await sql`drop database if exists ${sql.id(name)}`.execute(admin);
    await sql`create database ${sql.id(name)}`.execute(admin);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), pgliteDir: null });
  return {
    database,
    drop: async () => {
      await database.close();
      if (!keep) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}
