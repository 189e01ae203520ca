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
  // 县领导: read-only over the whole county; sits in the county government's offices or the platform centre.
  leader: ['department', 'platform'],
};

/** Only administrators manage accounts and organisations. */
export function assertCanManageAccounts(actor: Actor): void {
  requireRole(actor, 'admin');
}

/** Roles must fit the organisation and respect separation of duties (admin ≠ auditor). */
export function assertRolesFit(roles: readonly Role[], orgType: OrgType): void {
  const details = roles
    .filter((role) => !ROLE_ORG_TYPES[role].includes(orgType))
    .map((role) => ({ path: 'body/roles', message: `role ${role} cannot belong to an organisation of type ${orgType}` }));
  if (roles.includes('admin') && roles.includes('auditor')) {
    details.push({ path: 'body/roles', message: 'separation of duties: one person cannot be both admin and auditor' });
  }
  if (details.length > 0) throw new AppError('validation_failed', 'These roles do not fit this user', details);
}

/** An administrator cannot lock themselves out nor take away their own administration. */
export function assertNotSelfLockout(actor: Actor, targetUserId: number, patch: { isDisabled?: boolean; roles?: readonly Role[] }): void {
  if (actor.userId !== targetUserId) return;
  if (patch.isDisabled === true || (patch.roles && !patch.roles.includes('admin'))) {
    throw new AppError('forbidden', 'You cannot disable yourself or remove your own admin role');
  }
}
