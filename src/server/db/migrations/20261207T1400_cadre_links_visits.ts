import { sql, type Kysely } from 'kysely';

/**
 * 千人联千企: cadres linked to enterprises, their visits (走访) and quarterly visit plans.
 *
 *   - cadres get a phone (shown masked in lists);
 *   - cadre_links keeps history: a link is closed (unlinked_on) rather than deleted, and a partial unique
 *     index holds one current cadre per enterprise — reassignment closes the old row and opens a new one;
 *   - visits are immutable records of what a cadre saw; each problem collected on a visit becomes a demand
 *     filed on the enterprise's behalf (visit_demands ties them together);
 *   - visit_plans: which linked firms a cadre plans to visit in which quarter ('2026-Q4').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cadres add column phone text check (phone is null or phone ~ '^1[3-9][0-9]{9}$')`.execute(db);

  await sql`
    create table cadre_links (
      id integer generated always as identity primary key,
      cadre_id integer not null references cadres(id),
      enterprise_id integer not null references enterprises(id),
      linked_on date not null,
      unlinked_on date,
      reason text not null default '' check (char_length(reason) <= 200),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      check (unlinked_on is null or unlinked_on >= linked_on)
    )`.execute(db);
  await sql`create unique index cadre_links_current on cadre_links (enterprise_id) where unlinked_on is null`.execute(db);
  await sql`create index cadre_links_cadre on cadre_links (cadre_id) where unlinked_on is null`.execute(db);
  await sql`create index cadre_links_enterprise on cadre_links (enterprise_id, linked_on)`.execute(db);

  await sql`
    create table visits (
      id integer generated always as identity primary key,
      cadre_id integer not null references cadres(id),
      enterprise_id integer not null references enterprises(id),
      visited_on date not null,
      people_met text not null check (char_length(people_met) between 1 and 200),
      findings text not null check (char_length(findings) between 1 and 4000),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index visits_cadre on visits (cadre_id, visited_on)`.execute(db);
  await sql`create index visits_enterprise on visits (enterprise_id, visited_on)`.execute(db);
  await sql`create index visits_visited_on on visits (visited_on)`.execute(db);

  await sql`
    create table visit_photos (
      id integer generated always as identity primary key,
      visit_id integer not null references visits(id) on delete cascade,
      file_name text not null,
      content_type text not null check (content_type in ('image/jpeg','image/png','image/webp')),
      size_bytes bigint not null,
      sha256 text not null,
      storage_path text not null,
      uploaded_by integer not null references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index visit_photos_visit on visit_photos (visit_id)`.execute(db);

  await sql`
    create table visit_demands (
      visit_id integer not null references visits(id),
      demand_id integer not null unique references demands(id),
      primary key (visit_id, demand_id)
    )`.execute(db);

  await sql`
    create table visit_plans (
      id integer generated always as identity primary key,
      cadre_id integer not null references cadres(id),
      enterprise_id integer not null references enterprises(id),
      quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      planned_on date,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (cadre_id, enterprise_id, quarter)
    )`.execute(db);
  await sql`create index visit_plans_quarter on visit_plans (quarter, cadre_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['visit_plans', 'visit_demands', 'visit_photos', 'visits', 'cadre_links']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql`alter table cadres drop column if exists phone`.execute(db);
}
