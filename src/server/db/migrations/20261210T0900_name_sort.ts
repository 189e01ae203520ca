import { sql, type Kysely } from 'kysely';

/**
 * Pinyin order of enterprise names (issue 12). PGlite has no ICU, so the database cannot collate by pinyin:
 * the application writes `enterprises.name_sort`, the name's tone-less ASCII pinyin (src/core/text/pinyin-sort.ts),
 * wherever it writes the name, and lists order by `name_sort collate "C", name collate "C", id` — the same on
 * PGlite and PostgreSQL.
 *
 * A migration is frozen SQL and cannot compute pinyin: existing rows keep a NULL key here and the start-up fills
 * it (fillNameSortKeys, chunked, idempotent). A trigger clears the key of a row whose name changes without a
 * new key, so a stale key never survives a writer that forgot it (the row sorts last until the next fill).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises add column name_sort text check (name_sort is null or name_sort !~ '[^ -~]')`.execute(db);
  await sql`create index enterprises_name_sort_idx on enterprises ((name_sort collate "C"), (name collate "C"), id)`.execute(db);
  await sql`create index enterprises_name_sort_missing_idx on enterprises (id) where name_sort is null`.execute(db);
  await sql`
    create function enterprises_name_sort_stale() returns trigger language plpgsql as $$
    begin
      if new.name is distinct from old.name and new.name_sort is not distinct from old.name_sort then
        new.name_sort := null;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger enterprises_name_sort_stale before update of name on enterprises for each row execute function enterprises_name_sort_stale()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists enterprises_name_sort_stale on enterprises`.execute(db);
  await sql`drop function if exists enterprises_name_sort_stale()`.execute(db);
  await sql`drop index if exists enterprises_name_sort_missing_idx`.execute(db);
  await sql`drop index if exists enterprises_name_sort_idx`.execute(db);
  await sql`alter table enterprises drop column if exists name_sort`.execute(db);
}
