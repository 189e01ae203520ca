import type { Role, User } from '../api/types.ts';

/**
 * The four areas of the platform. Each has its base path, the roles that may enter it, and a layout
 * (menu) of its own. A user enters every area one of their roles allows; their home is in the first.
 */
export const AREAS = {
  gov: { base: '/gov', roles: ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'admin', 'security_admin', 'auditor', 'leader'] },
  bank: { base: '/bank', roles: ['bank_staff'] },
  provider: { base: '/provider', roles: ['provider_staff'] },
  portal: { base: '/portal', roles: ['enterprise_user'] },
} as const satisfies Record<string, { base: string; roles: readonly Role[] }>;

export type AreaId = keyof typeof AREAS;
export const AREA_IDS = Object.keys(AREAS) as AreaId[];

export function hasAnyRole(user: Pick<User, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

export function areasOf(user: Pick<User, 'roles'>): AreaId[] {
  return AREA_IDS.filter((area) => hasAnyRole(user, AREAS[area].roles));
}

/** The area a path belongs to, or null for paths outside the areas (/account, /login, …). */
export function areaOfPath(pathname: string): AreaId | null {
  return AREA_IDS.find((area) => pathname === AREAS[area].base || pathname.startsWith(`${AREAS[area].base}/`)) ?? null;
}
