import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { passwordPolicyInForce } from '../auth/index.ts';
import { readMyHome } from './home.ts';
import { MeHome } from './home.schemas.ts';

/** The role home of the signed-in user: every figure scoped to what the user may see. */
export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(MeHome);
  app.get('/api/me/home', {
    schema: {
      tags: ['home'],
      summary: 'My home: per role, what needs doing today (counts linking to the lists), deadlines about to pass, and the figures the role watches',
      response: { 200: Type.Ref('MeHome'), ...errorResponses(401) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const policy = actor.roles.includes('security_admin') ? await passwordPolicyInForce(app.db, app.config) : undefined;
    return readMyHome(app.db, actor, new Date(), policy);
  });
};
