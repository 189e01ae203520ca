import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy, REVENUE_RULE } from '../factories/policies.ts';

/**
 * The builder's live county reach (issue 11): POST /api/policies/:id/preview-draft counts the county for an
 * unsaved rule and benefit — staff of the issuing department only, checked like a save, nothing written.
 */
let t: TestApp;
let db: Kysely<DB>;
let author: Awaited<ReturnType<typeof signIn>>;
let outsider: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const dept = await createOrg(db, 'department', '县经济和信息化委员会');
  author = await signIn(t.app, ['department_staff'], dept);
  outsider = await signIn(t.app, ['department_staff']);
  await createManufacturer(db, 2600, { withOrg: false });
  await createManufacturer(db, 1500, { withOrg: false });
});
afterAll(async () => {
  await t.close();
});

const ruleAt = (wan: number) => ({ all: [{ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan } }] });
const counts = async () => Promise.all(['policy_versions', 'audit_log'].map(async (table) => Number((await db.selectFrom(table as 'audit_log').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));

describe('preview of an unsaved rule', () => {
  it('counts the county for the rule as typed, not as saved, and writes nothing', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    const before = await counts();
    const low = await author.post(`/api/policies/${id}/preview-draft`, { rule: ruleAt(1000), benefit: { amount: { fixed: { wan: 5 } } } });
    expect(low.statusCode).toBe(200);
    const high = await author.post(`/api/policies/${id}/preview-draft`, { rule: ruleAt(2000), benefit: { amount: { fixed: { wan: 5 } } } });
    expect(high.statusCode).toBe(200);
    // Both manufacturers pass 1000万元, one passes 2000万元; the money follows the typed benefit.
    expect(low.json().eligible - high.json().eligible).toBe(1);
    expect(high.json().estimatedTotalFen).toBe(high.json().eligible * 5 * 1_000_000);
    expect(await counts()).toEqual(before);
    const saved = await db.selectFrom('policy_versions').where('policy_id', '=', id).select('rule').executeTakeFirstOrThrow();
    expect(saved.rule).toEqual(REVENUE_RULE);
  });

  it('checks the rule like a save, naming the node, and does not show another department its draft', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    const unitError = await author.post(`/api/policies/${id}/preview-draft`, { rule: { all: [{ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { people: 2000 } }] }, benefit: { amount: { fixed: { wan: 5 } } } });
    expect(unitError.statusCode).toBe(400);
    expect(unitError.json().error.details[0].path).toMatch(/^body\/rule\/all\/0/);
    const extra = await author.post(`/api/policies/${id}/preview-draft`, { rule: ruleAt(1), benefit: { amount: { fixed: { wan: 5 } } }, sql: 'drop' });
    expect(extra.statusCode).toBe(400);
    const foreign = await outsider.post(`/api/policies/${id}/preview-draft`, { rule: ruleAt(1), benefit: { amount: { fixed: { wan: 5 } } } });
    // Another department's draft is not disclosed at all.
    expect(foreign.statusCode).toBe(404);
  });
});
