/**
 * The loans API contract (数字普惠金融): products and their versions, the 金融超市 (marketplace), loan
 * applications (leads) with their timeline, decisions, contracts, disbursement, loans, schedules, repayments,
 * defaults and recoveries. Money is integer fen, rates basis points, dates 'YYYY-MM-DD' (county days).
 */
import { Type, type Static } from 'typebox';
import { RuleSchema } from '../../../core/rules/index.ts';
import { DataCategorySchema, IsoDate, IsoDateTime, Nullable, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** An amount in integer fen (分). */
export const Fen = MoneyFen();
const PositiveFen = MoneyFen({ minimum: 1 });
/** An annual rate in basis points (1 bp = 0.01%): 435 = 4.35%. */
const RateBp = Type.Integer({ minimum: 1, maximum: 10_000 });
const Months = Type.Integer({ minimum: 1, maximum: 360 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const LOAN_PRODUCT_TYPES = ['credit', 'collateral', 'guarantee', 'policy'] as const;
export const REPAYMENT_METHODS = ['equal_instalment', 'interest_first', 'bullet'] as const;
export const PRODUCT_VERSION_STATUSES = ['draft', 'in_review', 'published', 'rejected', 'superseded', 'withdrawn'] as const;
export const APPLICATION_STATUSES = ['submitted', 'in_review', 'approved', 'refused', 'contracted', 'disbursed', 'withdrawn'] as const;
export const LOAN_STATUSES = ['active', 'overdue', 'repaid', 'defaulted', 'closed'] as const;
/** The reasons a bank may give for refusing a lead; the enterprise sees the reason and the bank's text. */
export const REFUSAL_REASONS = [
  'insufficient_credit',
  'high_leverage',
  'weak_cash_flow',
  'incomplete_materials',
  'outside_target',
  'negative_records',
  'collateral_insufficient',
  'enterprise_unreachable',
  'other',
] as const;
export const NOTE_KINDS = ['site_visit', 'phone_call', 'document_check', 'other'] as const;
/** Tags a product may carry (free tags are allowed too; these are the ones the marketplace filters by). */
export const PRODUCT_TAGS = ['首贷', '信用贷', '县级产品', '政策性', '线上', '无还本续贷'] as const;

export const LoanProductTypeSchema = Type.Enum(LOAN_PRODUCT_TYPES);
export const RepaymentMethodSchema = Type.Enum(REPAYMENT_METHODS);
export const ProductVersionStatusSchema = Type.Enum(PRODUCT_VERSION_STATUSES);
export const LoanApplicationStatusSchema = Type.Enum(APPLICATION_STATUSES);
export const LoanStatusSchema = Type.Enum(LOAN_STATUSES);
export const RefusalReasonSchema = Type.Enum(REFUSAL_REASONS);
export const NoteKindSchema = Type.Enum(NOTE_KINDS);

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });

// Products ----------------------------------------------------------------------------------------

/** The terms of a product version (what a bank drafts and the finance office approves). */
const ProductTerms = {
  name: Text(100),
  productType: LoanProductTypeSchema,
  summary: Type.String({ maxLength: 2000 }),
  amountMinFen: PositiveFen,
  amountMaxFen: PositiveFen,
  rateMinBp: RateBp,
  rateMaxBp: RateBp,
  termMinMonths: Months,
  termMaxMonths: Months,
  repaymentMethods: Type.Array(RepaymentMethodSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  /** Consent categories the bank needs to see (granted with an application). */
  dataCategories: Type.Array(DataCategorySchema, { minItems: 1, maxItems: 7, uniqueItems: true }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10, uniqueItems: true }),
  /** Target customers: a rule of the policies' rule language (docs/rules.md); checked at save. */
  targetRule: RuleSchema,
  /** Working days the bank has to answer a lead (default 10). */
  responseDays: Type.Integer({ minimum: 1, maximum: 60 }),
};

export const CreateProductBody = StrictObject({
  /** Stable code, upper case (e.g. 'DIANYIDAI'); unique. */
  code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,39}$' }),
  ...ProductTerms,
  summary: Type.Optional(ProductTerms.summary),
  tags: Type.Optional(ProductTerms.tags),
  responseDays: Type.Optional(ProductTerms.responseDays),
});
export type CreateProductInput = Static<typeof CreateProductBody>;

/** Edits the open draft (every field optional). */
export const UpdateProductBody = StrictObject({
  name: Type.Optional(ProductTerms.name),
  productType: Type.Optional(ProductTerms.productType),
  summary: Type.Optional(ProductTerms.summary),
  amountMinFen: Type.Optional(ProductTerms.amountMinFen),
  amountMaxFen: Type.Optional(ProductTerms.amountMaxFen),
  rateMinBp: Type.Optional(ProductTerms.rateMinBp),
  rateMaxBp: Type.Optional(ProductTerms.rateMaxBp),
  termMinMonths: Type.Optional(ProductTerms.termMinMonths),
  termMaxMonths: Type.Optional(ProductTerms.termMaxMonths),
  repaymentMethods: Type.Optional(ProductTerms.repaymentMethods),
  dataCategories: Type.Optional(ProductTerms.dataCategories),
  tags: Type.Optional(ProductTerms.tags),
  targetRule: Type.Optional(ProductTerms.targetRule),
  responseDays: Type.Optional(ProductTerms.responseDays),
});
export type UpdateProductInput = Static<typeof UpdateProductBody>;

export const RejectBody = StrictObject({ reason: Text(2000) });
export type RejectInput = Static<typeof RejectBody>;

export const ProductVersionView = Type.Object(
  {
    id: Type.Integer(),
    productId: Type.Integer(),
    version: Type.Integer(),
    status: ProductVersionStatusSchema,
    name: Type.String(),
    productType: LoanProductTypeSchema,
    summary: Type.String(),
    amountMinFen: Type.Integer(),
    amountMaxFen: Type.Integer(),
    rateMinBp: Type.Integer(),
    rateMaxBp: Type.Integer(),
    termMinMonths: Type.Integer(),
    termMaxMonths: Type.Integer(),
    repaymentMethods: Type.Array(RepaymentMethodSchema),
    dataCategories: Type.Array(DataCategorySchema),
    tags: Type.Array(Type.String()),
    targetRule: Type.Unknown(),
    /** The target rule in words, zh and en. */
    targetRuleText: Bilingual,
    responseDays: Type.Integer(),
    createdAt: IsoDateTime,
    submittedAt: NullableIsoDateTime,
    decidedAt: NullableIsoDateTime,
    rejectReason: Nullable(Type.String()),
    publishedAt: NullableIsoDateTime,
  },
  { $id: 'LoanProductVersion' },
);
export type ProductVersionView = Static<typeof ProductVersionView>;

export const ProductSummary = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    bank: OrgRef,
    /** The published version (what enterprises see), or null while none is. */
    published: Nullable(Type.Ref('LoanProductVersion')),
    /** The open draft or version in review, if any (bank and finance office only). */
    pending: Nullable(Type.Ref('LoanProductVersion')),
    createdAt: IsoDateTime,
  },
  { $id: 'LoanProductSummary' },
);
export type ProductSummary = Static<typeof ProductSummary>;

export const ProductDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  bank: OrgRef,
  published: Nullable(Type.Ref('LoanProductVersion')),
  pending: Nullable(Type.Ref('LoanProductVersion')),
  /** Every version, newest first (bank and finance office; others see the published one only). */
  versions: Type.Array(Type.Ref('LoanProductVersion')),
  createdAt: IsoDateTime,
});
export type ProductDetail = Static<typeof ProductDetail>;

export const ProductListQuery = StrictObject({
  ...PageQuery,
  bankOrgId: Type.Optional(Id),
  productType: Type.Optional(LoanProductTypeSchema),
  /** 'published' (live), 'pending' (a draft or in review), 'in_review' (awaiting the finance office). */
  state: Type.Optional(Type.Enum(['published', 'pending', 'in_review'])),
  tag: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type ProductListQuery = Static<typeof ProductListQuery>;
export const ProductList = Paged(Type.Ref('LoanProductSummary'));

// Marketplace (金融超市) ----------------------------------------------------------------------------

export const MarketplaceQuery = StrictObject({
  productType: Type.Optional(LoanProductTypeSchema),
  tag: Type.Optional(Type.String({ maxLength: 20 })),
  /** Include products the enterprise does not match (with why not). Default false. */
  includeUnmatched: Type.Optional(Type.Boolean()),
});
export type MarketplaceQuery = Static<typeof MarketplaceQuery>;

export const MarketplaceItem = Type.Object({
  productId: Type.Integer(),
  versionId: Type.Integer(),
  code: Type.String(),
  bank: OrgRef,
  name: Type.String(),
  productType: LoanProductTypeSchema,
  summary: Type.String(),
  tags: Type.Array(Type.String()),
  amountMinFen: Type.Integer(),
  amountMaxFen: Type.Integer(),
  rateMinBp: Type.Integer(),
  rateMaxBp: Type.Integer(),
  termMinMonths: Type.Integer(),
  termMaxMonths: Type.Integer(),
  repaymentMethods: Type.Array(RepaymentMethodSchema),
  dataCategories: Type.Array(DataCategorySchema),
  /** The rule engine's three-valued outcome for this enterprise today. */
  outcome: Type.Enum(['eligible', 'ineligible', 'unknown']),
  /** The explanation clause by clause (the rule engine's rendering), zh and en lines. */
  explanation: Type.Object({ zh: Type.Array(Type.String()), en: Type.Array(Type.String()) }),
  /** Monthly payment of the first instalment at the maximum amount, minimum rate and maximum term (comparison). */
  exampleMonthlyPaymentFen: Type.Integer(),
  /** The enterprise's open application for this product, if any. */
  openApplicationId: Nullable(Type.Integer()),
});
export type MarketplaceItem = Static<typeof MarketplaceItem>;

export const Marketplace = Type.Object({
  enterpriseId: Type.Integer(),
  evaluationDate: IsoDate,
  items: Type.Array(MarketplaceItem),
  /** Per product type: how many matched and the lowest minimum rate (for the comparison chart). */
  comparison: Type.Array(Type.Object({ productType: LoanProductTypeSchema, matched: Type.Integer(), lowestRateBp: Nullable(Type.Integer()), highestAmountFen: Nullable(Type.Integer()) })),
});
export type Marketplace = Static<typeof Marketplace>;

// Applications (leads) ---------------------------------------------------------------------------

export const CreateLoanApplicationBody = StrictObject({
  productId: Id,
  amountFen: PositiveFen,
  termMonths: Months,
  purpose: Text(500),
  repaymentMethod: RepaymentMethodSchema,
  /** How long the bank may see the product's data categories (the consent granted with the application). */
  consentMonths: Type.Integer({ minimum: 1, maximum: 36 }),
});
export type CreateLoanApplicationInput = Static<typeof CreateLoanApplicationBody>;

export const LoanEventView = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  /** submit, take, note, approve, refuse, contract, disburse, withdraw, warn, escalate, repay, overdue, default, recover, close, consent_revoked … */
  action: Type.String(),
  actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  note: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type LoanEventView = Static<typeof LoanEventView>;

const Refusal = Type.Object({ code: RefusalReasonSchema, label: Bilingual, text: Nullable(Type.String()) });

export const LoanApplicationSummary = Type.Object(
  {
    id: Type.Integer(),
    status: LoanApplicationStatusSchema,
    product: Type.Object({ id: Type.Integer(), versionId: Type.Integer(), code: Type.String(), name: Type.String(), productType: LoanProductTypeSchema }),
    bank: OrgRef,
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
    amountFen: Type.Integer(),
    termMonths: Type.Integer(),
    repaymentMethod: RepaymentMethodSchema,
    purpose: Type.String(),
    submittedAt: IsoDateTime,
    /** The bank's response deadline; overdue while undecided past it. */
    dueAt: IsoDateTime,
    overdue: Type.Boolean(),
    escalatedAt: NullableIsoDateTime,
    decidedAt: NullableIsoDateTime,
    approved: Nullable(Type.Object({ amountFen: Type.Integer(), rateBp: Type.Integer(), termMonths: Type.Integer() })),
    refusal: Nullable(Refusal),
    loanId: Nullable(Type.Integer()),
  },
  { $id: 'LoanApplicationSummary' },
);
export type LoanApplicationSummary = Static<typeof LoanApplicationSummary>;

export const LoanApplicationDetail = Type.Object(
  {
    ...LoanApplicationSummary.properties,
    consent: Nullable(
      Type.Object({ id: Type.Integer(), categories: Type.Array(DataCategorySchema), validFrom: IsoDateTime, validUntil: IsoDateTime, revokedAt: NullableIsoDateTime, active: Type.Boolean() }),
    ),
    contract: Nullable(Type.Object({ contractNo: Type.String(), signedOn: IsoDate })),
    timeline: Type.Array(LoanEventView),
  },
  { $id: 'LoanApplicationDetail' },
);
export type LoanApplicationDetail = Static<typeof LoanApplicationDetail>;

export const LoanApplicationListQuery = StrictObject({
  ...PageQuery,
  status: Type.Optional(LoanApplicationStatusSchema),
  /** Undecided leads past their response deadline. */
  overdue: Type.Optional(Type.Boolean()),
  /** Undecided leads: submitted or in review. */
  open: Type.Optional(Type.Boolean()),
  productId: Type.Optional(Id),
  bankOrgId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
});
export type LoanApplicationListQuery = Static<typeof LoanApplicationListQuery>;
export const LoanApplicationList = Paged(Type.Ref('LoanApplicationSummary'));

export const NoteBody = StrictObject({ kind: NoteKindSchema, text: Text(2000), visitedOn: Type.Optional(IsoDate) });
export type NoteInput = Static<typeof NoteBody>;

export const DecisionBody = Type.Union([
  StrictObject({ decision: Type.Literal('approve'), amountFen: PositiveFen, rateBp: RateBp, termMonths: Months }),
  StrictObject({ decision: Type.Literal('refuse'), reasonCode: RefusalReasonSchema, text: Text(2000) }),
]);
export type DecisionInput = Static<typeof DecisionBody>;

export const ContractBody = StrictObject({ contractNo: Text(64), signedOn: Type.Optional(IsoDate) });
export type ContractInput = Static<typeof ContractBody>;

export const DisburseBody = StrictObject({ disbursedOn: Type.Optional(IsoDate), reference: Type.Optional(Text(64)) });
export type DisburseInput = Static<typeof DisburseBody>;

// Loans ---------------------------------------------------------------------------------------------

export const InstallmentView = Type.Object({
  seq: Type.Integer(),
  dueOn: IsoDate,
  principalFen: Type.Integer(),
  interestFen: Type.Integer(),
  paidPrincipalFen: Type.Integer(),
  paidInterestFen: Type.Integer(),
  settledOn: Nullable(IsoDate),
  /** 'settled', 'due' (not yet due or due today), 'overdue'. */
  state: Type.Enum(['settled', 'due', 'overdue']),
});

export const RepaymentView = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(['repayment', 'recovery']),
  paidOn: IsoDate,
  amountFen: Type.Integer(),
  principalFen: Type.Integer(),
  interestFen: Type.Integer(),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
});

export const LoanSummary = Type.Object(
  {
    id: Type.Integer(),
    applicationId: Type.Integer(),
    status: LoanStatusSchema,
    product: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), productType: LoanProductTypeSchema }),
    bank: OrgRef,
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
    principalFen: Type.Integer(),
    rateBp: Type.Integer(),
    termMonths: Type.Integer(),
    repaymentMethod: RepaymentMethodSchema,
    disbursedOn: IsoDate,
    maturityOn: IsoDate,
    outstandingPrincipalFen: Type.Integer(),
    repaidPrincipalFen: Type.Integer(),
    repaidInterestFen: Type.Integer(),
    isFirstLoan: Type.Boolean(),
    overdueSince: Nullable(IsoDate),
    defaultedOn: Nullable(IsoDate),
    defaultAmountFen: Nullable(Type.Integer()),
    recoveredFen: Type.Integer(),
    /** The next unsettled instalment, if any. */
    nextDue: Nullable(Type.Object({ seq: Type.Integer(), dueOn: IsoDate, amountFen: Type.Integer() })),
  },
  { $id: 'LoanSummary' },
);
export type LoanSummary = Static<typeof LoanSummary>;

export const LoanDetail = Type.Object({
  ...LoanSummary.properties,
  schedule: Type.Array(InstallmentView),
  repayments: Type.Array(RepaymentView),
  timeline: Type.Array(LoanEventView),
});
export type LoanDetail = Static<typeof LoanDetail>;

export const LoanListQuery = StrictObject({
  ...PageQuery,
  status: Type.Optional(LoanStatusSchema),
  productId: Type.Optional(Id),
  bankOrgId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
  disbursedFrom: Type.Optional(IsoDate),
  disbursedTo: Type.Optional(IsoDate),
  /** The enterprise's first loan from any bank (首贷). */
  firstLoan: Type.Optional(Type.Boolean()),
  /** The borrowers' town and GB/T 4754 门类 (the cockpit's scope, for its drill-down). */
  town: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  industry: Type.Optional(Type.String({ pattern: '^[A-T]$' })),
});
export type LoanListQuery = Static<typeof LoanListQuery>;
export const LoanList = Paged(Type.Ref('LoanSummary'));

/** A repayment: allocated to the oldest unsettled instalments, interest first then principal. */
export const RepaymentBody = StrictObject({ amountFen: PositiveFen, paidOn: Type.Optional(IsoDate), note: Type.Optional(Type.String({ maxLength: 500 })) });
export type RepaymentInput = Static<typeof RepaymentBody>;

export const DefaultBody = StrictObject({ reason: Text(2000), defaultedOn: Type.Optional(IsoDate) });
export type DefaultInput = Static<typeof DefaultBody>;

/** Money recovered after a default (collateral sold, guarantor, court); closes the loan with `close: true`. */
export const RecoveryBody = StrictObject({ amountFen: PositiveFen, recoveredOn: Type.Optional(IsoDate), note: Type.Optional(Type.String({ maxLength: 500 })), close: Type.Optional(Type.Boolean()) });
export type RecoveryInput = Static<typeof RecoveryBody>;

/** The refusal reasons and note kinds with their names, for the bank's forms. */
export const LoanCodes = Type.Object({
  refusalReasons: Type.Array(Type.Object({ code: RefusalReasonSchema, label: Bilingual })),
  noteKinds: Type.Array(Type.Object({ code: NoteKindSchema, label: Bilingual })),
});
export type LoanCodes = Static<typeof LoanCodes>;

/** The workbench home: counts of leads and loans in the actor's scope (a bank its own, 金融办 all). */
export const WorkbenchSummary = Type.Object({
  applications: Type.Object({ submitted: Type.Integer(), inReview: Type.Integer(), overdue: Type.Integer(), approved: Type.Integer(), contracted: Type.Integer() }),
  loans: Type.Object({ active: Type.Integer(), overdue: Type.Integer(), defaulted: Type.Integer(), outstandingFen: Type.Integer() }),
  /** Undecided leads by deadline, soonest first (at most 10). */
  dueSoon: Type.Array(Type.Ref('LoanApplicationSummary')),
});
export type WorkbenchSummary = Static<typeof WorkbenchSummary>;
