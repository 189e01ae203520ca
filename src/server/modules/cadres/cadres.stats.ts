/**
 * Coverage and work of cadres, set-based: one read of links, visits, demands and payments for the whole
 * county, then the arithmetic of src/core/cadres/coverage.ts. Definitions (docs/cadres.md):
 *   - coverage: the quarter's pairs (links current at the reference day) covered by the linked cadre's visit;
 *   - demands collected / solved / rated: demands the cadre filed on an enterprise's behalf (all time);
 *   - policy money: paid disbursements (兑付) to the cadre's current firms, any payable target;
 *   - overdue: open demands of the cadre's current firms past their resolution deadline;
 *   - planned not visited: the quarter's planned firms the cadre has not visited in the quarter.
 */
import { coverageBy, coveragePairs, quarterRange, referenceDay, totalCoverage, type Coverage, type CoveragePair } from '../../../core/cadres/coverage.ts';
import type { Executor } from '../../db/database.ts';
import { paidTotalsByEnterprise } from '../payments/index.ts';
import * as repo from './cadres.repository.ts';

export interface CadreWork {
  demandsCollected: number;
  demandsSolved: number;
  averageRating: number | null;
  ratedCount: number;
  policyPaidFen: number;
  policyPayments: number;
  overdueDemands: number;
  plannedNotVisited: number;
}

export const EMPTY_COVERAGE: Coverage = { linked: 0, visited: 0, rateBp: null };

export interface QuarterPairs {
  quarter: string;
  asOf: string;
  pairs: CoveragePair[];
}

/** The pairs of a quarter (optionally of some cadres only). */
export async function quarterPairs(db: Executor, quarter: string, today: string, cadreIds?: readonly number[]): Promise<QuarterPairs> {
  const { from } = quarterRange(quarter);
  const asOf = referenceDay(quarter, today);
  const [links, visits] = await Promise.all([repo.findLinksOverlapping(db, from, asOf, cadreIds), repo.findVisitsBetween(db, from, asOf, cadreIds)]);
  const pairs = coveragePairs(
    links.map((l) => ({ cadreId: l.cadre_id, enterpriseId: l.enterprise_id, linkedOn: l.linked_on, unlinkedOn: l.unlinked_on })),
    visits.map((v) => ({ cadreId: v.cadre_id, enterpriseId: v.enterprise_id, visitedOn: v.visited_on })),
    quarter,
    asOf,
  );
  return { quarter, asOf, pairs };
}

export interface CountyStats {
  quarter: string;
  asOf: string;
  pairs: CoveragePair[];
  coverageByCadre: Map<number, Coverage>;
  workByCadre: Map<number, CadreWork>;
  /** Enterprise → town code (for the town leaderboard). */
  townOf: Map<number, string | null>;
  paidByEnterprise: Map<number, { paidFen: number; payments: number }>;
}

/** Coverage and work of every cadre for a quarter. */
export async function countyStats(db: Executor, quarter: string, today: string, now: Date): Promise<CountyStats> {
  const { pairs, asOf } = await quarterPairs(db, quarter, today);
  const [demandWork, paid, overdue, plans, townOf] = await Promise.all([
    repo.demandWorkByCadre(db),
    paidTotalsByEnterprise(db),
    repo.overdueDemandsByEnterprise(db, now),
    repo.findPlans(db, quarter),
    repo.findEnterpriseTowns(db),
  ]);
  const coverageByCadre = coverageBy(pairs, (p) => p.cadreId);
  const workByCadre = new Map<number, CadreWork>();
  const work = (cadreId: number): CadreWork => {
    let w = workByCadre.get(cadreId);
    if (!w) {
      w = { demandsCollected: 0, demandsSolved: 0, averageRating: null, ratedCount: 0, policyPaidFen: 0, policyPayments: 0, overdueDemands: 0, plannedNotVisited: 0 };
      workByCadre.set(cadreId, w);
    }
    return w;
  };
  for (const d of demandWork) {
    const w = work(d.cadre_id);
    w.demandsCollected = d.collected;
    w.demandsSolved = d.solved;
    w.ratedCount = d.rated;
    w.averageRating = d.rated > 0 ? Math.round((d.rating_sum / d.rated) * 100) / 100 : null;
  }
  const covered = new Set<string>();
  for (const p of pairs) {
    const w = work(p.cadreId);
    const money = paid.get(p.enterpriseId);
    if (money) {
      w.policyPaidFen += money.paidFen;
      w.policyPayments += money.payments;
    }
    w.overdueDemands += overdue.get(p.enterpriseId) ?? 0;
    if (p.covered) covered.add(`${p.cadreId}:${p.enterpriseId}`);
  }
  for (const plan of plans) if (!covered.has(`${plan.cadre_id}:${plan.enterprise_id}`)) work(plan.cadre_id).plannedNotVisited++;
  return { quarter, asOf, pairs, coverageByCadre, workByCadre, townOf, paidByEnterprise: paid };
}

export function workOf(stats: CountyStats, cadreId: number): CadreWork {
  return stats.workByCadre.get(cadreId) ?? { demandsCollected: 0, demandsSolved: 0, averageRating: null, ratedCount: 0, policyPaidFen: 0, policyPayments: 0, overdueDemands: 0, plannedNotVisited: 0 };
}

export { totalCoverage };
