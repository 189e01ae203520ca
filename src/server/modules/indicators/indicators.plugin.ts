import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { indicatorsRoutes } from './indicators.routes.ts';
import { registryRoutes } from './registry.routes.ts';

/** The indicator registry's routes (an enterprise's values are served by the enterprises module). */
export const indicatorsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(indicatorsRoutes);
  await app.register(registryRoutes);
};
