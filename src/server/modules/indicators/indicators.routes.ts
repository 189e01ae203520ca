import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { CreateIndicatorBody, Indicator, IndicatorValueList, IndicatorValuesQuery, WriteIndicatorValuesBody, WriteIndicatorValuesResult } from './indicators.schemas.ts';
import { createIndicator, listIndicators, readIndicatorValues, writeIndicatorValues } from './indicators.service.ts';

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

  app.get('/api/enterprises/:id/indicators', {
    schema: {
      tags,
      summary: 'Indicator values of an enterprise, every source, marked effective by precedence (granted categories only)',
      params: IdParams,
      querystring: IndicatorValuesQuery,
      response: { 200: IndicatorValueList, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => readIndicatorValues(app.db, actorOf(request), request.params.id, request.query));

  app.post('/api/enterprises/:id/indicators', {
    schema: {
      tags,
      summary: 'Write indicator values atomically (data admin: any source; the enterprise itself: self_reported); recomputes the profile',
      params: IdParams,
      body: WriteIndicatorValuesBody,
      response: { 200: WriteIndicatorValuesResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => writeIndicatorValues(app.db, actorOf(request), request.params.id, request.body));
};
