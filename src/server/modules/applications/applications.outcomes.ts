/**
 * What the policies module's push funnel needs from this module (its seam, policies/application-outcomes.ts):
 * per policy, the enterprises that applied and those granted, by day in Asia/Shanghai.
 *
 * - applied: enterprises with an application not withdrawn (rejected ones did apply), plus enterprises
 *   that reached the same stage by another grant route (an item of a confirmed 免申即享 grant), once each.
 * - granted: enterprises with a paid payment (of an application or a grant item), once each.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { paidPaymentsOfPolicy } from '../payments/index.ts';
import { otherApplied } from './applications.grant-routes.ts';

export interface PolicyOutcomes {
  applied: number;
  granted: number;
  byDay: Map<string, { applied: number; granted: number }>;
}

/** The applied and granted counts of one policy, with the same by day (first application / payment day). */
export async function countPolicyOutcomes(db: Executor, policyId: number): Promise<PolicyOutcomes> {
  const others = otherApplied(policyId).map((other) => sql`union all ${other}`);
  const rows = await sql<{ day: string; applied: number; granted: number }>`
    with applied as (
      select enterprise_id, min(at) as at from (
        select enterprise_id, submitted_at as at from applications where policy_id = ${policyId} and status <> 'withdrawn'
        ${sql.join(others, sql` `)}
      ) a group by enterprise_id
    ), granted as (
      select enterprise_id, min(paid_at) as at from (${paidPaymentsOfPolicy(db, policyId)}) p group by enterprise_id
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
