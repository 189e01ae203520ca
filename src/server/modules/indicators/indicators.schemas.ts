import { Type, type Static } from 'typebox';
import { SOURCES } from '../../../core/profile/indicators.ts';
import { DataCategorySchema, IsoDate, Nullable, StrictObject } from '../../http/schemas.ts';

export const UNITS = ['fen', 'person', 'bp', 'count', 'kwh', 'boolean', 'grade', 'area', 'kg', 'kgce'] as const;
export const PERIODICITIES = ['year', 'quarter', 'month'] as const;

export const Indicator = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    category: DataCategorySchema,
    unit: Type.Enum(UNITS),
    periodicity: Type.Enum(PERIODICITIES),
    isFlow: Type.Boolean(),
    isKey: Type.Boolean(),
    sources: Type.Array(Type.String()),
    grades: Nullable(Type.Array(Type.String())),
    isBuiltIn: Type.Boolean(),
  },
  { $id: 'Indicator' },
);
export type Indicator = Static<typeof Indicator>;

export const CreateIndicatorBody = StrictObject({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'lower-case machine name, e.g. green_factory' }),
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  category: DataCategorySchema,
  unit: Type.Enum(UNITS),
  periodicity: Type.Enum(PERIODICITIES),
  isFlow: Type.Boolean(),
  isKey: Type.Optional(Type.Boolean()),
  sources: Type.Array(Type.Enum(SOURCES), { minItems: 1, maxItems: SOURCES.length, uniqueItems: true, description: 'in precedence order; the first is the authority' }),
  grades: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 30, uniqueItems: true })),
});
export type CreateIndicatorInput = Static<typeof CreateIndicatorBody>;

export const IndicatorValuesQuery = Type.Object({
  code: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}$', description: 'first year (inclusive)' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}$', description: 'last year (inclusive)' })),
});
export type IndicatorValuesQuery = Static<typeof IndicatorValuesQuery>;

export const IndicatorValue = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  category: DataCategorySchema,
  period: Type.String(),
  value: Nullable(Type.Integer()),
  valueText: Nullable(Type.String()),
  source: Type.String(),
  sourceNameZh: Type.String(),
  sourceNameEn: Type.String(),
  asOf: Type.String(),
  batchId: Nullable(Type.Integer()),
  /** This source's value is the one the platform uses for the code and period (source precedence). */
  isEffective: Type.Boolean(),
});
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorValueList = Type.Object({ items: Type.Array(IndicatorValue) });

/**
 * One value to write. `value` is an integer (fen for money, persons, bp, 0/1 …) or, for grade
 * indicators, the grade text. (With the API's type coercion a string of digits reads as an integer.)
 */
export const IndicatorValueInput = StrictObject({
  code: Type.String({ minLength: 1, maxLength: 63 }),
  period: Type.String({ minLength: 1, maxLength: 10 }),
  value: Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]),
  source: Type.String({ minLength: 1, maxLength: 40 }),
  asOf: IsoDate,
});
export type IndicatorValueInput = Static<typeof IndicatorValueInput>;

export const WriteIndicatorValuesBody = Type.Array(IndicatorValueInput, { minItems: 1, maxItems: 5000 });
export const WriteIndicatorValuesResult = Type.Object({ inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });
