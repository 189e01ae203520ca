/**
 * Authoring a policy: the first draft, edits of the draft, and a new version copied from the newest.
 * Every save checks the rule, benefit and parameters against the registry and the dates and keys that
 * must hold together, so a draft is never stored in a shape publishing would refuse for its form.
 */
import { AppError } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { Actor } from '../../request-context.ts';
import { loadRuleRegistry } from './county-facts.ts';
import { detailOf, type PolicyInsightsReader } from './policies.detail.ts';
import { auditPolicy, loadManaged, loadVisible, openVersion, type Db } from './policies.loading.ts';
import { requireAuthor } from './policies.policy.ts';
import * as repo from './policies.repository.ts';
import { assertPolicyRules } from './policies.rules.ts';
import type { CreatePolicyInput, PolicyDetail, UpdatePolicyInput } from './policies.schemas.ts';
import { getPolicy } from './policy-reading.service.ts';

/** Dates and windows that must hold together; paths name the body fields. */
function checkDates(content: { validFrom: string; validUntil: string | null; applyFrom: string | null; applyUntil: string | null }): void {
  const problems: { path: string; message: string }[] = [];
  if (content.validUntil !== null && content.validUntil < content.validFrom) problems.push({ path: 'body/validUntil', message: 'the validity ends before it starts' });
  if (content.applyFrom && content.applyUntil && new Date(content.applyUntil) < new Date(content.applyFrom)) problems.push({ path: 'body/applyUntil', message: 'the application window ends before it opens' });
  if (problems.length) throw new AppError('validation_failed', 'The dates do not hold together', problems);
}

/** Review step keys name the steps of an application's review: unique within a version. */
function checkReviewSteps(steps: CreatePolicyInput['reviewSteps']): void {
  if (!steps) return;
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    if (keys.has(step.key)) throw new AppError('validation_failed', 'Review step keys must be unique', [{ path: `body/reviewSteps/${i}/key`, message: `"${step.key}" appears twice` }]);
    keys.add(step.key);
  });
}

/** Form field keys name the answers of an application form: unique within a version. */
function checkFormFields(fields: CreatePolicyInput['formFields']): void {
  if (!fields) return;
  const keys = new Set<string>();
  fields.forEach((field, i) => {
    if (keys.has(field.key)) throw new AppError('validation_failed', 'Form field keys must be unique', [{ path: `body/formFields/${i}/key`, message: `"${field.key}" appears twice` }]);
    keys.add(field.key);
  });
}

/** The version columns of a content input (create, or the fields a patch sets). */
function contentColumns(input: Partial<CreatePolicyInput>) {
  const json = (value: unknown) => JSON.stringify(value);
  return {
    ...(input.title !== undefined && { title: input.title.trim() }),
    ...(input.documentNo !== undefined && { document_no: input.documentNo?.trim() || null }),
    ...(input.summary !== undefined && { summary: input.summary }),
    ...(input.sourceText !== undefined && { source_text: input.sourceText }),
    ...(input.interpretation !== undefined && { interpretation: input.interpretation }),
    ...(input.qa !== undefined && { qa: json(input.qa) }),
    ...(input.validFrom !== undefined && { valid_from: input.validFrom }),
    ...(input.validUntil !== undefined && { valid_until: input.validUntil }),
    ...(input.applyFrom !== undefined && { apply_from: input.applyFrom }),
    ...(input.applyUntil !== undefined && { apply_until: input.applyUntil }),
    ...(input.tags !== undefined && { tags: [...new Set(input.tags.map((t) => t.trim()))] }),
    ...(input.rule !== undefined && { rule: json(input.rule) }),
    ...(input.benefit !== undefined && { benefit: json(input.benefit) }),
    ...(input.params !== undefined && { params: json(input.params) }),
    ...(input.declaredFacts !== undefined && { declared_facts: json(input.declaredFacts) }),
    ...(input.exclusionGroup !== undefined && { exclusion_group: input.exclusionGroup?.trim() || null }),
    ...(input.isAutoGrant !== undefined && { is_auto_grant: input.isAutoGrant }),
    ...(input.reviewSteps !== undefined && { review_steps: json(input.reviewSteps) }),
    ...(input.publicNoticeDays !== undefined && { public_notice_days: input.publicNoticeDays }),
    ...(input.formFields !== undefined && { form_fields: json(input.formFields) }),
  };
}

/**
 * Creates a policy of the actor's department with its first version as a draft. The rule, benefit and
 * parameters are validated against the registry first (400 with the path of every offending node);
 * the code is the department's next one for the year (JXW-2026-001). Audited.
 */
export async function createPolicy(db: Db, actor: Actor, input: CreatePolicyInput, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  const departmentId = requireAuthor(actor);
  const registry = await loadRuleRegistry(db);
  assertPolicyRules({ rule: input.rule, benefit: input.benefit, params: input.params ?? [], declaredFacts: input.declaredFacts ?? [] }, registry.catalogue);
  checkDates({ validFrom: input.validFrom, validUntil: input.validUntil, applyFrom: input.applyFrom ?? null, applyUntil: input.applyUntil ?? null });
  checkReviewSteps(input.reviewSteps);
  checkFormFields(input.formFields);
  const org = await db.selectFrom('organizations').where('id', '=', departmentId).select('code').executeTakeFirstOrThrow();
  const prefix = `${(org.code ?? `D${departmentId}`).toUpperCase().replace(/[^A-Z0-9]/g, '')}-${todayInCounty().slice(0, 4)}`;
  const id = await db.transaction().execute(async (trx) => {
    // Codes are numbered per department and year; the department's row lock makes two authors take turns.
    await trx.selectFrom('organizations').where('id', '=', departmentId).select('id').forUpdate().execute();
    const code = await repo.nextPolicyCode(trx, prefix);
    const policyId = await repo.insertPolicy(trx, { department_org_id: departmentId, code, created_by: actor.userId });
    await repo.insertVersion(trx, {
      policy_id: policyId,
      version: 1,
      status: 'draft',
      created_by: actor.userId,
      ...contentColumns({ params: [], ...input }),
      title: input.title.trim(),
      valid_from: input.validFrom,
      rule: JSON.stringify(input.rule),
      benefit: JSON.stringify(input.benefit),
    });
    await auditPolicy(trx, actor, 'policy.create', policyId, { code, title: input.title });
    return policyId;
  });
  return detailOf(db, actor, await loadVisible(db, actor, id), readInsights, registry);
}

/**
 * Edits the open draft. Published (and in-review) versions are never edited in place — the service
 * refuses (409) and the database trigger would too; a change means a new version. Audited with the
 * fields changed.
 */
export async function updatePolicy(db: Db, actor: Actor, id: number, input: UpdatePolicyInput, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  const { versions } = await loadManaged(db, actor, id);
  const draft = versions.find((v) => v.status === 'draft');
  if (!draft) {
    const open = openVersion(versions);
    throw new AppError('conflict', open ? 'The version is in review: return it to draft before editing' : 'Only a draft is edited; create a new version (POST /api/policies/:id/versions)');
  }
  const registry = await loadRuleRegistry(db);
  if (input.rule !== undefined || input.benefit !== undefined || input.params !== undefined || input.declaredFacts !== undefined) {
    assertPolicyRules({ rule: input.rule ?? draft.rule, benefit: input.benefit ?? draft.benefit, params: input.params ?? draft.params, declaredFacts: input.declaredFacts ?? draft.declared_facts }, registry.catalogue);
  }
  checkDates({
    validFrom: input.validFrom ?? draft.valid_from,
    validUntil: input.validUntil ?? draft.valid_until,
    applyFrom: input.applyFrom !== undefined ? input.applyFrom : (draft.apply_from?.toISOString() ?? null),
    applyUntil: input.applyUntil !== undefined ? input.applyUntil : (draft.apply_until?.toISOString() ?? null),
  });
  checkReviewSteps(input.reviewSteps);
  checkFormFields(input.formFields);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const current = await repo.findVersionById(trx, draft.id);
    if (current?.status !== 'draft') throw new AppError('conflict', 'The draft was submitted or published meanwhile');
    await repo.updateVersion(trx, draft.id, contentColumns(input));
    await auditPolicy(trx, actor, 'policy.update', id, { versionId: draft.id, fields: Object.keys(input) });
  });
  return detailOf(db, actor, await loadVisible(db, actor, id), readInsights, registry);
}

/**
 * Starts a new version: a draft copied from the newest one, golden cases included. Refused (409) while a
 * draft or a version in review exists. The published version stays live until the new one is published.
 */
export async function createVersion(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const versions = await repo.findVersions(trx, id);
    if (openVersion(versions)) throw new AppError('conflict', 'A draft or a version in review already exists');
    const latest = versions[0];
    const versionId = await repo.insertVersion(trx, {
      policy_id: id,
      version: latest.version + 1,
      status: 'draft',
      title: latest.title,
      document_no: latest.document_no,
      summary: latest.summary,
      source_text: latest.source_text,
      interpretation: latest.interpretation,
      qa: JSON.stringify(latest.qa),
      region_code: latest.region_code,
      valid_from: latest.valid_from,
      valid_until: latest.valid_until,
      apply_from: latest.apply_from,
      apply_until: latest.apply_until,
      tags: latest.tags,
      rule: JSON.stringify(latest.rule),
      benefit: JSON.stringify(latest.benefit),
      params: JSON.stringify(latest.params),
      declared_facts: JSON.stringify(latest.declared_facts),
      exclusion_group: latest.exclusion_group,
      is_auto_grant: latest.is_auto_grant,
      review_steps: JSON.stringify(latest.review_steps),
      public_notice_days: latest.public_notice_days,
      form_fields: JSON.stringify(latest.form_fields),
      created_by: actor.userId,
    });
    await repo.copyGoldenCases(trx, latest.id, versionId);
    await auditPolicy(trx, actor, 'policy.version', id, { versionId, version: latest.version + 1, copiedFrom: latest.id });
  });
  return getPolicy(db, actor, id, readInsights);
}
