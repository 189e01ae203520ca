import type { OrgType, Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { requireRole, type Actor } from '../../request-context.ts';

/** Which organisations a role can belong to: a bank officer is never department staff, and so on. */
export const ROLE_ORG_TYPES: Record<Role, readonly OrgType[]> = {
  enterprise_user: ['enterprise'],
  department_staff: ['department'],
  dispatcher: ['dispatch_centre'],
  cadre: ['department', 'dispatch_centre', 'platform'],
  provider_staff: ['service_provider'],
  bank_staff: ['bank'],
  data_admin: ['platform', 'department'],
  admin: ['platform'],
  auditor: ['platform'],
  security_admin: ['platform'],
  // 县领导: read-only over the whole county; sits in the county government's offices or the platform centre.
  leader: ['department', 'platform'],
};

/**
 * The three administrators (三权分立, GB/T 22239-2019 level 3):
 *   - admin (系统管理员): creates accounts (with their initial roles) and organisations, renames, disables
 *     and re-enables accounts, resets passwords;
 *   - security_admin (安全管理员): assigns roles after creation (PATCH /api/security/users/:id/role), sets
 *     the password policy, sees and lifts sign-in locks, sees and ends sessions;
 *   - auditor (安全审计员): reads the audit log, nothing else.
 * One account holds at most one kind (also a database constraint), and no administrator acts on an
 * account that holds another kind: the system administrator creates, renames, disables and resets only
 * accounts of no administrator kind or of its own. Roles are stricter still: the security administrator
 * re-roles only accounts holding no administrator kind (not even another security administrator, not
 * themselves) and never gives one, so an administrator kind exists only from account creation: the system
 * administrator creates system administrators, and the command line (`create-admin --kind`, whoever runs
 * the server) creates the first of each kind.
 */
export const ADMIN_KINDS = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
export type AdminKind = (typeof ADMIN_KINDS)[number];

export function adminKindsOf(roles: readonly Role[]): AdminKind[] {
  return ADMIN_KINDS.filter((kind) => roles.includes(kind));
}

/** Who may see the account and organisation lists: the system administrator, and the security one (to assign roles). */
export function assertCanReadAccounts(actor: Actor): void {
  requireRole(actor, 'admin', 'security_admin');
}

/** Only the system administrator creates accounts and organisations, renames, disables and resets. */
export function assertCanManageAccounts(actor: Actor): void {
  requireRole(actor, 'admin');
}

/** Only the security administrator changes the roles of an existing account. */
export function assertCanAssignRoles(actor: Actor): void {
  requireRole(actor, 'security_admin');
}

/**
 * The security administrator re-roles another account holding no administrator kind, into roles holding
 * none either: an administrator kind is given only at creation, and no administrator changes its own roles.
 */
export function assertRoleChangeAllowed(actor: Actor, targetUserId: number, targetRoles: readonly Role[], newRoles: readonly Role[]): void {
  if (actor.userId === targetUserId) throw new AppError('forbidden', 'You cannot change your own roles');
  const held = adminKindsOf(targetRoles);
  if (held.length > 0) throw new AppError('forbidden', `Separation of duties: the roles of an account holding ${held.join(', ')} are not changed, only set at its creation`);
  const given = adminKindsOf(newRoles);
  if (given.length > 0) throw new AppError('forbidden', `Separation of duties: ${given.join(', ')} is given only when the account is created, not by assigning roles`);
}

/** The roles the security administrator may give an account: those fitting its organisation, no administrator kind (none for an administrator). */
export function assignableRoles(targetRoles: readonly Role[], orgType: OrgType): Role[] {
  if (adminKindsOf(targetRoles).length > 0) return [];
  return (Object.keys(ROLE_ORG_TYPES) as Role[]).filter((role) => ROLE_ORG_TYPES[role].includes(orgType) && !(ADMIN_KINDS as readonly Role[]).includes(role));
}

/**
 * The actor (an administrator of one kind) may act on an account holding these roles only if the account
 * holds no administrator kind or the actor's own.
 */
export function assertSameAdminKind(actor: Actor, targetRoles: readonly Role[], what: string): void {
  const own = adminKindsOf(actor.roles);
  const foreign = adminKindsOf(targetRoles).filter((kind) => !own.includes(kind));
  if (foreign.length > 0) {
    throw new AppError('forbidden', `Separation of duties: you cannot ${what} an account holding ${foreign.join(', ')}`);
  }
}

/** Roles must fit the organisation and respect separation of duties (at most one administrator kind). */
export function assertRolesFit(roles: readonly Role[], orgType: OrgType): void {
  const details = roles
    .filter((role) => !ROLE_ORG_TYPES[role].includes(orgType))
    .map((role) => ({ path: 'body/roles', message: `role ${role} cannot belong to an organisation of type ${orgType}` }));
  if (adminKindsOf(roles).length > 1) {
    details.push({ path: 'body/roles', message: 'separation of duties: one person holds at most one of admin, security_admin and auditor' });
  }
  if (details.length > 0) throw new AppError('validation_failed', 'These roles do not fit this user', details);
}

/** An administrator cannot lock themselves out. */
export function assertNotSelfLockout(actor: Actor, targetUserId: number, patch: { isDisabled?: boolean }): void {
  if (actor.userId === targetUserId && patch.isDisabled === true) throw new AppError('forbidden', 'You cannot disable yourself');
}
