/**
 * The policy catalogue's face: what other modules may call.
 *
 * owns: policies, policy_versions, policy_golden_cases
 *
 * The catalogue also owns the loader of the facts its rules read (county-facts.ts), because its own use
 * cases need it — golden cases of real enterprises, evaluate, preview — and it must not import matching;
 * matching reads the county through this face.
 */
export { estimateAmounts } from './county-estimates.ts';
export { ALL_FACTS, factNeedsOf, loadChunkSizeFor, loadCountyColumns, loadEnterpriseFacts, loadRuleRegistry, mergeNeeds, type FactNeeds } from './county-facts.ts';
export type { PolicyInsights } from './policies.detail.ts';
export { countyMidnight } from './policies.jobs.ts';
export { loadManaged as loadManagedPolicy } from './policies.loading.ts';
export { policiesPlugin } from './policies.plugin.ts';
export { presentMissingFact } from './policies.presenter.ts';
export { expireLapsedVersions, findLivePolicies, findLiveVersions, hasPublishedVersion, lockPublishedVersions, type LiveVersion } from './policies.repository.ts';
export { checkPolicyRules, declaredFactsOf, parametersOf, prepareOptionsOf } from './policies.rules.ts';
export { Bilingual, Department, Funnel, MissingFact, RenderedLines, type Evaluation } from './policies.schemas.ts';
export { evaluatePolicy } from './policy-evaluation.service.ts';
