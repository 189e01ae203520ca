/**
 * The life cycle of a version: draft → in review → published (superseding the previous one) → closed or
 * expired. Publishing runs the golden cases first and refuses while one fails.
 */
import { AppError } from '../../errors.ts';
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

/** Draft → in review. */
export async function submitPolicy(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader): Promise<PolicyDetail> {
  await loadManaged(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await repo.lockPolicy(trx, id);
    const draft = (await repo.findVersions(trx, id)).find((v) => v.status === 'draft');
    if (!draft) throw new AppError('conflict', 'There is no draft to submit');
    await repo.updateVersion(trx, draft.id, { status: 'in_review', submitted_at: new Date() });
    await auditPolicy(trx, actor, 'policy.submit', id, { versionId: draft.id, version: draft.version });
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
    await publish(trx, 'policy.published', { policyId: id, policyVersionId: open.id, validFrom: open.valid_from, validUntil: open.valid_until });
    await enqueueVersionExpiry(trx, open);
    await auditPolicy(trx, actor, 'policy.publish', id, { versionId: open.id, version: open.version, supersedes: previous?.id ?? null, goldenCases: run.total });
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
