/**
 * The catalogue's background work: storing 'expired' on the day after a version's validity ends. Reads
 * show a lapsed version as expired from that day on anyway (lazy expiry); the job makes the stored status
 * follow without waiting for a read.
 */
import type { Executor } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { expireLapsedVersions } from './policies.repository.ts';

/** Job kind: store 'expired' for versions whose validity has ended. Payload {policyVersionId}. */
export const POLICY_EXPIRE_JOB = 'policies.expire';

/** Midnight at the start of a day in the county (Asia/Shanghai, no daylight saving). */
export const countyMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Queues the expiry of a version with an end of validity, once per version whatever retries the caller makes. */
export async function enqueueVersionExpiry(db: Executor, version: { id: number; valid_until: string | null }): Promise<void> {
  if (version.valid_until === null) return;
  const dayAfter = new Date(countyMidnight(version.valid_until).getTime() + 86_400_000);
  await enqueueJob(db, POLICY_EXPIRE_JOB, { policyVersionId: version.id }, { dedupeKey: `${POLICY_EXPIRE_JOB}:${version.id}`, runAt: dayAfter });
}

/** The expiry job: sweeps every lapsed version, so a late or repeated run changes nothing already done. */
export const expireJobHandler: JobHandler = async (_payload, { db }) => ({ expired: await expireLapsedVersions(db, todayInCounty()) });
