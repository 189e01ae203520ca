/**
 * Items of 免申即享 grants as a payable target of the payments module: after the grant's public notice, each
 * included item is paid its granted amount by maker–checker; the payment tells the enterprise, and the
 * last item paid completes the grant. Lock order: grant, item (lockItemForPayment), then the payment.
 */
import { benefitMaximum } from '../../../core/rules/benefit.ts';
import type { Benefit } from '../../../core/rules/schema.ts';
import type { PayableTarget } from '../payments/index.ts';
import { notifyEnterprises } from '../notifications/index.ts';
import * as repo from './auto-grants.repository.ts';
import { completeIfAllPaid, lockItemForPayment, paidNotification } from './auto-grants.service.ts';

/** The benefit's maximum; null when uncapped, or when the money module cannot read it. */
function maximumOf(benefit: unknown): number | null {
  try {
    return benefitMaximum(benefit as Benefit);
  } catch {
    return null;
  }
}

export const autoGrantItemPayable: PayableTarget = {
  kind: repo.AUTO_GRANT_ITEM_KIND,
  requestField: 'autoGrantItemId',

  async prepare(trx, { actor, targetId }) {
    const item = await lockItemForPayment(trx, actor, targetId);
    return {
      policyId: item.policy_id,
      enterpriseId: item.enterprise_id,
      amountFen: item.amount_fen,
      amountName: 'granted',
      auditDetails: { autoGrantItemId: targetId, autoGrantId: item.auto_grant_id },
    };
  },

  async lock(trx, actor, targetId) {
    const item = await lockItemForPayment(trx, actor, targetId);
    return { autoGrantItemId: targetId, autoGrantId: item.auto_grant_id };
  },

  async settle(trx, { targetId, action, payment, now }) {
    if (action !== 'approve') return;
    // Locked by lock() in this transaction: read again for the message.
    const item = (await repo.lockItem(trx, targetId))!;
    await notifyEnterprises(trx, [{ enterpriseId: item.enterprise_id, notification: paidNotification({ id: item.auto_grant_id, policy_id: item.policy_id, policy_title: item.policy_title }, { id: targetId, amount_fen: payment.amountFen }) }]);
    await completeIfAllPaid(trx, item.auto_grant_id, now);
  },

  /**
   * An item's amount is its estimate from the policy match; its bound is the most the benefit pays anyone
   * (a fixed sum, the highest tier, the cap of an "up to" benefit), or the estimate for an uncapped formula.
   */
  async bounds(db, targetIds) {
    const rows = await repo.findItemBenefits(db, targetIds);
    return new Map(rows.map((row) => [row.id, { boundFen: maximumOf(row.benefit) ?? row.amount_fen, estimateFen: row.amount_fen, reason: null }]));
  },

  async refs(db, targetIds) {
    const rows = await repo.findItemGrants(db, targetIds);
    return new Map(rows.map((row) => [row.id, { autoGrantItemId: row.id, autoGrantId: row.auto_grant_id }]));
  },
};
