import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { IndicatorValueList, IndicatorValuesQuery, WriteIndicatorValuesBody, WriteIndicatorValuesResult } from '../indicators/index.ts';
import { readIndicatorValues, writeIndicatorValues } from './enterprise-indicators.service.ts';

/** An enterprise's indicator values; listed under the `indicators` tag of the API document, as they always were. */
export const enterpriseIndicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['indicators'];

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
