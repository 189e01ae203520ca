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
] as const satisfies readonly EventType[]);
