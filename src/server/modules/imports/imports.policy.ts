import { AppError } from '../../errors.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { importKindOf, registeredKindsFor } from './imports.kinds.ts';

/**
 * Imports write government data for every enterprise of the county: data administrators only. Batches and
 * their error reports (which quote the files) are theirs alone as well — except for a kind registered by
 * another module for its own staff (12345 work orders: dispatchers), whose batches those staff see.
 */
export function assertCanImport(actor: Actor, kind?: string): void {
  if (hasRole(actor, 'data_admin')) return;
  if (kind === undefined ? registeredKindsFor(actor.roles).length > 0 : (importKindOf(kind)?.roles ?? []).some((r) => hasRole(actor, r))) return;
  throw new AppError('forbidden', 'Requires one of the roles: data_admin');
}

/** The kinds of batches the actor may see: all for data administrators, else the registered kinds it may import. */
export function visibleKinds(actor: Actor): string[] | null {
  if (hasRole(actor, 'data_admin')) return null;
  return registeredKindsFor(actor.roles).map((k) => k.kind);
}
