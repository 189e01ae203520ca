import type { Executor } from '../../db/database.ts';
import type { AuditOutcome } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export interface NewAuditEntry {
  actorUserId: number | null;
  actorUsername: string | null;
  actorOrgId: number | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

export async function insertAuditEntries(db: Executor, entries: readonly NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        actor_user_id: entry.actorUserId,
        actor_username: entry.actorUsername,
        actor_org_id: entry.actorOrgId,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId == null ? null : String(entry.targetId),
        outcome: entry.outcome,
        request_id: entry.requestId,
        ip: entry.ip,
        details: JSON.stringify(entry.details ?? {}),
      })),
    )
    .execute();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

function filteredAuditEntries(db: Executor, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').leftJoin('organizations', 'organizations.id', 'audit_log.actor_org_id');
  if (filter.actor) query = query.where('audit_log.actor_username', '=', filter.actor);
  if (filter.action) query = query.where('audit_log.action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.targetType) query = query.where('audit_log.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('audit_log.target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('audit_log.outcome', '=', filter.outcome);
  if (filter.from) query = query.where('audit_log.at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('audit_log.at', '<', new Date(filter.to));
  return query;
}

export async function findAuditEntries(db: Executor, filter: AuditFilter, page: PageRequest) {
  const query = filteredAuditEntries(db, filter);
  return findPage(query, (q) => q.selectAll('audit_log') .select('organizations.name as actor_org_name') .orderBy('audit_log.id', 'desc'), page);
}

/**
 * A keyset batch of the entries the search's filters select, newest first (ids below `before`), for the
 * export. The log only grows: entries written while the export runs have higher ids and are not picked up.
 */
export async function findAuditBatch(db: Executor, filter: AuditFilter, upTo: number, before: number | null, limit: number) {
  return filteredAuditEntries(db, filter)
    .where('audit_log.id', before === null ? '<=' : '<', before ?? upTo)
    .selectAll('audit_log')
    .select('organizations.name as actor_org_name')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
}

export async function lastAuditId(db: Executor): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}
