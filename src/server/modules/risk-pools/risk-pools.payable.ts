/**
 * Claims of risk pools as a payable target of the payments core: the finance office's approval of a claim
 * prepares the payment of the government share (maker), another member of the finance office pays it
 * (checker); paying posts the payout to the pool's ledger and settles the claim in the same transaction.
 * Lock order: the claim (prepare / lock), the payment row, then the pool (settle).
 */
import { netLossFen, splitByShares } from '../../../core/ledger/pool.ts';
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

  /**
   * The pool pays at most its share of the covered loss: the government share of the net loss (loss less
   * the recoveries deducted before the payout). The claim itself was checked ≤ the net loss when filed.
   */
  async bounds(db, targetIds) {
    const rows = await repo.findClaimBounds(db, targetIds);
    return new Map(
      rows.map((row) => [row.id, { boundFen: splitByShares(netLossFen(row.loss_fen, row.deducted_fen), { bankShareBp: row.bank_share_bp, governmentShareBp: row.government_share_bp }).governmentFen, estimateFen: null, reason: null }]),
    );
  },

  async settle(trx, { actor, targetId, action, payment, paymentRef, now }) {
    await settleClaimPayment(trx, actor, targetId, action, payment, now, paymentRef);
  },
};
