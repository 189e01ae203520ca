import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { boundedSchema, forbiddenCharacters, trimTextNames } from '../http/validation.ts';

/** A plain decimal integer: no sign but minus, no leading zeros, no spaces, hex, exponent or Infinity. */
const PLAIN_INTEGER = /^-?(0|[1-9][0-9]*)$/;

interface PropertySchema {
  type?: unknown;
}

function looseIntegers(context: 'params' | 'querystring', schema: unknown, values: unknown): { path: string; message: string }[] {
  const properties = (schema as { properties?: Record<string, PropertySchema> } | undefined)?.properties;
  if (!properties || typeof values !== 'object' || values === null) return [];
  const issues: { path: string; message: string }[] = [];
  for (const [key, property] of Object.entries(properties)) {
    if (property.type !== 'integer') continue;
    const raw = (values as Record<string, unknown>)[key];
    if (typeof raw === 'string' && !PLAIN_INTEGER.test(raw)) issues.push({ path: `${context}/${key}`, message: 'must be a plain decimal integer' });
  }
  return issues;
}

/** A body schema, or the schemas of a body given per content type (`{content: {'application/json': {schema}}}`). */
function boundedBody(body: unknown): unknown {
  const content = (body as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
  if (!content) return boundedSchema(body, undefined, true);
  return { ...(body as object), content: Object.fromEntries(Object.entries(content).map(([type, entry]) => [type, { ...entry, schema: boundedSchema(entry.schema, undefined, true) }])) };
}

/**
 * The input rules every route inherits (see http/validation.ts): integers in paths and query strings are
 * plain decimal digits — the schema validator coerces strings with JavaScript's Number(), which reads "0x10"
 * as 16, " 1" and "%201" as 1 and "1e3" as 1000, so an id in any of those forms would reach a different object
 * than the one written (checked on the raw text, before coercion); every integer of a request schema gets a
 * range; names and titles are trimmed, then required; no NUL or lone surrogate in any string.
 */
export const strictInputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    route.schema = {
      ...schema,
      ...(schema.body !== undefined && { body: boundedBody(schema.body) }),
      ...(schema.params !== undefined && { params: boundedSchema(schema.params) }),
      ...(schema.querystring !== undefined && { querystring: boundedSchema(schema.querystring) }),
    };
  });

  app.addHook('preValidation', async (request) => {
    const userAgent = request.headers['user-agent'];
    const forbidden = [
      ...forbiddenCharacters(request.params, 'params'),
      ...forbiddenCharacters(request.query, 'querystring'),
      ...(typeof userAgent === 'string' ? forbiddenCharacters(userAgent, 'headers/user-agent') : []),
      ...forbiddenCharacters(request.body, 'body'),
    ];
    if (forbidden.length > 0) {
      throw new AppError('validation_failed', 'The request is invalid', forbidden.map((path) => ({ path, message: 'must not contain a NUL character or a lone surrogate' })));
    }
    trimTextNames(request.body);
    const schema = request.routeOptions.schema;
    if (!schema) return;
    const issues = [...looseIntegers('params', schema.params, request.params), ...looseIntegers('querystring', schema.querystring, request.query)];
    if (issues.length > 0) throw new AppError('validation_failed', 'The request is invalid', issues);
  });
});
