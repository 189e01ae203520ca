import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { PDF_BYTES, signInApplicant, uploadAttachment } from '../factories/applications.ts';
import { signIn } from '../factories/enterprises.ts';
import { createPolicy, policyBody, REVENUE_RULE } from '../factories/policies.ts';

/**
 * Declared facts (申报时声明, issue 12 item 6): a policy declares what the applicant declares on the form, the
 * rule reads it, the calculator says 需在申报时声明, submission re-evaluates with the declarations, required
 * evidence gates acceptance, the reviewer reads them as 自行申报.
 */
const DECLARED_FACTS = [
  {
    key: 'no_wage_arrears_2y',
    labelZh: '近两年无拖欠农民工工资',
    labelEn: 'No wage arrears in the last two years',
    type: 'yesno',
    evidence: 'required',
    evidenceHintZh: '人社部门出具的无欠薪证明',
  },
  { key: 'jobs_kept', labelZh: '稳定就业人数', labelEn: 'Jobs kept', type: 'number', unitZh: '人', unitEn: 'people', evidence: 'none' },
];
const RULE = {
  all: [
    ...REVENUE_RULE.all,
    { clause: '近两年无拖欠农民工工资', declared: 'no_wage_arrears_2y', equals: true },
    { clause: '稳定就业10人以上', declared: 'jobs_kept', op: '>=', value: 10 },
  ],
};

type Client = Awaited<ReturnType<typeof signIn>>;
let t: TestApp;
let db: Kysely<DB>;
let storageDir: string;
let maker: Client;
let policyId: number;

beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-declared-'));
  t = await createTestApp({ storageDir });
  db = t.app.db;
  const deptId = await createOrg(db, 'department', '县人力资源和社会保障局');
  maker = await signIn(t.app, ['department_staff'], deptId);
  policyId = (await createPolicy(t.app, { author: maker, body: { rule: RULE, declaredFacts: DECLARED_FACTS, isAutoGrant: true } })).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe(`declared facts on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('refuses at save a rule naming an undeclared fact, with the node path, and bad definitions', async () => {
    const undeclared = await maker.post('/api/policies', policyBody({ rule: { all: [...REVENUE_RULE.all, { declared: 'no_tax_arrears', equals: true }] }, declaredFacts: DECLARED_FACTS }));
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json<{ error: { details: { path: string; code: string }[] } }>().error.details).toEqual([expect.objectContaining({ path: 'body/rule/all/2/declared', code: 'unknown_declared_fact' })]);
    const noDefinitions = await maker.post('/api/policies', policyBody({ rule: RULE }));
    expect(noDefinitions.statusCode).toBe(400);
    const duplicate = await maker.post('/api/policies', policyBody({ rule: RULE, declaredFacts: [...DECLARED_FACTS, DECLARED_FACTS[0]] }));
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path)).toContain('body/declaredFacts/2/key');
    const detail = await maker.get(`/api/policies/${policyId}`);
    expect(detail.json<{ declaredFacts: unknown[]; rendered: { zh: { text: string }[] } }>().declaredFacts).toHaveLength(2);
    expect(detail.json<{ rendered: { zh: { text: string }[] } }>().rendered.zh.map((l) => l.text).join('\n')).toContain('申报时声明：稳定就业人数 ≥ 10人');
  });

  it('the calculator shows 需在申报时声明 rather than failed, never asks it as the next question, and the county never grants on it', async () => {
    const enterprise = await signInApplicant(t.app);
    const calculator = await enterprise.get('/api/me/policy-matches');
    expect(calculator.statusCode, calculator.body).toBe(200);
    const body = calculator.json<{ nextQuestion: { fact: string } | null; summary: { pendingDeclaration: number }; items: { policyId: number; outcome: string; estimatedAmountFen: number | null; pendingDeclaration: { key: string; zh: string }[]; missingFacts: { fact: string; name: { zh: string } }[] }[] }>();
    const item = body.items.find((i) => i.policyId === policyId)!;
    expect(item).toMatchObject({ outcome: 'unknown', estimatedAmountFen: 20 * FEN_PER_WAN });
    expect(item.pendingDeclaration.map((p) => p.zh)).toEqual(['近两年无拖欠农民工工资', '稳定就业人数']);
    expect(item.missingFacts.map((m) => m.name.zh)).toContain('申报时声明：近两年无拖欠农民工工资');
    expect(body.summary.pendingDeclaration).toBeGreaterThanOrEqual(1);
    expect(body.nextQuestion?.fact ?? '').not.toMatch(/^declared:/);
    // 免申即享: the county match counts every firm as undeclared, so none is eligible for a grant.
    const matches = await db.selectFrom('policy_matches').where('policy_version_id', 'in', db.selectFrom('policy_versions').where('policy_id', '=', policyId).select('id')).where('outcome', '=', 'eligible').select('enterprise_id').execute();
    expect(matches).toEqual([]);
  });

  it('the form offers the declarations; submission without them is 400 naming each, a failing one 422 with the reason', async () => {
    const enterprise = await signInApplicant(t.app);
    const form = await enterprise.get(`/api/policies/${policyId}/application-form`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ canApply: true, outcome: 'unknown', declaredFacts: [{ key: 'no_wage_arrears_2y', required: true, evidence: 'required', evidenceFieldKey: 'declared_no_wage_arrears_2y' }, { key: 'jobs_kept', type: 'number', unitZh: '人' }] });

    const missing = await enterprise.post('/api/applications', { policyId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path)).toEqual(['body/declarations/no_wage_arrears_2y', 'body/declarations/jobs_kept']);
    const wrongType = await enterprise.post('/api/applications', { policyId, declarations: { no_wage_arrears_2y: 'yes', jobs_kept: 12 } });
    expect(wrongType.statusCode).toBe(400);
    const failing = await enterprise.post('/api/applications', { policyId, declarations: { no_wage_arrears_2y: true, jobs_kept: 8 } });
    expect(failing.statusCode).toBe(422);
    expect(failing.json<{ error: { details: { reason: string; declarations: { key: string; declared: unknown }[] }[] } }>().error.details[0]).toMatchObject({ reason: 'declaration_fails', declarations: [{ key: 'jobs_kept', declared: 8 }] });
    expect(await db.selectFrom('applications').where('policy_id', '=', policyId).select('id').execute()).toEqual([]);
  });

  it('submits with declarations stored and audited; evidence required before acceptance; the reviewer reads 自行申报 with the evidence', async () => {
    const enterprise = await signInApplicant(t.app);
    const created = await enterprise.post('/api/applications', { policyId, declarations: { no_wage_arrears_2y: true, jobs_kept: 12 } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, estimatedAmountFen } = created.json<{ id: number; estimatedAmountFen: number }>();
    expect(estimatedAmountFen).toBe(20 * FEN_PER_WAN);
    const row = await db.selectFrom('applications').where('id', '=', id).select('declarations').executeTakeFirstOrThrow();
    expect(row.declarations).toEqual({ no_wage_arrears_2y: true, jobs_kept: 12 });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'application.submit').where('target_id', '=', String(id)).select('details').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ declarations: { no_wage_arrears_2y: true, jobs_kept: 12 } });

    // Required evidence missing: the department cannot accept (退回补正 instead).
    const early = await maker.post(`/api/applications/${id}/accept`);
    expect(early.statusCode).toBe(422);
    expect(early.json<{ error: { details: { path: string; reason: string }[] } }>().error.details).toEqual([expect.objectContaining({ path: 'declared_no_wage_arrears_2y', reason: 'evidence_missing' })]);

    // Another enterprise cannot attach evidence to it; a key that is no declared fact is refused.
    const stranger = await signInApplicant(t.app);
    expect((await uploadAttachment(stranger, id, 'declared_no_wage_arrears_2y', { name: 'x.pdf', content: PDF_BYTES })).statusCode).toBe(403);
    expect((await uploadAttachment(enterprise, id, 'declared_jobs_kept', { name: 'x.pdf', content: PDF_BYTES })).statusCode).toBe(400);
    const uploaded = await uploadAttachment(enterprise, id, 'declared_no_wage_arrears_2y', { name: '无欠薪证明.pdf', content: PDF_BYTES, type: 'application/pdf' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileId = uploaded.json<{ id: number }>().id;

    const accepted = await maker.post(`/api/applications/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<{ declarations: unknown[] }>().declarations).toEqual([
      { key: 'no_wage_arrears_2y', labelZh: '近两年无拖欠农民工工资', labelEn: 'No wage arrears in the last two years', value: true, valueText: { zh: '是', en: 'yes' }, source: 'self_declared', evidence: 'required', evidenceFileIds: [fileId] },
      { key: 'jobs_kept', labelZh: '稳定就业人数', labelEn: 'Jobs kept', value: 12, valueText: { zh: '12人', en: '12 people' }, source: 'self_declared', evidence: 'none', evidenceFileIds: [] },
    ]);
    // Other departments do not read it.
    const otherStaff = await signIn(t.app, ['department_staff']);
    expect((await otherStaff.get(`/api/applications/${id}`)).statusCode).toBe(403);
  });
});
