import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { handleTrainingJob } from './credit-models.service.ts';
import { creditRoutes } from './credit.routes.ts';
import { CREDIT_TRAIN_JOB } from './credit.training.ts';

/** Credit assessment, credit reports of leads, the model registry and the training job. */
export const creditPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(creditRoutes);
  app.jobs.register(CREDIT_TRAIN_JOB, (payload, { db }) => handleTrainingJob(db, payload));
};
