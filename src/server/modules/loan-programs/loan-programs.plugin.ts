import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loanProgramsRoutes } from './loan-programs.routes.ts';
import { generateWhitelist, WHITELIST_JOB } from './loan-programs.service.ts';

/** Programmes: the routes and the whitelist generation job (idempotent: a run stores the eligible set again). */
export const loanProgramsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(loanProgramsRoutes);
  const dbKind = app.dbKind;
  app.jobs.register(WHITELIST_JOB, async (payload, context) => generateWhitelist(context.db, Number(payload.programId), { dbKind, heartbeat: context.heartbeat }));
};
