import type { Executor } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';

/** Job kind: recompute the derived profile (size class, 四上, life cycle, tags …) of some enterprises. */
export const PROFILE_RECOMPUTE_JOB = 'profiles.recompute';

/** Most enterprises one recompute job takes, so a county-wide change becomes many short jobs. */
export const PROFILE_RECOMPUTE_CHUNK = 5000;

/**
 * Marks enterprises whose facts changed: their derived profile is recomputed by a background job.
 * Call inside the transaction that changed the facts, so the job exists exactly when the change does.
 * `'all'` recomputes the whole county (e.g. after a standard's table changed).
 */
export async function enqueueProfileRecompute(db: Executor, enterpriseIds: readonly number[] | 'all'): Promise<void> {
  if (enterpriseIds === 'all') {
    await enqueueJob(db, PROFILE_RECOMPUTE_JOB, { all: true });
    return;
  }
  const unique = [...new Set(enterpriseIds)].sort((a, b) => a - b);
  for (let i = 0; i < unique.length; i += PROFILE_RECOMPUTE_CHUNK) {
    await enqueueJob(db, PROFILE_RECOMPUTE_JOB, { enterpriseIds: unique.slice(i, i + PROFILE_RECOMPUTE_CHUNK) });
  }
}
