/**
 * The role home (GET /api/me/home): for each role of the signed-in user, what needs doing today (counts,
 * each with the list and query filters that show exactly those things), deadlines about to pass (overdue,
 * or due within five working days on the county calendar — about a week), and the few figures the role
 * watches. Every figure is scoped to what the user may see: a bank its own leads, loans and share of the
 * pools; a department its own policies; a cadre their linked firms; a provider its own orders. One round of
 * aggregate queries per role; reads only.
 */
import { sql, type Kysely } from 'kysely';
import { poolBalances } from '../../../core/ledger/pool.ts';
import { OPEN_STATES } from '../../../core/demands/workflow.ts';
import { addCalendarDays, addWorkingDays, endOfDayShanghai, startOfDayShanghai } from '../../../core/sla/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { passwordExpiresAtSql } from '../auth/index.ts';
import { isFinanceOffice } from '../loans/index.ts';
import type { HomeDeadline, HomeFigure, HomeItem, HomeSection, MeHome } from './home.schemas.ts';

/** Working days ahead that count as "about to pass" (five working days ≈ one week). */
export const HORIZON_WORKING_DAYS = 5;
const DEADLINES_PER_KIND = 8;

interface Clock {
  now: Date;
  today: string;
  /** The last county day inside the horizon, and the instant it ends. */
  horizonDate: string;
  horizon: Date;
  /** The start of today and of the day six days ago (the last 7 days, today included). */
  startOfToday: Date;
  weekStart: Date;
  weekDays: string[];
}

type Db = Kysely<DB>;
const n = (value: unknown) => Number(value ?? 0);
const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function item(key: string, count: unknown, link: string | null, severity: HomeItem['severity'] = 'info'): HomeItem {
  const c = n(count);
  // A warning with nothing to warn about is just information.
  return { key, count: c, link, severity: c === 0 ? 'info' : severity };
}

function deadline(key: string, label: string, dueAt: Date | string, now: Date, link: string | null): HomeDeadline {
  const due = dueAt instanceof Date ? dueAt : new Date(dueAt);
  return { key, label, dueAt: due.toISOString(), overdue: due.getTime() < now.getTime(), link };
}

const byDue = (a: HomeDeadline, b: HomeDeadline) => a.dueAt.localeCompare(b.dueAt) || a.label.localeCompare(b.label);

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First and last county day of a 'YYYY-Qn' quarter. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const firstMonth = (q - 1) * 3 + 1;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const nextFirst = q === 4 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, '0')}-01`;
  return { from, to: addCalendarDays(nextFirst, -1) };
}

async function clockOf(db: Db, now: Date): Promise<Clock> {
  const today = todayInCounty(now);
  let horizonDate: string;
  try {
    horizonDate = addWorkingDays(today, HORIZON_WORKING_DAYS, await loadWorkingCalendar(db));
  } catch {
    // A date outside the calendar's years: a plain week.
    horizonDate = addCalendarDays(today, 7);
  }
  const weekDays = Array.from({ length: 7 }, (_, i) => addCalendarDays(today, i - 6));
  return {
    now,
    today,
    horizonDate,
    horizon: endOfDayShanghai(horizonDate),
    startOfToday: startOfDayShanghai(today),
    weekStart: startOfDayShanghai(weekDays[0]),
    weekDays,
  };
}

// Department staff: their own department's policies ------------------------------------------------------

const REVIEW_STATUSES = ['submitted', 'accepted', 'in_review', 'notice_passed'] as const;

async function departmentSection(db: Db, actor: Actor, c: Clock): Promise<HomeSection> {
  const dept = actor.orgId;
  const [counts, stepDue, notices, reach] = await Promise.all([
    sql<Record<string, number>>`
      select
        count(*) filter (where a.status = 'submitted')::int as submitted,
        count(*) filter (where a.status = 'accepted')::int as accepted,
        count(*) filter (where a.status = 'in_review')::int as in_review,
        count(*) filter (where a.status = 'notice_passed' and not a.eligibility_only)::int as notice_passed,
        count(*) filter (where a.status = 'in_notice')::int as in_notice,
        count(*) filter (where a.status in ('submitted','accepted','in_review','notice_passed') and a.step_due_at < ${c.now})::int as overdue,
        (select count(*) from disbursements d join policies dp on dp.id = d.policy_id
          where dp.department_org_id = ${dept} and d.status = 'prepared')::int as payments_prepared
      from applications a join policies p on p.id = a.policy_id
      where p.department_org_id = ${dept}`.execute(db),
    db
      .selectFrom('applications as a')
      .innerJoin('policies as p', 'p.id', 'a.policy_id')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .where('p.department_org_id', '=', dept)
      .where('a.status', 'in', [...REVIEW_STATUSES])
      .where('a.step_due_at', '<=', c.horizon)
      .select(['a.id', 'a.step_due_at', 'e.name'])
      .orderBy('a.step_due_at')
      .orderBy('a.id')
      .limit(DEADLINES_PER_KIND)
      .execute(),
    db
      .selectFrom('applications as a')
      .innerJoin('policies as p', 'p.id', 'a.policy_id')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .where('p.department_org_id', '=', dept)
      .where('a.status', '=', 'in_notice')
      .where('a.notice_until', '<=', c.horizon)
      .select(['a.id', 'a.notice_until', 'e.name'])
      .orderBy('a.notice_until')
      .orderBy('a.id')
      .limit(DEADLINES_PER_KIND)
      .execute(),
    sql<{ id: number; title: string; matched: number; applied: number; granted: number }>`
      select p.id, v.title,
        (select count(*) from policy_matches m where m.policy_version_id = v.id and m.outcome = 'eligible')::int as matched,
        (select count(distinct a.enterprise_id) from applications a where a.policy_id = p.id and a.status <> 'withdrawn')::int as applied,
        (select count(distinct d.enterprise_id) from disbursements d where d.policy_id = p.id and d.status = 'paid')::int as granted
      from policies p join policy_versions v on v.policy_id = p.id and v.status = 'published'
      where p.department_org_id = ${dept}
      order by matched desc, applied desc, p.id
      limit 8`.execute(db),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'department_staff',
    items: [
      item('applications_submitted', k.submitted, '/gov/applications?status=submitted', 'warning'),
      item('applications_accepted', k.accepted, '/gov/applications?status=accepted', 'warning'),
      item('applications_in_review', k.in_review, '/gov/applications?status=in_review', 'warning'),
      item('applications_overdue', k.overdue, '/gov/applications?overdue=true', 'danger'),
      item('notices_running', k.in_notice, '/gov/applications?status=in_notice'),
      item('applications_to_pay', k.notice_passed, '/gov/applications?status=notice_passed', 'warning'),
      item('payments_to_check', k.payments_prepared, '/gov/payments?status=prepared', 'warning'),
    ],
    deadlines: [
      ...stepDue.map((r) => deadline('application_step', r.name, r.step_due_at!, c.now, `/gov/applications/${r.id}`)),
      ...notices.map((r) => deadline('notice_ends', r.name, r.notice_until!, c.now, `/gov/applications/${r.id}`)),
    ].sort(byDue),
    figures: [
      {
        key: 'policy_reach',
        unit: 'count',
        series: ['matched', 'applied', 'granted'],
        points: reach.rows.map((r) => ({ key: String(r.id), label: r.title, labelEn: null, values: [r.matched, r.applied, r.granted] })),
      },
    ],
  };
}

// Pools: capacity and coverage (all, or a bank's share) --------------------------------------------------

async function poolUsage(db: Db, bankOrgId: number | null): Promise<HomeFigure> {
  let poolsQuery = db.selectFrom('risk_pools as rp').where('rp.status', '=', 'active').select(['rp.id', 'rp.name', 'rp.leverage']);
  if (bankOrgId !== null) poolsQuery = poolsQuery.where('rp.id', 'in', db.selectFrom('risk_pool_banks').where('bank_org_id', '=', bankOrgId).select('pool_id'));
  const pools = await poolsQuery.orderBy('rp.id').execute();
  const ids = pools.map((p) => p.id);
  const [entries, covered] = ids.length
    ? await Promise.all([
        db
          .selectFrom('ledger_entries as e')
          .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
          .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
          .where('e.pool_id', 'in', ids)
          .groupBy(['e.pool_id', 'd.code', 'c.code'])
          .select(['e.pool_id', 'd.code as debit', 'c.code as credit', (eb) => eb.fn.sum<number>('e.amount_fen').as('amountFen')])
          .execute(),
        (() => {
          let q = db.selectFrom('risk_pool_registrations').where('pool_id', 'in', ids).where('status', '=', 'active');
          if (bankOrgId !== null) q = q.where('bank_org_id', '=', bankOrgId);
          return q.groupBy('pool_id').select(['pool_id', (eb) => eb.fn.sum<number>('covered_fen').as('covered')]).execute();
        })(),
      ])
    : [[], []];
  const coveredBy = new Map(covered.map((r) => [r.pool_id, n(r.covered)]));
  return {
    key: 'pool_usage',
    unit: 'fen',
    series: ['covered', 'capacity'],
    points: pools.map((pool) => {
      const balances = poolBalances(entries.filter((e) => e.pool_id === pool.id).map((e) => ({ debit: e.debit, credit: e.credit, amountFen: n(e.amountFen) })));
      return { key: String(pool.id), label: pool.name, labelEn: null, values: [coveredBy.get(pool.id) ?? 0, balances.capitalFen * pool.leverage] };
    }),
  };
}

// The finance office (金融办): products, claims, escalated leads over every bank --------------------------

async function financeOfficeSection(db: Db, c: Clock): Promise<HomeSection> {
  const [counts, pools, byBank] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from loan_product_versions where status = 'in_review')::int as products_in_review,
        (select count(*) from risk_pool_claims where status = 'filed')::int as claims_filed,
        (select count(*) from risk_pool_claims where status = 'approved')::int as claims_approved,
        (select count(*) from loan_applications where status in ('submitted','in_review') and escalated_at is not null)::int as leads_escalated,
        (select count(*) from loan_applications where status in ('submitted','in_review') and due_at < ${c.now})::int as leads_overdue`.execute(db),
    poolUsage(db, null),
    sql<{ id: number; name: string; open: number; overdue: number }>`
      select b.id, b.name,
        count(*) filter (where a.status in ('submitted','in_review'))::int as open,
        count(*) filter (where a.status in ('submitted','in_review') and a.due_at < ${c.now})::int as overdue
      from loan_applications a join organizations b on b.id = a.bank_org_id
      group by b.id, b.name having count(*) filter (where a.status in ('submitted','in_review')) > 0
      order by open desc, b.id limit 10`.execute(db),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'finance_office',
    items: [
      item('products_in_review', k.products_in_review, '/gov/finance/products', 'warning'),
      item('claims_to_approve', k.claims_filed, '/gov/finance/risk-pools', 'warning'),
      item('claims_to_pay', k.claims_approved, '/gov/finance/risk-pools', 'warning'),
      item('leads_escalated', k.leads_escalated, null, 'danger'),
      item('leads_overdue', k.leads_overdue, null, 'danger'),
    ],
    deadlines: [],
    figures: [pools, { key: 'open_leads_by_bank', unit: 'count', series: ['open', 'overdue'], points: byBank.rows.map((r) => ({ key: String(r.id), label: r.name, labelEn: null, values: [r.open, r.overdue] })) }],
  };
}

// Data admin: imports, disputes, completeness ------------------------------------------------------------

export const COMPLETENESS_BUCKETS = ['none', '0-20', '20-40', '40-60', '60-80', '80-100'] as const;

async function dataAdminSection(db: Db): Promise<HomeSection> {
  const [counts, completeness] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from import_batches where status = 'queued')::int as queued,
        (select count(*) from import_batches where status = 'running')::int as running,
        (select count(*) from import_batches where status = 'failed')::int as failed,
        (select count(*) from import_batches where status = 'completed' and error_rows > 0)::int as with_errors,
        (select count(*) from data_disputes where status = 'open')::int as disputes_open`.execute(db),
    sql<{ bucket: string; n: number }>`
      select case when completeness_bp is null then 'none'
                  when completeness_bp < 2000 then '0-20' when completeness_bp < 4000 then '20-40'
                  when completeness_bp < 6000 then '40-60' when completeness_bp < 8000 then '60-80' else '80-100' end as bucket,
             count(*)::int as n
      from enterprises group by 1`.execute(db),
  ]);
  const k = counts.rows[0];
  const buckets = new Map(completeness.rows.map((r) => [r.bucket, r.n]));
  return {
    kind: 'data_admin',
    items: [
      item('imports_running', k.running, '/gov/data/imports?status=running'),
      item('imports_queued', k.queued, '/gov/data/imports?status=queued'),
      item('imports_failed', k.failed, '/gov/data/imports?status=failed', 'danger'),
      item('disputes_open', k.disputes_open, '/gov/data/disputes?status=open', 'warning'),
    ],
    deadlines: [],
    figures: [{ key: 'completeness', unit: 'count', series: ['enterprises'], points: COMPLETENESS_BUCKETS.map((b) => ({ key: b, label: null, labelEn: null, values: [buckets.get(b) ?? 0] })) }],
  };
}

// Demands: the dispatcher, providers and cadres as handlers ----------------------------------------------

const HANDLING = ['assigned', 'accepted', 'in_progress'] as const;

async function dispatcherSection(db: Db, c: Clock): Promise<HomeSection> {
  const [counts, due, byCategory] = await Promise.all([
    sql<Record<string, number>>`
      select
        count(*) filter (where state in ('submitted','triaged'))::int as queue,
        count(*) filter (where state = 'offered')::int as offered,
        count(*) filter (where state in ('assigned','accepted','in_progress') and resolution_due_at < ${c.now})::int as overdue,
        count(*) filter (where state in ('assigned','accepted','in_progress') and resolution_due_at >= ${c.now} and resolution_due_at <= ${c.horizon})::int as due_soon,
        count(*) filter (where escalation_level >= 3 and state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting'))::int as escalated
      from demands`.execute(db),
    db
      .selectFrom('demands')
      .where('state', 'in', [...HANDLING])
      .where('resolution_due_at', '<=', c.horizon)
      .select(['id', 'title', 'resolution_due_at'])
      .orderBy('resolution_due_at')
      .orderBy('id')
      .limit(DEADLINES_PER_KIND)
      .execute(),
    sql<{ code: string; name_zh: string; name_en: string; open: number }>`
      select c.code, c.name_zh, c.name_en, count(d.id)::int as open
      from demand_categories c
      left join demands d on d.category_code = c.code and d.state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting')
      group by c.code, c.name_zh, c.name_en, c.sort_order order by c.sort_order, c.code`.execute(db),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'dispatcher',
    items: [
      item('demands_queue', k.queue, '/gov/demands?view=queue', 'warning'),
      item('demands_overdue', k.overdue, '/gov/demands?view=overdue', 'danger'),
      item('demands_offered', k.offered, '/gov/demands?state=offered'),
      item('demands_due_soon', k.due_soon, null, 'warning'),
    ],
    deadlines: due.map((r) => deadline('demand_resolution', r.title, r.resolution_due_at!, c.now, `/gov/demands/${r.id}`)),
    figures: [{ key: 'open_by_category', unit: 'count', series: ['open'], points: byCategory.rows.map((r) => ({ key: r.code, label: r.name_zh, labelEn: r.name_en, values: [r.open] })) }],
  };
}

async function providerSection(db: Db, actor: Actor, c: Clock): Promise<HomeSection> {
  const org = actor.orgId;
  // The provider's orders: as the demands list scopes a handler (its organisation's, given to the user, filed by the user).
  const mine = sql`(d.handler_org_id = ${org} or d.handler_user_id = ${actor.userId} or d.submitted_by = ${actor.userId})`;
  const [counts, due, ratings] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from demands p where p.state = 'offered' and ${org} = any(p.offer_org_ids))::int as pool,
        count(*) filter (where d.state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting'))::int as open,
        count(*) filter (where d.state in ('assigned','accepted','in_progress') and d.resolution_due_at < ${c.now})::int as overdue,
        count(*) filter (where d.state = 'assigned')::int as to_accept
      from demands d where ${mine}`.execute(db),
    sql<{ id: number; title: string; due: Date }>`
      select d.id, d.title, d.resolution_due_at as due from demands d
      where ${mine} and d.state in ('assigned','accepted','in_progress') and d.resolution_due_at <= ${c.horizon}
      order by d.resolution_due_at, d.id limit ${DEADLINES_PER_KIND}`.execute(db),
    sql<{ rating: number; n: number }>`
      select rating, count(*)::int as n from demands where handler_org_id = ${org} and rating is not null group by rating`.execute(db),
  ]);
  const k = counts.rows[0];
  const byRating = new Map(ratings.rows.map((r) => [n(r.rating), r.n]));
  const rated = ratings.rows.reduce((s, r) => s + r.n, 0);
  const average = rated ? Math.round((ratings.rows.reduce((s, r) => s + n(r.rating) * r.n, 0) / rated) * 100) / 100 : 0;
  return {
    kind: 'provider_staff',
    items: [
      item('claim_pool', k.pool, '/provider/pool', 'warning'),
      item('orders_open', k.open, '/provider/orders?view=open'),
      item('orders_overdue', k.overdue, '/provider/orders?view=overdue', 'danger'),
      item('orders_to_accept', k.to_accept, '/provider/orders?state=assigned', 'warning'),
    ],
    deadlines: due.rows.map((r) => deadline('demand_resolution', r.title, r.due, c.now, `/provider/demands/${r.id}`)),
    figures: [
      { key: 'average_rating', unit: 'rating', series: ['rating'], points: [{ key: 'average', label: null, labelEn: null, values: [average] }] },
      { key: 'ratings', unit: 'count', series: ['ratings'], points: [1, 2, 3, 4, 5].map((r) => ({ key: String(r), label: null, labelEn: null, values: [byRating.get(r) ?? 0] })) },
    ],
  };
}

async function cadreSection(db: Db, actor: Actor, c: Clock): Promise<HomeSection> {
  const cadre = await db.selectFrom('cadres').where('user_id', '=', actor.userId).select('id').orderBy('id').executeTakeFirst();
  const cadreId = cadre?.id ?? 0;
  const quarter = quarterOf(c.today);
  const { from, to } = quarterRange(quarter);
  const open = sql.join(OPEN_STATES.map((s) => sql`${s}`));
  const linked = sql`(select enterprise_id from cadre_links where cadre_id = ${cadreId} and unlinked_on is null)`;
  // A plan is due while the cadre has not visited the firm in the plan's quarter (and the firm is still theirs).
  const unvisited = sql`not exists (select 1 from visits v where v.cadre_id = vp.cadre_id and v.enterprise_id = vp.enterprise_id and v.visited_on between ${from} and ${to})`;
  const [counts, plans, byState] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from cadre_links where cadre_id = ${cadreId} and unlinked_on is null)::int as firms,
        (select count(distinct d.enterprise_id) from demands d where d.enterprise_id in ${linked} and d.state in (${open}))::int as firms_with_demands,
        (select count(*) from demands d where d.enterprise_id in ${linked} and d.state in (${open}))::int as firm_demands,
        (select count(*) from visit_plans vp where vp.cadre_id = ${cadreId} and vp.quarter = ${quarter} and vp.enterprise_id in ${linked} and ${unvisited})::int as visits_due,
        (select count(distinct v.enterprise_id) from visits v where v.cadre_id = ${cadreId} and v.visited_on between ${from} and ${to})::int as visited,
        (select count(*) from visit_plans vp where vp.cadre_id = ${cadreId} and vp.quarter = ${quarter} and vp.enterprise_id in ${linked})::int as planned,
        (select count(*) from demands d where (d.handler_org_id = ${actor.orgId} or d.handler_user_id = ${actor.userId} or d.submitted_by = ${actor.userId})
           and d.state in (${open}))::int as orders_open`.execute(db),
    sql<{ enterprise_id: number; name: string; due: string }>`
      select vp.enterprise_id, e.name, coalesce(vp.planned_on, ${to}::date)::text as due
      from visit_plans vp join enterprises e on e.id = vp.enterprise_id
      where vp.cadre_id = ${cadreId} and vp.quarter = ${quarter} and vp.enterprise_id in ${linked} and ${unvisited}
        and coalesce(vp.planned_on, ${to}::date) <= ${c.horizonDate}::date
      order by 3, e.name limit ${DEADLINES_PER_KIND}`.execute(db),
    sql<{ state: string; n: number }>`
      select d.state, count(*)::int as n from demands d where d.enterprise_id in ${linked} and d.state in (${open}) group by d.state`.execute(db),
  ]);
  const k = counts.rows[0];
  const states = new Map(byState.rows.map((r) => [r.state, r.n]));
  return {
    kind: 'cadre',
    items: [
      // 我的企业 lists the firms; its openDemands filter shows the firms holding the open demands, with their sum.
      item('my_firms', k.firms, '/gov/my-enterprises'),
      item('firms_with_open_demands', k.firms_with_demands, '/gov/my-enterprises?openDemands=true', 'warning'),
      item('firm_open_demands', k.firm_demands, '/gov/my-enterprises?openDemands=true', 'warning'),
      item('visits_due', k.visits_due, '/gov/my-enterprises?visitDue=true', 'warning'),
      item('orders_open', k.orders_open, '/gov/demands?view=open', 'warning'),
    ],
    deadlines: plans.rows.map((r) => deadline('visit_plan', r.name, endOfDayShanghai(r.due), c.now, `/gov/enterprises/${r.enterprise_id}`)),
    figures: [
      { key: 'visits_quarter', unit: 'count', series: ['planned', 'visited'], points: [{ key: quarter, label: quarter, labelEn: quarter, values: [k.planned, k.visited] }] },
      { key: 'firm_demands_by_state', unit: 'count', series: ['demands'], points: OPEN_STATES.map((s) => ({ key: s, label: null, labelEn: null, values: [states.get(s) ?? 0] })) },
    ],
  };
}

// Bank: its own leads, loans and share of the pools ------------------------------------------------------

async function bankSection(db: Db, actor: Actor, c: Clock): Promise<HomeSection> {
  const bank = actor.orgId;
  const [counts, due, pools] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from loan_applications where bank_org_id = ${bank} and status in ('submitted','in_review'))::int as leads_open,
        (select count(*) from loan_applications where bank_org_id = ${bank} and status in ('submitted','in_review') and due_at < ${c.now})::int as leads_overdue,
        (select count(*) from loan_applications where bank_org_id = ${bank} and status in ('submitted','in_review') and due_at >= ${c.now} and due_at <= ${c.horizon})::int as leads_due_soon,
        (select count(*) from loans where bank_org_id = ${bank} and status = 'overdue')::int as loans_overdue,
        (select count(*) from risk_pool_claims where bank_org_id = ${bank} and status = 'filed')::int as claims_filed`.execute(db),
    db
      .selectFrom('loan_applications as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .where('a.bank_org_id', '=', bank)
      .where('a.status', 'in', ['submitted', 'in_review'])
      .where('a.due_at', '<=', c.horizon)
      .select(['a.id', 'a.due_at', 'e.name'])
      .orderBy('a.due_at')
      .orderBy('a.id')
      .limit(DEADLINES_PER_KIND)
      .execute(),
    poolUsage(db, bank),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'bank_staff',
    items: [
      item('leads_open', k.leads_open, '/bank/leads', 'warning'),
      item('leads_overdue', k.leads_overdue, '/bank/leads?filter=overdue', 'danger'),
      item('leads_due_soon', k.leads_due_soon, null, 'warning'),
      item('loans_overdue', k.loans_overdue, '/bank/loans?status=overdue', 'danger'),
      item('claims_filed', k.claims_filed, '/bank/claims'),
    ],
    deadlines: due.map((r) => deadline('lead_response', r.name, r.due_at, c.now, `/bank/leads/${r.id}`)),
    figures: [pools],
  };
}

// Admin and auditor: accounts and security events --------------------------------------------------------

async function securityByDay(db: Db, c: Clock): Promise<HomeFigure> {
  const rows = await sql<{ day: string; success: number; failure: number; denied: number }>`
    select (at at time zone 'Asia/Shanghai')::date::text as day,
      count(*) filter (where outcome = 'success')::int as success,
      count(*) filter (where outcome = 'failure')::int as failure,
      count(*) filter (where outcome = 'denied')::int as denied
    from audit_log where at >= ${c.weekStart} group by 1`.execute(db);
  const byDay = new Map(rows.rows.map((r) => [r.day, r]));
  return {
    key: 'audit_by_day',
    unit: 'count',
    series: ['success', 'failure', 'denied'],
    points: c.weekDays.map((day) => {
      const r = byDay.get(day);
      return { key: day, label: day.slice(5), labelEn: day.slice(5), values: [r?.success ?? 0, r?.failure ?? 0, r?.denied ?? 0] };
    }),
  };
}

async function accountsByRole(db: Db): Promise<HomeFigure> {
  const byRole = await sql<{ role: string; n: number }>`select r as role, count(*)::int as n from users, unnest(roles) as r where not is_disabled group by r order by r`.execute(db);
  return { key: 'accounts_by_role', unit: 'count', series: ['accounts'], points: byRole.rows.map((r) => ({ key: r.role, label: null, labelEn: null, values: [r.n] })) };
}

/** The system administrator: accounts and organisations (nothing from the audit log: that is the auditor's). */
async function adminSection(db: Db): Promise<HomeSection> {
  const [counts, byRole] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from users where last_login_at is null and not is_disabled)::int as never_signed_in,
        (select count(*) from users where is_disabled)::int as disabled,
        (select count(*) from users where must_change_password and not is_disabled)::int as must_change,
        (select count(*) from organizations)::int as orgs`.execute(db),
    accountsByRole(db),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'admin',
    items: [
      item('accounts_never_signed_in', k.never_signed_in, '/gov/admin/users?status=never_signed_in', 'warning'),
      item('accounts_disabled', k.disabled, '/gov/admin/users?status=disabled'),
      item('accounts_must_change_password', k.must_change, null),
      item('organizations', k.orgs, '/gov/admin/orgs'),
    ],
    deadlines: [],
    figures: [byRole],
  };
}

/**
 * The security administrator: sign-in locks, live sessions, passwords expired or expiring (with the
 * soonest as deadlines), failed sign-ins counted by the lock table (not the audit log: the auditor's).
 */
async function securityAdminSection(db: Db, c: Clock, config: { maxAgeDays: number; warnDays: number }): Promise<HomeSection> {
  const maxAge = config.maxAgeDays;
  const expiresAt = passwordExpiresAtSql(maxAge);
  const warnFrom = new Date(c.now.getTime() + config.warnDays * 86_400_000);
  const [counts, soon, byRole] = await Promise.all([
    sql<Record<string, number>>`
      select
        (select count(*) from login_throttle where locked_until > ${c.now})::int as locks,
        (select count(distinct t.username) from login_throttle t join users u on lower(u.username) = t.username where t.locked_until > ${c.now})::int as locked_accounts,
        (select coalesce(sum(failures), 0) from login_throttle where last_failure_at >= ${c.weekStart})::int as failures_pending,
        (select count(*) from sessions where expires_at > ${c.now})::int as sessions,
        (select count(*) from users where not is_disabled and ${maxAge} > 0 and ${expiresAt} <= ${c.now})::int as expired,
        (select count(*) from users where not is_disabled and ${maxAge} > 0 and ${expiresAt} > ${c.now} and ${expiresAt} <= ${warnFrom})::int as expiring`.execute(db),
    maxAge > 0
      ? sql<{ username: string; display_name: string; expires_at: Date }>`
          select username, display_name, ${expiresAt} as expires_at from users
          where not is_disabled and ${expiresAt} <= ${warnFrom} order by password_changed_at, id limit 10`.execute(db)
      : Promise.resolve({ rows: [] as { username: string; display_name: string; expires_at: Date }[] }),
    accountsByRole(db),
  ]);
  const k = counts.rows[0];
  return {
    kind: 'security_admin',
    items: [
      item('sign_in_locks', k.locks, '/gov/security?tab=lockouts', 'danger'),
      item('accounts_locked', k.locked_accounts, '/gov/security?tab=lockouts', 'danger'),
      item('sessions_live', k.sessions, '/gov/security?tab=sessions'),
      item('passwords_expired', k.expired, '/gov/security?tab=passwords', 'danger'),
      item('passwords_expiring', k.expiring, '/gov/security?tab=passwords', 'warning'),
      item('failed_sign_ins_pending', k.failures_pending, '/gov/security?tab=lockouts', 'warning'),
    ],
    deadlines: soon.rows.map((r) => deadline('password_expires', `${r.display_name}（${r.username}）`, r.expires_at, c.now, '/gov/security?tab=passwords')),
    figures: [byRole],
  };
}

async function auditorSection(db: Db, c: Clock): Promise<HomeSection> {
  const [counts, events] = await Promise.all([
    sql<Record<string, number>>`
      select
        count(*) filter (where at >= ${c.startOfToday})::int as today,
        count(*)::int as week,
        count(*) filter (where outcome = 'denied')::int as denied,
        count(*) filter (where outcome = 'failure')::int as failures,
        count(*) filter (where action like '%export%')::int as exports
      from audit_log where at >= ${c.weekStart}`.execute(db),
    securityByDay(db, c),
  ]);
  const k = counts.rows[0];
  const since = (from: Date, extra = '') => `/gov/audit?from=${encodeURIComponent(iso(from))}${extra}`;
  return {
    kind: 'auditor',
    items: [
      item('audit_today', k.today, since(c.startOfToday)),
      item('audit_7d', k.week, since(c.weekStart)),
      item('refusals_7d', k.denied, since(c.weekStart, '&outcome=denied'), 'warning'),
      item('failures_7d', k.failures, since(c.weekStart, '&outcome=failure'), 'warning'),
      item('exports_7d', k.exports, null),
    ],
    deadlines: [],
    figures: [events],
  };
}

// The enterprise: its own matches, demands, applications and loans ---------------------------------------

async function enterpriseSection(db: Db, actor: Actor): Promise<HomeSection> {
  const own = sql`(select id from enterprises where org_id = ${actor.orgId})`;
  const counts = await sql<Record<string, number>>`
    select
      (select count(*) from policy_matches m join policy_versions v on v.id = m.policy_version_id and v.status = 'published'
        where m.enterprise_id in ${own} and m.outcome = 'eligible')::int as matched,
      (select coalesce(sum(m.amount_fen), 0) from policy_matches m join policy_versions v on v.id = m.policy_version_id and v.status = 'published'
        where m.enterprise_id in ${own} and m.outcome = 'eligible')::bigint as matched_fen,
      (select count(*) from demands where enterprise_id in ${own} and state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting'))::int as demands_open,
      (select count(*) from applications where enterprise_id in ${own} and status not in ('paid','rejected','withdrawn'))::int as applications_open,
      (select count(*) from loan_applications where enterprise_id in ${own} and status in ('submitted','in_review','approved','contracted'))::int as loans_pending,
      (select count(*) from loans where enterprise_id in ${own} and status in ('active','overdue'))::int as loans_active`.execute(db);
  const k = counts.rows[0];
  return {
    kind: 'enterprise_user',
    items: [
      item('policies_matched', k.matched, '/portal'),
      item('demands_open', k.demands_open, '/portal/demands'),
      item('applications_open', k.applications_open, '/portal/applications'),
      item('loan_applications_pending', k.loans_pending, '/portal/loans'),
      item('loans_active', k.loans_active, '/portal/loans'),
    ],
    deadlines: [],
    figures: [{ key: 'matched_amount', unit: 'fen', series: ['amount'], points: [{ key: 'matched', label: null, labelEn: null, values: [n(k.matched_fen)] }] }],
  };
}

/** The signed-in user's home: one section per role (and the finance office's for 金融办 staff). */
export async function readMyHome(db: Db, actor: Actor, now = new Date(), passwordPolicy = { maxAgeDays: 90, warnDays: 14 }): Promise<MeHome> {
  const c = await clockOf(db, now);
  const jobs: Promise<HomeSection>[] = [];
  if (hasRole(actor, 'department_staff') && actor.orgType === 'department') {
    jobs.push(departmentSection(db, actor, c));
    if (await isFinanceOffice(db, actor)) jobs.push(financeOfficeSection(db, c));
  }
  if (hasRole(actor, 'data_admin')) jobs.push(dataAdminSection(db));
  if (hasRole(actor, 'dispatcher')) jobs.push(dispatcherSection(db, c));
  if (hasRole(actor, 'cadre')) jobs.push(cadreSection(db, actor, c));
  if (hasRole(actor, 'bank_staff') && actor.orgType === 'bank') jobs.push(bankSection(db, actor, c));
  if (hasRole(actor, 'provider_staff') && actor.orgType === 'service_provider') jobs.push(providerSection(db, actor, c));
  if (hasRole(actor, 'admin')) jobs.push(adminSection(db));
  if (hasRole(actor, 'security_admin')) jobs.push(securityAdminSection(db, c, passwordPolicy));
  if (hasRole(actor, 'auditor')) jobs.push(auditorSection(db, c));
  if (hasRole(actor, 'enterprise_user') && actor.orgType === 'enterprise') jobs.push(enterpriseSection(db, actor));
  return { today: c.today, horizon: c.horizonDate, sections: await Promise.all(jobs) };
}
