import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { errorResponses, StrictObject } from '../../http/schemas.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { discardFile } from '../../storage/files.ts';
import { createRule, deleteRule, listModels, listRules, requestTraining, updateRule } from './demands.admin.ts';
import { assignDemand, claimDemand, offerDemand, pickService, transferDemand, triageDemand } from './demands.dispatch.ts';
import { assertCanAttach, attachDemandFile, createDemand, findDuplicates, openDemandFile, receiveDemandAttachment, suggestCategoriesFor } from './demands.intake.ts';
import {
  acceptDemand,
  closeDemand,
  rateDemand,
  recordFollowUp,
  reopenDemand,
  resolveDemand,
  resumeDemand,
  returnToDispatcher,
  startDemand,
  waitOnEnterprise,
} from './demands.lifecycle.ts';
import { demandSummary, listCategories, listDemands, listHandlers, listPool, overdueBoard } from './demands.read.ts';
import {
  AssignBody,
  CategoryList,
  CategorySuggestionBody,
  CategorySuggestionList,
  CreateDemandBody,
  CreateRuleBody,
  CreateServiceBody,
  DemandDetail,
  DemandFile,
  DemandFileParams,
  DemandIdParams,
  DemandList,
  DemandListQuery,
  DemandSummaryCounts,
  DuplicateList,
  DuplicatesBody,
  EmptyBody,
  FollowUpBody,
  HandlerList,
  HandlersQuery,
  NoteBody,
  OfferBody,
  OverdueBoard,
  PickBody,
  RateBody,
  ReasonBody,
  ResolveBody,
  RouterModelList,
  RoutingRule,
  RoutingRuleList,
  RuleIdParams,
  ServiceIdParams,
  ServiceItem,
  ServiceList,
  ServiceListQuery,
  TrainJob,
  TransferBody,
  TriageBody,
  UpdateRuleBody,
  UpdateServiceBody,
} from './demands.schemas.ts';
import { demandSettingsOf } from './demands.settings.ts';
import { readDemandDetail } from './demands.steps.ts';
import { createService, listServices, updateService } from './services.service.ts';
import { PageQuery } from '../../http/schemas.ts';

/** HTTP of demands (诉求) and the service catalogue; see demands.schemas.ts for the route list. */
export const demandsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = demandSettingsOf(app.config);
  const maxFileBytes = settings.attachmentMaxBytes;
  await app.register(fastifyMultipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  const tags = ['demands'];
  const detail = { 200: DemandDetail, ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.post('/api/demands', {
    schema: { tags, summary: 'File a demand (enterprise user for its firm; cadre for a firm it may act for; dispatcher through the API)', body: CreateDemandBody, response: { 201: DemandDetail, ...errorResponses(400, 401, 403, 404, 422) } },
  }, async (request, reply) => reply.status(201).send(await createDemand(app.db, settings, actorOf(request), request.body)));

  app.post('/api/demands/duplicates', {
    schema: { tags, summary: 'Open demands of the same enterprise that look like this one (before submitting)', body: DuplicatesBody, response: { 200: DuplicateList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => findDuplicates(app.db, actorOf(request), request.body));

  app.post('/api/demands/category-suggestions', {
    schema: { tags, summary: 'Categories the keyword rules and the router suggest for a text being written (whoever may file a demand)', body: CategorySuggestionBody, response: { 200: CategorySuggestionList, ...errorResponses(400, 401, 403) } },
  }, async (request) => suggestCategoriesFor(app.db, actorOf(request), request.body));

  app.get('/api/demands', {
    schema: { tags, summary: 'Demands in the actor’s scope (enterprise: own; handler: its orders; dispatcher: all)', querystring: DemandListQuery, response: { 200: DemandList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listDemands(app.db, actorOf(request), query, pageOf({ page, pageSize }));
  });

  app.get('/api/demands/summary', {
    schema: { tags, summary: 'Queue counts for the actor’s home (dispatcher: county; handler: its org; enterprise: own)', response: { 200: DemandSummaryCounts, ...errorResponses(401, 403) } },
  }, async (request) => demandSummary(app.db, settings, actorOf(request)));

  app.get('/api/demands/overdue', {
    schema: { tags, summary: 'The overdue board: overdue orders and counts per handling organisation', response: { 200: OverdueBoard, ...errorResponses(401, 403) } },
  }, async (request) => overdueBoard(app.db, settings, actorOf(request)));

  app.get('/api/demands/pool', {
    schema: { tags, summary: 'The 抢单 pool: offers this provider may claim (provider staff)', querystring: Type.Object({ ...PageQuery }), response: { 200: DemandList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listPool(app.db, actorOf(request), pageOf(request.query)));

  app.get('/api/demands/handlers', {
    schema: { tags, summary: 'Organisations to assign or transfer to, with open load, users and leaders', querystring: HandlersQuery, response: { 200: HandlerList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listHandlers(app.db, actorOf(request), request.query.categoryCode));

  app.get('/api/demand-categories', {
    schema: { tags, summary: 'Demand categories with their competent department and response/resolution hours', response: { 200: CategoryList, ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listCategories(app.db);
  });

  app.get('/api/demands/routing-rules', {
    schema: { tags, summary: 'Keyword routing rules, active first, with the demands each routed in the last 90 days (dispatcher)', response: { 200: RoutingRuleList, ...errorResponses(401, 403) } },
  }, async (request) => listRules(app.db, actorOf(request)));
  app.post('/api/demands/routing-rules', {
    schema: { tags, summary: 'Add a keyword rule: the keyword always means this category (and office); one active rule per keyword, else 409 (dispatcher)', body: CreateRuleBody, response: { 201: RoutingRule, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createRule(app.db, actorOf(request), request.body)));
  app.patch('/api/demands/routing-rules/:ruleId', {
    schema: { tags, summary: 'Edit, deactivate or reactivate a keyword rule; 409 when it would duplicate an active keyword (dispatcher)', params: RuleIdParams, body: UpdateRuleBody, response: { 200: RoutingRule, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => updateRule(app.db, actorOf(request), request.params.ruleId, request.body));
  app.delete('/api/demands/routing-rules/:ruleId', {
    schema: { tags, summary: 'Remove a keyword rule (dispatcher)', params: RuleIdParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await deleteRule(app.db, actorOf(request), request.params.ruleId);
    return reply.status(204).send(null);
  });

  app.post('/api/demands/router/train', {
    schema: { tags, summary: 'Queue a retraining of the routing model from resolved demands (dispatcher)', body: Type.Optional(EmptyBody), response: { 202: TrainJob, ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    const result = await requestTraining(app.db, actorOf(request));
    app.jobs.poke();
    return reply.status(202).send(result);
  });
  app.get('/api/demands/router/models', {
    schema: { tags, summary: 'Routing model versions, newest (current) first (dispatcher)', response: { 200: RouterModelList, ...errorResponses(401, 403) } },
  }, async (request) => listModels(app.db, actorOf(request)));

  app.get('/api/demands/:id', {
    schema: { tags, summary: 'One demand with its suggestion (government side), timeline, files and the actor’s allowed actions', params: DemandIdParams, response: detail },
  }, async (request) => readDemandDetail(app.db, settings, actorOf(request), request.params.id));

  const id = (request: { params: { id: number } }) => request.params.id;
  app.post('/api/demands/:id/triage', { schema: { tags, summary: 'Set the category (dispatcher)', params: DemandIdParams, body: TriageBody, response: detail } },
    async (request) => triageDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/assign', { schema: { tags, summary: '派单: assign to a handling organisation, or automatically by rule, round robin or least load (dispatcher)', params: DemandIdParams, body: AssignBody, response: detail } },
    async (request) => assignDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/pick', { schema: { tags, summary: '点单: the enterprise picks a catalogue item; its provider gets the order', params: DemandIdParams, body: PickBody, response: detail } },
    async (request) => pickService(app.db, settings, actorOf(request), id(request), request.body.serviceId));
  app.post('/api/demands/:id/offer', { schema: { tags, summary: '抢单: offer to eligible providers (dispatcher)', params: DemandIdParams, body: OfferBody, response: detail } },
    async (request) => offerDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/claim', { schema: { tags, summary: 'Claim an offer: the first provider wins, others get 409 (provider staff)', params: DemandIdParams, body: Type.Optional(EmptyBody), response: detail } },
    async (request) => claimDemand(app.db, settings, actorOf(request), id(request)));
  app.post('/api/demands/:id/accept', { schema: { tags, summary: '接单: the assignee accepts the order', params: DemandIdParams, body: Type.Optional(EmptyBody), response: detail } },
    async (request) => acceptDemand(app.db, settings, actorOf(request), id(request)));
  app.post('/api/demands/:id/start', { schema: { tags, summary: 'The assignee starts work', params: DemandIdParams, body: Type.Optional(NoteBody), response: detail } },
    async (request) => startDemand(app.db, settings, actorOf(request), id(request), request.body?.note));
  app.post('/api/demands/:id/wait', { schema: { tags, summary: 'Wait on the enterprise (reason); the resolution clock pauses', params: DemandIdParams, body: ReasonBody, response: detail } },
    async (request) => waitOnEnterprise(app.db, settings, actorOf(request), id(request), request.body.reason));
  app.post('/api/demands/:id/resume', { schema: { tags, summary: 'Resume after waiting (enterprise or assignee); the deadline is recomputed', params: DemandIdParams, body: Type.Optional(NoteBody), response: detail } },
    async (request) => resumeDemand(app.db, settings, actorOf(request), id(request), request.body?.note));
  app.post('/api/demands/:id/transfer', { schema: { tags, summary: '移交 to another organisation (reason required; assignee or dispatcher)', params: DemandIdParams, body: TransferBody, response: detail } },
    async (request) => transferDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/return', { schema: { tags, summary: 'Return to the dispatcher (reason required; assignee)', params: DemandIdParams, body: ReasonBody, response: detail } },
    async (request) => returnToDispatcher(app.db, settings, actorOf(request), id(request), request.body.reason));
  app.post('/api/demands/:id/resolve', { schema: { tags, summary: '办结: record the result, online or offline (assignee)', params: DemandIdParams, body: ResolveBody, response: detail } },
    async (request) => resolveDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/rate', { schema: { tags, summary: '好差评: rate 1–5 once per resolution; ≤ 2 returns it for rectification (enterprise)', params: DemandIdParams, body: RateBody, response: detail } },
    async (request) => rateDemand(app.db, settings, actorOf(request), id(request), request.body));
  app.post('/api/demands/:id/close', { schema: { tags, summary: 'Close a resolved or rated demand; the follow-up is scheduled (dispatcher)', params: DemandIdParams, body: Type.Optional(NoteBody), response: detail } },
    async (request) => closeDemand(app.db, settings, actorOf(request), id(request), request.body?.note));
  app.post('/api/demands/:id/reopen', { schema: { tags, summary: 'Reopen a rated or closed demand (reason; enterprise or dispatcher)', params: DemandIdParams, body: ReasonBody, response: detail } },
    async (request) => reopenDemand(app.db, settings, actorOf(request), id(request), request.body.reason));
  app.post('/api/demands/:id/follow-up', { schema: { tags, summary: '跟踪问效: record the follow-up outcome (dispatcher)', params: DemandIdParams, body: FollowUpBody, response: detail } },
    async (request) => recordFollowUp(app.db, settings, actorOf(request), id(request), request.body));

  app.post('/api/demands/:id/files', {
    bodyLimit: maxFileBytes + 64 * 1024,
    schema: {
      tags,
      summary: 'Attach a file (multipart `file`) — PDF, PNG, JPEG, DOCX, XLSX, within the size limit (enterprise, filing cadre, handler)',
      consumes: ['multipart/form-data'],
      params: DemandIdParams,
      response: { 201: DemandFile, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const demandId = request.params.id;
    const { upload } = await readMultipart(request, {
      fields: StrictObject({}),
      defaultFileName: 'attachment',
      receive: async (part) => {
        // Refuse before a byte of the file is stored.
        await assertCanAttach(app.db, actor, demandId);
        return receiveDemandAttachment(app.config.storageDir, part.file, maxFileBytes);
      },
    });
    if (!upload) throw new AppError('validation_failed', 'No file in the upload', [{ path: 'body/file', message: 'required' }]);
    if (upload.file.bytes === 0) {
      await discardFile(upload.file);
      throw new AppError('validation_failed', 'The file is empty', [{ path: 'body/file', message: 'empty' }]);
    }
    try {
      return reply.status(201).send(await attachDemandFile(app.db, app.config.storageDir, actor, demandId, upload));
    } finally {
      await discardFile(upload.file);
    }
  });

  app.get('/api/demands/:id/files/:fileId', {
    schema: { tags, summary: 'Download an attachment (whoever may see the demand)', params: DemandFileParams, produces: ['application/octet-stream'], response: { 200: { description: 'the file', type: 'string' }, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const file = await openDemandFile(app.db, app.config.storageDir, actorOf(request), request.params.id, request.params.fileId);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'private, no-store')
      .send(file.stream as unknown as string);
  });

  // The service catalogue ----------------------------------------------------------------------
  const serviceTags = ['services'];
  app.get('/api/services', {
    schema: { tags: serviceTags, summary: 'The service catalogue of the three teams (filters: team, kind, category, provider, free, text; mine for provider staff)', querystring: ServiceListQuery, response: { 200: ServiceList, ...errorResponses(400, 401) } },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listServices(app.db, actorOf(request), query, pageOf({ page, pageSize }));
  });
  app.post('/api/services', {
    schema: { tags: serviceTags, summary: 'Add a catalogue item of the actor’s organisation (provider or department staff)', body: CreateServiceBody, response: { 201: ServiceItem, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await createService(app.db, actorOf(request), request.body)));
  app.patch('/api/services/:id', {
    schema: { tags: serviceTags, summary: 'Edit an item of the actor’s organisation (provider or department staff)', params: ServiceIdParams, body: UpdateServiceBody, response: { 200: ServiceItem, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => updateService(app.db, actorOf(request), request.params.id, request.body));
};
