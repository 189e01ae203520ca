/**
 * The domain events of the platform: a closed, typed catalogue (like the audit actions). A module publishes
 * an event inside the transaction of the change it reports; other modules react by subscribing, so the
 * publisher never imports them. Payloads are plain JSON and name ids, not rows: a subscriber reads what it
 * needs as it is when it runs (delivery is at least once, so it may run again later).
 *
 * Adding an event: a key here with its payload, a line in docs/ARCHITECTURE.md › Events, then
 * `publish(trx, 'x.y', payload)` in the owning module.
 */
export interface EventCatalogue {
  /** The derived profiles (size class, 四上, tags …) of these enterprises, or of the whole county, were recomputed. */
  'profile.recomputed': { enterpriseIds: number[] } | { all: true };
  /** A policy version was published (matching reacts: the county match, from its first day of validity). */
  'policy.published': { policyId: number; policyVersionId: number; validFrom: string; validUntil: string | null };
  /** An application reached a decision of its review (approved, rejected, returned for correction). */
  'application.decided': { applicationId: number; policyId: number; enterpriseId: number; decision: 'approved' | 'rejected' | 'returned'; amountFen: number | null };
  /** A payment was approved by its checker and is paid. */
  'payment.paid': { paymentId: number; targetKind: string; targetId: number; enterpriseId: number; policyId: number | null; amountFen: number };
  /** A demand's handler recorded its result (办结); handler org/user and the responsible leader, for work statistics. */
  'demand.resolved': { demandId: number; enterpriseId: number; categoryCode: string | null; handlerOrgId: number | null; handlerUserId: number | null; leaderCadreId: number | null; onTime: boolean };
  /** The enterprise rated a resolved demand (好差评); a rating ≤ 2 sends it back for rectification. */
  'demand.rated': { demandId: number; enterpriseId: number; rating: number; handlerOrgId: number | null; handlerUserId: number | null; leaderCadreId: number | null; serviceId: number | null };
  /** An enterprise applied for a loan (a new lead for the bank), under a consent granted in the same step. */
  'loan.applied': { applicationId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; amountFen: number; consentId: number };
  /** A bank decided a loan application. */
  'loan.decided': { applicationId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; decision: 'approved' | 'refused'; amountFen: number | null; reasonCode: string | null };
  /** A loan was disbursed (once per application). */
  'loan.disbursed': { loanId: number; applicationId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; principalFen: number; disbursedOn: string; isFirstLoan: boolean };
  /** A repayment was recorded; fullyRepaid when no principal is left. */
  'loan.repaid': { loanId: number; repaymentId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; amountFen: number; principalFen: number; fullyRepaid: boolean };
  /** A bank declared a loan in default: the outstanding principal is the loss before recoveries. */
  'loan.defaulted': { loanId: number; applicationId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; defaultAmountFen: number; defaultedOn: string };
  /** Money was recovered on a defaulted loan (shared back like the loss). */
  'loan.recovered': { loanId: number; repaymentId: number; enterpriseId: number; bankOrgId: number; productId: number; productCode: string; amountFen: number; recoveredOn: string };
}

export type EventType = keyof EventCatalogue;
export type EventPayload<T extends EventType> = EventCatalogue[T];

/** Every event type, for the bus to check subscriptions against and for the docs test. */
export const EVENT_TYPES = Object.freeze([
  'profile.recomputed',
  'policy.published',
  'application.decided',
  'payment.paid',
  'demand.resolved',
  'demand.rated',
  'loan.applied',
  'loan.decided',
  'loan.disbursed',
  'loan.repaid',
  'loan.defaulted',
  'loan.recovered',
] as const satisfies readonly EventType[]);
