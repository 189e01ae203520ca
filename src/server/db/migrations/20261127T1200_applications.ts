import { sql, type Kysely } from 'kysely';

/**
 * Applications (申报) and their review, public notice (公示) and payment (兑付); 免申即享 grants; the
 * working-day calendar. Frozen in time: the calendar rows below are a copy of the State Council's 2025 and
 * 2026 schedules as shipped (src/core/sla/prc-holidays.ts); later years arrive by new migrations or edits.
 *
 * Money safety is in the schema, not only in the code: a disbursement is one row per application or grant
 * item that is not cancelled (partial unique indexes), its checker differs from its maker (CHECK), and a
 * paid or cancelled disbursement never changes again nor is deleted (trigger). Two requests racing to pay
 * the same thing cannot both succeed, whatever path they take.
 */
const CALENDAR: [string, boolean, string][] = [
  ['2025-01-01', false, '元旦'],
  ['2025-01-26', true, '春节调休上班'],
  ['2025-01-28', false, '春节'],
  ['2025-01-29', false, '春节'],
  ['2025-01-30', false, '春节'],
  ['2025-01-31', false, '春节'],
  ['2025-02-01', false, '春节'],
  ['2025-02-02', false, '春节'],
  ['2025-02-03', false, '春节'],
  ['2025-02-04', false, '春节'],
  ['2025-02-08', true, '春节调休上班'],
  ['2025-04-04', false, '清明节'],
  ['2025-04-05', false, '清明节'],
  ['2025-04-06', false, '清明节'],
  ['2025-04-27', true, '劳动节调休上班'],
  ['2025-05-01', false, '劳动节'],
  ['2025-05-02', false, '劳动节'],
  ['2025-05-03', false, '劳动节'],
  ['2025-05-04', false, '劳动节'],
  ['2025-05-05', false, '劳动节'],
  ['2025-05-31', false, '端午节'],
  ['2025-06-01', false, '端午节'],
  ['2025-06-02', false, '端午节'],
  ['2025-09-28', true, '国庆节、中秋节调休上班'],
  ['2025-10-01', false, '国庆节、中秋节'],
  ['2025-10-02', false, '国庆节、中秋节'],
  ['2025-10-03', false, '国庆节、中秋节'],
  ['2025-10-04', false, '国庆节、中秋节'],
  ['2025-10-05', false, '国庆节、中秋节'],
  ['2025-10-06', false, '国庆节、中秋节'],
  ['2025-10-07', false, '国庆节、中秋节'],
  ['2025-10-08', false, '国庆节、中秋节'],
  ['2025-10-11', true, '国庆节、中秋节调休上班'],
  ['2026-01-01', false, '元旦'],
  ['2026-01-02', false, '元旦'],
  ['2026-01-03', false, '元旦'],
  ['2026-01-04', true, '元旦调休上班'],
  ['2026-02-14', true, '春节调休上班'],
  ['2026-02-15', false, '春节'],
  ['2026-02-16', false, '春节'],
  ['2026-02-17', false, '春节'],
  ['2026-02-18', false, '春节'],
  ['2026-02-19', false, '春节'],
  ['2026-02-20', false, '春节'],
  ['2026-02-21', false, '春节'],
  ['2026-02-22', false, '春节'],
  ['2026-02-23', false, '春节'],
  ['2026-02-28', true, '春节调休上班'],
  ['2026-04-04', false, '清明节'],
  ['2026-04-05', false, '清明节'],
  ['2026-04-06', false, '清明节'],
  ['2026-05-01', false, '劳动节'],
  ['2026-05-02', false, '劳动节'],
  ['2026-05-03', false, '劳动节'],
  ['2026-05-04', false, '劳动节'],
  ['2026-05-05', false, '劳动节'],
  ['2026-05-09', true, '劳动节调休上班'],
  ['2026-06-19', false, '端午节'],
  ['2026-06-20', false, '端午节'],
  ['2026-06-21', false, '端午节'],
  ['2026-09-20', true, '国庆节调休上班'],
  ['2026-09-25', false, '中秋节'],
  ['2026-09-26', false, '中秋节'],
  ['2026-09-27', false, '中秋节'],
  ['2026-10-01', false, '国庆节'],
  ['2026-10-02', false, '国庆节'],
  ['2026-10-03', false, '国庆节'],
  ['2026-10-04', false, '国庆节'],
  ['2026-10-05', false, '国庆节'],
  ['2026-10-06', false, '国庆节'],
  ['2026-10-07', false, '国庆节'],
  ['2026-10-10', true, '国庆节调休上班'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table working_calendar (
      day date primary key,
      is_workday boolean not null,
      note text not null default '' check (char_length(note) <= 100),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into working_calendar (day, is_workday, note) values ${sql.join(
    CALENDAR.map(([day, isWorkday, note]) => sql`(${day}::date, ${isWorkday}, ${note})`),
  )}`.execute(db);

  await sql`
    create table applications (
      id integer generated always as identity primary key,
      policy_id integer not null references policies(id),
      -- the version applied under: its rule, amounts, steps and notice period govern this application
      policy_version_id integer not null references policy_versions(id),
      enterprise_id integer not null references enterprises(id),
      status text not null check (status in ('submitted','accepted','in_review','returned','approved',
        'in_notice','notice_passed','paid','rejected','withdrawn')),
      current_step text check (char_length(current_step) <= 64),
      -- when the department's current step is due (end of a working day in Asia/Shanghai); null while
      -- it is not the department's turn (returned, approved, in notice, final)
      step_due_at timestamptz,
      -- 退回补正: where a resubmission goes back to
      returned_from_status text check (returned_from_status in ('submitted','accepted','in_review')),
      returned_from_step text,
      notice_started_at timestamptz,
      notice_until timestamptz,
      form_data jsonb not null default '{}'::jsonb check (jsonb_typeof(form_data) = 'object'),
      -- integer fen: the benefit formula's estimate at submission (what is applied for) and the approved amount
      estimated_amount_fen bigint check (estimated_amount_fen >= 0),
      approved_amount_fen bigint check (approved_amount_fen > 0),
      submitted_by integer not null references users(id),
      submitted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'in_notice' or notice_until is not null),
      check (status not in ('approved','in_notice','notice_passed','paid') or approved_amount_fen is not null),
      check ((status = 'returned') = (returned_from_status is not null))
    )`.execute(db);
  // Applying twice is refused by the database too: one application in progress (or paid) per policy and enterprise.
  await sql`create unique index applications_one_active on applications (policy_id, enterprise_id)
    where status not in ('withdrawn','rejected')`.execute(db);
  await sql`create index applications_enterprise on applications (enterprise_id, id desc)`.execute(db);
  await sql`create index applications_policy on applications (policy_id, status, id desc)`.execute(db);
  await sql`create index applications_due on applications (step_due_at)
    where status in ('submitted','accepted','in_review','notice_passed')`.execute(db);
  await sql`create index applications_notice on applications (notice_until) where status = 'in_notice'`.execute(db);

  await sql`
    create table application_events (
      id bigint generated always as identity primary key,
      application_id integer not null references applications(id),
      at timestamptz not null default now(),
      -- null: the platform (a job)
      actor_user_id integer references users(id),
      action text not null check (char_length(action) <= 64),
      from_status text,
      to_status text not null,
      step_key text,
      reason text check (char_length(reason) <= 2000),
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index application_events_application on application_events (application_id, id)`.execute(db);

  await sql`
    create table application_files (
      id integer generated always as identity primary key,
      application_id integer not null references applications(id),
      field_key text not null check (field_key ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
      file_name text not null check (char_length(file_name) between 1 and 255),
      content_type text not null check (char_length(content_type) <= 100),
      size_bytes bigint not null check (size_bytes > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      -- relative to the storage directory
      storage_path text not null unique,
      uploaded_by integer not null references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index application_files_application on application_files (application_id, id)`.execute(db);

  await sql`
    create table auto_grants (
      id integer generated always as identity primary key,
      policy_id integer not null references policies(id),
      policy_version_id integer not null references policy_versions(id),
      status text not null default 'proposed' check (status in ('proposed','in_notice','notice_passed','paid')),
      created_by integer not null references users(id),
      created_at timestamptz not null default now(),
      confirmed_by integer references users(id),
      confirmed_at timestamptz,
      notice_until timestamptz,
      notice_passed_at timestamptz,
      paid_at timestamptz,
      updated_at timestamptz not null default now(),
      check (status = 'proposed' or (confirmed_at is not null and notice_until is not null))
    )`.execute(db);
  // One proposal being prepared per policy at a time: two proposals could not both claim an enterprise anyway.
  await sql`create unique index auto_grants_one_proposed on auto_grants (policy_id) where status = 'proposed'`.execute(db);
  await sql`create index auto_grants_notice on auto_grants (notice_until) where status = 'in_notice'`.execute(db);

  await sql`
    create table auto_grant_items (
      id integer generated always as identity primary key,
      auto_grant_id integer not null references auto_grants(id),
      policy_id integer not null references policies(id),
      enterprise_id integer not null references enterprises(id),
      amount_fen bigint not null check (amount_fen > 0),
      status text not null default 'included' check (status in ('included','removed')),
      removed_reason text check (char_length(removed_reason) <= 2000),
      removed_by integer references users(id),
      removed_at timestamptz,
      check ((status = 'removed') = (removed_reason is not null and removed_at is not null))
    )`.execute(db);
  // An enterprise is granted a policy once, across proposals, versions and re-runs. A removed item does not
  // hold the place (a later round may include the enterprise once the reason is gone).
  await sql`create unique index auto_grant_items_once on auto_grant_items (policy_id, enterprise_id)
    where status = 'included'`.execute(db);
  await sql`create index auto_grant_items_grant on auto_grant_items (auto_grant_id, id)`.execute(db);
  await sql`create index auto_grant_items_enterprise on auto_grant_items (enterprise_id)`.execute(db);

  await sql`
    create table disbursements (
      id integer generated always as identity primary key,
      policy_id integer not null references policies(id),
      enterprise_id integer not null references enterprises(id),
      application_id integer references applications(id),
      auto_grant_item_id integer references auto_grant_items(id),
      amount_fen bigint not null check (amount_fen > 0),
      status text not null default 'prepared' check (status in ('prepared','paid','cancelled')),
      prepared_by integer not null references users(id),
      prepared_at timestamptz not null default now(),
      approved_by integer references users(id),
      paid_at timestamptz,
      payment_ref text check (char_length(payment_ref) between 1 and 100),
      cancelled_by integer references users(id),
      cancelled_at timestamptz,
      cancel_reason text check (char_length(cancel_reason) <= 2000),
      -- exactly one thing is paid
      check (num_nonnulls(application_id, auto_grant_item_id) = 1),
      -- maker–checker: the approver is never the preparer
      check (approved_by <> prepared_by),
      check ((status = 'paid') = (approved_by is not null and paid_at is not null and payment_ref is not null)),
      check ((status = 'cancelled') = (cancelled_at is not null and cancel_reason is not null))
    )`.execute(db);
  // Paying twice is impossible by construction: at most one live (prepared or paid) disbursement per
  // application and per grant item. A cancelled one leaves room for a corrected one.
  await sql`create unique index disbursements_one_per_application on disbursements (application_id)
    where status <> 'cancelled'`.execute(db);
  await sql`create unique index disbursements_one_per_item on disbursements (auto_grant_item_id)
    where status <> 'cancelled'`.execute(db);
  await sql`create index disbursements_status on disbursements (status, id desc)`.execute(db);
  await sql`create index disbursements_policy on disbursements (policy_id, id desc)`.execute(db);

  // A disbursement moves prepared → paid or prepared → cancelled, once, and what it pays never changes:
  // whatever path a write takes (service, script, console), a paid record stays paid and is never deleted.
  await sql`
    create function disbursements_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'disbursement % cannot be deleted', old.id using errcode = '55000';
      end if;
      if old.status <> 'prepared' then
        raise exception 'disbursement % is %, it cannot change', old.id, old.status using errcode = '55000';
      end if;
      if new.amount_fen is distinct from old.amount_fen or new.policy_id is distinct from old.policy_id
        or new.enterprise_id is distinct from old.enterprise_id or new.application_id is distinct from old.application_id
        or new.auto_grant_item_id is distinct from old.auto_grant_item_id or new.prepared_by is distinct from old.prepared_by
        or new.prepared_at is distinct from old.prepared_at then
        raise exception 'disbursement %: what is paid, to whom and on whose preparation cannot change', old.id
          using errcode = '55000';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger disbursements_immutable before update or delete on disbursements
    for each row execute function disbursements_guard()`.execute(db);

  // The timeline is evidence: events are appended, never rewritten.
  await sql`
    create function application_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'application events are append-only' using errcode = '55000';
    end $$`.execute(db);
  await sql`create trigger application_events_append_only before update or delete on application_events
    for each row execute function application_events_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists disbursements`.execute(db);
  await sql`drop function if exists disbursements_guard()`.execute(db);
  await sql`drop table if exists auto_grant_items`.execute(db);
  await sql`drop table if exists auto_grants`.execute(db);
  await sql`drop table if exists application_files`.execute(db);
  await sql`drop table if exists application_events`.execute(db);
  await sql`drop function if exists application_events_append_only()`.execute(db);
  await sql`drop table if exists applications`.execute(db);
  await sql`drop table if exists working_calendar`.execute(db);
}
