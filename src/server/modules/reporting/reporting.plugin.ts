import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reportingRoutes } from './reporting.routes.ts';

/** The read side: routes of queries that cross capabilities. It registers no jobs and writes nothing. */
export const reportingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(reportingRoutes);
};
