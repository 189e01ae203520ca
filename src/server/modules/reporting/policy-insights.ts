import type { Executor } from '../../db/database.ts';
import { countStoredMatches } from '../matching/index.ts';
import type { PolicyInsights } from '../policies/index.ts';
import { policyFunnel } from './policy-funnel.ts';

/**
 * What the issuing department sees of a policy beyond the catalogue: the stored match counts of its live
 * version and the push funnel. The catalogue's plugin is given this reader by app.ts (it may import
 * neither matching nor reporting).
 */
export async function readPolicyInsights(db: Executor, { policyId, liveVersionId }: { policyId: number; liveVersionId: number | null }): Promise<PolicyInsights> {
  let matchCounts: PolicyInsights['matchCounts'] = null;
  if (liveVersionId !== null) {
    const counts = await countStoredMatches(db, liveVersionId);
    matchCounts = { eligible: counts.eligible, unknown: counts.unknown, estimatedTotalFen: counts.total_fen, matchedAt: counts.matched_at?.toISOString() ?? null };
  }
  return { matchCounts, funnel: await policyFunnel(db, policyId) };
}
