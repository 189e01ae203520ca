import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { paymentsExport } from './payments.export.ts';
import { ApproveDisbursementBody, CancelDisbursementBody, Disbursement, DisbursementExportQuery, DisbursementList, DisbursementListQuery, PrepareDisbursementBody } from './payments.schemas.ts';
import { approvePayment, cancelPayment, getPayment, listPayments, preparePayment, targetOfRequest } from './payments.service.ts';

/** 兑付 by maker–checker: prepare (one department_staff), approve (another) → paid. */
export const paymentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Disbursement);
  const tags = ['disbursements'];
  const one = { 200: Type.Ref('Disbursement'), ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.post('/api/disbursements', {
    schema: {
      tags,
      summary: 'Maker: prepare the payment of an application (after its notice) or of a 免申即享 item; amountFen must be the approved amount',
      body: PrepareDisbursementBody,
      response: { 201: Type.Ref('Disbursement'), ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await preparePayment(app.db, actorOf(request), { target: targetOfRequest(request.body), amountFen: request.body.amountFen })));

  app.post('/api/disbursements/:id/approve', {
    schema: { tags, summary: 'Checker: approve a prepared disbursement → paid (a different department_staff from the maker)', params: IdParams, body: ApproveDisbursementBody, response: one },
  }, async (request) => approvePayment(app.db, actorOf(request), request.params.id, request.body.paymentRef));

  app.post('/api/disbursements/:id/cancel', {
    schema: { tags, summary: 'Cancel a prepared disbursement, with the reason (it may be prepared again)', params: IdParams, body: CancelDisbursementBody, response: one },
  }, async (request) => cancelPayment(app.db, actorOf(request), request.params.id, request.body.reason));

  app.get('/api/disbursements', {
    schema: { tags, summary: 'Disbursements: a department those of its policies, an enterprise those paid to it', querystring: DisbursementListQuery, response: { 200: DisbursementList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listPayments(app.db, actorOf(request), { status: request.query.status, policyId: request.query.policyId }, pageOf(request.query)));

  app.get('/api/disbursements/export.xlsx', {
    schema: { tags, summary: 'Export disbursements with the list’s filters as XLSX (streamed; a department its policies’, an enterprise those paid to it)', querystring: DisbursementExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '资金兑付.xlsx', await paymentsExport(app.db, actorOf(request), { status: request.query.status, policyId: request.query.policyId })));

  app.get('/api/disbursements/:id', {
    schema: { tags, summary: 'One disbursement', params: IdParams, response: { 200: Type.Ref('Disbursement'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getPayment(app.db, actorOf(request), request.params.id));
};
