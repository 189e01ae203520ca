import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { paymentsRoutes } from './payments.routes.ts';

/**
 * Payments (兑付): the maker–checker routes. The kinds it pays are registered by their own modules'
 * plugins (registerPayableTarget), so this plugin may be registered before or after them.
 */
export const paymentsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(paymentsRoutes);
};
