import { requireRole, type Actor } from '../../request-context.ts';

/**
 * Imports write government data for every enterprise of the county: data administrators only. Batches and
 * their error reports (which quote the files) are theirs alone as well.
 */
export function assertCanImport(actor: Actor): void {
  requireRole(actor, 'data_admin');
}
