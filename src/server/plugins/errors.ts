import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { auditContextOf } from '../request-context.ts';
import { routeAction } from '../modules/audit/index.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_json: 'The request body is not valid JSON',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  csrf_invalid: 'Missing or invalid CSRF token; fetch /api/auth/csrf and send it in x-csrf-token',
  rate_limited: 'Too many requests; try again later',
  internal_error: 'Internal server error',
  not_found: 'Not found',
};

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns ajv's issues into `{path, message}` details naming the exact field. */
function validationDetails(context: string | undefined, issues: ValidationIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => {
    let path = issue.instancePath;
    if (issue.keyword === 'required') path += `/${String(issue.params.missingProperty)}`;
    if (issue.keyword === 'additionalProperties') path += `/${String(issue.params.additionalProperty)}`;
    const message = issue.keyword === 'additionalProperties' ? 'unknown field' : (issue.message ?? issue.keyword);
    return { path: `${context ?? 'body'}${path}`, message };
  });
}

/** PostgreSQL's class 22 (data exception): numeric out of range, invalid text, NUL in text, bad dates … */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * One error shape everywhere: `{"error":{"code","message","details"}}`. 5xx messages never reach the
 * client; every error is logged with the request id; every refusal of an authenticated user is audited.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    let code: ErrorCode;
    let message: string;
    let details: unknown[] = [];

    if (error instanceof AppError) {
      ({ code, message, details } = error);
    } else if ((error as FastifyError).validation) {
      code = 'validation_failed';
      message = 'The request is invalid';
      details = validationDetails((error as FastifyError).validationContext, (error as FastifyError).validation as ValidationIssue[]);
    } else if ((error as FastifyError).code && FASTIFY_CODES[(error as FastifyError).code]) {
      code = FASTIFY_CODES[(error as FastifyError).code];
      message = MESSAGES[code] ?? error.message;
    } else if (isDataException(error)) {
      // The database refused a value (out of range, malformed): the input's fault, never a 500. The input
      // rules (http/validation.ts) should have caught it first, so it is logged as a warning to be fixed there.
      request.log.warn({ err: error }, 'a value reached the database and was refused');
      code = 'validation_failed';
      message = 'A value is out of range or not valid where it is stored';
    } else if ((error as FastifyError).statusCode === 429) {
      code = 'rate_limited';
      message = MESSAGES.rate_limited!;
    } else if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
      code = 'invalid_json';
      message = MESSAGES.invalid_json!;
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      code = (error as FastifyError).statusCode === 404 ? 'not_found' : 'bad_request';
      message = error.message;
    } else {
      code = 'internal_error';
      message = MESSAGES.internal_error!;
    }

    const status = ERROR_STATUS[code];
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, message }, 'request refused');

    if ((code === 'forbidden' || code === 'csrf_invalid') && request.user) {
      // A refused attempt on an object is evidence; it must not be lost even though nothing changed.
      await recordAudit(app.db, {
        ...auditContextOf(request),
        action: routeAction(request.method, request.routeOptions.url ?? request.url),
        targetType: 'route',
        targetId: request.url.slice(0, 200),
        outcome: 'denied',
        details: { code, message },
      }).catch((auditError: unknown) => request.log.error({ err: auditError }, 'could not audit a refusal'));
    }

    return reply.status(status).send({ error: { code, message, details } });
  });

  app.setNotFoundHandler(async (request, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url}`, details: [] } });
  });
});
