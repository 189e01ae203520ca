import type { Kysely } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { presentConsent, presentReceivedConsent } from './consents.presenter.ts';
import * as repo from './consents.repository.ts';
import type { Consent, GrantConsentInput } from './consents.schemas.ts';

/** Longest a consent may run: an enterprise renews it rather than granting for ever. */
export const CONSENT_MAX_YEARS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A date means a whole day in the county: from its 00:00 (start) or until its 24:00 (end), Asia/Shanghai
 * (UTC+8, no daylight saving). An instant is taken as is.
 */
function toInstant(text: string, edge: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = new Date(`${text}T00:00:00+08:00`);
    return edge === 'start' ? start : new Date(start.getTime() + DAY_MS);
  }
  return new Date(text);
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/**
 * The enterprise the actor grants for: an enterprise user's own (403 for other roles, 404 when the
 * organisation is linked to no enterprise) — the same answers as the enterprises module's
 * requireOwnEnterprise, which consents cannot import (it depends on consents).
 */
async function requireGrantorEnterpriseId(db: Executor, actor: Actor): Promise<number> {
  if (!actor.roles.includes('enterprise_user')) throw new AppError('forbidden', 'Only an enterprise user acts for an enterprise');
  const enterpriseId = await repo.findEnterpriseIdOfOrganisation(db, actor.orgId);
  if (enterpriseId === undefined) throw new AppError('not_found', 'Your organisation is not linked to an enterprise');
  return enterpriseId;
}

/** Banks and service providers an enterprise may authorise (any signed-in user may list them). */
export async function listGrantees(db: Kysely<DB>, type?: 'bank' | 'service_provider') {
  return (await repo.findGrantees(db, type)).map((o) => ({ id: o.id, type: o.type as 'bank' | 'service_provider', name: o.name }));
}

/** Every consent the actor's enterprise gave, newest first, with its status now (history kept). */
export async function listMyConsents(db: Kysely<DB>, actor: Actor): Promise<Consent[]> {
  const enterpriseId = await requireGrantorEnterpriseId(db, actor);
  const now = new Date();
  return (await repo.findConsentsOfEnterprise(db, enterpriseId)).map((row) => presentConsent(row, now));
}

/**
 * The enterprise authorises a bank or service provider to see some data categories for a purpose and a
 * period (at most three years, ending in the future). Audited.
 */
export async function grantConsent(db: Kysely<DB>, actor: Actor, input: GrantConsentInput): Promise<Consent> {
  const enterpriseId = await requireGrantorEnterpriseId(db, actor);
  const now = new Date();
  const details: { path: string; message: string }[] = [];
  const granteeType = await repo.findOrgType(db, input.granteeOrgId);
  if (granteeType !== 'bank' && granteeType !== 'service_provider') {
    details.push({ path: 'body/granteeOrgId', message: granteeType ? 'only a bank or a service provider can be authorised' : 'unknown organisation' });
  }
  const purpose = input.purpose.trim();
  if (purpose === '') details.push({ path: 'body/purpose', message: 'say what the data is for' });
  const validFrom = input.validFrom ? toInstant(input.validFrom, 'start') : now;
  const validUntil = toInstant(input.validUntil, 'end');
  if (validUntil.getTime() <= validFrom.getTime()) details.push({ path: 'body/validUntil', message: 'must be after validFrom' });
  else if (validUntil.getTime() > addYears(validFrom, CONSENT_MAX_YEARS).getTime()) details.push({ path: 'body/validUntil', message: `a consent runs at most ${CONSENT_MAX_YEARS} years` });
  else if (validUntil.getTime() <= now.getTime()) details.push({ path: 'body/validUntil', message: 'must be in the future' });
  if (details.length > 0) throw new AppError('validation_failed', 'The consent is invalid', details);

  const id = await db.transaction().execute(async (trx) => {
    const consentId = await repo.insertConsent(trx, { enterpriseId, granteeOrgId: input.granteeOrgId, categories: input.categories, purpose, validFrom, validUntil, createdBy: actor.userId });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'consent.grant',
      targetType: 'consent',
      targetId: consentId,
      details: { enterpriseId, granteeOrgId: input.granteeOrgId, categories: input.categories, purpose, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() },
    });
    return consentId;
  });
  return presentConsent((await repo.findConsentById(db, id))!, now);
}

/**
 * Records a consent inside the caller's transaction, for a grant that is part of another step (a loan
 * application grants its bank the product's data categories). The caller has authorised the actor for the
 * enterprise and checked the grantee; the period is checked here (the same limits as grantConsent) and the
 * grant is audited as consent.grant in the same transaction. Returns the consent's id.
 */
export async function grantConsentInTransaction(
  trx: Executor,
  actor: Actor,
  grant: { enterpriseId: number; granteeOrgId: number; categories: readonly string[]; purpose: string; validFrom: Date; validUntil: Date },
): Promise<number> {
  if (grant.validUntil.getTime() <= grant.validFrom.getTime() || grant.validUntil.getTime() > addYears(grant.validFrom, CONSENT_MAX_YEARS).getTime()) {
    throw new AppError('validation_failed', 'The consent is invalid', [{ path: 'body/consentMonths', message: `a consent runs at most ${CONSENT_MAX_YEARS} years` }]);
  }
  const consentId = await repo.insertConsent(trx, { ...grant, createdBy: actor.userId });
  await recordAudit(trx, {
    ...auditContextOfActor(actor),
    action: 'consent.grant',
    targetType: 'consent',
    targetId: consentId,
    details: { enterpriseId: grant.enterpriseId, granteeOrgId: grant.granteeOrgId, categories: grant.categories, purpose: grant.purpose, validFrom: grant.validFrom.toISOString(), validUntil: grant.validUntil.toISOString() },
  });
  return consentId;
}

/**
 * Revokes one of the enterprise's consents, effective at once. Idempotent: revoking again keeps the
 * first revocation time and records nothing new. The record stays (history).
 */
export async function revokeMyConsent(db: Kysely<DB>, actor: Actor, consentId: number): Promise<Consent> {
  const enterpriseId = await requireGrantorEnterpriseId(db, actor);
  const consent = await repo.findConsentById(db, consentId);
  if (!consent || consent.enterprise_id !== enterpriseId) throw notFound('Consent');
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    if (await repo.revokeConsent(trx, consentId, actor.userId, now)) {
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'consent.revoke', targetType: 'consent', targetId: consentId, details: { enterpriseId, granteeOrgId: consent.grantee_org_id } });
    }
  });
  return presentConsent((await repo.findConsentById(db, consentId))!, new Date());
}

/** Consents received by the actor's bank or service provider, newest first. */
export async function listReceivedConsents(db: Kysely<DB>, actor: Actor, filter: { status?: repo.ConsentStatus }, page: PageRequest) {
  requireRole(actor, 'bank_staff', 'provider_staff');
  const now = new Date();
  const { rows, total } = await repo.findReceivedConsents(db, actor.orgId, filter, now, page);
  // Which enterprises authorised the bank or provider, and for what: enterprises' data, read by another organisation.
  await recordRead(db, actor, 'consent.list_received', { type: 'consent' }, { filter, page, count: rows.length, total });
  return { items: rows.map((row) => presentReceivedConsent(row, now)), total, ...page };
}
