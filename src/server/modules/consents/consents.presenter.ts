import type { DataCategory } from '../../../core/profile/indicators.ts';
import type { ConsentStatus, findConsentById, findReceivedConsents } from './consents.repository.ts';
import type { Consent, ReceivedConsent } from './consents.schemas.ts';

/** A consent's status at `now`; the same rule as the SQL in consents.repository.ts. */
export function consentStatus(row: { revoked_at: Date | null; valid_from: Date; valid_until: Date }, now: Date): ConsentStatus {
  if (row.revoked_at !== null) return 'revoked';
  if (row.valid_from.getTime() > now.getTime()) return 'scheduled';
  if (row.valid_until.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

type ConsentRow = NonNullable<Awaited<ReturnType<typeof findConsentById>>>;

export function presentConsent(row: ConsentRow, now: Date): Consent {
  return {
    id: row.id,
    grantee: { id: row.grantee_org_id, type: row.grantee_type as 'bank' | 'service_provider', name: row.grantee_name },
    categories: row.categories as DataCategory[],
    purpose: row.purpose,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    status: consentStatus(row, now),
    createdAt: row.created_at.toISOString(),
  };
}

type ReceivedRow = Awaited<ReturnType<typeof findReceivedConsents>>['rows'][number];

export function presentReceivedConsent(row: ReceivedRow, now: Date): ReceivedConsent {
  return {
    id: row.id,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc },
    categories: row.categories as DataCategory[],
    purpose: row.purpose,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    status: consentStatus(row, now),
    createdAt: row.created_at.toISOString(),
  };
}
