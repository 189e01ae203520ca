import type { PaymentViewRow } from './payments.repository.ts';
import type { Disbursement } from './payments.schemas.ts';
import type { PaymentBound, TargetRefs } from './payments.targets.ts';

/**
 * A payment as the API shows it; `refs` are the ids its target kind shows (none for newer kinds), `bound`
 * what the checker compares the amount with (bound, estimate, difference, the reviewer's reason).
 */
export function presentDisbursement(row: PaymentViewRow, refs: TargetRefs = {}, bound?: PaymentBound): Disbursement {
  const boundFen = bound?.boundFen ?? null;
  const estimateFen = bound?.estimateFen ?? null;
  return {
    id: row.id,
    policy: { id: row.policy_id, code: row.policy_code, departmentName: row.department_name },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc },
    applicationId: refs.applicationId ?? null,
    applicationNumber: refs.applicationNumber ?? null,
    autoGrantItemId: refs.autoGrantItemId ?? null,
    autoGrantId: refs.autoGrantId ?? null,
    amountFen: row.amount_fen,
    estimateFen,
    differenceFen: estimateFen === null ? null : row.amount_fen - estimateFen,
    boundFen,
    withinBound: boundFen !== null && row.amount_fen <= boundFen,
    amountReason: bound?.reason ?? null,
    status: row.status,
    preparedBy: { id: row.prepared_by, displayName: row.prepared_by_name },
    preparedAt: row.prepared_at.toISOString(),
    approvedBy: row.approved_by !== null ? { id: row.approved_by, displayName: row.approved_by_name ?? '' } : null,
    paidAt: row.paid_at?.toISOString() ?? null,
    paymentRef: row.payment_ref,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    cancelReason: row.cancel_reason,
  };
}
