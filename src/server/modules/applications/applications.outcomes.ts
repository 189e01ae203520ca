/**
 * What other modules may know of an enterprise's applications, through the face (index.ts): the
 * calculator's "已申报" badges.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

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
