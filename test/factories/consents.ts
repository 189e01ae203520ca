import type { Kysely } from 'kysely';
import type { DataCategory } from '../../src/core/profile/indicators.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createOrg, createUser } from './accounts.ts';
import { createEnterprise } from './enterprises.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ConsentOptions {
  /** The enterprise granting it. Default: a new enterprise with an organisation. */
  enterprise?: { id: number; orgId: number | null };
  /** The organisation it is granted to (a bank or a service provider). Default: a new bank. */
  granteeOrgId?: number;
  /** Default operations and tax, as a bank asks for a loan. */
  categories?: readonly DataCategory[];
  purpose?: string;
  /** Default: since a day ago. */
  validFrom?: Date;
  /** Default: for 90 days from now. */
  validUntil?: Date;
  /** When the enterprise revoked it (by the user who granted it); default never. */
  revokedAt?: Date | null;
  /** The enterprise user who granted it. Default: a new user of the enterprise's organisation. */
  createdBy?: number;
}

export interface CreatedConsent {
  id: number;
  enterpriseId: number;
  granteeOrgId: number;
  createdBy: number;
}

/**
 * Records a consent (数据授权) from an enterprise to an organisation for some data categories, a
 * purpose and a period, creating the enterprise, the grantee and the granting user when not given.
 *
 * Inserts the row directly, as the consent tests do for periods the API refuses (a consent that has
 * expired, or was revoked, before the test starts). The API's own checks are tested through
 * POST /api/me/consents in consents.test.ts, which is how a consent valid today is best granted there.
 */
export async function createConsent(db: Kysely<DB>, options: ConsentOptions = {}): Promise<CreatedConsent> {
  const enterprise = options.enterprise ?? (await createEnterprise(db, { withOrg: true }));
  const granteeOrgId = options.granteeOrgId ?? (await createOrg(db, 'bank'));
  const createdBy = options.createdBy ?? (await grantingUser(db, enterprise));
  const now = Date.now();
  const revokedAt = options.revokedAt ?? null;
  const row = await db
    .insertInto('consents')
    .values({
      enterprise_id: enterprise.id,
      grantee_org_id: granteeOrgId,
      categories: [...(options.categories ?? ['operations', 'tax'])],
      purpose: options.purpose ?? '流动资金贷款审批',
      valid_from: options.validFrom ?? new Date(now - DAY_MS),
      valid_until: options.validUntil ?? new Date(now + 90 * DAY_MS),
      revoked_at: revokedAt,
      revoked_by: revokedAt ? createdBy : null,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, enterpriseId: enterprise.id, granteeOrgId, createdBy };
}

/** A new user of the enterprise's organisation: consents are granted by the enterprise's own users. */
async function grantingUser(db: Kysely<DB>, enterprise: { id: number; orgId: number | null }): Promise<number> {
  if (enterprise.orgId === null) throw new Error(`enterprise ${enterprise.id} has no organisation for the user granting the consent: create it withOrg, or give createdBy`);
  return (await createUser(db, { roles: ['enterprise_user'], orgId: enterprise.orgId })).id;
}
