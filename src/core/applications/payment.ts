/**
 * Maker–checker payment (兑付), shared by applications and auto-grant items: one person prepares a
 * disbursement (maker), a different person of the same department approves it (checker), and only the
 * approval pays. The database enforces the same (CHECK approved_by <> prepared_by; one live disbursement
 * per application or item), so this is the first line, not the only one.
 *
 * | action  | from                 | to        | who                                   |
 * |---------|----------------------|-----------|---------------------------------------|
 * | prepare | none (or cancelled)  | prepared  | department staff (the maker)          |
 * | approve | prepared             | paid      | department staff other than the maker |
 * | cancel  | prepared             | cancelled | department staff (reason required)    |
 *
 * A paid disbursement is final: money that left cannot be "cancelled" here (a reversal would be a new,
 * separate record).
 */

export type PaymentAction = 'prepare' | 'approve' | 'cancel';
export type DisbursementStatus = 'prepared' | 'paid' | 'cancelled';

/** The live disbursement (prepared or paid) of an application or item; a cancelled one is not live. */
export interface PaymentState {
  status: 'prepared' | 'paid';
  preparedBy: number;
}

export type RefusalCode =
  | 'illegal_transition'
  | 'not_permitted'
  | 'reason_required'
  | 'notice_not_over'
  | 'same_person'
  | 'payment_exists'
  | 'payment_missing';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

/**
 * Why a payment action may not happen to the live disbursement, or null when it may. `actorUserId` null
 * skips the maker–checker test (to list what is possible without knowing who will act).
 */
export function refusePayment(payment: PaymentState | null, action: PaymentAction, actorUserId: number | null): Refusal | null {
  switch (action) {
    case 'prepare':
      if (!payment) return null;
      return { code: 'payment_exists', message: payment.status === 'paid' ? 'already paid' : 'a disbursement is already prepared' };
    case 'approve':
    case 'cancel':
      if (!payment) return { code: 'payment_missing', message: 'no disbursement is prepared' };
      if (payment.status === 'paid') return { code: 'payment_exists', message: 'already paid' };
      if (action === 'approve' && actorUserId !== null && actorUserId === payment.preparedBy) {
        return { code: 'same_person', message: 'the checker must be a different person from the maker who prepared the payment' };
      }
      return null;
  }
}

/** The status a disbursement row moves to under an allowed action. */
export const PAYMENT_TARGET: Readonly<Record<PaymentAction, DisbursementStatus>> = Object.freeze({ prepare: 'prepared', approve: 'paid', cancel: 'cancelled' });
