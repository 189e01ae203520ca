import type { Role, User } from '../api/types.ts';
import { AREAS, areasOf, hasAnyRole, type AreaId } from './areas.ts';

/** What the access rules need to know about a route (a subset of AppRoute, so tests need no React). */
export interface RouteAccess {
  id: string;
  area: AreaId | null;
  path: string;
  roles?: readonly Role[];
  /** Only users of these organisations (by code), e.g. the finance office's pages for department staff of 'jrb'. */
  orgCodes?: readonly string[];
  /** Roles that open the route whatever their organisation (the county leader on a finance office page it reads). */
  anyOrgRoles?: readonly Role[];
  menu?: { order: number };
}

/** Who the access rules look at: the roles, and the organisation's code when a route names organisations. */
export type RouteUser = Pick<User, 'roles'> & { org?: { code: string | null } };

/** The absolute path of a route. */
export function fullPath(route: Pick<RouteAccess, 'area' | 'path'>): string {
  if (route.area === null) return route.path;
  const base = AREAS[route.area].base;
  return route.path ? `${base}/${route.path}` : base;
}

export function canOpen(user: RouteUser, route: RouteAccess): boolean {
  const roles = route.roles ?? (route.area ? AREAS[route.area].roles : null);
  if (route.anyOrgRoles && hasAnyRole(user, route.anyOrgRoles)) return true;
  if (route.orgCodes && !route.orgCodes.includes(user.org?.code ?? '')) return false;
  return roles === null || hasAnyRole(user, roles);
}

/** The menu of an area for a user: the routes with a menu entry they may open, in menu order. */
export function menuRoutes<R extends RouteAccess>(user: RouteUser, area: AreaId, routes: readonly R[]): R[] {
  return routes
    .filter((route) => route.area === area && route.menu && canOpen(user, route))
    .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0));
}

/** The label of a menu entry for a user: the reader's label when the entry has one and the user edits nothing there. */
export function menuLabelKey<K extends string>(user: RouteUser, menu: { labelKey: K; readerLabelKey?: K; editorRoles?: readonly Role[] }): K {
  if (menu.readerLabelKey && menu.editorRoles && !hasAnyRole(user, menu.editorRoles)) return menu.readerLabelKey;
  return menu.labelKey;
}

/**
 * Where a user lands after login or when they open a page that is not theirs: the first menu entry of
 * their first area (the area's welcome page, or for an auditor the audit log). A user with no role
 * lands on /account, the one page everyone has.
 */
export function homeOf(user: RouteUser, routes: readonly RouteAccess[]): string {
  for (const area of areasOf(user)) {
    const first = menuRoutes(user, area, routes)[0];
    if (first) return fullPath(first);
  }
  return '/account';
}

/**
 * A `next` path from the login URL, kept only when it is a path of this site (never `//evil.example`
 * nor a full URL) and not the login page itself.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return null;
  return next;
}
