import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createMatchingJobHandlers, enqueueRematchAfterProfiles } from './matching.jobs.ts';
import { matchingRoutes } from './matching.routes.ts';

/** Policy matching (政策找企业): the calculator's routes, the county match and re-match jobs, the re-match after profiles. */
export const matchingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(matchingRoutes);
  for (const [kind, handler] of Object.entries(createMatchingJobHandlers(app.dbKind))) app.jobs.register(kind, handler);
  // Recomputed profiles may qualify (or no longer qualify) for live policies: queue their re-match.
  app.events.subscribe('matching.rematch-after-profiles', 'profile.recomputed', async (payload, context) => {
    await enqueueRematchAfterProfiles(context.db, 'all' in payload ? 'all' : payload.enterpriseIds);
  });
};
