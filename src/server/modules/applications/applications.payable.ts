/**
 * Applications as a payable target of the payments module: the amount approved on the last review step is
 * paid by maker–checker once the public notice has passed. Each payment step is also a step of the
 * application's workflow (prepare_payment, approve_payment → paid, cancel_payment), so it is decided by the
 * same engine, written on the timeline and audited; the approval tells the enterprise.
 */
import { AppError, notFound } from '../../errors.ts';
import type { PayableTarget } from '../payments/index.ts';
import { amountsOfApplications } from './applications.bounds.ts';
import { lockApplication, numbersOfApplications } from './applications.repository.ts';
import { APPLICATION_PAYABLE_KIND, transitionApplication } from './applications.transition.ts';

export const applicationPayable: PayableTarget = {
  kind: APPLICATION_PAYABLE_KIND,
  requestField: 'applicationId',

  async prepare(trx, { actor, targetId, amountFen, now }) {
    const { before } = await transitionApplication(trx, { kind: 'user', actor }, targetId, 'prepare_payment', { now, details: { amountFen } });
    if (before.eligibility_only || before.approved_amount_fen === null) {
      // Eligibility only: recognised, nothing to pay (throwing rolls the step back with the payment).
      throw new AppError('conflict', 'The application was approved as eligibility only: there is nothing to pay', [{ reason: 'eligibility_only', applicationId: targetId }]);
    }
    return {
      policyId: before.policy_id,
      enterpriseId: before.enterprise_id,
      // Fixed by the last review step, before any notice.
      amountFen: before.approved_amount_fen,
      amountName: 'approved',
      auditDetails: { applicationId: targetId },
    };
  },

  async lock(trx, _actor, targetId) {
    if (!(await lockApplication(trx, targetId))) throw notFound('Application');
    return { applicationId: targetId };
  },

  async settle(trx, { actor, targetId, action, payment, paymentRef, reason, now }) {
    await transitionApplication(trx, { kind: 'user', actor }, targetId, action === 'approve' ? 'approve_payment' : 'cancel_payment', {
      now,
      reason: reason ?? null,
      // Judged on the payment as it was: this transaction has just marked it paid or cancelled.
      payment: { status: 'prepared', preparedBy: payment.preparedBy },
      details: action === 'approve' ? { disbursementId: payment.id, amountFen: payment.amountFen, paymentRef } : { disbursementId: payment.id },
    });
  },

  async bounds(db, targetIds) {
    const amounts = await amountsOfApplications(db, targetIds);
    return new Map([...amounts].map(([id, a]) => [id, { boundFen: a.boundFen, estimateFen: a.estimateFen, reason: a.reason }]));
  },

  async refs(db, targetIds) {
    const numbers = await numbersOfApplications(db, targetIds);
    return new Map(targetIds.map((id) => [id, { applicationId: id, applicationNumber: numbers.get(id) }]));
  },
};
