/** The applications module's face: what other modules may call. */
export { registerGrantRoute } from './applications.grant-routes.ts';
export type { GrantRoute } from './applications.grant-routes.ts';
export { countPolicyOutcomes, findCurrentApplicationsOfEnterprise } from './applications.outcomes.ts';
export { activeApplicationExists } from './applications.repository.ts';
export { exclusiveConflictReason, exclusiveConflictsSql, findExclusiveConflicts, HOLDING_STATUSES } from './applications.exclusivity.ts';
export type { ExclusiveConflict, ExclusiveTarget } from './applications.exclusivity.ts';
