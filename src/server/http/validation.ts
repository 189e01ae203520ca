import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * How request input is validated (issue 13, "no 5xx from input"), in one place for every route:
 *
 * - JSON bodies are typed JSON: no coercion. The validator's coercion (kept for paths and query strings,
 *   which are text) would read `null` as 0, "" or false, `true` as 1, "0x10" as 16 and "1e999" as Infinity.
 * - Every integer has a checked range: ids (`id`, `…Id`) are 1 … 2^31 − 1 as the id columns allow, any other
 *   integer without a maximum stays within ±(2^53 − 1), where a JavaScript number is exact. Bounds a schema
 *   sets itself are kept (money fields have their own).
 * - Names and titles (`name`, `title`, `displayName`, `…Name`, `…Title` in a body) are trimmed before validation,
 *   then required (unless the schema says `minLength: 0`): a whitespace-only name is a 400 naming the field.
 * - No string anywhere (body, query, path, the user agent) holds a NUL or a lone surrogate, which PostgreSQL
 *   refuses in text (or stores as U+FFFD): a 400 naming the field, before any work.
 */

const INT4_MAX = 2_147_483_647;

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
};

const typesOf = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : []);

/** A property holding an id of a row: `id`, `orgId`, `policyIds` (items), … */
const isIdName = (name: string | undefined) => name !== undefined && /^(id|[a-z][A-Za-z]*Id|[a-z][A-Za-z]*Ids)$/.test(name);

/** A name or title a person types: trimmed, then required. */
export const isTextName = (name: string) => /^(name|title|displayName|[a-z][A-Za-z]*Name|[a-z][A-Za-z]*Title)$/.test(name);

/**
 * The schema with a range on every integer and a minimum length on names and titles (copies only where it
 * adds something; the route's own objects are never changed, shared pieces stay as they are).
 */
export function boundedSchema<T>(schema: T, propertyName?: string, isBody = false): T {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const source = schema as unknown as Schema;
  let result: Schema | null = null;
  const set = (key: string, value: unknown) => {
    result ??= { ...source };
    result[key] = value;
  };
  const types = typesOf(source);
  if (types.includes('integer')) {
    const isId = isIdName(propertyName);
    if (source.maximum === undefined && source.exclusiveMaximum === undefined) set('maximum', isId ? INT4_MAX : Number.MAX_SAFE_INTEGER);
    if (source.minimum === undefined && source.exclusiveMinimum === undefined) set('minimum', isId ? 1 : -Number.MAX_SAFE_INTEGER);
  }
  if (isBody && types.includes('string') && propertyName !== undefined && isTextName(propertyName) && source.enum === undefined && source.const === undefined) {
    // A schema that states `minLength: 0` takes empty text on purpose (a hint asked while typing); others require it.
    if (source.minLength === undefined) set('minLength', 1);
  }
  if (source.properties) {
    const properties = Object.fromEntries(Object.entries(source.properties).map(([key, value]) => [key, boundedSchema(value, key, isBody)]));
    if (Object.entries(properties).some(([key, value]) => value !== source.properties![key])) set('properties', properties);
  }
  if (source.items && !Array.isArray(source.items)) {
    // The items of `policyIds` are ids.
    const items = boundedSchema(source.items, propertyName?.endsWith('Ids') ? 'id' : undefined, isBody);
    if (items !== source.items) set('items', items);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = source[key];
    if (!Array.isArray(branches)) continue;
    const bounded = branches.map((branch) => boundedSchema(branch, propertyName, isBody));
    if (bounded.some((branch, index) => branch !== branches[index])) set(key, bounded);
  }
  if (source.additionalProperties && typeof source.additionalProperties === 'object') {
    const bounded = boundedSchema(source.additionalProperties, undefined, isBody);
    if (bounded !== source.additionalProperties) set('additionalProperties', bounded);
  }
  return (result ?? schema) as T;
}

/** A NUL, or half of a surrogate pair without its other half (`u` mode reads a whole pair as one code point). */
// eslint-disable-next-line no-control-regex -- the NUL is what it looks for
const FORBIDDEN_CHARACTER = /[\u0000\p{Cs}]/u;
// eslint-disable-next-line no-control-regex -- the same, to mask them in a field's path
const FORBIDDEN_CHARACTERS = /[\u0000\p{Cs}]/gu;

/** The text with each NUL or lone surrogate shown as '?' (for a path naming a bad key). */
export const maskForbidden = (text: string) => text.replace(FORBIDDEN_CHARACTERS, '?');

export const hasForbiddenCharacter = (text: string) => FORBIDDEN_CHARACTER.test(text);

/** Paths (`body/items/0/name`) of the strings, and object keys, that hold a NUL or a lone surrogate. */
export function forbiddenCharacters(value: unknown, path: string, found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (FORBIDDEN_CHARACTER.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => forbiddenCharacters(item, `${path}/${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const safeKey = maskForbidden(key);
      if (FORBIDDEN_CHARACTER.test(key)) found.push(`${path}/${safeKey}`);
      forbiddenCharacters(item, `${path}/${safeKey}`, found);
    }
  }
  return found;
}

/** Trims, in place, the names and titles of a parsed JSON body (any depth). */
export function trimTextNames(value: unknown, depth = 0): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) trimTextNames(item, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, item] of Object.entries(record)) {
    if (typeof item === 'string' && isTextName(key)) record[key] = item.trim();
    else trimTextNames(item, depth + 1);
  }
}

/**
 * The validator compilers: ajv as Fastify builds it, with coercion for paths, query strings and headers
 * (text on the wire) and none for JSON bodies.
 */
export function validatorCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const factory = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator: (externalSchemas: unknown, ajvServerOptions: { customOptions?: Record<string, unknown> }) => {
        const coercing = factory(externalSchemas as never, ajvServerOptions as never);
        const exact = factory(externalSchemas as never, { ...ajvServerOptions, customOptions: { ...ajvServerOptions.customOptions, coerceTypes: false } } as never);
        return (definition: { httpPart?: string }) => (definition.httpPart === 'body' ? exact(definition as never) : coercing(definition as never));
      },
    },
  } as NonNullable<FastifyServerOptions['schemaController']>;
}
