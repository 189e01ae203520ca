import { Type, type Static } from 'typebox';
import { ENTERPRISE_TYPES as RULE_ENTERPRISE_TYPES } from '../../../core/rules/catalogue.ts';
import type { EnterpriseStatus, EnterpriseType, SizeClass } from '../../db/schema.ts';
import { DataCategorySchema, IsoDate, Nullable, NullableInput, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';

/** The registry's list, shared with the rule catalogue (a rule's enterprise_type must name one of them). */
export const ENTERPRISE_TYPES = RULE_ENTERPRISE_TYPES satisfies readonly EnterpriseType[];
export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'cancelled', 'revoked', 'moved_out'] as const satisfies readonly EnterpriseStatus[];
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const satisfies readonly SizeClass[];

export const EnterpriseTypeSchema = Type.Enum(ENTERPRISE_TYPES);
export const EnterpriseStatusSchema = Type.Enum(ENTERPRISE_STATUSES);
export const SizeClassSchema = Type.Enum(SIZE_CLASSES);

const summaryProperties = {
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  type: EnterpriseTypeSchema,
  status: EnterpriseStatusSchema,
  townCode: Nullable(Type.String()),
  townName: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  industrySection: Nullable(Type.String()),
  industryName: Nullable(Type.String()),
  sizeClass: Nullable(SizeClassSchema),
  isAboveScale: Nullable(Type.Boolean()),
  lifecycleStage: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
};

export const EnterpriseSummary = Type.Object(summaryProperties, { $id: 'EnterpriseSummary' });
export type EnterpriseSummary = Static<typeof EnterpriseSummary>;

export const DerivedTagSchema = Type.Object(
  {
    key: Type.String(),
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    labelZh: Type.String(),
    labelEn: Type.String(),
    reasonZh: Type.String(),
    reasonEn: Type.String(),
    inputs: Type.Array(Type.Object({ code: Type.String(), period: Type.Optional(Type.String()), value: Type.Union([Type.String(), Type.Number(), Type.Null()]) })),
    /** The data categories the tag reveals (operations, plus the categories of its inputs). */
    categories: Type.Array(DataCategorySchema),
  },
  { $id: 'DerivedTag' },
);

export const EnterpriseDetail = Type.Object(
  {
    ...summaryProperties,
    legalRepresentative: Nullable(Type.String()),
    registeredOn: Nullable(Type.String()),
    /** The date the firm left the register (注销、吊销 or 迁出, by its status); null while it operates or when unknown. */
    closedOn: Nullable(Type.String()),
    registeredCapitalFen: Nullable(Type.Integer()),
    address: Nullable(Type.String()),
    usccStatus: Type.Enum(['valid', 'checksum_override']),
    orgId: Nullable(Type.Integer()),
    profile: Nullable(
      Type.Object({
        computedAt: NullableIsoDateTime,
        evaluationDate: Type.String(),
        sizeClass: Nullable(Type.Ref('DerivedTag')),
        aboveScale: Nullable(Type.Ref('DerivedTag')),
        lifecycleStage: Nullable(Type.Ref('DerivedTag')),
        tags: Type.Array(Type.Ref('DerivedTag')),
        completeness: Type.Object({ year: Type.Integer(), percent: Type.Integer(), present: Type.Array(Type.String()), missing: Type.Array(Type.String()) }),
      }),
    ),
    certifications: Type.Array(
      Type.Object({
        code: Type.String(),
        nameZh: Type.String(),
        nameEn: Type.String(),
        awardedOn: Type.String(),
        expiresOn: Nullable(Type.String()),
        isRenewal: Type.Boolean(),
        isValid: Type.Boolean(),
        source: Type.String(),
      }),
    ),
    access: Type.Object({ isOwn: Type.Boolean(), categories: Type.Array(DataCategorySchema) }),
  },
  { $id: 'EnterpriseDetail' },
);
export type EnterpriseDetail = Static<typeof EnterpriseDetail>;

export const EnterpriseSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  town: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  industry: Type.Optional(Type.String({ minLength: 1, maxLength: 8, description: '门类 letter (C), 大类 (34) or a longer prefix (3434)' })),
  sizeClass: Type.Optional(SizeClassSchema),
  tag: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{1,64}$' })),
  aboveScale: Type.Optional(Type.Boolean()),
  status: Type.Optional(EnterpriseStatusSchema),
  ...PageQuery,
});
export type EnterpriseSearchQuery = Static<typeof EnterpriseSearchQuery>;
export type EnterpriseFilter = Omit<EnterpriseSearchQuery, 'page' | 'pageSize'>;

export const EnterpriseList = Paged(Type.Ref('EnterpriseSummary'));

const editableFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: EnterpriseTypeSchema,
  legalRepresentative: NullableInput(Type.String({ minLength: 1, maxLength: 100 })),
  registeredOn: NullableInput(IsoDate),
  registeredCapitalFen: NullableInput(MoneyFen()),
  townCode: NullableInput(Type.String({ minLength: 1, maxLength: 20 })),
  address: NullableInput(Type.String({ minLength: 1, maxLength: 300 })),
  industryCode: NullableInput(Type.String({ minLength: 1, maxLength: 8 })),
  status: EnterpriseStatusSchema,
  closedOn: NullableInput(IsoDate),
};

export const CreateEnterpriseBody = StrictObject({
  uscc: Type.String({ minLength: 1, maxLength: 64 }),
  name: editableFields.name,
  type: editableFields.type,
  legalRepresentative: Type.Optional(editableFields.legalRepresentative),
  registeredOn: Type.Optional(editableFields.registeredOn),
  registeredCapitalFen: Type.Optional(editableFields.registeredCapitalFen),
  townCode: Type.Optional(editableFields.townCode),
  address: Type.Optional(editableFields.address),
  industryCode: Type.Optional(editableFields.industryCode),
  status: Type.Optional(editableFields.status),
  /** 注销/吊销/迁出日期: only with a closed status (cancelled, revoked, moved_out). */
  closedOn: Type.Optional(editableFields.closedOn),
  acceptChecksumMismatch: Type.Optional(Type.Boolean({ description: 'Store a code whose check character fails (pilot-era codes); audited' })),
});
export type CreateEnterpriseInput = Static<typeof CreateEnterpriseBody>;

export const UpdateEnterpriseBody = StrictObject({
  name: Type.Optional(editableFields.name),
  type: Type.Optional(editableFields.type),
  legalRepresentative: Type.Optional(editableFields.legalRepresentative),
  registeredOn: Type.Optional(editableFields.registeredOn),
  registeredCapitalFen: Type.Optional(editableFields.registeredCapitalFen),
  townCode: Type.Optional(editableFields.townCode),
  address: Type.Optional(editableFields.address),
  industryCode: Type.Optional(editableFields.industryCode),
  status: Type.Optional(editableFields.status),
  /** 注销/吊销/迁出日期: only with a closed status; a status that is not closed clears it. */
  closedOn: Type.Optional(editableFields.closedOn),
});
export type UpdateEnterpriseInput = Static<typeof UpdateEnterpriseBody>;

export const Town = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.Enum(['street', 'town', 'township']) });
export const IndustriesQuery = Type.Object({ section: Type.Optional(Type.String({ pattern: '^[A-Ta-t]$' })) });
export const Industries = Type.Object({
  sections: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  divisions: Type.Array(Type.Object({ code: Type.String(), section: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
});
export const ProfileTag = Type.Object({ tag: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
