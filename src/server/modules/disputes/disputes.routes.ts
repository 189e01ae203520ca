import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { disputesExport } from './disputes.export.ts';
import { actorOf } from '../../request-context.ts';
import { AdminDispute, AdminDisputeList, Dispute, DisputesQuery, FileDisputeBody, ResolveDisputeBody } from './disputes.schemas.ts';
import { fileDispute, listDisputes, listMyDisputes, resolveDispute } from './disputes.service.ts';

export const disputesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Dispute);
  app.addSchema(AdminDispute);
  const tags = ['disputes'];

  app.post('/api/me/disputes', {
    schema: { tags, summary: 'Dispute a government-sourced fact of the own enterprise', body: FileDisputeBody, response: { 201: Type.Ref('Dispute'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await fileDispute(app.db, actorOf(request), request.body)));

  app.get('/api/me/disputes', {
    schema: { tags, summary: 'The own enterprise’s disputes', response: { 200: Type.Array(Type.Ref('Dispute')), ...errorResponses(401, 403, 404) } },
  }, async (request) => listMyDisputes(app.db, actorOf(request)));

  app.get('/api/disputes/export.xlsx', {
    schema: { tags, summary: 'Export disputes with the list’s filter (data admin)', querystring: exportQueryOf(DisputesQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '数据异议.xlsx', await disputesExport(app.db, actorOf(request), request.query)));

  app.get('/api/disputes', {
    schema: { tags, summary: 'Disputes to decide (data admin)', querystring: DisputesQuery, response: { 200: AdminDisputeList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listDisputes(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.post('/api/disputes/:id/resolve', {
    schema: { tags, summary: 'Accept (writes the corrected value) or reject a dispute, once (data admin)', params: IdParams, body: ResolveDisputeBody, response: { 200: Type.Ref('AdminDispute'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => resolveDispute(app.db, actorOf(request), request.params.id, request.body));
};
