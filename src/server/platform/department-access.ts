/**
 * Who acts for a policy's money: staff of the department that owns the policy (review, notice, payment),
 * and the users of the enterprise concerned. Shared by applications, 免申即享 grants and payments.
 */
import { AppError } from '../errors.ts';
import type { Actor } from '../request-context.ts';

/** Whether the actor is staff of the department that owns the policy. */
export function isOwningDepartmentStaff(actor: Actor, departmentOrgId: number): boolean {
  return actor.roles.includes('department_staff') && actor.orgId === departmentOrgId;
}

/** Whether the actor is a user of the enterprise (its organisation). */
export function isEnterpriseUserOf(actor: Actor, enterpriseOrgId: number | null): boolean {
  return actor.roles.includes('enterprise_user') && enterpriseOrgId !== null && actor.orgId === enterpriseOrgId;
}

/**
 * Readers of the whole county's policy money, read-only: the county leader (县领导) and the other cockpit
 * roles that are not a department (the dispatch centre, the platform administrator). They open the
 * applications behind the cockpit's charts; every change stays refused (no owning department).
 */
export const COUNTY_READER_ROLES = ['leader', 'dispatcher', 'admin'] as const;

/** Whether the actor reads the whole county's applications read-only (see COUNTY_READER_ROLES). */
export function isCountyReader(actor: Actor): boolean {
  return actor.roles.some((role) => (COUNTY_READER_ROLES as readonly string[]).includes(role));
}

/** 403 unless the actor is staff of the owning department (review, notice, payment). */
export function assertOwningDepartmentStaff(actor: Actor, departmentOrgId: number): void {
  if (!isOwningDepartmentStaff(actor, departmentOrgId)) {
    throw new AppError('forbidden', 'Only staff of the department that owns this policy may do this');
  }
}
