import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { Funnel } from '../policies/index.ts';
import { getPolicyFunnel } from './policy-funnel.ts';

/** Cross-capability reads: the push funnel of a policy, for its department (the catalogue decides who manages it). */
export const reportingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/policies/:id/funnel', {
    schema: { tags: ['policies'], summary: 'Push funnel: pushed, read, opened, applied, granted (and by day)', params: IdParams, response: { 200: Funnel, ...errorResponses(401, 403, 404) } },
  }, async (request) => getPolicyFunnel(app.db, actorOf(request), request.params.id));
};
