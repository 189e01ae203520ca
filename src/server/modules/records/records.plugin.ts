import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerRecordImport } from './records.import.ts';
import { recordsRoutes } from './records.routes.ts';

/** Records (台账记录): the record-type registry, an enterprise's records, the `records` import kind. */
export const recordsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(recordsRoutes);
  registerRecordImport();
};
