import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { financeKpisRoutes } from './finance-kpis.routes.ts';
import { homeRoutes } from './home.routes.ts';
import { reportingRoutes } from './reporting.routes.ts';

/** The read side: routes of queries that cross capabilities. It registers no jobs and writes nothing. */
export const reportingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(reportingRoutes);
  await app.register(financeKpisRoutes);
  await app.register(homeRoutes);
};
