import type { Executor } from '../../db/database.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export type DisputeStatus = 'open' | 'accepted' | 'rejected';

const DISPUTE_COLUMNS = [
  'd.id',
  'd.enterprise_id',
  'd.indicator_code',
  'd.period',
  'd.source',
  'd.current_value',
  'd.proposed_value',
  'd.reason',
  'd.status',
  'd.created_at',
  'd.resolved_at',
  'd.resolution_note',
  'e.name as enterprise_name',
  'e.uscc as enterprise_uscc',
] as const;

function disputesQuery(db: Executor) {
  return db.selectFrom('data_disputes as d').innerJoin('enterprises as e', 'e.id', 'd.enterprise_id');
}

export async function findDisputeById(db: Executor, id: number) {
  return disputesQuery(db).where('d.id', '=', id).select(DISPUTE_COLUMNS).executeTakeFirst();
}

export type DisputeRow = NonNullable<Awaited<ReturnType<typeof findDisputeById>>>;

export async function findDisputesOfEnterprise(db: Executor, enterpriseId: number) {
  return disputesQuery(db).where('d.enterprise_id', '=', enterpriseId).select(DISPUTE_COLUMNS).orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').execute();
}

/** Disputes for the data admin: oldest open first when filtering on open, else newest first. */
export async function findDisputes(db: Executor, filter: { status?: DisputeStatus }, page: PageRequest) {
  let query = disputesQuery(db);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  const order = filter.status === 'open' ? 'asc' : 'desc';
  return findPage(query, (q) => q.select(DISPUTE_COLUMNS).orderBy('d.created_at', order).orderBy('d.id', order), page);
}

export async function hasOpenDispute(db: Executor, key: { enterpriseId: number; code: string; period: string; source: string }): Promise<boolean> {
  const row = await db
    .selectFrom('data_disputes')
    .where('enterprise_id', '=', key.enterpriseId)
    .where('indicator_code', '=', key.code)
    .where('period', '=', key.period)
    .where('source', '=', key.source)
    .where('status', '=', 'open')
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDispute(
  db: Executor,
  row: { enterpriseId: number; code: string; period: string; source: string; currentValue: string | null; proposedValue: string; reason: string; createdBy: number },
): Promise<number> {
  const inserted = await db
    .insertInto('data_disputes')
    .values({
      enterprise_id: row.enterpriseId,
      indicator_code: row.code,
      period: row.period,
      source: row.source,
      current_value: row.currentValue,
      proposed_value: row.proposedValue,
      reason: row.reason,
      created_by: row.createdBy,
      resolved_by: null,
      resolved_at: null,
      resolution_note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Decides an open dispute; returns false when it was no longer open (decided meanwhile). */
export async function resolveOpenDispute(db: Executor, id: number, decision: { status: 'accepted' | 'rejected'; userId: number; note: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('data_disputes')
    .set({ status: decision.status, resolved_by: decision.userId, resolved_at: decision.at, resolution_note: decision.note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
