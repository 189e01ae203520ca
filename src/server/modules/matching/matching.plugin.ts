import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInCounty } from '../../platform/county-date.ts';
import { createMatchingJobHandlers, enqueueRematchAfterProfiles, enqueueVersionMatch } from './matching.jobs.ts';
import { matchingRoutes } from './matching.routes.ts';

/**
 * Policy matching (政策找企业): the calculator's routes, the county match and re-match jobs, and the events
 * that start them. The subscribers only queue the existing jobs (deduplicated), so a match runs as one job
 * whatever the delivery does twice, and a version published ahead of its validity is matched on its first day.
 */
export const matchingPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(matchingRoutes);
  for (const [kind, handler] of Object.entries(createMatchingJobHandlers(app.dbKind))) app.jobs.register(kind, handler);
  app.events.subscribe('matching.match-published-version', 'policy.published', async (payload, context) => ({
    matchJobId: await enqueueVersionMatch(context.db, { id: payload.policyVersionId, valid_from: payload.validFrom }, todayInCounty()),
  }));
  // Recomputed profiles may qualify (or no longer qualify) for live policies: queue their re-match.
  app.events.subscribe('matching.rematch-after-profiles', 'profile.recomputed', async (payload, context) => {
    await enqueueRematchAfterProfiles(context.db, 'all' in payload ? 'all' : payload.enterpriseIds);
  });
};
