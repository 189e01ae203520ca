/**
 * Import kinds registered by the modules above imports (a registration, so imports never imports them):
 * the demands module registers `demands_12345`, the 12345 hotline work orders. A kind names who may import
 * it besides data administrators, the source recorded on its batches, and how to build its row importer
 * from the header row (throwing ImportFileError for a file without the columns it needs). Its rows go
 * through the same machinery as the built-in kinds: chunks, row errors, counts, the report.
 */
import type { Kysely } from 'kysely';
import type { DB, ImportBatchesTable, Role } from '../../db/schema.ts';
import type { RowImporter } from './imports.rows.ts';

export interface ImportKindContext {
  batchId: number;
  /** Who asked for the import (null from the command line). */
  createdBy: number | null;
  source: string;
}

export interface ImportKindHandler {
  kind: Exclude<ImportBatchesTable['kind'], 'indicators' | 'enterprises' | 'certifications'>;
  /** Roles that may import this kind besides data_admin. */
  roles: readonly Role[];
  defaultSource: string;
  /**
   * A kind whose batches need a source chosen by the requester (records: the record type) checks it here:
   * null when acceptable, else why not. Without it the source is always `defaultSource`.
   */
  checkSource?(db: Kysely<DB>, source: string | undefined): Promise<string | null>;
  createImporter(db: Kysely<DB>, header: readonly string[], context: ImportKindContext): Promise<RowImporter>;
}

const kinds = new Map<string, ImportKindHandler>();

export function registerImportKind(handler: ImportKindHandler): void {
  kinds.set(handler.kind, handler);
}

export function importKindOf(kind: string | undefined): ImportKindHandler | undefined {
  return kind === undefined ? undefined : kinds.get(kind);
}

/** The registered kinds a role set may import (data administrators: all of them). */
export function registeredKindsFor(roles: readonly Role[]): ImportKindHandler[] {
  return [...kinds.values()].filter((k) => roles.includes('data_admin') || k.roles.some((r) => roles.includes(r)));
}
