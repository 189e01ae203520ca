import { sql, type Kysely } from 'kysely';

/**
 * The cockpit's pre-aggregates (docs/cockpit.md, "Rollups"): kept exactly current by statement-level
 * triggers on the source tables, in the transaction of every write (whatever the code path: services,
 * imports, seeds), and filled here from the rows already there.
 *
 *   cockpit_enterprise_stock   count of enterprises by (town, 门类, size class, status, 四上)
 *   cockpit_enterprise_months  registrations (registered_on) and closures (closed_on) by (county month, town, 门类)
 *   cockpit_demand_months      demands by (county month, town, 门类, category): filed/open/responded/response times
 *                              in the month of created_at, resolved/on time/resolution times in the month of
 *                              resolved_at, ratings in the month of rated_at
 *   cockpit_visit_months       visits by (month of visited_on, town, 门类)
 *   cockpit_coverage_spans     per enterprise, the spans of days it was linked and the days a cadre linked to
 *                              it then visited it, each with the end of the previous span
 *   cockpit_coverage_months    those spans counted by (month of start, of previous end, of end, town, 门类)
 *
 * A trigger subtracts the old rows' contributions and adds the new ones (transition tables), grouped by key,
 * in one upsert per rollup. The town and 门类 are those of the enterprise now: when a firm moves town or
 * changes 门类, the enterprises trigger moves its demands' and visits' contributions to the new key. Demand
 * and visit triggers read their firms FOR SHARE, so a concurrent move of the firm waits for them (or they for it).
 */

const month = (column: string) => `(date_trunc('month', ${column}))::date`;
const shanghaiMonth = (column: string) => month(`${column} at time zone 'Asia/Shanghai'`);

const DEMAND_COLUMNS = [
  'created_at', 'assigned_at', 'accepted_at', 'resolved_at', 'resolution_due_at', 'rated_at', 'rating', 'category_code',
  'response_working_minutes', 'resolution_working_minutes', 'enterprise_id',
];
const DEMAND_FIGURES = [
  'filed', 'open', 'responded', 'response_seconds', 'response_working_minutes', 'response_working_count',
  'resolved', 'on_time', 'with_due', 'resolution_seconds', 'resolution_working_minutes', 'resolution_working_count',
  'rated', 'rating_sum', 'satisfied',
];

/** Upsert of the demand contributions of `rows` (a query with the demand columns, town_code, industry_section, sign). */
function demandDelta(rows: string): string {
  const zero = (n: number) => Array(n).fill('0').join(', ');
  return `
    with r as (${rows})
    insert into cockpit_demand_months as t (month, town_code, industry_section, category_code, ${DEMAND_FIGURES.join(', ')})
    select month, town_code, industry_section, category_code, ${DEMAND_FIGURES.map((f) => `sum(${f})`).join(', ')}
    from (
      select ${shanghaiMonth('r.created_at')} as month, r.town_code, r.industry_section, r.category_code,
        r.sign as filed, r.sign * (r.resolved_at is null)::int as open, r.sign * (r.accepted_at is not null)::int as responded,
        r.sign * coalesce(extract(epoch from (r.accepted_at - coalesce(r.assigned_at, r.created_at))), 0) as response_seconds,
        r.sign * coalesce(r.response_working_minutes, 0)::bigint as response_working_minutes,
        r.sign * (r.accepted_at is not null and r.response_working_minutes is not null)::int as response_working_count,
        ${DEMAND_FIGURES.slice(6).map((f) => `0 as ${f}`).join(', ')}
      from r
      union all
      select ${shanghaiMonth('r.resolved_at')}, r.town_code, r.industry_section, r.category_code, ${zero(6)},
        r.sign, r.sign * coalesce(r.resolved_at <= r.resolution_due_at, false)::int, r.sign * (r.resolution_due_at is not null)::int,
        r.sign * extract(epoch from (r.resolved_at - r.created_at)),
        r.sign * coalesce(r.resolution_working_minutes, 0)::bigint, r.sign * (r.resolution_working_minutes is not null)::int,
        ${zero(3)}
      from r where r.resolved_at is not null
      union all
      select ${shanghaiMonth('r.rated_at')}, r.town_code, r.industry_section, r.category_code, ${zero(6)}, ${zero(6)},
        r.sign, r.sign * r.rating, r.sign * (r.rating >= 4)::int
      from r where r.rated_at is not null and r.rating is not null
    ) c
    group by 1, 2, 3, 4
    on conflict (month, town_code, industry_section, category_code) do update set
      ${DEMAND_FIGURES.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ')}`;
}

/** Upsert of the visit counts of `rows` (visited_on, town_code, industry_section, sign). */
function visitDelta(rows: string): string {
  return `
    with r as (${rows})
    insert into cockpit_visit_months as t (month, town_code, industry_section, visits)
    select ${month('r.visited_on')}, r.town_code, r.industry_section, sum(r.sign) from r group by 1, 2, 3
    on conflict (month, town_code, industry_section) do update set visits = t.visits + excluded.visits`;
}

/** Recomputes the coverage spans of the enterprises of `ids` (a query of enterprise ids) from their links and visits. */
const coverageRefresh = (ids: string) => `perform cockpit_coverage_refresh(array(${ids}))`;

const firmsOf = (source: string) => `(select id, town_code, industry_section from enterprises where id in (select enterprise_id from ${source} x) for share)`;
const demandRows = (source: string, sign: number) =>
  `select ${DEMAND_COLUMNS.map((c) => `s.${c}`).join(', ')}, e.town_code, e.industry_section, ${sign} as sign from ${source} s left join ${firmsOf(source)} e on e.id = s.enterprise_id`;
const changedDemands = (side: 'o' | 'n') =>
  `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where (${DEMAND_COLUMNS.map((c) => `o.${c}`).join(', ')}) is distinct from (${DEMAND_COLUMNS.map((c) => `n.${c}`).join(', ')}))`;
const visitRows = (source: string, sign: number) => `select s.visited_on, e.town_code, e.industry_section, ${sign} as sign from ${source} s left join ${firmsOf(source)} e on e.id = s.enterprise_id`;
const changedVisits = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where (o.visited_on, o.enterprise_id) is distinct from (n.visited_on, n.enterprise_id))`;

const STOCK_KEY = ['town_code', 'industry_section', 'size_class', 'status', 'is_above_scale'];
const ENTERPRISE_COLUMNS = [...STOCK_KEY, 'registered_on', 'closed_on'];
const changedFirms = (side: 'o' | 'n') =>
  `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where (${ENTERPRISE_COLUMNS.map((c) => `o.${c}`).join(', ')}) is distinct from (${ENTERPRISE_COLUMNS.map((c) => `n.${c}`).join(', ')}))`;
function enterpriseDelta(rows: string): string {
  return `
    with r as (${rows}), stock as (
      insert into cockpit_enterprise_stock as t (${STOCK_KEY.join(', ')}, n)
      select ${STOCK_KEY.join(', ')}, sum(sign) from r group by ${STOCK_KEY.join(', ')}
      on conflict (${STOCK_KEY.join(', ')}) do update set n = t.n + excluded.n
    )
    insert into cockpit_enterprise_months as t (month, town_code, industry_section, registered, closed)
    select month, town_code, industry_section, sum(registered), sum(closed) from (
      select ${month('r.registered_on')} as month, r.town_code, r.industry_section, r.sign as registered, 0 as closed from r where r.registered_on is not null
      union all
      select ${month('r.closed_on')}, r.town_code, r.industry_section, 0, r.sign from r where r.closed_on is not null
    ) c group by 1, 2, 3
    on conflict (month, town_code, industry_section) do update set registered = t.registered + excluded.registered, closed = t.closed + excluded.closed`;
}
/** A firm that moved town or 门类: its demands and visits count under the new key. */
const MOVED = `(select o.id, o.town_code as old_town, o.industry_section as old_section, n.town_code, n.industry_section
  from old_rows o join new_rows n on n.id = o.id where (o.town_code, o.industry_section) is distinct from (n.town_code, n.industry_section))`;

function fn(name: string, body: string): string {
  return `create or replace function ${name}() returns trigger language plpgsql as $fn$
    begin
      ${body};
      return null;
    end $fn$`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cockpit_enterprise_stock (
      town_code text, industry_section text, size_class text, status text, is_above_scale boolean,
      n integer not null default 0,
      unique nulls not distinct (town_code, industry_section, size_class, status, is_above_scale)
    )`.execute(db);
  await sql`
    create table cockpit_enterprise_months (
      month date not null, town_code text, industry_section text,
      registered integer not null default 0, closed integer not null default 0,
      unique nulls not distinct (month, town_code, industry_section)
    )`.execute(db);
  await sql`
    create table cockpit_demand_months (
      month date not null, town_code text, industry_section text, category_code text,
      filed integer not null default 0, open integer not null default 0, responded integer not null default 0,
      response_seconds numeric not null default 0, response_working_minutes bigint not null default 0, response_working_count integer not null default 0,
      resolved integer not null default 0, on_time integer not null default 0, with_due integer not null default 0,
      resolution_seconds numeric not null default 0, resolution_working_minutes bigint not null default 0, resolution_working_count integer not null default 0,
      rated integer not null default 0, rating_sum integer not null default 0, satisfied integer not null default 0,
      unique nulls not distinct (month, town_code, industry_section, category_code)
    )`.execute(db);
  await sql`
    create table cockpit_visit_months (
      month date not null, town_code text, industry_section text, visits integer not null default 0,
      unique nulls not distinct (month, town_code, industry_section)
    )`.execute(db);
  // Coverage: per firm, its spans — kind 'linked': the days it was linked (the union of its links' days, as
  // disjoint intervals [s, e], e null while linked); kind 'visited': each day a cadre then linked to it visited
  // it (s = e = the day) — with p, the end of its previous span (null for the first). A firm meets a period
  // [from, to] when some span does; counting the first such span of each firm, that is the spans with
  // p < from ≤ s ≤ to, plus the span with s < from ≤ e (linked only). cockpit_coverage_months counts the
  // spans by (month of s, month of p, month of e) so whole months are sums; the days at the ends of the
  // period are read from cockpit_coverage_spans by its date indexes (dashboard.ts, coverageFromRollup).
  await sql`
    create table cockpit_coverage_spans (
      enterprise_id integer not null,
      kind text not null check (kind in ('linked', 'visited')),
      s date not null, p date, e date,
      town_code text, industry_section text
    )`.execute(db);
  await sql`create index cockpit_coverage_spans_firm on cockpit_coverage_spans (enterprise_id)`.execute(db);
  await sql`create index cockpit_coverage_spans_s on cockpit_coverage_spans (kind, s)`.execute(db);
  await sql`create index cockpit_coverage_spans_p on cockpit_coverage_spans (kind, p)`.execute(db);
  await sql`create index cockpit_coverage_spans_e on cockpit_coverage_spans (kind, e)`.execute(db);
  await sql`
    create table cockpit_coverage_months (
      kind text not null, s_month date not null, p_month date, e_month date,
      town_code text, industry_section text, n integer not null default 0,
      unique nulls not distinct (kind, s_month, p_month, e_month, town_code, industry_section)
    )`.execute(db);
  const spanMonths = (rows: string, sign: string) => `
    insert into cockpit_coverage_months as t (kind, s_month, p_month, e_month, town_code, industry_section, n)
    select kind, ${month('s')}, ${month('p')}, ${month('e')}, town_code, industry_section, ${sign}count(*) from ${rows} x group by 1, 2, 3, 4, 5, 6
    on conflict (kind, s_month, p_month, e_month, town_code, industry_section) do update set n = t.n + excluded.n`;
  await sql.raw(`
    create or replace function cockpit_coverage_refresh(ids integer[]) returns void language plpgsql as $fn$
    begin
      with gone as (delete from cockpit_coverage_spans where enterprise_id = any(ids) returning *)
      ${spanMonths('gone', '-')};
      with linked as (
        select l.enterprise_id, unnest(range_agg(daterange(l.linked_on, l.unlinked_on, '[]'))) as r
        from cadre_links l where l.enterprise_id = any(ids) group by 1
      ), visited as (
        select distinct v.enterprise_id, v.visited_on from visits v
        where v.enterprise_id = any(ids) and exists (select 1 from cadre_links l where l.enterprise_id = v.enterprise_id and l.cadre_id = v.cadre_id
          and v.visited_on >= l.linked_on and (l.unlinked_on is null or v.visited_on <= l.unlinked_on))
      ), spans as (
        select enterprise_id, 'linked' as kind, lower(r) as s, (upper(r) - 1) as e from linked
        union all
        select enterprise_id, 'visited', visited_on, visited_on from visited
      ), added as (
        insert into cockpit_coverage_spans (enterprise_id, kind, s, p, e, town_code, industry_section)
        select x.enterprise_id, x.kind, x.s, lag(x.e) over (partition by x.enterprise_id, x.kind order by x.s), x.e, f.town_code, f.industry_section
        from spans x join enterprises f on f.id = x.enterprise_id
        returning *
      )
      ${spanMonths('added', '')};
    end $fn$`).execute(db);

  // Demands.
  await sql.raw(fn('cockpit_demands_ins', demandDelta(demandRows('new_rows', 1)))).execute(db);
  await sql.raw(fn('cockpit_demands_del', demandDelta(demandRows('old_rows', -1)))).execute(db);
  await sql.raw(fn('cockpit_demands_upd', demandDelta(`${demandRows(changedDemands('o'), -1)} union all ${demandRows(changedDemands('n'), 1)}`))).execute(db);
  // Visits: the monthly counts and the coverage of the firms concerned.
  const visitIds = (...sources: string[]) => sources.map((s) => `select enterprise_id from ${s}`).join(' union ');
  await sql.raw(fn('cockpit_visits_ins', `${visitDelta(visitRows('new_rows', 1))}; ${coverageRefresh(visitIds('new_rows'))}`)).execute(db);
  await sql.raw(fn('cockpit_visits_del', `${visitDelta(visitRows('old_rows', -1))}; ${coverageRefresh(visitIds('old_rows'))}`)).execute(db);
  await sql.raw(fn('cockpit_visits_upd', `${visitDelta(`${visitRows(changedVisits('o'), -1)} union all ${visitRows(changedVisits('n'), 1)}`)}; ${coverageRefresh(visitIds('old_rows', 'new_rows'))}`)).execute(db);
  // Cadre links: the coverage of the firms concerned.
  await sql.raw(fn('cockpit_links_ins', coverageRefresh(visitIds('new_rows')))).execute(db);
  await sql.raw(fn('cockpit_links_del', coverageRefresh(visitIds('old_rows')))).execute(db);
  await sql.raw(fn('cockpit_links_upd', coverageRefresh(visitIds('old_rows', 'new_rows')))).execute(db);
  // Enterprises: the stock, registrations and closures; a move of town / 门类 carries its demands and visits.
  const firmRows = (source: string, sign: number) => `select ${ENTERPRISE_COLUMNS.join(', ')}, ${sign} as sign from ${source} s`;
  await sql.raw(fn('cockpit_enterprises_ins', enterpriseDelta(firmRows('new_rows', 1)))).execute(db);
  await sql.raw(fn('cockpit_enterprises_del', `${enterpriseDelta(firmRows('old_rows', -1))}; ${coverageRefresh('select id from old_rows')}`)).execute(db);
  const movedDemands = (town: string, section: string, sign: number) =>
    `select ${DEMAND_COLUMNS.map((c) => `d.${c}`).join(', ')}, m.${town} as town_code, m.${section} as industry_section, ${sign} as sign from demands d join ${MOVED} m on m.id = d.enterprise_id`;
  const movedVisits = (town: string, section: string, sign: number) =>
    `select v.visited_on, m.${town} as town_code, m.${section} as industry_section, ${sign} as sign from visits v join ${MOVED} m on m.id = v.enterprise_id`;
  await sql.raw(fn('cockpit_enterprises_upd', [
    enterpriseDelta(`${firmRows(changedFirms('o'), -1)} union all ${firmRows(changedFirms('n'), 1)}`),
    `if exists ${MOVED} then
      ${demandDelta(`${movedDemands('old_town', 'old_section', -1)} union all ${movedDemands('town_code', 'industry_section', 1)}`)};
      ${visitDelta(`${movedVisits('old_town', 'old_section', -1)} union all ${movedVisits('town_code', 'industry_section', 1)}`)};
      ${coverageRefresh(`select id from ${MOVED} m`)};
    end if`,
  ].join(';\n'))).execute(db);

  for (const [table, prefix] of [['demands', 'cockpit_demands'], ['visits', 'cockpit_visits'], ['cadre_links', 'cockpit_links'], ['enterprises', 'cockpit_enterprises']]) {
    await sql.raw(`create trigger ${prefix}_ins after insert on ${table} referencing new table as new_rows for each statement execute function ${prefix}_ins()`).execute(db);
    await sql.raw(`create trigger ${prefix}_del after delete on ${table} referencing old table as old_rows for each statement execute function ${prefix}_del()`).execute(db);
    await sql.raw(`create trigger ${prefix}_upd after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${prefix}_upd()`).execute(db);
  }

  // Backfill from the rows already there.
  await sql.raw(enterpriseDelta(firmRows('enterprises', 1))).execute(db);
  await sql.raw(demandDelta(`select ${DEMAND_COLUMNS.map((c) => `s.${c}`).join(', ')}, e.town_code, e.industry_section, 1 as sign from demands s left join enterprises e on e.id = s.enterprise_id`)).execute(db);
  await sql.raw(visitDelta(`select s.visited_on, e.town_code, e.industry_section, 1 as sign from visits s left join enterprises e on e.id = s.enterprise_id`)).execute(db);
  await sql.raw(`select cockpit_coverage_refresh(array(select enterprise_id from cadre_links union select enterprise_id from visits))`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, prefix] of [['demands', 'cockpit_demands'], ['visits', 'cockpit_visits'], ['cadre_links', 'cockpit_links'], ['enterprises', 'cockpit_enterprises']]) {
    for (const op of ['ins', 'del', 'upd']) {
      await sql.raw(`drop trigger if exists ${prefix}_${op} on ${table}`).execute(db);
      await sql.raw(`drop function if exists ${prefix}_${op}()`).execute(db);
    }
  }
  await sql`drop function if exists cockpit_coverage_refresh(integer[])`.execute(db);
  for (const table of ['cockpit_coverage_months', 'cockpit_coverage_spans', 'cockpit_visit_months', 'cockpit_demand_months', 'cockpit_enterprise_months', 'cockpit_enterprise_stock']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
