import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { ROLES } from '../../src/server/http/schemas.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { financeOfficeOrg } from '../factories/risk-pools.ts';

/**
 * Schema-driven fuzzing of every write route of the OpenAPI document (issue 13): requests built from the
 * route's own JSON schemas — values that fit, and hostile ones (NUL, lone surrogates, numbers JSON.parse turns
 * into Infinity, hex and exponent strings, nulls, wrong types, unknown fields, broken multipart bodies) — sent
 * by a signed-in user of each role. Whatever the input: never a 5xx, and a refused request (4xx) changes no row
 * (a row trigger on every table counts changes in a counter that rolls back with its transaction).
 *
 * FUZZ_RUNS (default 12) requests per route; FUZZ_SEED replays a failure (fast-check prints the seed); FUZZ_ONLY
 * (a regular expression over "METHOD /path") narrows the routes.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;

/**
 * Tables a refused request may rightly write: the audit of the refusal and its hash-chain link, the session's
 * last-seen time, login throttling.
 */
const UNCOUNTED_TABLES = new Set(['audit_log', 'audit_chain', 'audit_chain_head', 'sessions', 'login_throttle', 'fuzz_changes']);

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
};

interface Operation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

/** A token written into the JSON text unquoted: numbers JSON cannot hold as a JS number (1e999 parses as Infinity). */
const RAW = (literal: string) => `\u0001RAW:${literal}\u0001`;
const RAW_PATTERN = /"\\u0001RAW:([^\\]+)\\u0001"/g;

const HOSTILE_STRINGS = ['', '   ', '\t\n ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '1e999', 'Infinity', '-Infinity', 'NaN', '0x10', ' 1', '1.5', '-1', 'null', 'true', '%00', '<script>', "'; drop table users; --", 'x'.repeat(5000), '🙂', '2026-02-30', '9999-12-31T23:59:59Z'];
const HOSTILE_NUMBERS = [0, -1, 1.5, -0.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, RAW('1e999'), RAW('-1e999'), RAW('1e-999'), RAW('123456789012345678901234567890')];
const HOSTILE_VALUES: unknown[] = [null, true, false, {}, [], [null], { extra: 1 }, ...HOSTILE_STRINGS, ...HOSTILE_NUMBERS];

const hostile = fc.constantFrom(...HOSTILE_VALUES);

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** Values that mostly fit the schema (the ones that reach services), with hostile ones mixed in at every level. */
function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fitting(schema, depth), weight: 4 }, { arbitrary: hostile, weight: 1 });
}

function fitting(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((branch) => fitting(branch, depth)));
  if (schema.allOf?.length) return fitting(Object.assign({}, ...schema.allOf) as JsonSchema, depth);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => fitting({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(min, 0) + 1_000_000);
      // Small ids reach the objects the setup created.
      return fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), fc.constantFrom(...[1, 2, 3, min, max].filter((n) => n >= min && n <= max)));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'string': {
      if (schema.format === 'date') return fc.constantFrom('2025-01-01', '2026-06-30', '2024-02-29');
      if (schema.format === 'date-time') return fc.constantFrom('2026-01-01T00:00:00Z', '2026-12-31T23:59:59+08:00');
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      const minLength = Math.min(schema.minLength ?? 0, maxLength);
      return fc.oneof(fc.string({ minLength, maxLength }), fc.constantFrom('测试企业有限公司', '主营业务收入', 'main_revenue', '2025', '91500231MA5U000001'));
    }
    case 'array': {
      if (depth > 3) return fc.constant([]);
      return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.constant({});
      const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, arbitraryOf(property, depth + 1)]));
      const record = fc.record(properties, { requiredKeys: schema.required?.filter((key) => key in properties) ?? [] });
      // Now and then an unknown field, or a required one left out.
      return fc.oneof({ arbitrary: record, weight: 6 }, { arbitrary: record.map((value) => ({ ...value, unknownField: 1 })), weight: 1 }, { arbitrary: fc.record(properties, { requiredKeys: [] }), weight: 1 });
    }
    default:
      return hostile;
  }
}

function serialise(body: unknown): string {
  return JSON.stringify(body).replace(RAW_PATTERN, (_match, literal: string) => literal);
}

const PATH_HOSTILE = ['0', '-1', '2147483648', '99999999999999999999', '1e3', '0x10', '%201', '%00', '1%00', '%ED%A0%80', 'abc', '1.0', '+1'];

function pathValue(schema: JsonSchema): fc.Arbitrary<string> {
  const fittingValue = typesOf(schema).includes('integer') ? fc.integer({ min: 1, max: 6 }).map(String) : fitting(schema, 0).map((value) => encodeURIComponent(String(value)));
  return fc.oneof({ arbitrary: fittingValue, weight: 4 }, { arbitrary: fc.constantFrom(...PATH_HOSTILE), weight: 1 });
}

function queryValue(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fitting(schema, 0).map((value) => String(value)), weight: 3 },
    { arbitrary: fc.constantFrom(...PATH_HOSTILE.map(decodeURIComponentSafe), ...HOSTILE_STRINGS.slice(0, 10)), weight: 1 },
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A multipart body, well formed or broken in one of the ways clients break them. */
const BOUNDARY = 'fuzzBoundary42';
const multipartBody = fc.record({
  kind: fc.constantFrom('good', 'truncated', 'wrong-boundary', 'no-boundary', 'empty', 'no-file', 'huge-field', 'nul-field', 'two-files', 'garbage'),
  fieldKey: fc.constantFrom('kind', 'source', 'fieldKey', 'x'),
  fieldValue: fc.constantFrom('indicators', 'enterprises', 'statistics', 'license', '', '\u0000', '\ud800'),
  fileName: fc.constantFrom('a.csv', 'a.pdf', 'photo.jpg', '', '../../etc/passwd', 'a\u0000.csv'),
  content: fc.constantFrom('uscc,code,period,value\n', '%PDF-1.4\n%%EOF\n', '\u00ff\u00d8\u00ff\u00e0', ''),
}).map(({ kind, fieldKey, fieldValue, fileName, content }) => {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n${content}\r\n`;
  const end = `--${BOUNDARY}--\r\n`;
  let contentType = `multipart/form-data; boundary=${BOUNDARY}`;
  let payload: string;
  switch (kind) {
    case 'good': payload = field(fieldKey, fieldValue) + file + end; break;
    case 'truncated': payload = (field(fieldKey, fieldValue) + file).slice(0, -7); break;
    case 'wrong-boundary': payload = field(fieldKey, fieldValue) + file + end; contentType = 'multipart/form-data; boundary=other'; break;
    case 'no-boundary': payload = field(fieldKey, fieldValue) + file + end; contentType = 'multipart/form-data'; break;
    case 'empty': payload = ''; break;
    case 'no-file': payload = field(fieldKey, fieldValue) + end; break;
    case 'huge-field': payload = field(fieldKey, 'x'.repeat(2_000_000)) + file + end; break;
    case 'nul-field': payload = field(`a\u0000b`, fieldValue) + file + end; break;
    case 'two-files': payload = file + file + end; break;
    default: payload = `--${BOUNDARY}\r\n\u0000\u0000garbage`; break;
  }
  return { contentType, payload: Buffer.from(payload, 'latin1') };
});

/** What a request carries besides its path: a JSON body (raw text), a multipart body, or a body of another type. */
function bodyArbitrary(operation: Operation): fc.Arbitrary<{ contentType: string; payload: string | Buffer } | null> {
  const json = (operation.body ? arbitraryOf(operation.body) : fc.constant({})).map((value) => ({ contentType: 'application/json', payload: serialise(value) }));
  return fc.oneof(
    { arbitrary: json, weight: 12 },
    { arbitrary: fc.constantFrom('null', '[]', '"text"', '1e999', '{"a":', '{}', '{"__proto__":{"x":1}}').map((payload) => ({ contentType: 'application/json', payload })), weight: 1 },
    { arbitrary: multipartBody, weight: 2 },
    { arbitrary: fc.constantFrom({ contentType: 'text/plain', payload: 'hello' }, { contentType: 'application/x-www-form-urlencoded', payload: 'a=1' }), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

const clients = new Map<Role, TestClient & { user: { id: number; username: string; orgId: number } }>();
const operations: Operation[] = [];

function resolve(spec: { components?: { schemas?: Record<string, JsonSchema> } }, schema: JsonSchema | undefined): JsonSchema | null {
  if (!schema) return null;
  if (schema.$ref) return resolve(spec, spec.components?.schemas?.[schema.$ref.split('/').pop()!]);
  return schema;
}

// Built while the file is collected, so each route is a test of its own name.
const logs: string[] = [];
const t: TestApp = await createTestApp({}, undefined, { write: (line) => void (line.includes('"level":50') && logs.push(line)) });
{
  // Objects for small ids to reach: an enterprise with its users, a bank, the finance office.
  const enterprise = await createManufacturer(t.app.db, 3000);
  const bankOrg = await createOrg(t.app.db, 'bank');
  const financeOrg = await financeOfficeOrg(t.app.db);
  for (const role of ROLES) {
    const orgId = role === 'enterprise_user' ? enterprise.orgId! : role === 'bank_staff' ? bankOrg : role === 'department_staff' ? financeOrg : undefined;
    clients.set(role, await signIn(t.app, [role], orgId));
  }

  // A change counter that rolls back with the transaction that changed a row (a sequence would not).
  const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.app.db)).rows
    .map((row) => row.name)
    .filter((name) => !UNCOUNTED_TABLES.has(name) && !name.startsWith('kysely_'));
  await sql`create table fuzz_changes (n bigint not null)`.execute(t.app.db);
  await sql`insert into fuzz_changes values (0)`.execute(t.app.db);
  await sql`create function fuzz_count() returns trigger language plpgsql as $$ begin update fuzz_changes set n = n + 1; return null; end $$`.execute(t.app.db);
  for (const table of tables) {
    await sql`create trigger fuzz_count after insert or update or delete on ${sql.table(table)} for each row execute function fuzz_count()`.execute(t.app.db);
  }

  const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>; components?: { schemas?: Record<string, JsonSchema> } };
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: resolve(spec, operation.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
}

afterAll(async () => {
  await t?.close();
});

const changes = async () => Number((await sql<{ n: string }>`select n from fuzz_changes`.execute(t.app.db)).rows[0].n);

/** Puts a fuzzing user back as it was (an admin route may have disabled it, changed its roles or password) and signs it in again. */
async function restore(role: Role): Promise<void> {
  const client = clients.get(role)!;
  const fresh = await signIn(t.app, [role], client.user.orgId);
  clients.set(role, fresh);
}

function requestArbitrary(operation: Operation) {
  const params = fc.record(Object.fromEntries(operation.params.map((p) => [p.name, pathValue(p.schema)])));
  const query = fc.record(Object.fromEntries(operation.query.map((p) => [p.name, queryValue(p.schema)])), { requiredKeys: [] });
  return fc.record({
    role: fc.constantFrom<'user' | 'anonymous'>('user', 'user', 'user', 'user', 'user', 'user', 'user', 'user', 'user', 'anonymous'),
    roleIndex: fc.nat(),
    params,
    query,
    body: bodyArbitrary(operation),
    userAgent: fc.constantFrom(undefined, 'Mozilla/5.0', 'a\u0000b', '\u00ff\u00fe', 'x'.repeat(3000)),
  });
}

describe('every write route of the OpenAPI document, fuzzed from its schemas', () => {
  it('finds the write routes', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  for (const operation of operations.filter((o) => !ONLY || ONLY.test(`${o.method} ${o.path}`))) {
    // Roles the route refused (403) are not asked again, so the runs go to the roles that reach its service.
    const refused = new Set<Role>();
    it(`${operation.method} ${operation.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          const candidates = ROLES.filter((role) => !refused.has(role));
          const role: Role | 'anonymous' = request.role === 'anonymous' || candidates.length === 0 ? 'anonymous' : candidates[request.roleIndex % candidates.length];
          // Sign-in, sign-out and password change as a user of its own, so the shared clients stay signed in.
          const client = role === 'anonymous' ? new TestClient(t.app) : operation.path.startsWith('/api/auth/') ? await signIn(t.app, [role], clients.get(role)!.user.orgId) : clients.get(role)!;
          let url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => (request.params as Record<string, string>)[name]);
          const search = new URLSearchParams(request.query as Record<string, string>).toString();
          if (search) url += `?${search}`;
          const headers: Record<string, string> = {};
          if (request.body) headers['content-type'] = request.body.contentType;
          if (request.userAgent !== undefined) headers['user-agent'] = request.userAgent;
          const before = await changes();
          const response = await client.request(operation.method, url, request.body?.payload, { headers });
          const after = await changes();
          const label = `${operation.method} ${url} as ${role}: ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, `${label}\n${logs.slice(-1).join('').slice(0, 1500)}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(after - before, `rows changed on a refused request: ${label}`).toBe(0);
          if (response.statusCode === 403 && role !== 'anonymous' && response.json<{ error: { code: string } }>().error.code === 'forbidden') refused.add(role);
          if (response.statusCode < 400 && operation.path.startsWith('/api/admin/')) for (const each of ROLES) await restore(each);
        }),
        { numRuns: RUNS, seed: SEED, timeout: 20_000 },
      );
    });
  }
});

