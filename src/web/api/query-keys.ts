/**
 * Every TanStack Query key of the app, in one place, so invalidation after a mutation can target a whole
 * family (`queryKeys.admin.users.all`) or one list (`queryKeys.admin.users.list(params)`).
 * A feature adds its family here when it adds its `api/` hooks.
 */

export interface UserListParams {
  q?: string;
  orgId?: number;
  role?: string;
  page: number;
  pageSize: number;
}

export interface OrgListParams {
  type?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface AuditListParams {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const queryKeys = {
  auth: {
    me: ['auth', 'me'] as const,
  },
  admin: {
    users: {
      all: ['admin', 'users'] as const,
      list: (params: UserListParams) => ['admin', 'users', 'list', params] as const,
    },
    orgs: {
      all: ['admin', 'orgs'] as const,
      list: (params: OrgListParams) => ['admin', 'orgs', 'list', params] as const,
    },
  },
  audit: {
    all: ['audit'] as const,
    list: (params: AuditListParams) => ['audit', 'list', params] as const,
  },
  health: ['health'] as const,
} as const;
