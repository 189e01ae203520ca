import { sql, type Kysely } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const tables = async () =>
  (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(database.db)).rows.map((r) => r.table_name);

describe(`migrations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('have all run, in name order, and running them again changes nothing', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by timestamp`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
    const again = await migrateToLatest(database.db as Kysely<unknown>);
    expect(again.results).toEqual([]);
    expect(await tables()).toEqual(expect.arrayContaining(['users', 'organizations', 'sessions', 'audit_log', 'jobs', 'enterprises', 'indicator_values', 'consents']));
  });

  it('roll all the way down and up again', async () => {
    const migrator = new Migrator({ db: database.db as Kysely<unknown>, provider: { getMigrations: async () => MIGRATIONS } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect((await tables()).filter((name) => !name.startsWith('kysely_'))).toEqual([]);
    const up = await migrateToLatest(database.db as Kysely<unknown>);
    expect(up.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(await tables()).toContain('audit_log');
  });
});
