/**
 * The life cycle of a version: draft → in review (submitted by its author) → published by a colleague of the
 * same department (two people, enforced here and in the database), or returned with a reason → draft;
 * published (superseding the previous one) → closed or expired. Publishing runs the golden cases first and refuses while one fails.
 */
import { AppError } from '../../errors.ts';
import { notifyUsers } from '../notifications/index.ts';
import { publish } from '../../events/index.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { Actor } from '../../request-context.ts';
import { loadRuleRegistry } from './county-facts.ts';
import { runCases } from './golden-cases.service.ts';
import type { PolicyInsightsReader } from './policies.detail.ts';
import { auditPolicy, loadManaged, openVersion, publishedVersion, type Db } from './policies.loading.ts';
import * as repo from './policies.repository.ts';
import type { PolicyDetail } from './policies.schemas.ts';
import { enqueueVersionExpiry } from './policies.jobs.ts';
import { getPolicy } from './policy-reading.service.ts';

/** A rule that says nothing yet: a group (all/any/atLeast) without a condition. */
function isEmptyRule(rule: unknown): boolean {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return true;
  const node = rule as Record<string, unknown>;
  for (const key of ['all', 'any', 'of'] as const) if (Array.isArray(node[key])) return (node[key] as unknown[]).length === 0;
  return false;
}

/** A benefit that pays nothing: a fixed sum of zero, or none at all. */
function isEmptyBenefit(benefit: unknown): boolean {
  if (typeof benefit !== 'object' || benefit === null) return true;
  const amount = (benefit as { amount?: unknown }).amount;
  if (typeof amount !== 'object' || amount === null) return true;
  const fixed = (amount as { fixed?: Record<string, unknown> }).fixed;
  return fixed !== undefined && Object.values(fixed).every((v) => Number(v) === 0);
}

/**
 * Draft → in review, by staff of the issuing department; a colleague reviews it. Refused (400, naming the
 * field) while the rule has no condition or the benefit pays nothing. Records the submitter (who may then not
 * publish it), clears an earlier return, notifies the department's other staff (待我审核). Audited.
 */
export async function submitPolicy(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  const { policy } = await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const draft = (await repo.findVersions(trx, id)).find((v) => v.status === 'draft');
    if (!draft) throw new AppError('conflict', 'There is no draft to submit');
    const missing: { path: string; message: string }[] = [];
    if (isEmptyRule(draft.rule)) missing.push({ path: 'body/rule', message: 'the rule has no condition yet' });
    if (isEmptyBenefit(draft.benefit)) missing.push({ path: 'body/benefit', message: 'the benefit pays nothing yet' });
    if (missing.length) throw new AppError('validation_failed', 'The draft is incomplete and cannot be submitted', missing);
    await repo.updateVersion(trx, draft.id, { status: 'in_review', submitted_at: new Date(), submitted_by: actor.userId, returned_by: null, returned_at: null, return_reason: null });
    await auditPolicy(trx, actor, 'policy.submit', id, { versionId: draft.id, version: draft.version });
    const reviewers = await repo.findDepartmentStaff(trx, policy.department_org_id, actor.userId);
    await notifyUsers(trx, reviewers, {
      kind: 'policy.review_requested',
      params: { policyId: id, version: draft.version },
      titleZh: `待审核：${draft.title}`,
      titleEn: `To review: ${draft.title}`,
      bodyZh: `${policy.code} 第${draft.version}版已提交审核，请核对规则、兑现与覆盖面后发布或退回。`,
      bodyEn: `${policy.code} version ${draft.version} was submitted for review: check its rule, benefit and reach, then publish or return it.`,
      link: `/gov/policies/${id}?tab=review`,
      dedupeKey: `policy-review:${draft.id}:${Date.now()}`,
    });
  });
  return getPolicy(db, actor, id, readInsights);
}

/**
 * In review → draft, by a colleague of the submitter (not the submitter), with the reason, which the author
 * sees on the draft and in a notification. Audited.
 */
export async function returnPolicy(db: Db, actor: Actor, id: number, reason: string, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const version = (await repo.findVersions(trx, id)).find((v) => v.status === 'in_review');
    if (!version) throw new AppError('conflict', 'No version of this policy is in review');
    if (version.submitted_by === actor.userId) throw new AppError('forbidden', 'The submitter cannot review their own submission; a colleague reviews it');
    await repo.updateVersion(trx, version.id, { status: 'draft', returned_by: actor.userId, returned_at: new Date(), return_reason: reason.trim() });
    await auditPolicy(trx, actor, 'policy.return', id, { versionId: version.id, version: version.version, reason: reason.trim() });
    if (version.submitted_by !== null) {
      await notifyUsers(trx, [version.submitted_by], {
        kind: 'policy.review_returned',
        params: { policyId: id, version: version.version },
        titleZh: `已退回修改：${version.title}`,
        titleEn: `Returned for changes: ${version.title}`,
        bodyZh: `退回理由：${reason.trim()}`,
        bodyEn: `Reason: ${reason.trim()}`,
        link: `/gov/policies/${id}`,
        dedupeKey: `policy-return:${version.id}:${Date.now()}`,
      });
    }
  });
  return getPolicy(db, actor, id, readInsights);
}

/**
 * Publishes the open version (draft or in review): refused (409) while any of its golden cases fails
 * — the failures are in the details — and when nothing is open (publishing twice). The previous
 * published version becomes superseded; its matches stay with it. Queues the expiry of a version with an
 * end date, and publishes `policy.published` in the same transaction: matching reacts with the county
 * match (which pushes the newly eligible), so a rolled-back publication starts nothing and the catalogue
 * does not know who reacts. Audited.
 */
export async function publishPolicy(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
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
    // Two people, like payments: the author submits, a colleague of the department publishes.
    if (open.status !== 'in_review') throw new AppError('conflict', 'Submit the draft for review first; a colleague of the department publishes it');
    if (open.submitted_by === actor.userId) throw new AppError('forbidden', 'The submitter cannot approve their own submission; a colleague reviews it');
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
    await repo.updateVersion(trx, open.id, { status: 'published', published_at: now, published_by: actor.userId });
    await publish(trx, 'policy.published', { policyId: id, policyVersionId: open.id, validFrom: open.valid_from, validUntil: open.valid_until });
    await enqueueVersionExpiry(trx, open);
    await auditPolicy(trx, actor, 'policy.publish', id, { versionId: open.id, version: open.version, supersedes: previous?.id ?? null, goldenCases: run.total, submittedBy: open.submitted_by });
    if (open.submitted_by !== null) {
      await notifyUsers(trx, [open.submitted_by], {
        kind: 'policy.review_published',
        params: { policyId: id, version: open.version },
        titleZh: `已审核发布：${open.title}`,
        titleEn: `Reviewed and published: ${open.title}`,
        bodyZh: `第${open.version}版经同事审核后已发布，全县匹配随即开始。`,
        bodyEn: `Version ${open.version} was reviewed by a colleague and published; the county match starts now.`,
        link: `/gov/policies/${id}`,
        dedupeKey: `policy-published:${open.id}`,
      });
    }
  });
  return getPolicy(db, actor, id, readInsights);
}

/** Closes the published version (or discards the open draft of a never-published policy). Audited. */
export async function closePolicy(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const versions = await repo.findVersions(trx, id);
    const target = publishedVersion(versions) ?? (versions.some((v) => v.published_at !== null) ? null : openVersion(versions));
    if (!target) throw new AppError('conflict', 'Nothing to close: the policy is not published');
    await repo.updateVersion(trx, target.id, { status: 'closed', closed_at: new Date() });
    await auditPolicy(trx, actor, 'policy.close', id, { versionId: target.id, version: target.version, from: target.status });
  });
  return getPolicy(db, actor, id, readInsights);
}
