import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROFILE_RECOMPUTE_JOB } from './profiles.queue.ts';
import { createProfileRecomputeJobHandler } from './profiles.service.ts';

/** Profiles serve no route of their own: they run the batch recompute job, chunked for the database in use. */
export const profilesPlugin: FastifyPluginAsyncTypebox = async (app) => {
  app.jobs.register(PROFILE_RECOMPUTE_JOB, createProfileRecomputeJobHandler(app.dbKind));
};
