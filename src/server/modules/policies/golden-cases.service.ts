/**
 * Golden cases (回归用例): enterprises, real or made up, with the outcome and amount a version must give
 * them. The department keeps them on the open version; publishing runs them and refuses while one fails.
 */
import { runGoldenCases, type Benefit, type EnterpriseFacts, type GoldenCase as EngineGoldenCase, type RuleNode } from '../../../core/rules/index.ts';
import type { Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { Actor } from '../../request-context.ts';
import { ALL_FACTS, loadEnterpriseFacts, loadRuleRegistry, type RuleRegistry } from './county-facts.ts';
import { auditPolicy, loadManaged, openVersion, type Db } from './policies.loading.ts';
import { presentGoldenCase } from './policies.presenter.ts';
import * as repo from './policies.repository.ts';
import { assertPolicyRules, prepareOptionsOf } from './policies.rules.ts';
import type { CreateGoldenCaseInput, DraftRulesBody, GoldenCase, GoldenRun } from './policies.schemas.ts';

/** The golden cases of a version as the engine runs them; real enterprises are read as they are today. */
async function engineCases(db: Executor, registry: RuleRegistry, rows: readonly repo.GoldenCaseRow[]): Promise<EngineGoldenCase[]> {
  const enterpriseIds = rows.filter((r) => r.enterprise_id !== null).map((r) => r.enterprise_id!);
  const facts = enterpriseIds.length ? await loadEnterpriseFacts(db, registry, enterpriseIds, ALL_FACTS, { includeInactive: true }) : new Map<number, EnterpriseFacts>();
  return rows.map((row) => ({
    name: row.name,
    facts: row.enterprise_id !== null ? (facts.get(row.enterprise_id) ?? { attributes: {}, indicators: {} }) : (row.facts as EnterpriseFacts),
    expectedOutcome: row.expected_outcome,
    ...(row.expected_amount_fen !== null || row.expected_outcome === 'eligible' ? { expectedAmountFen: row.expected_amount_fen } : {}),
  }));
}

/**
 * Runs a version's golden cases on today's facts (in the caller's transaction when publishing); `against`
 * runs them on another rule, benefit and parameters instead of the version's own (the editor's unsaved ones).
 */
export async function runCases(db: Executor, registry: RuleRegistry, version: repo.VersionRow, against?: { rule: RuleNode; benefit: Benefit; params: unknown }): Promise<GoldenRun> {
  const evaluationDate = todayInCounty();
  const rows = await repo.findGoldenCases(db, version.id);
  const subject = against ?? { rule: version.rule as RuleNode, benefit: version.benefit as Benefit, params: version.params };
  const run = runGoldenCases(subject.rule, subject.benefit, await engineCases(db, registry, rows), prepareOptionsOf(subject, registry.catalogue, evaluationDate));
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

/** The version whose golden cases the department works on: the open one, else the newest. */
function caseVersion(versions: readonly repo.VersionRow[]): repo.VersionRow {
  return openVersion(versions) ?? versions[0];
}

/** The golden cases of the open (else newest) version, for its department. */
export async function listGoldenCases(db: Db, actor: Actor, id: number): Promise<GoldenCase[]> {
  const { versions } = await loadManaged(db, actor, id);
  return (await repo.findGoldenCases(db, caseVersion(versions).id)).map(presentGoldenCase);
}

/**
 * The version whose golden cases may change now: the draft. 409 while none is open (a published version's
 * set is frozen with it) and while the version is in review — the reviewer approves the cases the submitter
 * saw passing, so they are locked until the version is returned to draft (details[0].reason says which).
 */
function editableCaseVersion(versions: readonly repo.VersionRow[]): repo.VersionRow {
  const open = openVersion(versions);
  if (!open) throw new AppError('conflict', 'Golden cases of a published version are frozen; create a new version first', [{ reason: 'golden_cases_frozen', message: 'no draft' }]);
  if (open.status === 'in_review') {
    throw new AppError('conflict', 'The version is in review: its golden cases are locked until it is returned to draft', [{ reason: 'golden_cases_locked', message: 'version in review' }]);
  }
  return open;
}

/** Under the policy's lock, the version is still the draft (a submit may have come in between), else 409 as above. */
async function lockedDraft(trx: Executor, id: number, versionId: number): Promise<void> {
  await repo.lockPolicy(trx, id);
  const now = await repo.findVersionById(trx, versionId);
  if (now?.status !== 'draft') editableCaseVersion(now ? [now] : []);
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

/** Adds a golden case to the draft (refused in review and once published: editableCaseVersion). Audited. */
export async function createGoldenCase(db: Db, actor: Actor, id: number, input: CreateGoldenCaseInput): Promise<GoldenCase> {
  const { versions } = await loadManaged(db, actor, id);
  const open = editableCaseVersion(versions);
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
    await lockedDraft(trx, id, open.id);
    const row = await repo.insertGoldenCase(trx, {
      policy_version_id: open.id,
      name: input.name.trim(),
      enterprise_id: input.enterpriseId ?? null,
      facts: facts ? JSON.stringify(facts) : null,
      expected_outcome: input.expectedOutcome,
      expected_amount_fen: input.expectedAmountFen ?? null,
      created_by: actor.userId,
    });
    await auditPolicy(trx, actor, 'policy.golden_case.create', id, { versionId: open.id, caseId: row.id, name: row.name });
    return presentGoldenCase(row);
  });
}

/** Removes a golden case from the draft (refused in review and once published: editableCaseVersion). Audited. */
export async function deleteGoldenCase(db: Db, actor: Actor, id: number, caseId: number): Promise<void> {
  const { versions } = await loadManaged(db, actor, id);
  const open = editableCaseVersion(versions);
  await db.transaction().execute(async (trx) => {
    await lockedDraft(trx, id, open.id);
    if (!(await repo.deleteGoldenCase(trx, open.id, caseId))) throw notFound('Golden case');
    await auditPolicy(trx, actor, 'policy.golden_case.delete', id, { versionId: open.id, caseId });
  });
}

/** Runs the golden cases of the open (else newest) version. Audited. */
export async function runGoldenCasesOf(db: Db, actor: Actor, id: number): Promise<GoldenRun> {
  const { versions } = await loadManaged(db, actor, id);
  const run = await runCases(db, await loadRuleRegistry(db), caseVersion(versions));
  await auditPolicy(db, actor, 'policy.golden_cases.run', id, { versionId: run.versionId, passed: run.passed, total: run.total, failed: run.failed });
  return run;
}

/**
 * The golden cases of the open (else newest) version run against an unsaved rule and benefit — the editor's
 * bench, live beside the builder. Staff of the issuing department; the draft is checked like a save (400
 * naming the node); parameters default to the version's. Writes nothing, so no audit (like preview-draft).
 */
export async function runGoldenCasesOnDraft(db: Db, actor: Actor, id: number, input: DraftRulesBody): Promise<GoldenRun> {
  const { versions } = await loadManaged(db, actor, id);
  const version = caseVersion(versions);
  const registry = await loadRuleRegistry(db);
  const checked = assertPolicyRules({ rule: input.rule, benefit: input.benefit, params: input.params ?? version.params, declaredFacts: version.declared_facts }, registry.catalogue);
  return runCases(db, registry, version, checked);
}
