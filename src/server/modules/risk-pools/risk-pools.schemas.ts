import { Type, type Static } from 'typebox';
import { CAPITAL_SOURCES } from '../../../core/ledger/pool.ts';
import { IsoDate, IsoDateTime, Nullable, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** Integer fen, positive, within what bigint and a JS number both hold exactly. */
const PositiveFen = MoneyFen({ minimum: 1 });
const Bp = Type.Integer({ minimum: 0, maximum: 10_000 });

export const CapitalSourceSchema = Type.Enum(CAPITAL_SOURCES);
export const RegistrationStatusSchema = Type.Enum(['active', 'released', 'claimed']);
export const ClaimStatusSchema = Type.Enum(['filed', 'approved', 'paid', 'rejected']);

const Org = Type.Object({ id: Type.Integer(), name: Type.String() });

/** What a pool holds and covers, derived from its ledger and its registrations (integer fen). */
export const PoolFigures = Type.Object({
  /** Contributed capital by source (county, national …). */
  capitalBySource: Type.Record(Type.String(), Type.Integer()),
  capitalFen: Type.Integer(),
  /** leverage × capital. */
  capacityFen: Type.Integer(),
  /** Sum of the active registrations (covered loans not yet repaid or claimed). */
  coveredOutstandingFen: Type.Integer(),
  availableFen: Type.Integer(),
  /** coveredOutstanding ÷ capacity in basis points (null without capital). */
  usageBp: Nullable(Type.Integer()),
  cashFen: Type.Integer(),
  claimsPaidFen: Type.Integer(),
  recoveredFen: Type.Integer(),
  activeLoans: Type.Integer(),
  claimsPending: Type.Integer(),
});

const summaryProperties = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Enum(['active', 'closed']),
  department: Org,
  policy: Type.Object({ id: Type.Integer(), code: Type.String() }),
  leverage: Type.Integer(),
  bankShareBp: Type.Integer(),
  governmentShareBp: Type.Integer(),
  banks: Type.Array(Org),
  products: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Nullable(Type.String()) })),
  figures: PoolFigures,
  createdAt: IsoDateTime,
};
export const RiskPoolSummary = Type.Object(summaryProperties, { $id: 'RiskPoolSummary' });
export type RiskPoolSummary = Static<typeof RiskPoolSummary>;
export const RiskPoolList = Type.Object({ items: Type.Array(Type.Ref('RiskPoolSummary')) });

export const LedgerEntry = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(['contribution', 'payout', 'recovery']),
  debit: Type.String(),
  credit: Type.String(),
  amountFen: Type.Integer(),
  refType: Type.Enum(['contribution', 'claim', 'recovery']),
  refId: Type.Integer(),
  memo: Type.String(),
  postedAt: IsoDateTime,
});
export const Contribution = Type.Object({
  id: Type.Integer(),
  source: CapitalSourceSchema,
  amountFen: Type.Integer(),
  contributedOn: IsoDate,
  reference: Type.String(),
  note: Type.String(),
  createdAt: IsoDateTime,
});
/** Capacity and coverage at the end of each month the pool has figures for (the capacity chart). */
export const UsagePoint = Type.Object({ month: Type.String(), capacityFen: Type.Integer(), coveredFen: Type.Integer() });

export const RiskPoolDetail = Type.Object(
  {
    ...summaryProperties,
    /** Balance of each ledger account (debits − credits), the finance office only (empty for a bank). */
    balances: Type.Array(Type.Object({ account: Type.String(), balanceFen: Type.Integer() })),
    contributions: Type.Array(Contribution),
    usage: Type.Array(UsagePoint),
    /** The newest ledger entries (the finance office only). */
    ledger: Paged(LedgerEntry),
  },
  { $id: 'RiskPoolDetail' },
);
export type RiskPoolDetail = Static<typeof RiskPoolDetail>;

export const Registration = Type.Object(
  {
    id: Type.Integer(),
    poolId: Type.Integer(),
    loanId: Type.Integer(),
    bank: Org,
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String() }),
    coveredFen: Type.Integer(),
    status: RegistrationStatusSchema,
    registeredAt: IsoDateTime,
    releasedAt: NullableIsoDateTime,
  },
  { $id: 'RiskPoolRegistration' },
);
export type Registration = Static<typeof Registration>;
export const RegistrationList = Paged(Type.Ref('RiskPoolRegistration'));

/**
 * Money recovered on the claim's loan (recorded by the bank on the loan): 'deducted' when recorded before the
 * payout (it lowered the net loss), 'shared' after it (the government's share flowed back to the pool).
 */
export const Recovery = Type.Object({
  id: Type.Integer(),
  stage: Type.Enum(['deducted', 'shared']),
  loanRepaymentId: Nullable(Type.Integer()),
  amountFen: Type.Integer(),
  bankShareFen: Type.Integer(),
  governmentShareFen: Type.Integer(),
  recoveredOn: IsoDate,
  note: Type.String(),
  createdAt: IsoDateTime,
});

export const Claim = Type.Object(
  {
    id: Type.Integer(),
    poolId: Type.Integer(),
    poolName: Type.String(),
    registrationId: Type.Integer(),
    loanId: Type.Integer(),
    bank: Org,
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String() }),
    lossFen: Type.Integer(),
    claimedFen: Type.Integer(),
    bankShareFen: Type.Integer(),
    governmentShareFen: Type.Integer(),
    status: ClaimStatusSchema,
    note: Type.String(),
    filedAt: IsoDateTime,
    decidedAt: NullableIsoDateTime,
    rejectReason: Nullable(Type.String()),
    paidAt: NullableIsoDateTime,
    /** Recoveries recorded before the payout: the net loss is lossFen − deductedFen, and claimedFen never exceeds it. */
    deductedFen: Type.Integer(),
    netLossFen: Type.Integer(),
    /** Recoveries after the payout and the government's share of them, back in the pool. */
    recoveredFen: Type.Integer(),
    governmentRecoveredFen: Type.Integer(),
    /** The payment of the government share (payments core): prepared on approval, paid by a second person. */
    disbursement: Nullable(Type.Object({ id: Type.Integer(), status: Type.Enum(['prepared', 'paid']), preparedBy: Type.Integer() })),
    recoveries: Type.Array(Recovery),
  },
  { $id: 'RiskPoolClaim' },
);
export type Claim = Static<typeof Claim>;
export const ClaimList = Paged(Type.Ref('RiskPoolClaim'));

export const ContributionBody = StrictObject({
  source: CapitalSourceSchema,
  amountFen: PositiveFen,
  contributedOn: IsoDate,
  reference: Type.Optional(Type.String({ maxLength: 100 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type ContributionBody = Static<typeof ContributionBody>;

export const CreatePoolBody = StrictObject({
  code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  /** The finance office's policy the payouts are made under (its 风险补偿 document). */
  policyId: Id,
  leverage: Type.Integer({ minimum: 1, maximum: 100 }),
  bankShareBp: Bp,
  /** At least 1 bp: a pool pays something of every loss. */
  governmentShareBp: Type.Integer({ minimum: 1, maximum: 10_000 }),
  bankOrgIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  productIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
  /** The initial capital by source, recorded with the pool in one transaction (one ledger entry each). */
  contributions: Type.Optional(Type.Array(ContributionBody, { maxItems: 10 })),
});
export type CreatePoolBody = Static<typeof CreatePoolBody>;


export const RegistrationBody = StrictObject({ loanId: Id });
export const ClaimBody = StrictObject({ registrationId: Id, claimedFen: PositiveFen, note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type ClaimBody = Static<typeof ClaimBody>;
export const RejectClaimBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export const PayClaimBody = StrictObject({ paymentRef: Type.String({ minLength: 1, maxLength: 100 }) });
export const RecoveryList = Type.Object({ items: Type.Array(Recovery) });

export const PoolDetailQuery = Type.Object({ ...PageQuery });
export const RegistrationListQuery = Type.Object({ poolId: Type.Optional(Id), status: Type.Optional(RegistrationStatusSchema), ...PageQuery });
export const ClaimListQuery = Type.Object({ poolId: Type.Optional(Id), status: Type.Optional(ClaimStatusSchema), ...PageQuery });
export const PoolParams = StrictObject({ id: Id });
