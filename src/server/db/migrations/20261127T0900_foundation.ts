import { sql, type Kysely } from 'kysely';

/**
 * Foundation: organisations, users, sessions, login throttling, the append-only audit log, jobs,
 * server secrets, towns and the cadre roster. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table organizations (
      id integer generated always as identity primary key,
      type text not null check (type in ('enterprise','department','dispatch_centre','bank','service_provider','platform')),
      name text not null,
      code text,
      service_team text check (service_team in ('non_market','quasi_market','market')),
      created_at timestamptz not null default now(),
      unique (type, code)
    )`.execute(db);
  await sql`create index organizations_type_name on organizations (type, name)`.execute(db);

  await sql`
    create table users (
      id integer generated always as identity primary key,
      org_id integer not null references organizations(id),
      username text not null,
      display_name text not null,
      password_hash text not null,
      roles text[] not null check (
        cardinality(roles) > 0 and roles <@ array['enterprise_user','department_staff','dispatcher','cadre',
          'provider_staff','bank_staff','data_admin','admin','auditor']::text[]
        -- separation of duties: whoever administers accounts never audits them
        and not (roles @> array['admin','auditor']::text[])
      ),
      is_disabled boolean not null default false,
      must_change_password boolean not null default false,
      password_changed_at timestamptz not null default now(),
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username_lower on users (lower(username))`.execute(db);
  await sql`create index users_org on users (org_id)`.execute(db);

  // Only a hash of the session token is stored: a copy of the database does not hand out sessions.
  await sql`
    create table sessions (
      token_hash text primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  // Keyed by the name typed, whether or not such a user exists, so lockout does not reveal accounts.
  await sql`
    create table login_throttle (
      username text primary key,
      failures integer not null default 0,
      locked_until timestamptz,
      last_failure_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_user_id integer,
      actor_username text,
      actor_org_id integer,
      action text not null,
      target_type text,
      target_id text,
      outcome text not null check (outcome in ('success','failure','denied')),
      request_id text,
      ip text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_log_at on audit_log (at desc)`.execute(db);
  await sql`create index audit_log_actor on audit_log (actor_user_id, at desc)`.execute(db);
  await sql`create index audit_log_target on audit_log (target_type, target_id, at desc)`.execute(db);
  await sql`create index audit_log_action on audit_log (action, at desc)`.execute(db);
  // Append-only at the database level: no role of the application can rewrite history.
  await sql`
    create function audit_log_reject_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_reject_change()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_reject_change()`.execute(db);

  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      kind text not null,
      payload jsonb not null default '{}'::jsonb,
      status text not null default 'queued' check (status in ('queued','running','done','dead')),
      priority integer not null default 100,
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      locked_by text,
      lease_until timestamptz,
      last_error text,
      dedupe_key text unique,
      result jsonb,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index jobs_ready on jobs (priority, id) where status = 'queued'`.execute(db);
  await sql`create index jobs_leased on jobs (lease_until) where status = 'running'`.execute(db);

  await sql`
    create table server_secrets (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  // 镇街: towns, streets and townships of the region (GB/T 2260 + 统计用区划代码).
  await sql`
    create table towns (
      code text primary key,
      name text not null unique,
      name_en text not null,
      kind text not null check (kind in ('street','town','township'))
    )`.execute(db);

  // 干部 roster; linking cadres to enterprises comes with the 千人联千企 module.
  await sql`
    create table cadres (
      id integer generated always as identity primary key,
      name text not null,
      position text not null,
      org_id integer not null references organizations(id),
      town_code text references towns(code),
      user_id integer unique references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index cadres_org on cadres (org_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['cadres', 'towns', 'server_secrets', 'jobs', 'audit_log', 'login_throttle', 'sessions', 'users', 'organizations']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists audit_log_reject_change()`.execute(db);
}
