/**
 * The reviewer's side of the two-person authoring workflow: the department's versions waiting for review
 * (待我审核), and the version under review beside the published one — readable text and reach in the county
 * (eligible, unknown, money) — so the colleague sees what publishing would change. Approving is publishing
 * (policy-lifecycle.service.ts), returning sends it back to draft with a reason.
 */
import { AppError } from '../../errors.ts';
import type { Actor } from '../../request-context.ts';
import type { PolicyInsightsReader } from './policies.detail.ts';
import { auditPolicy, loadManaged, publishedVersion, type Db } from './policies.loading.ts';
import { requireAuthor } from './policies.policy.ts';
import * as repo from './policies.repository.ts';
import type { Preview, PolicyDetail, ReviewQueue } from './policies.schemas.ts';
import { previewVersion } from './policy-evaluation.service.ts';
import { getPolicy } from './policy-reading.service.ts';

/** Versions in review of the caller's department, except the ones the caller submitted. */
export async function listReviewQueue(db: Db, actor: Actor): Promise<ReviewQueue> {
  const department = requireAuthor(actor);
  const rows = await repo.findInReview(db, department);
  return rows
    .filter((row) => row.submitted_by !== actor.userId)
    .map((row) => ({
      policyId: row.policy_id,
      code: row.code,
      versionId: row.version_id,
      version: row.version,
      title: row.title,
      submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
      submittedByName: row.submitted_by_name ?? null,
    }));
}

/** The version in review and the published one (if any), each with its detail and its county reach. Audited as a preview. */
export async function compareForReview(
  db: Db,
  actor: Actor,
  id: number,
  readInsights: PolicyInsightsReader,
  dbKind: 'pglite' | 'postgres',
): Promise<{ underReview: { detail: PolicyDetail; preview: Preview }; published: { detail: PolicyDetail; preview: Preview } | null }> {
  const { versions } = await loadManaged(db, actor, id);
  const open = versions.find((v) => v.status === 'in_review');
  if (!open) throw new AppError('conflict', 'No version of this policy is in review');
  const live = publishedVersion(versions);
  const underReview = { detail: await getPolicy(db, actor, id, readInsights, open.version), preview: await previewVersion(db, open, dbKind) };
  const published = live ? { detail: await getPolicy(db, actor, id, readInsights, live.version), preview: await previewVersion(db, live, dbKind) } : null;
  await auditPolicy(db, actor, 'policy.preview', id, { versionId: open.id, comparedWith: live?.id ?? null, eligible: underReview.preview.eligible, unknown: underReview.preview.unknown });
  return { underReview, published };
}
