/**
 * Integers that reach int4 columns have a range that fits (issue 13 item 5): the request validation bounds
 * every integer (ids to 2^31−1, others to 2^53−1, src/server/http/validation.ts), so a field that is no id
 * by name but lands in an `integer` column needs its own maximum, or 2^31 reaches the database (a 500 on
 * PostgreSQL). The document is walked for every integer a request carries: each has a maximum ≤ 2^31−1,
 * except money (fen, bigint), indicator values (numeric) and rule trees (jsonb). Then 2^31 is sent to the
 * fields found without one before: 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestClient, type TestApp } from '../app.ts';
import { signIn } from '../factories/enterprises.ts';

const INT4_MAX = 2_147_483_647;
type Schema = Record<string, unknown>;
let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  client = await signIn(t.app, ['department_staff']);
});
afterAll(async () => {
  await t.close();
});

/** Fields stored wider than int4, or inside a JSON document: money in fen, indicator values, rule and model trees. */
const WIDE = /(Fen|\/value|\/correctedValue)$|\/(targetRule|rule|condition|benefit|definition|formula|expr|tree|when|params)(\/|\[|$)/i;

function integersOf(schema: Schema | undefined, components: Record<string, Schema>, path: string, found: { path: string; maximum: unknown }[], seen = new Set<Schema>()): void {
  if (!schema || seen.has(schema)) return;
  seen.add(schema);
  if (typeof schema.$ref === 'string') return integersOf(components[schema.$ref.split('/').pop()!], components, path, found, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(schema[key])) for (const branch of schema[key] as Schema[]) integersOf(branch, components, path, found, seen);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if (types.includes('integer')) found.push({ path, maximum: schema.maximum });
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) integersOf(property, components, `${path}/${name}`, found, seen);
  if (schema.items) integersOf(schema.items as Schema, components, `${path}[]`, found, seen);
}

describe('integer ranges of requests', () => {
  it('gives every integer a request carries to an int4 column a maximum that fits', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };
    const components = doc.components?.schemas ?? {};
    const found: { path: string; maximum: unknown }[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const parameter of (op.parameters ?? []) as { in: string; name: string; schema?: Schema }[]) {
          integersOf(parameter.schema, components, `${method.toUpperCase()} ${route} ${parameter.in}/${parameter.name}`, found);
        }
        const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
        integersOf(body, components, `${method.toUpperCase()} ${route} body`, found);
      }
    }
    expect(found.length).toBeGreaterThan(50);
    const unbounded = found.filter((field) => !WIDE.test(field.path) && !(typeof field.maximum === 'number' && field.maximum <= INT4_MAX));
    expect(unbounded.map((field) => `${field.path} (maximum ${String(field.maximum)})`)).toEqual([]);
  });

  it.each([
    ['/api/policies?department=2147483648', 'department'],
    ['/api/policies/export.xlsx?department=2147483648', 'department'],
    ['/api/policies/1?version=2147483648', 'version'],
    ['/api/policies/1?version=10001', 'version'],
  ])('answers %s with 400 naming %s', async (url, field) => {
    const response = await client.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
  });

  it('still takes the largest value that fits', async () => {
    expect((await client.get('/api/policies?department=2147483647')).statusCode).toBe(200);
    expect((await client.get('/api/policies/2147483647?version=10000')).statusCode).toBe(404);
  });
});
