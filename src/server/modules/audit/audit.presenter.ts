import type { AuditRow } from '../../db/schema.ts';

export function presentAuditEntry(row: AuditRow & { actor_org_name: string | null }) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    actorOrgId: row.actor_org_id,
    actorOrgName: row.actor_org_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome,
    requestId: row.request_id,
    ip: row.ip,
    details: row.details,
  };
}
