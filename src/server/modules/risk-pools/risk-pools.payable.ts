/**
 * Claims of risk pools as a payable target of the payments core: the finance office's approval of a claim
 * prepares the payment of the government share (maker), another member of the finance office pays it
 * (checker); paying posts the payout to the pool's ledger and settles the claim in the same transaction.
 * Lock order: the claim (prepare / lock), the payment row, then the pool (settle).
 */
import type { PayableTarget } from '../payments/index.ts';
import * as repo from './risk-pools.repository.ts';
import { approveForPayment, lockClaimForPayment, settleClaimPayment } from './risk-pools.service.ts';

export const riskPoolClaimPayable: PayableTarget = {
  kind: repo.CLAIM_TARGET_KIND,

  async prepare(trx, { actor, targetId, now }) {
    const { claim, pool } = await approveForPayment(trx, actor, targetId, now);
    return {
      policyId: pool.policy_id,
      enterpriseId: claim.enterprise_id,
      amountFen: claim.government_share_fen,
      amountName: 'government share',
      auditDetails: { riskPoolClaimId: targetId, poolId: pool.id, bankOrgId: claim.bank_org_id },
    };
  },

  async lock(trx, actor, targetId) {
    const { claim, pool } = await lockClaimForPayment(trx, actor, targetId);
    return { riskPoolClaimId: targetId, poolId: pool.id, bankOrgId: claim.bank_org_id };
  },

  async settle(trx, { actor, targetId, action, payment, paymentRef, now }) {
    await settleClaimPayment(trx, actor, targetId, action, payment, now, paymentRef);
  },
};
