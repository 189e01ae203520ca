import { Type, type Static } from 'typebox';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES } from '../../../core/applications/workflow.ts';
import { IsoDate, IsoDateTime, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';
import { Nullable } from '../../http/schemas.ts';

export const ApplicationStatusSchema = Type.Enum(APPLICATION_STATUSES);
export const ApplicationActionSchema = Type.Enum(APPLICATION_ACTIONS);
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
/** An amount in integer fen (分); never a float. */
export const Fen = MoneyFen();

/**
 * What the enterprise types into the form, by field key: text, a number, money as integer fen, a date as
 * 'YYYY-MM-DD'. Values are checked against the policy's field types by the service, not coerced here
 * (coercion would turn a number into text, or the text "0123" into 123).
 */
export const FormData = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' }), Type.Unknown(), { maxProperties: 60 });

// The application form ------------------------------------------------------------------------

export const FormFieldView = Type.Object({
  key: Type.String(),
  /** The Chinese label (the UI language of most users); labelZh and labelEn for both. */
  label: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
  /** 'profile': known to the platform, read-only; 'enterprise': the enterprise fills it in. */
  source: Type.Enum(['profile', 'enterprise']),
  required: Type.Boolean(),
  type: Type.Enum(['text', 'number', 'money', 'date', 'file', 'boolean', 'bank_account']),
  /** For facts the rule reads: the period (2025, 2025Q3) and where the value comes from (税务, 统计 …). */
  period: Nullable(Type.String()),
  dataSource: Nullable(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  unit: Nullable(Type.String()),
});
export type FormFieldView = Static<typeof FormFieldView>;

/** A declared fact as the form offers it (申报时声明, src/core/rules/declared.ts). */
export const DeclaredFactView = Type.Object({
  key: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  type: Type.Enum(['yesno', 'number', 'date', 'choice']),
  unitZh: Nullable(Type.String()),
  unitEn: Nullable(Type.String()),
  choices: Nullable(Type.Array(Type.Object({ code: Type.String(), labelZh: Type.String(), labelEn: Type.String() }))),
  /** required: an evidence file under evidenceFieldKey before the department accepts; optional; none. */
  evidence: Type.Enum(['required', 'optional', 'none']),
  evidenceHintZh: Nullable(Type.String()),
  evidenceHintEn: Nullable(Type.String()),
  evidenceFieldKey: Type.String(),
  /** The rule reads it: the submission must declare it. */
  required: Type.Boolean(),
  clause: Nullable(Type.String()),
});
export type DeclaredFactView = Static<typeof DeclaredFactView>;

/** A declaration of an application as stored, marked self-declared (自行申报), with its evidence files. */
export const DeclarationView = Type.Object({
  key: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  value: Type.Union([Type.Boolean(), Type.Number(), Type.String()]),
  valueText: Type.Object({ zh: Type.String(), en: Type.String() }),
  source: Type.Literal('self_declared'),
  evidence: Type.Enum(['required', 'optional', 'none']),
  evidenceFileIds: Type.Array(Type.Integer()),
});
export type DeclarationView = Static<typeof DeclarationView>;

export const ApplicationForm = Type.Object({
  policyId: Type.Integer(),
  versionId: Type.Integer(),
  title: Type.String(),
  enterpriseId: Type.Integer(),
  outcome: Type.Enum(['eligible', 'ineligible', 'unknown']),
  estimatedAmountFen: Nullable(Type.Integer()),
  applyFrom: NullableIsoDateTime,
  applyUntil: NullableIsoDateTime,
  /** Whether POST /api/applications would be accepted now (window open, eligible, no active application). */
  canApply: Type.Boolean(),
  /** Why not, when canApply is false: 'window_closed' | 'ineligible' | 'already_applied' | 'already_granted' | 'exclusive_group'. */
  blockedBy: Nullable(Type.String()),
  /** When blocked by 'exclusive_group': the policy of the same group the enterprise holds already. */
  exclusiveWith: Nullable(Type.Object({ policyId: Type.Integer(), title: Type.String(), group: Type.String() })),
  fields: Type.Array(FormFieldView),
  /** Facts the enterprise declares on this form (申报时声明), with the evidence each needs. */
  declaredFacts: Type.Array(DeclaredFactView),
});
export type ApplicationForm = Static<typeof ApplicationForm>;

// Applications ---------------------------------------------------------------------------------

export const CreateApplicationBody = StrictObject({
  policyId: Id,
  formData: Type.Optional(FormData),
  /** Declared facts (申报时声明): key → true/false, a number, a date YYYY-MM-DD or a choice code. */
  declarations: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,47}$' }), Type.Union([Type.Boolean(), Type.Number(), Type.String({ maxLength: 100 })]), { maxProperties: 30 })),
});
export type CreateApplicationInput = Static<typeof CreateApplicationBody>;

export const StepView = Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), deadlineWorkingDays: Type.Integer() });

const summaryProperties = {
  id: Type.Integer(),
  /** The official number: the department's short name, 申, 〔year〕, a four-digit sequence, 号 (经信申〔2026〕0001号). */
  number: Type.String(),
  policy: Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String(), departmentOrgId: Type.Integer(), departmentName: Type.String() }),
  policyVersionId: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
  status: ApplicationStatusSchema,
  currentStep: Nullable(StepView),
  /** When the department's current step is due (end of a working day, Asia/Shanghai). */
  stepDueAt: NullableIsoDateTime,
  isOverdue: Type.Boolean(),
  noticeUntil: NullableIsoDateTime,
  estimatedAmountFen: Nullable(Type.Integer()),
  approvedAmountFen: Nullable(Type.Integer()),
  submittedAt: IsoDateTime,
  updatedAt: IsoDateTime,
};
export const ApplicationSummary = Type.Object(summaryProperties, { $id: 'ApplicationSummary' });
export type ApplicationSummary = Static<typeof ApplicationSummary>;
export const ApplicationList = Paged(Type.Ref('ApplicationSummary'));

export const ApplicationEventView = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  stepKey: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  /** Who acted: the enterprise, the department (with the person's name), or the platform (a job). */
  actor: Type.Object({ kind: Type.Enum(['enterprise', 'department', 'system']), displayName: Nullable(Type.String()), orgName: Nullable(Type.String()) }),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const ApplicationFileView = Type.Object(
  {
    id: Type.Integer(),
    fieldKey: Type.String(),
    fileName: Type.String(),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String(),
    uploadedAt: IsoDateTime,
  },
  { $id: 'ApplicationFile' },
);
export type ApplicationFileView = Static<typeof ApplicationFileView>;

export const DisbursementBrief = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(['prepared', 'paid', 'cancelled']),
  amountFen: Type.Integer(),
  preparedAt: IsoDateTime,
  paidAt: NullableIsoDateTime,
  paymentRef: Nullable(Type.String()),
});

export const ApplicationDetail = Type.Object(
  {
    ...summaryProperties,
    formData: Type.Record(Type.String(), Type.Unknown()),
    /** What the enterprise declared (自行申报), each with its evidence files. */
    declarations: Type.Array(DeclarationView),
    /**
     * The most the policy's benefit allows this enterprise, integer fen (the estimate, or the cap of an
     * "up to" benefit): the approved amount never exceeds it. Null when nothing bounds it (an uncapped
     * formula the enterprise's data could not estimate): such an amount cannot be approved.
     */
    amountBoundFen: Nullable(Type.Integer()),
    /** The reviewer's reason for an approved amount other than the estimate. */
    amountReason: Nullable(Type.String()),
    /** The whole process of this policy: 受理, the review steps, 公示, 兑付. */
    steps: Type.Array(StepView),
    publicNoticeDays: Type.Integer(),
    events: Type.Array(ApplicationEventView),
    files: Type.Array(Type.Ref('ApplicationFile')),
    disbursements: Type.Array(DisbursementBrief),
    /** What the caller may do now (buttons), from the workflow table. */
    availableActions: Type.Array(ApplicationActionSchema),
  },
  { $id: 'ApplicationDetail' },
);
export type ApplicationDetail = Static<typeof ApplicationDetail>;

const applicationFilters = {
  policyId: Type.Optional(Id),
  status: Type.Optional(ApplicationStatusSchema),
  overdue: Type.Optional(Type.Boolean()),
  /** The department owning the policy: county readers any, department staff only their own (else 403). */
  orgId: Type.Optional(Id),
  /** Submitted on or after this county date (Asia/Shanghai). */
  from: Type.Optional(IsoDate),
  /** Submitted on or before this county date (Asia/Shanghai). */
  to: Type.Optional(IsoDate),
  /** Search: part of the application number, the enterprise's name or USCC, the policy's code or title. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
};
export const ApplicationListQuery = Type.Object({ ...applicationFilters, ...PageQuery });
export type ApplicationListFilter = Omit<Static<typeof ApplicationListQuery>, 'page' | 'pageSize'>;
/** The export takes the list's filters, without the page. */
export const ApplicationExportQuery = Type.Object(applicationFilters);
export const OverdueQuery = Type.Object({ policyId: Type.Optional(Id), ...PageQuery });

export const ReasonBody = StrictObject({ reason: Reason });
export const ApproveStepBody = StrictObject({
  /** Only on the last review step: the approved amount in fen (default: the amount applied for). */
  approvedAmountFen: Type.Optional(MoneyFen({ minimum: 1 })),
  /** Required when the approved amount differs from the amount applied for. */
  reason: Type.Optional(Reason),
  /**
   * Only on the last review step: the reviewer's judgement of each reviewer-judged criterion of the rule
   * (评审条件, by its node path), each with its reason; every one must be judged met to approve.
   */
  judgements: Type.Optional(Type.Array(StrictObject({ path: Type.String({ maxLength: 200 }), met: Type.Boolean(), reason: Reason }), { maxItems: 50 })),
});
export type ApproveStepInput = Static<typeof ApproveStepBody>;
export const ResubmitBody = StrictObject({ formData: Type.Optional(FormData) });

// Public notices (公示) -------------------------------------------------------------------------

export const PublicNotice = Type.Object({
  kind: Type.Enum(['application', 'auto_grant']),
  /** Application id or auto-grant item id. */
  id: Type.Integer(),
  /** The application's official number (经信申〔2026〕0001号); null for a 免申即享 item. */
  applicationNumber: Nullable(Type.String()),
  policy: Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String(), departmentName: Type.String() }),
  enterprise: Type.Object({ name: Type.String(), uscc: Type.String() }),
  amountFen: Type.Integer(),
  noticeFrom: IsoDateTime,
  noticeUntil: IsoDateTime,
});
export type PublicNotice = Static<typeof PublicNotice>;
export const PublicNoticeList = Paged(PublicNotice);
export const PublicNoticeQuery = Type.Object({ policyId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery });
export const PublicNoticeExportQuery = Type.Object({ policyId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 100 })) });
