import { sql, type Kysely } from 'kysely';

/**
 * Policy direct access (政策直达): the policy catalogue with its versions, golden cases, the county's stored
 * matches per version and the pushes to enterprises. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table policies (
      id integer generated always as identity primary key,
      -- the issuing department: only its staff author, review, publish and run the policy
      department_org_id integer not null references organizations(id),
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index policies_department on policies (department_org_id, id)`.execute(db);

  await sql`
    create table policy_versions (
      id integer generated always as identity primary key,
      policy_id integer not null references policies(id) on delete cascade,
      version integer not null check (version >= 1),
      status text not null default 'draft'
        check (status in ('draft','in_review','published','superseded','closed','expired')),
      title text not null check (char_length(title) between 1 and 200),
      document_no text check (char_length(document_no) <= 100),
      summary text not null default '' check (char_length(summary) <= 2000),
      source_text text check (char_length(source_text) <= 100000),
      interpretation text check (char_length(interpretation) <= 100000),
      qa jsonb not null default '[]'::jsonb check (jsonb_typeof(qa) = 'array'),
      region_code text not null default '500231',
      valid_from date not null,
      valid_until date,
      apply_from timestamptz,
      apply_until timestamptz,
      tags text[] not null default '{}',
      rule jsonb not null,
      benefit jsonb not null,
      params jsonb not null default '[]'::jsonb check (jsonb_typeof(params) = 'array'),
      -- policies sharing a group are mutually exclusive (择优享受); null = stackable
      exclusion_group text check (char_length(exclusion_group) between 1 and 64),
      is_auto_grant boolean not null default false,
      review_steps jsonb not null
        default '[{"key":"accept","nameZh":"受理","nameEn":"Acceptance","deadlineWorkingDays":3},{"key":"review","nameZh":"审核","nameEn":"Review","deadlineWorkingDays":10},{"key":"notice","nameZh":"公示","nameEn":"Public notice","deadlineWorkingDays":5},{"key":"disburse","nameZh":"兑付","nameEn":"Disbursement","deadlineWorkingDays":10}]'::jsonb
        check (jsonb_typeof(review_steps) = 'array'),
      public_notice_days integer not null default 5 check (public_notice_days between 0 and 60),
      form_fields jsonb not null default '[]'::jsonb check (jsonb_typeof(form_fields) = 'array'),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz,
      published_at timestamptz,
      published_by integer references users(id),
      closed_at timestamptz,
      unique (policy_id, version),
      check (valid_until is null or valid_until >= valid_from),
      check (apply_until is null or apply_from is null or apply_until >= apply_from)
    )`.execute(db);
  // One live version per policy, and at most one version being prepared beside it: "the current version"
  // is never ambiguous, even with two publishers racing.
  await sql`create unique index policy_versions_one_published on policy_versions (policy_id)
    where status = 'published'`.execute(db);
  await sql`create unique index policy_versions_one_open on policy_versions (policy_id)
    where status in ('draft','in_review')`.execute(db);
  await sql`create index policy_versions_status on policy_versions (status, policy_id)`.execute(db);

  // A version's content is what matches, pushes, applications and golden cases were judged against: once it
  // has left draft it is never rewritten, whatever path the write takes (service, script or console). Only
  // the life-cycle columns move, and only forwards; ended versions never move again; only drafts are deleted.
  await sql`
    create function policy_versions_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then
          raise exception 'policy version % is %, only drafts can be deleted', old.id, old.status
            using errcode = '55000';
        end if;
        return old;
      end if;
      if old.status <> 'draft' and (
           new.rule is distinct from old.rule or new.benefit is distinct from old.benefit
        or new.params is distinct from old.params or new.title is distinct from old.title
        or new.document_no is distinct from old.document_no or new.summary is distinct from old.summary
        or new.source_text is distinct from old.source_text or new.interpretation is distinct from old.interpretation
        or new.qa is distinct from old.qa or new.region_code is distinct from old.region_code
        or new.valid_from is distinct from old.valid_from or new.valid_until is distinct from old.valid_until
        or new.apply_from is distinct from old.apply_from or new.apply_until is distinct from old.apply_until
        or new.tags is distinct from old.tags or new.exclusion_group is distinct from old.exclusion_group
        or new.is_auto_grant is distinct from old.is_auto_grant or new.review_steps is distinct from old.review_steps
        or new.public_notice_days is distinct from old.public_notice_days
        or new.form_fields is distinct from old.form_fields
        or new.policy_id is distinct from old.policy_id or new.version is distinct from old.version) then
        raise exception 'policy version % is %: its content cannot change, create a new version', old.id, old.status
          using errcode = '55000';
      end if;
      if new.status is distinct from old.status and not (
           (old.status = 'draft' and new.status in ('in_review','published','closed'))
        or (old.status = 'in_review' and new.status in ('draft','published','closed'))
        or (old.status = 'published' and new.status in ('superseded','closed','expired'))) then
        raise exception 'policy version % cannot go from % to %', old.id, old.status, new.status
          using errcode = '55000';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger policy_versions_immutable before update or delete on policy_versions
    for each row execute function policy_versions_guard()`.execute(db);

  await sql`
    create table policy_golden_cases (
      id integer generated always as identity primary key,
      policy_version_id integer not null references policy_versions(id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      -- a real enterprise's facts as loaded at run time, or made-up EnterpriseFacts: exactly one
      enterprise_id integer references enterprises(id) on delete cascade,
      facts jsonb,
      expected_outcome text not null check (expected_outcome in ('eligible','ineligible','unknown')),
      expected_amount_fen bigint check (expected_amount_fen >= 0),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      check ((enterprise_id is null) <> (facts is null))
    )`.execute(db);
  await sql`create index policy_golden_cases_version on policy_golden_cases (policy_version_id, id)`.execute(db);

  await sql`
    create table policy_matches (
      policy_version_id integer not null references policy_versions(id) on delete cascade,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      -- ineligible enterprises are not stored: a county is mostly ineligible for any one policy
      outcome text not null check (outcome in ('eligible','unknown')),
      amount_fen bigint check (amount_fen >= 0),
      -- [{fact, period}] still needed for an 'unknown' outcome
      missing_facts jsonb,
      matched_at timestamptz not null default now(),
      primary key (policy_version_id, enterprise_id)
    )`.execute(db);
  await sql`create index policy_matches_enterprise on policy_matches (enterprise_id)`.execute(db);

  await sql`
    create table policy_pushes (
      id bigint generated always as identity primary key,
      policy_id integer not null references policies(id) on delete cascade,
      -- the version that first made the enterprise eligible
      policy_version_id integer not null references policy_versions(id),
      enterprise_id integer not null references enterprises(id) on delete cascade,
      pushed_at timestamptz not null default now(),
      read_at timestamptz,
      opened_at timestamptz,
      -- an enterprise is never pushed the same policy twice, across versions and re-runs
      unique (policy_id, enterprise_id)
    )`.execute(db);
  await sql`create index policy_pushes_enterprise on policy_pushes (enterprise_id)`.execute(db);
  await sql`create index policy_pushes_version on policy_pushes (policy_version_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists policy_pushes`.execute(db);
  await sql`drop table if exists policy_matches`.execute(db);
  await sql`drop table if exists policy_golden_cases`.execute(db);
  await sql`drop table if exists policy_versions`.execute(db);
  await sql`drop function if exists policy_versions_guard()`.execute(db);
  await sql`drop table if exists policies`.execute(db);
}
