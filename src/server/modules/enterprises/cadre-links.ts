/**
 * Which enterprises a cadre is linked to (千人联千企), asked by the access decision and by demand intake.
 * The links are the cadres module's (it sits above enterprises and demands), so it registers the lookup
 * here when its plugin loads — a registration, as import kinds are registered with imports, so nothing
 * below the cadres module imports it. Without a registered lookup a cadre is linked to nothing: access
 * fails closed.
 */
import type { Executor } from '../../db/database.ts';

export interface CadreLinkLookup {
  /** Of `enterpriseIds`, those currently linked to the cadre whose account is `userId`. */
  linkedEnterprises(db: Executor, userId: number, enterpriseIds: readonly number[]): Promise<Set<number>>;
}

let lookup: CadreLinkLookup | null = null;

export function registerCadreLinkLookup(registered: CadreLinkLookup): void {
  lookup = registered;
}

/** Of `enterpriseIds`, those currently linked to the cadre whose account is `userId` (none if no lookup is registered). */
export async function linkedEnterprisesOfCadreUser(db: Executor, userId: number, enterpriseIds: readonly number[]): Promise<Set<number>> {
  if (!lookup || enterpriseIds.length === 0) return new Set();
  return lookup.linkedEnterprises(db, userId, enterpriseIds);
}
