/**
 * What other modules may know of applications' outcomes, through the face: per policy, the enterprises
 * that applied and those granted, by day in Asia/Shanghai (reporting's push funnel), and an enterprise's
 * current application per policy (the calculator's "已申报" badges).
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

/**
 * The enterprise's current application per policy (the newest not withdrawn or rejected, else the newest),
 * for the calculator's "已申报" badges.
 */
export async function findCurrentApplicationsOfEnterprise(db: Executor, enterpriseId: number): Promise<Map<number, { id: number; status: string }>> {
  const out = new Map<number, { id: number; status: string }>();
  const rows = await sql<{ policy_id: number; id: number; status: string }>`
    select distinct on (policy_id) policy_id, id, status from applications
    where enterprise_id = ${enterpriseId}
    order by policy_id, (status in ('withdrawn','rejected')), submitted_at desc, id desc`.execute(db);
  for (const r of rows.rows) out.set(r.policy_id, { id: r.id, status: r.status });
  return out;
}
