/**
 * Who may do what to which pool object: the county finance office (金融办) runs the pools — creates them,
 * records capital, approves or rejects claims and pays them (maker–checker) — and sees everything; a bank
 * sees the pools it is a member of, and only its own registrations and claims (another bank's are 404);
 * everyone else is refused.
 */
import type { Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { isFinanceOffice, requireFinanceOffice } from '../loans/index.ts';

export type PoolScope = { kind: 'all' } | { kind: 'bank'; bankOrgId: number };

export function isBankStaff(actor: Actor): boolean {
  return actor.orgType === 'bank' && hasRole(actor, 'bank_staff');
}

export async function poolScopeOf(db: Executor, actor: Actor): Promise<PoolScope> {
  if (isBankStaff(actor)) return { kind: 'bank', bankOrgId: actor.orgId };
  if (await isFinanceOffice(db, actor)) return { kind: 'all' };
  throw new AppError('forbidden', 'Risk pools are seen by the finance office and the member banks');
}

export { requireFinanceOffice };

/** 403 unless bank staff. */
export function requireBank(actor: Actor): void {
  if (!isBankStaff(actor)) throw new AppError('forbidden', 'Only bank staff may do this');
}

/** A bank's own object, or 404 (another bank's registration or claim does not exist for it). */
export function assertVisible(scope: PoolScope, object: { bank_org_id: number }, what: string): void {
  if (scope.kind === 'bank' && object.bank_org_id !== scope.bankOrgId) throw notFound(what);
}
