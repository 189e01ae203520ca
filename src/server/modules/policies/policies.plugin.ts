import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { expireJobHandler, POLICY_EXPIRE_JOB } from './policies.jobs.ts';
import { policiesRoutes, type PoliciesRoutesOptions } from './policies.routes.ts';

/**
 * The policy catalogue: its routes and the expiry job. The options are what the catalogue shows its
 * department but does not own (match counts, the funnel); app.ts wires them from the modules above.
 */
export const policiesPlugin: FastifyPluginAsyncTypebox<PoliciesRoutesOptions> = async (app, options) => {
  await app.register(policiesRoutes, options);
  app.jobs.register(POLICY_EXPIRE_JOB, expireJobHandler);
};
