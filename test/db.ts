import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { syncBuiltInIndicators } from '../src/server/modules/indicators/indicators.repository.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when DATABASE_URL is
 * set (CI's second run), a new database created on that PostgreSQL server and dropped afterwards.
 */
export interface TestDatabase extends Database {
  /** Connection string of the fresh PostgreSQL database, or null on PGlite. */
  url: string | null;
  /** Closes and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

export const testDatabaseUrl = (): string | null => process.env.DATABASE_URL || null;

async function withServer<T>(serverUrl: string, work: (admin: Kysely<DB>) => Promise<T>): Promise<T> {
  const admin = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }) });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

let pgliteTemplate: Blob | undefined;

/** Copies the run's migrated template (see global-setup.ts); migrates from scratch outside vitest. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  const templatePath = inject('pgliteTemplatePath');
  const postgresTemplate = inject('postgresTemplate');
  if (!serverUrl) {
    if (templatePath) pgliteTemplate ??= new Blob([fs.readFileSync(templatePath)]);
    const database = await openDatabase({ databaseUrl: null, pgliteDir: null, pgliteTemplate });
    if (!templatePath) {
      await migrateToLatest(database.db as Kysely<unknown>);
      await syncBuiltInIndicators(database.db);
    }
    return { ...database, url: null, destroy: () => database.close() };
  }
  const name = `dxe_test_${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, (admin) =>
    postgresTemplate
      ? sql`create database ${sql.id(name)} template ${sql.id(postgresTemplate)}`.execute(admin)
      : sql`create database ${sql.id(name)}`.execute(admin),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The database is dropped WITH (FORCE) at the end: connections still closing then fail, harmlessly.
  const database = await openDatabase({ databaseUrl: url.toString(), pgliteDir: null, poolSize: 5, onPoolError: () => {} });
  if (!postgresTemplate) {
    await migrateToLatest(database.db as Kysely<unknown>);
    await syncBuiltInIndicators(database.db);
  }
  return {
    ...database,
    url: url.toString(),
    destroy: async () => {
      await database.close();
      await withServer(serverUrl, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
    },
  };
}
