import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cockpitRoutes } from './cockpit.routes.ts';
import { DashboardSummary } from './dashboard.schemas.ts';
import { financeKpisRoutes } from './finance-kpis.routes.ts';
import { homeRoutes } from './home.routes.ts';
import { FinanceKpis } from './finance-kpis.schemas.ts';
import { reportingRoutes } from './reporting.routes.ts';

/** The read side: routes of queries that cross capabilities. It registers no jobs and writes nothing. */
export const reportingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  // Shared by the finance KPIs and the cockpit (which embeds the KPIs of its scope).
  app.addSchema(FinanceKpis);
  app.addSchema(DashboardSummary);
  await app.register(reportingRoutes);
  await app.register(financeKpisRoutes);
  await app.register(homeRoutes);
  await app.register(cockpitRoutes);
};
