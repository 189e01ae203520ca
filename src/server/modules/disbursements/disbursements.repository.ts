import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DisbursementRow, DisbursementsTable, DisbursementStatus } from '../../db/schema.ts';

export type PaidThing = { applicationId: number } | { autoGrantItemId: number };

/** The live (prepared or paid) disbursement of an application or grant item; a cancelled one is history. */
export async function findLivePayment(db: Executor, thing: PaidThing): Promise<{ id: number; status: 'prepared' | 'paid'; prepared_by: number } | null> {
  let query = db.selectFrom('disbursements').where('status', '<>', 'cancelled').select(['id', 'status', 'prepared_by']);
  query = 'applicationId' in thing ? query.where('application_id', '=', thing.applicationId) : query.where('auto_grant_item_id', '=', thing.autoGrantItemId);
  const row = await query.executeTakeFirst();
  return row ? { id: row.id, status: row.status as 'prepared' | 'paid', prepared_by: row.prepared_by } : null;
}

export async function findDisbursementsOfApplication(db: Executor, applicationId: number): Promise<DisbursementRow[]> {
  return db.selectFrom('disbursements').where('application_id', '=', applicationId).selectAll().orderBy('id').execute();
}

export async function insertDisbursement(db: Executor, row: Insertable<DisbursementsTable>): Promise<number> {
  const inserted = await db.insertInto('disbursements').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Locks a disbursement row (after its application or item: one lock order everywhere, no deadlock). */
export async function lockDisbursement(db: Executor, id: number): Promise<DisbursementRow | undefined> {
  const result = await sql<DisbursementRow>`select * from disbursements where id = ${id} for update`.execute(db);
  return result.rows[0];
}

/**
 * prepared → paid, only if still prepared: the WHERE is the last guard against a double payment (with
 * the table's trigger and CHECK). Returns whether this call paid it.
 */
export async function markPaid(db: Executor, id: number, approvedBy: number, paymentRef: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('disbursements')
    .set({ status: 'paid', approved_by: approvedBy, paid_at: now, payment_ref: paymentRef })
    .where('id', '=', id)
    .where('status', '=', 'prepared')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markCancelled(db: Executor, id: number, cancelledBy: number, reason: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('disbursements')
    .set({ status: 'cancelled', cancelled_by: cancelledBy, cancelled_at: now, cancel_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'prepared')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function disbursementQuery(db: Executor) {
  return db
    .selectFrom('disbursements')
    .innerJoin('policies', 'policies.id', 'disbursements.policy_id')
    .innerJoin('organizations as department', 'department.id', 'policies.department_org_id')
    .innerJoin('enterprises', 'enterprises.id', 'disbursements.enterprise_id')
    .innerJoin('users as maker', 'maker.id', 'disbursements.prepared_by')
    .leftJoin('users as checker', 'checker.id', 'disbursements.approved_by')
    .leftJoin('auto_grant_items', 'auto_grant_items.id', 'disbursements.auto_grant_item_id');
}

const COLUMNS = [
  'disbursements.id',
  'disbursements.policy_id',
  'disbursements.enterprise_id',
  'disbursements.application_id',
  'disbursements.auto_grant_item_id',
  'disbursements.amount_fen',
  'disbursements.status',
  'disbursements.prepared_by',
  'disbursements.prepared_at',
  'disbursements.approved_by',
  'disbursements.paid_at',
  'disbursements.payment_ref',
  'disbursements.cancelled_at',
  'disbursements.cancel_reason',
  'policies.code as policy_code',
  'policies.department_org_id',
  'department.name as department_name',
  'enterprises.name as enterprise_name',
  'enterprises.uscc as enterprise_uscc',
  'enterprises.org_id as enterprise_org_id',
  'maker.display_name as prepared_by_name',
  'checker.display_name as approved_by_name',
  'auto_grant_items.auto_grant_id',
] as const;

export async function findDisbursement(db: Executor, id: number) {
  return disbursementQuery(db).where('disbursements.id', '=', id).select(COLUMNS).executeTakeFirst();
}
export type DisbursementViewRow = NonNullable<Awaited<ReturnType<typeof findDisbursement>>>;

export type DisbursementScope = { kind: 'department'; orgId: number } | { kind: 'enterprise'; enterpriseId: number };

export async function findDisbursements(db: Executor, scope: DisbursementScope, filter: { status?: DisbursementStatus; policyId?: number }, page: number, pageSize: number) {
  let query = disbursementQuery(db);
  query = scope.kind === 'department' ? query.where('policies.department_org_id', '=', scope.orgId) : query.where('disbursements.enterprise_id', '=', scope.enterpriseId);
  if (filter.status) query = query.where('disbursements.status', '=', filter.status);
  if (filter.policyId) query = query.where('disbursements.policy_id', '=', filter.policyId);
  const [rows, count] = await Promise.all([
    query.select(COLUMNS).orderBy('disbursements.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
