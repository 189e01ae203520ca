import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobHandler } from '../../jobs/worker.ts';
import { registerPayableTarget } from '../payments/index.ts';
import { applicationPayable } from './applications.payable.ts';
import { passDueApplicationNotices } from './applications.review.ts';
import { applicationsRoutes } from './applications.routes.ts';
import { NOTICE_JOB } from './applications.transition.ts';

/**
 * The notice job: moves every application whose 公示 is over to notice_passed. Each notice enqueues a run
 * due just after its end; every run sweeps everything due, so a run that is late, runs twice or follows a
 * crash finds only what is still due and changes nothing already done.
 */
export const noticeJobHandler: JobHandler = async (_payload, { db }) => ({ applications: await passDueApplicationNotices(db, new Date()) });

/** Applications (申报 → 受理 → 审核 → 公示): the routes, the notice job, and the application as a payable target. */
export const applicationsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  registerPayableTarget(applicationPayable);
  await app.register(applicationsRoutes);
  app.jobs.register(NOTICE_JOB, noticeJobHandler);
};
