/**
 * 兑付 by maker–checker, for every payable target (payments.targets.ts): one department_staff of the owning
 * department prepares a payment of the amount due (maker), a DIFFERENT one approves it with the payment
 * reference (checker), and only then is it paid. Paying twice is impossible by construction — one live
 * payment per target (partial unique index on (target_kind, target_id)), approval only from 'prepared'
 * under a row lock, checker ≠ maker by CHECK, paid rows frozen by trigger — so racing requests end with one
 * payment and a 409.
 *
 * Lock order everywhere: the target first (its `prepare` / `lock` hook), then the payment row.
 */
import type { Kysely } from 'kysely';
import { MONEY_MAX_FEN } from '../../../core/money/money.ts';
import { PAYMENT_TARGET, refusePayment, type PaymentAction } from '../../../core/applications/payment.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { publish } from '../../events/index.ts';
import { assertOwningDepartmentStaff, isEnterpriseUserOf } from '../../platform/department-access.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { refusalError } from '../../platform/workflow-refusal.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { requireOwnEnterprise } from '../enterprises/index.ts';
import { presentDisbursement } from './payments.presenter.ts';
import * as repo from './payments.repository.ts';
import type { Disbursement, DisbursementListFilter, PrepareDisbursementInput } from './payments.schemas.ts';
import { payableTarget, payableTargetOfField, type LockedPayment, type PaymentBound, type TargetRefs } from './payments.targets.ts';

/**
 * Refuses (409 amount_above_bound) an amount above its target's bound — or any amount when nothing bounds
 * it: the maker–checker compares against what the policy allows, not only against the retyped figure.
 */
async function assertWithinBounds(db: Executor, kind: string, amounts: readonly { targetId: number; amountFen: number }[], path?: string): Promise<void> {
  if (amounts.length === 0) return;
  const bounds = await payableTarget(kind).bounds(db, amounts.map((a) => a.targetId));
  const above = amounts.filter((a) => {
    const bound = bounds.get(a.targetId)?.boundFen ?? null;
    return bound === null || a.amountFen > Math.min(bound, MONEY_MAX_FEN);
  });
  if (above.length > 0) {
    throw new AppError(
      'conflict',
      'The amount is above what the policy allows: it cannot be paid',
      above.map((a) => ({ ...(path && { path }), reason: 'amount_above_bound', targetId: a.targetId, amountFen: a.amountFen, boundFen: bounds.get(a.targetId)?.boundFen ?? null })),
    );
  }
}

const alreadyPrepared = () => new AppError('conflict', 'A disbursement is already prepared or paid for this', [{ reason: 'payment_exists' }]);

/** Presents payments with the ids their target kinds show, one look-up per kind. */
async function present(db: Executor, rows: repo.PaymentViewRow[]): Promise<Disbursement[]> {
  const refs = new Map<string, Map<number, TargetRefs>>();
  const bounds = new Map<string, Map<number, PaymentBound>>();
  for (const kind of new Set(rows.map((row) => row.target_kind))) {
    const target = payableTarget(kind);
    const ids = rows.filter((row) => row.target_kind === kind).map((row) => row.target_id);
    if (target.refs) refs.set(kind, await target.refs(db, ids));
    bounds.set(kind, await target.bounds(db, ids));
  }
  return rows.map((row) => presentDisbursement(row, refs.get(row.target_kind)?.get(row.target_id), bounds.get(row.target_kind)?.get(row.target_id)));
}

async function load(db: Kysely<DB>, id: number): Promise<Disbursement> {
  const [payment] = await present(db, [(await repo.findPayment(db, id))!]);
  return payment;
}

/** The target a request of the API names: exactly one of the fields registered targets answer to. */
export function targetOfRequest(input: PrepareDisbursementInput): repo.TargetKey {
  const named = (['applicationId', 'autoGrantItemId'] as const).filter((field) => input[field] !== undefined);
  const target = named.length === 1 ? payableTargetOfField(named[0]) : undefined;
  if (!target) {
    throw new AppError('validation_failed', 'Give exactly one of applicationId and autoGrantItemId', [{ path: 'body/applicationId', message: 'exactly one of applicationId, autoGrantItemId' }]);
  }
  return { kind: target.kind, id: input[named[0]]! };
}

/**
 * Maker: prepares the payment of a target (an application after its public notice, a 免申即享 item …).
 * The amount is typed again and must equal the amount due in fen: 422 otherwise. 409 when one is already
 * prepared or paid — also when two makers race (the unique index decides).
 */
export async function preparePayment(db: Kysely<DB>, actor: Actor, request: { target: repo.TargetKey; amountFen: number }, now: Date = new Date()): Promise<Disbursement> {
  const target = payableTarget(request.target.kind);
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const due = await target.prepare(trx, { actor, targetId: request.target.id, amountFen: request.amountFen, now });
      const live = await repo.findLivePayment(trx, request.target);
      const refusal = refusePayment(live && { status: live.status, preparedBy: live.prepared_by }, 'prepare', actor.userId);
      if (refusal) throw refusalError(refusal);
      if (request.amountFen !== due.amountFen) {
        throw new AppError('unprocessable', `The amount must be the ${due.amountName} ${due.amountFen} fen`, [{ path: 'body/amountFen', reason: 'amount_mismatch', expected: due.amountFen }]);
      }
      await assertWithinBounds(trx, request.target.kind, [{ targetId: request.target.id, amountFen: due.amountFen }], 'body/amountFen');
      const paymentId = await repo.insertPayment(trx, {
        policy_id: due.policyId,
        enterprise_id: due.enterpriseId,
        target_kind: request.target.kind,
        target_id: request.target.id,
        amount_fen: due.amountFen,
        prepared_by: actor.userId,
        prepared_at: now,
      });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.prepare', targetType: 'disbursement', targetId: paymentId, details: { ...due.auditDetails, enterpriseId: due.enterpriseId, amountFen: due.amountFen } });
      return paymentId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw alreadyPrepared();
      throw error;
    });
  return load(db, id);
}

/** Loads a payment for a decision by the owning department's staff (404 / 403 before any lock). */
async function loadForDecision(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await repo.findPayment(db, id);
  if (!row) throw notFound('Disbursement');
  assertOwningDepartmentStaff(actor, row.department_org_id);
  return row;
}

/** Approves or cancels a prepared payment: target, then payment locked; the target settles in the same transaction. */
async function decidePayment(db: Kysely<DB>, actor: Actor, id: number, action: Exclude<PaymentAction, 'prepare'>, input: { paymentRef?: string; reason?: string }, now: Date): Promise<Disbursement> {
  const peek = await loadForDecision(db, actor, id);
  const target = payableTarget(peek.target_kind);
  await db.transaction().execute(async (trx) => {
    const targetDetails = await target.lock(trx, actor, peek.target_id);
    const row = (await repo.lockPayment(trx, id))!;
    const payment: LockedPayment = { id, amountFen: row.amount_fen, enterpriseId: row.enterprise_id, preparedBy: row.prepared_by };
    const refusal = refusePayment(row.status === 'cancelled' ? null : { status: row.status, preparedBy: row.prepared_by }, action, actor.userId);
    if (refusal) throw refusalError(refusal);
    if (action === 'approve') {
      if (!(await repo.markPaid(trx, id, actor.userId, input.paymentRef!, now))) throw new AppError('conflict', 'Already paid', [{ reason: 'payment_exists' }]);
      await publish(trx, 'payment.paid', { paymentId: id, targetKind: row.target_kind, targetId: row.target_id, enterpriseId: row.enterprise_id, policyId: row.policy_id, amountFen: row.amount_fen });
    } else if (!(await repo.markCancelled(trx, id, actor.userId, input.reason!.trim(), now))) {
      throw new AppError('conflict', 'The disbursement is no longer prepared');
    }
    await target.settle(trx, { actor, targetId: peek.target_id, action, payment, ...input, now });
    // The bound last, inside the same transaction: the target's own, more specific refusals (a claim
    // recomputed on a recovery …) speak first; above the bound, everything written here rolls back.
    if (action === 'approve') await assertWithinBounds(trx, row.target_kind, [{ targetId: row.target_id, amountFen: row.amount_fen }]);
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: `disbursement.${action}`,
      targetType: 'disbursement',
      targetId: id,
      details: { ...targetDetails, enterpriseId: row.enterprise_id, amountFen: row.amount_fen, to: PAYMENT_TARGET[action], preparedBy: row.prepared_by, ...input },
    });
  });
  return load(db, id);
}

/**
 * Checker: approves a prepared payment — it is paid, with the payment reference, and its target settles
 * (an application becomes paid, the enterprise is told). The checker must be another person than the
 * maker (403), and it is paid once: a second approval, concurrent or later, is 409.
 */
export async function approvePayment(db: Kysely<DB>, actor: Actor, id: number, paymentRef: string, now: Date = new Date()): Promise<Disbursement> {
  return decidePayment(db, actor, id, 'approve', { paymentRef: paymentRef.trim() }, now);
}

/** Cancels a prepared (not paid) payment with a reason; its target may be prepared again. */
export async function cancelPayment(db: Kysely<DB>, actor: Actor, id: number, reason: string, now: Date = new Date()): Promise<Disbursement> {
  return decidePayment(db, actor, id, 'cancel', { reason }, now);
}

/** One payment: the owning department's staff, or the enterprise paid. */
export async function getPayment(db: Kysely<DB>, actor: Actor, id: number): Promise<Disbursement> {
  const row = await repo.findPayment(db, id);
  if (!row) throw notFound('Disbursement');
  const ownEnterprise = isEnterpriseUserOf(actor, row.enterprise_org_id);
  if (!ownEnterprise) assertOwningDepartmentStaff(actor, row.department_org_id);
  // A payment to an enterprise read by the department: recorded (the enterprise reading its own is not).
  if (!ownEnterprise) await recordRead(db, actor, 'disbursement.read', { type: 'disbursement', id }, { enterpriseId: row.enterprise_id });
  return (await present(db, [row]))[0];
}

/** Whose payments the actor lists (and exports): its department's policies', or those paid to its enterprise. */
export async function paymentScopeOf(db: Kysely<DB>, actor: Actor): Promise<repo.PaymentScope> {
  if (actor.roles.includes('department_staff')) return { kind: 'department', orgId: actor.orgId };
  if (actor.roles.includes('enterprise_user')) return { kind: 'enterprise', enterpriseId: (await requireOwnEnterprise(db, actor)).id };
  throw new AppError('forbidden', 'Disbursements are seen by departments and the enterprises paid');
}

/** Payments the caller sees: a department those of its policies, an enterprise those paid to it. */
export async function listPayments(db: Kysely<DB>, actor: Actor, filter: DisbursementListFilter, page: PageRequest) {
  const scope = await paymentScopeOf(db, actor);
  const { rows, total } = await repo.findPayments(db, scope, filter, page);
  if (scope.kind !== 'enterprise') await recordRead(db, actor, 'disbursement.list', { type: 'disbursement' }, { scope: scope.kind, filter, page, count: rows.length, total });
  return { items: await present(db, rows), total, ...page };
}

// Batches: a whole list of targets of one kind (a 免申即享 grant's items), inside the owner's transaction,
// which has locked what groups them (the grant) first: the same lock order as one payment.

/**
 * Maker for many targets at once: prepares a payment of the amount due for each target without a live
 * one, in one statement; a racing batch's targets are skipped by the unique index. Still one payment per
 * target, and approving needs another person. Returns the payments prepared.
 */
export async function prepareMany(trx: Executor, actor: Actor, kind: string, dues: readonly { targetId: number; policyId: number; enterpriseId: number; amountFen: number }[], now: Date) {
  await assertWithinBounds(trx, kind, dues);
  const rows = await repo.insertPayments(
    trx,
    dues.map((due) => ({ policy_id: due.policyId, enterprise_id: due.enterpriseId, target_kind: kind, target_id: due.targetId, amount_fen: due.amountFen, prepared_by: actor.userId, prepared_at: now })),
  );
  return rows.map((row) => ({ id: row.id, targetId: row.target_id, amountFen: row.amount_fen }));
}

/**
 * Checker for many targets at once: pays every prepared payment of these targets that the actor did not
 * prepare (those are left for another checker and counted in skippedOwn). Returns the payments paid.
 */
export async function approveMany(trx: Executor, actor: Actor, kind: string, targetIds: readonly number[], paymentRef: string, now: Date) {
  const prepared = await repo.preparedPaymentsOf(trx, kind, targetIds);
  await assertWithinBounds(trx, kind, prepared.map((p) => ({ targetId: p.target_id, amountFen: p.amount_fen })));
  const paid = await repo.markManyPaid(trx, kind, targetIds, actor.userId, paymentRef, now);
  for (const row of paid) {
    await publish(trx, 'payment.paid', { paymentId: row.id, targetKind: kind, targetId: row.target_id, enterpriseId: row.enterprise_id, policyId: row.policy_id, amountFen: row.amount_fen });
  }
  const skippedOwn = await repo.countPreparedBy(trx, kind, targetIds, actor.userId);
  return { paid: paid.map((row) => ({ id: row.id, targetId: row.target_id, enterpriseId: row.enterprise_id, amountFen: row.amount_fen })), skippedOwn };
}
