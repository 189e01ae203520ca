import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerPayableTarget } from '../payments/index.ts';
import { riskPoolClaimPayable } from './risk-pools.payable.ts';
import { riskPoolsRoutes } from './risk-pools.routes.ts';

/** Risk pools: the routes, and claims as a payable target of the payments core. */
export const riskPoolsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  registerPayableTarget(riskPoolClaimPayable);
  await app.register(riskPoolsRoutes);
};
