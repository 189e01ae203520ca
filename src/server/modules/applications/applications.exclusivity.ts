/**
 * Exclusive groups (互斥组, 择优享受): the one rule that applying, 免申即享 grant lists and the enterprise's
 * calculator all follow.
 *
 * A policy's exclusion group is its version's `exclusion_group`. An enterprise HOLDS a policy when it has an
 * application for it that the department has approved (approved, in 公示, notice passed, paid) or an
 * included item in a 免申即享 grant of it (proposed or later) — by any grant route registered with
 * applications. A holding blocks every OTHER policy whose group equals the group of the version held: the
 * enterprise may not apply for it, is left out of its grant lists (the department sees why), and the
 * calculator neither counts it in the total nor invites the enterprise to apply.
 *
 * Only a version still in force holds (not one that is expired or closed): an exclusion group chooses among
 * the policies of one round, and last year's 新升规 award paid under an expired edition does not block this
 * year's 首次入统 subsidy.
 *
 * Applications still under review do not hold their group: the enterprise may apply for two policies of
 * a group and the first one approved wins (择优); the second is then refused at the notice step.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ApplicationStatus } from '../../../core/applications/workflow.ts';
import type { Executor } from '../../db/database.ts';
import { otherHoldings } from './applications.grant-routes.ts';

/** Application statuses in which the enterprise holds the policy for its exclusion group. */
export const HOLDING_STATUSES: readonly ApplicationStatus[] = ['approved', 'in_notice', 'notice_passed', 'paid'];

/** A holding that blocks a policy of the same exclusion group. */
export interface ExclusiveConflict {
  /** The policy asked about. */
  policyId: number;
  group: string;
  /** The policy held, and how. */
  heldPolicyId: number;
  heldTitle: string;
  via: 'application' | 'auto_grant';
  /** The application's id, or the grant's. */
  refId: number;
  /** The application's status, or the grant's. */
  status: string;
}

/** A policy asked about: its id and the exclusion group of its current version (null: stackable). */
export interface ExclusiveTarget {
  policyId: number;
  group: string | null;
}

/** SQL: every holding (enterprise_id, policy_id, policy_version_id, via, ref_id, status), by every route. */
function holdings(): RawBuilder<unknown> {
  const applications = sql`
    select a.enterprise_id, a.policy_id, a.policy_version_id, 'application'::text as via, a.id as ref_id, a.status::text as status
    from applications a where a.status in (${sql.join(HOLDING_STATUSES)})`;
  return sql.join([applications, ...otherHoldings()], sql` union all `);
}

/**
 * SQL: the conflicts of the targets (columns: enterprise_id, policy_id, grp, held_policy_id, held_title,
 * via, ref_id, status) among the enterprises `enterprises` selects (a SQL select of one column enterprise_id).
 */
export function exclusiveConflictsSql(targets: readonly ExclusiveTarget[], enterprises: RawBuilder<unknown>): RawBuilder<unknown> {
  const grouped = targets.filter((t): t is { policyId: number; group: string } => t.group !== null);
  if (grouped.length === 0) return sql`select null::int as enterprise_id, null::int as policy_id, null::text as grp, null::int as held_policy_id, null::text as held_title, null::text as via, null::int as ref_id, null::text as status where false`;
  const values = sql.join(grouped.map((t) => sql`(${t.policyId}::int, ${t.group}::text)`));
  return sql`
    select h.enterprise_id, t.policy_id, t.grp, h.policy_id as held_policy_id, v.title as held_title, h.via, h.ref_id, h.status
    from (${holdings()}) h
    join policy_versions v on v.id = h.policy_version_id
    join (values ${values}) t(policy_id, grp) on v.exclusion_group = t.grp and h.policy_id <> t.policy_id
    where h.enterprise_id in (${enterprises}) and v.status not in ('expired', 'closed')`;
}

/** The conflicts of one enterprise with the targets, in target order then by the held policy. */
export async function findExclusiveConflicts(db: Executor, enterpriseId: number, targets: readonly ExclusiveTarget[]): Promise<ExclusiveConflict[]> {
  if (!targets.some((t) => t.group !== null)) return [];
  const result = await sql<{ policy_id: number; grp: string; held_policy_id: number; held_title: string; via: 'application' | 'auto_grant'; ref_id: number; status: string }>`
    select * from (${exclusiveConflictsSql(targets, sql`select ${enterpriseId}::int`)}) c order by c.policy_id, c.held_policy_id, c.ref_id`.execute(db);
  return result.rows.map((r) => ({ policyId: r.policy_id, group: r.grp, heldPolicyId: r.held_policy_id, heldTitle: r.held_title, via: r.via, refId: r.ref_id, status: r.status }));
}

const STATUS_ZH: Record<string, string> = {
  approved: '已批准',
  in_notice: '公示中',
  notice_passed: '公示期满待兑付',
  paid: '已兑付',
};

/** Why a holding blocks a policy, in the county's words (shown to the department on a grant list). */
export function exclusiveConflictReason(conflict: Pick<ExclusiveConflict, 'group' | 'heldTitle' | 'via' | 'status'>): string {
  const how = conflict.via === 'application' ? `申报（${STATUS_ZH[conflict.status] ?? conflict.status}）` : '免申即享名单';
  return `与互斥组「${conflict.group}」中已享受的《${conflict.heldTitle}》${how}不可同时享受`.slice(0, 2000);
}
