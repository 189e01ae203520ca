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

  it('turn working_calendar into county overrides: shipped 2025–2026 rows go, county rows stay', async () => {
    const db = database.db as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const rows = async () =>
      (await sql<{ day: string; is_workday: boolean; note: string }>`select to_char(day, 'YYYY-MM-DD') as day, is_workday, note from working_calendar order by day`.execute(db)).rows;
    expect((await migrator.migrateTo('20261127T1320_policy_matches_derived')).error).toBeUndefined();
    expect((await rows()).length).toBe(72);
    // The county edited one shipped row (worked 2025-10-08) and added a local holiday.
    await sql`update working_calendar set is_workday = true, note = '县里提前上班' where day = '2025-10-08'`.execute(db);
    await sql`insert into working_calendar (day, is_workday, note) values ('2026-03-09', false, '县庆')`.execute(db);
    await migrateToLatest(db);
    expect(await rows()).toEqual([
      { day: '2025-10-08', is_workday: true, note: '县里提前上班' },
      { day: '2026-03-09', is_workday: false, note: '县庆' },
    ]);
    // Down puts the shipped rows back around the county's.
    expect((await migrator.migrateTo('20261127T1320_policy_matches_derived')).error).toBeUndefined();
    const restored = await rows();
    expect(restored.length).toBe(73);
    expect(restored.find((r) => r.day === '2025-10-08')).toEqual({ day: '2025-10-08', is_workday: true, note: '县里提前上班' });
    await sql`delete from working_calendar where note in ('县里提前上班', '县庆')`.execute(db);
    await migrateToLatest(db);
    expect(await rows()).toEqual([]);
  });
});
