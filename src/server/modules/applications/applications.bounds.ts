/**
 * The bound of an application's amount (issue 13, bounded money): what the policy's benefit allows the
 * enterprise — the estimate, or the cap of an "up to" benefit (core/rules/benefit.ts `benefitBound`).
 * Kept on the application from its submission (amount_bound_fen: the bound of the case that matched, issue
 * 12) and confirmed when the amount is approved; for rows without it (seeded, or older than the bound) it is
 * computed from the version's benefit and the estimate (for cases: the largest case's bound).
 */
import { benefitBound } from '../../../core/rules/benefit.ts';
import type { Benefit } from '../../../core/rules/schema.ts';
import type { Executor } from '../../db/database.ts';

/** The bound of one application row; null when nothing bounds it (uncapped formula, no estimate). */
export function boundOfApplication(row: { amount_bound_fen: number | null; estimated_amount_fen: number | null; benefit: unknown }): number | null {
  if (row.amount_bound_fen !== null) return row.amount_bound_fen;
  try {
    return benefitBound(row.benefit as Benefit, row.estimated_amount_fen);
  } catch {
    // A benefit the money module cannot read bounds nothing: nothing can be approved or paid on it.
    return null;
  }
}

export interface ApplicationAmounts {
  estimateFen: number | null;
  approvedFen: number | null;
  boundFen: number | null;
  reason: string | null;
}

/** The amounts of applications by id, for the payments checker (bound, estimate, approved, reason). */
export async function amountsOfApplications(db: Executor, ids: readonly number[]): Promise<Map<number, ApplicationAmounts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('applications')
    .innerJoin('policy_versions', 'policy_versions.id', 'applications.policy_version_id')
    .where('applications.id', 'in', ids)
    .select(['applications.id', 'applications.estimated_amount_fen', 'applications.approved_amount_fen', 'applications.amount_bound_fen', 'applications.amount_reason', 'policy_versions.benefit'])
    .execute();
  return new Map(rows.map((row) => [row.id, { estimateFen: row.estimated_amount_fen, approvedFen: row.approved_amount_fen, boundFen: boundOfApplication(row), reason: row.amount_reason }]));
}
