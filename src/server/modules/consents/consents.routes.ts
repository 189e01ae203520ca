import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { receivedConsentsExport } from './consents.export.ts';
import { actorOf } from '../../request-context.ts';
import { Consent, Grantee, GranteesQuery, GrantConsentBody, ReceivedConsentList, ReceivedConsentsQuery } from './consents.schemas.ts';
import { grantConsent, listGrantees, listMyConsents, listReceivedConsents, revokeMyConsent } from './consents.service.ts';

export const consentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Consent);
  const tags = ['consents'];

  app.get('/api/consent-grantees', {
    schema: { tags, summary: 'Banks and service providers an enterprise may authorise', querystring: GranteesQuery, response: { 200: Type.Array(Grantee), ...errorResponses(400, 401) } },
  }, async (request) => {
    actorOf(request);
    return listGrantees(app.db, request.query.type);
  });

  app.get('/api/me/consents', {
    schema: { tags, summary: 'Every consent the enterprise gave (history kept)', response: { 200: Type.Array(Type.Ref('Consent')), ...errorResponses(401, 403, 404) } },
  }, async (request) => listMyConsents(app.db, actorOf(request)));

  app.post('/api/me/consents', {
    schema: { tags, summary: 'Authorise a bank or service provider to see data categories', body: GrantConsentBody, response: { 201: Type.Ref('Consent'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await grantConsent(app.db, actorOf(request), request.body)));

  app.post('/api/me/consents/:id/revoke', {
    schema: { tags, summary: 'Revoke a consent (idempotent)', params: IdParams, response: { 200: Type.Ref('Consent'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => revokeMyConsent(app.db, actorOf(request), request.params.id));

  app.get('/api/consents/received/export.xlsx', {
    schema: { tags, summary: 'Export the consents received by the caller’s bank or service provider', querystring: exportQueryOf(ReceivedConsentsQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '收到的授权.xlsx', await receivedConsentsExport(app.db, actorOf(request), request.query)));

  app.get('/api/consents/received', {
    schema: { tags, summary: 'Consents received by the caller’s bank or service provider', querystring: ReceivedConsentsQuery, response: { 200: ReceivedConsentList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listReceivedConsents(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });
};
