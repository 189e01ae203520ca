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

/** 403 unless the actor is staff of the owning department (review, notice, payment). */
export function assertOwningDepartmentStaff(actor: Actor, departmentOrgId: number): void {
  if (!isOwningDepartmentStaff(actor, departmentOrgId)) {
    throw new AppError('forbidden', 'Only staff of the department that owns this policy may do this');
  }
}
