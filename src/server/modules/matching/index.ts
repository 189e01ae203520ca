/**
 * Policy matching's face: what other modules may call.
 *
 * owns: policy_matches, policy_pushes
 *
 * It reads the catalogue (live versions, the rule facts of the county) through the policies face; the
 * catalogue never imports matching.
 */
export { matchingPlugin } from './matching.plugin.ts';
export { countStoredMatches, findEligibleMatchesOfEnterprises } from './matching.repository.ts';
export { matchVersions, rematchEnterprises, type MatchRunResult } from './matching.service.ts';
