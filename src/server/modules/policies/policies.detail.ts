/**
 * The detail of one policy as the API answers it. Its department also sees the stored match counts and the
 * push funnel, which the catalogue does not own (matching's and reporting's): they come through a
 * PolicyInsightsReader that app.ts hands to the catalogue's plugin, so the catalogue imports neither.
 */
import type { Actor } from '../../request-context.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { loadRuleRegistry, type RuleRegistry } from './county-facts.ts';
import { publishedVersion, type Db, type LoadedPolicy } from './policies.loading.ts';
import { canManage, visibleVersions } from './policies.policy.ts';
import { presentPolicyDetail } from './policies.presenter.ts';
import type { PolicyDetail } from './policies.schemas.ts';

/** What the issuing department sees of a policy beyond the catalogue: match counts of its live version, the push funnel. */
export interface PolicyInsights {
  matchCounts: PolicyDetail['matchCounts'];
  funnel: PolicyDetail['funnel'];
}

/**
 * Reads the insights of a policy; `liveVersionId` is the published version (else the last one that was
 * published), null when none ever was: then there are no match counts.
 */
export type PolicyInsightsReader = (db: Db, policy: { policyId: number; liveVersionId: number | null }) => Promise<PolicyInsights>;

/** The detail of a loaded policy for the actor; the insights only for its department. */
export async function detailOf(db: Db, actor: Actor, loaded: LoadedPolicy, readInsights: PolicyInsightsReader, registry?: RuleRegistry): Promise<PolicyDetail> {
  const today = todayInCounty();
  const manage = canManage(actor, loaded.policy);
  const catalogue = (registry ?? (await loadRuleRegistry(db))).catalogue;
  let insights: PolicyInsights = { matchCounts: null, funnel: null };
  if (manage) {
    const live = publishedVersion(loaded.versions) ?? loaded.versions.find((v) => v.published_at !== null) ?? null;
    insights = await readInsights(db, { policyId: loaded.policy.id, liveVersionId: live?.id ?? null });
  }
  return presentPolicyDetail(loaded.policy, loaded.version, today, {
    versions: visibleVersions(actor, loaded.policy, loaded.versions),
    canManage: manage,
    viewerId: actor.userId,
    catalogue,
    ...insights,
  });
}
