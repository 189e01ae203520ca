import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { programsExport, whitelistExport } from './loan-programs.export.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { CreateProgramBody, EntryParams, GenerateResult, ProgramDetail, ProgramList, ProgramSummary, PushResult, RemoveEntryBody, WhitelistPage, WhitelistQuery } from './loan-programs.schemas.ts';
import * as service from './loan-programs.service.ts';

/** 政策性贷款 programmes: rules, whitelist generation (job), review, push, conversion. */
export const loanProgramsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(ProgramSummary);
  app.addSchema(ProgramDetail);
  const tags = ['loan-programs'];
  const detail = { 200: Type.Ref('LoanProgramDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.get('/api/finance/programs', {
    schema: { tags, summary: 'Programmes with their conversion (finance office: all; bank: its own; enterprise: those it was pushed)', response: { 200: ProgramList, ...errorResponses(401, 403) } },
  }, async (request) => service.listPrograms(app.db, actorOf(request)));

  app.get('/api/finance/programs/export.xlsx', {
    schema: { tags, summary: 'Export the programmes with their conversion (finance office: all; bank: its own; enterprise: those it was pushed)', ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '政策性贷款项目.xlsx', await programsExport(app.db, actorOf(request))));

  app.get('/api/finance/programs/:id/whitelist/export.xlsx', {
    schema: { tags, summary: 'Export a programme’s whitelist with the list’s filters (finance office: all rows; bank: pushed rows)', params: IdParams, querystring: exportQueryOf(WhitelistQuery.properties), ...xlsxRoute },
  }, async (request, reply) => {
    const { programName, sheets } = await whitelistExport(app.db, actorOf(request), request.params.id, { status: request.query.status, q: request.query.q });
    return sendXlsx(reply, `${programName}_白名单.xlsx`, sheets);
  });

  app.post('/api/finance/programs', {
    schema: { tags, summary: 'Create a programme (finance office): eligibility rule, quota, banks, products, pool', body: CreateProgramBody, response: { 201: Type.Ref('LoanProgramDetail'), ...errorResponses(400, 401, 403, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.createProgram(app.db, actorOf(request), request.body)));

  app.get('/api/finance/programs/:id', {
    schema: { tags, summary: 'A programme: rule, members, generation progress, conversion pushed → applied → approved → lent', params: IdParams, response: detail },
  }, async (request) => service.getProgram(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/programs/:id/whitelist/generate', {
    schema: { tags, summary: 'Generate the whitelist from the rule over the county (a job; the programme shows its progress)', params: IdParams, response: { 202: GenerateResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(202).send(await service.requestWhitelist(app.db, actorOf(request), request.params.id)));

  app.get('/api/finance/programs/:id/whitelist', {
    schema: { tags, summary: 'The whitelist with each enterprise’s stage (finance office: all rows; bank: pushed rows)', params: IdParams, querystring: WhitelistQuery, response: { 200: WhitelistPage, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getWhitelist(app.db, actorOf(request), request.params.id, { status: request.query.status, q: request.query.q }, pageOf(request.query)));

  app.post('/api/finance/programs/:id/whitelist/:entryId/remove', {
    schema: { tags, summary: 'Review: take a listed enterprise off the whitelist, with the reason', params: EntryParams, body: RemoveEntryBody, response: { 200: WhitelistPage, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.removeEntry(app.db, actorOf(request), request.params.id, request.params.entryId, request.body.reason));

  app.post('/api/finance/programs/:id/push', {
    schema: { tags, summary: 'Push the listed enterprises to the member banks and to the enterprises (notifications)', params: IdParams, response: { 200: PushResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.pushWhitelist(app.db, actorOf(request), request.params.id));
};
