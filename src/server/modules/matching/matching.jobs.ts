/**
 * Background matching: a version's county match when it is published ('policies.match'), and a re-match
 * after enterprise data changed ('policies.match_all'): the few enterprises whose profile was recomputed
 * (scalar path) or, for many or for the whole county, a full match of every live version.
 */
import type { DatabaseKind, Executor } from '../../db/database.ts';
import { enqueueJob, hasLaterQueuedJob } from '../../jobs/queue.ts';
import type { JobContext, JobHandler } from '../../jobs/worker.ts';
import { countyMidnight, hasPublishedVersion } from '../policies/index.ts';
import { INCREMENTAL_REMATCH_LIMIT, matchVersions, rematchEnterprises } from './matching.service.ts';

/** Job kind: the county match of one published version. Payload {policyVersionId}. */
export const POLICY_MATCH_JOB = 'policies.match';
/** Job kind: re-match after data changed. Payload {enterpriseIds} (a few) or {} (everyone). */
export const POLICY_MATCH_ALL_JOB = 'policies.match_all';

/**
 * Queues the county match of a published version, once per version whatever retries the caller makes: at
 * once, or on the first day of validity for a version published ahead of it.
 */
export async function enqueueVersionMatch(db: Executor, version: { id: number; valid_from: string }, today: string): Promise<number | null> {
  return enqueueJob(db, POLICY_MATCH_JOB, { policyVersionId: version.id }, {
    dedupeKey: `${POLICY_MATCH_JOB}:${version.id}`,
    ...(version.valid_from > today && { runAt: countyMidnight(version.valid_from) }),
  });
}

/**
 * Called by the profiles recompute job when it has recomputed these enterprises (or the whole county):
 * queues their re-match against every live policy. A few enterprises are re-matched one by one; more
 * than INCREMENTAL_REMATCH_LIMIT, or 'all', re-run the full match (cheaper than thousands of scalar runs).
 */
export async function enqueueRematchAfterProfiles(db: Executor, enterpriseIds: readonly number[] | 'all'): Promise<void> {
  if (enterpriseIds !== 'all' && enterpriseIds.length === 0) return;
  // No published policy, nothing to re-match (a policy published later is matched by its own job, which
  // reads the data as it is then).
  if (!(await hasPublishedVersion(db))) return;
  const isFew = enterpriseIds !== 'all' && enterpriseIds.length <= INCREMENTAL_REMATCH_LIMIT;
  await enqueueJob(db, POLICY_MATCH_ALL_JOB, isFew ? { enterpriseIds: [...new Set(enterpriseIds)].sort((a, b) => a - b) } : {});
}

function parseVersionPayload(payload: Record<string, unknown>): number {
  const id = payload.policyVersionId;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  throw new Error('policies.match: payload must be {policyVersionId: positive integer}');
}

function parseMatchAllPayload(payload: Record<string, unknown>): number[] | null {
  if (payload.enterpriseIds === undefined) return null;
  const ids = payload.enterpriseIds;
  if (Array.isArray(ids) && ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return ids as number[];
  throw new Error('policies.match_all: payload must be {} or {enterpriseIds: [positive integers]}');
}

/**
 * Whether a full re-match queued after this job makes this one pointless: an import recomputes profiles
 * in many chunks, each queueing a full match; only the last needs to run.
 */
async function isSupersededFullMatch(db: Executor, jobId: number): Promise<boolean> {
  return hasLaterQueuedJob(db, POLICY_MATCH_ALL_JOB, jobId, { withoutPayloadKey: 'enterpriseIds' });
}

/** The handlers, for the matching plugin to register. Both are idempotent (a match replaces rows; pushes are unique). */
export function createMatchingJobHandlers(kind: DatabaseKind): Record<string, JobHandler> {
  return {
    [POLICY_MATCH_JOB]: async (payload, context: JobContext) => {
      const versionId = parseVersionPayload(payload);
      const result = await matchVersions(context.db, [versionId], { dbKind: kind, heartbeat: context.heartbeat });
      return { ...result.versions[0], enterprises: result.enterprises, timings: result.timings };
    },
    [POLICY_MATCH_ALL_JOB]: async (payload, context: JobContext) => {
      const ids = parseMatchAllPayload(payload);
      if (ids !== null && ids.length <= INCREMENTAL_REMATCH_LIMIT) return { incremental: await rematchEnterprises(context.db, ids) };
      if (ids === null && (await isSupersededFullMatch(context.db, context.job.id))) return { skipped: 'a later full re-match is queued' };
      const result = await matchVersions(context.db, 'all', { dbKind: kind, heartbeat: context.heartbeat });
      return { enterprises: result.enterprises, versions: result.versions.length, pushed: result.versions.reduce((n, v) => n + v.pushed, 0), timings: result.timings };
    },
  };
}
