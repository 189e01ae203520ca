import { sql, type Kysely } from 'kysely';

/**
 * Risk-compensation pools (风险补偿资金池) and policy-loan programmes (抗疫贷-style whitelists).
 *
 * Money safety is in the schema:
 *   - ledger_entries is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, like audit_log); every
 *     balance is derived from the entries; an entry moves a positive amount between two different accounts
 *     of the same pool (the composite foreign keys hold the accounts to the entry's pool);
 *   - shares are basis points summing to 10000; leverage 1..100;
 *   - a loan is registered under at most one pool (unique loan_id);
 *   - one live claim per default: a partial unique index on the registration (a rejected claim leaves room
 *     for a corrected one); a claim is at most the loss (CHECK);
 *   - one whitelist row per programme and enterprise.
 * Capacity (leverage × contributed capital ≥ covered outstanding) is kept by the service under a row lock
 * on the pool: every registration and every contribution of a pool queue up on that row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_pools (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
      name text not null check (char_length(name) between 1 and 100),
      description text not null default '' check (char_length(description) <= 2000),
      -- the finance office (a department) that runs the pool: its staff approve claims and pay them
      department_org_id integer not null references organizations(id),
      -- the policy document the payouts are made under (payments pay "for a policy")
      policy_id integer not null references policies(id),
      leverage integer not null check (leverage between 1 and 100),
      bank_share_bp integer not null check (bank_share_bp between 0 and 10000),
      government_share_bp integer not null check (government_share_bp between 0 and 10000),
      status text not null default 'active' check (status in ('active','closed')),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      check (bank_share_bp + government_share_bp = 10000)
    )`.execute(db);

  await sql`
    create table risk_pool_banks (
      pool_id integer not null references risk_pools(id),
      bank_org_id integer not null references organizations(id),
      primary key (pool_id, bank_org_id)
    )`.execute(db);
  await sql`
    create table risk_pool_products (
      pool_id integer not null references risk_pools(id),
      product_id integer not null references loan_products(id),
      primary key (pool_id, product_id)
    )`.execute(db);

  await sql`
    create table ledger_accounts (
      id integer generated always as identity primary key,
      pool_id integer not null references risk_pools(id),
      -- 'cash', 'capital:county', 'capital:national', 'claims_paid', 'recoveries' (src/core/ledger/pool.ts)
      code text not null check (code ~ '^[a-z][a-z_]*(:[a-z_]+)?$'),
      unique (pool_id, code),
      unique (pool_id, id)
    )`.execute(db);

  await sql`
    create table ledger_entries (
      id integer generated always as identity primary key,
      pool_id integer not null references risk_pools(id),
      debit_account_id integer not null,
      credit_account_id integer not null,
      amount_fen bigint not null check (amount_fen > 0),
      kind text not null check (kind in ('contribution','payout','recovery')),
      -- what the entry records: a contribution, a claim, a recovery
      ref_type text not null check (ref_type in ('contribution','claim','recovery')),
      ref_id integer not null,
      memo text not null default '' check (char_length(memo) <= 500),
      posted_by integer references users(id),
      posted_at timestamptz not null default now(),
      check (debit_account_id <> credit_account_id),
      foreign key (pool_id, debit_account_id) references ledger_accounts(pool_id, id),
      foreign key (pool_id, credit_account_id) references ledger_accounts(pool_id, id)
    )`.execute(db);
  await sql`create index ledger_entries_pool on ledger_entries (pool_id, id)`.execute(db);
  await sql`
    create function ledger_entries_reject_change() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger_entries is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger ledger_entries_no_update_delete before update or delete on ledger_entries
    for each row execute function ledger_entries_reject_change()`.execute(db);
  await sql`create trigger ledger_entries_no_truncate before truncate on ledger_entries
    for each statement execute function ledger_entries_reject_change()`.execute(db);

  await sql`
    create table risk_pool_contributions (
      id integer generated always as identity primary key,
      pool_id integer not null references risk_pools(id),
      source text not null check (source in ('county','city','province','national','bank','other')),
      amount_fen bigint not null check (amount_fen > 0),
      contributed_on date not null,
      reference text not null default '' check (char_length(reference) <= 100),
      note text not null default '' check (char_length(note) <= 500),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_pool_contributions_pool on risk_pool_contributions (pool_id, id)`.execute(db);

  await sql`
    create table risk_pool_registrations (
      id integer generated always as identity primary key,
      pool_id integer not null references risk_pools(id),
      loan_id integer not null unique references loans(id),
      bank_org_id integer not null references organizations(id),
      enterprise_id integer not null references enterprises(id),
      covered_fen bigint not null check (covered_fen > 0),
      -- active: counts against capacity; released: the loan was repaid; claimed: its claim was paid
      status text not null default 'active' check (status in ('active','released','claimed')),
      registered_by integer references users(id),
      registered_at timestamptz not null default now(),
      released_at timestamptz
    )`.execute(db);
  await sql`create index risk_pool_registrations_pool on risk_pool_registrations (pool_id, status)`.execute(db);
  await sql`create index risk_pool_registrations_bank on risk_pool_registrations (bank_org_id, id desc)`.execute(db);

  await sql`
    create table risk_pool_claims (
      id integer generated always as identity primary key,
      pool_id integer not null references risk_pools(id),
      registration_id integer not null references risk_pool_registrations(id),
      loan_id integer not null references loans(id),
      bank_org_id integer not null references organizations(id),
      enterprise_id integer not null references enterprises(id),
      loss_fen bigint not null check (loss_fen > 0),
      claimed_fen bigint not null check (claimed_fen > 0),
      bank_share_fen bigint not null check (bank_share_fen >= 0),
      government_share_fen bigint not null check (government_share_fen >= 0),
      status text not null default 'filed' check (status in ('filed','approved','paid','rejected')),
      note text not null default '' check (char_length(note) <= 2000),
      filed_by integer references users(id),
      filed_at timestamptz not null default now(),
      decided_by integer references users(id),
      decided_at timestamptz,
      reject_reason text check (char_length(reject_reason) <= 2000),
      paid_at timestamptz,
      recovered_fen bigint not null default 0 check (recovered_fen >= 0),
      government_recovered_fen bigint not null default 0 check (government_recovered_fen >= 0),
      check (claimed_fen <= loss_fen),
      check (bank_share_fen + government_share_fen = claimed_fen),
      check (recovered_fen <= claimed_fen),
      check (status <> 'rejected' or reject_reason is not null)
    )`.execute(db);
  // One claim per default: a live (not rejected) claim per registration.
  await sql`create unique index risk_pool_claims_one_per_default on risk_pool_claims (registration_id) where status <> 'rejected'`.execute(db);
  await sql`create index risk_pool_claims_pool on risk_pool_claims (pool_id, status, id desc)`.execute(db);
  await sql`create index risk_pool_claims_bank on risk_pool_claims (bank_org_id, id desc)`.execute(db);

  await sql`
    create table risk_pool_recoveries (
      id integer generated always as identity primary key,
      claim_id integer not null references risk_pool_claims(id),
      amount_fen bigint not null check (amount_fen > 0),
      bank_share_fen bigint not null check (bank_share_fen >= 0),
      government_share_fen bigint not null check (government_share_fen >= 0),
      recovered_on date not null,
      note text not null default '' check (char_length(note) <= 500),
      -- a recovery recorded on the loan (loans' loan.recovered event) is shared back once
      loan_repayment_id integer unique references loan_repayments(id),
      recorded_by integer references users(id),
      created_at timestamptz not null default now(),
      check (bank_share_fen + government_share_fen = amount_fen)
    )`.execute(db);
  await sql`create index risk_pool_recoveries_claim on risk_pool_recoveries (claim_id, id)`.execute(db);

  await sql`
    create table loan_programs (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
      name text not null check (char_length(name) between 1 and 100),
      description text not null default '' check (char_length(description) <= 4000),
      department_org_id integer not null references organizations(id),
      -- eligibility in the rule language of policies (src/core/rules), validated at save
      rule jsonb not null,
      quota_fen bigint not null check (quota_fen > 0),
      pool_id integer references risk_pools(id),
      status text not null default 'draft' check (status in ('draft','generating','review','pushed','closed')),
      generated_at timestamptz,
      -- progress of the whitelist generation job (enterprises evaluated of the county's)
      generation_done integer not null default 0 check (generation_done >= 0),
      generation_total integer not null default 0 check (generation_total >= 0),
      generation_error text,
      pushed_at timestamptz,
      pushed_by integer references users(id),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table loan_program_banks (
      program_id integer not null references loan_programs(id),
      bank_org_id integer not null references organizations(id),
      primary key (program_id, bank_org_id)
    )`.execute(db);
  await sql`
    create table loan_program_products (
      program_id integer not null references loan_programs(id),
      product_id integer not null references loan_products(id),
      primary key (program_id, product_id)
    )`.execute(db);
  await sql`
    create table loan_program_whitelist (
      id integer generated always as identity primary key,
      program_id integer not null references loan_programs(id),
      enterprise_id integer not null references enterprises(id),
      status text not null default 'listed' check (status in ('listed','removed','pushed')),
      generated_at timestamptz not null default now(),
      removed_reason text check (char_length(removed_reason) between 1 and 500),
      removed_by integer references users(id),
      removed_at timestamptz,
      pushed_at timestamptz,
      unique (program_id, enterprise_id),
      check (status <> 'removed' or removed_reason is not null)
    )`.execute(db);
  await sql`create index loan_program_whitelist_enterprise on loan_program_whitelist (enterprise_id)`.execute(db);
  await sql`create index loan_program_whitelist_program on loan_program_whitelist (program_id, status, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['loan_program_whitelist', 'loan_program_products', 'loan_program_banks', 'loan_programs', 'risk_pool_recoveries', 'risk_pool_claims', 'risk_pool_registrations', 'risk_pool_contributions']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
  await sql`drop trigger ledger_entries_no_truncate on ledger_entries`.execute(db);
  await sql`drop table ledger_entries`.execute(db);
  await sql`drop function ledger_entries_reject_change()`.execute(db);
  for (const table of ['ledger_accounts', 'risk_pool_products', 'risk_pool_banks', 'risk_pools']) await sql`drop table ${sql.table(table)}`.execute(db);
}
