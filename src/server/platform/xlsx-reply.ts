/**
 * Sending a streamed XLSX (xlsx-export.ts) as the reply of a route, and the OpenAPI response of such a
 * route: the same headers as the cockpit's exports (a Chinese file name, never cached).
 */
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../http/schemas.ts';
import { attachmentDisposition, xlsxStream, XLSX_CONTENT_TYPE, type Sheet } from './xlsx-export.ts';

/** `produces` and `response` of an export route's schema. */
export const XLSX_RESPONSE = {
  produces: [XLSX_CONTENT_TYPE],
  response: { 200: { description: 'XLSX workbook (streamed)', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
} as const;

/** Streams the workbook of `sheets` into the reply as an attachment named `fileName`. */
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
