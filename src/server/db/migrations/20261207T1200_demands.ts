import { sql, type Kysely } from 'kysely';

/**
 * Enterprise demands (诉求): the categories with their competent department and working-hour deadlines,
 * the service catalogue of the three teams, the demands with their life cycle, timeline and files, the
 * dispatcher's routing rules and the versioned router models. Frozen in time: never import app code here.
 *
 * Safety in the schema: a demand's state is one of a closed list (CHECK); a claim is a conditional UPDATE
 * on state = 'offered' (so two providers racing get one winner); a rating is given once (CHECK that a
 * rated demand has a 1–5 score, and the service writes it with `rating is null` in its WHERE); a hotline
 * work order is imported once (unique channel + external_ref); router model versions are unique.
 *
 * Categories name their department by organisation code (organisations are seed or admin data, created
 * after migrations), resolved at run time.
 */
const CATEGORIES: [code: string, zh: string, en: string, department: string, responseHours: number, resolutionHours: number][] = [
  ['financing', '融资', 'Financing', 'jrb', 4, 40],
  ['hiring', '用工招聘', 'Hiring and labour', 'rsj', 4, 40],
  ['land', '用地', 'Land use', 'fgw', 8, 80],
  ['permits', '审批许可', 'Permits and approvals', 'scjgj', 4, 40],
  ['utilities', '水电气', 'Water, power and gas', 'jxw', 2, 24],
  ['tax', '税务', 'Tax', 'sw', 4, 24],
  ['policy', '政策咨询', 'Policy consultation', 'jxw', 2, 16],
  ['disputes', '纠纷调解', 'Dispute mediation', 'gsl', 8, 80],
  ['ip', '知识产权', 'Intellectual property', 'scjgj', 4, 40],
  ['logistics', '物流', 'Logistics', 'sww', 4, 40],
  ['talent_housing', '人才住房', 'Talent housing', 'zjw', 8, 80],
  ['market', '市场开拓', 'Market expansion', 'sww', 8, 64],
  ['technology', '科技创新', 'Technology and innovation', 'kjj', 4, 40],
  ['environment', '环保', 'Environmental protection', 'sthjj', 4, 40],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demand_categories (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      name_zh text not null,
      name_en text not null,
      department_code text not null,
      response_hours integer not null check (response_hours > 0),
      resolution_hours integer not null check (resolution_hours >= response_hours),
      sort_order integer not null default 0,
      is_active boolean not null default true
    )`.execute(db);
  for (const [index, [code, zh, en, department, response, resolution]] of CATEGORIES.entries()) {
    await sql`insert into demand_categories (code, name_zh, name_en, department_code, response_hours, resolution_hours, sort_order)
      values (${code}, ${zh}, ${en}, ${department}, ${response}, ${resolution}, ${index + 1})`.execute(db);
  }

  // The service catalogue (服务超市) of the three teams; a provider edits its own items.
  await sql`
    create table services (
      id integer generated always as identity primary key,
      provider_org_id integer not null references organizations(id),
      team text not null check (team in ('non_market','quasi_market','market')),
      kind text not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
      category_code text not null references demand_categories(code),
      name text not null check (length(name) between 1 and 100),
      description text not null default '',
      price_fen bigint check (price_fen is null or price_fen >= 0),
      is_free boolean not null default false,
      rating_count integer not null default 0,
      rating_sum integer not null default 0,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (is_free = (price_fen is null))
    )`.execute(db);
  await sql`create index services_provider on services (provider_org_id)`.execute(db);
  await sql`create index services_category on services (category_code) where is_active`.execute(db);

  await sql`
    create table demands (
      id integer generated always as identity primary key,
      enterprise_id integer not null references enterprises(id),
      title text not null check (length(title) between 1 and 200),
      description text not null check (length(description) between 1 and 5000),
      declared_category_code text references demand_categories(code),
      category_code text references demand_categories(code),
      urgency text not null default 'normal' check (urgency in ('normal','urgent','critical')),
      contact_name text,
      contact_phone text,
      channel text not null check (channel in ('portal','cadre','hotline','api')),
      external_ref text,
      submitted_by integer references users(id),
      on_behalf_cadre_id integer references cadres(id),
      state text not null default 'submitted' check (state in
        ('submitted','triaged','offered','assigned','accepted','in_progress','waiting','resolved','rated','closed')),
      dispatch_mode text check (dispatch_mode in ('dispatch','pick','claim')),
      handler_org_id integer references organizations(id),
      handler_user_id integer references users(id),
      leader_cadre_id integer references cadres(id),
      service_id integer references services(id),
      offer_org_ids integer[],
      offered_at timestamptz,
      claim_expires_at timestamptz,
      assigned_at timestamptz,
      response_due_at timestamptz,
      accepted_at timestamptz,
      clock_started_at timestamptz,
      clock_budget_minutes integer,
      clock_pauses jsonb not null default '[]',
      resolution_due_at timestamptz,
      escalation_level smallint not null default 0 check (escalation_level between 0 and 3),
      resolved_at timestamptz,
      resolution text,
      resolution_mode text check (resolution_mode in ('online','offline')),
      rating smallint check (rating between 1 and 5),
      rating_comment text,
      rated_at timestamptz,
      rectification_due_at timestamptz,
      reopen_count integer not null default 0,
      transfer_count integer not null default 0,
      closed_at timestamptz,
      follow_up_due_on date,
      follow_up_outcome text check (follow_up_outcome in ('effective','partly_effective','not_effective')),
      follow_up_note text,
      follow_up_at timestamptz,
      suggestion jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (state <> 'rated' or rating is not null)
    )`.execute(db);
  await sql`create unique index demands_external_ref on demands (channel, external_ref) where external_ref is not null`.execute(db);
  await sql`create index demands_enterprise on demands (enterprise_id, created_at desc)`.execute(db);
  await sql`create index demands_state on demands (state, created_at desc)`.execute(db);
  await sql`create index demands_handler on demands (handler_org_id, state)`.execute(db);
  await sql`create index demands_resolution_due on demands (resolution_due_at) where state in ('assigned','accepted','in_progress')`.execute(db);
  await sql`create index demands_offer on demands using gin (offer_org_ids) where state = 'offered'`.execute(db);
  await sql`create index demands_follow_up on demands (follow_up_due_on) where state = 'closed' and follow_up_at is null`.execute(db);

  // The timeline: every step, visible to the enterprise unless internal (a warning to the handler).
  await sql`
    create table demand_events (
      id integer generated always as identity primary key,
      demand_id integer not null references demands(id) on delete cascade,
      at timestamptz not null default now(),
      actor_user_id integer references users(id),
      action text not null,
      from_state text,
      to_state text not null,
      reason text,
      details jsonb not null default '{}',
      is_internal boolean not null default false
    )`.execute(db);
  await sql`create index demand_events_demand on demand_events (demand_id, id)`.execute(db);

  await sql`
    create table demand_files (
      id integer generated always as identity primary key,
      demand_id integer not null references demands(id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_path text not null,
      uploaded_by integer not null references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index demand_files_demand on demand_files (demand_id)`.execute(db);

  // Rules first (DESIGN §9): a keyword that always means one category (and, optionally, one office).
  await sql`
    create table demand_routing_rules (
      id integer generated always as identity primary key,
      keyword text not null check (length(keyword) between 1 and 50),
      category_code text not null references demand_categories(code),
      handler_org_id integer references organizations(id),
      note text not null default '',
      is_active boolean not null default true,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // Router models, versioned: a new training inserts a new version; instances load the newest.
  await sql`
    create table router_models (
      id integer generated always as identity primary key,
      version integer not null unique,
      model text not null,
      labels text[] not null,
      examples integer not null,
      held_out_accuracy double precision,
      train_seconds double precision not null,
      trigger text not null check (trigger in ('startup','schedule','manual','seed')),
      trained_by integer references users(id),
      trained_at timestamptz not null default now()
    )`.execute(db);

  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check
    check (kind in ('indicators','enterprises','certifications','demands_12345'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_batches drop constraint if exists import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check check (kind in ('indicators','enterprises','certifications'))`.execute(db);
  for (const table of ['router_models', 'demand_routing_rules', 'demand_files', 'demand_events', 'demands', 'services', 'demand_categories']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
