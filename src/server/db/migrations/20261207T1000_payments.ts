import { sql, type Kysely } from 'kysely';

/**
 * Payments (兑付) become one module that pays any "payable target" another module registers: application
 * awards and 免申即享 items today, risk-pool claim payouts and service vouchers next. The `disbursements`
 * table stays (the API and the reports speak of disbursements); what it pays is now named generically by
 * `(target_kind, target_id)`, and the one-live-payment rule holds per target for every kind by one partial
 * unique index. Maker ≠ checker (CHECK) and the frozen paid / cancelled rows (trigger) are unchanged.
 *
 * `application_id` and `auto_grant_item_id` become columns generated from the target, so the two kinds that
 * have them keep their foreign keys (a payment of an application that does not exist is still refused by
 * the database) while no code writes them any more. A later kind adds its own generated column the same way.
 *
 * Notice jobs: auto grants get a job kind of their own ('auto-grants.notices'); their pending runs, queued
 * under the applications' kind, move over so none is lost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table disbursements add column target_kind text, add column target_id integer`.execute(db);
  // The backfill writes paid and cancelled rows, which the guard freezes; it is off for this statement only.
  await sql`alter table disbursements disable trigger disbursements_immutable`.execute(db);
  await sql`
    update disbursements set
      target_kind = case when application_id is not null then 'application' else 'auto_grant_item' end,
      target_id = coalesce(application_id, auto_grant_item_id)`.execute(db);
  await sql`alter table disbursements enable trigger disbursements_immutable`.execute(db);
  await sql`
    alter table disbursements
      alter column target_kind set not null,
      alter column target_id set not null,
      add constraint disbursements_target_kind check (target_kind ~ '^[a-z][a-z_]{0,39}$')`.execute(db);
  // Paying twice is impossible by construction, for every kind: one live (prepared or paid) payment per
  // target. A cancelled one leaves room for a corrected one.
  await sql`create unique index disbursements_one_per_target on disbursements (target_kind, target_id)
    where status <> 'cancelled'`.execute(db);

  // Dropping the old columns drops their partial unique indexes, foreign keys and the "exactly one of
  // them" CHECK with them; the generated columns bring the foreign keys back.
  await sql`alter table disbursements drop column application_id, drop column auto_grant_item_id`.execute(db);
  await sql`
    alter table disbursements
      add column application_id integer generated always as (case when target_kind = 'application' then target_id end) stored
        references applications(id),
      add column auto_grant_item_id integer generated always as (case when target_kind = 'auto_grant_item' then target_id end) stored
        references auto_grant_items(id)`.execute(db);
  // Other modules look up the payments of their rows by target.
  await sql`create index disbursements_target on disbursements (target_kind, target_id)`.execute(db);

  await sql`
    create or replace function disbursements_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'disbursement % cannot be deleted', old.id using errcode = '55000';
      end if;
      if old.status <> 'prepared' then
        raise exception 'disbursement % is %, it cannot change', old.id, old.status using errcode = '55000';
      end if;
      if new.amount_fen is distinct from old.amount_fen or new.policy_id is distinct from old.policy_id
        or new.enterprise_id is distinct from old.enterprise_id or new.target_kind is distinct from old.target_kind
        or new.target_id is distinct from old.target_id or new.prepared_by is distinct from old.prepared_by
        or new.prepared_at is distinct from old.prepared_at then
        raise exception 'disbursement %: what is paid, to whom and on whose preparation cannot change', old.id
          using errcode = '55000';
      end if;
      return new;
    end $$`.execute(db);

  await sql`
    update jobs set kind = 'auto-grants.notices'
    where kind = 'applications.notices' and status in ('queued', 'running') and dedupe_key like 'applications.notices:auto_grant:%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update jobs set kind = 'applications.notices'
    where kind = 'auto-grants.notices' and status in ('queued', 'running')`.execute(db);
  await sql`alter table disbursements drop column application_id, drop column auto_grant_item_id`.execute(db);
  await sql`
    alter table disbursements
      add column application_id integer references applications(id),
      add column auto_grant_item_id integer references auto_grant_items(id)`.execute(db);
  await sql`alter table disbursements disable trigger disbursements_immutable`.execute(db);
  await sql`
    update disbursements set
      application_id = case when target_kind = 'application' then target_id end,
      auto_grant_item_id = case when target_kind = 'auto_grant_item' then target_id end`.execute(db);
  await sql`alter table disbursements enable trigger disbursements_immutable`.execute(db);
  // Fails, as it should, while payments of other kinds exist: the old table cannot hold them.
  await sql`alter table disbursements add check (num_nonnulls(application_id, auto_grant_item_id) = 1)`.execute(db);
  await sql`create unique index disbursements_one_per_application on disbursements (application_id)
    where status <> 'cancelled'`.execute(db);
  await sql`create unique index disbursements_one_per_item on disbursements (auto_grant_item_id)
    where status <> 'cancelled'`.execute(db);
  await sql`
    create or replace function disbursements_guard() returns trigger language plpgsql as $$
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
  await sql`drop index disbursements_target`.execute(db);
  await sql`drop index disbursements_one_per_target`.execute(db);
  await sql`alter table disbursements drop column target_kind, drop column target_id`.execute(db);
}
