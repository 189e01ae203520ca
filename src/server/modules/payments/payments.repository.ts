import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DisbursementRow, DisbursementsTable, DisbursementStatus } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

/** A target of a payment: its kind and its id in the owning module. */
export interface TargetKey {
  kind: string;
  id: number;
}

/** The live (prepared or paid) payment of a target; a cancelled one is history. */
export async function findLivePayment(db: Executor, target: TargetKey): Promise<{ id: number; status: 'prepared' | 'paid'; prepared_by: number } | null> {
  const row = await db
    .selectFrom('disbursements')
    .where('target_kind', '=', target.kind)
    .where('target_id', '=', target.id)
    .where('status', '<>', 'cancelled')
    .select(['id', 'status', 'prepared_by'])
    .executeTakeFirst();
  return row ? { id: row.id, status: row.status as 'prepared' | 'paid', prepared_by: row.prepared_by } : null;
}

/** Every payment of a target, cancelled ones included, oldest first. */
export async function findPaymentsOfTarget(db: Executor, target: TargetKey): Promise<DisbursementRow[]> {
  return db.selectFrom('disbursements').where('target_kind', '=', target.kind).where('target_id', '=', target.id).selectAll().orderBy('id').execute();
}

/**
 * The live payments of one kind as a subquery others join by `target_id` (columns: target_id, id, status,
 * prepared_by, amount_fen, paid_at). At most one row per target: the unique index.
 */
export function livePaymentsOf(db: Executor, kind: string) {
  return db
    .selectFrom('disbursements')
    .where('target_kind', '=', kind)
    .where('status', '<>', 'cancelled')
    .select(['target_id', 'id', 'status', 'prepared_by', 'amount_fen', 'paid_at']);
}

/** Paid payments of a policy's enterprises (columns: enterprise_id, paid_at), for outcome counts. */
export function paidPaymentsOfPolicy(db: Executor, policyId: number) {
  return db.selectFrom('disbursements').where('policy_id', '=', policyId).where('status', '=', 'paid').select(['enterprise_id', 'paid_at']);
}

export async function insertPayment(db: Executor, row: Insertable<DisbursementsTable>): Promise<number> {
  const inserted = await db.insertInto('disbursements').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Inserts the payments of many targets of one kind in one statement; targets that have a live payment
 * (already, or from a racing batch) are skipped by the unique index. Returns those inserted.
 */
export async function insertPayments(db: Executor, rows: Insertable<DisbursementsTable>[]): Promise<{ id: number; target_id: number; amount_fen: number }[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('disbursements')
    .values(rows)
    .onConflict((oc) => oc.columns(['target_kind', 'target_id']).where('status', '<>', 'cancelled').doNothing())
    .returning(['id', 'target_id', 'amount_fen'])
    .execute();
}

/** Locks a payment row (after its target: one lock order everywhere, no deadlock). */
export async function lockPayment(db: Executor, id: number): Promise<DisbursementRow | undefined> {
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

/**
 * Pays the prepared payments of these targets that `approvedBy` did not prepare, in one statement
 * (maker–checker per payment; the CHECK holds it too). Returns the payments paid.
 */
export async function markManyPaid(db: Executor, kind: string, targetIds: readonly number[], approvedBy: number, paymentRef: string, now: Date) {
  if (targetIds.length === 0) return [];
  return db
    .updateTable('disbursements')
    .set({ status: 'paid', approved_by: approvedBy, paid_at: now, payment_ref: paymentRef })
    .where('target_kind', '=', kind)
    .where('target_id', 'in', targetIds)
    .where('status', '=', 'prepared')
    .where('prepared_by', '<>', approvedBy)
    .returning(['id', 'target_id', 'enterprise_id', 'policy_id', 'amount_fen'])
    .execute();
}

/** The prepared payments of these targets (a batch checker's amounts, compared with their bounds). */
export async function preparedPaymentsOf(db: Executor, kind: string, targetIds: readonly number[]) {
  if (targetIds.length === 0) return [];
  return db.selectFrom('disbursements').where('target_kind', '=', kind).where('target_id', 'in', targetIds).where('status', '=', 'prepared').select(['target_id', 'amount_fen']).execute();
}

/** How many prepared payments of these targets `userId` prepared (a checker cannot pay those). */
export async function countPreparedBy(db: Executor, kind: string, targetIds: readonly number[], userId: number): Promise<number> {
  if (targetIds.length === 0) return 0;
  const row = await db
    .selectFrom('disbursements')
    .where('target_kind', '=', kind)
    .where('target_id', 'in', targetIds)
    .where('status', '=', 'prepared')
    .where('prepared_by', '=', userId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

function paymentQuery(db: Executor) {
  return db
    .selectFrom('disbursements')
    .innerJoin('policies', 'policies.id', 'disbursements.policy_id')
    .innerJoin('organizations as department', 'department.id', 'policies.department_org_id')
    .innerJoin('enterprises', 'enterprises.id', 'disbursements.enterprise_id')
    .innerJoin('users as maker', 'maker.id', 'disbursements.prepared_by')
    .leftJoin('users as checker', 'checker.id', 'disbursements.approved_by');
}

const COLUMNS = [
  'disbursements.id',
  'disbursements.policy_id',
  'disbursements.enterprise_id',
  'disbursements.target_kind',
  'disbursements.target_id',
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
] as const;

export async function findPayment(db: Executor, id: number) {
  return paymentQuery(db).where('disbursements.id', '=', id).select(COLUMNS).executeTakeFirst();
}
export type PaymentViewRow = NonNullable<Awaited<ReturnType<typeof findPayment>>>;

export type PaymentScope = { kind: 'department'; orgId: number } | { kind: 'enterprise'; enterpriseId: number };

/** The payments of the scope that pass the filter: one query for the page, its count and the export. */
function filteredPayments(db: Executor, scope: PaymentScope, filter: { status?: DisbursementStatus; policyId?: number }) {
  let query = paymentQuery(db);
  query = scope.kind === 'department' ? query.where('policies.department_org_id', '=', scope.orgId) : query.where('disbursements.enterprise_id', '=', scope.enterpriseId);
  if (filter.status) query = query.where('disbursements.status', '=', filter.status);
  if (filter.policyId) query = query.where('disbursements.policy_id', '=', filter.policyId);
  return query;
}

export async function findPayments(db: Executor, scope: PaymentScope, filter: { status?: DisbursementStatus; policyId?: number }, page: PageRequest) {
  return findPage(filteredPayments(db, scope, filter), (q) => q.select(COLUMNS).orderBy('disbursements.id', 'desc'), page);
}

/** A batch of the same payments after `after` (by id), for the export's keyset reading. */
export async function findPaymentBatch(db: Executor, scope: PaymentScope, filter: { status?: DisbursementStatus; policyId?: number }, after: number | null, limit: number) {
  let query = filteredPayments(db, scope, filter);
  if (after !== null) query = query.where('disbursements.id', '>', after);
  return query.select(COLUMNS).orderBy('disbursements.id').limit(limit).execute();
}

/** Money paid (兑付, status paid) per enterprise, for any payable target: the sum in fen and the number of payments. */
export async function paidTotalsByEnterprise(db: Executor, enterpriseIds?: readonly number[]): Promise<Map<number, { paidFen: number; payments: number }>> {
  if (enterpriseIds && enterpriseIds.length === 0) return new Map();
  let query = db
    .selectFrom('disbursements')
    .where('status', '=', 'paid')
    .groupBy('enterprise_id')
    .select((eb) => ['enterprise_id', eb.fn.sum<string>('amount_fen').as('paid_fen'), eb.fn.countAll<string>().as('payments')]);
  if (enterpriseIds) query = query.where('enterprise_id', 'in', [...enterpriseIds]);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.enterprise_id, { paidFen: Number(r.paid_fen), payments: Number(r.payments) }]));
}
