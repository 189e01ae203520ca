import { Type, type Static } from 'typebox';
import { Nullable, StrictObject } from '../../http/schemas.ts';

export const CERTIFICATION_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'lower-case machine name, e.g. green_factory' });

export const CertificationType = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    levels: Type.Array(Type.Enum(CERTIFICATION_LEVELS)),
    issuingBodyZh: Type.String(),
    issuingBodyEn: Type.String(),
    validityYears: Nullable(Type.Integer()),
    isBuiltIn: Type.Boolean(),
  },
  { $id: 'CertificationType' },
);
export type CertificationType = Static<typeof CertificationType>;

export const CreateCertificationTypeBody = StrictObject({
  code: Code,
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  levels: Type.Array(Type.Enum(CERTIFICATION_LEVELS), { maxItems: 4, uniqueItems: true, description: 'the levels it is awarded at; empty for a single authority' }),
  issuingBodyZh: Type.String({ minLength: 1, maxLength: 200 }),
  issuingBodyEn: Type.String({ minLength: 1, maxLength: 300 }),
  validityYears: Nullable(Type.Integer({ minimum: 1, maximum: 50, description: 'years a certificate is valid; null when it does not expire' })),
});
export type CreateCertificationTypeInput = Static<typeof CreateCertificationTypeBody>;

const Criteria = StrictObject({
  sections: Type.Optional(Type.Array(Type.String({ pattern: '^[A-T]$' }), { maxItems: 20 })),
  divisionRanges: Type.Optional(Type.Array(Type.Tuple([Type.String({ pattern: '^\\d{2}$' }), Type.String({ pattern: '^\\d{2}$' })]), { maxItems: 100 })),
  prefixes: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{2,4}$' }), { maxItems: 2000 })),
});

export const IndustrySet = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    sourceZh: Type.String(),
    criteria: Type.Object({
      sections: Type.Optional(Type.Array(Type.String())),
      divisionRanges: Type.Optional(Type.Array(Type.Array(Type.String()))),
      prefixes: Type.Optional(Type.Array(Type.String())),
    }),
    isBuiltIn: Type.Boolean(),
  },
  { $id: 'IndustrySet' },
);
export type IndustrySet = Static<typeof IndustrySet>;

export const SaveIndustrySetBody = StrictObject({
  code: Code,
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  sourceZh: Type.String({ maxLength: 300, description: 'where the set comes from (文号)' }),
  criteria: Criteria,
});
export type SaveIndustrySetInput = Static<typeof SaveIndustrySetBody>;
