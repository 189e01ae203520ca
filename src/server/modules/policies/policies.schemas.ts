import { Type, type Static } from 'typebox';
import type { PolicyVersionStatus } from '../../db/schema.ts';
import { IsoDateTime, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';
import { IsoDate, Nullable, NullableInput } from '../../http/schemas.ts';

export const POLICY_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'closed', 'expired'] as const satisfies readonly PolicyVersionStatus[];
export const PolicyStatusSchema = Type.Enum(POLICY_STATUSES);

const QaItem = StrictObject({ q: Type.String({ minLength: 1, maxLength: 1000 }), a: Type.String({ minLength: 1, maxLength: 5000 }) });
const ReviewStep = StrictObject({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
  nameZh: Type.String({ minLength: 1, maxLength: 50 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 120 }),
});
export type ReviewStep = Static<typeof ReviewStep>;
const FormField = StrictObject({
  key: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' }),
  labelZh: Type.String({ minLength: 1, maxLength: 100 }),
  labelEn: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Enum(['text', 'number', 'money', 'date', 'file', 'bank_account']),
  required: Type.Boolean(),
});
export type FormField = Static<typeof FormField>;

/**
 * The editable content of a policy version. `rule`, `benefit` and `params` are taken as any JSON and
 * checked by the rule language's validators, which name the offending node (`body/rule/all/2/left`).
 */
const contentProperties = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  documentNo: Type.Optional(NullableInput(Type.String({ maxLength: 100 }))),
  summary: Type.String({ maxLength: 2000 }),
  sourceText: Type.Optional(NullableInput(Type.String({ maxLength: 100_000 }))),
  interpretation: Type.Optional(NullableInput(Type.String({ maxLength: 100_000 }))),
  qa: Type.Optional(Type.Array(QaItem, { maxItems: 100 })),
  validFrom: IsoDate,
  validUntil: IsoDate,
  applyFrom: Type.Optional(NullableInput(Type.String({ format: 'date-time' }))),
  applyUntil: Type.Optional(NullableInput(Type.String({ format: 'date-time' }))),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 })),
  rule: Type.Unknown({ description: 'An eligibility rule (see /api/rules/schema.json, docs/rules.md)' }),
  benefit: Type.Unknown({ description: 'A benefit formula (see /api/rules/schema.json)' }),
  params: Type.Optional(Type.Unknown({ description: 'Named, dated parameters the rule uses' })),
  declaredFacts: Type.Optional(Type.Unknown({ description: 'Facts the applicant declares on the form (key, labels, type, evidence); the rule reads them with {declared} nodes (docs/rules.md)' })),
  exclusionGroup: Type.Optional(NullableInput(Type.String({ minLength: 1, maxLength: 64 }))),
  isAutoGrant: Type.Optional(Type.Boolean()),
  reviewSteps: Type.Optional(Type.Array(ReviewStep, { minItems: 1, maxItems: 10 })),
  publicNoticeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  formFields: Type.Optional(Type.Array(FormField, { maxItems: 50 })),
};

export const CreatePolicyBody = StrictObject(contentProperties);
export type CreatePolicyInput = Static<typeof CreatePolicyBody>;

export const UpdatePolicyBody = StrictObject({
  ...contentProperties,
  title: Type.Optional(contentProperties.title),
  summary: Type.Optional(contentProperties.summary),
  validFrom: Type.Optional(IsoDate),
  validUntil: Type.Optional(IsoDate),
  rule: Type.Optional(contentProperties.rule),
  benefit: Type.Optional(contentProperties.benefit),
});
export type UpdatePolicyInput = Static<typeof UpdatePolicyBody>;

export const PolicyListQuery = Type.Object({
  status: Type.Optional(PolicyStatusSchema),
  /** The issuing department's organisation id. */
  /** The issuing department's organisation id (an int4 column). */
  department: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  isAutoGrant: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export type PolicyListFilter = Omit<Static<typeof PolicyListQuery>, 'page' | 'pageSize'>;
const { page: _page, pageSize: _pageSize, ...policyFilters } = PolicyListQuery.properties;
/** The export takes the list's filters, without the page. */
export const PolicyExportQuery = Type.Object(policyFilters);

/** A version number (an int4 column; no policy reaches ten thousand versions). */
export const PolicyDetailQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });

export const Department = Type.Object({ id: Type.Integer(), name: Type.String(), code: Nullable(Type.String()) });
export const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const RenderedLine = Type.Object({ path: Type.String(), depth: Type.Integer(), text: Type.String() });
export const RenderedLines = Type.Object({ zh: Type.Array(RenderedLine), en: Type.Array(RenderedLine) });

const summaryProperties = {
  id: Type.Integer(),
  code: Type.String(),
  department: Department,
  versionId: Type.Integer(),
  version: Type.Integer(),
  /** 'expired' as soon as valid_until has passed, even before the daily sweep stored it. */
  status: PolicyStatusSchema,
  title: Type.String(),
  documentNo: Nullable(Type.String()),
  summary: Type.String(),
  validFrom: Type.String(),
  validUntil: Nullable(Type.String()),
  applyFrom: NullableIsoDateTime,
  applyUntil: NullableIsoDateTime,
  tags: Type.Array(Type.String()),
  exclusionGroup: Nullable(Type.String()),
  isAutoGrant: Type.Boolean(),
  publishedAt: NullableIsoDateTime,
  updatedAt: IsoDateTime,
};

export const PolicySummary = Type.Object(summaryProperties, { $id: 'PolicySummary' });
export type PolicySummary = Static<typeof PolicySummary>;
export const PolicyList = Paged(Type.Ref('PolicySummary'));

export const Funnel = Type.Object(
  {
    pushed: Type.Integer(),
    read: Type.Integer(),
    opened: Type.Integer(),
    applied: Type.Integer(),
    granted: Type.Integer(),
    byDay: Type.Array(Type.Object({ day: Type.String(), pushed: Type.Integer(), read: Type.Integer(), opened: Type.Integer(), applied: Type.Integer(), granted: Type.Integer() })),
  },
);
export type Funnel = Static<typeof Funnel>;

export const PolicyDetail = Type.Object(
  {
    ...summaryProperties,
    regionCode: Type.String(),
    sourceText: Nullable(Type.String()),
    interpretation: Nullable(Type.String()),
    qa: Type.Array(Type.Object({ q: Type.String(), a: Type.String() })),
    rule: Type.Unknown(),
    benefit: Type.Unknown(),
    params: Type.Unknown(),
    /** Facts the applicant declares on the form (src/core/rules/declared.ts). */
    declaredFacts: Type.Unknown(),
    reviewSteps: Type.Array(Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), deadlineWorkingDays: Type.Integer() })),
    publicNoticeDays: Type.Integer(),
    formFields: Type.Array(Type.Object({ key: Type.String(), labelZh: Type.String(), labelEn: Type.String(), type: Type.String(), required: Type.Boolean() })),
    /** The rule in words, generated from the tree (evaluated for today's periods and parameters). */
    rendered: RenderedLines,
    /** The benefit formula in words. */
    benefitText: Bilingual,
    versions: Type.Array(Type.Object({ id: Type.Integer(), version: Type.Integer(), status: PolicyStatusSchema, createdAt: IsoDateTime, publishedAt: NullableIsoDateTime, closedAt: NullableIsoDateTime })),
    /** Whether the caller may edit, submit, publish and run this policy (staff of the issuing department). */
    canManage: Type.Boolean(),
    /** For the issuing department: the two-person review of this version (who submitted, a return's reason, whether the caller may review it). */
    review: Nullable(
      Type.Object({
        submittedBy: Nullable(Type.Integer()),
        submittedAt: NullableIsoDateTime,
        returnReason: Nullable(Type.String()),
        returnedAt: NullableIsoDateTime,
        canReview: Type.Boolean(),
      }),
    ),
    /** For the issuing department: stored matches of the live version. */
    matchCounts: Nullable(Type.Object({ eligible: Type.Integer(), unknown: Type.Integer(), estimatedTotalFen: Type.Integer(), matchedAt: NullableIsoDateTime })),
    funnel: Nullable(Funnel),
  },
  { $id: 'PolicyDetail' },
);
export type PolicyDetail = Static<typeof PolicyDetail>;

// Golden cases -------------------------------------------------------------------------------

const Outcome = Type.Enum(['eligible', 'ineligible', 'unknown']);

export const GoldenCase = Type.Object(
  {
    id: Type.Integer(),
    versionId: Type.Integer(),
    name: Type.String(),
    enterpriseId: Nullable(Type.Integer()),
    facts: Type.Unknown(),
    expectedOutcome: Outcome,
    expectedAmountFen: Nullable(Type.Integer()),
    createdAt: IsoDateTime,
  },
  { $id: 'GoldenCase' },
);
export type GoldenCase = Static<typeof GoldenCase>;

export const CreateGoldenCaseBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** A real enterprise, read with its facts on the day the case runs … */
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** … or made-up EnterpriseFacts ({attributes, indicators, certifications?, sizeClass?}). */
  facts: Type.Optional(Type.Unknown()),
  expectedOutcome: Outcome,
  expectedAmountFen: Type.Optional(NullableInput(MoneyFen())),
});
export type CreateGoldenCaseInput = Static<typeof CreateGoldenCaseBody>;

export const GoldenCaseParams = StrictObject({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), caseId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const GoldenRun = Type.Object({
  versionId: Type.Integer(),
  evaluationDate: Type.String(),
  passed: Type.Boolean(),
  total: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      name: Type.String(),
      passed: Type.Boolean(),
      expectedOutcome: Outcome,
      actualOutcome: Outcome,
      expectedAmountFen: Nullable(Type.Integer()),
      actualAmountFen: Nullable(Type.Integer()),
      diff: Type.Array(Type.String()),
      explanation: Nullable(Type.String()),
    }),
  ),
});
export type GoldenRun = Static<typeof GoldenRun>;

// Evaluation, preview, export ------------------------------------------------------------------

export const EvaluateBody = StrictObject({ enterpriseId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const MissingFact = Type.Object({ fact: Type.String(), period: Nullable(Type.String()), name: Bilingual });

export const Evaluation = Type.Object({
  policyId: Type.Integer(),
  versionId: Type.Integer(),
  enterpriseId: Type.Integer(),
  evaluationDate: Type.String(),
  outcome: Outcome,
  /** The explanation tree (one node per rule node, with values, inputs, near misses). */
  explanation: Type.Unknown(),
  estimatedAmountFen: Nullable(Type.Integer()),
  /** Every hard condition is met; only reviewer-judged criteria (待评审) are open: the enterprise may apply. */
  pendingReview: Type.Boolean(),
  /** Every condition the platform can check is met; only declarations (申报时声明) are open: the enterprise may apply and declares on the form. */
  pendingDeclaration: Type.Boolean(),
  missingFacts: Type.Array(Type.Object({ fact: Type.String(), period: Nullable(Type.String()), canSettle: Type.Boolean(), name: Bilingual })),
  /** The explanation in words, line by line, ✓ ✗ ? per clause. */
  rendered: RenderedLines,
  benefit: Type.Object({
    status: Type.Enum(['known', 'unknown']),
    amountFen: Nullable(Type.Integer()),
    /** amount, none (eligibility only) or upTo (最高 upToFen, decided on review). */
    kind: Type.Enum(['amount', 'none', 'upTo']),
    upToFen: Nullable(Type.Integer()),
    /** The most an approval may grant this enterprise (核定上限): the matching case's bound; null when nothing bounds it. */
    boundFen: Nullable(Type.Integer()),
    schedule: Type.Array(Type.Object({ year: Type.Integer(), amountFen: Type.Integer() })),
    formula: Bilingual,
  }),
});
export type Evaluation = Static<typeof Evaluation>;

export const Preview = Type.Object({
  versionId: Type.Integer(),
  evaluationDate: Type.String(),
  eligible: Type.Integer(),
  unknown: Type.Integer(),
  ineligible: Type.Integer(),
  estimatedTotalFen: Type.Integer(),
  /** Eligible enterprises whose amount could not be estimated (a formula input is missing). */
  amountUnknown: Type.Integer(),
  topMissingFacts: Type.Array(Type.Object({ fact: Type.String(), period: Nullable(Type.String()), count: Type.Integer(), name: Bilingual })),
});
export type Preview = Static<typeof Preview>;

export const ExportQuery = Type.Object({ enterpriseId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), format: Type.Optional(Type.Enum(['json', 'text'])) });

// ---------------------------------------------------------------------------------------------
// The reading assistant (POST /api/policies/reading): a policy's text → proposals with their spans.
// ---------------------------------------------------------------------------------------------

/** Longest policy text the assistant reads (characters). */
export const READING_MAX_CHARS = 200_000;
/** Largest uploaded document (bytes, before base64). */
export const READING_MAX_FILE_BYTES = 5 * 1024 * 1024;

export const ReadPolicyTextBody = StrictObject({
  text: Type.Optional(Type.String({ minLength: 1, maxLength: READING_MAX_CHARS, description: 'The policy text, pasted.' })),
  file: Type.Optional(
    StrictObject({
      name: Type.String({ minLength: 1, maxLength: 255, pattern: '\\.(txt|docx|pdf|TXT|DOCX|PDF)$', description: 'File name; .txt (UTF-8), .docx or .pdf (its text layer).' }),
      contentBase64: Type.String({ minLength: 1, maxLength: Math.ceil((READING_MAX_FILE_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
    }),
  ),
});
export type ReadPolicyTextInput = Static<typeof ReadPolicyTextBody>;

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const READ_KINDS = ['condition', 'exclusion', 'amount', 'period', 'materials', 'other'] as const;
export const PolicyReading = Type.Object({
  text: Type.String({ description: 'The text read (offsets refer to it).' }),
  source: Type.Union([Type.Literal('text'), Type.Literal('txt'), Type.Literal('docx'), Type.Literal('pdf')]),
  divisions: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), label: Type.String(), level: Type.Integer() })),
  sentences: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), kind: Type.Enum(READ_KINDS), kinds: Type.Array(Type.Enum(READ_KINDS)) })),
  conditions: Type.Array(
    Type.Object({
      id: Type.String(),
      sentence: Type.Integer(),
      span: Span,
      node: Type.Unknown({ description: 'A rule node of the rule language (RULE_JSON_SCHEMA).' }),
      parts: Type.Array(Type.Object({ span: Span, node: Type.Unknown() })),
      confidence: Type.Number({ minimum: 0, maximum: 1 }),
      exclusion: Type.Boolean(),
      anyOf: Type.Optional(Type.Object({ sentence: Type.Integer(), clause: Type.String() }, { description: 'Set for the alternatives under a "…之一" heading.' })),
      rendered: Bilingual,
    }),
  ),
  benefits: Type.Array(
    Type.Object({
      id: Type.String(),
      sentence: Type.Integer(),
      span: Span,
      benefit: Type.Unknown({ description: 'A benefit formula of the rule language.' }),
      upTo: Type.Boolean(),
      confidence: Type.Number({ minimum: 0, maximum: 1 }),
      rendered: Bilingual,
    }),
  ),
  notUnderstood: Type.Array(
    Type.Object({
      sentence: Type.Integer(),
      span: Span,
      text: Type.String(),
      reason: Type.Union([Type.Literal('no_fact'), Type.Literal('no_value'), Type.Literal('rate_base_unknown'), Type.Literal('unused_quantity'), Type.Literal('unsupported')]),
    }),
  ),
});
export type PolicyReading = Static<typeof PolicyReading>;
// Two-person review ---------------------------------------------------------------------------

export const ReturnPolicyBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) });
export type ReturnPolicyBody = Static<typeof ReturnPolicyBody>;

/** 待我审核: versions in review of the caller's department that the caller did not submit. */
export const ReviewQueue = Type.Array(
  Type.Object({
    policyId: Type.Integer(),
    code: Type.String(),
    versionId: Type.Integer(),
    version: Type.Integer(),
    title: Type.String(),
    submittedAt: NullableIsoDateTime,
    submittedByName: Nullable(Type.String()),
  }),
);
export type ReviewQueue = Static<typeof ReviewQueue>;

/** The version under review beside the published one: readable text and reach in the county. */
export const ReviewComparison = Type.Object({
  underReview: Type.Object({ detail: Type.Ref('PolicyDetail'), preview: Preview }),
  published: Nullable(Type.Object({ detail: Type.Ref('PolicyDetail'), preview: Preview })),
});
export type ReviewComparison = Static<typeof ReviewComparison>;

/**
 * The builder's unsaved rule and benefit (and parameters, else the version's own), for their live county
 * reach (POST /api/policies/:id/preview-draft, /api/policies/preview-draft) and golden-case bench
 * (POST /api/policies/:id/golden-cases/run-draft).
 */
export const DraftRulesBody = StrictObject({ rule: contentProperties.rule, benefit: contentProperties.benefit, params: contentProperties.params });
export type DraftRulesBody = Static<typeof DraftRulesBody>;
export const PreviewDraftBody = DraftRulesBody;
export type PreviewDraftBody = DraftRulesBody;

/** The county reach of a rule not yet saved as any version (the new-policy page): a Preview without a version. */
export const UnsavedPreview = Type.Omit(Preview, ['versionId']);
export type UnsavedPreview = Static<typeof UnsavedPreview>;
