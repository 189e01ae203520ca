import { sql, type Kysely } from 'kysely';

/**
 * Enterprise profile: the registry, the indicator registry and its time series, certifications,
 * imports with their error reports, consents (数据授权) and data disputes. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table enterprises (
      id integer generated always as identity primary key,
      uscc text not null unique,
      -- 'checksum_override': a pilot-era code that fails the GB 32100 check, accepted by a data admin
      uscc_status text not null default 'valid' check (uscc_status in ('valid','checksum_override')),
      name text not null,
      type text not null check (type in ('limited_company','joint_stock_company','individual_business',
        'partnership','sole_proprietorship','branch','cooperative','other')),
      legal_representative text,
      registered_on date,
      registered_capital_fen bigint check (registered_capital_fen >= 0),
      town_code text references towns(code),
      address text,
      -- finest GB/T 4754-2017 level known, with its 门类 and 大类 kept for filtering at any level
      industry_code text,
      industry_section text,
      industry_division text,
      status text not null default 'operating' check (status in ('operating','suspended','cancelled','revoked','moved_out')),
      org_id integer unique references organizations(id),
      -- derived profile, recomputed from the indicators (see src/core/profile)
      size_class text check (size_class in ('large','medium','small','micro')),
      is_above_scale boolean,
      lifecycle_stage text,
      tags text[] not null default '{}',
      profile jsonb,
      completeness_bp integer,
      profile_computed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index enterprises_town on enterprises (town_code, id)`.execute(db);
  await sql`create index enterprises_section on enterprises (industry_section, id)`.execute(db);
  await sql`create index enterprises_division on enterprises (industry_division, id)`.execute(db);
  await sql`create index enterprises_size on enterprises (size_class, id)`.execute(db);
  await sql`create index enterprises_tags on enterprises using gin (tags)`.execute(db);

  await sql`
    create table indicators (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
      name_zh text not null,
      name_en text not null,
      -- the consent category (数据授权) covering the indicator
      category text not null check (category in ('operations','tax','employment','innovation','energy','trade','compliance')),
      unit text not null check (unit in ('fen','person','bp','count','kwh','boolean','grade')),
      periodicity text not null check (periodicity in ('year','quarter','month')),
      is_flow boolean not null,
      is_key boolean not null default false,
      sources text[] not null,
      grades text[],
      is_built_in boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table import_batches (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('indicators','enterprises','certifications')),
      source text not null,
      file_name text,
      file_sha256 text,
      storage_path text,
      status text not null default 'queued' check (status in ('queued','running','completed','failed')),
      total_rows integer,
      processed_rows integer not null default 0,
      inserted_rows integer not null default 0,
      updated_rows integer not null default 0,
      unchanged_rows integer not null default 0,
      error_rows integer not null default 0,
      message text,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index import_batches_created on import_batches (created_at desc)`.execute(db);

  await sql`
    create table import_errors (
      batch_id integer not null references import_batches(id) on delete cascade,
      row_no integer not null,
      column_name text not null,
      reason text not null,
      value text,
      primary key (batch_id, row_no, column_name)
    )`.execute(db);

  // One value per enterprise, indicator, period and source: re-importing the same file changes nothing.
  await sql`
    create table indicator_values (
      enterprise_id integer not null references enterprises(id) on delete cascade,
      indicator_code text not null references indicators(code),
      period text not null check (period ~ '^\\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$'),
      source text not null,
      value bigint,
      value_text text,
      as_of date not null,
      batch_id integer references import_batches(id),
      updated_at timestamptz not null default now(),
      primary key (enterprise_id, indicator_code, period, source),
      check ((value is null) <> (value_text is null))
    )`.execute(db);
  await sql`create index indicator_values_code_period on indicator_values (indicator_code, period)`.execute(db);

  await sql`
    create table certifications (
      id integer generated always as identity primary key,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      code text not null,
      awarded_on date not null,
      expires_on date,
      is_renewal boolean not null default false,
      certificate_no text,
      source text not null,
      batch_id integer references import_batches(id),
      unique (enterprise_id, code, awarded_on),
      check (expires_on is null or expires_on > awarded_on)
    )`.execute(db);

  // 数据授权: records are kept after expiry or revocation (the history is evidence).
  await sql`
    create table consents (
      id integer generated always as identity primary key,
      enterprise_id integer not null references enterprises(id),
      grantee_org_id integer not null references organizations(id),
      categories text[] not null check (cardinality(categories) > 0),
      purpose text not null,
      valid_from timestamptz not null,
      valid_until timestamptz not null,
      revoked_at timestamptz,
      revoked_by integer references users(id),
      created_by integer not null references users(id),
      created_at timestamptz not null default now(),
      check (valid_until > valid_from)
    )`.execute(db);
  await sql`create index consents_grantee on consents (grantee_org_id, enterprise_id)`.execute(db);
  await sql`create index consents_enterprise on consents (enterprise_id)`.execute(db);

  // 纠错/异议: an enterprise disputes a government fact; a data admin decides.
  await sql`
    create table data_disputes (
      id integer generated always as identity primary key,
      enterprise_id integer not null references enterprises(id),
      indicator_code text not null references indicators(code),
      period text not null,
      source text not null,
      current_value text,
      proposed_value text not null,
      reason text not null,
      status text not null default 'open' check (status in ('open','accepted','rejected')),
      created_by integer not null references users(id),
      created_at timestamptz not null default now(),
      resolved_by integer references users(id),
      resolved_at timestamptz,
      resolution_note text
    )`.execute(db);
  await sql`create index data_disputes_open on data_disputes (status, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['data_disputes', 'consents', 'certifications', 'indicator_values', 'import_errors', 'import_batches', 'indicators', 'enterprises']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
