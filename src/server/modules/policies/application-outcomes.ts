/**
 * The seam between policies and applications (申报 → 审核 → 公示 → 兑付, another module's tables):
 * what the push funnel and the enterprise's calculator need to know about applications and payments.
 *
 * Written against the contract's tables (applications, disbursements); until that module's migration has
 * run they do not exist, and these answer "nothing yet" — so the policies module works, and its tests
 * pass, with or without it. The applications module may replace the bodies with its own repository calls.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** Whether the applications module's tables exist yet (its migration may not have run). */
async function hasApplicationTables(db: Executor): Promise<boolean> {
  const row = await sql<{ applications: string | null; disbursements: string | null }>`
    select to_regclass('public.applications')::text as applications, to_regclass('public.disbursements')::text as disbursements`.execute(db);
  return row.rows[0].applications !== null && row.rows[0].disbursements !== null;
}

export interface ApplicationCounts {
  /** Enterprises that applied for the policy (any application not withdrawn), plus 免申即享 grants. */
  applied: number;
  /** Enterprises paid (a disbursement with status paid). */
  granted: number;
  /** The same by day (YYYY-MM-DD, Asia/Shanghai) of the application / payment. */
  byDay: Map<string, { applied: number; granted: number }>;
}

/**
 * The applied and granted steps of a policy's push funnel: distinct enterprises that applied (an
 * application that was not withdrawn) and distinct enterprises paid (a disbursement with status 'paid').
 */
export async function countApplicationOutcomes(db: Executor, policyId: number): Promise<ApplicationCounts> {
  const byDay = new Map<string, { applied: number; granted: number }>();
  if (!(await hasApplicationTables(db))) return { applied: 0, granted: 0, byDay };
  const totals = await sql<{ applied: number; granted: number }>`
    select
      (select count(distinct enterprise_id)::int from applications where policy_id = ${policyId} and status <> 'withdrawn') as applied,
      (select count(distinct enterprise_id)::int from disbursements where policy_id = ${policyId} and status = 'paid') as granted`.execute(db);
  const days = await sql<{ day: string; applied: number; granted: number }>`
    select day::text, sum(applied)::int as applied, sum(granted)::int as granted from (
      select (submitted_at at time zone 'Asia/Shanghai')::date as day, 1 as applied, 0 as granted
        from applications where policy_id = ${policyId} and status <> 'withdrawn'
      union all
      select (paid_at at time zone 'Asia/Shanghai')::date, 0, 1
        from disbursements where policy_id = ${policyId} and status = 'paid' and paid_at is not null
    ) x group by day order by day`.execute(db);
  for (const d of days.rows) byDay.set(d.day, { applied: d.applied, granted: d.granted });
  return { applied: totals.rows[0].applied, granted: totals.rows[0].granted, byDay };
}

/**
 * The enterprise's current application per policy (the newest not withdrawn or rejected, else the newest),
 * for the calculator's "已申报" badges.
 */
export async function findApplicationsOfEnterprise(db: Executor, enterpriseId: number): Promise<Map<number, { id: number; status: string }>> {
  const out = new Map<number, { id: number; status: string }>();
  if (!(await hasApplicationTables(db))) return out;
  const rows = await sql<{ policy_id: number; id: number; status: string }>`
    select distinct on (policy_id) policy_id, id, status from applications
    where enterprise_id = ${enterpriseId}
    order by policy_id, (status in ('withdrawn','rejected')), submitted_at desc, id desc`.execute(db);
  for (const r of rows.rows) out.set(r.policy_id, { id: r.id, status: r.status });
  return out;
}
