import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { CreateIndicatorBody, Indicator } from './indicators.schemas.ts';
import { createIndicator, listIndicators } from './indicators.service.ts';

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Indicator);
  const tags = ['indicators'];

  app.get('/api/indicators', {
    schema: { tags, summary: 'The indicator registry', response: { 200: Type.Array(Type.Ref('Indicator')), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listIndicators(app.db);
  });

  app.post('/api/indicators', {
    schema: { tags, summary: 'Add an indicator to the registry (data admin)', body: CreateIndicatorBody, response: { 201: Type.Ref('Indicator'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createIndicator(app.db, actorOf(request), request.body)));
};
