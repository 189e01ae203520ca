/**
 * Shapes of the HTTP API as the web uses them. They mirror the contract of the "Platform foundation"
 * issue; when src/server exports its TypeBox `Static` types these become `import type` re-exports
 * (the web imports only types from the server, never code).
 */

export const ROLES = [
  'enterprise_user',
  'department_staff',
  'dispatcher',
  'cadre',
  'provider_staff',
  'bank_staff',
  'data_admin',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_TYPES = ['enterprise', 'department', 'dispatch_centre', 'bank', 'service_provider', 'platform'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export interface OrgRef {
  id: number;
  type: OrgType;
  name: string;
}

/** The signed-in user (`GET /api/auth/me`, `POST /api/auth/login`). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  org: OrgRef;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A user as the admin sees it (`GET /api/admin/users`). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  org: OrgRef;
  isDisabled: boolean;
  /** Set by the admin at creation or reset; cleared when the user changes their password. */
  mustChangePassword: boolean;
  /** ISO time; the account is locked while this is in the future. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Org {
  id: number;
  type: OrgType;
  name: string;
  code: string | null;
  createdAt: string;
}

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

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
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}

// ── Enterprise profile (issue 3): registry, indicators, imports, consents, disputes ──────────────────────
// Checked against the server's TypeBox schemas in api/contract-check.ts.

export const DATA_CATEGORIES = ['operations', 'tax', 'employment', 'innovation', 'energy', 'trade', 'compliance'] as const;
/** A data category an enterprise authorises separately (数据授权). */
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const ENTERPRISE_TYPES = ['limited_company', 'joint_stock_company', 'individual_business', 'partnership', 'sole_proprietorship', 'branch', 'cooperative', 'other'] as const;
export type EnterpriseType = (typeof ENTERPRISE_TYPES)[number];

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'cancelled', 'revoked', 'moved_out'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** A row of the registry search (`GET /api/enterprises`). */
export interface EnterpriseSummary {
  id: number;
  uscc: string;
  name: string;
  type: EnterpriseType;
  status: EnterpriseStatus;
  townCode: string | null;
  townName: string | null;
  industryCode: string | null;
  industrySection: string | null;
  industryName: string | null;
  sizeClass: SizeClass | null;
  isAboveScale: boolean | null;
  lifecycleStage: string | null;
  tags: string[];
}

/** A derived profile fact with the reason it holds, in both languages. */
export interface DerivedTag {
  key: string;
  value: string | number | boolean | null;
  labelZh: string;
  labelEn: string;
  reasonZh: string;
  reasonEn: string;
  inputs: { code: string; period?: string; value: string | number | null }[];
  categories: DataCategory[];
}

export interface ProfileCompleteness {
  year: number;
  percent: number;
  present: string[];
  missing: string[];
}

export interface DerivedProfile {
  computedAt: string | null;
  evaluationDate: string;
  sizeClass: DerivedTag | null;
  aboveScale: DerivedTag | null;
  lifecycleStage: DerivedTag | null;
  tags: DerivedTag[];
  completeness: ProfileCompleteness;
}

export interface Certification {
  code: string;
  nameZh: string;
  nameEn: string;
  awardedOn: string;
  expiresOn: string | null;
  isRenewal: boolean;
  isValid: boolean;
  source: string;
}

/** One enterprise as far as the caller may see it (`GET /api/enterprises/:id`, `GET /api/me/enterprise`). */
export interface EnterpriseDetail extends EnterpriseSummary {
  legalRepresentative: string | null;
  registeredOn: string | null;
  registeredCapitalFen: number | null;
  address: string | null;
  usccStatus: 'valid' | 'checksum_override';
  orgId: number | null;
  profile: DerivedProfile | null;
  certifications: Certification[];
  access: { isOwn: boolean; categories: DataCategory[] };
}

export interface Town {
  code: string;
  name: string;
  nameEn: string;
  kind: 'street' | 'town' | 'township';
}

export interface Industries {
  sections: { code: string; nameZh: string; nameEn: string }[];
  divisions: { code: string; section: string; nameZh: string; nameEn: string }[];
}

/** The derived-tag vocabulary (`GET /api/enterprise-tags`). */
export interface ProfileTagName {
  tag: string;
  nameZh: string;
  nameEn: string;
}

export const INDICATOR_UNITS = ['fen', 'person', 'bp', 'count', 'kwh', 'boolean', 'grade'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export type Periodicity = 'year' | 'quarter' | 'month';

/** An indicator of the registry (`GET /api/indicators`). */
export interface Indicator {
  code: string;
  nameZh: string;
  nameEn: string;
  category: DataCategory;
  unit: IndicatorUnit;
  periodicity: Periodicity;
  isFlow: boolean;
  isKey: boolean;
  sources: string[];
  grades: string[] | null;
  isBuiltIn: boolean;
}

/** One value of one indicator for one period from one source (`GET /api/enterprises/:id/indicators`). */
export interface IndicatorValue {
  code: string;
  nameZh: string;
  nameEn: string;
  /** One of INDICATOR_UNITS (typed loosely by the server). */
  unit: string;
  category: DataCategory;
  period: string;
  value: number | null;
  valueText: string | null;
  source: string;
  sourceNameZh: string;
  sourceNameEn: string;
  asOf: string;
  batchId: number | null;
  /** This source's value is the one the platform uses for the code and period. */
  isEffective: boolean;
}

export interface WriteIndicatorValuesResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const IMPORT_KINDS = ['indicators', 'enterprises'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportBatch {
  id: number;
  kind: ImportKind | 'certifications';
  source: string;
  fileName: string | null;
  fileSha256: string | null;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  /** "中文 / English". */
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: { id: number; username: string } | null;
}

export interface ImportError {
  rowNo: number;
  column: string;
  code: string;
  reason: string;
  reasonEn: string;
  value: string | null;
}

export const CONSENT_STATUSES = ['active', 'expired', 'revoked', 'scheduled'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type GranteeType = 'bank' | 'service_provider';

export interface Grantee {
  id: number;
  type: GranteeType;
  name: string;
}

/** A consent the enterprise gave (`GET /api/me/consents`). */
export interface Consent {
  id: number;
  grantee: Grantee;
  categories: DataCategory[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  status: ConsentStatus;
  createdAt: string;
}

/** A consent a bank or provider received (`GET /api/consents/received`). */
export interface ReceivedConsent {
  id: number;
  enterprise: { id: number; name: string; uscc: string };
  categories: DataCategory[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  status: ConsentStatus;
  createdAt: string;
}

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface Dispute {
  id: number;
  indicatorCode: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  period: string;
  source: string;
  /** The stored value when the dispute was filed, as text (fen for money). */
  currentValue: string | null;
  /** As the enterprise typed it, e.g. "2350万". */
  proposedValue: string;
  /** proposedValue in the indicator's unit (fen for money); null when it no longer reads. */
  proposedParsed: number | string | null;
  reason: string;
  status: DisputeStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface AdminDispute extends Dispute {
  enterprise: { id: number; name: string; uscc: string };
}

// ── Policy direct access (issue 4): policies, applications, payments, 免申即享, outbound ─────────────────
// Type-only re-exports of the server's TypeBox `Static` types: nothing of the server reaches the bundle, and
// a change of a response shape fails tsc where the web reads it. Shapes that embed `Type.Ref(…)` read as
// `unknown` through Static; those are rebuilt below from their referenced parts.
import type { Static as ServerStatic } from 'typebox';
import type {
  ApplicationDetail as ServerApplicationDetail,
  ApplicationFileView as ServerApplicationFileView,
  ApplicationSummary as ServerApplicationSummary,
  ApplicationEventView as ServerApplicationEventView,
  ApproveStepInput as ServerApproveStepInput,
  PublicNotice as ServerPublicNotice,
  StepView as ServerStepView,
} from '../../server/modules/applications/applications.schemas.ts';
import type { AutoGrantDetail as ServerAutoGrantDetail, AutoGrantSummary as ServerAutoGrantSummary } from '../../server/modules/auto-grants/auto-grants.schemas.ts';
import type { Disbursement as ServerDisbursement, PrepareDisbursementInput as ServerPrepareDisbursementInput } from '../../server/modules/payments/payments.schemas.ts';
import type { OutboundDelivery as ServerOutboundDelivery } from '../../server/modules/outbound/outbound.schemas.ts';
import type {
  CreateGoldenCaseInput as ServerCreateGoldenCaseInput,
  CreatePolicyInput as ServerCreatePolicyInput,
  Evaluation as ServerEvaluation,
  FormField as ServerFormField,
  Funnel as ServerFunnel,
  GoldenCase as ServerGoldenCase,
  GoldenRun as ServerGoldenRun,
  PolicyDetail as ServerPolicyDetail,
  PolicySummary as ServerPolicySummary,
  Preview as ServerPreview,
  ReviewStep as ServerReviewStep,
  UpdatePolicyInput as ServerUpdatePolicyInput,
} from '../../server/modules/policies/policies.schemas.ts';

export type PolicyStatus = ServerPolicySummary['status'];
export const POLICY_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'closed', 'expired'] as const satisfies readonly PolicyStatus[];
export type PolicySummary = ServerPolicySummary;
export type PolicyDetail = ServerPolicyDetail;
export type PolicyVersionRef = ServerPolicyDetail['versions'][number];
export type RenderedLine = ServerPolicyDetail['rendered']['zh'][number];
export type CreatePolicyInput = ServerCreatePolicyInput;
export type UpdatePolicyInput = ServerUpdatePolicyInput;
export type PolicyReviewStep = ServerReviewStep;
export type PolicyFormField = ServerFormField;
export type PolicyFunnel = ServerFunnel;
export type GoldenCase = ServerGoldenCase;
export type GoldenRun = ServerGoldenRun;
export type GoldenCaseResult = ServerGoldenRun['results'][number];
export type CreateGoldenCaseInput = ServerCreateGoldenCaseInput;
export type PolicyEvaluation = ServerEvaluation;
export type PolicyPreview = ServerPreview;
export type Outcome = ServerGoldenCase['expectedOutcome'];

export type ApplicationStatus = ServerApplicationSummary['status'];
export const APPLICATION_STATUSES = ['submitted', 'accepted', 'in_review', 'returned', 'approved', 'in_notice', 'notice_passed', 'paid', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];
export type ApplicationAction = ServerApplicationDetail['availableActions'][number];
export type ApplicationSummary = ServerApplicationSummary;
export type ApplicationStep = ServerStatic<typeof ServerStepView>;
export type ApplicationEvent = ServerStatic<typeof ServerApplicationEventView>;
export type ApplicationFile = ServerApplicationFileView;
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
export interface AutoGrantBatchResult {
  count: number;
  skippedOwn: number;
  grant: AutoGrantDetail;
}

export type OutboundDelivery = ServerOutboundDelivery;
export type OutboundDeliveryStatus = ServerOutboundDelivery['status'];

// ── Policy direct access, the enterprise's side (issue 4): matches, application form, notifications ────────
// Type-only re-exports of the server's schemas, like the section above.
import type { Static as StaticOf } from 'typebox';
import type { ApplicationForm as ServerApplicationForm, CreateApplicationInput as ServerCreateApplicationInput } from '../../server/modules/applications/applications.schemas.ts';
import type { MyPolicyMatches as ServerMyPolicyMatches, PushView as ServerPushView } from '../../server/modules/matching/matching.schemas.ts';
import type { NotificationList as ServerNotificationList, NotificationView as ServerNotificationView, ReadAllResult as ServerReadAllResult } from '../../server/modules/notifications/notifications.schemas.ts';

/** `GET /api/me/policy-matches`: the calculator ("您可享受 N 项政策，预计 ¥X"). */
export type MyPolicyMatches = ServerMyPolicyMatches;
export type PolicyMatch = ServerMyPolicyMatches['items'][number];
export type NextQuestion = NonNullable<ServerMyPolicyMatches['nextQuestion']>;
export type MatchConflict = ServerMyPolicyMatches['summary']['conflicts'][number];
export type PolicyPush = StaticOf<typeof ServerPushView>;

/** `GET /api/policies/:id/application-form`: pre-filled from the profile, plus the enterprise's own fields. */
export type ApplicationForm = ServerApplicationForm;
export type ApplicationFormField = ServerApplicationForm['fields'][number];
export type CreateApplicationInput = ServerCreateApplicationInput;

/** One notification; the web shows `title`/`body` in the user's language. */
export type AppNotification = ServerNotificationView;
export type NotificationList = Omit<StaticOf<typeof ServerNotificationList>, 'items'> & { items: AppNotification[] };
export type ReadAllResult = StaticOf<typeof ServerReadAllResult>;
