/**
 * The HTTP API's shapes as the web uses them: the one file that imports from src/server. Every response
 * and request type is the server's own (the `Static` of its TypeBox schema, or a row enum of its database
 * schema), imported as a type, so nothing of the server reaches the bundle and a change of a shape fails
 * tsc where the web reads it. When the server's folders move, only the paths below change.
 *
 * Schemas that embed `Type.Ref(…)` read as `unknown` through Static; those types are rebuilt here from the
 * referenced parts. Run-time lists the web needs (a role picker, a status filter) are spelt out here and
 * checked complete against the server's union by `everyMember`.
 */
import type { Static } from 'typebox';
import type * as ServerCadreSchemas from '../../server/modules/cadres/cadres.schemas.ts';
import type * as ServerRecordSchemas from '../../server/modules/records/records.schemas.ts';
import type {
  ApplicationDetail as ServerApplicationDetail,
  ApplicationEventView,
  ApplicationFileView,
  ApplicationForm as ServerApplicationForm,
  ApplicationSummary as ServerApplicationSummary,
  ApproveStepInput as ServerApproveStepInput,
  CreateApplicationInput as ServerCreateApplicationInput,
  PublicNotice as ServerPublicNotice,
} from '../../server/modules/applications/applications.schemas.ts';
import type {
  AdminUser as ServerAdminUser,
  CreateOrgInput as ServerCreateOrgInput,
  CreateUserInput as ServerCreateUserInput,
  Org as ServerOrg,
  ResetPasswordBody,
  UpdateUserInput as ServerUpdateUserInput,
} from '../../server/modules/accounts/accounts.schemas.ts';
import type { LockoutList, LoginBody, PasswordChangeBody, PasswordExpiryList, PasswordPolicyView, SessionList, UserView } from '../../server/modules/auth/auth.schemas.ts';
import type {
  AutoGrantDetail as ServerAutoGrantDetail,
  AutoGrantSummary as ServerAutoGrantSummary,
  BatchResult as ServerBatchResult,
} from '../../server/modules/auto-grants/auto-grants.schemas.ts';
import type {
  Consent as ServerConsent,
  GrantConsentInput as ServerGrantConsentInput,
  Grantee as GranteeSchema,
  ReceivedConsent as ServerReceivedConsent,
} from '../../server/modules/consents/consents.schemas.ts';
import type { Disbursement as ServerDisbursement, PrepareDisbursementInput as ServerPrepareDisbursementInput } from '../../server/modules/payments/payments.schemas.ts';
import type {
  AdminDispute as ServerAdminDispute,
  Dispute as ServerDispute,
  FileDisputeInput as ServerFileDisputeInput,
  ResolveDisputeInput as ServerResolveDisputeInput,
} from '../../server/modules/disputes/disputes.schemas.ts';
import type {
  CreateEnterpriseInput as ServerCreateEnterpriseInput,
  DerivedTagSchema,
  EnterpriseDetail as ServerEnterpriseDetail,
  EnterpriseSummary as ServerEnterpriseSummary,
  Industries as IndustriesSchema,
  ProfileTag,
  Town as TownSchema,
} from '../../server/modules/enterprises/enterprises.schemas.ts';
import type { LISTED_IMPORT_KINDS as SERVER_IMPORT_KINDS, ImportBatch as ServerImportBatch, ImportError as ServerImportError } from '../../server/modules/imports/imports.schemas.ts';
import type {
  Indicator as ServerIndicator,
  IndicatorValue as ServerIndicatorValue,
  IndicatorValueInput as ServerIndicatorValueInput,
  WriteIndicatorValuesResult as WriteIndicatorValuesResultSchema,
} from '../../server/modules/indicators/indicators.schemas.ts';
import type { NotificationList as NotificationListSchema, NotificationView, ReadAllResult as ReadAllResultSchema } from '../../server/modules/notifications/notifications.schemas.ts';
import type { OutboundDelivery as ServerOutboundDelivery } from '../../server/modules/outbound/outbound.schemas.ts';
import type {
  CreateGoldenCaseInput as ServerCreateGoldenCaseInput,
  CreatePolicyInput as ServerCreatePolicyInput,
  Evaluation,
  FormField,
  Funnel,
  GoldenCase as ServerGoldenCase,
  GoldenRun as ServerGoldenRun,
  PolicyDetail as ServerPolicyDetail,
  PolicyReading as ServerPolicyReading,
  ReadPolicyTextInput as ServerReadPolicyTextInput,
  PolicySummary as ServerPolicySummary,
  Preview,
  ReviewQueue as ServerReviewQueue,
  ReviewStep,
  UpdatePolicyInput as ServerUpdatePolicyInput,
} from '../../server/modules/policies/policies.schemas.ts';
import type {
  ContractInput as ServerContractInput,
  CreateLoanApplicationInput as ServerCreateLoanApplicationInput,
  CreateProductInput as ServerCreateProductInput,
  DecisionInput as ServerDecisionInput,
  DefaultInput as ServerDefaultInput,
  DisburseInput as ServerDisburseInput,
  LoanApplicationDetail as ServerLoanApplicationDetail,
  LoanApplicationSummary as ServerLoanApplicationSummary,
  LoanCodes as ServerLoanCodes,
  LoanDetail as ServerLoanDetail,
  LoanEventView as ServerLoanEventView,
  LoanSummary as ServerLoanSummary,
  Marketplace as ServerMarketplace,
  MarketplaceItem as ServerMarketplaceItem,
  NoteInput as ServerNoteInput,
  PRODUCT_TAGS as SERVER_PRODUCT_TAGS,
  ProductDetail as ServerLoanProductDetail,
  ProductSummary as ServerLoanProductSummary,
  ProductVersionView as ServerLoanProductVersion,
  RecoveryInput as ServerRecoveryInput,
  RejectInput as ServerRejectInput,
  RepaymentInput as ServerRepaymentInput,
  UpdateProductInput as ServerUpdateProductInput,
  WorkbenchSummary as ServerWorkbenchSummary,
} from '../../server/modules/loans/loans.schemas.ts';
import type {
  Claim as ServerRiskClaim,
  ClaimBody as ServerClaimBody,
  ContributionBody as ServerContributionBody,
  CreatePoolBody as ServerCreatePoolBody,
  Registration as ServerRiskRegistration,
  RiskPoolDetail as ServerRiskPoolDetail,
  RiskPoolSummary as ServerRiskPoolSummary,
} from '../../server/modules/risk-pools/risk-pools.schemas.ts';
import type {
  CreditModel as ServerCreditModel,
  CreditReport as ServerCreditReport,
  MyCreditAssessment as ServerMyCreditAssessment,
  TrainModelInput as ServerTrainModelInput,
} from '../../server/modules/credit/credit.schemas.ts';
import type {
  CreateProgramBody as ServerCreateProgramBody,
  ProgramDetail as ServerProgramDetail,
  ProgramSummary as ServerProgramSummary,
  WhitelistEntry as ServerWhitelistEntry,
} from '../../server/modules/loan-programs/loan-programs.schemas.ts';
import type { FinanceKpis as ServerFinanceKpis, FinanceKpisQuery as ServerFinanceKpisQuery } from '../../server/modules/reporting/finance-kpis.schemas.ts';
import type { HomeSection as ServerHomeSection, MeHome as ServerMeHome } from '../../server/modules/reporting/home.schemas.ts';
import type { DashboardQuery as ServerDashboardQuery, DashboardSummary as ServerDashboardSummary } from '../../server/modules/reporting/dashboard.schemas.ts';
import type { MyPolicyMatches as ServerMyPolicyMatches, PushView } from '../../server/modules/matching/matching.schemas.ts';
import type { ErrorResponse, Paged } from '../../server/http/schemas.ts';
import type {
  AssignInput as ServerAssignInput,
  CategoryList as ServerCategoryList,
  CategorySuggestionList as ServerCategorySuggestionList,
  CreateRuleInput as ServerCreateRuleInput,
  CreateDemandInput as ServerCreateDemandInput,
  CreateServiceInput as ServerCreateServiceInput,
  DemandDetail as ServerDemandDetail,
  DemandFile as ServerDemandFile,
  DemandSuggestion as ServerDemandSuggestion,
  DemandSummaryCounts as ServerDemandSummaryCounts,
  DemandSummaryItem as ServerDemandSummaryItem,
  DuplicateList as ServerDuplicateList,
  HandlerList as ServerHandlerList,
  OverdueBoard as ServerOverdueBoard,
  RouterModelList as ServerRouterModelList,
  RoutingRule as ServerRoutingRule,
  ServiceItem as ServerServiceItem,
  TimelineEntry as ServerTimelineEntry,
  UpdateRuleInput as ServerUpdateRuleInput,
  UpdateServiceInput as ServerUpdateServiceInput,
} from '../../server/modules/demands/demands.schemas.ts';
import type {
  AuditOutcome as ServerAuditOutcome,
  EnterpriseStatus as ServerEnterpriseStatus,
  EnterpriseType as ServerEnterpriseType,
  OrgType as ServerOrgType,
  Role as ServerRole,
  SizeClass as ServerSizeClass,
} from '../../server/db/schema.ts';

/**
 * The list of every member of a union type, as a value: tsc rejects the list when it misses a member, so a
 * value the server adds (a role, a status) cannot be left out of the web's pickers and filters unnoticed.
 * (`satisfies readonly T[]` alone catches only members that do not exist.)
 */
function everyMember<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}

// ── Platform: session, accounts, audit, errors ──────────────────────────────────────────────────────────

export type Role = ServerRole;
export const ROLES = everyMember<Role>()(['enterprise_user', 'department_staff', 'dispatcher', 'cadre', 'provider_staff', 'bank_staff', 'data_admin', 'admin', 'auditor', 'leader', 'security_admin']);

export type OrgType = ServerOrgType;
export const ORG_TYPES = everyMember<OrgType>()(['enterprise', 'department', 'dispatch_centre', 'bank', 'service_provider', 'platform']);

/** The signed-in user (`GET /api/auth/me`, `POST /api/auth/login`). */
export type User = Static<typeof UserView>;
export type LoginInput = Static<typeof LoginBody>;
export type ChangePasswordInput = Static<typeof PasswordChangeBody>;
/** The security administrator's pages. */
export type PasswordPolicy = Static<typeof PasswordPolicyView>;
export type Lockout = Static<typeof LockoutList>['items'][number];
export type SessionRow = Static<typeof SessionList>['items'][number];
export type PasswordExpiry = Static<typeof PasswordExpiryList>;
export type PasswordExpiryRow = PasswordExpiry['items'][number];

/** One page of a list: `items` is typed by the caller (the server's `Paged` schema reads as unknown[]). */
export type Page<T> = Omit<Static<ReturnType<typeof Paged>>, 'items'> & { items: T[] };

/** A user as the admin sees it (`GET /api/admin/users`). */
export type AdminUser = ServerAdminUser;
export type Org = ServerOrg;
export type CreateUserInput = ServerCreateUserInput;
export type UpdateUserInput = ServerUpdateUserInput;
export type ResetPasswordInput = Static<typeof ResetPasswordBody>;
export type CreateOrgInput = ServerCreateOrgInput;

export type AuditOutcome = ServerAuditOutcome;
export const AUDIT_OUTCOMES = everyMember<AuditOutcome>()(['success', 'failure', 'denied']);

/**
 * A row of the audit log (`GET /api/audit`). The server keeps this schema private to its audit routes, so
 * it is the one response shape written out here; move it to an exported schema to import it like the rest.
 */
export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorOrgId: number | null;
  actorOrgName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** The body of every error response. */
export type ErrorBody = Static<typeof ErrorResponse>;

// ── Enterprise profile: registry, indicators, imports, consents, disputes ───────────────────────────────

/** Data categories an enterprise authorises separately (数据授权): the list lives in src/core, shared code. */
export { DATA_CATEGORIES, type DataCategory } from '../../core/profile/indicators.ts';
export type SizeClass = ServerSizeClass;
export const SIZE_CLASSES = everyMember<SizeClass>()(['large', 'medium', 'small', 'micro']);
export type EnterpriseType = ServerEnterpriseType;
export const ENTERPRISE_TYPES = everyMember<EnterpriseType>()(['limited_company', 'joint_stock_company', 'individual_business', 'partnership', 'sole_proprietorship', 'branch', 'cooperative', 'other']);
export type EnterpriseStatus = ServerEnterpriseStatus;
export const ENTERPRISE_STATUSES = everyMember<EnterpriseStatus>()(['operating', 'suspended', 'cancelled', 'revoked', 'moved_out']);

/** A row of the registry search (`GET /api/enterprises`). */
export type EnterpriseSummary = ServerEnterpriseSummary;

/** A derived profile fact with the reason it holds, in both languages. */
export type DerivedTag = Static<typeof DerivedTagSchema>;

type ServerProfile = NonNullable<ServerEnterpriseDetail['profile']>;
export type DerivedProfile = Omit<ServerProfile, 'sizeClass' | 'aboveScale' | 'lifecycleStage' | 'tags'> & {
  sizeClass: DerivedTag | null;
  aboveScale: DerivedTag | null;
  lifecycleStage: DerivedTag | null;
  tags: DerivedTag[];
};
export type ProfileCompleteness = ServerProfile['completeness'];
export type Certification = ServerEnterpriseDetail['certifications'][number];

/** One enterprise as far as the caller may see it (`GET /api/enterprises/:id`, `GET /api/me/enterprise`). */
export type EnterpriseDetail = Omit<ServerEnterpriseDetail, 'profile'> & { profile: DerivedProfile | null };
export type CreateEnterpriseInput = ServerCreateEnterpriseInput;

export type Town = Static<typeof TownSchema>;
export type Industries = Static<typeof IndustriesSchema>;
/** The derived-tag vocabulary (`GET /api/enterprise-tags`). */
export type ProfileTagName = Static<typeof ProfileTag>;

/** An indicator of the registry (`GET /api/indicators`). */
export type Indicator = ServerIndicator;
export type Periodicity = Indicator['periodicity'];
/** One value of one indicator for one period from one source (`GET /api/enterprises/:id/indicators`). */
export type IndicatorValue = ServerIndicatorValue;
/** One value to write: an integer in the indicator's unit (fen for money) or a grade's text. */
export type IndicatorValueInput = ServerIndicatorValueInput;
export type WriteIndicatorValuesResult = Static<typeof WriteIndicatorValuesResultSchema>;

/** What a data admin may upload (certifications come only from the command line). */
/** Kinds a file upload takes: the built-in ones and those registered by modules (12345 work orders, the linking table of 千人联千企). */
export type ImportKind = (typeof SERVER_IMPORT_KINDS)[number];
export const IMPORT_KINDS = everyMember<ImportKind>()(['indicators', 'enterprises', 'demands_12345', 'cadre_links', 'records']);
export type ImportBatch = ServerImportBatch;
export type ImportStatus = ImportBatch['status'];
export type ImportError = ServerImportError;

export type Grantee = Static<typeof GranteeSchema>;
export type GranteeType = Grantee['type'];
/** A consent the enterprise gave (`GET /api/me/consents`). */
export type Consent = ServerConsent;
export type ConsentStatus = Consent['status'];
/** A consent a bank or provider received (`GET /api/consents/received`). */
export type ReceivedConsent = ServerReceivedConsent;
export type GrantConsentInput = ServerGrantConsentInput;

export type Dispute = ServerDispute;
export type DisputeStatus = Dispute['status'];
export const DISPUTE_STATUSES = everyMember<DisputeStatus>()(['open', 'accepted', 'rejected']);
export type AdminDispute = ServerAdminDispute;
export type FileDisputeInput = ServerFileDisputeInput;
export type ResolveDisputeInput = ServerResolveDisputeInput;

// ── Policy direct access: policies, applications, payments, 免申即享, outbound ──────────────────────────────

export type PolicyStatus = ServerPolicySummary['status'];
/** The reading assistant's answer (POST /api/policies/reading) and request. */
export type PolicyReading = ServerPolicyReading;
export type ReadPolicyTextInput = ServerReadPolicyTextInput;
export const POLICY_STATUSES = everyMember<PolicyStatus>()(['draft', 'in_review', 'published', 'superseded', 'closed', 'expired']);
export type PolicySummary = ServerPolicySummary;
export type PolicyDetail = ServerPolicyDetail;
export type RenderedLine = ServerPolicyDetail['rendered']['zh'][number];
export type CreatePolicyInput = ServerCreatePolicyInput;
export type UpdatePolicyInput = ServerUpdatePolicyInput;
export type PolicyReviewStep = ReviewStep;
export type PolicyFormField = FormField;
export type PolicyFunnel = Funnel;
export type GoldenCase = ServerGoldenCase;
export type GoldenRun = ServerGoldenRun;
export type GoldenCaseResult = ServerGoldenRun['results'][number];
export type CreateGoldenCaseInput = ServerCreateGoldenCaseInput;
export type PolicyEvaluation = Evaluation;
export type PolicyPreview = Preview;
/** The version under review beside the published one (two-person review). */
export type PolicyReviewComparison = { underReview: { detail: PolicyDetail; preview: Preview }; published: { detail: PolicyDetail; preview: Preview } | null };
export type PolicyReviewQueue = ServerReviewQueue;
export type Outcome = ServerGoldenCase['expectedOutcome'];

export type ApplicationStatus = ServerApplicationSummary['status'];
export const APPLICATION_STATUSES = everyMember<ApplicationStatus>()(['submitted', 'accepted', 'in_review', 'returned', 'approved', 'in_notice', 'notice_passed', 'paid', 'rejected', 'withdrawn']);
export type ApplicationAction = ServerApplicationDetail['availableActions'][number];
export type ApplicationSummary = ServerApplicationSummary;
export type ApplicationEvent = Static<typeof ApplicationEventView>;
export type ApplicationFile = ApplicationFileView;
export type ApplicationDetail = Omit<ServerApplicationDetail, 'files'> & { files: ApplicationFile[] };
export type ApproveStepInput = ServerApproveStepInput;
export type PublicNotice = ServerPublicNotice;

export type Disbursement = ServerDisbursement;
export type DisbursementStatus = ServerDisbursement['status'];
export type PrepareDisbursementInput = ServerPrepareDisbursementInput;

export type AutoGrantSummary = ServerAutoGrantSummary;
export type AutoGrantStatus = ServerAutoGrantSummary['status'];
export type AutoGrantDetail = ServerAutoGrantDetail;
export type AutoGrantItem = ServerAutoGrantDetail['items']['items'][number];
export type AutoGrantBatchResult = ServerBatchResult;

export type OutboundDelivery = ServerOutboundDelivery;
export type OutboundDeliveryStatus = ServerOutboundDelivery['status'];

// ── Policy direct access, the enterprise's side: matches, application form, notifications ──────────────

/** `GET /api/me/policy-matches`: the calculator ("您可享受 N 项政策，预计 ¥X"). */
export type MyPolicyMatches = ServerMyPolicyMatches;
export type PolicyMatch = ServerMyPolicyMatches['items'][number];
export type NextQuestion = NonNullable<ServerMyPolicyMatches['nextQuestion']>;
export type PolicyPush = Static<typeof PushView>;

/** `GET /api/policies/:id/application-form`: pre-filled from the profile, plus the enterprise's own fields. */
export type ApplicationForm = ServerApplicationForm;
export type ApplicationFormField = ServerApplicationForm['fields'][number];
export type CreateApplicationInput = ServerCreateApplicationInput;

/** One notification; the web shows `title`/`body` in the user's language. */
export type AppNotification = NotificationView;
export type NotificationList = Omit<Static<typeof NotificationListSchema>, 'items'> & { items: AppNotification[] };
export type ReadAllResult = Static<typeof ReadAllResultSchema>;

// ── Demands (诉求): intake, routing suggestion, dispatch, handling, rating; the service catalogue ─────────────

export type DemandState = ServerDemandSummaryItem['state'];
export const DEMAND_STATE_LIST = everyMember<DemandState>()(['submitted', 'triaged', 'offered', 'assigned', 'accepted', 'in_progress', 'waiting', 'resolved', 'rated', 'closed']);
export type DemandAction = ServerDemandDetail['allowedActions'][number];
export type DemandSuggestion = ServerDemandSuggestion;
export type DemandTimelineEntry = ServerTimelineEntry;
export type DemandFile = ServerDemandFile;
export type DemandSummaryItem = ServerDemandSummaryItem;
/** `GET /api/demands/:id`: `suggestion` is a Ref in the server's schema, rebuilt here. */
export type DemandDetail = Omit<ServerDemandDetail, 'suggestion'> & { suggestion: DemandSuggestion | null };
export type DemandCounts = ServerDemandSummaryCounts;
export type DemandOverdueBoard = ServerOverdueBoard;
export type DemandDuplicateList = ServerDuplicateList;
export type DemandCategory = ServerCategoryList['items'][number];
export type DemandHandler = ServerHandlerList['items'][number];
export type RouterModelItem = ServerRouterModelList['items'][number];
export type RoutingRule = ServerRoutingRule;
export type CreateRoutingRuleInput = ServerCreateRuleInput;
export type UpdateRoutingRuleInput = ServerUpdateRuleInput;
export type CategorySuggestionList = ServerCategorySuggestionList;
export type CreateDemandInput = ServerCreateDemandInput;
export type AssignDemandInput = ServerAssignInput;
export type ServiceItem = ServerServiceItem;
export type CreateServiceInput = ServerCreateServiceInput;
export type UpdateServiceInput = ServerUpdateServiceInput;
export type ServiceKind = ServerServiceItem['kind'];
export type ServiceTeam = ServerServiceItem['team'];
export const SERVICE_KIND_LIST = everyMember<ServiceKind>()([
  'business_registration', 'project_declaration', 'patent', 'trademark', 'recruitment', 'social_insurance_subsidy', 'listing', 'certification',
  'finance', 'legal', 'hr', 'tax_counselling', 'market', 'logistics', 'technology_transfer', 'policy_consulting', 'other',
]);
export const SERVICE_TEAM_LIST = everyMember<ServiceTeam>()(['non_market', 'quasi_market', 'market']);
// ── Inclusive finance (数字普惠金融): products, marketplace, loan applications, loans ────────────────────────

export type LoanProductType = ServerLoanProductVersion['productType'];
export const LOAN_PRODUCT_TYPES = everyMember<LoanProductType>()(['credit', 'collateral', 'guarantee', 'policy']);
export type RepaymentMethod = ServerLoanProductVersion['repaymentMethods'][number];
export const REPAYMENT_METHODS = everyMember<RepaymentMethod>()(['equal_instalment', 'interest_first', 'bullet']);
export type LoanProductStatus = ServerLoanProductVersion['status'];
export type LoanProductVersion = ServerLoanProductVersion;
/** A product with its published version and its open draft (`GET /api/finance/products`). */
export type LoanProductSummary = Omit<ServerLoanProductSummary, 'published' | 'pending'> & { published: LoanProductVersion | null; pending: LoanProductVersion | null };
export type LoanProductDetail = Omit<ServerLoanProductDetail, 'published' | 'pending' | 'versions'> & { published: LoanProductVersion | null; pending: LoanProductVersion | null; versions: LoanProductVersion[] };
export type CreateLoanProductInput = ServerCreateProductInput;
export type UpdateLoanProductInput = ServerUpdateProductInput;
export type RejectLoanProductInput = ServerRejectInput;
export type ProductTag = (typeof SERVER_PRODUCT_TAGS)[number];
/** The tags the marketplace filters by (a product may carry others too). */
export const PRODUCT_TAGS = everyMember<ProductTag>()(['首贷', '信用贷', '县级产品', '政策性', '线上', '无还本续贷']);

/** 金融超市: the published products matched to the enterprise, each explained clause by clause. */
export type LoanMarketplace = ServerMarketplace;
export type MarketplaceItem = ServerMarketplaceItem;

export type LoanApplicationStatus = ServerLoanApplicationSummary['status'];
export const LOAN_APPLICATION_STATUSES = everyMember<LoanApplicationStatus>()(['submitted', 'in_review', 'approved', 'refused', 'contracted', 'disbursed', 'withdrawn']);
export type RefusalReason = Extract<ServerDecisionInput, { decision: 'refuse' }>['reasonCode'];
export type LoanApplicationSummary = ServerLoanApplicationSummary;
export type LoanApplicationDetail = ServerLoanApplicationDetail;
export type LoanEvent = ServerLoanEventView;
export type CreateLoanApplicationInput = ServerCreateLoanApplicationInput;
export type LoanNoteInput = ServerNoteInput;
export type LoanDecisionInput = ServerDecisionInput;
export type LoanContractInput = ServerContractInput;
export type DisburseInput = ServerDisburseInput;
export type LoanCodes = ServerLoanCodes;
/** The workbench home (`GET /api/finance/workbench`): counts of leads and loans, the leads due soonest. */
export type LoanWorkbench = Omit<ServerWorkbenchSummary, 'dueSoon'> & { dueSoon: LoanApplicationSummary[] };

export type LoanStatus = ServerLoanSummary['status'];
export const LOAN_STATUSES = everyMember<LoanStatus>()(['active', 'overdue', 'repaid', 'defaulted', 'closed']);
export type LoanSummary = ServerLoanSummary;
export type LoanDetail = ServerLoanDetail;
export type LoanInstallment = ServerLoanDetail['schedule'][number];
export type LoanRepayment = ServerLoanDetail['repayments'][number];
export type RepaymentInput = ServerRepaymentInput;
export type DefaultInput = ServerDefaultInput;
export type RecoveryInput = ServerRecoveryInput;

// ── Risk-compensation pools (风险补偿资金池): capital, coverage, ledger, claims ─────────────────────────────

export type RiskPoolSummary = ServerRiskPoolSummary;
export type RiskPoolFigures = ServerRiskPoolSummary['figures'];
/** One pool with its balances, contributions, monthly usage and newest ledger entries (`GET /api/finance/risk-pools/:id`). */
export type RiskPoolDetail = ServerRiskPoolDetail;
export type RiskLedgerEntry = ServerRiskPoolDetail['ledger']['items'][number];
export type RiskContribution = ServerRiskPoolDetail['contributions'][number];
export type RiskContributionInput = ServerContributionBody;
export type CreateRiskPoolInput = ServerCreatePoolBody;
export type CapitalSource = ServerContributionBody['source'];
export const CAPITAL_SOURCES = everyMember<CapitalSource>()(['county', 'city', 'province', 'national', 'bank', 'other']);
export type RiskRegistration = ServerRiskRegistration;
export type RiskClaim = ServerRiskClaim;
export type RiskClaimStatus = ServerRiskClaim['status'];
export const RISK_CLAIM_STATUSES = everyMember<RiskClaimStatus>()(['filed', 'approved', 'paid', 'rejected']);
export type RiskClaimInput = ServerClaimBody;

// ── Credit assessment (信用评估): the enterprise's own, a lead's report for its bank, the model registry ──────

/** `GET /api/me/credit-assessment`: score 0–1000, grade, the four dimensions, reasons with advice, line, model. */
export type MyCreditAssessment = ServerMyCreditAssessment;
export type CreditDimensionScore = ServerMyCreditAssessment['dimensions'][number];
export type CreditDimension = CreditDimensionScore['code'];
export type CreditReason = ServerMyCreditAssessment['reasons'][number];
/** A lead's credit report, built only from the data the enterprise authorised to the bank. */
export type CreditReport = ServerCreditReport;
export type CreditModel = ServerCreditModel;
export type CreditModelReport = NonNullable<ServerCreditModel['report']>;
export type TrainModelInput = ServerTrainModelInput;

// ── Policy-loan programmes (政策贷款, 抗疫贷-style): whitelists and conversion ──────────────────────────────

export type LoanProgramSummary = ServerProgramSummary;
export type LoanProgramStatus = ServerProgramSummary['status'];
export type LoanProgramDetail = ServerProgramDetail;
export type ProgramConversion = ServerProgramSummary['conversion'];
export type WhitelistEntry = ServerWhitelistEntry;
export type WhitelistStatus = ServerWhitelistEntry['status'];
export type CreateLoanProgramInput = ServerCreateProgramBody;

/** `GET /api/finance/kpis`: lending, first-loan rate, approval time, refusals, pools, by bank and product. */
export type FinanceKpis = ServerFinanceKpis;
export type FinanceKpisParams = ServerFinanceKpisQuery;

/** `GET /api/me/home`: per role of the user, counts to do (with the list that shows them), deadlines, figures. */
export type MeHome = ServerMeHome;
export type HomeSection = ServerHomeSection;
export type HomeSectionKind = ServerHomeSection['kind'];
export type HomeItem = ServerHomeSection['items'][number];
export type HomeDeadline = ServerHomeSection['deadlines'][number];
export type HomeFigure = ServerHomeSection['figures'][number];

// ── 千人联千企: cadres, links, visits, plans (src/server/modules/cadres) ─────────────────────────────────

export type CadreSummary = Static<typeof ServerCadreSchemas.CadreSummary>;
export type CadreList = Static<typeof ServerCadreSchemas.CadreList>;
export type CadreListParams = Static<typeof ServerCadreSchemas.CadreListQuery>;
export type CadreDetail = Static<typeof ServerCadreSchemas.CadreDetail>;
export type CadreCoverage = Static<typeof ServerCadreSchemas.Coverage>;
export type CadreLeaderboard = Static<typeof ServerCadreSchemas.Leaderboard>;
export type CadreLeaderboardRow = Static<typeof ServerCadreSchemas.LeaderboardRow>;
export type CadreLink = Static<typeof ServerCadreSchemas.CadreLink>;
export type EnterpriseCadre = Static<typeof ServerCadreSchemas.EnterpriseCadre>;
export type LinkEnterpriseInput = Static<typeof ServerCadreSchemas.LinkBody>;
export type MyEnterprises = Static<typeof ServerCadreSchemas.MyEnterprises>;
export type MyEnterprise = Static<typeof ServerCadreSchemas.MyEnterprise>;
export type VisitSummary = Static<typeof ServerCadreSchemas.VisitSummary>;
export type VisitDetail = Static<typeof ServerCadreSchemas.VisitDetail>;
export type CreateVisitInput = Static<typeof ServerCadreSchemas.CreateVisitBody>;
export type VisitPlanList = Static<typeof ServerCadreSchemas.PlanList>;
export type VisitPlanInput = Static<typeof ServerCadreSchemas.PlanBody>;
/** `GET /api/dashboard/summary`: the cockpit (驾驶舱) of a period, town and 门类. */
export type DashboardSummary = ServerDashboardSummary;
export type DashboardParams = ServerDashboardQuery;

/** A record type (`GET /api/record-types`): employees, patents, loans … with fields, units, consent category. */
export type RecordType = Static<typeof ServerRecordSchemas.RecordType>;
export type RecordField = RecordType['fields'][number];
/** An enterprise's records by type (`GET /api/enterprises/:id/records`). */
export type EnterpriseRecords = Omit<Static<typeof ServerRecordSchemas.EnterpriseRecords>, 'groups'> & {
  groups: (Omit<Static<typeof ServerRecordSchemas.EnterpriseRecordGroup>, 'type'> & { type: RecordType })[];
};
export type EnterpriseRecordGroup = EnterpriseRecords['groups'][number];
