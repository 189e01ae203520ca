/**
 * The HTTP side of the streamed XLSX exports (platform/xlsx-export.ts builds the workbook): the route
 * schema fragment of a `…/export.xlsx` endpoint for the OpenAPI document, and the reply that streams it.
 *
 *   app.get('/api/visits/export.xlsx', { schema: { tags, summary, querystring: VisitExportQuery, ...xlsxRoute } },
 *     async (request, reply) => sendXlsx(reply, '走访记录.xlsx', await visitsExport(app.db, actorOf(request), request.query)));
 */
import type { FastifyReply } from 'fastify';
import { attachmentDisposition, xlsxStream, XLSX_CONTENT_TYPE, type Sheet } from '../platform/xlsx-export.ts';
import type { TProperties } from 'typebox';
import { errorResponses, StrictObject } from './schemas.ts';

/** `produces` and `response` of an export route (spread into its schema). */
export const xlsxRoute = {
  produces: [XLSX_CONTENT_TYPE],
  response: { 200: { description: 'XLSX workbook (streamed)', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
} as const;

/** Streams the sheets as an attachment named `fileName` (UTF-8 name kept), never cached. */
export function sendXlsx(reply: FastifyReply, fileName: string, sheets: Sheet[]) {
  return (
    reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', attachmentDisposition(fileName))
      .header('cache-control', 'private, no-store')
      // A stream, not a string: the schema documents the body; serialisation does not apply to streams.
      .send(xlsxStream(sheets) as unknown as string)
  );
}

/** The query of a list's export: the list's query properties without `page` and `pageSize`. */
export function exportQueryOf<P extends TProperties & { page?: unknown; pageSize?: unknown }>({ page: _page, pageSize: _pageSize, ...filters }: P) {
  return StrictObject(filters);
}
