import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditRoutes } from './audit.routes.ts';

/** The audit module: the auditor's search of the log (writing happens in every module's transactions). */
export const auditPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(auditRoutes);
};
