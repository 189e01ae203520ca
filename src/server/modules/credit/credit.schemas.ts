import { Type, type Static } from 'typebox';
import { CREDIT_DIMENSIONS } from '../../../core/credit/features.ts';
import { CREDIT_GRADES } from '../../../core/credit/assessment.ts';
import { DataCategorySchema, IsoDateTime, Nullable, NullableIsoDateTime, StrictObject } from '../../http/schemas.ts';

export const CreditDimensionSchema = Type.Enum(CREDIT_DIMENSIONS);

export const DimensionScore = Type.Object({
  code: CreditDimensionSchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  score: Type.Integer({ minimum: 0, maximum: 1000 }),
});

export const CreditReason = Type.Object({
  code: Type.String({ description: 'the reason code: the credit feature that lowered the score' }),
  dimension: CreditDimensionSchema,
  pointsLost: Type.Integer({ description: 'points of the 0–1000 score lost against the best value of the feature' }),
  value: Nullable(Type.Number()),
  textZh: Type.String(),
  textEn: Type.String(),
  adviceZh: Type.String({ description: 'what would raise the score' }),
  adviceEn: Type.String(),
});

/** GET /api/me/credit-assessment: exactly these six fields. */
export const MyCreditAssessment = Type.Object(
  {
    score: Type.Integer({ minimum: 0, maximum: 1000 }),
    grade: Type.Enum(CREDIT_GRADES),
    dimensions: Type.Array(DimensionScore),
    reasons: Type.Array(CreditReason),
    suggestedLimitFen: Type.Integer({ minimum: 0 }),
    modelVersion: Type.Integer({ minimum: 1 }),
  },
  { $id: 'MyCreditAssessment', additionalProperties: false },
);
export type MyCreditAssessment = Static<typeof MyCreditAssessment>;

// ---------------------------------------------------------------------------------------------------------
// Expert scorecards.

const ExpertBin = StrictObject({
  // One schema with type [number, null], not a union: with type coercion on, ajv would turn null into 0 in a
  // number branch, or 0 into null in a null branch; a type list coerces only what matches neither.
  upTo: Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'values up to this (inclusive) fall in the bin; null = no upper bound (the last bin)' }),
  points: Type.Integer({ minimum: 0, maximum: 1000 }),
});
const ExpertIndicator = StrictObject({
  feature: Type.String({ minLength: 1, maxLength: 60 }),
  bins: Type.Array(ExpertBin, { minItems: 1, maxItems: 12 }),
  missingPoints: Type.Integer({ minimum: 0, maximum: 1000 }),
});
export const ExpertScorecardSchema = StrictObject({
  format: Type.Literal('dianxiaoer.expert-scorecard'),
  formatVersion: Type.Literal(1),
  dimensions: Type.Array(StrictObject({ code: CreditDimensionSchema, indicators: Type.Array(ExpertIndicator, { minItems: 1, maxItems: 30 }) }), { minItems: 4, maxItems: 4 }),
});

export const CreateExpertModelBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  definition: ExpertScorecardSchema,
  activate: Type.Optional(Type.Boolean({ description: 'activate at once (default false: saved as a draft)' })),
});
export type CreateExpertModelInput = Static<typeof CreateExpertModelBody>;

export const UpdateExpertModelBody = StrictObject({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  definition: Type.Optional(ExpertScorecardSchema),
});
export type UpdateExpertModelInput = Static<typeof UpdateExpertModelBody>;

export const TrainModelBody = StrictObject({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date', description: 'first disbursement date of the loans learned from' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  holdoutShare: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
  pdo: Type.Optional(Type.Number({ minimum: 1, maximum: 200 })),
});
export type TrainModelInput = Static<typeof TrainModelBody>;

const Metrics = Type.Object({ n: Type.Integer(), bads: Type.Integer(), auc: Nullable(Type.Number()), ks: Nullable(Type.Number()), gini: Nullable(Type.Number()) });

export const CreditModelReport = Type.Object({
  rows: Type.Object({ train: Type.Integer(), holdout: Type.Integer(), bads: Type.Integer(), loans: Type.Integer() }),
  train: Metrics,
  holdout: Nullable(Metrics),
  features: Type.Array(
    Type.Object({
      name: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      iv: Type.Number(),
      bins: Type.Integer(),
      status: Type.String({ description: 'selected, low-iv, correlated, wrong-sign or too-many (beyond ten bad outcomes per feature)' }),
      note: Type.String(),
      psi: Nullable(Type.Number()),
    }),
  ),
  psi: Type.Object({
    score: Nullable(Type.Number({ description: 'PSI of the score between the training population (baseline) and the county now' })),
    stability: Nullable(Type.String({ description: 'stable (< 0.1), watch, shifted (> 0.25)' })),
    population: Type.Integer({ description: 'enterprises of the new population' }),
  }),
  trainingSeconds: Type.Number(),
});

export const CreditModel = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Enum(['expert', 'trained'] as const),
    version: Type.Integer(),
    name: Type.String(),
    status: Type.Enum(['draft', 'active', 'retired'] as const),
    trainingState: Nullable(Type.Enum(['queued', 'running', 'done', 'failed'] as const)),
    progressBp: Type.Integer({ minimum: 0, maximum: 10000 }),
    trainingError: Nullable(Type.String()),
    definition: Type.Unknown({ description: 'the expert scorecard or the trained scorecard model (JSON)' }),
    report: Nullable(CreditModelReport),
    createdAt: IsoDateTime,
    activatedAt: NullableIsoDateTime,
  },
  { $id: 'CreditModel' },
);
export type CreditModel = Static<typeof CreditModel>;

// ---------------------------------------------------------------------------------------------------------
// A lead's credit report for its bank.

export const CreditReport = Type.Object(
  {
    applicationId: Type.Integer(),
    enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
    consentedCategories: Type.Array(DataCategorySchema, { description: 'the categories in consents in force to this bank now' }),
    hiddenCategories: Type.Array(DataCategorySchema),
    modelVersion: Type.Integer(),
    assessment: Nullable(
      Type.Object({
        score: Type.Integer(),
        grade: Type.Enum(CREDIT_GRADES),
        dimensions: Type.Array(DimensionScore),
        reasons: Type.Array(CreditReason),
        suggestedLimitFen: Type.Integer(),
      }),
      // null when no consent is in force: nothing of the enterprise's data may be shown
    ),
    features: Type.Array(
      Type.Object({ code: Type.String(), dimension: CreditDimensionSchema, nameZh: Type.String(), nameEn: Type.String(), value: Nullable(Type.Number()), textZh: Type.String(), textEn: Type.String() }),
    ),
    indicators: Type.Array(
      Type.Object({
        code: Type.String(),
        nameZh: Type.String(),
        nameEn: Type.String(),
        category: DataCategorySchema,
        unit: Type.String(),
        period: Type.String(),
        value: Nullable(Type.Number()),
        valueText: Nullable(Type.String()),
      }),
      { description: 'the latest value of each indicator in a consented category' },
    ),
    generatedAt: IsoDateTime,
  },
  { $id: 'CreditReport' },
);
export type CreditReport = Static<typeof CreditReport>;
