/**
 * Who may do what with credit: the county finance office (金融办, the loans face decides who that is) runs the
 * model registry; an enterprise user sees its own assessment; bank staff read the credit report of their own
 * bank's leads only (another bank's lead is 404, as in loans).
 */
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { requireFinanceOffice } from '../loans/index.ts';

export async function requireModelRegistryAccess(db: Executor, actor: Actor): Promise<void> {
  await requireFinanceOffice(db, actor);
}

export function requireBankReader(actor: Actor): void {
  if (actor.orgType !== 'bank' || !hasRole(actor, 'bank_staff')) throw new AppError('forbidden', 'A lead’s credit report is for the staff of the bank that received it');
}
