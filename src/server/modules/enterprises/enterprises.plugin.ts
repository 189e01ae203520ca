import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { enterpriseIndicatorsRoutes } from './enterprise-indicators.routes.ts';
import { enterprisesRoutes } from './enterprises.routes.ts';

/** The registry (search, detail, edits, towns, industries, tags) and an enterprise's indicator values. */
export const enterprisesPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(enterprisesRoutes);
  await app.register(enterpriseIndicatorsRoutes);
};
