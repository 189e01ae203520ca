/**
 * Who may do what to an application:
 *
 * | caller | may |
 * |---|---|
 * | enterprise_user of the applying enterprise | apply, upload attachments, resubmit, withdraw; read its own applications, timeline, files |
 * | department_staff of the department owning the policy | every review, notice and payment step; read and download everything of those applications |
 * | a county reader (leader 县领导, dispatcher, admin: COUNTY_READER_ROLES) | read the whole county's list, export it and read one application (no files); no change |
 * | anyone else (another enterprise, another department, other readers, banks) | nothing (403) |
 *
 * Everybody signed in may read the public notices (公示): they are public by law.
 */
import type { ActorKind } from '../../../core/applications/workflow.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../request-context.ts';
import { isCountyReader, isEnterpriseUserOf, isOwningDepartmentStaff } from '../../platform/department-access.ts';

/** The side the actor is on for this application, or null when it has none (then: 403). */
export function sideOf(actor: Actor, application: { department_org_id: number; enterprise_org_id: number | null }): Exclude<ActorKind, 'system'> | null {
  if (isOwningDepartmentStaff(actor, application.department_org_id)) return 'staff';
  if (isEnterpriseUserOf(actor, application.enterprise_org_id)) return 'enterprise';
  return null;
}

/** 403 unless the actor is the applying enterprise or staff of the owning department. */
export function assertCanSeeApplication(actor: Actor, application: { department_org_id: number; enterprise_org_id: number | null }): Exclude<ActorKind, 'system'> {
  const side = sideOf(actor, application);
  if (!side) throw new AppError('forbidden', 'Only the applying enterprise and the department owning the policy see an application');
  return side;
}

/**
 * 403 unless the actor lists applications: department staff (their department's), an enterprise user
 * (its own) or a county reader (the whole county, read-only). Staff asking for another department's
 * (`orgId`) are refused, not shown an empty list.
 */
export function assertCanListApplications(actor: Actor, filter: { orgId?: number } = {}): 'enterprise' | 'staff' | 'county' {
  if (actor.roles.includes('department_staff')) {
    if (filter.orgId !== undefined && filter.orgId !== actor.orgId) throw new AppError('forbidden', 'Department staff list only their own department’s applications');
    return 'staff';
  }
  if (actor.roles.includes('enterprise_user')) return 'enterprise';
  if (isCountyReader(actor)) return 'county';
  throw new AppError('forbidden', 'Applications are listed for enterprises, departments and the county’s readers only');
}
