import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { actorOf } from '../../request-context.ts';
import { financeKpisExport } from './exports.finance.ts';
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

  app.get('/api/finance/kpis/export.xlsx', {
    schema: { tags: ['finance-kpis'], summary: 'The finance KPIs of the same filters as XLSX, one sheet per table (finance office; a bank its own)', querystring: FinanceKpisQuery, ...xlsxRoute },
  }, async (request, reply) => {
    const { kpis, sheets } = await financeKpisExport(app.db, actorOf(request), request.query);
    return sendXlsx(reply, `金融指标_${kpis.from}_${kpis.to}.xlsx`, sheets);
  });
};
