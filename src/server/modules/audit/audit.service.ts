import type { AuditAction } from './audit.actions.ts';
import type { Executor } from '../../db/database.ts';
import type { AuditOutcome } from '../../db/schema.ts';
import { auditContextOfActor, requireRole, type Actor, type AuditContext } from '../../request-context.ts';
import { findAuditEntries, insertAuditEntries, type AuditFilter } from './audit.repository.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { verifyAuditChain, type ChainVerification, type VerifyOptions } from './audit.chain.ts';

export interface AuditEvent extends AuditContext {
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | number | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. Pass the transaction of the change being audited so the change
 * and its record commit together or not at all.
 */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  await insertAuditEntries(db, [{ ...event, outcome: event.outcome ?? 'success' }]);
}

/** Records that `actor` exported a list (`report.export`), with what shaped the file (its filters). */
export async function recordExport(db: Executor, actor: Actor, list: string, details: Record<string, unknown>): Promise<void> {
  await recordAudit(db, { ...auditContextOfActor(actor), action: 'report.export', targetType: 'export', targetId: list, details });
}

/**
 * Records a read of another organisation's data (等保: who looked at whose data): one entry per request. A
 * list is one entry, with what shaped it (`details.filter`, `details.count`), not one per row; a detail names
 * its object. The caller decides that the read crosses organisations (a read of one's own data is nobody
 * else's business and is not recorded).
 */
export async function recordRead(
  db: Executor,
  actor: Actor,
  action: AuditAction,
  target: { type: string; id?: string | number | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(db, { ...auditContextOfActor(actor), action, targetType: target.type, targetId: target.id ?? null, details });
}

/** Appends many entries at once (e.g. a bulk read of enterprise data). */
export async function recordAudits(db: Executor, events: readonly AuditEvent[]): Promise<void> {
  await insertAuditEntries(db, events.map((event) => ({ ...event, outcome: event.outcome ?? 'success' })));
}

/** Searches the audit log: the auditor's job, and nobody else's (separation of duties). */
export async function searchAuditLog(db: Executor, actor: Actor, filter: AuditFilter, page: PageRequest) {
  requireRole(actor, 'auditor');
  const result = await findAuditEntries(db, filter, page);
  // Reading the log is itself recorded: who looked at whose trail is part of the trail.
  await recordAudit(db, { ...auditContextOfActor(actor), action: 'audit.search', targetType: 'audit_log', details: { filter, page } });
  return result;
}

/** Only the auditor verifies the chain; checked before a streamed answer starts. */
export function authorizeChainVerification(actor: Actor): void {
  requireRole(actor, 'auditor');
}

/** The auditor's verification of the whole chain; its outcome is itself recorded (`audit.verify`). */
export async function verifyAuditLog(db: Kysely<DB>, actor: Actor, options: VerifyOptions = {}): Promise<ChainVerification> {
  authorizeChainVerification(actor);
  const result = await verifyAuditChain(db, options);
  await recordAudit(db, {
    ...auditContextOfActor(actor),
    action: 'audit.verify',
    targetType: 'audit_log',
    outcome: result.ok ? 'success' : 'failure',
    details: { checked: result.checked, total: result.total, headHash: result.headHash, firstBreak: result.firstBreak, durationMs: result.durationMs },
  });
  return result;
}
