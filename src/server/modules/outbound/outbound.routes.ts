import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { DeliveryList, DeliveryListQuery, OutboundDelivery } from './outbound.schemas.ts';
import { listDeliveries, retryDelivery } from './outbound.service.ts';
import { pageOf } from '../../platform/pagination.ts';

export const outboundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(OutboundDelivery);
  const tags = ['outbound'];

  app.get('/api/outbound/deliveries', {
    schema: {
      tags,
      summary: 'Outbound deliveries of notifications; status=dead is the dead-letter list (admin)',
      querystring: DeliveryListQuery,
      response: { 200: DeliveryList, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { page, pageSize, status } = request.query;
    return listDeliveries(app.db, actorOf(request), { status }, pageOf({ page, pageSize }));
  });

  app.post('/api/outbound/deliveries/:id/retry', {
    schema: {
      tags,
      summary: 'Send a dead delivery again with a new round of attempts (admin, audited)',
      params: IdParams,
      response: { 200: Type.Ref('OutboundDelivery'), ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => retryDelivery(app.db, actorOf(request), request.params.id, { isWebhookConfigured: app.config.webhook !== null }));
};
