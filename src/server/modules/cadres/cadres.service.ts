/**
 * Cadres and their links (千人联千企): the list with coverage and work, leaderboards, a cadre's detail,
 * 我的企业 for the signed-in cadre, linking and reassignment with history, an enterprise's cadre.
 */
import type { Kysely } from 'kysely';
import { byPinyin } from '../../../core/text/pinyin-sort.ts';
import { coverageBy, maskPhone, previousQuarter, quarterOf, quarterRange, totalCoverage, type Coverage } from '../../../core/cadres/coverage.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActor, hasRole, type Actor } from '../../request-context.ts';
import { findApplicationsOfEnterprise, loansOfEnterprise } from '../loans/index.ts';
import { findCurrentApplicationsOfEnterprise } from '../applications/index.ts';
import { recordAudit } from '../audit/index.ts';
import { authorizeEnterpriseRead, findEnterpriseRef } from '../enterprises/index.ts';
import { findEligibleMatchesOfEnterprises } from '../matching/index.ts';
import { findLiveVersions } from '../policies/index.ts';
import { canReadCadre, requireCadreViewer, requireLinkManager, seesFullPhone, viewsAllCadres } from './cadres.policy.ts';
import { presentLink, presentVisit } from './cadres.presenter.ts';
import * as repo from './cadres.repository.ts';
import type { CadreDetail, CadreListQuery, CadreSummary, LinkInput, MyEnterprises, MyEnterprisesQuery } from './cadres.schemas.ts';
import { countyStats, EMPTY_COVERAGE, quarterPairs, workOf, type CountyStats } from './cadres.stats.ts';

const currentQuarter = (today: string) => quarterOf(today);

function summaryOf(actor: Actor, cadre: repo.CadreRow, stats: CountyStats): CadreSummary {
  return {
    id: cadre.id,
    name: cadre.name,
    position: cadre.position,
    orgId: cadre.org_id,
    orgName: cadre.org_name,
    townCode: cadre.town_code,
    townName: cadre.town_name,
    phone: seesFullPhone(actor, cadre) ? cadre.phone : maskPhone(cadre.phone),
    hasAccount: cadre.user_id !== null,
    coverage: stats.coverageByCadre.get(cadre.id) ?? EMPTY_COVERAGE,
    work: workOf(stats, cadre.id),
  };
}

const byCadreName = byPinyin((c: CadreSummary) => c.name);
const byCoverage = (a: CadreSummary, b: CadreSummary) => (b.coverage.rateBp ?? -1) - (a.coverage.rateBp ?? -1) || b.coverage.linked - a.coverage.linked || a.id - b.id;

/** Cadres with their coverage of the quarter and their work; filtered, sorted and paged in memory (the roster is ~1,000). */
export async function listCadres(db: Kysely<DB>, actor: Actor, query: Omit<CadreListQuery, 'page' | 'pageSize'>, { page, pageSize }: PageRequest, now = new Date()) {
  requireCadreViewer(actor);
  const today = todayInCounty(now);
  const quarter = query.quarter ?? currentQuarter(today);
  const [cadres, stats] = await Promise.all([repo.findAllCadres(db), countyStats(db, quarter, today, now)]);
  const q = query.q?.trim();
  let rows = cadres
    .filter((c) => query.orgId === undefined || c.org_id === query.orgId)
    .filter((c) => query.town === undefined || c.town_code === query.town)
    .filter((c) => !q || c.name.includes(q) || c.position.includes(q) || c.org_name.includes(q))
    .map((c) => summaryOf(actor, c, stats));
  const sort = query.sort ?? 'coverage';
  if (sort === 'coverage') rows = rows.sort(byCoverage);
  else if (sort === 'coverage_asc') rows = rows.sort((a, b) => (a.coverage.rateBp ?? 10_001) - (b.coverage.rateBp ?? 10_001) || b.coverage.linked - a.coverage.linked || a.id - b.id);
  else if (sort === 'work') rows = rows.sort((a, b) => b.work.demandsSolved - a.work.demandsSolved || b.work.demandsCollected - a.work.demandsCollected || a.id - b.id);
  else rows = rows.sort((a, b) => byCadreName(a, b) || a.id - b.id);
  return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize, quarter, asOf: stats.asOf };
}

async function trendOf(db: Executor, quarter: string, today: string, cadreIds?: number[]): Promise<{ quarter: string; coverage: Coverage }[]> {
  const quarters = [quarter];
  while (quarters.length < 4) quarters.unshift(previousQuarter(quarters[0]));
  const out: { quarter: string; coverage: Coverage }[] = [];
  for (const q of quarters) out.push({ quarter: q, coverage: totalCoverage((await quarterPairs(db, q, today, cadreIds)).pairs) });
  return out;
}

/** Coverage and work by unit (the cadres' organisation) and by town (the firms' town), best first. */
export async function leaderboard(db: Kysely<DB>, actor: Actor, quarterAsked: string | undefined, now = new Date()) {
  requireCadreViewer(actor);
  const today = todayInCounty(now);
  const quarter = quarterAsked ?? currentQuarter(today);
  const [cadres, stats, towns, townWork] = await Promise.all([repo.findAllCadres(db), countyStats(db, quarter, today, now), repo.findTowns(db), repo.demandWorkByTown(db)]);
  const cadreById = new Map(cadres.map((c) => [c.id, c]));

  const unitCoverage = coverageBy(stats.pairs, (p) => cadreById.get(p.cadreId)?.org_id ?? null);
  const units = new Map<number, { name: string; cadres: number; collected: number; solved: number; paid: number }>();
  for (const c of cadres) {
    const u = units.get(c.org_id) ?? { name: c.org_name, cadres: 0, collected: 0, solved: 0, paid: 0 };
    const w = workOf(stats, c.id);
    u.cadres++;
    u.collected += w.demandsCollected;
    u.solved += w.demandsSolved;
    u.paid += w.policyPaidFen;
    units.set(c.org_id, u);
  }
  const byUnit = [...units].map(([orgId, u]) => ({
    key: String(orgId),
    name: u.name,
    cadres: u.cadres,
    coverage: unitCoverage.get(orgId) ?? EMPTY_COVERAGE,
    demandsCollected: u.collected,
    demandsSolved: u.solved,
    policyPaidFen: u.paid,
  }));

  const townCoverage = coverageBy(stats.pairs, (p) => stats.townOf.get(p.enterpriseId) ?? null);
  const townPaid = new Map<string, number>();
  const townCadres = new Map<string, Set<number>>();
  for (const p of stats.pairs) {
    const town = stats.townOf.get(p.enterpriseId);
    if (!town) continue;
    townPaid.set(town, (townPaid.get(town) ?? 0) + (stats.paidByEnterprise.get(p.enterpriseId)?.paidFen ?? 0));
    if (!townCadres.has(town)) townCadres.set(town, new Set());
    townCadres.get(town)!.add(p.cadreId);
  }
  const workOfTown = new Map(townWork.map((t) => [t.town_code, t]));
  const byTown = towns.map((t) => ({
    key: t.code,
    name: t.name,
    cadres: townCadres.get(t.code)?.size ?? 0,
    coverage: townCoverage.get(t.code) ?? EMPTY_COVERAGE,
    demandsCollected: workOfTown.get(t.code)?.collected ?? 0,
    demandsSolved: workOfTown.get(t.code)?.solved ?? 0,
    policyPaidFen: townPaid.get(t.code) ?? 0,
  }));
  const best = (a: { coverage: Coverage; key: string }, b: { coverage: Coverage; key: string }) => (b.coverage.rateBp ?? -1) - (a.coverage.rateBp ?? -1) || a.key.localeCompare(b.key);
  return {
    quarter,
    asOf: stats.asOf,
    county: totalCoverage(stats.pairs),
    byUnit: byUnit.filter((u) => u.coverage.linked > 0).sort(best),
    byTown: byTown.sort(best),
    trend: await trendOf(db, quarter, today),
  };
}

async function requireCadre(db: Executor, id: number): Promise<repo.CadreRow> {
  const cadre = await repo.findCadre(db, id);
  if (!cadre) throw notFound('Cadre');
  return cadre;
}

/** One cadre: profile, current links, link history, recent visits, stats of the quarter and the trend. */
export async function getCadre(db: Kysely<DB>, actor: Actor, id: number, quarterAsked?: string, now = new Date()): Promise<CadreDetail> {
  const cadre = await requireCadre(db, id);
  if (!canReadCadre(actor, cadre)) throw new AppError('forbidden', 'A cadre sees their own profile only');
  const today = todayInCounty(now);
  const quarter = quarterAsked ?? currentQuarter(today);
  const [stats, links, visits, trend] = await Promise.all([countyStats(db, quarter, today, now), repo.findLinksOfCadre(db, id), repo.findRecentVisitsOfCadre(db, id, 20), trendOf(db, quarter, today, [id])]);
  return {
    ...summaryOf(actor, cadre, stats),
    quarter,
    links: links.filter((l) => l.unlinked_on === null).map(presentLink),
    history: links.filter((l) => l.unlinked_on !== null).map(presentLink),
    recentVisits: visits.map(presentVisit),
    trend,
  };
}

/** The cadre record of a signed-in cadre (403 when the account is not on the roster). */
export async function requireOwnCadre(db: Executor, actor: Actor): Promise<repo.CadreRow> {
  if (!hasRole(actor, 'cadre')) throw new AppError('forbidden', 'Only a cadre has linked enterprises');
  const cadre = await repo.findCadreOfUser(db, actor.userId);
  if (!cadre) throw new AppError('forbidden', 'Your account is not on the cadre roster');
  return cadre;
}

/**
 * 我的企业: the signed-in cadre's current firms, each with its open demands, the policies it is matched to
 * but has not applied for (with the estimated amounts), its loan status, the last visit and whether it is
 * planned this quarter and still due a visit. `visitDue` and `openDemands` narrow the list to the firms the
 * cadre home counts (GET /api/me/home links here), with the totals of what is listed.
 */
export async function myEnterprises(db: Kysely<DB>, actor: Actor, query: MyEnterprisesQuery = {}, now = new Date()): Promise<MyEnterprises> {
  const cadre = await requireOwnCadre(db, actor);
  const today = todayInCounty(now);
  const quarter = currentQuarter(today);
  const quarterStart = quarterRange(quarter).from;
  const links = (await repo.findLinksOfCadre(db, cadre.id)).filter((l) => l.unlinked_on === null);
  const ids = links.map((l) => l.enterprise_id);
  const [open, lastVisits, plans, { pairs }] = await Promise.all([
    repo.openDemandsOfEnterprises(db, ids),
    repo.lastVisitsOf(db, cadre.id, ids),
    repo.findPlans(db, quarter, [cadre.id]),
    quarterPairs(db, quarter, today, [cadre.id]),
  ]);
  const planned = new Set(plans.map((p) => p.enterprise_id));
  // Visits lie in the past (a future visit is refused), so a last visit on or after the quarter's first day is one in it.
  const isVisitDue = (id: number) => planned.has(id) && !((lastVisits.get(id) ?? '') >= quarterStart);
  const shown = links.filter((l) => (!query.visitDue || isVisitDue(l.enterprise_id)) && (!query.openDemands || (open.get(l.enterprise_id) ?? 0) > 0));
  const shownIds = shown.map((l) => l.enterprise_id);
  const versions = await findLiveVersions(db, today);
  const matches = await findEligibleMatchesOfEnterprises(db, versions.map((v) => v.id), shownIds);
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const items = [];
  for (const link of shown) {
    const [applied, loanApplications, loans] = await Promise.all([
      findCurrentApplicationsOfEnterprise(db, link.enterprise_id),
      findApplicationsOfEnterprise(db, link.enterprise_id),
      loansOfEnterprise(db, link.enterprise_id),
    ]);
    const matchedPolicies = matches
      .filter((m) => m.enterpriseId === link.enterprise_id)
      .map((m) => versionById.get(m.versionId) && { policyId: versionById.get(m.versionId)!.policy_id, title: versionById.get(m.versionId)!.title, amountFen: m.amountFen })
      .filter((m): m is { policyId: number; title: string; amountFen: number | null } => !!m)
      .filter((m) => {
        const application = applied.get(m.policyId);
        return !application || application.status === 'withdrawn' || application.status === 'rejected';
      });
    const latest = [...loanApplications].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())[0];
    const active = loans.filter((l) => l.status === 'active' || l.status === 'overdue');
    items.push({
      id: link.enterprise_id,
      name: link.enterprise_name,
      uscc: link.enterprise_uscc,
      townName: link.town_name,
      linkedOn: link.linked_on,
      openDemands: open.get(link.enterprise_id) ?? 0,
      matchedPolicies,
      matchedAmountFen: matchedPolicies.reduce((sum, m) => sum + (m.amountFen ?? 0), 0),
      loans: {
        applications: loanApplications.length,
        latestApplicationStatus: latest?.status ?? null,
        activeLoans: active.length,
        outstandingFen: active.reduce((sum, l) => sum + l.outstandingPrincipalFen, 0),
        overdue: active.some((l) => l.status === 'overdue' || l.overdueSince !== null),
      },
      lastVisitedOn: lastVisits.get(link.enterprise_id) ?? null,
      plannedThisQuarter: planned.has(link.enterprise_id),
      visitDue: isVisitDue(link.enterprise_id),
    });
  }
  return {
    cadre: { id: cadre.id, name: cadre.name, position: cadre.position, orgName: cadre.org_name },
    quarter,
    coverage: totalCoverage(pairs),
    total: items.length,
    linkedTotal: links.length,
    openDemandsTotal: items.reduce((sum, item) => sum + item.openDemands, 0),
    items,
  };
}

/** Links, paged (government viewers: any; a cadre: their own). */
export async function listLinks(db: Kysely<DB>, actor: Actor, filter: { cadreId?: number; enterpriseId?: number; current?: boolean }, page: PageRequest) {
  let scope: number | undefined;
  if (!viewsAllCadres(actor)) scope = (await requireOwnCadre(db, actor)).id;
  const { rows, total } = await repo.findLinkPage(db, { ...filter, cadreIdScope: scope }, page);
  return { items: rows.map(presentLink), total, ...page };
}

/** An enterprise's current cadre and its history (whoever may read the enterprise's data; audited as a read). */
export async function enterpriseCadre(db: Kysely<DB>, actor: Actor, enterpriseId: number) {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.read');
  const links = await repo.findLinksOfEnterprise(db, enterpriseId);
  const current = links.find((l) => l.unlinked_on === null);
  return {
    enterpriseId,
    current: current ? { ...presentLink(current), phone: seesFullPhone(actor, { user_id: current.cadre_user_id }) ? current.cadre_phone : maskPhone(current.cadre_phone) } : null,
    history: links.filter((l) => l.unlinked_on !== null).map(presentLink),
  };
}

/**
 * Links an enterprise to a cadre. When the firm has a cadre already, that link is closed on the new
 * link's first day with the reason given (required), so the history keeps who looked after the firm when.
 * Linking a firm to its current cadre again is a 409. One transaction; the current link is locked, and the
 * partial unique index turns a concurrent second link into a 409.
 */
export async function linkEnterprise(db: Kysely<DB>, actor: Actor, input: LinkInput, now = new Date()) {
  requireLinkManager(actor);
  const today = todayInCounty(now);
  const linkedOn = input.linkedOn ?? today;
  if (linkedOn > today) throw new AppError('validation_failed', 'The link cannot start in the future', [{ path: 'body/linkedOn', message: 'after today' }]);
  const [enterprise, cadre] = await Promise.all([findEnterpriseRef(db, input.enterpriseId), repo.findCadre(db, input.cadreId)]);
  if (!enterprise) throw notFound('Enterprise');
  if (!cadre) throw notFound('Cadre');
  try {
    const id = await db.transaction().execute(async (trx) => {
      const current = await repo.lockCurrentLink(trx, input.enterpriseId);
      if (current) {
        if (current.cadre_id === input.cadreId) throw new AppError('conflict', 'The enterprise is linked to this cadre already');
        if (!input.reason) throw new AppError('validation_failed', 'Say why the enterprise changes cadre', [{ path: 'body/reason', message: 'required when reassigning' }]);
        if (linkedOn < current.linked_on) throw new AppError('validation_failed', 'The new link cannot start before the current one began', [{ path: 'body/linkedOn', message: `before ${current.linked_on}` }]);
        await repo.closeLink(trx, current.id, linkedOn, input.reason);
        await recordAudit(trx, { ...auditContextOfActor(actor), action: 'cadre.unlink', targetType: 'enterprise', targetId: input.enterpriseId, details: { linkId: current.id, cadreId: current.cadre_id, unlinkedOn: linkedOn, reason: input.reason } });
      }
      const linkId = await repo.insertLink(trx, { cadre_id: input.cadreId, enterprise_id: input.enterpriseId, linked_on: linkedOn, unlinked_on: null, created_by: actor.userId, ...(current ? {} : input.reason ? { reason: input.reason } : {}) });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'cadre.link', targetType: 'enterprise', targetId: input.enterpriseId, details: { linkId, cadreId: input.cadreId, linkedOn, previousCadreId: current?.cadre_id ?? null } });
      return linkId;
    });
    const links = await repo.findLinksOfEnterprise(db, input.enterpriseId);
    return presentLink(links.find((l) => l.id === id)!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'The enterprise was linked by someone else at the same time; reload and try again');
    throw error;
  }
}
