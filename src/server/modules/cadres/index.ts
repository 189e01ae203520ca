/**
 * The cadres module's face (千人联千企): cadres linked one to one to enterprises, with history; visits (走访)
 * whose problems become demands on the enterprise's behalf; quarterly visit plans; coverage and work.
 *
 * Layering: above demands (a visit files its problems through the demands face, in the visit's
 * transaction), loans, matching, applications and payments (我的企业 and the work figures read through
 * their faces); below reporting. The modules below it learn which firms a cadre is linked to through the
 * lookup it registers with enterprises (registerCadreLinkLookup) — the access decision and demand intake.
 *
 * Tables owned: `cadres` (phone; the roster rows are seeded), `cadre_links`, `visits`, `visit_photos`,
 * `visit_demands`, `visit_plans`. Reporting reads them directly (coverage in the cockpit): use
 * `quarterPairs` + src/core/cadres/coverage.ts for the same arithmetic.
 */
export { cadresPlugin } from './cadres.plugin.ts';
export { quarterPairs } from './cadres.stats.ts';
