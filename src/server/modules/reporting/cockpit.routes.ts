import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IsoDate } from '../../http/schemas.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { actorOf } from '../../request-context.ts';
import { EnterpriseSearchQuery } from '../enterprises/index.ts';
import { assertMaySeeCockpit, computeDashboard, dashboardScope, readDashboard } from './dashboard.ts';
import { DashboardQuery, MonthlyReportQuery } from './dashboard.schemas.ts';
import { auditDashboardExport, dashboardSheets, demandsExport, enterprisesExport, loansExport } from './exports.ts';

const { page: _page, pageSize: _pageSize, ...enterpriseFilters } = EnterpriseSearchQuery.properties;
const EnterpriseExportQuery = Type.Object(enterpriseFilters);
const DemandExportQuery = Type.Object({
  state: Type.Optional(Type.Enum(['submitted', 'triaged', 'offered', 'assigned', 'accepted', 'in_progress', 'waiting', 'resolved', 'rated', 'closed'])),
  view: Type.Optional(Type.Enum(['all', 'open'])),
  categoryCode: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{1,40}$' })),
  channel: Type.Optional(Type.Enum(['portal', 'cadre', 'hotline', 'api'])),
});
const LoanExportQuery = Type.Object({
  status: Type.Optional(Type.Enum(['active', 'overdue', 'repaid', 'defaulted', 'closed'])),
  bankOrgId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  disbursedFrom: Type.Optional(IsoDate),
  disbursedTo: Type.Optional(IsoDate),
  firstLoan: Type.Optional(Type.Boolean()),
  town: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  industry: Type.Optional(Type.String({ pattern: '^[A-T]$' })),
});

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The cockpit (驾驶舱): the summary, its tables and the monthly report as XLSX, and the exports of the main lists. */
export const cockpitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/dashboard/summary', {
    schema: {
      tags: ['cockpit'],
      summary: 'Cockpit summary: market entities, policies, loans, demands and visit coverage for a period, town and 门类 (leader, department staff, dispatcher, admin)',
      querystring: DashboardQuery,
      response: { 200: Type.Ref('DashboardSummary'), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => readDashboard(app.db, actorOf(request), request.query));

  app.get('/api/dashboard/export.xlsx', {
    schema: { tags: ['cockpit'], summary: 'The cockpit tables of the same filters as XLSX, one sheet per table', querystring: DashboardQuery, ...xlsxRoute },
  }, async (request, reply) => {
    const actor = actorOf(request);
    assertMaySeeCockpit(actor);
    const scope = dashboardScope(request.query);
    const summary = await computeDashboard(app.db, scope);
    await auditDashboardExport(app.db, actor, 'dashboard', scope);
    return sendXlsx(reply, `驾驶舱_${scope.from}_${scope.to}.xlsx`, dashboardSheets(summary, '垫江县企业服务驾驶舱'));
  });

  app.get('/api/dashboard/monthly-report.xlsx', {
    schema: { tags: ['cockpit'], summary: 'Monthly report for the county leadership (XLSX: overview and one sheet per table)', querystring: MonthlyReportQuery, ...xlsxRoute },
  }, async (request, reply) => {
    const actor = actorOf(request);
    assertMaySeeCockpit(actor);
    const { month } = request.query;
    const scope = dashboardScope({ from: `${month}-01`, to: lastDayOf(month) });
    const summary = await computeDashboard(app.db, scope);
    await auditDashboardExport(app.db, actor, 'monthly-report', { month });
    const [y, m] = month.split('-');
    return sendXlsx(reply, `垫江县企业服务月报_${month}.xlsx`, dashboardSheets(summary, `垫江县企业服务月报（${y}年${Number(m)}月）`));
  });

  app.get('/api/enterprises/export.xlsx', {
    schema: { tags: ['enterprises'], summary: 'Export the enterprise registry with the list’s filters (government readers, the county leader)', querystring: EnterpriseExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '企业名录.xlsx', await enterprisesExport(app.db, actorOf(request), request.query)));

  app.get('/api/demands/export.xlsx', {
    schema: { tags: ['demands'], summary: 'Export demands with the list’s filters (the dispatch centre, the county leader)', querystring: DemandExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '诉求清单.xlsx', await demandsExport(app.db, actorOf(request), request.query)));

  app.get('/api/finance/loans/export.xlsx', {
    schema: { tags: ['finance'], summary: 'Export loans (a bank its own; the finance office and the county leader all)', querystring: LoanExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '贷款台账.xlsx', await loansExport(app.db, actorOf(request), request.query)));
};
