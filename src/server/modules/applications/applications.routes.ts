import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { errorResponses, IdParams, StrictObject } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { pageOf } from '../../platform/pagination.ts';
import { discardFile } from '../../storage/files.ts';
import { ATTACHMENT_MAX_BYTES, receiveAttachment } from './applications.files.ts';
import {
  ApplicationDetail,
  ApplicationExportQuery,
  ApplicationFileView,
  ApplicationForm,
  ApplicationList,
  ApplicationListQuery,
  ApplicationSummary,
  ApproveStepBody,
  CreateApplicationBody,
  OverdueQuery,
  PublicNoticeExportQuery,
  PublicNoticeList,
  PublicNoticeQuery,
  ReasonBody,
  ResubmitBody,
} from './applications.schemas.ts';
import { assertCanAttach, attachFile, openApplicationFile } from './applications.attachments.ts';
import { applicationsExport, publicNoticesExport } from './applications.export.ts';
import { getApplication, listApplications, listPublicNotices } from './applications.read.ts';
import { sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { acceptApplication, applicationAction, approveStep, resubmitApplication } from './applications.review.ts';
import { getApplicationForm, submitApplication } from './applications.submit.ts';

const FileParams = StrictObject({ id: IdParams.properties.id, fileId: IdParams.properties.id });
/** The text field an attachment upload may carry before its file (or ?fieldKey= in the query). */
const AttachmentUploadFields = StrictObject({ fieldKey: Type.Optional(Type.String({ maxLength: 64 })) });

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (Chinese file names survive). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Applications (申报 → 受理 → 审核 → 公示), their attachments and the public notices. */
export const applicationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(ApplicationSummary);
  app.addSchema(ApplicationDetail);
  app.addSchema(ApplicationFileView);
  const maxFileBytes = Math.min(app.config.uploadLimitBytes, ATTACHMENT_MAX_BYTES);
  // Scoped to these routes (as in imports): only attachments come as multipart here.
  await app.register(fastifyMultipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  const tags = ['applications'];
  const detail = { 200: Type.Ref('ApplicationDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) };

  app.get('/api/policies/:id/application-form', {
    schema: { tags, summary: 'The application form, pre-filled from the enterprise profile (enterprise user)', params: IdParams, response: { 200: ApplicationForm, ...errorResponses(400, 401, 403, 404, 422) } },
  }, async (request) => getApplicationForm(app.db, actorOf(request), request.params.id));

  app.post('/api/applications', {
    schema: {
      tags,
      summary: 'Apply for a policy (enterprise user): 409 if an application is active, 422 outside the window or when not eligible',
      body: CreateApplicationBody,
      response: { 201: Type.Ref('ApplicationDetail'), ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await submitApplication(app.db, actorOf(request), request.body)));

  app.get('/api/applications', {
    schema: { tags, summary: 'Applications: a department those of its policies, an enterprise its own', querystring: ApplicationListQuery, response: { 200: ApplicationList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    return listApplications(app.db, actorOf(request), request.query, pageOf(request.query));
  });

  app.get('/api/applications/export.xlsx', {
    schema: {
      tags,
      summary: 'Export applications with the list’s filters as XLSX (streamed; the list’s access: a department its own, an enterprise its own, county readers all)',
      querystring: ApplicationExportQuery,
      ...xlsxRoute,
    },
  }, async (request, reply) => sendXlsx(reply, '政策申报.xlsx', await applicationsExport(app.db, actorOf(request), request.query)));

  app.get('/api/applications/overdue', {
    schema: { tags, summary: 'Applications whose current step is past its deadline (working days), oldest deadline first', querystring: OverdueQuery, response: { 200: ApplicationList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    return listApplications(app.db, actorOf(request), { policyId: request.query.policyId, overdue: true }, pageOf(request.query));
  });

  app.get('/api/applications/:id', {
    schema: { tags, summary: 'One application with its timeline, current step and deadline', params: IdParams, response: detail },
  }, async (request) => getApplication(app.db, actorOf(request), request.params.id));

  app.post('/api/applications/:id/accept', {
    schema: { tags, summary: '受理 (department staff)', params: IdParams, response: detail },
  }, async (request) => acceptApplication(app.db, actorOf(request), request.params.id));

  app.post('/api/applications/:id/approve-step', {
    schema: { tags, summary: 'Approve the current review step; on the last one the approved amount (fen) is fixed (department staff)', params: IdParams, body: ApproveStepBody, response: detail },
  }, async (request) => approveStep(app.db, actorOf(request), request.params.id, request.body ?? {}));

  for (const [path, action, summary] of [
    ['return', 'return', '退回补正: return for completion, with the reason (department staff)'],
    ['reject', 'reject', 'Reject, with the reason (department staff)'],
    ['object', 'object', 'Record an objection (异议) received during the public notice: back to review, with the reason (department staff)'],
  ] as const) {
    app.post(`/api/applications/:id/${path}`, {
      schema: { tags, summary, params: IdParams, body: ReasonBody, response: detail },
    }, async (request) => applicationAction(app.db, actorOf(request), request.params.id, action, request.body.reason));
  }

  for (const [path, action, summary] of [
    ['withdraw', 'withdraw', 'Withdraw the application (enterprise user), until it is publicly noticed'],
    ['start-notice', 'start_notice', 'Publish the approval for public notice (公示) for the policy’s notice period (department staff)'],
    ['end-notice', 'end_notice', 'End the public notice once its period is over (department staff; a job does it anyway)'],
  ] as const) {
    app.post(`/api/applications/:id/${path}`, {
      schema: { tags, summary, params: IdParams, response: detail },
    }, async (request) => applicationAction(app.db, actorOf(request), request.params.id, action, null));
  }

  app.post('/api/applications/:id/resubmit', {
    schema: { tags, summary: 'Resubmit after 退回补正, optionally with corrected form data (enterprise user)', params: IdParams, body: ResubmitBody, response: detail },
  }, async (request) => resubmitApplication(app.db, actorOf(request), request.params.id, request.body.formData));

  app.post('/api/applications/:id/files', {
    bodyLimit: maxFileBytes + 64 * 1024,
    schema: {
      tags,
      summary: 'Attach a file (multipart: fieldKey, then file; or ?fieldKey=) — PDF, PNG, JPEG, DOCX, XLSX (enterprise user)',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: Type.Object({ fieldKey: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 201: Type.Ref('ApplicationFile'), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    let fieldKey: string | undefined;
    const { upload: received } = await readMultipart(request, {
      fields: AttachmentUploadFields,
      defaultFileName: 'attachment',
      receive: async (part, fields) => {
        fieldKey = request.query.fieldKey ?? fields.fieldKey;
        // Refuse before a byte of the file is stored.
        await assertCanAttach(app.db, actor, id, fieldKey);
        return receiveAttachment(app.config.storageDir, part.file, maxFileBytes);
      },
    });
    const upload = received && { ...received, fieldKey: fieldKey! };
    if (!upload) throw new AppError('validation_failed', 'No file in the upload', [{ path: 'body/file', message: 'required' }]);
    if (upload.file.bytes === 0) {
      await discardFile(upload.file);
      throw new AppError('validation_failed', 'The file is empty', [{ path: 'body/file', message: 'empty' }]);
    }
    try {
      return reply.status(201).send(await attachFile(app.db, app.config.storageDir, actor, id, upload));
    } finally {
      // Placed files were moved away; anything refused is still at its temporary path and goes.
      await discardFile(upload.file);
    }
  });

  app.get('/api/applications/:id/files/:fileId', {
    schema: {
      tags,
      summary: 'Download an attachment (the applying enterprise and the owning department)',
      params: FileParams,
      produces: ['application/octet-stream'],
      response: { 200: { description: 'the file', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const file = await openApplicationFile(app.db, app.config.storageDir, actorOf(request), request.params.id, request.params.fileId);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'private, no-store')
      .send(file.stream as unknown as string);
  });

  app.get('/api/public-notices/export.xlsx', {
    schema: { tags, summary: 'Export the public notices running now with the list’s filters as XLSX (every signed-in user)', querystring: PublicNoticeExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '公示公告.xlsx', await publicNoticesExport(app.db, actorOf(request), request.query)));

  app.get('/api/public-notices', {
    schema: { tags, summary: 'The public notices (公示) running now: approved enterprises and amounts (every signed-in user)', querystring: PublicNoticeQuery, response: { 200: PublicNoticeList, ...errorResponses(400, 401) } },
  }, async (request) => {
    actorOf(request);
    return listPublicNotices(app.db, { policyId: request.query.policyId, q: request.query.q }, pageOf(request.query));
  });
};
