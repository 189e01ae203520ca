import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, NullableIsoDateTime, PageQuery, Paged, StrictObject } from '../../http/schemas.ts';

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;

const disputeProperties = {
  id: Type.Integer(),
  indicatorCode: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  period: Type.String(),
  source: Type.String(),
  /** The stored value when the dispute was filed, as text (fen for money). */
  currentValue: Nullable(Type.String()),
  /** As the enterprise typed it, e.g. "2350万". */
  proposedValue: Type.String(),
  /** proposedValue read into the indicator's unit (fen for money); null if it no longer reads. */
  proposedParsed: Type.Union([Type.Integer(), Type.String(), Type.Null()]),
  reason: Type.String(),
  status: Type.Enum(DISPUTE_STATUSES),
  createdAt: IsoDateTime,
  resolvedAt: NullableIsoDateTime,
  resolutionNote: Nullable(Type.String()),
};

export const Dispute = Type.Object(disputeProperties, { $id: 'Dispute' });
export type Dispute = Static<typeof Dispute>;

export const AdminDispute = Type.Object({ ...disputeProperties, enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }) }, { $id: 'AdminDispute' });
export type AdminDispute = Static<typeof AdminDispute>;

export const FileDisputeBody = StrictObject({
  indicatorCode: Type.String({ minLength: 1, maxLength: 63 }),
  period: Type.String({ minLength: 1, maxLength: 10 }),
  source: Type.String({ minLength: 1, maxLength: 40 }),
  proposedValue: Type.String({ minLength: 1, maxLength: 50 }),
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
});
export type FileDisputeInput = Static<typeof FileDisputeBody>;

export const DisputesQuery = Type.Object({ status: Type.Optional(Type.Enum(DISPUTE_STATUSES)), ...PageQuery });
export const AdminDisputeList = Paged(Type.Ref('AdminDispute'));

export const ResolveDisputeBody = StrictObject({
  decision: Type.Enum(['accept', 'reject']),
  note: Type.String({ minLength: 1, maxLength: 1000 }),
  /** The value to store instead of the proposed one: as typed ("2350万") or an integer in the unit (fen). */
  correctedValue: Type.Optional(Type.Union([Type.Integer(), Type.String({ minLength: 1, maxLength: 50 })])),
});
export type ResolveDisputeInput = Static<typeof ResolveDisputeBody>;
