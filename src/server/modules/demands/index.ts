/**
 * The demands module's face (诉求): intake, routing suggestion, 派单/点单/抢单, the life cycle with
 * working-hour deadlines and escalation, feedback and follow-up, and the service catalogue (服务超市).
 *
 * Layering: above audit, notifications, imports (it registers the 12345 import kind with imports) and
 * the events bus; nothing below imports it. Later modules (cadre work statistics, the cockpit) react to
 * its events `demand.resolved` and `demand.rated`.
 *
 * Tables owned: `demand_categories`, `services`, `demands`, `demand_events`, `demand_files`,
 * `demand_routing_rules`, `router_models`.
 *
 * For the demo seed: write history rows straight into `demands` and `demand_events` (set-based; final
 * `category_code` on resolved/rated/closed rows is the label the router learns from), then call
 * `enqueueRouterTraining(db, 'seed')` so the first start trains a model (or `trainFromHistory` in-process).
 */
export { enqueueRouterTraining, scheduleNightlyTraining, trainFromHistory, computeSuggestion, jiebaTokenizer, ROUTER_TRAIN_JOB } from './demands.router.ts';
export { scanDemands, scheduleScan, SLA_SCAN_JOB } from './demands.sla.ts';
export { scheduleDemandJobs } from './demands.schedule.ts';
export { demandsPlugin } from './demands.plugin.ts';
export { fileOnBehalfDemands, prepareOnBehalfDemands, type OnBehalfProblem, type PreparedOnBehalfDemands } from './demands.intake.ts';
export { URGENCIES } from './demands.schemas.ts';
