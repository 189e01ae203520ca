import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RULE_JSON_SCHEMA } from '../../../core/rules/index.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { getMyPolicyMatches, markPushOpened } from './calculator.service.ts';
import { createMatchingJobHandlers, enqueueRematchAfterProfiles } from './matching.jobs.ts';
import {
  CreateGoldenCaseBody,
  CreatePolicyBody,
  Evaluation,
  EvaluateBody,
  ExportQuery,
  Funnel,
  GoldenCase,
  GoldenCaseParams,
  GoldenRun,
  MyPolicyMatches,
  PolicyDetail,
  PolicyDetailQuery,
  PolicyIdParams,
  PolicyList,
  PolicyListQuery,
  PolicySummary,
  Preview,
  PushView,
  UpdatePolicyBody,
} from './policies.schemas.ts';
import {
  closePolicy,
  createGoldenCase,
  createPolicy,
  createVersion,
  deleteGoldenCase,
  evaluatePolicy,
  exportPolicyExplanation,
  getPolicy,
  getPolicyFunnel,
  listGoldenCases,
  listPolicies,
  previewPolicy,
  publishPolicy,
  runGoldenCasesOf,
  submitPolicy,
  updatePolicy,
} from './policies.service.ts';

/** Policy direct access (政策直达): catalogue, golden cases, evaluation, preview, the enterprise's matches; and the matching jobs. */
export const policiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(PolicySummary);
  app.addSchema(PolicyDetail);
  app.addSchema(GoldenCase);
  const tags = ['policies'];
  const detail = { 200: Type.Ref('PolicyDetail'), ...errorResponses(400, 401, 403, 404, 409) };

  for (const [kind, handler] of Object.entries(createMatchingJobHandlers(app.dbKind))) app.jobs.register(kind, handler);
  // Recomputed profiles may qualify (or no longer qualify) for live policies: queue their re-match.
  app.events.subscribe('matching.rematch-after-profiles', 'profile.recomputed', async (payload, context) => {
    await enqueueRematchAfterProfiles(context.db, 'all' in payload ? 'all' : payload.enterpriseIds);
  });

  app.get('/api/rules/schema.json', {
    schema: { tags, summary: 'JSON Schema of the rule language (eligibility and benefit)', security: [], response: { 200: Type.Unknown(), ...errorResponses(401) } },
  }, async () => RULE_JSON_SCHEMA);

  app.post('/api/policies', {
    schema: { tags, summary: 'Create a policy (draft v1) of the own department', body: CreatePolicyBody, response: { 201: Type.Ref('PolicyDetail'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createPolicy(app.db, actorOf(request), request.body)));

  app.get('/api/policies', {
    schema: { tags, summary: 'Policies: published ones, plus the own department’s drafts', querystring: PolicyListQuery, response: { 200: PolicyList, ...errorResponses(400, 401) } },
  }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listPolicies(app.db, actorOf(request), filter, page, pageSize);
  });

  app.get('/api/policies/:id', {
    schema: { tags, summary: 'A policy: its current version (or ?version=N), rendering, versions; match counts and funnel for its department', params: IdParams, querystring: PolicyDetailQuery, response: detail },
  }, async (request) => getPolicy(app.db, actorOf(request), request.params.id, request.query.version));

  app.patch('/api/policies/:id', {
    schema: { tags, summary: 'Edit the draft', params: IdParams, body: UpdatePolicyBody, response: detail },
  }, async (request) => updatePolicy(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/policies/:id/submit', {
    schema: { tags, summary: 'Submit the draft for review', params: IdParams, response: detail },
  }, async (request) => submitPolicy(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/publish', {
    schema: { tags, summary: 'Publish the open version (refused while a golden case fails); starts the county match', params: IdParams, response: detail },
  }, async (request) => {
    const result = await publishPolicy(app.db, actorOf(request), request.params.id);
    app.jobs.poke();
    return result;
  });

  app.post('/api/policies/:id/close', {
    schema: { tags, summary: 'Close the published version', params: IdParams, response: detail },
  }, async (request) => closePolicy(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/versions', {
    schema: { tags, summary: 'Start a new version: a draft copied from the newest', params: IdParams, response: { 201: Type.Ref('PolicyDetail'), ...errorResponses(401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await createVersion(app.db, actorOf(request), request.params.id)));

  app.get('/api/policies/:id/golden-cases', {
    schema: { tags, summary: 'Golden cases of the open (else newest) version', params: IdParams, response: { 200: Type.Array(Type.Ref('GoldenCase')), ...errorResponses(401, 403, 404) } },
  }, async (request) => listGoldenCases(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/golden-cases', {
    schema: { tags, summary: 'Add a golden case to the draft', params: IdParams, body: CreateGoldenCaseBody, response: { 201: Type.Ref('GoldenCase'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await createGoldenCase(app.db, actorOf(request), request.params.id, request.body)));

  app.delete('/api/policies/:id/golden-cases/:caseId', {
    schema: { tags, summary: 'Remove a golden case from the draft', params: GoldenCaseParams, response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await deleteGoldenCase(app.db, actorOf(request), request.params.id, request.params.caseId);
    return reply.status(204).send(null);
  });

  app.post('/api/policies/:id/golden-cases/run', {
    schema: { tags, summary: 'Run the golden cases', params: IdParams, response: { 200: GoldenRun, ...errorResponses(401, 403, 404) } },
  }, async (request) => runGoldenCasesOf(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/evaluate', {
    schema: { tags, summary: 'Evaluate the policy for one enterprise, with the explanation', params: IdParams, body: EvaluateBody, response: { 200: Evaluation, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => evaluatePolicy(app.db, actorOf(request), request.params.id, request.body.enterpriseId));

  app.post('/api/policies/:id/preview', {
    schema: { tags, summary: 'County-wide counts for the current (draft) rule, without publishing', params: IdParams, response: { 200: Preview, ...errorResponses(401, 403, 404) } },
  }, async (request) => previewPolicy(app.db, actorOf(request), request.params.id, app.dbKind));

  app.get('/api/policies/:id/funnel', {
    schema: { tags, summary: 'Push funnel: pushed, read, opened, applied, granted (and by day)', params: IdParams, response: { 200: Funnel, ...errorResponses(401, 403, 404) } },
  }, async (request) => getPolicyFunnel(app.db, actorOf(request), request.params.id));

  app.get('/api/policies/:id/explanation-export', {
    schema: { tags, summary: 'Download the explanation of one evaluation (audit record)', params: IdParams, querystring: ExportQuery, response: { 200: Type.String(), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const file = await exportPolicyExplanation(app.db, actorOf(request), request.params.id, request.query.enterpriseId, request.query.format ?? 'json');
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });

  app.get('/api/me/policy-matches', {
    schema: { tags, summary: 'The own enterprise’s policies: eligible and undecided, amounts, conflicts, the next question', response: { 200: MyPolicyMatches, ...errorResponses(401, 403, 404) } },
  }, async (request) => getMyPolicyMatches(app.db, actorOf(request)));

  app.post('/api/me/policy-pushes/:policyId/opened', {
    schema: { tags, summary: 'The enterprise opened a pushed policy (funnel)', params: PolicyIdParams, response: { 200: PushView, ...errorResponses(401, 403, 404) } },
  }, async (request) => markPushOpened(app.db, actorOf(request), request.params.policyId));
};
