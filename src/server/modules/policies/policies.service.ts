import type { Kysely } from 'kysely';
import {
  compilePrepared,
  estimateBenefit,
  evaluatePrepared,
  exportExplanation,
  explanationText,
  matchCounty,
  prepareRule,
  renderExplanation,
  runGoldenCases,
  type Benefit,
  type EnterpriseFacts,
  type GoldenCase as EngineGoldenCase,
  type RuleNode,
} from '../../../core/rules/index.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditEnterpriseRead } from '../enterprises/index.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { ALL_FACTS, ColumnFactsReader, factNeedsOf, loadChunkSizeFor, loadCountyColumns, loadEnterpriseFacts, loadRuleRegistry, type RuleRegistry } from './county-facts.ts';
import { policyFunnel } from './funnel.ts';
import { enqueueVersionMatch } from './matching.jobs.ts';
import { estimateAmounts, factCodesOf } from './matching.service.ts';
import { authorizeEvaluation, canManage, requireAuthor, requireManage, visibleVersion, visibleVersions } from './policies.policy.ts';
import { effectiveStatus, presentGoldenCase, presentMissingFact, presentPolicyDetail, presentPolicySummary } from './policies.presenter.ts';
import * as repo from './policies.repository.ts';
import { assertPolicyRules, prepareOptionsOf } from './policies.rules.ts';
import type {
  CreateGoldenCaseInput,
  CreatePolicyInput,
  Evaluation,
  GoldenCase,
  GoldenRun,
  PolicyDetail,
  PolicyListFilter,
  PolicySummary,
  Preview,
  UpdatePolicyInput,
} from './policies.schemas.ts';
import type { AuditAction } from '../audit/audit.actions.ts';

type Db = Kysely<DB>;

interface Loaded {
  policy: repo.PolicyRef;
  versions: repo.VersionRow[];
  version: repo.VersionRow;
}

/** A policy with the version the actor sees, or 404 (also for a policy the actor may not see). */
async function loadVisible(db: Db, actor: Actor, id: number, versionNumber?: number): Promise<Loaded> {
  const policy = await repo.findPolicy(db, id);
  if (!policy) throw notFound('Policy');
  const versions = await repo.findVersions(db, id);
  const version = versionNumber === undefined ? visibleVersion(actor, policy, versions) : (visibleVersions(actor, policy, versions).find((v) => v.version === versionNumber) ?? null);
  if (!version) throw notFound(versionNumber === undefined ? 'Policy' : 'Policy version');
  return { policy, versions, version };
}

/** A policy the actor manages; 403 for one the actor only reads, 404 for one it may not see at all. */
async function loadManaged(db: Db, actor: Actor, id: number): Promise<{ policy: repo.PolicyRef; versions: repo.VersionRow[] }> {
  const policy = await repo.findPolicy(db, id);
  if (!policy) throw notFound('Policy');
  const versions = await repo.findVersions(db, id);
  if (!canManage(actor, policy) && !visibleVersion(actor, policy, versions)) throw notFound('Policy');
  requireManage(actor, policy);
  return { policy, versions };
}

const openVersion = (versions: readonly repo.VersionRow[]) => versions.find((v) => v.status === 'draft' || v.status === 'in_review') ?? null;
const publishedVersion = (versions: readonly repo.VersionRow[]) => versions.find((v) => v.status === 'published') ?? null;

/** Dates and windows that must hold together; paths name the body fields. */
function checkDates(content: { validFrom: string; validUntil: string | null; applyFrom: string | null; applyUntil: string | null }): void {
  const problems: { path: string; message: string }[] = [];
  if (content.validUntil !== null && content.validUntil < content.validFrom) problems.push({ path: 'body/validUntil', message: 'the validity ends before it starts' });
  if (content.applyFrom && content.applyUntil && new Date(content.applyUntil) < new Date(content.applyFrom)) problems.push({ path: 'body/applyUntil', message: 'the application window ends before it opens' });
  if (problems.length) throw new AppError('validation_failed', 'The dates do not hold together', problems);
}

function checkReviewSteps(steps: CreatePolicyInput['reviewSteps']): void {
  if (!steps) return;
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    if (keys.has(step.key)) throw new AppError('validation_failed', 'Review step keys must be unique', [{ path: `body/reviewSteps/${i}/key`, message: `"${step.key}" appears twice` }]);
    keys.add(step.key);
  });
}

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
    ...(input.exclusionGroup !== undefined && { exclusion_group: input.exclusionGroup?.trim() || null }),
    ...(input.isAutoGrant !== undefined && { is_auto_grant: input.isAutoGrant }),
    ...(input.reviewSteps !== undefined && { review_steps: json(input.reviewSteps) }),
    ...(input.publicNoticeDays !== undefined && { public_notice_days: input.publicNoticeDays }),
    ...(input.formFields !== undefined && { form_fields: json(input.formFields) }),
  };
}

async function detailOf(db: Db, actor: Actor, loaded: Loaded, registry?: RuleRegistry): Promise<PolicyDetail> {
  const today = todayInCounty();
  const manage = canManage(actor, loaded.policy);
  const catalogue = (registry ?? (await loadRuleRegistry(db))).catalogue;
  let matchCounts: PolicyDetail['matchCounts'] = null;
  let funnel: PolicyDetail['funnel'] = null;
  if (manage) {
    const live = publishedVersion(loaded.versions) ?? loaded.versions.find((v) => v.published_at !== null) ?? null;
    if (live) {
      const counts = await repo.matchCounts(db, live.id);
      matchCounts = { eligible: counts.eligible, unknown: counts.unknown, estimatedTotalFen: counts.total_fen, matchedAt: counts.matched_at?.toISOString() ?? null };
    }
    funnel = await policyFunnel(db, loaded.policy.id);
  }
  return presentPolicyDetail(loaded.policy, loaded.version, today, {
    versions: visibleVersions(actor, loaded.policy, loaded.versions),
    canManage: manage,
    catalogue,
    matchCounts,
    funnel,
  });
}

async function audit(db: Db | Parameters<typeof recordAudit>[0], actor: Actor, action: AuditAction, policyId: number, details: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(db, { ...auditContextOfActor(actor), action, targetType: 'policy', targetId: policyId, details });
}

// Catalogue ---------------------------------------------------------------------------------------------

/**
 * Creates a policy of the actor's department with its first version as a draft. The rule, benefit and
 * parameters are validated against the registry first (400 with the path of every offending node);
 * the code is the department's next one for the year (JXW-2026-001). Audited.
 */
export async function createPolicy(db: Db, actor: Actor, input: CreatePolicyInput): Promise<PolicyDetail> {
  const departmentId = requireAuthor(actor);
  const registry = await loadRuleRegistry(db);
  assertPolicyRules({ rule: input.rule, benefit: input.benefit, params: input.params ?? [] }, registry.catalogue);
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
    await audit(trx, actor, 'policy.create', policyId, { code, title: input.title });
    return policyId;
  });
  return detailOf(db, actor, await loadVisible(db, actor, id), registry);
}

/**
 * Lists policies: published ones for everyone (and, by default, only those in force for enterprises,
 * banks and providers), plus the actor's department's own drafts. Lapsed versions are stored as expired
 * on the way (lazy expiry).
 */
export async function listPolicies(db: Db, actor: Actor, filter: PolicyListFilter, page: number, pageSize: number): Promise<{ items: PolicySummary[]; total: number; page: number; pageSize: number }> {
  const today = todayInCounty();
  await repo.expireLapsedVersions(db, today);
  const isGovernment = actor.orgType === 'department' || actor.roles.some((r) => r === 'dispatcher' || r === 'cadre' || r === 'data_admin');
  const effective: repo.ListFilter = { ...filter, ...(filter.status === undefined && !isGovernment && { status: 'published' }) };
  const { rows, total } = await repo.listPolicies(db, { ownDepartmentId: actor.orgType === 'department' && actor.roles.includes('department_staff') ? actor.orgId : null }, effective, today, page, pageSize);
  return {
    items: rows.map((row) => presentPolicySummary({ ...row, id: row.policy_id }, row, today)),
    total,
    page,
    pageSize,
  };
}

/** One policy with the version the actor sees (or `version` by number), its rendering and, for its department, stored match counts and the funnel. */
export async function getPolicy(db: Db, actor: Actor, id: number, versionNumber?: number): Promise<PolicyDetail> {
  await repo.expireLapsedVersions(db, todayInCounty());
  return detailOf(db, actor, await loadVisible(db, actor, id, versionNumber));
}

/**
 * Edits the open draft. Published (and in-review) versions are never edited in place — the service
 * refuses (409) and the database trigger would too; a change means a new version. Audited with the
 * fields changed.
 */
export async function updatePolicy(db: Db, actor: Actor, id: number, input: UpdatePolicyInput): Promise<PolicyDetail> {
  const { versions } = await loadManaged(db, actor, id);
  const draft = versions.find((v) => v.status === 'draft');
  if (!draft) {
    const open = openVersion(versions);
    throw new AppError('conflict', open ? 'The version is in review: return it to draft before editing' : 'Only a draft is edited; create a new version (POST /api/policies/:id/versions)');
  }
  const registry = await loadRuleRegistry(db);
  if (input.rule !== undefined || input.benefit !== undefined || input.params !== undefined) {
    assertPolicyRules({ rule: input.rule ?? draft.rule, benefit: input.benefit ?? draft.benefit, params: input.params ?? draft.params }, registry.catalogue);
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
    await audit(trx, actor, 'policy.update', id, { versionId: draft.id, fields: Object.keys(input) });
  });
  return detailOf(db, actor, await loadVisible(db, actor, id), registry);
}

/** Draft → in review. */
export async function submitPolicy(db: Db, actor: Actor, id: number): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const draft = (await repo.findVersions(trx, id)).find((v) => v.status === 'draft');
    if (!draft) throw new AppError('conflict', 'There is no draft to submit');
    await repo.updateVersion(trx, draft.id, { status: 'in_review', submitted_at: new Date() });
    await audit(trx, actor, 'policy.submit', id, { versionId: draft.id, version: draft.version });
  });
  return getPolicy(db, actor, id);
}

/** The golden cases of a version as the engine runs them; real enterprises are read as they are today. */
async function engineCases(db: Db | Parameters<typeof loadEnterpriseFacts>[0], registry: RuleRegistry, rows: readonly repo.GoldenCaseRow[]): Promise<EngineGoldenCase[]> {
  const enterpriseIds = rows.filter((r) => r.enterprise_id !== null).map((r) => r.enterprise_id!);
  const facts = enterpriseIds.length ? await loadEnterpriseFacts(db, registry, enterpriseIds, ALL_FACTS, { includeInactive: true }) : new Map<number, EnterpriseFacts>();
  return rows.map((row) => ({
    name: row.name,
    facts: row.enterprise_id !== null ? (facts.get(row.enterprise_id) ?? { attributes: {}, indicators: {} }) : (row.facts as EnterpriseFacts),
    expectedOutcome: row.expected_outcome,
    ...(row.expected_amount_fen !== null || row.expected_outcome === 'eligible' ? { expectedAmountFen: row.expected_amount_fen } : {}),
  }));
}

async function runCases(db: Parameters<typeof loadEnterpriseFacts>[0], registry: RuleRegistry, version: repo.VersionRow): Promise<GoldenRun> {
  const evaluationDate = todayInCounty();
  const rows = await repo.findGoldenCases(db, version.id);
  const run = runGoldenCases(version.rule as RuleNode, version.benefit as Benefit, await engineCases(db, registry, rows), prepareOptionsOf(version, registry.catalogue, evaluationDate));
  return {
    versionId: version.id,
    evaluationDate,
    passed: run.passed,
    total: run.total,
    failed: run.failed,
    results: run.results.map((r, i) => ({
      caseId: rows[i].id,
      name: r.name,
      passed: r.passed,
      expectedOutcome: r.expectedOutcome,
      actualOutcome: r.actualOutcome,
      expectedAmountFen: r.expectedAmountFen ?? null,
      actualAmountFen: r.actualAmountFen,
      diff: r.diff,
      explanation: r.explanation ?? null,
    })),
  };
}

/**
 * Publishes the open version (draft or in review): refused (409) while any of its golden cases fails
 * — the failures are in the details — and when nothing is open (publishing twice). The previous
 * published version becomes superseded; its matches stay with it. Queues the county match of the new
 * version (which pushes the newly eligible). Audited.
 */
export async function publishPolicy(db: Db, actor: Actor, id: number): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  const registry = await loadRuleRegistry(db);
  const today = todayInCounty();
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const versions = await repo.findVersions(trx, id);
    const open = openVersion(versions);
    if (!open) {
      throw new AppError('conflict', publishedVersion(versions) ? 'The policy is already published; create a new version to change it' : 'There is no draft to publish');
    }
    if (open.valid_until !== null && open.valid_until < today) throw new AppError('conflict', 'The version’s validity has already ended', [{ path: 'validUntil', message: `ended ${open.valid_until}` }]);
    const run = await runCases(trx, registry, open);
    if (!run.passed) {
      throw new AppError(
        'conflict',
        `${run.failed} of ${run.total} golden cases fail; publishing is refused`,
        run.results.filter((r) => !r.passed).map((r) => ({ caseId: r.caseId, name: r.name, diff: r.diff, expectedOutcome: r.expectedOutcome, actualOutcome: r.actualOutcome, expectedAmountFen: r.expectedAmountFen, actualAmountFen: r.actualAmountFen })),
      );
    }
    const previous = publishedVersion(versions);
    if (previous) await repo.updateVersion(trx, previous.id, { status: 'superseded' });
    const now = new Date();
    await repo.updateVersion(trx, open.id, { status: 'published', published_at: now, published_by: actor.userId, ...(open.submitted_at === null && { submitted_at: now }) });
    await enqueueVersionMatch(trx, open, today);
    await audit(trx, actor, 'policy.publish', id, { versionId: open.id, version: open.version, supersedes: previous?.id ?? null, goldenCases: run.total });
  });
  return getPolicy(db, actor, id);
}

/** Closes the published version (or discards the open draft of a never-published policy). Audited. */
export async function closePolicy(db: Db, actor: Actor, id: number): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const versions = await repo.findVersions(trx, id);
    const target = publishedVersion(versions) ?? (versions.some((v) => v.published_at !== null) ? null : openVersion(versions));
    if (!target) throw new AppError('conflict', 'Nothing to close: the policy is not published');
    await repo.updateVersion(trx, target.id, { status: 'closed', closed_at: new Date() });
    await audit(trx, actor, 'policy.close', id, { versionId: target.id, version: target.version, from: target.status });
  });
  return getPolicy(db, actor, id);
}

/**
 * Starts a new version: a draft copied from the newest one, golden cases included. Refused (409) while a
 * draft or a version in review exists. The published version stays live until the new one is published.
 */
export async function createVersion(db: Db, actor: Actor, id: number): Promise<PolicyDetail> {
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
      exclusion_group: latest.exclusion_group,
      is_auto_grant: latest.is_auto_grant,
      review_steps: JSON.stringify(latest.review_steps),
      public_notice_days: latest.public_notice_days,
      form_fields: JSON.stringify(latest.form_fields),
      created_by: actor.userId,
    });
    await repo.copyGoldenCases(trx, latest.id, versionId);
    await audit(trx, actor, 'policy.version', id, { versionId, version: latest.version + 1, copiedFrom: latest.id });
  });
  return getPolicy(db, actor, id);
}

// Golden cases ---------------------------------------------------------------------------------------

/** The version whose golden cases the department works on: the open one, else the newest. */
function caseVersion(versions: readonly repo.VersionRow[]): repo.VersionRow {
  return openVersion(versions) ?? versions[0];
}

export async function listGoldenCases(db: Db, actor: Actor, id: number): Promise<GoldenCase[]> {
  const { versions } = await loadManaged(db, actor, id);
  return (await repo.findGoldenCases(db, caseVersion(versions).id)).map(presentGoldenCase);
}

/** Checks the shape of made-up facts (EnterpriseFacts) so a bad case fails at save, not at publish. */
function checkFacts(facts: unknown): EnterpriseFacts {
  const problem = (path: string, message: string) => new AppError('validation_failed', 'The facts are not EnterpriseFacts', [{ path: `body/facts${path}`, message }]);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(facts)) throw problem('', 'must be an object {attributes, indicators, certifications?, sizeClass?}');
  for (const key of Object.keys(facts)) if (!['attributes', 'indicators', 'certifications', 'sizeClass', 'id'].includes(key)) throw problem(`/${key}`, 'unexpected key');
  if (!isObject(facts.attributes)) throw problem('/attributes', 'must be an object');
  if (!isObject(facts.indicators)) throw problem('/indicators', 'must be an object');
  for (const [code, series] of Object.entries(facts.indicators)) {
    if (!isObject(series)) throw problem(`/indicators/${code}`, 'must map periods to values');
    for (const [period, value] of Object.entries(series)) {
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value)))) throw problem(`/indicators/${code}/${period}`, 'must be an integer in the unit, or a code');
    }
  }
  if (facts.sizeClass !== undefined && !isObject(facts.sizeClass)) throw problem('/sizeClass', 'must map years to size classes');
  if (facts.certifications !== undefined && facts.certifications !== null) {
    if (!Array.isArray(facts.certifications)) throw problem('/certifications', 'must be a list or null');
    facts.certifications.forEach((c: unknown, i: number) => {
      if (!isObject(c) || typeof c.code !== 'string' || typeof c.awardedOn !== 'string' || typeof c.isRenewal !== 'boolean' || !(c.expiresOn === null || typeof c.expiresOn === 'string')) {
        throw problem(`/certifications/${i}`, 'must be {code, awardedOn, expiresOn, isRenewal}');
      }
    });
  }
  return facts as unknown as EnterpriseFacts;
}

/** Adds a golden case to the open version (a published version's regression set is frozen with it). Audited. */
export async function createGoldenCase(db: Db, actor: Actor, id: number, input: CreateGoldenCaseInput): Promise<GoldenCase> {
  const { versions } = await loadManaged(db, actor, id);
  const open = openVersion(versions);
  if (!open) throw new AppError('conflict', 'Golden cases are added to a draft; create a new version first');
  if ((input.enterpriseId === undefined) === (input.facts === undefined)) {
    throw new AppError('validation_failed', 'Give either an enterprise or made-up facts', [{ path: 'body', message: 'exactly one of enterpriseId and facts' }]);
  }
  if (input.enterpriseId !== undefined && !(await db.selectFrom('enterprises').where('id', '=', input.enterpriseId).select('id').executeTakeFirst())) {
    throw new AppError('validation_failed', 'Unknown enterprise', [{ path: 'body/enterpriseId', message: 'no such enterprise' }]);
  }
  const facts = input.facts !== undefined ? checkFacts(input.facts) : null;
  if (input.expectedOutcome !== 'eligible' && input.expectedAmountFen != null) {
    throw new AppError('validation_failed', 'Only an eligible case has an amount', [{ path: 'body/expectedAmountFen', message: 'only with expectedOutcome eligible' }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertGoldenCase(trx, {
      policy_version_id: open.id,
      name: input.name.trim(),
      enterprise_id: input.enterpriseId ?? null,
      facts: facts ? JSON.stringify(facts) : null,
      expected_outcome: input.expectedOutcome,
      expected_amount_fen: input.expectedAmountFen ?? null,
      created_by: actor.userId,
    });
    await audit(trx, actor, 'policy.golden_case.create', id, { versionId: open.id, caseId: row.id, name: row.name });
    return presentGoldenCase(row);
  });
}

export async function deleteGoldenCase(db: Db, actor: Actor, id: number, caseId: number): Promise<void> {
  const { versions } = await loadManaged(db, actor, id);
  const open = openVersion(versions);
  if (!open) throw new AppError('conflict', 'Golden cases of a published version are frozen; create a new version first');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteGoldenCase(trx, open.id, caseId))) throw notFound('Golden case');
    await audit(trx, actor, 'policy.golden_case.delete', id, { versionId: open.id, caseId });
  });
}

/** Runs the golden cases of the open (else newest) version. Audited. */
export async function runGoldenCasesOf(db: Db, actor: Actor, id: number): Promise<GoldenRun> {
  const { versions } = await loadManaged(db, actor, id);
  const run = await runCases(db, await loadRuleRegistry(db), caseVersion(versions));
  await audit(db, actor, 'policy.golden_cases.run', id, { versionId: run.versionId, passed: run.passed, total: run.total, failed: run.failed });
  return run;
}

// Evaluation ------------------------------------------------------------------------------------------

async function evaluateFor(db: Db, actor: Actor, id: number, enterpriseId: number, action: AuditAction) {
  const loaded = await loadVisible(db, actor, id);
  const access = await authorizeEvaluation(db, actor, enterpriseId, action);
  const registry = await loadRuleRegistry(db);
  const facts = (await loadEnterpriseFacts(db, registry, [enterpriseId], ALL_FACTS, { includeInactive: true })).get(enterpriseId) ?? { attributes: {}, indicators: {} };
  const options = prepareOptionsOf(loaded.version, registry.catalogue, todayInCounty());
  const result = evaluatePrepared(prepareRule(loaded.version.rule as RuleNode, options), facts);
  return { loaded, access, registry, facts, options, result };
}

/**
 * Evaluates a policy for one enterprise with the scalar engine: outcome, the explanation tree, its
 * rendering, the missing facts and the benefit estimate. Government staff evaluate any enterprise (the
 * read is audited), an enterprise user only its own; the issuing department evaluates its draft.
 */
export async function evaluatePolicy(db: Db, actor: Actor, id: number, enterpriseId: number): Promise<Evaluation> {
  const { loaded, access, registry, facts, options, result } = await evaluateFor(db, actor, id, enterpriseId, 'policy.evaluate');
  const benefit = estimateBenefit(loaded.version.benefit as Benefit, facts, options);
  const render = { catalogue: registry.catalogue, params: options.params };
  await auditEnterpriseRead(db, actor, access, 'policy.evaluate', { policyId: id, versionId: loaded.version.id, outcome: result.outcome });
  return {
    policyId: id,
    versionId: loaded.version.id,
    enterpriseId,
    evaluationDate: result.evaluationDate,
    outcome: result.outcome,
    explanation: result.explanation,
    estimatedAmountFen: result.outcome === 'eligible' ? benefit.amountFen : null,
    missingFacts: result.missingFacts.map((m) => ({ ...presentMissingFact(m, registry.catalogue), canSettle: m.canSettle })),
    rendered: { zh: renderExplanation(loaded.version.rule as RuleNode, result, { ...render, locale: 'zh-CN' }), en: renderExplanation(loaded.version.rule as RuleNode, result, { ...render, locale: 'en-US' }) },
    benefit: { status: benefit.status, amountFen: benefit.amountFen, schedule: benefit.schedule, formula: benefit.formula },
  };
}

/**
 * The audit download of one evaluation: the rule, the explanation tree and its zh/en text
 * (exportExplanation), as JSON or as plain text. Same access as evaluate; audited.
 */
export async function exportPolicyExplanation(db: Db, actor: Actor, id: number, enterpriseId: number, format: 'json' | 'text'): Promise<{ fileName: string; contentType: string; body: string }> {
  const { loaded, access, registry, options, result } = await evaluateFor(db, actor, id, enterpriseId, 'policy.explanation_export');
  const document = exportExplanation(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, policyId: String(id), enterpriseId: String(enterpriseId) });
  await auditEnterpriseRead(db, actor, access, 'policy.explanation_export', { policyId: id, versionId: loaded.version.id, outcome: result.outcome, format });
  const base = `policy-${loaded.policy.code}-v${loaded.version.version}-enterprise-${enterpriseId}-${result.evaluationDate}`;
  if (format === 'text') {
    const text = [
      `${loaded.version.title}（${loaded.policy.code} 第${loaded.version.version}版）`,
      explanationText(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, locale: 'zh-CN' }),
      '',
      explanationText(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, locale: 'en-US' }),
      '',
    ].join('\n');
    return { fileName: `${base}.txt`, contentType: 'text/plain; charset=utf-8', body: text };
  }
  return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ ...document, policy: { id, code: loaded.policy.code, versionId: loaded.version.id, version: loaded.version.version, title: loaded.version.title } }, null, 2) };
}

/**
 * County-wide counts for the department's current (usually draft) rule without publishing or storing
 * anything: eligible, unknown, ineligible, the estimated total, and the facts most often missing among
 * the undecided ("52 more need data"). Runs the same pipeline as a match. Audited.
 */
export async function previewPolicy(db: Db, actor: Actor, id: number, dbKind: 'pglite' | 'postgres'): Promise<Preview> {
  const { versions } = await loadManaged(db, actor, id);
  const version = versions[0];
  const registry = await loadRuleRegistry(db);
  const evaluationDate = todayInCounty();
  const options = prepareOptionsOf(version, registry.catalogue, evaluationDate);
  const prepared = prepareRule(version.rule as RuleNode, options);
  const county = await loadCountyColumns(db, registry, factNeedsOf([version.rule, version.benefit], evaluationDate), {
    chunkSize: loadChunkSizeFor(dbKind),
    between: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const [result] = matchCounty([compilePrepared(prepared)], county.columns);
  const eligibleRows: number[] = [];
  const unknownRows: number[] = [];
  for (let i = 0; i < result.length; i++) {
    if (result[i] === 1) eligibleRows.push(i);
    else if (result[i] === 2) unknownRows.push(i);
  }
  const { amounts } = estimateAmounts(version.benefit as Benefit, options, county, eligibleRows, registry);
  const reader = new ColumnFactsReader(county.columns, factCodesOf(factNeedsOf([version.rule], evaluationDate), registry));
  const missing = new Map<string, { fact: string; period: string | null; count: number }>();
  for (const row of unknownRows) {
    for (const m of evaluatePrepared(prepared, reader.read(row)).missingFacts) {
      const key = `${m.fact}@${m.period ?? ''}`;
      const entry = missing.get(key) ?? { fact: m.fact, period: m.period, count: 0 };
      entry.count++;
      missing.set(key, entry);
    }
  }
  const total = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  await audit(db, actor, 'policy.preview', id, { versionId: version.id, eligible: eligibleRows.length, unknown: unknownRows.length });
  return {
    versionId: version.id,
    evaluationDate,
    eligible: eligibleRows.length,
    unknown: unknownRows.length,
    ineligible: county.columns.size - eligibleRows.length - unknownRows.length,
    estimatedTotalFen: total,
    amountUnknown: amounts.filter((a) => a === null).length,
    topMissingFacts: [...missing.values()]
      .sort((a, b) => b.count - a.count || a.fact.localeCompare(b.fact))
      .slice(0, 10)
      .map((m) => ({ ...presentMissingFact(m, registry.catalogue), count: m.count })),
  };
}

/** The push funnel of a policy, for its department. */
export async function getPolicyFunnel(db: Db, actor: Actor, id: number) {
  await loadManaged(db, actor, id);
  return policyFunnel(db, id);
}

export { effectiveStatus };
