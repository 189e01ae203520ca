/**
 * Shapes of the HTTP API as the web uses them. They mirror the contract of the "Platform foundation"
 * issue; when src/server exports its TypeBox `Static` types these become `import type` re-exports
 * (the web imports only types from the server, never code).
 */

export const ROLES = [
  'enterprise_user',
  'department_staff',
  'dispatcher',
  'cadre',
  'provider_staff',
  'bank_staff',
  'data_admin',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_TYPES = ['enterprise', 'department', 'dispatch_centre', 'bank', 'service_provider', 'platform'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export interface OrgRef {
  id: number;
  type: OrgType;
  name: string;
}

/** The signed-in user (`GET /api/auth/me`, `POST /api/auth/login`). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  org: OrgRef;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A user as the admin sees it (`GET /api/admin/users`). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  org: OrgRef;
  isDisabled: boolean;
  /** Set by the admin at creation or reset; cleared when the user changes their password. */
  mustChangePassword: boolean;
  /** ISO time; the account is locked while this is in the future. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Org {
  id: number;
  type: OrgType;
  name: string;
  code: string | null;
  createdAt: string;
}

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorOrgId: number | null;
  actorOrgName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}
