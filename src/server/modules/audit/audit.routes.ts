import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IsoDateTime, PageQuery, Paged } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { auditLogExport } from './audit.export.ts';
import { actorOf } from '../../request-context.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { PassThrough } from 'node:stream';
import { authorizeChainVerification, searchAuditLog, verifyAuditLog } from './audit.service.ts';
import { pageOf } from '../../platform/pagination.ts';

const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: IsoDateTime,
    actorUserId: Type.Union([Type.Integer(), Type.Null()]),
    actorUsername: Type.Union([Type.String(), Type.Null()]),
    actorOrgId: Type.Union([Type.Integer(), Type.Null()]),
    actorOrgName: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.Enum(['success', 'failure', 'denied']),
    requestId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEntry' },
);

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 64 })),
  targetId: Type.Optional(Type.String({ maxLength: 200 })),
  outcome: Type.Optional(Type.Enum(['success', 'failure', 'denied'])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
});

const AuditExportQuery = exportQueryOf(AuditQuery.properties);

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(AuditEntry);
  app.get('/api/audit', {
    schema: { tags: ['audit'], summary: 'Search the audit log (auditor only)', querystring: AuditQuery, response: { 200: Paged(Type.Ref('AuditEntry')), ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page: pageNumber, pageSize, ...filter } = request.query;
    const page = pageOf({ page: pageNumber, pageSize }, 50);
    const { rows, total } = await searchAuditLog(app.db, actorOf(request), filter, page);
    return { items: rows.map(presentAuditEntry), total, ...page };
  });

  // Streamed as NDJSON: {"type":"progress","checked","total"} lines while the chain is walked, then one
  // {"type":"result", ok, checked, total, headHash, firstBreak, durationMs} (or {"type":"error"}).
  app.get('/api/audit/chain/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Verify the audit log’s hash chain, streaming progress as NDJSON; names the first broken link (auditor only)',
      response: { ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    authorizeChainVerification(actor);
    const out = new PassThrough();
    const abort = new AbortController();
    // The auditor closed the page: stop walking (the answer's socket closed before the result was written).
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
    let lastSent = 0;
    void verifyAuditLog(app.db, actor, {
      signal: abort.signal,
      onProgress: (checked, total) => {
        const now = Date.now();
        if (now - lastSent < 200 && checked < total) return;
        lastSent = now;
        line({ type: 'progress', checked, total });
      },
    }).then(
      (result) => out.end(`${JSON.stringify({ type: 'result', ...result })}\n`),
      (error: unknown) => {
        if (!abort.signal.aborted) request.log.error({ err: error }, 'audit chain verification failed');
        out.end(`${JSON.stringify({ type: 'error' })}\n`);
      },
    );
    return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
  });

  app.get('/api/audit/export.xlsx', {
    schema: { tags: ['audit'], summary: 'Export the audit log with the search’s filters, newest first (auditor only)', querystring: AuditExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '审计日志.xlsx', await auditLogExport(app.db, actorOf(request), request.query)));
};
