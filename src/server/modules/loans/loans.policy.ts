/**
 * Who may do what to which loan object. A bank (bank_staff) sees and acts on its own products, leads and
 * loans only; an enterprise user sees its own applications and loans; the county finance office (金融办:
 * department staff of the organisation coded 'jrb', 县政府金融工作办公室) approves products and sees
 * everything; auditors and administrators read nothing here (they have the audit log).
 */
import { AppError, notFound } from '../../errors.ts';
import type { Executor } from '../../db/database.ts';
import { hasRole, type Actor } from '../../request-context.ts';

/** The organisation code of the county finance office (金融办) in the seed and in production data. */
export const FINANCE_OFFICE_ORG_CODE = 'jrb';

/** Whether the actor is staff of the county finance office (金融办). */
export async function isFinanceOffice(db: Executor, actor: Actor): Promise<boolean> {
  if (actor.orgType !== 'department' || !hasRole(actor, 'department_staff')) return false;
  const org = await db.selectFrom('organizations').where('id', '=', actor.orgId).select('code').executeTakeFirst();
  return org?.code === FINANCE_OFFICE_ORG_CODE;
}

/** 403 unless the actor is staff of the finance office. */
export async function requireFinanceOffice(db: Executor, actor: Actor): Promise<void> {
  if (!(await isFinanceOffice(db, actor))) throw new AppError('forbidden', 'Only the county finance office (金融办) may do this');
}

export function isBankStaff(actor: Actor): boolean {
  return actor.orgType === 'bank' && hasRole(actor, 'bank_staff');
}

/** 403 unless the actor is staff of a bank. */
export function requireBankStaff(actor: Actor): void {
  if (!isBankStaff(actor)) throw new AppError('forbidden', 'Only bank staff may do this');
}

/** The enterprise an enterprise user acts for (403 other roles, 404 an organisation linked to none). */
export async function requireOwnEnterpriseId(db: Executor, actor: Actor): Promise<number> {
  if (!hasRole(actor, 'enterprise_user')) throw new AppError('forbidden', 'Only an enterprise user acts for an enterprise');
  const row = await db.selectFrom('enterprises').where('org_id', '=', actor.orgId).select('id').executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Your organisation is not linked to an enterprise');
  return row.id;
}

/** The scope of what an actor sees of applications and loans. */
export type LoanScope = { kind: 'all' } | { kind: 'bank'; bankOrgId: number } | { kind: 'enterprise'; enterpriseId: number };

/** What the actor may see: the finance office all, a bank its own, an enterprise its own; 403 anyone else. */
export async function scopeOf(db: Executor, actor: Actor): Promise<LoanScope> {
  if (isBankStaff(actor)) return { kind: 'bank', bankOrgId: actor.orgId };
  if (hasRole(actor, 'enterprise_user')) return { kind: 'enterprise', enterpriseId: await requireOwnEnterpriseId(db, actor) };
  if (await isFinanceOffice(db, actor)) return { kind: 'all' };
  throw new AppError('forbidden', 'Loans are seen by banks, enterprises and the finance office');
}

/** Whether scopeOf gives the actor its enterprise's scope (no query): a read of its own, not audited. */
export function readsAsBorrower(actor: Actor): boolean {
  return !isBankStaff(actor) && hasRole(actor, 'enterprise_user');
}

/** 404 (not 403: another bank's lead does not exist for this actor) unless the scope covers the object. */
export function assertInScope(scope: LoanScope, object: { bank_org_id: number; enterprise_id: number }, what: string): void {
  if (scope.kind === 'all') return;
  if (scope.kind === 'bank' && object.bank_org_id === scope.bankOrgId) return;
  if (scope.kind === 'enterprise' && object.enterprise_id === scope.enterpriseId) return;
  throw notFound(what);
}

/** A bank acting on an object: its own only (403 for another bank's or for non-bank actors). */
export function assertOwnBank(actor: Actor, object: { bank_org_id: number }, what: string): void {
  requireBankStaff(actor);
  if (object.bank_org_id !== actor.orgId) throw new AppError('forbidden', `This ${what.toLowerCase()} belongs to another bank`);
}
