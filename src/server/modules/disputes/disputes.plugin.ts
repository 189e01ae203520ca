import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { disputesRoutes } from './disputes.routes.ts';

/** 数据纠错: an enterprise disputes a government fact; a data admin decides. */
export const disputesPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(disputesRoutes);
};
