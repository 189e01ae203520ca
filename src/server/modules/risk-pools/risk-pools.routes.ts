import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { claimsExport, ledgerExport } from './risk-pools.export.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import {
  Claim,
  ClaimBody,
  ClaimList,
  ClaimListQuery,
  ContributionBody,
  CreatePoolBody,
  PayClaimBody,
  PoolDetailQuery,
  RecoveryList,
  Registration,
  RegistrationBody,
  RegistrationList,
  RegistrationListQuery,
  RejectClaimBody,
  RiskPoolDetail,
  RiskPoolList,
  RiskPoolSummary,
} from './risk-pools.schemas.ts';
import * as service from './risk-pools.service.ts';

/** 风险补偿资金池: pools, capital, covered loans, claims (maker–checker through payments) and recoveries. */
export const riskPoolsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(RiskPoolSummary);
  app.addSchema(RiskPoolDetail);
  app.addSchema(Registration);
  app.addSchema(Claim);
  const tags = ['risk-pools'];
  const detail = { 200: Type.Ref('RiskPoolDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) };
  const claim = { 200: Type.Ref('RiskPoolClaim'), ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.get('/api/finance/risk-pools', {
    schema: { tags, summary: 'Pools with their capital, capacity and coverage (finance office: all; bank: its pools)', response: { 200: RiskPoolList, ...errorResponses(401, 403) } },
  }, async (request) => service.listPools(app.db, actorOf(request)));

  app.post('/api/finance/risk-pools', {
    schema: { tags, summary: 'Create a pool (finance office): leverage, bank/government shares in bp, member banks, covered products', body: CreatePoolBody, response: { 201: Type.Ref('RiskPoolDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.createPool(app.db, actorOf(request), request.body)));

  app.get('/api/finance/risk-pools/:id', {
    schema: { tags, summary: 'A pool: figures, capital by source, capacity by month, balances and a page of its ledger (finance office)', params: IdParams, querystring: PoolDetailQuery, response: detail },
  }, async (request) => service.getPool(app.db, actorOf(request), request.params.id, pageOf(request.query)));

  app.post('/api/finance/risk-pools/:id/contributions', {
    schema: { tags, summary: 'Record capital contributed by a source (finance office): one ledger entry', params: IdParams, body: ContributionBody, response: { 201: Type.Ref('RiskPoolDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.addContribution(app.db, actorOf(request), request.params.id, request.body)));

  app.post('/api/finance/risk-pools/:id/registrations', {
    schema: { tags, summary: 'A bank registers one of its current loans under the pool; refused beyond capacity', params: IdParams, body: RegistrationBody, response: { 201: Type.Ref('RiskPoolRegistration'), ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.registerLoan(app.db, actorOf(request), request.params.id, request.body.loanId)));

  app.get('/api/finance/risk-pools/registrations', {
    schema: { tags, summary: 'Covered loans (bank: its own; finance office: all)', querystring: RegistrationListQuery, response: { 200: RegistrationList, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listRegistrations(app.db, actorOf(request), { poolId: request.query.poolId, status: request.query.status }, pageOf(request.query)));

  app.post('/api/finance/risk-pools/registrations/:id/release', {
    schema: { tags, summary: 'The bank releases the coverage of its loan (repaid): it stops counting against capacity', params: IdParams, response: { 200: Type.Ref('RiskPoolRegistration'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.releaseRegistration(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/risk-pools/:id/claims', {
    schema: { tags, summary: 'The bank files a claim on a defaulted registered loan (claim ≤ loss; one per default)', params: IdParams, body: ClaimBody, response: { 201: Type.Ref('RiskPoolClaim'), ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.fileClaim(app.db, actorOf(request), request.params.id, request.body)));

  app.get('/api/finance/risk-pools/claims', {
    schema: { tags, summary: 'Claims (bank: its own; finance office: all)', querystring: ClaimListQuery, response: { 200: ClaimList, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listClaims(app.db, actorOf(request), { poolId: request.query.poolId, status: request.query.status }, pageOf(request.query)));

  app.get('/api/finance/risk-pools/claims/export.xlsx', {
    schema: { tags, summary: 'Export claims with the list’s filters (bank: its own; finance office: all)', querystring: exportQueryOf(ClaimListQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '代偿申请.xlsx', await claimsExport(app.db, actorOf(request), { poolId: request.query.poolId, status: request.query.status })));

  app.get('/api/finance/risk-pools/:id/ledger/export.xlsx', {
    schema: { tags, summary: 'Export a pool’s ledger entries, oldest first (finance office)', params: IdParams, ...xlsxRoute },
  }, async (request, reply) => {
    const { poolName, sheets } = await ledgerExport(app.db, actorOf(request), request.params.id);
    return sendXlsx(reply, `${poolName}_资金台账.xlsx`, sheets);
  });

  app.get('/api/finance/risk-pools/claims/:id', {
    schema: { tags, summary: 'A claim with its payment and recoveries', params: IdParams, response: claim },
  }, async (request) => service.getClaim(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/risk-pools/claims/:id/approve', {
    schema: { tags, summary: 'Maker (finance office): approve a filed claim; the government share’s payment is prepared', params: IdParams, response: claim },
  }, async (request) => service.approveClaim(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/risk-pools/claims/:id/pay', {
    schema: { tags, summary: 'Checker (another member of the finance office): pay the prepared government share', params: IdParams, body: PayClaimBody, response: claim },
  }, async (request) => service.payClaim(app.db, actorOf(request), request.params.id, request.body.paymentRef.trim()));

  app.post('/api/finance/risk-pools/claims/:id/reject', {
    schema: { tags, summary: 'Reject a filed claim with a reason (finance office)', params: IdParams, body: RejectClaimBody, response: claim },
  }, async (request) => service.rejectClaim(app.db, actorOf(request), request.params.id, request.body.reason));

  app.get('/api/finance/risk-pools/claims/:id/recoveries', {
    schema: {
      tags,
      summary: 'The recoveries of a claim’s loan (recorded by the bank on the loan): deducted from the loss before the payout, shared back after it',
      params: IdParams,
      response: { 200: RecoveryList, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.listClaimRecoveries(app.db, actorOf(request), request.params.id));
};
