import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobHandler } from '../../jobs/worker.ts';
import { registerGrantRoute } from '../applications/index.ts';
import { registerPayableTarget } from '../payments/index.ts';
import { autoGrantRoute } from './auto-grants.grant-route.ts';
import { autoGrantItemPayable } from './auto-grants.payable.ts';
import { autoGrantsRoutes } from './auto-grants.routes.ts';
import { AUTO_GRANT_NOTICE_JOB, passDueAutoGrantNotices } from './auto-grants.service.ts';

/**
 * The notice job: moves every grant whose 公示 is over to notice_passed. Each confirmation enqueues a run
 * due just after the notice ends; every run sweeps everything due, so a late, repeated or retried run
 * changes nothing already done.
 */
export const autoGrantNoticeJobHandler: JobHandler = async (_payload, { db }) => ({ autoGrants: await passDueAutoGrantNotices(db, new Date()) });

/** 免申即享 grants: the routes, the notice job, items as payable targets, grants as a route to a policy's benefit. */
export const autoGrantsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  registerPayableTarget(autoGrantItemPayable);
  registerGrantRoute(autoGrantRoute);
  await app.register(autoGrantsRoutes);
  app.jobs.register(AUTO_GRANT_NOTICE_JOB, autoGrantNoticeJobHandler);
};
