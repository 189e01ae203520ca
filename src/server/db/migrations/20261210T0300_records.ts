import { sql, type Kysely } from 'kysely';
import { BUILT_IN_RECORD_TYPES } from '../../../core/rules/records.ts';

/**
 * Records (issue 12 item 1): an enterprise's employees, patents, loans, contracts, stores and plots, one row
 * each, which rules aggregate with count/sum/min/max/avg where (src/core/rules/records.ts).
 *
 *   record_types        the types as data: code, names, count unit, the consent category that governs
 *                       them, the ordering date field and the fields (jsonb list of {code, nameZh, nameEn,
 *                       type, unit, codes, required}); the built-in types are seeded here, a data
 *                       administrator adds more
 *   enterprise_records  one row per record: the enterprise, the type, the record's key within the enterprise
 *                       (工号, 专利号, 合同编号 …; re-importing the same key updates it: idempotent), the
 *                       values (jsonb; money in integer fen, dates as YYYY-MM-DD text), source and import
 *
 * An enterprise holds "no data" for a type (the aggregate is unknown) until at least one of its records of
 * the type is imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table record_types (
      code text primary key check (code ~ '^[a-z][a-z0-9_]*$'),
      name_zh text not null,
      name_en text not null,
      count_unit text not null check (count_unit in ('person', 'count')),
      consent_category text not null,
      date_field text,
      fields jsonb not null,
      built_in boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table enterprise_records (
      id bigserial primary key,
      enterprise_id integer not null references enterprises(id),
      type_code text not null references record_types(code),
      record_key text not null,
      "values" jsonb not null,
      source text not null default 'import',
      import_id integer,
      updated_at timestamptz not null default now(),
      unique (enterprise_id, type_code, record_key)
    )`.execute(db);
  await sql`create index enterprise_records_type on enterprise_records (type_code, enterprise_id)`.execute(db);
  for (const type of BUILT_IN_RECORD_TYPES) {
    await sql`
      insert into record_types (code, name_zh, name_en, count_unit, consent_category, date_field, fields, built_in)
      values (${type.code}, ${type.nameZh}, ${type.nameEn}, ${type.countUnit}, ${type.consentCategory}, ${type.dateField},
              ${JSON.stringify(type.fields)}::jsonb, true)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table enterprise_records`.execute(db);
  await sql`drop table record_types`.execute(db);
}
