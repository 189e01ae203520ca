/**
 * Every TanStack Query key of the app, in one place, so invalidation after a mutation can target a whole
 * family (`queryKeys.admin.users.all`) or one list (`queryKeys.admin.users.list(params)`).
 * A feature adds its family here when it adds its `api/` hooks.
 */

/** Filters of `GET /api/demands` (and the provider's pool). */
export interface DemandListParams {
  view?: 'all' | 'open' | 'queue' | 'mine' | 'overdue';
  state?: string;
  categoryCode?: string;
  channel?: 'portal' | 'cadre' | 'hotline' | 'api';
  /** The demands one 12345 import batch created. */
  importBatchId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export interface ServiceListParams {
  team?: string;
  kind?: string;
  categoryCode?: string;
  mine?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export interface UserListParams {
  q?: string;
  orgId?: number;
  role?: string;
  status?: 'locked' | 'never_signed_in' | 'disabled';
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
  status?: 'queued' | 'running' | 'completed' | 'failed';
  page: number;
  pageSize: number;
  /** One kind only (the 12345 work-order page lists its own batches). */
  kind?: 'indicators' | 'enterprises' | 'demands_12345';
}

/** Filters of the enterprise's own applications (`GET /api/applications`). */
export interface MyApplicationListParams {
  policyId?: number;
  status?: string;
  page: number;
  pageSize: number;
}

export interface NotificationListParams {
  unread?: boolean;
  page: number;
  pageSize: number;
}

/** Filters of the policy list (`GET /api/policies`). */
export interface PolicyListParams {
  status?: string;
  /** The issuing department's organisation id. */
  department?: number;
  q?: string;
  tag?: string;
  isAutoGrant?: boolean;
  page: number;
  pageSize: number;
}

/** Filters of the department's application queue (`GET /api/applications`). */
export interface ApplicationListParams {
  policyId?: number;
  status?: string;
  overdue?: boolean;
  /** The department owning the policy (county readers). */
  orgId?: number;
  /** Submitted from / to, county dates. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface DisbursementListParams {
  status?: string;
  policyId?: number;
  page: number;
  pageSize: number;
}

export interface AutoGrantListParams {
  policyId?: number;
  status?: string;
  page: number;
  pageSize: number;
}

export interface PublicNoticeListParams {
  policyId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export interface OutboundListParams {
  status?: string;
  page: number;
  pageSize: number;
}

export const queryKeys = {
  auth: {
    me: ['auth', 'me'] as const,
  },
  home: {
    mine: ['home', 'mine'] as const,
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
    records: (id: number) => ['enterprises', 'records', id] as const,
  },
  reference: {
    towns: ['reference', 'towns'] as const,
    industries: ['reference', 'industries'] as const,
    tags: ['reference', 'enterprise-tags'] as const,
    indicators: ['reference', 'indicators'] as const,
    recordTypes: ['reference', 'record-types'] as const,
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
  /** The enterprise's side of policy direct access (政策直达): its matches and the policies it opens. */
  myPolicies: {
    all: ['my-policies'] as const,
    matches: ['my-policies', 'matches'] as const,
    detail: (policyId: number) => ['my-policies', 'detail', policyId] as const,
    evaluation: (policyId: number, enterpriseId: number) => ['my-policies', 'evaluation', policyId, enterpriseId] as const,
  },
  /** The enterprise's own applications (我的申报) and application forms. */
  myApplications: {
    all: ['my-applications'] as const,
    list: (params: MyApplicationListParams) => ['my-applications', 'list', params] as const,
    detail: (id: number) => ['my-applications', 'detail', id] as const,
    form: (policyId: number) => ['my-applications', 'form', policyId] as const,
  },
  /** The signed-in user's notifications: the bell's latest few (with the unread count) and the 消息中心 pages. */
  notifications: {
    all: ['notifications'] as const,
    latest: ['notifications', 'latest'] as const,
    lists: ['notifications', 'list'] as const,
    list: (params: NotificationListParams) => ['notifications', 'list', params] as const,
  },
  policies: {
    all: ['policies'] as const,
    list: (params: PolicyListParams) => ['policies', 'list', params] as const,
    /** One policy (every version, golden cases, evaluations of it): invalidated together after a change. */
    one: (id: number) => ['policies', 'one', id] as const,
    detail: (id: number, version?: number) => ['policies', 'one', id, 'detail', version ?? 'current'] as const,
    goldenCases: (id: number) => ['policies', 'one', id, 'golden-cases'] as const,
    funnel: (id: number) => ['policies', 'one', id, 'funnel'] as const,
    review: (id: number) => ['policies', 'one', id, 'review'] as const,
    reviewQueue: ['policies', 'review-queue'] as const,
    ruleSchema: ['policies', 'rule-schema'] as const,
  },
  applications: {
    all: ['applications'] as const,
    list: (params: ApplicationListParams) => ['applications', 'list', params] as const,
    detail: (id: number) => ['applications', 'detail', id] as const,
  },
  publicNotices: {
    all: ['public-notices'] as const,
    list: (params: PublicNoticeListParams) => ['public-notices', 'list', params] as const,
  },
  disbursements: {
    all: ['disbursements'] as const,
    list: (params: DisbursementListParams) => ['disbursements', 'list', params] as const,
  },
  autoGrants: {
    all: ['auto-grants'] as const,
    list: (params: AutoGrantListParams) => ['auto-grants', 'list', params] as const,
    detail: (id: number, itemStatus: string | undefined, page: number, pageSize: number) => ['auto-grants', 'detail', id, itemStatus ?? 'all', page, pageSize] as const,
  },
  outbound: {
    all: ['outbound'] as const,
    list: (params: OutboundListParams) => ['outbound', 'list', params] as const,
  },
  demands: {
    all: ['demands'] as const,
    list: (params: DemandListParams) => ['demands', 'list', params] as const,
    pool: (params: DemandListParams) => ['demands', 'pool', params] as const,
    detail: (id: number) => ['demands', 'detail', id] as const,
    summary: ['demands', 'summary'] as const,
    overdue: ['demands', 'overdue'] as const,
    categories: ['demands', 'categories'] as const,
    handlers: (categoryCode: string | undefined) => ['demands', 'handlers', categoryCode ?? 'all'] as const,
    models: ['demands', 'router-models'] as const,
    rules: ['demands', 'routing-rules'] as const,
    categoryHint: (title: string, description: string) => ['demands', 'category-hint', title, description] as const,
  },
  services: {
    all: ['services'] as const,
    list: (params: ServiceListParams) => ['services', 'list', params] as const,
  },
  /** 数字普惠金融: products, the marketplace, loan applications (leads), loans, credit, programmes, pools, KPIs. */
  cockpit: {
    summary: (params: object) => ['cockpit', 'summary', params] as const,
  },
  finance: {
    all: ['finance'] as const,
    marketplace: (params: object) => ['finance', 'marketplace', params] as const,
    products: (params: object) => ['finance', 'products', 'list', params] as const,
    product: (id: number) => ['finance', 'products', 'detail', id] as const,
    applications: (params: object) => ['finance', 'applications', 'list', params] as const,
    application: (id: number) => ['finance', 'applications', 'detail', id] as const,
    loans: (params: object) => ['finance', 'loans', 'list', params] as const,
    loan: (id: number) => ['finance', 'loans', 'detail', id] as const,
    codes: ['finance', 'codes'] as const,
    myCredit: ['finance', 'my-credit'] as const,
    creditReport: (applicationId: number) => ['finance', 'credit-report', applicationId] as const,
    models: ['finance', 'models'] as const,
    model: (id: number) => ['finance', 'models', id] as const,
    programs: (params: object) => ['finance', 'programs', 'list', params] as const,
    program: (id: number) => ['finance', 'programs', 'detail', id] as const,
    myPrograms: ['finance', 'programs', 'mine'] as const,
    pools: ['finance', 'pools'] as const,
    pool: (id: number) => ['finance', 'pools', id] as const,
    claims: (params: object) => ['finance', 'claims', params] as const,
    kpis: (params: object) => ['finance', 'kpis', params] as const,
  },
  cadres: {
    all: ['cadres'] as const,
    list: (params: object) => ['cadres', 'list', params] as const,
    leaderboard: (quarter: string | undefined) => ['cadres', 'leaderboard', quarter ?? 'current'] as const,
    detail: (id: number) => ['cadres', 'detail', id] as const,
    myEnterprises: ['cadres', 'my-enterprises'] as const,
    visits: (params: object) => ['cadres', 'visits', params] as const,
    visit: (id: number) => ['cadres', 'visit', id] as const,
    plans: (params: object) => ['cadres', 'plans', params] as const,
    enterpriseCadre: (enterpriseId: number) => ['cadres', 'enterprise', enterpriseId] as const,
  },
  health: ['health'] as const,
} as const;
