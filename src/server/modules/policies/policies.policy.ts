/**
 * Who may do what to a policy.
 *
 * | caller | may |
 * |---|---|
 * | department_staff of the issuing department | author, edit drafts, submit, publish, close, version, golden cases, preview, funnel; see drafts |
 * | department_staff of another department, dispatcher, cadre, data_admin | read policies that have been published; evaluate any enterprise (audited) |
 * | enterprise_user | read published policies; evaluate and see matches for its own enterprise only |
 * | anyone else signed in (banks, providers, admin, auditor) | read published policies |
 */
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, hasRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findEnterpriseAccess, findEnterpriseRef, GOVERNMENT_READER_ROLES, type EnterpriseAccess } from '../enterprises/index.ts';
import type { PolicyRef, VersionRow } from './policies.repository.ts';
import { PUBLIC_STATUSES } from './policies.repository.ts';
import type { AuditAction } from '../audit/index.ts';

/** The department an actor authors policies for: its own organisation, when it is a department's staff. */
export function authoringDepartment(actor: Actor): number | null {
  return actor.orgType === 'department' && actor.roles.includes('department_staff') ? actor.orgId : null;
}

/** Whether the actor manages the policy (staff of the issuing department). */
export function canManage(actor: Actor, policy: Pick<PolicyRef, 'department_org_id'>): boolean {
  return authoringDepartment(actor) === policy.department_org_id;
}

/** 403 unless the actor manages the policy. */
export function requireManage(actor: Actor, policy: Pick<PolicyRef, 'department_org_id'>): void {
  if (!canManage(actor, policy)) throw new AppError('forbidden', 'Only staff of the issuing department manage this policy');
}

/** 403 unless the actor may author policies at all. */
export function requireAuthor(actor: Actor): number {
  const department = authoringDepartment(actor);
  if (department === null) throw new AppError('forbidden', 'Only department staff author policies');
  return department;
}

/**
 * The version of a policy the actor sees by default: the newest for the issuing department (its open
 * draft when there is one), the newest that has been published for everyone else. null: invisible (a
 * policy never published, outside its department) — the caller answers 404, not revealing it exists.
 */
export function visibleVersion(actor: Actor, policy: PolicyRef, versions: readonly VersionRow[]): VersionRow | null {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  if (canManage(actor, policy)) return sorted[0] ?? null;
  return sorted.find((v) => PUBLIC_STATUSES.includes(v.status)) ?? null;
}

/** The versions the actor may list or open by number. */
export function visibleVersions(actor: Actor, policy: PolicyRef, versions: readonly VersionRow[]): VersionRow[] {
  return canManage(actor, policy) ? [...versions] : versions.filter((v) => PUBLIC_STATUSES.includes(v.status));
}

/** Government readers (and the issuing department) evaluate any enterprise. */
export function readsAnyEnterprise(actor: Actor): boolean {
  return hasRole(actor, ...(GOVERNMENT_READER_ROLES as Role[]));
}

/**
 * Authorises evaluating a policy for an enterprise: government readers for any enterprise, an
 * enterprise user for its own. Banks and providers are refused even under a consent: eligibility
 * explanations are the government's and the enterprise's business. A refusal is audited as the
 * enterprises module audits refused reads; 404 for an unknown enterprise.
 */
export async function authorizeEvaluation(db: Kysely<DB>, actor: Actor, enterpriseId: number, action: AuditAction): Promise<EnterpriseAccess> {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const decision = await findEnterpriseAccess(db, actor, enterprise);
  if (decision.allowed && decision.basis !== 'consent') return decision;
  const reason = decision.allowed ? 'role' : decision.reason;
  await recordAudit(db, { ...auditContextOfActor(actor), action, targetType: 'enterprise', targetId: enterpriseId, outcome: 'denied', details: { reason } });
  throw new AppError(
    'forbidden',
    reason === 'other_enterprise' ? 'An enterprise sees only its own eligibility' : 'Only government staff and the enterprise itself see its eligibility',
    [{ reason }],
  );
}
