import { Type, type Static } from 'typebox';
import { RECORD_FIELD_TYPES } from '../../../core/rules/records.ts';
import { DataCategorySchema, Nullable, StrictObject } from '../../http/schemas.ts';

const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'lower-case machine name, e.g. employee' });

const FieldCode = StrictObject({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
});

export const RecordField = StrictObject({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Enum(RECORD_FIELD_TYPES),
  /** Display unit of a number field (月, ㎡, 亩, bp …); money fields are in fen, dates YYYY-MM-DD. */
  unit: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 16 }))),
  /** The closed list of a code field. */
  codes: Type.Optional(Nullable(Type.Array(FieldCode, { minItems: 1, maxItems: 200 }))),
  /** Whether every imported record must give it. */
  required: Type.Optional(Type.Boolean()),
});
export type RecordField = Static<typeof RecordField>;

export const RecordType = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    countUnit: Type.Enum(['person', 'count']),
    /** The data category (数据授权) that governs who reads these records. */
    consentCategory: Type.String(),
    dateField: Nullable(Type.String()),
    fields: Type.Array(RecordField),
    isBuiltIn: Type.Boolean(),
  },
  { $id: 'RecordType' },
);
export type RecordType = Static<typeof RecordType>;

export const CreateRecordTypeBody = StrictObject({
  code: Code,
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  countUnit: Type.Enum(['person', 'count']),
  consentCategory: DataCategorySchema,
  dateField: Nullable(Type.String({ maxLength: 64 })),
  fields: Type.Array(RecordField, { minItems: 1, maxItems: 40 }),
});
export type CreateRecordTypeInput = Static<typeof CreateRecordTypeBody>;

export const EnterpriseRecord = Type.Object({
  key: Type.String(),
  /** Field values as stored: money in fen, dates YYYY-MM-DD, yes/no as booleans, codes as codes. */
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  source: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const EnterpriseRecordGroup = Type.Object({
  type: Type.Ref('RecordType'),
  total: Type.Integer(),
  /** The first `limit` records, ordered by the type's date field (latest first), then key. */
  items: Type.Array(EnterpriseRecord),
});

export const EnterpriseRecords = Type.Object({
  groups: Type.Array(EnterpriseRecordGroup),
  /** Record types whose consent category the caller may not see (a bank under a narrower consent). */
  hiddenTypes: Type.Array(Type.String()),
});
export type EnterpriseRecords = Static<typeof EnterpriseRecords>;

export const EnterpriseRecordsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
