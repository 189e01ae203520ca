/**
 * The read side of demands: lists scoped to the actor (an enterprise its own; a handler its organisation's
 * orders and what it filed; a provider the offers open to it in the pool; the dispatcher everything), the
 * home counts, the overdue board, the handlers a dispatcher may assign to, the categories.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { DEMAND_STATES, OPEN_STATES } from '../../../core/demands/workflow.ts';
import { byPinyin } from '../../../core/text/pinyin-sort.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { addMinutes, remainingMinutes } from './demands.clock.ts';
import { eligibleOrgs } from './demands.dispatch.ts';
import { loadRefs, presentSummary, type PresentableDemand } from './demands.presenter.ts';
import * as repo from './demands.repository.ts';
import type { CategoryList, DemandListQuery, DemandSummaryCounts, DemandSummaryItem, HandlerList, OverdueBoard } from './demands.schemas.ts';
import type { DemandSettings } from './demands.settings.ts';
import { requireCategory, slaRulesOf } from './demands.steps.ts';

type Eb = ExpressionBuilder<DB, 'demands' | 'enterprises'>;
const HANDLER_ROLES = ['department_staff', 'provider_staff', 'cadre'] as const;

/** The demands the actor may list: a WHERE clause, or 403. */
function scopeOf(actor: Actor): (eb: Eb) => Expression<SqlBool> {
  // The dispatch centre works every demand; the county leader (县领导) reads every one and acts on none.
  if (hasRole(actor, 'dispatcher', 'leader')) return (eb) => eb.val(true);
  if (hasRole(actor, 'enterprise_user') && actor.orgType === 'enterprise') return (eb) => eb('enterprises.org_id', '=', actor.orgId);
  if (hasRole(actor, ...HANDLER_ROLES)) {
    return (eb) => eb.or([eb('demands.handler_org_id', '=', actor.orgId), eb('demands.handler_user_id', '=', actor.userId), eb('demands.submitted_by', '=', actor.userId)]);
  }
  throw new AppError('forbidden', 'Demands are listed for enterprises, handlers and the dispatch centre');
}

const HANDLING = ['assigned', 'accepted', 'in_progress'] as const;

function base(db: Kysely<DB>) {
  return db.selectFrom('demands').innerJoin('enterprises', 'enterprises.id', 'demands.enterprise_id');
}

async function present(db: Kysely<DB>, rows: PresentableDemand[], now: Date): Promise<DemandSummaryItem[]> {
  const refs = await loadRefs(db, rows);
  return rows.map((row) => presentSummary(row, refs, now));
}

export async function listDemands(db: Kysely<DB>, actor: Actor, query: Omit<DemandListQuery, 'page' | 'pageSize'>, page: PageRequest, now = new Date()) {
  const scope = scopeOf(actor);
  let filtered = base(db).where(scope);
  const states = query.state === undefined ? null : Array.isArray(query.state) ? query.state : [query.state];
  if (states?.length) filtered = filtered.where('demands.state', 'in', states);
  if (query.view === 'open') filtered = filtered.where('demands.state', 'in', [...OPEN_STATES]);
  if (query.view === 'queue') filtered = filtered.where('demands.state', 'in', ['submitted', 'triaged']);
  if (query.view === 'mine') filtered = filtered.where((eb) => eb.or([eb('demands.handler_user_id', '=', actor.userId), eb('demands.submitted_by', '=', actor.userId)]));
  if (query.view === 'overdue') filtered = filtered.where('demands.state', 'in', [...HANDLING]).where('demands.resolution_due_at', '<', now);
  if (query.categoryCode) filtered = filtered.where('demands.category_code', '=', query.categoryCode);
  if (query.enterpriseId) filtered = filtered.where('demands.enterprise_id', '=', query.enterpriseId);
  if (query.handlerOrgId) filtered = filtered.where('demands.handler_org_id', '=', query.handlerOrgId);
  if (query.dispatchMode) filtered = filtered.where('demands.dispatch_mode', '=', query.dispatchMode);
  if (query.channel) filtered = filtered.where('demands.channel', '=', query.channel);
  if (query.importBatchId !== undefined) {
    // The submit step of an imported work order names its batch (demands.import.ts).
    const batchId = String(query.importBatchId);
    filtered = filtered.where('demands.channel', '=', 'hotline').where((eb) =>
      eb.exists(eb.selectFrom('demand_events').whereRef('demand_events.demand_id', '=', 'demands.id').where('demand_events.action', '=', 'submit').where(sql<boolean>`demand_events.details ->> 'batchId' = ${batchId}`).select(sql`1`.as('one'))),
    );
  }
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or([eb('demands.title', 'like', like), eb('demands.description', 'like', like)]));
  }
  const { rows, total } = await findPage(filtered, (q) => q.selectAll('demands').select('enterprises.name as enterprise_name').orderBy('demands.id', 'desc'), page);
  return { items: await present(db, rows, now), total, ...page };
}

/** The 抢单 pool: offers open to the actor's provider. */
export async function listPool(db: Kysely<DB>, actor: Actor, page: PageRequest, now = new Date()) {
  if (!hasRole(actor, 'provider_staff') || actor.orgType !== 'service_provider') throw new AppError('forbidden', 'The claim pool is for service providers');
  const filtered = base(db).where('demands.state', '=', 'offered').where(sql<boolean>`${actor.orgId} = any(demands.offer_org_ids)`);
  const { rows, total } = await findPage(filtered, (q) => q.selectAll('demands').select('enterprises.name as enterprise_name').orderBy('demands.offered_at', 'asc').orderBy('demands.id'), page);
  return { items: await present(db, rows, now), total, ...page };
}

/** Counts for the actor's home: queue, offers, handling, overdue, due soon, ratings, follow-ups, by category. */
export async function demandSummary(db: Kysely<DB>, settings: DemandSettings, actor: Actor, now = new Date()): Promise<DemandSummaryCounts> {
  const scope = scopeOf(actor);
  const rules = await slaRulesOf(db, settings);
  const soon = addMinutes(now, settings.warningMinutes, rules);
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  const today = todayInCounty(now);
  const [byStateRows, figures, byCategoryRows, categories] = await Promise.all([
    base(db).where(scope).select(['demands.state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('demands.state').execute(),
    base(db)
      .where(scope)
      .select([
        sql<number>`count(*) filter (where demands.state in ('assigned','accepted','in_progress') and demands.resolution_due_at < ${now})`.as('overdue'),
        sql<number>`count(*) filter (where demands.state in ('assigned','accepted','in_progress') and demands.resolution_due_at >= ${now} and demands.resolution_due_at < ${soon})`.as('due_soon'),
        sql<number>`count(*) filter (where demands.resolved_at >= ${since})`.as('resolved_30'),
        sql<number | null>`avg(demands.rating)`.as('avg_rating'),
        sql<number>`count(demands.rating)`.as('rated'),
        sql<number>`count(*) filter (where demands.rating >= 4)`.as('satisfied'),
        sql<number>`count(*) filter (where demands.state = 'closed' and demands.follow_up_at is null and demands.follow_up_due_on <= ${today})`.as('follow_ups'),
      ])
      .executeTakeFirstOrThrow(),
    base(db)
      .where(scope)
      .where('demands.category_code', 'is not', null)
      .select(['demands.category_code', (eb) => eb.fn.countAll<number>().as('total'), sql<number>`count(*) filter (where demands.state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting'))`.as('open')])
      .groupBy('demands.category_code')
      .execute(),
    repo.findCategories(db),
  ]);
  const byState: Record<string, number> = Object.fromEntries(DEMAND_STATES.map((s) => [s, 0]));
  for (const row of byStateRows) byState[row.state] = Number(row.n);
  const counts = new Map(byCategoryRows.map((r) => [r.category_code!, r]));
  const rated = Number(figures.rated);
  return {
    byState,
    queue: byState.submitted + byState.triaged,
    offered: byState.offered,
    handling: byState.assigned + byState.accepted + byState.in_progress + byState.waiting,
    overdue: Number(figures.overdue),
    dueSoon: Number(figures.due_soon),
    resolvedLast30Days: Number(figures.resolved_30),
    averageRating: figures.avg_rating === null ? null : Math.round(Number(figures.avg_rating) * 100) / 100,
    satisfactionBp: rated === 0 ? null : Math.round((Number(figures.satisfied) * 10_000) / rated),
    followUpsDue: Number(figures.follow_ups),
    byCategory: categories.map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en, open: Number(counts.get(c.code)?.open ?? 0), total: Number(counts.get(c.code)?.total ?? 0) })),
  };
}

/** The overdue board: overdue orders, most overdue first, and the count per handling organisation. */
export async function overdueBoard(db: Kysely<DB>, settings: DemandSettings, actor: Actor, now = new Date()): Promise<OverdueBoard> {
  if (hasRole(actor, 'enterprise_user') && !hasRole(actor, 'dispatcher', ...HANDLER_ROLES)) throw new AppError('forbidden', 'The overdue board is for the dispatch centre and handlers');
  const scope = scopeOf(actor);
  const rows = await base(db)
    .where(scope)
    .where('demands.state', 'in', [...HANDLING])
    .where('demands.resolution_due_at', '<', now)
    .selectAll('demands')
    .select('enterprises.name as enterprise_name')
    .orderBy('demands.resolution_due_at', 'asc')
    .limit(500)
    .execute();
  const rules = await slaRulesOf(db, settings);
  const items = await present(db, rows, now);
  const byOrg = new Map<number, { orgId: number; name: string; overdue: number }>();
  for (const item of items) {
    if (!item.handlerOrg) continue;
    const entry = byOrg.get(item.handlerOrg.id) ?? { orgId: item.handlerOrg.id, name: item.handlerOrg.name, overdue: 0 };
    entry.overdue++;
    byOrg.set(item.handlerOrg.id, entry);
  }
  return {
    items: items.map((item, i) => ({ ...item, overdueMinutes: Math.max(0, -(remainingMinutes(rows[i], now, rules) ?? 0)) })),
    byOrg: [...byOrg.values()].sort((a, b) => b.overdue - a.overdue || a.orgId - b.orgId),
  };
}

const byOrgName = byPinyin((org: { name: string }) => org.name);

/** Organisations to assign or transfer to (by kind, then name in pinyin order), with their open load, users and leaders. */
export async function listHandlers(db: Kysely<DB>, actor: Actor, categoryCode: string | undefined): Promise<HandlerList> {
  if (!hasRole(actor, 'dispatcher', ...HANDLER_ROLES)) throw new AppError('forbidden', 'Handlers are listed for the dispatch centre and handlers');
  const orgs = await db.selectFrom('organizations').where('type', 'in', ['department', 'service_provider', 'dispatch_centre']).select(['id', 'name', 'type', 'service_team']).execute().then((rows) => rows.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || byOrgName(a, b)));
  const eligible = categoryCode ? new Set((await eligibleOrgs(db, await requireCategory(db, categoryCode))).map((o) => o.id)) : new Set<number>();
  const ids = orgs.map((o) => o.id);
  const [load, users, leaders] = await Promise.all([repo.countOpenOrders(db, ids), repo.findOrgUsers(db, ids), repo.findOrgLeaders(db, ids)]);
  return {
    items: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type as 'department' | 'service_provider' | 'dispatch_centre',
      serviceTeam: o.service_team ?? (o.type === 'department' ? 'non_market' : null),
      isEligible: eligible.has(o.id),
      openOrders: load.get(o.id) ?? 0,
      users: users.filter((u) => u.org_id === o.id).map((u) => ({ id: u.id, displayName: u.display_name })),
      leaders: leaders.filter((l) => l.org_id === o.id).slice(0, 5).map((l) => ({ id: l.id, name: l.name, position: l.position, orgId: l.org_id, orgName: l.org_name })),
    })),
  };
}

export async function listCategories(db: Kysely<DB>): Promise<CategoryList> {
  const categories = (await repo.findCategories(db)).filter((c) => c.is_active);
  const orgs = await repo.findOrgsByCodes(db, categories.map((c) => c.department_code));
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  return {
    items: categories.map((c) => {
      const org = byCode.get(c.department_code);
      return { code: c.code, nameZh: c.name_zh, nameEn: c.name_en, department: org ? { id: org.id, name: org.name } : null, responseHours: c.response_hours, resolutionHours: c.resolution_hours };
    }),
  };
}
