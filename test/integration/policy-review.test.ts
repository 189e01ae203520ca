import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy, policyBody, submitAndPublish } from '../factories/policies.ts';

/**
 * Two-person authoring (issue 11): a department's draft is submitted by its author and reviewed by a
 * colleague of the same department, who publishes it or returns it with a reason; the submitter cannot
 * approve their own submission (service and database), another department cannot review at all.
 */
let t: TestApp;
let db: Kysely<DB>;
let author: Awaited<ReturnType<typeof signIn>>;
let colleague: Awaited<ReturnType<typeof signIn>>;
let outsider: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const dept = await createOrg(db, 'department', '县经济和信息化委员会');
  author = await signIn(t.app, ['department_staff'], dept);
  colleague = await signIn(t.app, ['department_staff'], dept);
  outsider = await signIn(t.app, ['department_staff']);
  await createManufacturer(db, 2600, { withOrg: false });
});
afterAll(async () => {
  await t.close();
});

const notificationsOf = (userId: number, kind: string) => db.selectFrom('notifications').where('user_id', '=', userId).where('kind', '=', kind).select(['title_zh', 'body_zh', 'link']).execute();

describe('policy review', () => {
  it('refuses to submit an empty draft, naming what is missing', async () => {
    // Saving an empty rule is refused with the node named …
    const empty = await author.post('/api/policies', { ...policyBody(), rule: { all: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0]).toMatchObject({ path: 'body/rule/all', code: 'empty_group' });
    // … and a draft stored empty (an older draft) cannot be submitted: the missing fields are named.
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    await sql`update policy_versions set rule = '{"all":[]}'::jsonb, benefit = '{"amount":{"fixed":{"wan":0}}}'::jsonb where policy_id = ${id}`.execute(db);
    const refused = await author.post(`/api/policies/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body/rule', 'body/benefit']);
    expect((await db.selectFrom('policy_versions').where('policy_id', '=', id).select('status').executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('refuses self-approval, publishing a draft without review and another department; a colleague publishes and the author is told', async () => {
    const { id } = await createPolicy(t.app, { author, status: 'draft' });
    // Publishing straight from draft is refused: it must be submitted and reviewed.
    expect((await colleague.post(`/api/policies/${id}/publish`)).statusCode).toBe(409);
    expect((await author.post(`/api/policies/${id}/submit`)).json()).toMatchObject({ status: 'in_review', review: { submittedBy: author.user.id, canReview: false } });
    // The colleague was told and sees it in 待我审核; the author does not.
    expect(await notificationsOf(colleague.user.id, 'policy.review_requested')).toEqual([expect.objectContaining({ link: `/gov/policies/${id}?tab=review` })]);
    expect((await colleague.get('/api/policies/reviews')).json().map((r: { policyId: number }) => r.policyId)).toContain(id);
    expect((await author.get('/api/policies/reviews')).json().map((r: { policyId: number }) => r.policyId)).not.toContain(id);
    expect((await colleague.get(`/api/policies/${id}`)).json().review).toMatchObject({ canReview: true });

    const self = await author.post(`/api/policies/${id}/publish`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('cannot approve their own');
    expect((await author.post(`/api/policies/${id}/return`, { reason: '我自己退回' })).statusCode).toBe(403);
    // Another department neither sees nor reviews a policy never published.
    expect((await outsider.post(`/api/policies/${id}/publish`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/policies/${id}/review`)).statusCode).toBe(404);
    expect((await outsider.get('/api/policies/reviews')).json()).toEqual([]);

    // The database refuses it too, whatever the path: the submitter as publisher, or publishing unsubmitted.
    const version = await db.selectFrom('policy_versions').where('policy_id', '=', id).select('id').executeTakeFirstOrThrow();
    await expect(sql`update policy_versions set status = 'published', published_by = submitted_by, published_at = now() where id = ${version.id}`.execute(db)).rejects.toThrow();

    const comparison = await colleague.get(`/api/policies/${id}/review`);
    expect(comparison.statusCode, comparison.body).toBe(200);
    expect(comparison.json()).toMatchObject({ underReview: { detail: { version: 1, status: 'in_review' }, preview: { eligible: expect.any(Number) } }, published: null });
    expect(comparison.json().underReview.preview.eligible).toBeGreaterThanOrEqual(1);

    const published = await colleague.post(`/api/policies/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published' });
    expect(await db.selectFrom('policy_versions').where('id', '=', version.id).select(['submitted_by', 'published_by']).executeTakeFirstOrThrow()).toEqual({ submitted_by: author.user.id, published_by: colleague.user.id });
    expect(await notificationsOf(author.user.id, 'policy.review_published')).toHaveLength(1);
    const audits = await db.selectFrom('audit_log').where('target_type', '=', 'policy').where('target_id', '=', String(id)).select(['action', 'actor_user_id']).orderBy('id').execute();
    expect(audits.filter((a) => a.action === 'policy.submit' || a.action === 'policy.publish')).toEqual([
      { action: 'policy.submit', actor_user_id: author.user.id },
      { action: 'policy.publish', actor_user_id: colleague.user.id },
    ]);
  });

  it('returns a version with a reason to draft; the author sees the reason, fixes and resubmits; the diff compares with the published version', async () => {
    const { id } = await createPolicy(t.app, { author });
    expect((await author.post(`/api/policies/${id}/versions`)).statusCode).toBe(201);
    expect((await author.patch(`/api/policies/${id}`, { benefit: { amount: { fixed: { wan: 40 } } } })).statusCode).toBe(200);
    expect((await author.post(`/api/policies/${id}/submit`)).statusCode).toBe(200);

    const comparison = (await colleague.get(`/api/policies/${id}/review`)).json();
    expect(comparison.underReview.detail.version).toBe(2);
    expect(comparison.published.detail.version).toBe(1);
    expect(comparison.underReview.preview.eligible).toBe(comparison.published.preview.eligible);
    expect(comparison.underReview.preview.estimatedTotalFen).toBe(2 * comparison.published.preview.estimatedTotalFen);
    expect(comparison.underReview.detail.benefitText.zh).not.toBe(comparison.published.detail.benefitText.zh);

    expect((await colleague.post(`/api/policies/${id}/return`, { reason: '   ' })).statusCode).toBe(400);
    const returned = await colleague.post(`/api/policies/${id}/return`, { reason: '奖励金额与文件不一致，请核对' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'draft', version: 2 });
    expect((await author.get(`/api/policies/${id}`)).json().review).toMatchObject({ returnReason: '奖励金额与文件不一致，请核对', canReview: false });
    expect(await notificationsOf(author.user.id, 'policy.review_returned')).toEqual([expect.objectContaining({ body_zh: '退回理由：奖励金额与文件不一致，请核对' })]);
    expect((await colleague.get(`/api/policies/${id}/review`)).statusCode).toBe(409);

    expect((await author.patch(`/api/policies/${id}`, { benefit: { amount: { fixed: { wan: 30 } } } })).statusCode).toBe(200);
    const again = await submitAndPublish(t.app, author, id, colleague);
    expect(again.json()).toMatchObject({ version: 2, status: 'published', review: { returnReason: null } });
    expect((await db.selectFrom('audit_log').where('target_type', '=', 'policy').where('target_id', '=', String(id)).where('action', '=', 'policy.return').select('details').executeTakeFirstOrThrow()).details).toMatchObject({ reason: '奖励金额与文件不一致，请核对' });
  });
});
