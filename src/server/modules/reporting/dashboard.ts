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

function enterpriseWhere(scope: DashboardScope): RawBuilder<unknown> {
  const town = scope.town === null ? sql`` : sql` and e.town_code = ${scope.town}`;
  const industry = scope.industry === null ? sql`` : sql` and e.industry_section = ${scope.industry}`;
  return sql`true${town}${industry}`;
}

async function enterpriseFigures(db: Kysely<DB>, scope: DashboardScope): Promise<DashboardSummary['enterprises']> {
  const where = enterpriseWhere(scope);
  const [groups, towns, monthly] = await Promise.all([
    withCockpitSettings(db, (trx) => sql<{ town_code: string | null; section: string | null; size_class: string | null; operating: number; above: number; closed: number }>`
      select e.town_code, e.industry_section as section, e.size_class,
        count(*) filter (where e.status = 'operating')::int as operating,
        count(*) filter (where e.status = 'operating' and e.is_above_scale)::int as above,
        count(*) filter (where e.status in ('cancelled', 'revoked', 'moved_out'))::int as closed
      from enterprises e where ${where}
      group by 1, 2, 3`.execute(trx)),
    db.selectFrom('towns').select(['code', 'name']).orderBy('code').execute(),
    sql<{ month: string; registered: number }>`
      select to_char(e.registered_on, 'YYYY-MM') as month, count(*)::int as registered
      from enterprises e where ${where} and e.registered_on between ${scope.from} and ${scope.to}
      group by 1`.execute(db),
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
  const registered = new Map(monthly.rows.map((r) => [r.month, r.registered]));
  return {
    operating,
    aboveScale,
    closed,
    registeredInPeriod: monthly.rows.reduce((n, r) => n + r.registered, 0),
    byTown: towns
      .filter((t) => byTown.has(t.code))
      .map((t) => ({ code: t.code, name: t.name, operating: byTown.get(t.code)!.operating, aboveScale: byTown.get(t.code)!.aboveScale })),
    byIndustry: [...byIndustry].filter(([, n]) => n > 0).map(([section, n]) => ({ section, operating: n })).sort((a, b) => b.operating - a.operating || a.section.localeCompare(b.section)),
    bySize: ['large', 'medium', 'small', 'micro', 'unknown'].filter((s) => bySize.has(s)).map((sizeClass) => ({ sizeClass, operating: bySize.get(sizeClass)! })),
    monthly: periodsBetween(scope.from, scope.to, 'month').map((month) => ({ month, registered: registered.get(month) ?? 0 })),
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

async function demandFigures(db: Kysely<DB>, scope: DashboardScope): Promise<DashboardSummary['demands']> {
  const start = startOfDayShanghai(scope.from);
  const end = endOfDayShanghai(scope.to);
  // One scan of the demands filed, resolved or rated in the period (each figure keeps its own date by a
  // FILTER); the month of an instant is its bucket among the county month starts (width_bucket), the same
  // month as to_char(… at time zone 'Asia/Shanghai') without converting every row.
  const monthKeys = periodsBetween(scope.from, scope.to, 'month');
  const monthStarts = monthKeys.map((m) => startOfDayShanghai(`${m}-01`).toISOString());
  const filedIn = sql`d.created_at between ${start} and ${end}`;
  const resolvedIn = sql`d.resolved_at between ${start} and ${end}`;
  const ratedIn = sql`d.rated_at between ${start} and ${end} and d.rating is not null`;
  const [figures, categories] = await Promise.all([
    withCockpitSettings(db, (trx) => sql<{
      code: string | null; filed_month: number | null; resolved_month: number | null;
      filed: number; open: number; responded: number; response_hours: number | null;
      resolved: number; on_time: number; with_due: number; resolution_hours: number | null;
      rated: number; rating_sum: number; satisfied: number;
    }>`
      select d.category_code as code,
        case when ${filedIn} then width_bucket(d.created_at, ${monthStarts}::timestamptz[]) end as filed_month,
        case when ${resolvedIn} then width_bucket(d.resolved_at, ${monthStarts}::timestamptz[]) end as resolved_month,
        count(*) filter (where ${filedIn})::int as filed,
        count(*) filter (where ${filedIn} and d.resolved_at is null)::int as open,
        count(d.accepted_at) filter (where ${filedIn})::int as responded,
        sum(extract(epoch from (d.accepted_at - coalesce(d.assigned_at, d.created_at))) / 3600) filter (where ${filedIn}) as response_hours,
        count(*) filter (where ${resolvedIn})::int as resolved,
        count(*) filter (where ${resolvedIn} and d.resolved_at <= d.resolution_due_at)::int as on_time,
        count(d.resolution_due_at) filter (where ${resolvedIn})::int as with_due,
        sum(extract(epoch from (d.resolved_at - d.created_at)) / 3600) filter (where ${resolvedIn}) as resolution_hours,
        count(*) filter (where ${ratedIn})::int as rated,
        coalesce(sum(d.rating) filter (where ${ratedIn}), 0)::int as rating_sum,
        count(*) filter (where ${ratedIn} and d.rating >= 4)::int as satisfied
      from demands d
      where (${filedIn} or ${resolvedIn} or (${ratedIn}))${inScope(sql`d.enterprise_id`, scope)}
      group by 1, 2, 3`.execute(trx)),
    db.selectFrom('demand_categories').select(['code', 'name_zh']).orderBy('sort_order').orderBy('code').execute(),
  ]);
  const months = new Map(periodsBetween(scope.from, scope.to, 'month').map((m) => [m, { month: m, filed: 0, resolved: 0 }]));
  const byCategory = new Map<string, { filed: number; resolved: number }>();
  const cat = (code: string | null) => {
    const key = code ?? 'unclassified';
    const c = byCategory.get(key) ?? { filed: 0, resolved: 0 };
    byCategory.set(key, c);
    return c;
  };
  let filedCount = 0;
  let open = 0;
  let responded = 0;
  let responseHours = 0;
  let resolvedCount = 0;
  let onTime = 0;
  let withDue = 0;
  let resolutionHours = 0;
  const rated = { rated: 0, rating_sum: 0, satisfied: 0 };
  for (const r of figures.rows) {
    filedCount += r.filed;
    open += r.open;
    responded += r.responded;
    responseHours += num(r.response_hours);
    resolvedCount += r.resolved;
    onTime += r.on_time;
    withDue += r.with_due;
    resolutionHours += num(r.resolution_hours);
    rated.rated += r.rated;
    rated.rating_sum += r.rating_sum;
    rated.satisfied += r.satisfied;
    if (r.filed > 0) cat(r.code).filed += r.filed;
    if (r.resolved > 0) cat(r.code).resolved += r.resolved;
    const filedMonth = r.filed_month === null ? undefined : months.get(monthKeys[r.filed_month - 1]);
    if (filedMonth) filedMonth.filed += r.filed;
    const resolvedMonth = r.resolved_month === null ? undefined : months.get(monthKeys[r.resolved_month - 1]);
    if (resolvedMonth) resolvedMonth.resolved += r.resolved;
  }
  const names = new Map(categories.map((c) => [c.code, c.name_zh]));
  const r = rated;
  return {
    filed: filedCount,
    open,
    resolved: resolvedCount,
    resolvedOnTime: onTime,
    onTimeRateBp: ratioBp(onTime, withDue),
    averageResponseHours: responded ? hours(responseHours / responded) : null,
    averageResolutionHours: resolvedCount ? hours(resolutionHours / resolvedCount) : null,
    rated: r.rated,
    averageRating: r.rated ? Math.round((r.rating_sum / r.rated) * 100) / 100 : null,
    satisfiedRateBp: ratioBp(r.satisfied, r.rated),
    byCategory: [...byCategory]
      .map(([code, c]) => ({ code, name: names.get(code) ?? code, ...c }))
      .sort((a, b) => b.filed - a.filed || a.code.localeCompare(b.code)),
    monthly: [...months.values()],
  };
}

async function visitFigures(db: Kysely<DB>, scope: DashboardScope): Promise<DashboardSummary['visits']> {
  // A link counts when it was in force at some point of the period; a linked firm is visited when its
  // cadre of that link visited it within the period (and while linked). One index-only probe of
  // visits_enterprise_cadre (migration 20261207T1510) per link, no join of every visit of the period.
  const [rows, { n: visitCount }, towns] = await Promise.all([
    withCockpitSettings(db, (trx) => sql<{ town_code: string | null; linked: number; visited: number }>`
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
    group by 1`.execute(trx)),
    // County-wide: a range count on visits(visited_on). For a town / 门类: one probe of visits(enterprise_id,
    // visited_on) per firm of the scope, rather than a pass over every visit of the period.
    (scope.town === null && scope.industry === null
      ? sql<{ n: number }>`select count(*)::int as n from visits v where v.visited_on between ${scope.from} and ${scope.to}`
      : sql<{ n: number }>`
          select coalesce(sum((select count(*) from visits v where v.enterprise_id = e.id and v.visited_on between ${scope.from} and ${scope.to})), 0)::int as n
          from enterprises e where ${enterpriseWhere(scope)}`
    )
      .execute(db)
      .then((r) => r.rows[0]),
    db.selectFrom('towns').select(['code', 'name']).orderBy('code').execute(),
  ]);
  const byTown = new Map(rows.rows.filter((r) => r.town_code !== null).map((r) => [r.town_code!, r]));
  const linked = rows.rows.reduce((n, r) => n + r.linked, 0);
  const visited = rows.rows.reduce((n, r) => n + r.visited, 0);
  return {
    linked,
    visited,
    coverageBp: ratioBp(visited, linked),
    visits: num(visitCount),
    byTown: towns
      .filter((t) => byTown.has(t.code))
      .map((t) => {
        const r = byTown.get(t.code)!;
        return { code: t.code, name: t.name, linked: r.linked, visited: r.visited, coverageBp: ratioBp(r.visited, r.linked) };
      }),
  };
}

/** The summary for an authorised caller (the route, the exports and the monthly report). */
export async function computeDashboard(db: Kysely<DB>, scope: DashboardScope): Promise<DashboardSummary> {
  const [enterprises, policies, loans, demands, visits] = await Promise.all([
    enterpriseFigures(db, scope),
    policyFigures(db, scope),
    computeFinanceKpis(db, { from: scope.from, to: scope.to, bank: null, product: null, period: 'month', enterprises: { town: scope.town, industry: scope.industry } }),
    demandFigures(db, scope),
    visitFigures(db, scope),
  ]);
  return { ...scope, generatedAt: new Date().toISOString(), enterprises, policies, loans, demands, visits };
}

export async function readDashboard(db: Kysely<DB>, actor: Actor, query: DashboardQuery): Promise<DashboardSummary> {
  assertMaySeeCockpit(actor);
  return computeDashboard(db, dashboardScope(query));
}
