import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { syncBuiltInIndicators } from '../src/server/modules/indicators/indicators.repository.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string | null;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates one template database per test run; every test file then starts from a copy of it (a PGlite
 * data-directory dump, or PostgreSQL's CREATE DATABASE … TEMPLATE), several times faster than booting
 * and migrating a database per file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL || null;
  if (!serverUrl) {
    const pglite = await createPglite(null);
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    await migrateToLatest(db);
    await syncBuiltInIndicators(db as never);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-test-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplatePath', file);
    project.provide('postgresTemplate', null);
    return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  const name = `dxe_template_${process.pid}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }) });
  await sql`drop database if exists ${sql.id(name)}`.execute(admin);
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const template = await openDatabase({ databaseUrl: url.toString(), pgliteDir: null, poolSize: 1 });
  await migrateToLatest(template.db as Kysely<unknown>);
  await syncBuiltInIndicators(template.db);
  await template.close();
  project.provide('pgliteTemplatePath', null);
  project.provide('postgresTemplate', name);
  return async () => {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  };
}
