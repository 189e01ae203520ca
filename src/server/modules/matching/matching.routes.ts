import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { getMyPolicyMatches, markPushOpened } from './calculator.service.ts';
import { MyPolicyMatches, PolicyIdParams, PushView } from './matching.schemas.ts';

/** The enterprise's side of matching: its calculator and the pushes it opens. */
export const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['policies'];

  app.get('/api/me/policy-matches', {
    schema: { tags, summary: 'The own enterprise’s policies: eligible and undecided, amounts, conflicts, the next question', response: { 200: MyPolicyMatches, ...errorResponses(401, 403, 404) } },
  }, async (request) => getMyPolicyMatches(app.db, actorOf(request)));

  app.post('/api/me/policy-pushes/:policyId/opened', {
    schema: { tags, summary: 'The enterprise opened a pushed policy (funnel)', params: PolicyIdParams, response: { 200: PushView, ...errorResponses(401, 403, 404) } },
  }, async (request) => markPushOpened(app.db, actorOf(request), request.params.policyId));
};
