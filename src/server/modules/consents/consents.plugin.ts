import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { consentsRoutes } from './consents.routes.ts';

/** Consents: an enterprise's grants and revocations, and the consents a bank or provider received. */
export const consentsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(consentsRoutes);
};
