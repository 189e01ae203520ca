import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

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

/**
 * Integers in paths and query strings are plain decimal digits. The schema validator coerces strings with
 * JavaScript's Number(), which reads "0x10" as 16, " 1" and "%201" as 1 and "1e3" as 1000: an id in any
 * of those forms would reach a different object than the one written. Checked on the raw text, before
 * coercion; ranges stay with the schemas (ids are at most 2^31 − 1).
 */
export const strictInputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema;
    if (!schema) return;
    const issues = [...looseIntegers('params', schema.params, request.params), ...looseIntegers('querystring', schema.querystring, request.query)];
    if (issues.length > 0) throw new AppError('validation_failed', 'The request is invalid', issues);
  });
});
