/**
 * 兑付 by maker–checker: one department_staff of the owning department prepares a disbursement of the
 * approved amount (maker), a DIFFERENT one approves it with the payment reference (checker), and only
 * then is it paid. Paying twice is impossible by construction — one live disbursement per application or
 * grant item (partial unique indexes), approval only from 'prepared' under a row lock, checker ≠ maker by
 * CHECK, paid rows frozen by trigger — so racing requests end with one payment and a 409.
 *
 * Lock order everywhere: application (or grant, then item) first, then the disbursement. Preparing and
 * approving the same application at once therefore queue up instead of deadlocking.
 */
import type { Kysely } from 'kysely';
import type { DB, DisbursementStatus } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { isEnterpriseUserOf, assertOwningDepartmentStaff } from '../applications/applications.policy.ts';
import { lockApplication } from '../applications/applications.repository.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { transitionApplication } from '../applications/applications.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { decideItemPayment, prepareItemPayment } from '../auto-grants/auto-grants.service.ts';
import { requireOwnEnterprise } from '../enterprises/index.ts';
import { presentDisbursement } from './disbursements.presenter.ts';
import * as repo from './disbursements.repository.ts';
import type { Disbursement, PrepareDisbursementInput } from './disbursements.schemas.ts';

const alreadyPrepared = () => new AppError('conflict', 'A disbursement is already prepared or paid for this', [{ reason: 'payment_exists' }]);

async function load(db: Kysely<DB>, id: number): Promise<Disbursement> {
  return presentDisbursement((await repo.findDisbursement(db, id))!);
}

/**
 * Maker: prepares the payment of an application (after its public notice passed) or of a 免申即享 item.
 * The amount is typed again and must equal the approved (or granted) amount in fen: 422 otherwise.
 * 409 when one is already prepared or paid — also when two makers race (the unique index decides).
 */
export async function prepareDisbursement(db: Kysely<DB>, actor: Actor, input: PrepareDisbursementInput, now: Date = new Date()): Promise<Disbursement> {
  const targets = [input.applicationId, input.autoGrantItemId].filter((v) => v !== undefined);
  if (targets.length !== 1) {
    throw new AppError('validation_failed', 'Give exactly one of applicationId and autoGrantItemId', [{ path: 'body/applicationId', message: 'exactly one of applicationId, autoGrantItemId' }]);
  }
  const id = await db
    .transaction()
    .execute(async (trx) => {
      if (input.autoGrantItemId !== undefined) return prepareItemPayment(trx, actor, input.autoGrantItemId, input.amountFen, now);
      const applicationId = input.applicationId!;
      const { before } = await transitionApplication(trx, { kind: 'user', actor }, applicationId, 'prepare_payment', {
        now,
        details: { amountFen: input.amountFen },
        refine: (row) => {
          if (input.amountFen !== row.approved_amount_fen) {
            throw new AppError('unprocessable', `The amount must be the approved ${row.approved_amount_fen} fen`, [{ path: 'body/amountFen', reason: 'amount_mismatch', expected: row.approved_amount_fen }]);
          }
        },
      });
      const disbursementId = await repo.insertDisbursement(trx, {
        policy_id: before.policy_id,
        enterprise_id: before.enterprise_id,
        application_id: applicationId,
        auto_grant_item_id: null,
        amount_fen: input.amountFen,
        prepared_by: actor.userId,
        prepared_at: now,
      });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.prepare', targetType: 'disbursement', targetId: disbursementId, details: { applicationId, enterpriseId: before.enterprise_id, amountFen: input.amountFen } });
      return disbursementId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw alreadyPrepared();
      throw error;
    });
  return load(db, id);
}

/** Loads a disbursement for a decision by the owning department's staff (404 / 403 before any lock). */
async function loadForDecision(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await repo.findDisbursement(db, id);
  if (!row) throw notFound('Disbursement');
  assertOwningDepartmentStaff(actor, row.department_org_id);
  return row;
}

/**
 * Checker: approves a prepared disbursement — it is paid, with the payment reference, and the
 * enterprise is told. The checker must be another person than the maker (403), and it is paid once:
 * a second approval, concurrent or later, is 409.
 */
export async function approveDisbursement(db: Kysely<DB>, actor: Actor, id: number, paymentRef: string, now: Date = new Date()): Promise<Disbursement> {
  const peek = await loadForDecision(db, actor, id);
  await db.transaction().execute(async (trx) => {
    if (peek.auto_grant_item_id !== null) {
      await decideItemPayment(trx, actor, id, peek.auto_grant_item_id, 'approve', { paymentRef: paymentRef.trim() }, now);
      return;
    }
    const applicationId = peek.application_id!;
    await lockApplication(trx, applicationId);
    const disbursement = (await repo.lockDisbursement(trx, id))!;
    if (disbursement.status !== 'prepared') throw new AppError('conflict', `The disbursement is ${disbursement.status}`, [{ reason: 'payment_exists' }]);
    await transitionApplication(trx, { kind: 'user', actor }, applicationId, 'approve_payment', { now, details: { disbursementId: id, amountFen: disbursement.amount_fen, paymentRef: paymentRef.trim() } });
    if (!(await repo.markPaid(trx, id, actor.userId, paymentRef.trim(), now))) throw new AppError('conflict', 'Already paid', [{ reason: 'payment_exists' }]);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.approve', targetType: 'disbursement', targetId: id, details: { applicationId, enterpriseId: disbursement.enterprise_id, amountFen: disbursement.amount_fen, paymentRef: paymentRef.trim(), preparedBy: disbursement.prepared_by } });
  });
  return load(db, id);
}

/** Cancels a prepared (not paid) disbursement with a reason; the application or item may be prepared again. */
export async function cancelDisbursement(db: Kysely<DB>, actor: Actor, id: number, reason: string, now: Date = new Date()): Promise<Disbursement> {
  const peek = await loadForDecision(db, actor, id);
  await db.transaction().execute(async (trx) => {
    if (peek.auto_grant_item_id !== null) {
      await decideItemPayment(trx, actor, id, peek.auto_grant_item_id, 'cancel', { reason }, now);
      return;
    }
    const applicationId = peek.application_id!;
    await lockApplication(trx, applicationId);
    const disbursement = (await repo.lockDisbursement(trx, id))!;
    if (disbursement.status !== 'prepared') throw new AppError('conflict', `The disbursement is ${disbursement.status}`, [{ reason: 'payment_exists' }]);
    await transitionApplication(trx, { kind: 'user', actor }, applicationId, 'cancel_payment', { now, reason, details: { disbursementId: id } });
    if (!(await repo.markCancelled(trx, id, actor.userId, reason.trim(), now))) throw new AppError('conflict', 'The disbursement is no longer prepared');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.cancel', targetType: 'disbursement', targetId: id, details: { applicationId, reason } });
  });
  return load(db, id);
}

/** One disbursement: the owning department's staff, or the enterprise paid. */
export async function getDisbursement(db: Kysely<DB>, actor: Actor, id: number): Promise<Disbursement> {
  const row = await repo.findDisbursement(db, id);
  if (!row) throw notFound('Disbursement');
  if (!isEnterpriseUserOf(actor, row.enterprise_org_id)) assertOwningDepartmentStaff(actor, row.department_org_id);
  return presentDisbursement(row);
}

/** Disbursements the caller sees: a department those of its policies, an enterprise those paid to it. */
export async function listDisbursements(db: Kysely<DB>, actor: Actor, filter: { status?: DisbursementStatus; policyId?: number }, page: number, pageSize: number) {
  let scope: repo.DisbursementScope;
  if (actor.roles.includes('department_staff')) scope = { kind: 'department', orgId: actor.orgId };
  else if (actor.roles.includes('enterprise_user')) scope = { kind: 'enterprise', enterpriseId: (await requireOwnEnterprise(db, actor)).id };
  else throw new AppError('forbidden', 'Disbursements are seen by departments and the enterprises paid');
  const { rows, total } = await repo.findDisbursements(db, scope, filter, page, pageSize);
  return { items: rows.map(presentDisbursement), total, page, pageSize };
}
