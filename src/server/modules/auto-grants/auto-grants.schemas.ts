import { Type, type Static } from 'typebox';
import { AUTO_GRANT_STATUSES } from '../../../core/applications/auto-grant.ts';
import { IsoDateTime, NullableIsoDateTime, PageQuery, Paged, StrictObject } from '../../http/schemas.ts';
import { Nullable } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const AutoGrantStatusSchema = Type.Enum(AUTO_GRANT_STATUSES);

const summaryProperties = {
  id: Type.Integer(),
  policy: Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String(), departmentName: Type.String() }),
  policyVersionId: Type.Integer(),
  status: AutoGrantStatusSchema,
  createdAt: IsoDateTime,
  confirmedAt: NullableIsoDateTime,
  noticeUntil: NullableIsoDateTime,
  noticePassedAt: NullableIsoDateTime,
  paidAt: NullableIsoDateTime,
  publicNoticeDays: Type.Integer(),
  /** Item counts and totals in integer fen. */
  counts: Type.Object({ included: Type.Integer(), removed: Type.Integer(), prepared: Type.Integer(), paid: Type.Integer(), includedFen: Type.Integer(), paidFen: Type.Integer() }),
};
export const AutoGrantSummary = Type.Object(summaryProperties, { $id: 'AutoGrantSummary' });
export type AutoGrantSummary = Static<typeof AutoGrantSummary>;
export const AutoGrantList = Paged(Type.Ref('AutoGrantSummary'));

export const AutoGrantItem = Type.Object({
  id: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
  amountFen: Type.Integer(),
  status: Type.Enum(['included', 'removed']),
  removedReason: Nullable(Type.String()),
  removedAt: NullableIsoDateTime,
  /** The live disbursement (prepared or paid), if any. */
  disbursement: Nullable(Type.Object({ id: Type.Integer(), status: Type.Enum(['prepared', 'paid', 'cancelled']), preparedBy: Type.Integer(), paidAt: NullableIsoDateTime })),
});

export const AutoGrantDetail = Type.Object({ ...summaryProperties, items: Paged(AutoGrantItem) }, { $id: 'AutoGrantDetail' });
export type AutoGrantDetail = Static<typeof AutoGrantDetail>;

export const AutoGrantQuery = Type.Object({ itemStatus: Type.Optional(Type.Enum(['included', 'removed'])), ...PageQuery });
export const AutoGrantListQuery = Type.Object({ policyId: Type.Optional(Id), status: Type.Optional(AutoGrantStatusSchema), ...PageQuery });
export const AutoGrantExportQuery = Type.Object({ policyId: Type.Optional(Id), status: Type.Optional(AutoGrantStatusSchema) });
export const AutoGrantItemsExportQuery = Type.Object({ itemStatus: Type.Optional(Type.Enum(['included', 'removed'])) });
export const ItemParams = StrictObject({ id: Id, itemId: Id });
export const RemoveItemBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export const ApproveAllBody = StrictObject({ paymentRef: Type.String({ minLength: 1, maxLength: 100 }) });

export const BatchResult = Type.Object({
  /** Disbursements prepared or paid by this call. */
  count: Type.Integer(),
  /** Prepared disbursements the caller could not approve because the caller prepared them. */
  skippedOwn: Type.Integer(),
  grant: Type.Ref('AutoGrantDetail'),
});
export type BatchResult = { count: number; skippedOwn: number; grant: AutoGrantDetail };
