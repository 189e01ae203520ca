import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { activateModel, createExpertModel, getModel, listModels, startTraining, updateExpertModel } from './credit-models.service.ts';
import { CreateExpertModelBody, CreditModel, CreditReport, MyCreditAssessment, TrainModelBody, UpdateExpertModelBody } from './credit.schemas.ts';
import { assessMyEnterprise, creditReportOfApplication } from './credit.service.ts';

export const creditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(CreditModel);
  const tags = ['credit'];

  app.get('/api/me/credit-assessment', {
    schema: { tags, summary: 'The enterprise’s own credit assessment by the active model (recorded with model version and inputs)', response: { 200: MyCreditAssessment, ...errorResponses(401, 403, 404, 503) } },
  }, async (request) => assessMyEnterprise(app.db, actorOf(request)));

  app.get('/api/finance/applications/:id/credit-report', {
    schema: { tags, summary: 'A lead’s credit report for its bank, from consented data only (audited)', params: IdParams, response: { 200: CreditReport, ...errorResponses(400, 401, 403, 404, 503) } },
  }, async (request) => creditReportOfApplication(app.db, actorOf(request), request.params.id));

  app.get('/api/finance/credit-models', {
    schema: { tags, summary: 'The model registry: expert and trained scorecards with their reports (finance office)', response: { 200: Type.Array(Type.Ref('CreditModel')), ...errorResponses(401, 403) } },
  }, async (request) => listModels(app.db, actorOf(request)));

  app.get('/api/finance/credit-models/:id', {
    schema: { tags, summary: 'One model with its training progress and report', params: IdParams, response: { 200: Type.Ref('CreditModel'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getModel(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/credit-models', {
    schema: { tags, summary: 'Create an expert scorecard (a new version; optionally active at once)', body: CreateExpertModelBody, response: { 201: Type.Ref('CreditModel'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createExpertModel(app.db, actorOf(request), request.body)));

  app.patch('/api/finance/credit-models/:id', {
    schema: { tags, summary: 'Edit a draft expert scorecard (active and retired versions are frozen)', params: IdParams, body: UpdateExpertModelBody, response: { 200: Type.Ref('CreditModel'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => updateExpertModel(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/credit-models/train', {
    schema: { tags, summary: 'Train a scorecard from the historical loans (a job; poll the model for progress)', body: TrainModelBody, response: { 202: Type.Ref('CreditModel'), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(202).send(await startTraining(app.db, actorOf(request), request.body)));

  app.post('/api/finance/credit-models/:id/activate', {
    schema: { tags, summary: 'Activate a model (the active one is retired)', params: IdParams, response: { 200: Type.Ref('CreditModel'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => activateModel(app.db, actorOf(request), request.params.id));
};
