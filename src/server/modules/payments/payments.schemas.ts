import { Type, type Static } from 'typebox';
import { IsoDateTime, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';
import { Nullable } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const Disbursement = Type.Object(
  {
    id: Type.Integer(),
    policy: Type.Object({ id: Type.Integer(), code: Type.String(), departmentName: Type.String() }),
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
    /** What is paid: an application, or an item of a 免申即享 grant. */
    applicationId: Nullable(Type.Integer()),
    /** The application's official number (经信申〔2026〕0001号); null for other targets. */
    applicationNumber: Nullable(Type.String()),
    autoGrantItemId: Nullable(Type.Integer()),
    autoGrantId: Nullable(Type.Integer()),
    /** Integer fen. */
    amountFen: Type.Integer(),
    /** The estimate the amount was decided from (an application's 申报金额), integer fen; null when none. */
    estimateFen: Nullable(Type.Integer()),
    /** amountFen − estimateFen (negative: 核减); null without an estimate. */
    differenceFen: Nullable(Type.Integer()),
    /** The most the policy allows for this target, integer fen; null when nothing bounds it. */
    boundFen: Nullable(Type.Integer()),
    /** Whether the amount is within the bound: a checker cannot pay it otherwise (409 amount_above_bound). */
    withinBound: Type.Boolean(),
    /** The reviewer's reason for an amount other than the estimate. */
    amountReason: Nullable(Type.String()),
    status: Type.Enum(['prepared', 'paid', 'cancelled']),
    preparedBy: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
    preparedAt: IsoDateTime,
    approvedBy: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
    paidAt: NullableIsoDateTime,
    paymentRef: Nullable(Type.String()),
    cancelledAt: NullableIsoDateTime,
    cancelReason: Nullable(Type.String()),
  },
  { $id: 'Disbursement' },
);
export type Disbursement = Static<typeof Disbursement>;
export const DisbursementList = Paged(Type.Ref('Disbursement'));

export const PrepareDisbursementBody = StrictObject(
  {
    applicationId: Type.Optional(Id),
    autoGrantItemId: Type.Optional(Id),
    /** The amount in integer fen: must be the approved (or granted) amount, typed again by the maker. */
    amountFen: MoneyFen({ minimum: 1 }),
  },
  { description: 'Exactly one of applicationId and autoGrantItemId' },
);
export type PrepareDisbursementInput = Static<typeof PrepareDisbursementBody>;
export type DisbursementListFilter = Pick<Static<typeof DisbursementListQuery>, 'status' | 'policyId'>;

export const ApproveDisbursementBody = StrictObject({ paymentRef: Type.String({ minLength: 1, maxLength: 100, description: 'The bank transfer or treasury voucher number' }) });
export const CancelDisbursementBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export const DisbursementListQuery = Type.Object({ status: Type.Optional(Type.Enum(['prepared', 'paid', 'cancelled'])), policyId: Type.Optional(Id), ...PageQuery });
export const DisbursementExportQuery = Type.Object({ status: Type.Optional(Type.Enum(['prepared', 'paid', 'cancelled'])), policyId: Type.Optional(Id) });
