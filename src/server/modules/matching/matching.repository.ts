import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** The stored matches of a version: eligible and unknown counts, the eligible total, when last matched. */
export async function countStoredMatches(db: Executor, versionId: number): Promise<{ eligible: number; unknown: number; total_fen: number; matched_at: Date | null }> {
  const row = await sql<{ eligible: number; unknown: number; total_fen: number; matched_at: Date | null }>`
    select count(*) filter (where outcome = 'eligible')::int as eligible, count(*) filter (where outcome = 'unknown')::int as unknown,
      coalesce(sum(amount_fen) filter (where outcome = 'eligible'), 0)::int8 as total_fen, max(matched_at) as matched_at
    from policy_matches where policy_version_id = ${versionId}`.execute(db);
  return row.rows[0];
}

/** When each policy was pushed to the enterprise. */
export async function findPushesOfEnterprise(db: Executor, enterpriseId: number): Promise<{ policy_id: number; pushed_at: Date }[]> {
  return db.selectFrom('policy_pushes').where('enterprise_id', '=', enterpriseId).select(['policy_id', 'pushed_at']).execute();
}

/** Stores the first opening of a push (opening implies reading); undefined when it was never pushed. */
export async function storePushOpened(db: Executor, policyId: number, enterpriseId: number, now: Date) {
  return db
    .updateTable('policy_pushes')
    .set((eb) => ({ opened_at: eb.fn.coalesce('opened_at', eb.val(now)), read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('policy_id', '=', policyId)
    .where('enterprise_id', '=', enterpriseId)
    .returning(['policy_id', 'pushed_at', 'read_at', 'opened_at'])
    .executeTakeFirst();
}

/** The eligible stored matches of some enterprises for some (live) versions, with the estimated amounts. */
export async function findEligibleMatchesOfEnterprises(
  db: Executor,
  versionIds: readonly number[],
  enterpriseIds: readonly number[],
): Promise<{ versionId: number; enterpriseId: number; amountFen: number | null }[]> {
  if (versionIds.length === 0 || enterpriseIds.length === 0) return [];
  return db
    .selectFrom('policy_matches')
    .where('policy_version_id', 'in', [...versionIds])
    .where('enterprise_id', 'in', [...enterpriseIds])
    .where('outcome', '=', 'eligible')
    .select(['policy_version_id as versionId', 'enterprise_id as enterpriseId', 'amount_fen as amountFen'])
    .orderBy('enterprise_id')
    .orderBy('policy_version_id')
    .execute();
}
