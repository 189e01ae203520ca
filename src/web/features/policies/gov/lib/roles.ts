import type { User } from '../../../../api/types.ts';

/** Whether the user authors policies: staff of a department (the server's `authoringDepartment`). */
export function isAuthor(user: Pick<User, 'roles' | 'org'>): boolean {
  return user.org.type === 'department' && user.roles.includes('department_staff');
}

/** Government readers of policies and enterprises (the server's GOVERNMENT_READER_ROLES). */
export const GOVERNMENT_READERS = ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'leader'] as const;
