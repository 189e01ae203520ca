/**
 * The applied and granted steps of a policy's push funnel, across the capabilities that reach them:
 *
 * - applied: enterprises with an application not withdrawn (rejected ones did apply), plus enterprises
 *   included in a confirmed 免申即享 grant (they did not apply, but reached the same stage), once each.
 * - granted: enterprises with a paid disbursement (application or grant item), once each.
 *
 * Days are in Asia/Shanghai.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface PolicyOutcomes {
  applied: number;
  granted: number;
  byDay: Map<string, { applied: number; granted: number }>;
}

/** The applied and granted counts of one policy, with the same by day (first application / payment day). */
export async function countPolicyOutcomes(db: Executor, policyId: number): Promise<PolicyOutcomes> {
  const rows = await sql<{ day: string; applied: number; granted: number }>`
    with applied as (
      select enterprise_id, min(at) as at from (
        select enterprise_id, submitted_at as at from applications where policy_id = ${policyId} and status <> 'withdrawn'
        union all
        select i.enterprise_id, g.confirmed_at from auto_grant_items i join auto_grants g on g.id = i.auto_grant_id
        where i.policy_id = ${policyId} and i.status = 'included' and g.status <> 'proposed'
      ) a group by enterprise_id
    ), granted as (
      select enterprise_id, min(paid_at) as at from disbursements where policy_id = ${policyId} and status = 'paid' group by enterprise_id
    )
    select day::text, sum(applied)::int as applied, sum(granted)::int as granted from (
      select (at at time zone 'Asia/Shanghai')::date as day, 1 as applied, 0 as granted from applied
      union all
      select (at at time zone 'Asia/Shanghai')::date, 0, 1 from granted
    ) x group by day order by day`.execute(db);
  const byDay = new Map<string, { applied: number; granted: number }>();
  let applied = 0;
  let granted = 0;
  for (const row of rows.rows) {
    byDay.set(row.day, { applied: row.applied, granted: row.granted });
    applied += row.applied;
    granted += row.granted;
  }
  return { applied, granted, byDay };
}
