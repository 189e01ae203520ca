/**
 * Who may do what in 千人联千企:
 *
 * | caller | may |
 * |---|---|
 * | department_staff, dispatcher, data_admin, admin, leader (县领导, read-only) | list cadres, leaderboards, any cadre's detail, links and visits |
 * | data_admin, dispatcher (县工商联 runs 千人联千企) | link and reassign enterprises, import the linking table |
 * | cadre | their own detail, 我的企业, their visits and plans; record visits for firms linked to them now |
 *
 * A cadre's full phone number is shown to administrators (admin, data_admin) and to the cadre; everyone
 * else sees it masked (138****1234).
 */
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { hasRole, type Actor } from '../../request-context.ts';

export const CADRE_VIEWER_ROLES: readonly Role[] = ['department_staff', 'dispatcher', 'data_admin', 'admin', 'leader'];
export const LINK_MANAGER_ROLES: readonly Role[] = ['data_admin', 'dispatcher'];

export function viewsAllCadres(actor: Actor): boolean {
  return hasRole(actor, ...CADRE_VIEWER_ROLES);
}

export function requireCadreViewer(actor: Actor): void {
  if (!viewsAllCadres(actor)) throw new AppError('forbidden', 'Cadre lists are for government staff (departments, the dispatch centre, data administrators)');
}

export function requireLinkManager(actor: Actor): void {
  if (!hasRole(actor, ...LINK_MANAGER_ROLES)) throw new AppError('forbidden', 'Links are managed by data administrators and the dispatch centre');
}

/** May the actor read this cadre's detail (government viewers: any; a cadre: their own)? */
export function canReadCadre(actor: Actor, cadre: { user_id: number | null }): boolean {
  return viewsAllCadres(actor) || (cadre.user_id !== null && cadre.user_id === actor.userId);
}

export function seesFullPhone(actor: Actor, cadre: { user_id: number | null }): boolean {
  return hasRole(actor, 'admin', 'data_admin') || (cadre.user_id !== null && cadre.user_id === actor.userId);
}
