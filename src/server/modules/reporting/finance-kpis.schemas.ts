import { Type, type Static } from 'typebox';
import { IsoDate, Nullable } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const FinanceKpisQuery = Type.Object({
  /** County dates, inclusive; the default is the last twelve months. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  /** A bank's organisation id (a bank sees only its own figures). */
  bank: Type.Optional(Id),
  product: Type.Optional(Id),
  /** Granularity of the lending series. */
  period: Type.Optional(Type.Enum(['month', 'quarter', 'year'])),
});
export type FinanceKpisQuery = Static<typeof FinanceKpisQuery>;

export const FinanceKpis = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    bankOrgId: Nullable(Type.Integer()),
    productId: Nullable(Type.Integer()),
    period: Type.Enum(['month', 'quarter', 'year']),
    /** Distinct enterprises with a loan disbursed in the range. */
    enterprisesWithLoans: Type.Integer(),
    loans: Type.Integer(),
    amountLentFen: Type.Integer(),
    /** Lending per period of the range ('2026-03', '2026-Q1', '2026'), every period listed. */
    series: Type.Array(Type.Object({ period: Type.String(), loans: Type.Integer(), enterprises: Type.Integer(), amountFen: Type.Integer() })),
    /** Borrowers of the range with no loan disbursed before it ÷ borrowers (basis points). */
    firstLoan: Type.Object({ borrowers: Type.Integer(), firstTimeBorrowers: Type.Integer(), rateBp: Nullable(Type.Integer()) }),
    /** Working days (county calendar) from submission to an approval decided in the range. */
    approvalTime: Type.Object({ decisions: Type.Integer(), averageWorkingDays: Nullable(Type.Number()), medianWorkingDays: Nullable(Type.Number()) }),
    /** Refusals decided in the range by reason code. */
    refusals: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
    /** Each risk pool (of the bank, or covering the product): capacity and coverage now. */
    pools: Type.Array(
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        capitalFen: Type.Integer(),
        capacityFen: Type.Integer(),
        coveredOutstandingFen: Type.Integer(),
        usageBp: Nullable(Type.Integer()),
        claimsPaidFen: Type.Integer(),
        recoveredFen: Type.Integer(),
      }),
    ),
    /** Per bank (the finance office) or per product: loans and amount in the range. */
    byBank: Type.Array(Type.Object({ bankOrgId: Type.Integer(), name: Type.String(), loans: Type.Integer(), enterprises: Type.Integer(), amountFen: Type.Integer() })),
    byProduct: Type.Array(Type.Object({ productId: Type.Integer(), code: Type.String(), name: Nullable(Type.String()), loans: Type.Integer(), amountFen: Type.Integer() })),
  },
  { $id: 'FinanceKpis' },
);
export type FinanceKpis = Static<typeof FinanceKpis>;
