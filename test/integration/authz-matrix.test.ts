/**
 * The authorisation matrix (issue 13, 等保 access control): every route of the OpenAPI document × every
 * role of ROLES (and anonymous) × an object of ANOTHER organisation.
 *
 * The world is the demo county (src/server/seed): every kind of object exists, owned by its seeded
 * organisations. Each actor is a user of a NEW organisation of the kind its role belongs to (an enterprise
 * user of a new enterprise, a cadre linked to nothing, a bank that nobody authorised, …), so every object a
 * path names belongs to another organisation. Path parameters are filled with the ids of such objects
 * (ids.ts below); a body is made from the route's schema (its required fields, smallest valid values), so
 * that the request reaches the route's own checks instead of stopping at validation.
 *
 * What each route allows is declared in authz-matrix.table.ts, keyed by "METHOD /path". The test fails
 * when a route of the document has no entry (a new route must be declared), when an entry names a route
 * that no longer exists, and when an answer breaks the declaration:
 * - anonymous → 401 on every route not declared public;
 * - a role the entry does not name → 403;
 * - a named role scoped to its own / linked / consented objects, on a path naming another organisation's
 *   object → 403 or 404 (never a 2xx with the object, never a 5xx);
 * - a named role with a county-wide scope, and every named role on a route without an object in its path →
 *   anything but 403 and 5xx (so a declaration cannot claim a role the route refuses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/server/http/schemas.ts';
import type { Role } from '../../src/server/db/schema.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';
import { AUTHZ, isPublic, type Entry, type Scope } from './authz-matrix.table.ts';
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Operation {
  key: string;
  method: Method;
  path: string;
  params: string[];
  query: Record<string, string>;
  body: unknown;
  multipart: boolean;
}
type JsonSchema = Record<string, unknown>;

let t: TestApp;
let operations: Operation[] = [];
const clients = new Map<Role | 'anonymous', TestClient>();
let ids: (op: Operation, param: string) => number;

/**
 * Where the smallest valid body stops at a check of its meaning before the route's authorisation (one of
 * two ids, a known category), a body that passes it.
 */
const BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/disbursements': { applicationId: 1 },
  'POST /api/demands/{id}/triage': { categoryCode: 'financing' },
  'POST /api/demands/{id}/assign': { handlerOrgId: 1 },
  'POST /api/demands': { enterpriseId: 1 },
  'POST /api/demands/duplicates': { enterpriseId: 1 },
  'POST /api/policies/reading': { text: '上年度营业收入1000万元以上' },
};

/** Strings tried, in order, against a schema's pattern. */
const STRING_CANDIDATES = ['abc', 'ABC', 'abc_1', 'AB-1', '2026-Q1', `${todayInCounty().slice(0, 7)}`, '12', '91500000MA5U4XKQ0N', 'a@b.cn', '13800000000'];

/** The smallest value a JSON schema accepts, following its required fields ($refs resolved from the document). */
function sample(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (typeof schema.$ref === 'string') return sample(components[schema.$ref.replace(/^#\/components\/schemas\//, '')], components, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) {
      const options = (schema[key] as JsonSchema[]).filter((option) => option.type !== 'null');
      return sample(options[0] ?? (schema[key] as JsonSchema[])[0], components, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => sample(part, components, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, sample(properties[name], components, depth + 1)]));
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      return Array.from({ length: min }, () => sample(schema.items as JsonSchema, components, depth + 1));
    }
    case 'integer':
    case 'number':
      return Math.max(1, Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'date') return todayInCounty();
      if (schema.format === 'date-time') return new Date().toISOString();
      const min = Math.max(Number(schema.minLength ?? 1), 2);
      if (typeof schema.pattern === 'string') {
        const pattern = new RegExp(schema.pattern);
        const fit = STRING_CANDIDATES.find((candidate) => pattern.test(candidate) && candidate.length >= min);
        if (fit) return fit;
      }
      return '测'.repeat(min);
    }
    default:
      // A schema without a type (a rule, a free JSON value): an empty object.
      return {};
  }
}

function withOverrides(body: unknown, overrides: Record<string, unknown> | undefined): unknown {
  if (body === undefined) return overrides ?? {};
  return overrides && typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...overrides } : body;
}

function operationsOf(doc: { paths: Record<string, Record<string, JsonSchema>>; components?: { schemas?: Record<string, JsonSchema> } }): Operation[] {
  const components = doc.components?.schemas ?? {};
  const result: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
      const query = Object.fromEntries(
        parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema, components))]),
      );
      const content = ((operation.requestBody as JsonSchema | undefined)?.content ?? {}) as Record<string, { schema?: JsonSchema }>;
      // Uploads take multipart, which the document does not describe: a file to a …/files or …/photos path.
      const multipart = method === 'post' && /\/(files|photos)$/.test(path);
      const jsonSchema = content['application/json']?.schema;
      result.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Method,
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query,
        body: withOverrides(jsonSchema ? sample(jsonSchema, components) : undefined, BODIES[`${method.toUpperCase()} ${path}`]),
        multipart,
      });
    }
  }
  return result;
}

function urlOf(op: Operation): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => String(ids(op, name)));
  const query = new URLSearchParams(op.query).toString();
  return query ? `${path}?${query}` : path;
}

async function call(client: TestClient, op: Operation): Promise<{ statusCode: number }> {
  const url = urlOf(op);
  if (op.path.endsWith('/stream')) {
    // An event stream never ends: take its status and hang up.
    const cookie = t.config.session.cookieName;
    const session = client.getCookie(cookie);
    const response = await t.app.inject({ method: 'GET', url, headers: session ? { cookie: `${cookie}=${session}` } : {}, payloadAsStream: true });
    response.stream().destroy();
    return response;
  }
  if (op.multipart) {
    const boundary = 'authzmatrix';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fieldKey"\r\n\r\nfile\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
    );
    return client.request(op.method, url, body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }
  return client.request(op.method, url, op.method === 'GET' || op.method === 'DELETE' ? undefined : (op.body ?? {}));
}

/** The id of an object of another organisation for a path parameter: the table the route names, its first row. */
async function loadIds(app: TestApp['app']): Promise<(op: Operation, param: string) => number> {
  const db = app.db;
  const first = async (table: string) => {
    // Of policies and loan products, a draft: what only its own organisation may see.
    // (never published: invisible outside its organisation), else one with a draft.
    const row =
      table === 'policies'
        ? await db.selectFrom('policies').innerJoin('policy_versions', 'policy_versions.policy_id', 'policies.id').where('policy_versions.status', '=', 'draft').select('policies.id')
            .orderBy(sql`exists (select 1 from policy_versions p where p.policy_id = policies.id and p.status <> 'draft')`).orderBy('policies.id').limit(1).executeTakeFirst()
        : table === 'loan_products'
          ? await db.selectFrom('loan_products').innerJoin('loan_product_versions', 'loan_product_versions.product_id', 'loan_products.id').where('loan_product_versions.status', '=', 'draft').select('loan_products.id')
              .orderBy(sql`exists (select 1 from loan_product_versions p where p.product_id = loan_products.id and p.status <> 'draft')`).orderBy('loan_products.id').limit(1).executeTakeFirst()
          : undefined;
    if (row) return row.id;
    // Of users, an ordinary account: an administrator acts on no administrator of another kind (三权分立).
    if (table === 'users') {
      const user = await db.selectFrom('users').where(sql<boolean>`not (roles && array['admin', 'security_admin', 'auditor']::text[])`).select('id').orderBy('id').limit(1).executeTakeFirst();
      if (user) return user.id;
    }
    // Every session is one of the test's own actors' (the seed signs nobody in): ending one would sign that actor out.
    if (table === 'sessions') return 2_000_000_000;
    const any = await db.selectFrom(table as 'users').select('id').orderBy('id').limit(1).executeTakeFirst();
    return any?.id ?? 2_000_000_000;
  };
  const tables: [RegExp, string, string][] = [
    [/^\/api\/admin\/users\//, 'id', 'users'],
    [/^\/api\/security\/users\//, 'userId', 'users'],
    [/^\/api\/security\/users\//, 'id', 'users'],
    [/^\/api\/security\/sessions\//, 'id', 'sessions'],
    [/^\/api\/me\/notifications\//, 'id', 'notifications'],
    [/^\/api\/outbound\/deliveries\//, 'id', 'outbound_deliveries'],
    [/^\/api\/me\/consents\//, 'id', 'consents'],
    [/^\/api\/enterprises\//, 'id', 'enterprises'],
    [/^\/api\/disputes\//, 'id', 'data_disputes'],
    [/^\/api\/imports\//, 'id', 'import_batches'],
    [/^\/api\/policies\//, 'id', 'policies'],
    [/^\/api\/policies\//, 'caseId', 'policy_golden_cases'],
    [/^\/api\/me\/policy-pushes\//, 'policyId', 'policies'],
    [/^\/api\/applications\//, 'id', 'applications'],
    [/^\/api\/applications\//, 'fileId', 'application_files'],
    [/^\/api\/auto-grants\//, 'id', 'auto_grants'],
    [/^\/api\/auto-grants\//, 'itemId', 'auto_grant_items'],
    [/^\/api\/disbursements\//, 'id', 'disbursements'],
    [/^\/api\/demands\/routing-rules\//, 'ruleId', 'demand_routing_rules'],
    [/^\/api\/demands\//, 'id', 'demands'],
    [/^\/api\/demands\//, 'fileId', 'demand_files'],
    [/^\/api\/services\//, 'id', 'services'],
    [/^\/api\/finance\/products\//, 'id', 'loan_products'],
    [/^\/api\/finance\/applications\//, 'id', 'loan_applications'],
    [/^\/api\/finance\/loans\//, 'id', 'loans'],
    [/^\/api\/finance\/credit-models\//, 'id', 'credit_models'],
    [/^\/api\/finance\/risk-pools\/registrations\//, 'id', 'risk_pool_registrations'],
    [/^\/api\/finance\/risk-pools\/claims\//, 'id', 'risk_pool_claims'],
    [/^\/api\/finance\/risk-pools\//, 'id', 'risk_pools'],
    [/^\/api\/finance\/programs\//, 'id', 'loan_programs'],
    [/^\/api\/finance\/programs\//, 'entryId', 'loan_program_whitelist'],
    [/^\/api\/cadres\//, 'id', 'cadres'],
    [/^\/api\/visits\//, 'id', 'visits'],
    [/^\/api\/visits\//, 'photoId', 'visit_photos'],
  ];
  const resolved = new Map<string, number>();
  for (const [, , table] of tables) if (!resolved.has(table)) resolved.set(table, await first(table));
  if (process.env.AUTHZ_DUMP) console.log(JSON.stringify([...resolved]));
  return (op, param) => {
    const match = tables.find(([pattern, name]) => name === param && pattern.test(op.path));
    if (!match) throw new Error(`no object of another organisation for {${param}} of ${op.key}: add it to the ids table`);
    return resolved.get(match[2])!;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const seeding = Date.now();
  await seedDemoCounty(t.app.db, { enterprises: 40, seed: 20261209 });
  console.log(`authz matrix: demo county seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  // Signing out ends the sessions the other calls use: last.
  operations = operationsOf(t.app.swagger() as never).sort((a, b) => Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'));
  ids = await loadIds(t.app);
  clients.set('anonymous', new TestClient(t.app));
  for (const role of ROLES) {
    // Every actor in a new organisation of its own: an enterprise user of a new enterprise, the others of a
    // new organisation of their role's kind (createUser picks it).
    const orgId = role === 'enterprise_user' ? (await createEnterprise(t.app.db, { withOrg: true, recompute: false })).orgId! : undefined;
    clients.set(role, await signIn(t.app, [role], orgId));
  }
}, 600_000);

afterAll(async () => {
  await t?.close();
});

type Outcome = { key: string; actor: Role | 'anonymous'; status: number; problem: string | null; body?: string };

function judge(op: Operation, entry: Entry | undefined, actor: Role | 'anonymous', status: number): string | null {
  if (status >= 500) return `${status}`;
  if (!entry) return 'no entry';
  if (actor === 'anonymous') {
    if (isPublic(entry)) return null;
    return status === 401 ? null : `anonymous got ${status}, want 401`;
  }
  const scope: Scope | undefined = isPublic(entry) ? 'county' : (entry[actor] ?? entry['*']);
  if (!scope) return status === 403 ? null : `a role the entry does not name got ${status}, want 403`;
  const write = op.method !== 'GET';
  if (scope !== 'county' && op.params.length > 0) {
    // Refused, or (a write) its input refused before the object was touched: nothing of it shown.
    return status === 403 || status === 404 || (write && status === 400) ? null : `${scope}-scoped role on another organisation's object got ${status}, want 403/404`;
  }
  if (scope !== 'county') return null; // no object in the path: its body or its organisation decide (e.g. a lead of another bank)
  return status === 403 ? 'a county-wide role got 403: the entry claims what the route refuses' : null;
}

describe('authorisation matrix', () => {
  it('declares every route of the OpenAPI document, and nothing else', () => {
    const keys = operations.map((op) => op.key);
    expect(keys.filter((key) => !(key in AUTHZ)), 'routes without an entry in authz-matrix.table.ts').toEqual([]);
    expect(Object.keys(AUTHZ).filter((key) => !keys.includes(key)), 'entries for routes that no longer exist').toEqual([]);
  });

  it('answers every route × role × another organisation\'s object as declared', async () => {
    const outcomes: Outcome[] = [];
    const took = new Map<string, number>();
    const started = Date.now();
    for (const op of operations) {
      for (const [actor, client] of clients) {
        const began = performance.now();
        const response = await call(client, op);
        if (process.env.AUTHZ_DUMP) took.set(op.key, (took.get(op.key) ?? 0) + performance.now() - began);
        outcomes.push({ key: op.key, actor, status: response.statusCode, problem: judge(op, AUTHZ[op.key], actor, response.statusCode), ...(process.env.AUTHZ_DUMP && { body: 'body' in response ? String(response.body).slice(0, 300) : '' }) });
      }
    }
    if (process.env.AUTHZ_DUMP) writeFileSync(process.env.AUTHZ_DUMP, JSON.stringify(outcomes));
    if (process.env.AUTHZ_DUMP) console.log([...took].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([key, ms]) => `${key} ${Math.round(ms)} ms`).join('\n'));
    console.log(`authz matrix: ${outcomes.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(outcomes.filter((o) => o.problem).map((o) => `${o.key} as ${o.actor}: ${o.problem}`)).toEqual([]);
  }, 600_000);
});
