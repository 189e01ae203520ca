import { Type, type Static } from 'typebox';
import { IsoDateTime, NullableIsoDateTime, PageQuery, Paged } from '../../http/schemas.ts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export const DeliveryStatusSchema = Type.Enum(DELIVERY_STATUSES);

export const OutboundDelivery = Type.Object(
  {
    id: Type.Integer(),
    notificationId: Type.Integer(),
    channel: Type.Literal('webhook'),
    status: DeliveryStatusSchema,
    attempts: Type.Integer({ description: 'attempts ever made' }),
    maxAttempts: Type.Integer({ description: 'the delivery is dead after this many failed attempts; a retry adds a round' }),
    nextAttemptAt: IsoDateTime,
    lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'HTTP status of the last answer' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    deliveredAt: NullableIsoDateTime,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    notification: Type.Object({
      kind: Type.String(),
      userId: Type.Integer(),
      enterpriseId: Type.Union([Type.Integer(), Type.Null()]),
      title: Type.Object({ zh: Type.String(), en: Type.String() }),
      createdAt: IsoDateTime,
    }),
  },
  { $id: 'OutboundDelivery' },
);
export type OutboundDelivery = Static<typeof OutboundDelivery>;

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(DeliveryStatusSchema),
  ...PageQuery,
});

export const DeliveryList = Paged(Type.Ref('OutboundDelivery'));
