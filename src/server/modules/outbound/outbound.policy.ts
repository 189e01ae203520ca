import { requireRole, type Actor } from '../../request-context.ts';

/** The dead-letter list and retries are operations work: administrators only (contract, issue 4). */
export function assertCanOperateOutbound(actor: Actor): void {
  requireRole(actor, 'admin');
}
