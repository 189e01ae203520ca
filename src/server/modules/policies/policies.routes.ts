import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RULE_JSON_SCHEMA } from '../../../core/rules/index.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { policiesExport } from './policies.export.ts';
import { createGoldenCase, deleteGoldenCase, listGoldenCases, runGoldenCasesOf, runGoldenCasesOnDraft } from './golden-cases.service.ts';
import type { PolicyInsightsReader } from './policies.detail.ts';
import {
  CreateGoldenCaseBody,
  CreatePolicyBody,
  DraftRulesBody,
  Evaluation,
  EvaluateBody,
  ExportQuery,
  GoldenCase,
  GoldenCaseParams,
  GoldenRun,
  PolicyDetail,
  PolicyDetailQuery,
  PolicyExportQuery,
  PolicyReading,
  ReadPolicyTextBody,
  PolicyList,
  PolicyListQuery,
  PolicySummary,
  Preview,
  PreviewDraftBody,
  ReturnPolicyBody,
  ReviewComparison,
  ReviewQueue,
  UnsavedPreview,
  UpdatePolicyBody,
} from './policies.schemas.ts';
import { createPolicy, createVersion, updatePolicy } from './policy-authoring.service.ts';
import { evaluatePolicy, exportPolicyExplanation, previewDraft, previewPolicy, previewUnsaved } from './policy-evaluation.service.ts';
import { closePolicy, publishPolicy, returnPolicy, submitPolicy } from './policy-lifecycle.service.ts';
import { compareForReview, listReviewQueue } from './policy-review.service.ts';
import { getPolicy, listPolicies } from './policy-reading.service.ts';
import { readPolicyDocument } from './policy-text-reading.service.ts';

/** What the catalogue's routes are given by app.ts: what its department sees but the catalogue does not own. */
export interface PoliciesRoutesOptions {
  readInsights: PolicyInsightsReader;
}

/** The catalogue (政策直达): policies and versions, golden cases, evaluation and preview. */
export const policiesRoutes: FastifyPluginAsyncTypebox<PoliciesRoutesOptions> = async (app, { readInsights }) => {
  app.addSchema(PolicySummary);
  app.addSchema(PolicyDetail);
  app.addSchema(GoldenCase);
  const tags = ['policies'];
  const detail = { 200: Type.Ref('PolicyDetail'), ...errorResponses(400, 401, 403, 404, 409) };

  app.get('/api/rules/schema.json', {
    schema: { tags, summary: 'JSON Schema of the rule language (eligibility and benefit)', security: [], response: { 200: Type.Unknown(), ...errorResponses(401) } },
  }, async () => RULE_JSON_SCHEMA);

  app.post('/api/policies', {
    schema: { tags, summary: 'Create a policy (draft v1) of the own department', body: CreatePolicyBody, response: { 201: Type.Ref('PolicyDetail'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createPolicy(app.db, actorOf(request), request.body, readInsights)));

  app.post('/api/policies/reading', {
    // A base64 .docx of at most 5 MB, or 200k characters of text (up to 3 bytes each in UTF-8).
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Reading assistant: a policy text (pasted, or a .txt/.docx file as base64) → proposed conditions and benefits with their source spans (department staff; nothing stored)',
      body: ReadPolicyTextBody,
      response: { 200: PolicyReading, ...errorResponses(400, 401, 403, 413) },
    },
  }, async (request) => readPolicyDocument(app.db, actorOf(request), request.body));

  app.get('/api/policies', {
    schema: { tags, summary: 'Policies: published ones, plus the own department’s drafts', querystring: PolicyListQuery, response: { 200: PolicyList, ...errorResponses(400, 401) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listPolicies(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.get('/api/policies/export.xlsx', {
    schema: { tags, summary: 'Export the policy list with its filters as XLSX (streamed; what the list shows the caller)', querystring: PolicyExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '政策清单.xlsx', await policiesExport(app.db, actorOf(request), request.query)));

  app.get('/api/policies/:id', {
    schema: { tags, summary: 'A policy: its current version (or ?version=N), rendering, versions; match counts and funnel for its department', params: IdParams, querystring: PolicyDetailQuery, response: detail },
  }, async (request) => getPolicy(app.db, actorOf(request), request.params.id, readInsights, request.query.version));

  app.patch('/api/policies/:id', {
    schema: { tags, summary: 'Edit the draft', params: IdParams, body: UpdatePolicyBody, response: detail },
  }, async (request) => updatePolicy(app.db, actorOf(request), request.params.id, request.body, readInsights));

  app.post('/api/policies/:id/submit', {
    schema: { tags, summary: 'Submit the draft for review', params: IdParams, response: detail },
  }, async (request) => submitPolicy(app.db, actorOf(request), request.params.id, readInsights));

  app.post('/api/policies/:id/publish', {
    schema: { tags, summary: 'Approve and publish the version in review (a colleague of the submitter; refused while a golden case fails); starts the county match', params: IdParams, response: detail },
  }, async (request) => {
    const result = await publishPolicy(app.db, actorOf(request), request.params.id, readInsights);
    app.jobs.poke();
    return result;
  });

  app.get('/api/policies/reviews', {
    schema: { tags, summary: '待我审核: versions in review of the own department that the caller did not submit', response: { 200: ReviewQueue, ...errorResponses(401, 403) } },
  }, async (request) => listReviewQueue(app.db, actorOf(request)));

  app.get('/api/policies/:id/review', {
    schema: { tags, summary: 'The version in review beside the published one: readable text and county reach', params: IdParams, response: { 200: ReviewComparison, ...errorResponses(401, 403, 404, 409) } },
  }, async (request) => compareForReview(app.db, actorOf(request), request.params.id, readInsights, app.dbKind));

  app.post('/api/policies/:id/return', {
    schema: { tags, summary: 'Return the version in review to draft with a reason (a colleague of the submitter)', params: IdParams, body: ReturnPolicyBody, response: detail },
  }, async (request) => returnPolicy(app.db, actorOf(request), request.params.id, request.body.reason, readInsights));

  app.post('/api/policies/:id/close', {
    schema: { tags, summary: 'Close the published version', params: IdParams, response: detail },
  }, async (request) => closePolicy(app.db, actorOf(request), request.params.id, readInsights));

  app.post('/api/policies/:id/versions', {
    schema: { tags, summary: 'Start a new version: a draft copied from the newest', params: IdParams, response: { 201: Type.Ref('PolicyDetail'), ...errorResponses(401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await createVersion(app.db, actorOf(request), request.params.id, readInsights)));

  app.get('/api/policies/:id/golden-cases', {
    schema: { tags, summary: 'Golden cases of the open (else newest) version', params: IdParams, response: { 200: Type.Array(Type.Ref('GoldenCase')), ...errorResponses(401, 403, 404) } },
  }, async (request) => listGoldenCases(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/golden-cases', {
    schema: { tags, summary: 'Add a golden case to the draft (409 golden_cases_locked while the version is in review)', params: IdParams, body: CreateGoldenCaseBody, response: { 201: Type.Ref('GoldenCase'), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await createGoldenCase(app.db, actorOf(request), request.params.id, request.body)));

  app.delete('/api/policies/:id/golden-cases/:caseId', {
    schema: { tags, summary: 'Remove a golden case from the draft (409 golden_cases_locked while the version is in review)', params: GoldenCaseParams, response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) } },
  }, async (request, reply) => {
    await deleteGoldenCase(app.db, actorOf(request), request.params.id, request.params.caseId);
    return reply.status(204).send(null);
  });

  app.post('/api/policies/:id/golden-cases/run-draft', {
    // The editor's bench calls it on each pause in typing, beside the reach: bounded per client the same way.
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: { tags, summary: 'Run the golden cases against an unsaved rule and benefit (the editor, live; nothing is written)', params: IdParams, body: DraftRulesBody, response: { 200: GoldenRun, ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request) => runGoldenCasesOnDraft(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/policies/:id/golden-cases/run', {
    schema: { tags, summary: 'Run the golden cases', params: IdParams, response: { 200: GoldenRun, ...errorResponses(401, 403, 404) } },
  }, async (request) => runGoldenCasesOf(app.db, actorOf(request), request.params.id));

  app.post('/api/policies/:id/evaluate', {
    schema: { tags, summary: 'Evaluate the policy for one enterprise, with the explanation', params: IdParams, body: EvaluateBody, response: { 200: Evaluation, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => evaluatePolicy(app.db, actorOf(request), request.params.id, request.body.enterpriseId));

  app.post('/api/policies/:id/preview', {
    schema: { tags, summary: 'County-wide counts for the current (draft) rule, without publishing', params: IdParams, response: { 200: Preview, ...errorResponses(401, 403, 404) } },
  }, async (request) => previewPolicy(app.db, actorOf(request), request.params.id, app.dbKind));

  app.post('/api/policies/:id/preview-draft', {
    // The builder calls it on each pause in typing: a county scan each time, so sized per client.
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: { tags, summary: 'County-wide counts for an unsaved rule and benefit (the builder, live; nothing is written)', params: IdParams, body: PreviewDraftBody, response: { 200: Preview, ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request) => previewDraft(app.db, actorOf(request), request.params.id, request.body, app.dbKind));

  app.post('/api/policies/preview-draft', {
    // The new-policy page, before the first save: a county scan per call, bounded like preview-draft.
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: { tags, summary: 'County-wide counts for a rule and benefit of no policy yet (the new-policy page, live; department staff; nothing is written)', body: DraftRulesBody, response: { 200: UnsavedPreview, ...errorResponses(400, 401, 403, 429) } },
  }, async (request) => previewUnsaved(app.db, actorOf(request), request.body, app.dbKind));

  app.get('/api/policies/:id/explanation-export', {
    schema: { tags, summary: 'Download the explanation of one evaluation (audit record)', params: IdParams, querystring: ExportQuery, response: { 200: Type.String(), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const file = await exportPolicyExplanation(app.db, actorOf(request), request.params.id, request.query.enterpriseId, request.query.format ?? 'json');
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });
};
