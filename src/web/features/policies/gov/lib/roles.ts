import type { User } from '../../../../api/types.ts';

/** Whether the user authors policies: staff of a department (the server's `authoringDepartment`). */
export function isAuthor(user: Pick<User, 'roles' | 'org'>): boolean {
  return user.org.type === 'department' && user.roles.includes('department_staff');
}

/** Government readers of policies and enterprises (the server's GOVERNMENT_READER_ROLES). */
export const GOVERNMENT_READERS = ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'leader'] as const;

/**
 * Who opens the applications list (申报审核): department staff (their department's, with its actions) and
 * the county's read-only readers — the leader (县领导), the dispatch centre and the administrator, who
 * reach it from the cockpit's policy charts (the server's COUNTY_READER_ROLES).
 */
export const APPLICATION_READERS = ['department_staff', 'leader', 'dispatcher', 'admin'] as const;

/** Whether the user reads applications without acting on them (a county reader, not department staff). */
export function readsApplicationsOnly(user: Pick<User, 'roles'>): boolean {
  return !user.roles.includes('department_staff');
}
