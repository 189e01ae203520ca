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

/** Filters of the enterprise registry (`GET /api/enterprises`). */
export interface EnterpriseListParams {
  q?: string;
  town?: string;
  industry?: string;
  sizeClass?: string;
  tag?: string;
  aboveScale?: boolean;
  page: number;
  pageSize: number;
}

export interface ReceivedConsentListParams {
  status?: string;
  page: number;
  pageSize: number;
}

export interface DisputeListParams {
  status?: string;
  page: number;
  pageSize: number;
}

export interface ImportListParams {
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
  enterprises: {
    all: ['enterprises'] as const,
    list: (params: EnterpriseListParams) => ['enterprises', 'list', params] as const,
    detail: (id: number) => ['enterprises', 'detail', id] as const,
    /** The enterprise user's own enterprise. */
    mine: ['enterprises', 'mine'] as const,
    indicators: (id: number) => ['enterprises', 'indicators', id] as const,
  },
  reference: {
    towns: ['reference', 'towns'] as const,
    industries: ['reference', 'industries'] as const,
    tags: ['reference', 'enterprise-tags'] as const,
    indicators: ['reference', 'indicators'] as const,
  },
  consents: {
    all: ['consents'] as const,
    mine: ['consents', 'mine'] as const,
    grantees: ['consents', 'grantees'] as const,
    received: (params: ReceivedConsentListParams) => ['consents', 'received', params] as const,
  },
  disputes: {
    all: ['disputes'] as const,
    mine: ['disputes', 'mine'] as const,
    list: (params: DisputeListParams) => ['disputes', 'list', params] as const,
  },
  imports: {
    all: ['imports'] as const,
    list: (params: ImportListParams) => ['imports', 'list', params] as const,
    detail: (id: number) => ['imports', 'detail', id] as const,
    errors: (id: number, page: number, pageSize: number, errorRows: number) => ['imports', 'errors', id, page, pageSize, errorRows] as const,
  },
  health: ['health'] as const,
} as const;
