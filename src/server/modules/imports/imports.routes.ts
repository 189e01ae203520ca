import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { importsExport } from './imports.export.ts';
import { actorOf } from '../../request-context.ts';
import { assertCanImport } from './imports.policy.ts';
import { ImportBatch, ImportBatchList, ImportError, ImportErrorList, ImportErrorsQuery, ImportListQuery, ImportUploadFields, JsonImportBody, type JsonImportInput } from './imports.schemas.ts';
import { createFileImport, createJsonImport, getImport, listImportErrors, listImports, openImportReport } from './imports.service.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { pageOf } from '../../platform/pagination.ts';
import { receiveImportFile } from './imports.storage.ts';

/** Imports of indicator data and of the enterprise registry (data_admin): upload or push, then poll. */
export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(ImportBatch);
  app.addSchema(ImportError);
  // Scoped to these routes: nowhere else does the API take multipart bodies.
  await app.register(fastifyMultipart, { limits: { fileSize: app.config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  const tags = ['imports'];

  app.post('/api/imports', {
    bodyLimit: app.config.uploadLimitBytes,
    schema: {
      tags,
      summary: 'Start an import: multipart upload (file, kind, source) or a JSON push of indicator rows (data_admin)',
      description:
        'multipart/form-data: `file` (CSV or XLSX), `kind` (indicators | enterprises), `source` (for indicators). ' +
        'application/json: {kind:"indicators", source, rows:[{uscc, code, period, value, asOf}]} with at most 50,000 rows, values in stored units (fen). ' +
        'Answers 202 with the queued batch; poll GET /api/imports/{id}.',
      consumes: ['multipart/form-data', 'application/json'],
      body: { content: { 'application/json': { schema: JsonImportBody } } },
      response: { 202: Type.Ref('ImportBatch'), ...errorResponses(400, 401, 403, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    let batch;
    if (request.isMultipart()) {
      // Refuse before a byte of the file is stored.
      assertCanImport(actor);
      const { fields, upload } = await readMultipart(request, {
        fields: ImportUploadFields,
        receive: (part) => receiveImportFile(app.config.storageDir, part.file),
      });
      batch = await createFileImport(app.db, app.config.storageDir, actor, { kind: fields.kind, source: fields.source, upload });
    } else {
      // Without a JSON content type no schema checked the body (the route takes two kinds): there must be one.
      if (request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
        throw new AppError('validation_failed', 'Send the rows as a JSON object, or the file as multipart/form-data', [{ path: 'body', message: 'must be object' }]);
      }
      batch = await createJsonImport(app.db, app.config.storageDir, actor, request.body as JsonImportInput);
    }
    app.jobs.poke();
    return reply.status(202).send(batch);
  });

  app.get('/api/imports/export.xlsx', {
    schema: { tags, summary: 'Export import batches with the list’s filters (data_admin)', querystring: exportQueryOf(ImportListQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '数据导入.xlsx', await importsExport(app.db, actorOf(request), request.query)));

  app.get('/api/imports', {
    schema: { tags, summary: 'List import batches, newest first (data_admin)', querystring: ImportListQuery, response: { 200: ImportBatchList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listImports(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.get('/api/imports/:id', {
    schema: { tags, summary: 'One import batch with its progress (data_admin)', params: IdParams, response: { 200: Type.Ref('ImportBatch'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getImport(app.db, actorOf(request), request.params.id));

  app.get('/api/imports/:id/errors', {
    schema: { tags, summary: 'The rejected rows of an import: row, column, reason, value (data_admin)', params: IdParams, querystring: ImportErrorsQuery, response: { 200: ImportErrorList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    // Error rows are small: a longer page by default.
    return listImportErrors(app.db, actorOf(request), request.params.id, pageOf(request.query, 50));
  });

  app.get('/api/imports/:id/report', {
    schema: {
      tags,
      summary: 'Download the import report: CSV (UTF-8 with BOM), summary then one line per bad cell (data_admin)',
      params: IdParams,
      produces: ['text/csv'],
      response: { 200: { description: 'text/csv', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const report = await openImportReport(app.db, actorOf(request), request.params.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report.fileName}"`)
      .header('cache-control', 'no-store')
      // A stream, not a string: the schema documents the CSV body; serialisation does not apply to streams.
      .send(Readable.from(report.lines) as unknown as string);
  });
};
