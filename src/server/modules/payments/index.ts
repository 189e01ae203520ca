/** The payments module's face: what other modules may call. */
export { registerPayableTarget } from './payments.targets.ts';
export type { LockedPayment, PayableTarget, PaymentBound, PaymentDue, TargetRefs } from './payments.targets.ts';
export { approveMany } from './payments.service.ts';
export { approvePayment } from './payments.service.ts';
export { prepareMany } from './payments.service.ts';
export { preparePayment } from './payments.service.ts';
export { findLivePayment } from './payments.repository.ts';
export { findPaymentsOfTarget } from './payments.repository.ts';
export { livePaymentsOf } from './payments.repository.ts';
export { paidPaymentsOfPolicy } from './payments.repository.ts';
export { paidTotalsByEnterprise } from './payments.repository.ts';
export type { TargetKey } from './payments.repository.ts';
