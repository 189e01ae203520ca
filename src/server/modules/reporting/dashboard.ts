/**
 * The county cockpit (驾驶舱): one summary for the leadership over every capability, for a period of
 * county dates and optionally one town and one 门类. Every figure is an aggregate computed in SQL (a few
 * statements, each reading by the date indexes of migration 20261207T1500), the loans part is the finance
 * KPIs (finance-kpis.ts) over the same enterprises. The exact definitions are in docs/cockpit.md.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ratioBp } from '../../../core/money/money.ts';
import { endOfDayShanghai, startOfDayShanghai } from '../../../core/sla/calendar.ts';
import type { DB, Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { computeFinanceKpis, periodsBetween } from './finance-kpis.ts';
import type { DashboardQuery, DashboardSummary } from './dashboard.schemas.ts';

/** Who sees the cockpit: the county leader, department staff, the dispatch centre and the platform administrator. */
export const COCKPIT_ROLES: readonly Role[] = ['leader', 'department_staff', 'dispatcher', 'admin'];

export function assertMaySeeCockpit(actor: Actor): void {
  if (!hasRole(actor, ...COCKPIT_ROLES)) throw new AppError('forbidden', 'The cockpit is for the county leadership, departments and the dispatch centre');
}

export interface DashboardScope {
  from: string;
  to: string;
  town: string | null;
  industry: string | null;
}

function defaultFrom(to: string): string {
  let [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 11];
  if (m < 1) [y, m] = [y - 1, m + 12];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

export function dashboardScope(query: DashboardQuery): DashboardScope {
  const to = query.to ?? todayInCounty();
  const from = query.from ?? defaultFrom(to);
  if (from > to) throw new AppError('validation_failed', 'from must not be after to', [{ path: 'querystring/from', message: 'after to' }]);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) {
    throw new AppError('validation_failed', 'The period is at most ten years', [{ path: 'querystring/from', message: 'too long' }]);
  }
  return { from, to, town: query.town ?? null, industry: query.industry ?? null };
}

const num = (v: unknown) => Number(v ?? 0);
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** `and <alias>.enterprise_id in (enterprises of the scope)`, or nothing when the scope is the county. */
function inScope(column: RawBuilder<unknown>, scope: DashboardScope): RawBuilder<unknown> {
  if (scope.town === null && scope.industry === null) return sql``;
  const town = scope.town === null ? sql`` : sql` and town_code = ${scope.town}`;
  const industry = scope.industry === null ? sql`` : sql` and industry_section = ${scope.industry}`;
  return sql` and ${column} in (select id from enterprises where true${town}${industry})`;
}

/**
 * Runs the cockpit's big aggregates with PostgreSQL's JIT off and 32 MB of work_mem (`set local`, in a
 * transaction of their own). Their estimated cost (one index probe per link over 100,000 links) passes
 * jit_above_cost, and compiling the expressions on every call made the visit coverage twice as slow
 * (430 ms vs 210 ms, EXPLAIN ANALYZE on the bench county): these are short reads run on every page view,
 * where compilation never pays. With the default 4 MB the planner sorts the demands on disk to group them
 * (it over-estimates the groups); with 32 MB it hashes them in memory (430 ms → 290 ms).
 */
async function withCockpitSettings<T>(db: Kysely<DB>, run: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    await sql`set local work_mem = '32MB'`.execute(trx);
    return run(trx);
  });
}

function enterpriseWhere(scope: DashboardScope, alias = 'e'): RawBuilder<unknown> {
  const town = scope.town === null ? sql`` : sql` and ${sql.ref(`${alias}.town_code`)} = ${scope.town}`;
  const industry = scope.industry === null ? sql`` : sql` and ${sql.ref(`${alias}.industry_section`)} = ${scope.industry}`;
  return sql`true${town}${industry}`;
}

/** How the summary reads its period figures: from the rollups (the default) or every figure from the source rows. */
export interface DashboardOptions {
  /** false: no rollup is read, every figure is aggregated from the source tables (tests compare the two). */
  rollups?: boolean;
}

/**
 * A period of county dates cut for the monthly rollups: the whole months inside it (`months`, first days of
 * the first and last) read from the rollups, and the partial months at its ends (`edges`, county date
 * ranges) aggregated from the source rows. Without rollups the whole period is one edge.
 */
export interface PeriodSplit {
  months: { first: string; last: string } | null;
  edges: { from: string; to: string }[];
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function lastOfMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function splitPeriod(from: string, to: string, rollups = true): PeriodSplit {
  if (!rollups) return { months: null, edges: [{ from, to }] };
  const fullFrom = from === monthStart(from) ? from : dayAfter(lastOfMonth(from));
  const fullTo = to === lastOfMonth(to) ? to : dayBefore(monthStart(to));
  if (fullFrom > fullTo) return { months: null, edges: [{ from, to }] };
  const edges = [];
  if (from < fullFrom) edges.push({ from, to: dayBefore(fullFrom) });
  if (fullTo < to) edges.push({ from: dayAfter(fullTo), to });
  return { months: { first: fullFrom, last: monthStart(fullTo) }, edges };
}

async function enterpriseFigures(db: Kysely<DB>, scope: DashboardScope, split: PeriodSplit, rollups: boolean): Promise<DashboardSummary['enterprises']> {
  const where = enterpriseWhere(scope);
  type Group = { town_code: string | null; section: string | null; size_class: string | null; operating: number; above: number; closed: number };
  type Month = { month: string; registered: number; closed: number };
  const [groups, towns, ...monthly] = await Promise.all([
    rollups
      ? sql<Group>`
          select e.town_code, e.industry_section as section, e.size_class,
            coalesce(sum(e.n) filter (where e.status = 'operating'), 0)::int as operating,
            coalesce(sum(e.n) filter (where e.status = 'operating' and e.is_above_scale), 0)::int as above,
            coalesce(sum(e.n) filter (where e.status in ('cancelled', 'revoked', 'moved_out')), 0)::int as closed
          from cockpit_enterprise_stock e where e.n > 0 and ${where}
          group by 1, 2, 3`.execute(db)
      : withCockpitSettings(db, (trx) => sql<Group>`
          select e.town_code, e.industry_section as section, e.size_class,
            count(*) filter (where e.status = 'operating')::int as operating,
            count(*) filter (where e.status = 'operating' and e.is_above_scale)::int as above,
            count(*) filter (where e.status in ('cancelled', 'revoked', 'moved_out'))::int as closed
          from enterprises e where ${where}
          group by 1, 2, 3`.execute(trx)),
    db.selectFrom('towns').select(['code', 'name']).orderBy('code').execute(),
    ...(split.months === null
      ? []
      : [sql<Month>`
          select to_char(e.month, 'YYYY-MM') as month, sum(e.registered)::int as registered, sum(e.closed)::int as closed
          from cockpit_enterprise_months e where ${where} and e.month between ${split.months.first} and ${split.months.last}
          group by 1`.execute(db)]),
    ...split.edges.map(({ from, to }) => sql<Month>`
      select month, sum(registered)::int as registered, sum(closed)::int as closed from (
        select to_char(e.registered_on, 'YYYY-MM') as month, 1 as registered, 0 as closed
        from enterprises e where ${where} and e.registered_on between ${from} and ${to}
        union all
        select to_char(e.closed_on, 'YYYY-MM'), 0, 1
        from enterprises e where ${where} and e.closed_on between ${from} and ${to}
      ) c group by 1`.execute(db)),
  ]);
  const byTown = new Map<string, { operating: number; aboveScale: number }>();
  const byIndustry = new Map<string, number>();
  const bySize = new Map<string, number>();
  let operating = 0;
  let aboveScale = 0;
  let closed = 0;
  for (const g of groups.rows) {
    operating += g.operating;
    aboveScale += g.above;
    closed += g.closed;
    if (g.town_code !== null) {
      const t = byTown.get(g.town_code) ?? { operating: 0, aboveScale: 0 };
      t.operating += g.operating;
      t.aboveScale += g.above;
      byTown.set(g.town_code, t);
    }
    const section = g.section ?? 'unknown';
    byIndustry.set(section, (byIndustry.get(section) ?? 0) + g.operating);
    const size = g.size_class ?? 'unknown';
    bySize.set(size, (bySize.get(size) ?? 0) + g.operating);
  }
  const months = new Map(periodsBetween(scope.from, scope.to, 'month').map((month) => [month, { month, registered: 0, closed: 0, net: 0 }]));
  for (const part of monthly as { rows: Month[] }[]) {
    for (const r of part.rows) {
      const m = months.get(r.month);
      if (!m) continue;
      m.registered += r.registered;
      m.closed += r.closed;
      m.net = m.registered - m.closed;
    }
  }
  const change = [...months.values()];
  return {
    operating,
    aboveScale,
    closed,
    registeredInPeriod: change.reduce((n, m) => n + m.registered, 0),
    closedInPeriod: change.reduce((n, m) => n + m.closed, 0),
    byTown: towns
      .filter((t) => byTown.has(t.code))
      .map((t) => ({ code: t.code, name: t.name, operating: byTown.get(t.code)!.operating, aboveScale: byTown.get(t.code)!.aboveScale })),
    byIndustry: [...byIndustry].filter(([, n]) => n > 0).map(([section, n]) => ({ section, operating: n })).sort((a, b) => b.operating - a.operating || a.section.localeCompare(b.section)),
    bySize: ['large', 'medium', 'small', 'micro', 'unknown'].filter((s) => bySize.has(s)).map((sizeClass) => ({ sizeClass, operating: bySize.get(sizeClass)! })),
    monthly: change.map(({ month, registered }) => ({ month, registered })),
    monthlyChange: change,
  };
}

async function policyFigures(db: Kysely<DB>, scope: DashboardScope): Promise<DashboardSummary['policies']> {
  const start = startOfDayShanghai(scope.from);
  const end = endOfDayShanghai(scope.to);
  const [pushes, applied, paid, departments, grantedEnterprises] = await Promise.all([
    sql<{ org_id: number; pushed: number; enterprises: number }>`
      select p.department_org_id as org_id, count(*)::int as pushed, count(distinct pp.enterprise_id)::int as enterprises
      from policy_pushes pp join policies p on p.id = pp.policy_id
      where pp.pushed_at between ${start} and ${end}${inScope(sql`pp.enterprise_id`, scope)}
      group by rollup (1)`.execute(db),
    sql<{ org_id: number; applied: number }>`
      select p.department_org_id as org_id, count(*)::int as applied
      from applications a join policies p on p.id = a.policy_id
      where a.submitted_at between ${start} and ${end} and a.status <> 'withdrawn'${inScope(sql`a.enterprise_id`, scope)}
      group by 1`.execute(db),
    sql<{ org_id: number; month: string; auto: boolean; granted: number; fen: string; enterprises: number }>`
      select p.department_org_id as org_id, to_char(d.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
        d.target_kind = 'auto_grant_item' as auto, count(*)::int as granted, sum(d.amount_fen)::text as fen, 0 as enterprises
      from disbursements d join policies p on p.id = d.policy_id
      where d.status = 'paid' and d.paid_at between ${start} and ${end}
        and d.target_kind in ('application', 'auto_grant_item')${inScope(sql`d.enterprise_id`, scope)}
      group by 1, 2, 3`.execute(db),
    db.selectFrom('organizations').where('type', '=', 'department').select(['id', 'name']).orderBy('id').execute(),
    sql<{ n: number }>`
      select count(distinct d.enterprise_id)::int as n from disbursements d
      where d.status = 'paid' and d.paid_at between ${start} and ${end}
        and d.target_kind in ('application', 'auto_grant_item')${inScope(sql`d.enterprise_id`, scope)}`
      .execute(db)
      .then((r) => r.rows[0].n),
  ]);

  const total = pushes.rows.find((r) => r.org_id === null);
  const dept = new Map(departments.map((d) => [d.id, { orgId: d.id, name: d.name, pushed: 0, applied: 0, granted: 0, grantedFen: 0 }]));
  for (const r of pushes.rows) if (r.org_id !== null && dept.has(r.org_id)) dept.get(r.org_id)!.pushed = r.pushed;
  for (const r of applied.rows) if (dept.has(r.org_id)) dept.get(r.org_id)!.applied = r.applied;
  const months = new Map(periodsBetween(scope.from, scope.to, 'month').map((m) => [m, { month: m, granted: 0, grantedFen: 0 }]));
  let granted = 0;
  let grantedFen = 0;
  let autoGranted = 0;
  let autoGrantedFen = 0;
  for (const r of paid.rows) {
    const fen = num(r.fen);
    granted += r.granted;
    grantedFen += fen;
    if (r.auto) {
      autoGranted += r.granted;
      autoGrantedFen += fen;
    }
    const d = dept.get(r.org_id);
    if (d) {
      d.granted += r.granted;
      d.grantedFen += fen;
    }
    const m = months.get(r.month);
    if (m) {
      m.granted += r.granted;
      m.grantedFen += fen;
    }
  }
  return {
    pushed: total?.pushed ?? 0,
    pushedEnterprises: total?.enterprises ?? 0,
    applied: applied.rows.reduce((n, r) => n + r.applied, 0),
    granted,
    grantedEnterprises: num(grantedEnterprises),
    grantedFen,
    autoGranted,
    autoGrantedFen,
    autoGrantShareBp: ratioBp(autoGrantedFen, grantedFen),
    byDepartment: [...dept.values()].filter((d) => d.pushed + d.applied + d.granted > 0).sort((a, b) => b.grantedFen - a.grantedFen || b.pushed - a.pushed || a.orgId - b.orgId),
    monthly: [...months.values()],
  };
}

/** One group of demand figures: `filedMonth` for the figures by filing date, `resolvedMonth` for those by resolution date. */
interface DemandGroup {
  code: string | null;
  filed_month: string | null;
  resolved_month: string | null;
  filed: number;
  open: number;
  responded: number;
  response_seconds: string | number | null;
  response_working_minutes: string | number | null;
  response_working_count: number;
  resolved: number;
  on_time: number;
  with_due: number;
  resolution_seconds: string | number | null;
  resolution_working_minutes: string | number | null;
  resolution_working_count: number;
  rated: number;
  rating_sum: number;
  satisfied: number;
}

/** The demand figures of a range of county dates, from the demands themselves (one scan by the date indexes). */
async function demandGroupsFromRows(db: Kysely<DB>, scope: DashboardScope, from: string, to: string) {
  const start = startOfDayShanghai(from);
  const end = endOfDayShanghai(to);
  // One scan of the demands filed, resolved or rated in the range (each figure keeps its own date by a
  // FILTER); the month of an instant is its bucket among the county month starts (width_bucket), the same
  // month as to_char(… at time zone 'Asia/Shanghai') without converting every row.
  const monthKeys = periodsBetween(from, to, 'month');
  const monthStarts = monthKeys.map((m) => startOfDayShanghai(`${m}-01`).toISOString());
  const filedIn = sql`d.created_at between ${start} and ${end}`;
  const resolvedIn = sql`d.resolved_at between ${start} and ${end}`;
  const ratedIn = sql`d.rated_at between ${start} and ${end} and d.rating is not null`;
  const rows = await withCockpitSettings(db, (trx) => sql<Omit<DemandGroup, 'filed_month' | 'resolved_month'> & { filed_bucket: number | null; resolved_bucket: number | null }>`
    select d.category_code as code,
      case when ${filedIn} then width_bucket(d.created_at, ${monthStarts}::timestamptz[]) end as filed_bucket,
      case when ${resolvedIn} then width_bucket(d.resolved_at, ${monthStarts}::timestamptz[]) end as resolved_bucket,
      count(*) filter (where ${filedIn})::int as filed,
      count(*) filter (where ${filedIn} and d.resolved_at is null)::int as open,
      count(d.accepted_at) filter (where ${filedIn})::int as responded,
      sum(extract(epoch from (d.accepted_at - coalesce(d.assigned_at, d.created_at)))) filter (where ${filedIn}) as response_seconds,
      sum(d.response_working_minutes) filter (where ${filedIn} and d.accepted_at is not null) as response_working_minutes,
      count(d.response_working_minutes) filter (where ${filedIn} and d.accepted_at is not null)::int as response_working_count,
      count(*) filter (where ${resolvedIn})::int as resolved,
      count(*) filter (where ${resolvedIn} and d.resolved_at <= d.resolution_due_at)::int as on_time,
      count(d.resolution_due_at) filter (where ${resolvedIn})::int as with_due,
      sum(extract(epoch from (d.resolved_at - d.created_at))) filter (where ${resolvedIn}) as resolution_seconds,
      sum(d.resolution_working_minutes) filter (where ${resolvedIn}) as resolution_working_minutes,
      count(d.resolution_working_minutes) filter (where ${resolvedIn})::int as resolution_working_count,
      count(*) filter (where ${ratedIn})::int as rated,
      coalesce(sum(d.rating) filter (where ${ratedIn}), 0)::int as rating_sum,
      count(*) filter (where ${ratedIn} and d.rating >= 4)::int as satisfied
    from demands d
    where (${filedIn} or ${resolvedIn} or (${ratedIn}))${inScope(sql`d.enterprise_id`, scope)}
    group by 1, 2, 3`.execute(trx));
  return rows.rows.map(({ filed_bucket, resolved_bucket, ...r }): DemandGroup => ({
    ...r,
    filed_month: filed_bucket === null ? null : (monthKeys[filed_bucket - 1] ?? null),
    resolved_month: resolved_bucket === null ? null : (monthKeys[resolved_bucket - 1] ?? null),
  }));
}

/** The demand figures of whole county months, from cockpit_demand_months (one row per month and category). */
async function demandGroupsFromRollup(db: Kysely<DB>, scope: DashboardScope, first: string, last: string): Promise<DemandGroup[]> {
  const rows = await sql<Omit<DemandGroup, 'filed_month' | 'resolved_month'> & { month: string }>`
    select d.category_code as code, to_char(d.month, 'YYYY-MM') as month,
      sum(d.filed)::int as filed, sum(d.open)::int as open, sum(d.responded)::int as responded,
      sum(d.response_seconds) as response_seconds, sum(d.response_working_minutes) as response_working_minutes,
      sum(d.response_working_count)::int as response_working_count,
      sum(d.resolved)::int as resolved, sum(d.on_time)::int as on_time, sum(d.with_due)::int as with_due,
      sum(d.resolution_seconds) as resolution_seconds, sum(d.resolution_working_minutes) as resolution_working_minutes,
      sum(d.resolution_working_count)::int as resolution_working_count,
      sum(d.rated)::int as rated, sum(d.rating_sum)::int as rating_sum, sum(d.satisfied)::int as satisfied
    from cockpit_demand_months d
    where d.month between ${first} and ${last} and ${enterpriseWhere(scope, 'd')}
    group by 1, 2`.execute(db);
  return rows.rows.map(({ month, ...r }) => ({ ...r, filed_month: month, resolved_month: month }));
}

async function demandFigures(db: Kysely<DB>, scope: DashboardScope, split: PeriodSplit): Promise<DashboardSummary['demands']> {
  const [categories, ...parts] = await Promise.all([
    db.selectFrom('demand_categories').select(['code', 'name_zh']).orderBy('sort_order').orderBy('code').execute(),
    ...(split.months === null ? [] : [demandGroupsFromRollup(db, scope, split.months.first, split.months.last)]),
    ...split.edges.map((edge) => demandGroupsFromRows(db, scope, edge.from, edge.to)),
  ]);
  const months = new Map(periodsBetween(scope.from, scope.to, 'month').map((m) => [m, { month: m, filed: 0, resolved: 0 }]));
  const byCategory = new Map<string, { filed: number; resolved: number }>();
  const cat = (code: string | null) => {
    const key = code ?? 'unclassified';
    const c = byCategory.get(key) ?? { filed: 0, resolved: 0 };
    byCategory.set(key, c);
    return c;
  };
  const t = {
    filed: 0, open: 0, responded: 0, responseSeconds: 0, responseWorking: 0, responseWorkingCount: 0,
    resolved: 0, onTime: 0, withDue: 0, resolutionSeconds: 0, resolutionWorking: 0, resolutionWorkingCount: 0,
    rated: 0, ratingSum: 0, satisfied: 0,
  };
  for (const r of (parts as DemandGroup[][]).flat()) {
    t.filed += r.filed;
    t.open += r.open;
    t.responded += r.responded;
    t.responseSeconds += num(r.response_seconds);
    t.responseWorking += num(r.response_working_minutes);
    t.responseWorkingCount += r.response_working_count;
    t.resolved += r.resolved;
    t.onTime += r.on_time;
    t.withDue += r.with_due;
    t.resolutionSeconds += num(r.resolution_seconds);
    t.resolutionWorking += num(r.resolution_working_minutes);
    t.resolutionWorkingCount += r.resolution_working_count;
    t.rated += r.rated;
    t.ratingSum += r.rating_sum;
    t.satisfied += r.satisfied;
    if (r.filed > 0) cat(r.code).filed += r.filed;
    if (r.resolved > 0) cat(r.code).resolved += r.resolved;
    const filedMonth = r.filed_month === null ? undefined : months.get(r.filed_month);
    if (filedMonth) filedMonth.filed += r.filed;
    const resolvedMonth = r.resolved_month === null ? undefined : months.get(r.resolved_month);
    if (resolvedMonth) resolvedMonth.resolved += r.resolved;
  }
  const names = new Map(categories.map((c) => [c.code, c.name_zh]));
  return {
    filed: t.filed,
    open: t.open,
    resolved: t.resolved,
    resolvedOnTime: t.onTime,
    onTimeRateBp: ratioBp(t.onTime, t.withDue),
    averageResponseHours: t.responded ? hours(t.responseSeconds / 3600 / t.responded) : null,
    averageResolutionHours: t.resolved ? hours(t.resolutionSeconds / 3600 / t.resolved) : null,
    averageResponseWorkingHours: t.responseWorkingCount ? hours(t.responseWorking / 60 / t.responseWorkingCount) : null,
    averageResolutionWorkingHours: t.resolutionWorkingCount ? hours(t.resolutionWorking / 60 / t.resolutionWorkingCount) : null,
    rated: t.rated,
    averageRating: t.rated ? Math.round((t.ratingSum / t.rated) * 100) / 100 : null,
    satisfiedRateBp: ratioBp(t.satisfied, t.rated),
    byCategory: [...byCategory]
      .map(([code, c]) => ({ code, name: names.get(code) ?? code, ...c }))
      .sort((a, b) => b.filed - a.filed || a.code.localeCompare(b.code)),
    monthly: [...months.values()],
  };
}

type CoverageRow = { town_code: string | null; linked: number; visited: number };

/** Links in force and firms visited in the period, by town, from the links and visits themselves. */
async function coverageFromRows(db: Kysely<DB>, scope: DashboardScope) {
  // A link counts when it was in force at some point of the period; a linked firm is visited when its
  // cadre of that link visited it within the period (and while linked). One index-only probe of
  // visits_enterprise_cadre (migration 20261207T1510) per link, no join of every visit of the period.
  const rows = await withCockpitSettings(db, (trx) => sql<CoverageRow>`
    select e.town_code, count(*)::int as linked, count(*) filter (where lk.visited)::int as visited
    from (
      select cl.enterprise_id, bool_or(exists (
        select 1 from visits v
        where v.enterprise_id = cl.enterprise_id and v.cadre_id = cl.cadre_id
          and v.visited_on between ${scope.from} and ${scope.to}
          and v.visited_on >= cl.linked_on and (cl.unlinked_on is null or v.visited_on <= cl.unlinked_on))) as visited
      from cadre_links cl
      where cl.linked_on <= ${scope.to} and (cl.unlinked_on is null or cl.unlinked_on >= ${scope.from})${inScope(sql`cl.enterprise_id`, scope)}
      group by 1
    ) lk join enterprises e on e.id = lk.enterprise_id
    group by 1`.execute(trx));
  return rows.rows;
}

/**
 * The same from the coverage rollups (migration 20261208T1010). Each firm has spans of days: 'linked' (the
 * union of its links, [s, e], e null while linked) and 'visited' (each day a cadre then linked to it
 * visited it, s = e), each with p, the end of the previous span of that kind. A firm meets the period
 * [from, to] when one of its spans does, and the first span that does is the one with p < from ≤ s ≤ to
 * (term A), or for links the one with s < from ≤ e (term B): so counting those spans counts firms. Whole
 * months of s (and of p, e against the month of `from`) are sums of cockpit_coverage_months; the days of a
 * partial month are read from cockpit_coverage_spans by its (kind, s/p/e) indexes.
 */
async function coverageFromRollup(db: Kysely<DB>, scope: DashboardScope, split: PeriodSplit) {
  const { from } = scope;
  const m = monthStart(from);
  const me = lastOfMonth(from);
  const parts: RawBuilder<unknown>[] = [];
  const w = (alias: string) => enterpriseWhere(scope, alias);
  if (split.months !== null) {
    // A: spans starting in the period's whole months whose previous span ended before `from`.
    parts.push(sql`select c.kind, c.town_code, c.n from cockpit_coverage_months c
      where c.s_month between ${split.months.first} and ${split.months.last} and (c.p_month is null or c.p_month < ${m}) and ${w('c')}`);
    if (from !== m) {
      parts.push(sql`select x.kind, x.town_code, 1 from cockpit_coverage_spans x
        where x.p >= ${m}::date and x.p < ${from}::date and x.s between ${split.months.first} and ${lastOfMonth(split.months.last)} and ${w('x')}`);
    }
  }
  for (const edge of split.edges) {
    parts.push(sql`select x.kind, x.town_code, 1 from cockpit_coverage_spans x
      where x.kind in ('linked', 'visited') and x.s between ${edge.from} and ${edge.to} and (x.p is null or x.p < ${from}::date) and ${w('x')}`);
  }
  // B (links): the span running on `from` that began before it.
  parts.push(sql`select c.kind, c.town_code, c.n from cockpit_coverage_months c
    where c.kind = 'linked' and c.s_month < ${m} and (c.e_month is null or c.e_month > ${m}) and ${w('c')}`);
  parts.push(sql`select x.kind, x.town_code, 1 from cockpit_coverage_spans x
    where x.kind = 'linked' and x.e between ${from} and ${me} and x.s < ${m}::date and ${w('x')}`);
  if (from !== m) {
    parts.push(sql`select x.kind, x.town_code, 1 from cockpit_coverage_spans x
      where x.kind = 'linked' and x.s >= ${m}::date and x.s < ${from}::date and (x.e is null or x.e >= ${from}) and ${w('x')}`);
  }
  const rows = await sql<CoverageRow>`
    select t.town_code, coalesce(sum(t.n) filter (where t.kind = 'linked'), 0)::int as linked,
      coalesce(sum(t.n) filter (where t.kind = 'visited'), 0)::int as visited
    from (${sql.join(parts, sql` union all `)}) t(kind, town_code, n)
    group by 1`.execute(db);
  return rows.rows.filter((r) => r.linked > 0 || r.visited > 0);
}

/** Visits recorded in a range of county dates. */
async function visitCountFromRows(db: Kysely<DB>, scope: DashboardScope, from: string, to: string): Promise<number> {
  // County-wide: a range count on visits(visited_on). For a town / 门类: one probe of visits(enterprise_id,
  // visited_on) per firm of the scope, rather than a pass over every visit of the period.
  const rows = await (scope.town === null && scope.industry === null
    ? sql<{ n: number }>`select count(*)::int as n from visits v where v.visited_on between ${from} and ${to}`
    : sql<{ n: number }>`
        select coalesce(sum((select count(*) from visits v where v.enterprise_id = e.id and v.visited_on between ${from} and ${to})), 0)::int as n
        from enterprises e where ${enterpriseWhere(scope)}`
  ).execute(db);
  return num(rows.rows[0].n);
}

async function visitFigures(db: Kysely<DB>, scope: DashboardScope, split: PeriodSplit, rollups: boolean): Promise<DashboardSummary['visits']> {
  const [rows, towns, ...counts] = await Promise.all([
    rollups ? coverageFromRollup(db, scope, split) : coverageFromRows(db, scope),
    db.selectFrom('towns').select(['code', 'name']).orderBy('code').execute(),
    ...(split.months === null
      ? []
      : [sql<{ n: number }>`select coalesce(sum(c.visits), 0)::int as n from cockpit_visit_months c
          where c.month between ${split.months.first} and ${split.months.last} and ${enterpriseWhere(scope, 'c')}`.execute(db).then((r) => num(r.rows[0].n))]),
    ...split.edges.map((edge) => visitCountFromRows(db, scope, edge.from, edge.to)),
  ]);
  const byTown = new Map(rows.filter((r) => r.town_code !== null).map((r) => [r.town_code!, r]));
  const linked = rows.reduce((n, r) => n + r.linked, 0);
  const visited = rows.reduce((n, r) => n + r.visited, 0);
  return {
    linked,
    visited,
    coverageBp: ratioBp(visited, linked),
    visits: (counts as number[]).reduce((n, c) => n + c, 0),
    byTown: towns
      .filter((t) => byTown.has(t.code))
      .map((t) => {
        const r = byTown.get(t.code)!;
        return { code: t.code, name: t.name, linked: r.linked, visited: r.visited, coverageBp: ratioBp(r.visited, r.linked) };
      }),
  };
}

/** The summary for an authorised caller (the route, the exports and the monthly report). */
export async function computeDashboard(db: Kysely<DB>, scope: DashboardScope, options: DashboardOptions = {}): Promise<DashboardSummary> {
  const rollups = options.rollups ?? true;
  const split = splitPeriod(scope.from, scope.to, rollups);
  const [enterprises, policies, loans, demands, visits] = await Promise.all([
    enterpriseFigures(db, scope, split, rollups),
    policyFigures(db, scope),
    computeFinanceKpis(db, { from: scope.from, to: scope.to, bank: null, product: null, period: 'month', enterprises: { town: scope.town, industry: scope.industry } }),
    demandFigures(db, scope, split),
    visitFigures(db, scope, split, rollups),
  ]);
  return { ...scope, generatedAt: new Date().toISOString(), enterprises, policies, loans, demands, visits };
}

export async function readDashboard(db: Kysely<DB>, actor: Actor, query: DashboardQuery): Promise<DashboardSummary> {
  assertMaySeeCockpit(actor);
  return computeDashboard(db, dashboardScope(query));
}
