import { sql, type Kysely } from 'kysely';

/**
 * Registry data instead of code (issue 12 item 8): certification and qualification types an
 * administrator adds (code, names, the levels it is awarded at, the issuing body, validity years),
 * the level of each award an enterprise holds, named industry sets mapped to GB/T 4754 codes, and the
 * foreign-investment flag of the enterprise record (外商投资; the other legal-form facts derive from the
 * registered type). Built-in rows are synced at start (src/server/modules/indicators/registry.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table certification_types (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
      name_zh text not null,
      name_en text not null,
      levels text[] not null default '{}',
      issuing_body_zh text not null default '',
      issuing_body_en text not null default '',
      validity_years integer check (validity_years is null or validity_years between 1 and 50),
      is_built_in boolean not null default false,
      updated_at timestamptz not null default now(),
      check (levels <@ array['national','provincial','city','county']::text[])
    )`.execute(db);
  await sql`
    create table industry_sets (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
      name_zh text not null,
      name_en text not null,
      source_zh text not null default '',
      criteria jsonb not null,
      is_built_in boolean not null default false,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table certifications add column level text check (level is null or level in ('national','provincial','city','county'))`.execute(db);
  await sql`alter table enterprises add column foreign_invested boolean`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises drop column foreign_invested`.execute(db);
  await sql`alter table certifications drop column level`.execute(db);
  await sql`drop table industry_sets`.execute(db);
  await sql`drop table certification_types`.execute(db);
}
