import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { CreateRecordTypeBody, EnterpriseRecords, EnterpriseRecordsQuery, RecordType } from './records.schemas.ts';
import { createRecordType, listRecordTypes, readEnterpriseRecords } from './records.service.ts';

/** Record types as data (the data administrator declares them) and an enterprise's records by type. */
export const recordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(RecordType);
  const tags = ['records'];

  app.get('/api/record-types', {
    schema: { tags, summary: 'Record types: employees, patents, loans … with their fields, units and consent category', response: { 200: Type.Array(Type.Ref('RecordType')), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listRecordTypes(app.db);
  });

  app.post('/api/record-types', {
    schema: { tags, summary: 'Declare a record type (data admin): fields with types and units, the consent category', body: CreateRecordTypeBody, response: { 201: Type.Ref('RecordType'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createRecordType(app.db, actorOf(request), request.body)));

  app.get('/api/enterprises/:id/records', {
    schema: {
      tags,
      summary: 'An enterprise’s records by type (its own users, government readers; a consent holder: the granted categories only)',
      params: IdParams,
      querystring: EnterpriseRecordsQuery,
      response: { 200: EnterpriseRecords, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => readEnterpriseRecords(app.db, actorOf(request), request.params.id, request.query.limit ?? 100));
};
