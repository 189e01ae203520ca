import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { readFinanceKpis } from './finance-kpis.ts';
import { FinanceKpisQuery } from './finance-kpis.schemas.ts';

/** Finance KPIs: the finance office (any bank or all) and banks (their own). */
export const financeKpisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/finance/kpis', {
    schema: {
      tags: ['finance-kpis'],
      summary: 'Enterprises with loans, amount lent, lending by period, first-loan rate, approval time, refusal reasons, pool usage',
      querystring: FinanceKpisQuery,
      response: { 200: Type.Ref('FinanceKpis'), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => readFinanceKpis(app.db, actorOf(request), request.query));
};
