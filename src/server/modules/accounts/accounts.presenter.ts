import type { OrganizationRow } from '../../db/schema.ts';
import type { findUserById } from './accounts.repository.ts';
import { assignableRoles } from './accounts.policy.ts';
import type { AdminUser, Org } from './accounts.schemas.ts';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function presentAdminUser(row: UserRow, now = new Date()): AdminUser {
  const isLocked = row.locked_until !== null && row.locked_until > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    org: { id: row.org_id, type: row.org_type, name: row.org_name },
    isDisabled: row.is_disabled,
    mustChangePassword: row.must_change_password,
    lockedUntil: isLocked ? row.locked_until!.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    assignableRoles: assignableRoles(row.roles, row.org_type),
  };
}

export function presentOrg(row: OrganizationRow): Org {
  return { id: row.id, type: row.type, name: row.name, code: row.code, createdAt: row.created_at.toISOString() };
}
