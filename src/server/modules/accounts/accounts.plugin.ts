import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accountsRoutes } from './accounts.routes.ts';

/** The accounts module: the administrator's users and organisations. */
export const accountsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(accountsRoutes);
};
