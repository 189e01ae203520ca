import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerDemandImport, SUGGEST_JOB, suggestJobHandler } from './demands.import.ts';
import { ROUTER_TRAIN_JOB, routerTrainJobHandler } from './demands.router.ts';
import { demandsRoutes } from './demands.routes.ts';
import { demandSettingsOf } from './demands.settings.ts';
import { createScanJobHandler, SLA_SCAN_JOB } from './demands.sla.ts';

/** Demands (诉求) and the service catalogue: the routes, the deadline and training jobs, the 12345 import kind. */
export const demandsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  const settings = demandSettingsOf(app.config);
  await app.register(demandsRoutes);
  app.jobs.register(SLA_SCAN_JOB, createScanJobHandler(settings));
  app.jobs.register(ROUTER_TRAIN_JOB, routerTrainJobHandler);
  app.jobs.register(SUGGEST_JOB, suggestJobHandler);
  registerDemandImport();
};
