import { sql, type Kysely } from 'kysely';

/**
 * Credit assessment (数字普惠金融): the model registry and every assessment made.
 *
 * credit_models: expert scorecards (set by the finance office) and trained ones (from the historical loans),
 * each a numbered version; at most one is active (partial unique index), so two activations race to one
 * winner. A trained model is created as a draft with its training state and progress and gets its
 * definition and report when the training job finishes. The report holds AUC, KS, Gini, the IV of each
 * feature and the PSI between the training population and the current county.
 *
 * credit_assessments: append-only; each names its model and version and keeps the inputs it was computed
 * from, so any score can be explained later even after the model is retired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table credit_models (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('expert','trained')),
      version integer not null unique check (version >= 1),
      name text not null check (char_length(name) between 1 and 100),
      status text not null default 'draft' check (status in ('draft','active','retired')),
      training_state text check (training_state in ('queued','running','done','failed')),
      progress_bp integer not null default 0 check (progress_bp between 0 and 10000),
      training_error text,
      definition jsonb,
      report jsonb,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      activated_at timestamptz,
      activated_by integer references users(id),
      check (kind = 'trained' or definition is not null),
      check (status <> 'active' or definition is not null)
    )`.execute(db);
  await sql`create unique index credit_models_one_active on credit_models ((true)) where status = 'active'`.execute(db);

  await sql`
    create table credit_assessments (
      id bigint generated always as identity primary key,
      enterprise_id integer not null references enterprises(id),
      model_id integer not null references credit_models(id),
      model_version integer not null,
      purpose text not null check (purpose in ('self','lead')),
      application_id integer,
      requested_by integer references users(id),
      inputs jsonb not null,
      score integer not null check (score between 0 and 1000),
      grade text not null,
      dimensions jsonb not null,
      reasons jsonb not null,
      suggested_limit_fen bigint not null check (suggested_limit_fen >= 0),
      created_at timestamptz not null default now(),
      check (purpose = 'self' or application_id is not null)
    )`.execute(db);
  await sql`create index credit_assessments_enterprise on credit_assessments (enterprise_id, created_at desc)`.execute(db);
  await sql`create index credit_assessments_application on credit_assessments (application_id) where application_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table credit_assessments`.execute(db);
  await sql`drop table credit_models`.execute(db);
}
