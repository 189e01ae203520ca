import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../request-context.ts';
import { countPolicyOutcomes } from '../applications/index.ts';
import { loadManagedPolicy, type Funnel } from '../policies/index.ts';

/**
 * The push funnel of a policy: enterprises pushed → read → opened → applied → granted, with the same
 * by day (Asia/Shanghai) for a chart. A push counts as read when the enterprise opened the policy or any
 * of its users read the push notification (notifications carry the push's dedupe key), so neither the
 * notifications module nor matching need know about the other.
 */
export async function policyFunnel(db: Executor, policyId: number): Promise<Funnel> {
  const dedupeKey = `policy.pushed:${policyId}`;
  const rows = await sql<{ day: string; pushed: number; read: number; opened: number }>`
    with p as (
      select pp.enterprise_id, (pp.pushed_at at time zone 'Asia/Shanghai')::date as day,
        pp.opened_at is not null as opened,
        (pp.read_at is not null or pp.opened_at is not null or exists (
          select 1 from notifications n where n.enterprise_id = pp.enterprise_id and n.dedupe_key = ${dedupeKey} and n.read_at is not null
        )) as read
      from policy_pushes pp where pp.policy_id = ${policyId}
    )
    select day::text, count(*)::int as pushed, count(*) filter (where read)::int as read, count(*) filter (where opened)::int as opened
    from p group by day order by day`.execute(db);
  const outcomes = await countPolicyOutcomes(db, policyId);
  const days = new Map<string, Funnel['byDay'][number]>();
  for (const r of rows.rows) days.set(r.day, { day: r.day, pushed: r.pushed, read: r.read, opened: r.opened, applied: 0, granted: 0 });
  for (const [day, o] of outcomes.byDay) {
    const entry = days.get(day) ?? { day, pushed: 0, read: 0, opened: 0, applied: 0, granted: 0 };
    entry.applied += o.applied;
    entry.granted += o.granted;
    days.set(day, entry);
  }
  const sum = (key: 'pushed' | 'read' | 'opened') => rows.rows.reduce((n, r) => n + r[key], 0);
  return {
    pushed: sum('pushed'),
    read: sum('read'),
    opened: sum('opened'),
    applied: outcomes.applied,
    granted: outcomes.granted,
    byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** The push funnel of a policy, for its department: 404/403 as the catalogue decides who manages it. */
export async function getPolicyFunnel(db: Executor, actor: Actor, policyId: number): Promise<Funnel> {
  await loadManagedPolicy(db, actor, policyId);
  return policyFunnel(db, policyId);
}
