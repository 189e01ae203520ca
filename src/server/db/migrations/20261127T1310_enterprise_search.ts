import { sql, type Kysely } from 'kysely';

/**
 * Indexes for searching enterprises at county scale (100k+ rows) and for the profile's lookups, and the
 * digest of the derived profile. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A county-wide recompute mostly finds profiles unchanged; comparing digests spares rewriting (and, on
  // PostgreSQL, bloating) every row's profile document.
  await sql`alter table enterprises add column profile_hash text`.execute(db);
  // The default list is ordered by name: an index in that order serves page 1 without sorting the county.
  await sql`create index enterprises_name_order on enterprises (name, id)`.execute(db);
  // "q" may be a USCC prefix; the unique index uses the database collation, which LIKE 'x%' cannot use.
  await sql`create index enterprises_uscc_prefix on enterprises (uscc text_pattern_ops)`.execute(db);
  // 大类/中类/小类 prefixes of the finest code.
  await sql`create index enterprises_industry_prefix on enterprises (industry_code text_pattern_ops)`.execute(db);
  // 规上 enterprises are a few percent of the county: a partial index finds them without a scan.
  await sql`create index enterprises_above_scale on enterprises (id) where is_above_scale`.execute(db);
  await sql`create index enterprises_status on enterprises (status, id)`.execute(db);
  await sql`create index data_disputes_enterprise on data_disputes (enterprise_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['data_disputes_enterprise', 'enterprises_status', 'enterprises_above_scale', 'enterprises_industry_prefix', 'enterprises_uscc_prefix', 'enterprises_name_order']) {
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
  }
  await sql`alter table enterprises drop column if exists profile_hash`.execute(db);
}
