import { sql, type Kysely } from 'kysely';

/**
 * Loans (数字普惠金融): the banks' products, versioned and approved by the finance office (金融办); loan
 * applications made under a consent (the lead a bank receives), their timeline, the loans disbursed, their
 * repayment schedules and the repayments and recoveries recorded against them.
 *
 * Money safety is in the schema: amounts are integer fen (bigint), rates basis points; a loan is disbursed
 * at most once per application (unique application_id); one open application per enterprise and product;
 * one published version per product; a version leaves the draft state only forwards and its terms freeze
 * once submitted (trigger). Ranges are CHECKed (min ≤ max, positive).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table loan_products (
      id integer generated always as identity primary key,
      bank_org_id integer not null references organizations(id),
      -- stable code other modules and the seed refer to ('DIANYIDAI' for the county's 垫易贷)
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index loan_products_bank on loan_products (bank_org_id)`.execute(db);

  await sql`
    create table loan_product_versions (
      id integer generated always as identity primary key,
      product_id integer not null references loan_products(id),
      version integer not null check (version >= 1),
      status text not null default 'draft' check (status in ('draft','in_review','published','rejected','superseded','withdrawn')),
      name text not null check (char_length(name) between 1 and 100),
      product_type text not null check (product_type in ('credit','collateral','guarantee','policy')),
      summary text not null default '' check (char_length(summary) <= 2000),
      amount_min_fen bigint not null check (amount_min_fen > 0),
      amount_max_fen bigint not null,
      rate_min_bp integer not null check (rate_min_bp > 0),
      rate_max_bp integer not null check (rate_max_bp <= 10000),
      term_min_months integer not null check (term_min_months >= 1),
      term_max_months integer not null check (term_max_months <= 360),
      repayment_methods text[] not null check (cardinality(repayment_methods) >= 1
        and repayment_methods <@ array['equal_instalment','interest_first','bullet']::text[]),
      data_categories text[] not null check (cardinality(data_categories) >= 1
        and data_categories <@ array['operations','tax','employment','innovation','energy','trade','compliance']::text[]),
      tags text[] not null default '{}',
      -- target customers in the rule language of policies (src/core/rules), validated at save
      target_rule jsonb not null,
      -- working days the bank has to answer a lead of this product
      response_days integer not null default 10 check (response_days between 1 and 60),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_by integer references users(id),
      submitted_at timestamptz,
      decided_by integer references users(id),
      decided_at timestamptz,
      reject_reason text check (char_length(reject_reason) <= 2000),
      published_at timestamptz,
      unique (product_id, version),
      check (amount_max_fen >= amount_min_fen),
      check (rate_max_bp >= rate_min_bp),
      check (term_max_months >= term_min_months),
      check (status <> 'rejected' or reject_reason is not null)
    )`.execute(db);
  await sql`create unique index loan_product_versions_one_published on loan_product_versions (product_id) where status = 'published'`.execute(db);
  await sql`create unique index loan_product_versions_one_open on loan_product_versions (product_id) where status in ('draft','in_review')`.execute(db);
  await sql`create index loan_product_versions_status on loan_product_versions (status)`.execute(db);
  // The terms a bank submitted are the terms the finance office approved: frozen once out of draft.
  await sql`
    create or replace function loan_product_versions_guard() returns trigger language plpgsql as $$
    begin
      if old.status <> 'draft' and (new.name is distinct from old.name or new.product_type is distinct from old.product_type
        or new.amount_min_fen is distinct from old.amount_min_fen or new.amount_max_fen is distinct from old.amount_max_fen
        or new.rate_min_bp is distinct from old.rate_min_bp or new.rate_max_bp is distinct from old.rate_max_bp
        or new.term_min_months is distinct from old.term_min_months or new.term_max_months is distinct from old.term_max_months
        or new.repayment_methods is distinct from old.repayment_methods or new.data_categories is distinct from old.data_categories
        or new.target_rule is distinct from old.target_rule or new.tags is distinct from old.tags) then
        raise exception 'loan product version % is %, its terms cannot change', old.id, old.status using errcode = '55000';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger loan_product_versions_frozen before update on loan_product_versions
    for each row execute function loan_product_versions_guard()`.execute(db);

  await sql`
    create table loan_applications (
      id integer generated always as identity primary key,
      product_id integer not null references loan_products(id),
      product_version_id integer not null references loan_product_versions(id),
      enterprise_id integer not null references enterprises(id),
      bank_org_id integer not null references organizations(id),
      -- the consent granted with the application (null only for historical seeded records)
      consent_id integer references consents(id),
      status text not null check (status in ('submitted','in_review','approved','refused','contracted','disbursed','withdrawn')),
      amount_fen bigint not null check (amount_fen > 0),
      term_months integer not null check (term_months >= 1),
      repayment_method text not null check (repayment_method in ('equal_instalment','interest_first','bullet')),
      purpose text not null check (char_length(purpose) between 1 and 500),
      -- the response deadline of the bank (end of a working day, Asia/Shanghai) and the job's marks
      due_at timestamptz not null,
      warned_at timestamptz,
      escalated_at timestamptz,
      decided_at timestamptz,
      decided_by integer references users(id),
      approved_amount_fen bigint check (approved_amount_fen > 0),
      approved_rate_bp integer check (approved_rate_bp > 0),
      approved_term_months integer check (approved_term_months >= 1),
      refusal_code text,
      refusal_text text check (char_length(refusal_text) <= 2000),
      contract_no text check (char_length(contract_no) <= 64),
      contracted_on date,
      submitted_by integer references users(id),
      submitted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status not in ('approved','contracted','disbursed') or (approved_amount_fen is not null and approved_rate_bp is not null and approved_term_months is not null)),
      check (status <> 'refused' or refusal_code is not null),
      check (status not in ('contracted','disbursed') or contract_no is not null)
    )`.execute(db);
  await sql`create unique index loan_applications_one_open on loan_applications (enterprise_id, product_id)
    where status in ('submitted','in_review','approved','contracted')`.execute(db);
  await sql`create index loan_applications_bank on loan_applications (bank_org_id, status, id desc)`.execute(db);
  await sql`create index loan_applications_enterprise on loan_applications (enterprise_id, id desc)`.execute(db);
  await sql`create index loan_applications_due on loan_applications (due_at) where status in ('submitted','in_review')`.execute(db);

  await sql`
    create table loans (
      id integer generated always as identity primary key,
      -- disbursed once: a second disbursement of an application is refused by the database too
      application_id integer not null unique references loan_applications(id),
      product_id integer not null references loan_products(id),
      enterprise_id integer not null references enterprises(id),
      bank_org_id integer not null references organizations(id),
      principal_fen bigint not null check (principal_fen > 0),
      rate_bp integer not null check (rate_bp > 0),
      term_months integer not null check (term_months >= 1),
      repayment_method text not null check (repayment_method in ('equal_instalment','interest_first','bullet')),
      disbursed_on date not null,
      maturity_on date not null,
      status text not null default 'active' check (status in ('active','overdue','repaid','defaulted','closed')),
      outstanding_principal_fen bigint not null check (outstanding_principal_fen >= 0),
      repaid_principal_fen bigint not null default 0 check (repaid_principal_fen >= 0),
      repaid_interest_fen bigint not null default 0 check (repaid_interest_fen >= 0),
      -- the borrower had no earlier loan on the platform (首贷)
      is_first_loan boolean not null,
      overdue_since date,
      worst_days_past_due integer not null default 0 check (worst_days_past_due >= 0),
      defaulted_on date,
      default_amount_fen bigint check (default_amount_fen >= 0),
      recovered_fen bigint not null default 0 check (recovered_fen >= 0),
      closed_on date,
      reference text check (char_length(reference) <= 64),
      disbursed_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (repaid_principal_fen + outstanding_principal_fen = principal_fen),
      check (status <> 'defaulted' or defaulted_on is not null),
      check (default_amount_fen is null or recovered_fen <= default_amount_fen)
    )`.execute(db);
  await sql`create index loans_bank on loans (bank_org_id, status, id desc)`.execute(db);
  await sql`create index loans_enterprise on loans (enterprise_id, disbursed_on)`.execute(db);
  await sql`create index loans_product on loans (product_id, disbursed_on)`.execute(db);
  await sql`create index loans_disbursed on loans (disbursed_on)`.execute(db);

  await sql`
    create table loan_installments (
      loan_id integer not null references loans(id),
      seq integer not null check (seq >= 1),
      due_on date not null,
      principal_fen bigint not null check (principal_fen >= 0),
      interest_fen bigint not null check (interest_fen >= 0),
      paid_principal_fen bigint not null default 0 check (paid_principal_fen >= 0),
      paid_interest_fen bigint not null default 0 check (paid_interest_fen >= 0),
      settled_on date,
      primary key (loan_id, seq),
      check (paid_principal_fen <= principal_fen and paid_interest_fen <= interest_fen)
    )`.execute(db);
  await sql`create index loan_installments_open on loan_installments (due_on) where settled_on is null`.execute(db);

  await sql`
    create table loan_repayments (
      id integer generated always as identity primary key,
      loan_id integer not null references loans(id),
      kind text not null check (kind in ('repayment','recovery')),
      paid_on date not null,
      amount_fen bigint not null check (amount_fen > 0),
      principal_fen bigint not null check (principal_fen >= 0),
      interest_fen bigint not null check (interest_fen >= 0),
      note text check (char_length(note) <= 500),
      recorded_by integer references users(id),
      created_at timestamptz not null default now(),
      check (principal_fen + interest_fen = amount_fen or kind = 'recovery')
    )`.execute(db);
  await sql`create index loan_repayments_loan on loan_repayments (loan_id, id)`.execute(db);

  await sql`
    create table loan_events (
      id bigint generated always as identity primary key,
      application_id integer not null references loan_applications(id),
      loan_id integer references loans(id),
      at timestamptz not null default now(),
      -- null: the platform (a job)
      actor_user_id integer references users(id),
      action text not null check (char_length(action) <= 64),
      from_status text,
      to_status text,
      note text check (char_length(note) <= 2000),
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index loan_events_application on loan_events (application_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table loan_events`.execute(db);
  await sql`drop table loan_repayments`.execute(db);
  await sql`drop table loan_installments`.execute(db);
  await sql`drop table loans`.execute(db);
  await sql`drop table loan_applications`.execute(db);
  await sql`drop trigger loan_product_versions_frozen on loan_product_versions`.execute(db);
  await sql`drop function loan_product_versions_guard()`.execute(db);
  await sql`drop table loan_product_versions`.execute(db);
  await sql`drop table loan_products`.execute(db);
}
