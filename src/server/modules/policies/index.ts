/** The policies module's face: what other modules may call. */
export { loadRuleRegistry } from './county-facts.ts';
export { evaluatePolicy } from './policies.service.ts';
export type { Evaluation } from './policies.schemas.ts';
