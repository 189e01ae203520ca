/**
 * The reporting module's face: queries that cross capabilities (the policy push funnel and match counts),
 * the finance KPIs, the role home (GET /api/me/home: per role counts, deadlines and figures), and the county
 * cockpit (dashboard.ts) with its XLSX exports (exports.ts, cockpit.routes.ts).
 *
 * owns: no table. It may read any table and writes none; no capability module imports it (it sits above
 * them, below app.ts).
 */
export { readPolicyInsights } from './policy-insights.ts';
export { readFinanceKpis } from './finance-kpis.ts';
export { readMyHome } from './home.ts';
export { computeDashboard, readDashboard } from './dashboard.ts';
export { reportingPlugin } from './reporting.plugin.ts';
