/**
 * Routes to a policy's benefit other than applying — 免申即享 grants today — registered by the modules
 * that run them (auto-grants registers from its plugin). Applications needs three facts about them and
 * gets them only through this registration, never from their tables, so it does not depend on them:
 * whether an enterprise already holds the benefit (then it may not apply), their entries in the public
 * notices (公示), and who reached the "applied" stage by them (the policy funnel).
 */
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface GrantRoute {
  /** A name for the route, unique among routes ('auto_grant'). */
  readonly name: string;
  /** Whether the enterprise holds the policy's benefit by this route (applying is then refused: already_granted). */
  isGranted(db: Executor, policyId: number, enterpriseId: number): Promise<boolean>;
  /**
   * Its entries in the public notices running at `now`, as a SQL select of the columns (kind, id,
   * policy_id, policy_version_id, enterprise_name, enterprise_uscc, amount_fen, notice_from, notice_until).
   */
  publicNotices(now: Date): RawBuilder<unknown>;
  /** The enterprises that reached the "applied" stage of the policy by this route, as a SQL select of (enterprise_id, at). */
  applied(policyId: number): RawBuilder<unknown>;
  /**
   * The benefits held by this route, for exclusive groups (applications.exclusivity.ts), as a SQL select of
   * (enterprise_id, policy_id, policy_version_id, via, ref_id, status).
   */
  holdings(): RawBuilder<unknown>;
}

const routes = new Map<string, GrantRoute>();

/** Registers a route (from its module's plugin); the same object again is a no-op, another under a taken name an error. */
export function registerGrantRoute(route: GrantRoute): void {
  const existing = routes.get(route.name);
  if (existing && existing !== route) throw new Error(`grant route ${route.name} is registered already`);
  routes.set(route.name, route);
}

/** Whether the enterprise holds the policy's benefit by any other route than applying. */
export async function isGrantedOtherwise(db: Executor, policyId: number, enterpriseId: number): Promise<boolean> {
  for (const route of routes.values()) if (await route.isGranted(db, policyId, enterpriseId)) return true;
  return false;
}

/** The other routes' public notice selects (to be joined by UNION ALL with the applications'). */
export function otherPublicNotices(now: Date): RawBuilder<unknown>[] {
  return [...routes.values()].map((route) => route.publicNotices(now));
}

/** The other routes' "applied" selects for a policy (to be joined by UNION ALL with the applications'). */
export function otherApplied(policyId: number): RawBuilder<unknown>[] {
  return [...routes.values()].map((route) => route.applied(policyId));
}

/** The other routes' holdings selects (to be joined by UNION ALL with the applications'). */
export function otherHoldings(): RawBuilder<unknown>[] {
  return [...routes.values()].map((route) => route.holdings());
}
