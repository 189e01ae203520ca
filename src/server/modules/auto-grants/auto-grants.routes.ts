import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { autoGrantItemsExport, autoGrantsExport } from './auto-grants.export.ts';
import { ApproveAllBody, AutoGrantDetail, AutoGrantExportQuery, AutoGrantItemsExportQuery, AutoGrantList, AutoGrantListQuery, AutoGrantQuery, AutoGrantSummary, BatchResult, ItemParams, RemoveItemBody } from './auto-grants.schemas.ts';
import { approveAllItems, confirmAutoGrant, endAutoGrantNotice, ITEMS_PAGE_SIZE, readAutoGrant, listAutoGrants, prepareAllItems, proposeAutoGrant, removeAutoGrantItem } from './auto-grants.service.ts';

/** 免申即享: propose from the stored matches, remove with reasons, confirm (公示), pay per item. Department staff of the owning department. */
export const autoGrantsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(AutoGrantSummary);
  app.addSchema(AutoGrantDetail);
  const tags = ['auto-grants'];
  const detail = { 200: Type.Ref('AutoGrantDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.post('/api/policies/:id/auto-grants', {
    schema: { tags, summary: 'Propose a grant list from the stored eligible matches (免申即享 policies)', params: IdParams, response: { 201: Type.Ref('AutoGrantDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await proposeAutoGrant(app.db, actorOf(request), request.params.id)));

  app.get('/api/auto-grants', {
    schema: { tags, summary: 'The department’s grants, newest first', querystring: AutoGrantListQuery, response: { 200: AutoGrantList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    return listAutoGrants(app.db, actorOf(request), { policyId: request.query.policyId, status: request.query.status }, pageOf(request.query));
  });

  app.get('/api/auto-grants/export.xlsx', {
    schema: { tags, summary: 'Export the department’s grants with the list’s filters as XLSX (streamed), with item counts and amounts', querystring: AutoGrantExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '免申即享.xlsx', await autoGrantsExport(app.db, actorOf(request), request.query)));

  app.get('/api/auto-grants/:id/export.xlsx', {
    schema: { tags, summary: 'Export a grant’s items (the enterprises, amounts, removals, payments) as XLSX (staff of the owning department)', params: IdParams, querystring: AutoGrantItemsExportQuery, ...xlsxRoute },
  }, async (request, reply) => {
    const { fileName, sheets } = await autoGrantItemsExport(app.db, actorOf(request), request.params.id, { status: request.query.itemStatus });
    return sendXlsx(reply, fileName, sheets);
  });

  app.get('/api/auto-grants/:id', {
    schema: { tags, summary: 'A grant with its counts and a page of its items', params: IdParams, querystring: AutoGrantQuery, response: detail },
  }, async (request) => {
    return readAutoGrant(app.db, actorOf(request), request.params.id, { status: request.query.itemStatus }, pageOf(request.query, ITEMS_PAGE_SIZE));
  });

  app.post('/api/auto-grants/:id/items/:itemId/remove', {
    schema: { tags, summary: 'Remove an enterprise from a proposed grant, with the reason', params: ItemParams, body: RemoveItemBody, response: detail },
  }, async (request) => removeAutoGrantItem(app.db, actorOf(request), request.params.id, request.params.itemId, request.body.reason));

  app.post('/api/auto-grants/:id/confirm', {
    schema: { tags, summary: 'Confirm: public notice of the list; enterprises are told they receive it without applying', params: IdParams, response: detail },
  }, async (request) => confirmAutoGrant(app.db, actorOf(request), request.params.id));

  app.post('/api/auto-grants/:id/end-notice', {
    schema: { tags, summary: 'End the public notice once its period is over (a job does it anyway)', params: IdParams, response: detail },
  }, async (request) => endAutoGrantNotice(app.db, actorOf(request), request.params.id));

  app.post('/api/auto-grants/:id/prepare-all', {
    schema: { tags, summary: 'Maker: prepare one disbursement per included item not yet prepared', params: IdParams, response: { 200: BatchResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => prepareAllItems(app.db, actorOf(request), request.params.id));

  app.post('/api/auto-grants/:id/approve-all', {
    schema: { tags, summary: 'Checker: pay every prepared item disbursement the caller did not prepare', params: IdParams, body: ApproveAllBody, response: { 200: BatchResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => approveAllItems(app.db, actorOf(request), request.params.id, request.body.paymentRef));
};
