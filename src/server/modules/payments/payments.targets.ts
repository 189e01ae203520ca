/**
 * Payable targets: what the payments module pays, registered by the modules that own them (applications
 * register 'application', auto-grants 'auto_grant_item'; risk-pool claims and service vouchers next). The
 * payments service runs maker–checker the same way for every kind and calls the target's hooks inside its
 * transaction, so it never imports the modules it pays for.
 *
 * Lock order, for every kind and every step: the target first (`prepare` / `lock` take its row locks), then
 * the payment row. Preparing, approving and cancelling the same target at once therefore queue up on the
 * target instead of deadlocking.
 */
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../request-context.ts';

/** What a target says is due when the maker prepares its payment. */
export interface PaymentDue {
  policyId: number;
  enterpriseId: number;
  /** The exact amount due, integer fen: the maker types it again and must match it. */
  amountFen: number;
  /** How the amount is called in the refusal when the maker typed another ('approved', 'granted' …). */
  amountName: string;
  /** The target's facts for the payment's audit entries (e.g. { applicationId }). */
  auditDetails: Record<string, unknown>;
}

/**
 * The bound of a target's amount (issue 13, bounded money): the most that may be paid for it, and what the
 * checker sees beside the amount — the estimate it was decided from and the reason it differs.
 */
export interface PaymentBound {
  /** The most that may be paid, integer fen; null when nothing bounds it (then nothing is paid). */
  boundFen: number | null;
  /** The estimate the amount was decided from, when the target has one. */
  estimateFen: number | null;
  /** Why the amount differs from the estimate (the reviewer's reason), when it does. */
  reason: string | null;
}

/** The prepared payment as the payments service holds it locked, before its approval or cancellation is written. */
export interface LockedPayment {
  id: number;
  amountFen: number;
  enterpriseId: number;
  preparedBy: number;
}

/** The ids the legacy API shows for a payment of this kind (fields of the Disbursement response). */
export interface TargetRefs {
  applicationId?: number;
  /** The application's official number (经信申〔2026〕0001号). */
  applicationNumber?: string;
  autoGrantItemId?: number;
  autoGrantId?: number;
}

export interface PayableTarget {
  /** The kind stored with each payment (lower case, underscores: the table's CHECK). */
  readonly kind: string;
  /** The field of the body of POST /api/disbursements that names a target of this kind (the API as it was). */
  readonly requestField?: 'applicationId' | 'autoGrantItemId';
  /**
   * Maker, inside the transaction, before the payment row exists: locks the target, authorises the actor
   * (404 / 403), checks that the target may be paid now and records the step in its own history. Returns
   * what is due; the payments service then checks the live payment and the amount.
   */
  prepare(trx: Executor, step: { actor: Actor; targetId: number; amountFen: number; now: Date }): Promise<PaymentDue>;
  /**
   * Checker (approve or cancel), inside the transaction, before the payment row is locked: locks the
   * target, re-authorises the actor and checks the target's own state. Returns the target's audit facts.
   */
  lock(trx: Executor, actor: Actor, targetId: number): Promise<Record<string, unknown>>;
  /**
   * After the payment was marked paid or cancelled in the same transaction: the target's consequences —
   * its state (an application becomes paid), its history, the enterprise's notification. Throwing rolls
   * the payment back too. `payment` is the row as it was before this step.
   */
  settle(trx: Executor, step: { actor: Actor; targetId: number; action: 'approve' | 'cancel'; payment: LockedPayment; paymentRef?: string; reason?: string; now: Date }): Promise<void>;
  /**
   * The bounds of these targets' amounts (by target id). The maker cannot prepare, nor the checker pay,
   * an amount above the bound: the retyped figure is compared with the amount due, the amount with this.
   */
  bounds(db: Executor, targetIds: readonly number[]): Promise<Map<number, PaymentBound>>;
  /** The ids the API shows for payments of these targets (by target id); kinds without legacy fields omit it. */
  refs?(db: Executor, targetIds: readonly number[]): Promise<Map<number, TargetRefs>>;
}

const targets = new Map<string, PayableTarget>();

/**
 * Registers a payable target kind (from its module's plugin). Registering the same object again is a
 * no-op (several apps in one process); another target under a kind already taken is a programming error.
 */
export function registerPayableTarget(target: PayableTarget): void {
  const existing = targets.get(target.kind);
  if (existing && existing !== target) throw new Error(`payable target kind ${target.kind} is registered already`);
  targets.set(target.kind, target);
}

/** The registered target a request body names by its field, if any. */
export function payableTargetOfField(field: string): PayableTarget | undefined {
  return [...targets.values()].find((target) => target.requestField === field);
}

/** The registered target of a kind; a kind nobody registered is a programming error, not a client's. */
export function payableTarget(kind: string): PayableTarget {
  const target = targets.get(kind);
  if (!target) throw new Error(`no payable target of kind ${kind} is registered`);
  return target;
}
