/**
 * The seam between policies and applications (申报 → 审核 → 公示 → 兑付, the applications module's tables):
 * what the push funnel and the enterprise's calculator need to know about applications and payments.
 * The counting itself belongs to the applications module (applications.outcomes.ts), which knows that
 * 免申即享 grants reach the "applied" stage without an application.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { countPolicyOutcomes } from '../applications/applications.outcomes.ts';

export interface ApplicationCounts {
  /** Enterprises that applied for the policy (any application not withdrawn), plus confirmed 免申即享 grants. */
  applied: number;
  /** Enterprises paid (a disbursement with status paid). */
  granted: number;
  /** The same by day (YYYY-MM-DD, Asia/Shanghai) of the application (or grant confirmation) / payment. */
  byDay: Map<string, { applied: number; granted: number }>;
}

/**
 * The applied and granted steps of a policy's push funnel: distinct enterprises that applied (an
 * application that was not withdrawn, or an item of a confirmed 免申即享 grant) and distinct enterprises
 * paid (a disbursement with status 'paid').
 */
export async function countApplicationOutcomes(db: Executor, policyId: number): Promise<ApplicationCounts> {
  return countPolicyOutcomes(db, policyId);
}

/**
 * The enterprise's current application per policy (the newest not withdrawn or rejected, else the newest),
 * for the calculator's "已申报" badges.
 */
export async function findApplicationsOfEnterprise(db: Executor, enterpriseId: number): Promise<Map<number, { id: number; status: string }>> {
  const out = new Map<number, { id: number; status: string }>();
  const rows = await sql<{ policy_id: number; id: number; status: string }>`
    select distinct on (policy_id) policy_id, id, status from applications
    where enterprise_id = ${enterpriseId}
    order by policy_id, (status in ('withdrawn','rejected')), submitted_at desc, id desc`.execute(db);
  for (const r of rows.rows) out.set(r.policy_id, { id: r.id, status: r.status });
  return out;
}
