import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createMatchingJobHandlers } from './matching.jobs.ts';
import { matchingRoutes } from './matching.routes.ts';

/** Policy matching (政策找企业): the calculator's routes and the county match and re-match jobs. */
export const matchingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(matchingRoutes);
  for (const [kind, handler] of Object.entries(createMatchingJobHandlers(app.dbKind))) app.jobs.register(kind, handler);
};
