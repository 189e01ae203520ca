import { Type, type Static } from 'typebox';
import { DataCategorySchema, IsoDateTime, NullableIsoDateTime, PageQuery, Paged, StrictObject } from '../../http/schemas.ts';

export const CONSENT_STATUSES = ['active', 'expired', 'revoked', 'scheduled'] as const;
export const GRANTEE_TYPES = ['bank', 'service_provider'] as const;

export const Grantee = Type.Object({ id: Type.Integer(), type: Type.Enum(GRANTEE_TYPES), name: Type.String() });
export const GranteesQuery = Type.Object({ type: Type.Optional(Type.Enum(GRANTEE_TYPES)) });

export const Consent = Type.Object(
  {
    id: Type.Integer(),
    grantee: Grantee,
    categories: Type.Array(DataCategorySchema),
    purpose: Type.String(),
    validFrom: IsoDateTime,
    validUntil: IsoDateTime,
    revokedAt: NullableIsoDateTime,
    status: Type.Enum(CONSENT_STATUSES),
    createdAt: IsoDateTime,
  },
  { $id: 'Consent' },
);
export type Consent = Static<typeof Consent>;

/** A date (the whole day, in the county's time zone) or an instant. */
const DateOrInstant = Type.Union([Type.String({ format: 'date-time' }), Type.String({ format: 'date' })], {
  description: "ISO instant, or 'YYYY-MM-DD': validFrom starts at 00:00 and validUntil ends at 24:00 of that day (Asia/Shanghai)",
});

export const GrantConsentBody = StrictObject({
  granteeOrgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  categories: Type.Array(DataCategorySchema, { minItems: 1, maxItems: 7, uniqueItems: true }),
  purpose: Type.String({ minLength: 1, maxLength: 200 }),
  validFrom: Type.Optional(DateOrInstant),
  validUntil: DateOrInstant,
});
export type GrantConsentInput = Static<typeof GrantConsentBody>;

export const ReceivedConsent = Type.Object({
  id: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String() }),
  categories: Type.Array(DataCategorySchema),
  purpose: Type.String(),
  validFrom: IsoDateTime,
  validUntil: IsoDateTime,
  revokedAt: NullableIsoDateTime,
  status: Type.Enum(CONSENT_STATUSES),
  createdAt: IsoDateTime,
});
export type ReceivedConsent = Static<typeof ReceivedConsent>;
export const ReceivedConsentsQuery = Type.Object({ status: Type.Optional(Type.Enum(CONSENT_STATUSES)), ...PageQuery });
export const ReceivedConsentList = Paged(ReceivedConsent);
