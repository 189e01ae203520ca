/**
 * Who may read an enterprise's data, and which data categories (数据授权). The one decision every module
 * reading enterprise data goes through (profiles, indicators, finance, demands …):
 *
 * | caller | may read | categories |
 * |---|---|---|
 * | enterprise_user of the enterprise's own organisation | yes | all |
 * | government readers: department_staff, dispatcher, data_admin, leader (read-only) | yes | all |
 * | cadre (and no other government role) | only enterprises linked to them now (千人联千企, cadre_links) | all |
 * | bank_staff, provider_staff | only under a consent to their organisation in force now (valid_from ≤ now < valid_until, not revoked) | the union of those consents' categories |
 * | anyone else (another enterprise, admin, auditor) | no | — |
 *
 * Registry facts (name, USCC, town, industry …) come with any access; everything else is filtered by
 * category. A cadre still searches the county's directory (registry facts: the public 名录), but opens the
 * detail, indicators, eligibility and credit of linked firms only (refusal reason `not_linked`). A refusal is recorded in the audit log (`denied`), a read by another organisation as a read.
 */
import type { Kysely } from 'kysely';
import { DATA_CATEGORIES, type DataCategory } from '../../../core/profile/indicators.ts';
import type { DB, Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findActiveConsents } from '../consents/index.ts';
import type { Executor } from '../../db/database.ts';
import { findEnterpriseRefByOrgId } from './enterprises.repository.ts';
import type { AuditAction } from '../audit/index.ts';
import { linkedEnterprisesOfCadreUser } from './cadre-links.ts';

export const GOVERNMENT_READER_ROLES: readonly Role[] = Object.freeze(['department_staff', 'dispatcher', 'cadre', 'data_admin', 'leader']);
export const CONSENT_READER_ROLES: readonly Role[] = Object.freeze(['bank_staff', 'provider_staff']);
const ALL_CATEGORIES: readonly DataCategory[] = DATA_CATEGORIES;

export type AccessBasis = 'own' | 'government' | 'consent';

/** What a caller may see of one enterprise. */
export interface EnterpriseAccess {
  enterpriseId: number;
  basis: AccessBasis;
  /** The caller is the enterprise itself: its reads are not audited as reads by another organisation. */
  isOwn: boolean;
  /** Data categories the caller may see, in DATA_CATEGORIES order. */
  categories: readonly DataCategory[];
  /** The consents the access rests on (basis 'consent'); empty otherwise. */
  consentIds: readonly number[];
}

export type RefusalReason = 'no_consent' | 'other_enterprise' | 'role' | 'not_linked';
export type AccessDecision = ({ allowed: true } & EnterpriseAccess) | { allowed: false; enterpriseId: number; reason: RefusalReason };

/** A consent as the decision needs it. */
export interface ConsentGrant {
  id: number;
  categories: readonly string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

export interface AccessActor {
  roles: readonly Role[];
  orgId: number;
  /** The account (a cadre's links are found by it). */
  userId?: number;
}

const hasAnyRole = (actor: AccessActor, roles: readonly Role[]) => roles.some((role) => actor.roles.includes(role));

/** In force at `now`: started, not yet ended (the end instant excluded), not revoked. */
export function isConsentActive(consent: Pick<ConsentGrant, 'validFrom' | 'validUntil' | 'revokedAt'>, now: Date): boolean {
  return consent.revokedAt === null && consent.validFrom.getTime() <= now.getTime() && now.getTime() < consent.validUntil.getTime();
}

/** Whether the actor is the enterprise itself (an enterprise user of the organisation it is linked to). */
export function isOwnEnterprise(actor: AccessActor, enterprise: { orgId: number | null }): boolean {
  return enterprise.orgId !== null && enterprise.orgId === actor.orgId && actor.roles.includes('enterprise_user');
}

/** A cadre with no other government role: reads the non-public data of linked enterprises only. */
export function isLinkBoundCadre(actor: AccessActor): boolean {
  return actor.roles.includes('cadre') && !GOVERNMENT_READER_ROLES.some((role) => role !== 'cadre' && actor.roles.includes(role));
}

/** Whether the actor's roles ever read enterprise data of others (before looking at any enterprise). */
export function readsOtherEnterprises(actor: AccessActor): 'government' | 'consent' | null {
  if (hasAnyRole(actor, GOVERNMENT_READER_ROLES)) return 'government';
  if (hasAnyRole(actor, CONSENT_READER_ROLES)) return 'consent';
  return null;
}

/**
 * The decision itself, pure: the actor, the enterprise, the consents the enterprise gave to the
 * actor's organisation (any, active or not: only those in force at `now` count), and whether the
 * enterprise is linked to the actor as its cadre now.
 */
export function decideEnterpriseAccess(actor: AccessActor, enterprise: { id: number; orgId: number | null }, consents: readonly ConsentGrant[], now: Date, linkedToCadre = false): AccessDecision {
  if (isOwnEnterprise(actor, enterprise)) {
    return { allowed: true, enterpriseId: enterprise.id, basis: 'own', isOwn: true, categories: ALL_CATEGORIES, consentIds: [] };
  }
  const kind = readsOtherEnterprises(actor);
  if (kind === 'government' && isLinkBoundCadre(actor) && !linkedToCadre) return { allowed: false, enterpriseId: enterprise.id, reason: 'not_linked' };
  if (kind === 'government') {
    return { allowed: true, enterpriseId: enterprise.id, basis: 'government', isOwn: false, categories: ALL_CATEGORIES, consentIds: [] };
  }
  if (kind === 'consent') {
    const active = consents.filter((consent) => isConsentActive(consent, now));
    const granted = new Set<string>(active.flatMap((consent) => consent.categories));
    const categories = ALL_CATEGORIES.filter((category) => granted.has(category));
    if (active.length === 0 || categories.length === 0) return { allowed: false, enterpriseId: enterprise.id, reason: 'no_consent' };
    return { allowed: true, enterpriseId: enterprise.id, basis: 'consent', isOwn: false, categories, consentIds: active.map((consent) => consent.id) };
  }
  return { allowed: false, enterpriseId: enterprise.id, reason: actor.roles.includes('enterprise_user') ? 'other_enterprise' : 'role' };
}

/** Loads what the decision needs (consents only for bank and provider staff, links only for cadres) and decides. */
export async function findEnterpriseAccess(db: Executor, actor: AccessActor, enterprise: { id: number; orgId: number | null }, now: Date = new Date()): Promise<AccessDecision> {
  let consents: ConsentGrant[] = [];
  let linked = false;
  if (isLinkBoundCadre(actor) && actor.userId !== undefined) linked = (await linkedEnterprisesOfCadreUser(db, actor.userId, [enterprise.id])).has(enterprise.id);
  if (!isOwnEnterprise(actor, enterprise) && readsOtherEnterprises(actor) === 'consent') {
    const rows = await findActiveConsents(db, enterprise.id, actor.orgId, now);
    consents = rows.map((row) => ({ id: row.id, categories: row.categories, validFrom: row.valid_from, validUntil: row.valid_until, revokedAt: row.revoked_at }));
  }
  return decideEnterpriseAccess(actor, enterprise, consents, now, linked);
}

const REFUSALS: Record<RefusalReason, string> = {
  no_consent: 'The enterprise has not authorised your organisation to see its data (no consent in force)',
  other_enterprise: 'An enterprise sees only its own data',
  role: 'Your role does not read enterprise data',
  not_linked: 'A cadre sees the data of the enterprises linked to them only (千人联千企)',
};

/**
 * Authorises a read of an enterprise's data, for services. Returns what the actor may see; on refusal
 * writes a `denied` audit entry (action `action`, target the enterprise) and throws 403. The audit goes to
 * `db` outside any transaction so the refusal is kept although the request fails.
 * Reads that succeed are audited by the caller, which knows what was read (see auditEnterpriseReads).
 */
export async function authorizeEnterpriseRead(
  db: Kysely<DB>,
  actor: Actor,
  enterprise: { id: number; orgId: number | null },
  action: AuditAction,
  now: Date = new Date(),
): Promise<EnterpriseAccess> {
  const decision = await findEnterpriseAccess(db, actor, enterprise, now);
  if (decision.allowed) return decision;
  await recordAudit(db, {
    ...auditContextOfActor(actor),
    action,
    targetType: 'enterprise',
    targetId: enterprise.id,
    outcome: 'denied',
    details: { reason: decision.reason },
  });
  throw new AppError('forbidden', REFUSALS[decision.reason], [{ reason: decision.reason }]);
}

/** Whether the access covers every category a piece of data reveals. */
export function canSee(access: { categories: readonly string[] }, required: readonly string[]): boolean {
  return required.every((category) => access.categories.includes(category));
}

/**
 * Records a read of an enterprise's data by another organisation; a read by the enterprise itself is not
 * recorded (it is nobody else's business). `details` says what was read.
 */
export async function auditEnterpriseRead(db: Executor, actor: Actor, access: EnterpriseAccess, action: AuditAction, details: Record<string, unknown> = {}): Promise<void> {
  if (access.isOwn) return;
  await recordAudit(db, {
    ...auditContextOfActor(actor),
    action,
    targetType: 'enterprise',
    targetId: access.enterpriseId,
    details: { basis: access.basis, categories: access.categories, ...(access.consentIds.length > 0 && { consentIds: access.consentIds }), ...details },
  });
}

/**
 * The enterprise an enterprise user acts for (its organisation's enterprise): 403 for other roles, 404
 * when the organisation is linked to no enterprise. For the /api/me/… use cases.
 */
export async function requireOwnEnterprise(db: Executor, actor: Actor): Promise<{ id: number; orgId: number | null; name: string; uscc: string }> {
  if (!actor.roles.includes('enterprise_user')) throw new AppError('forbidden', 'Only an enterprise user acts for an enterprise');
  const enterprise = await findEnterpriseRefByOrgId(db, actor.orgId);
  if (!enterprise) throw new AppError('not_found', 'Your organisation is not linked to an enterprise');
  return enterprise;
}
