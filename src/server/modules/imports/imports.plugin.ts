import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createImportJobHandler, IMPORT_JOB } from './imports.job.ts';
import { importsRoutes } from './imports.routes.ts';

/** Uploads, batches and error reports, and the job that processes a batch in chunks. */
export const importsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(importsRoutes);
  app.jobs.register(IMPORT_JOB, createImportJobHandler({ storageDir: app.config.storageDir, dbKind: app.dbKind }));
};
