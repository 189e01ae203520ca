import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobHandler } from '../../jobs/worker.ts';
import { autoGrantsRoutes } from '../auto-grants/auto-grants.routes.ts';
import { passDueAutoGrantNotices } from '../auto-grants/auto-grants.service.ts';
import { disbursementsRoutes } from '../disbursements/disbursements.routes.ts';
import { applicationsRoutes } from './applications.routes.ts';
import { NOTICE_JOB, passDueApplicationNotices } from './applications.service.ts';

/**
 * The notice job: moves every application and grant whose 公示 is over to notice_passed. Each notice
 * enqueues a run due just after its end; every run sweeps everything due, so a run that is late, runs
 * twice or follows a crash finds only what is still due and changes nothing already done.
 */
export const noticeJobHandler: JobHandler = async (_payload, { db }) => {
  const now = new Date();
  const applications = await passDueApplicationNotices(db, now);
  const autoGrants = await passDueAutoGrantNotices(db, now);
  return { applications, autoGrants };
};

/** Policy direct access, after the policy: applications, disbursements, 免申即享 grants and the notice job. */
export const applicationsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(applicationsRoutes);
  await app.register(disbursementsRoutes);
  await app.register(autoGrantsRoutes);
  app.jobs.register(NOTICE_JOB, noticeJobHandler);
};
