/**
 * The demands (诉求) API contract: TypeBox schemas of every route of the demands module (the web imports
 * these types through src/web/api/types.ts).
 *
 * States (src/core/demands/workflow.ts has the full transition table):
 *   submitted → (triaged) → assigned → accepted → in_progress → resolved → rated → closed
 *   offered: in the 抢单 pool; a claim makes it assigned (must be accepted before `claimExpiresAt`, else back to offered)
 *   waiting: waiting on the enterprise, the resolution clock is paused; resume → in_progress
 *   transfer (移交, reason) → assigned to another org; return (退回, reason) → triaged (back to the dispatcher)
 *   rate ≤ 2 → in_progress again with `rectificationDueAt`; reopen (reason) from rated/closed → in_progress
 *   closed → follow-up (跟踪问效) due on `followUpDueOn`, outcome recorded once
 *
 * Routes (all JSON unless said; all need a session; the service checks this actor for this demand):
 *   POST /api/demands                         file a demand (enterprise_user: own firm; cadre: firm it may act for; dispatcher: any, e.g. API)  → 201 DemandDetail
 *   POST /api/demands/duplicates              near-duplicate open demands of the same enterprise, before submitting → DuplicateList
 *   GET  /api/demands                         list, scoped by role (enterprise: own; handler: its org's orders; provider: its orders; dispatcher: all) → DemandList
 *   GET  /api/demands/summary                 queue counts for the actor's home (dispatcher: county; handler: its org; enterprise: own) → DemandSummary
 *   GET  /api/demands/overdue                 overdue board (dispatcher: all; handler: its org) → OverdueBoard
 *   GET  /api/demands/pool                    the 抢单 offers this provider may claim → DemandList
 *   GET  /api/demands/:id                     detail with `suggestion`, `timeline`, `files`, `allowedActions` → DemandDetail
 *   POST /api/demands/:id/triage              dispatcher sets the category → DemandDetail
 *   POST /api/demands/:id/assign              派单: dispatcher picks handler org (+ user, leader) or auto (rule | round_robin | least_load) → DemandDetail
 *   POST /api/demands/:id/pick                点单: the enterprise picks a service catalogue item → its provider → DemandDetail
 *   POST /api/demands/:id/offer               抢单: dispatcher offers to eligible providers (default: providers with items in the category) → DemandDetail
 *   POST /api/demands/:id/claim               provider claims an offer (first wins; 409 for the others) → DemandDetail
 *   POST /api/demands/:id/accept              the assignee accepts (接单) → DemandDetail
 *   POST /api/demands/:id/start               the assignee starts work → DemandDetail
 *   POST /api/demands/:id/wait                waiting on the enterprise (reason); clock paused → DemandDetail
 *   POST /api/demands/:id/resume              enterprise supplied / handler resumes; clock resumed → DemandDetail
 *   POST /api/demands/:id/transfer            移交 to another org (reason required) → DemandDetail
 *   POST /api/demands/:id/return              back to the dispatcher (reason required) → DemandDetail
 *   POST /api/demands/:id/resolve             the handler records the result (online/offline) → DemandDetail
 *   POST /api/demands/:id/rate                the enterprise rates 1–5 once per resolution (≤2 → rectification) → DemandDetail
 *   POST /api/demands/:id/close               dispatcher closes a resolved/rated demand; follow-up scheduled → DemandDetail
 *   POST /api/demands/:id/reopen              enterprise or dispatcher reopens a rated/closed demand (reason) → DemandDetail
 *   POST /api/demands/:id/follow-up           dispatcher records the follow-up outcome → DemandDetail
 *   POST /api/demands/:id/files               multipart, one `file` (PDF, PNG, JPEG, DOCX, XLSX; size limit) → 201 DemandFile
 *   GET  /api/demands/:id/files/:fileId       download an attachment
 *   GET  /api/demand-categories               the categories with department and SLA hours → CategoryList
 *   GET  /api/demands/handlers?categoryCode=  organisations a dispatcher may assign to, with their open load → HandlerList
 *   POST /api/demands/category-suggestions    the category hint for a text being written (rule, else model top 3) → CategorySuggestionList
 *   GET  /api/demands/routing-rules           dispatcher: keyword rules with their 90-day routing counts; POST creates, PATCH /:ruleId
 *                                             edits or (de)activates (409 on a duplicate active keyword), DELETE /:ruleId removes
 *   POST /api/demands/router/train            dispatcher: queue a retraining from labelled history → 202 TrainJob
 *   GET  /api/demands/router/models           dispatcher: model versions, newest first → RouterModelList
 *   GET  /api/services                        the service catalogue (any signed-in user; filters) → ServiceList
 *   POST /api/services, PATCH /api/services/:id   provider_staff: its own items → ServiceItem
 *   12345 hotline work orders: POST /api/imports (multipart) with kind=demands_12345 (dispatcher or data_admin)
 */
import { Type, type Static } from 'typebox';
import { DEMAND_ACTIONS, DEMAND_NOTES, DEMAND_STATES } from '../../../core/demands/workflow.ts';
import { IsoDate, IsoDateTime, Nullable, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';

export const DemandStateSchema = Type.Enum(DEMAND_STATES);
export const DemandActionSchema = Type.Enum(DEMAND_ACTIONS);
export const DemandTimelineActionSchema = Type.Enum([...DEMAND_ACTIONS, ...DEMAND_NOTES]);
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const CHANNELS = ['portal', 'cadre', 'hotline', 'api'] as const;
export const DISPATCH_MODES = ['dispatch', 'pick', 'claim'] as const;
export const SERVICE_TEAMS = ['non_market', 'quasi_market', 'market'] as const;
export const FOLLOW_UP_OUTCOMES = ['effective', 'partly_effective', 'not_effective'] as const;
/** Kinds of catalogue items (服务超市): what the three teams offer. */
export const SERVICE_KINDS = [
  'business_registration',
  'project_declaration',
  'patent',
  'trademark',
  'recruitment',
  'social_insurance_subsidy',
  'listing',
  'certification',
  'finance',
  'legal',
  'hr',
  'tax_counselling',
  'market',
  'logistics',
  'technology_transfer',
  'policy_consulting',
  'other',
] as const;

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });
const CategoryCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

export const DemandIdParams = StrictObject({ id: Id });
export const DemandFileParams = StrictObject({ id: Id, fileId: Id });
export const RuleIdParams = StrictObject({ ruleId: Id });

const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const CategoryRef = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
const CadreRef = Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.String(), orgId: Type.Integer(), orgName: Type.String() });
const UserRef = Type.Object({ id: Type.Integer(), displayName: Type.String() });

// Intake -------------------------------------------------------------------------------------

export const CreateDemandBody = StrictObject({
  /** Required for cadres and dispatchers (on the enterprise's behalf); an enterprise user files for its own firm (may be omitted). */
  enterpriseId: Type.Optional(Id),
  title: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
  description: Type.String({ minLength: 5, maxLength: 5000, pattern: '\\S' }),
  categoryCode: Type.Optional(CategoryCode),
  urgency: Type.Optional(Type.Enum(URGENCIES)),
  contactName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
  /** 点单 at intake: the enterprise picks a catalogue item; the demand goes straight to its provider. */
  serviceId: Type.Optional(Id),
});
export type CreateDemandInput = Static<typeof CreateDemandBody>;

export const DuplicatesBody = StrictObject({
  enterpriseId: Type.Optional(Id),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});
export type DuplicatesInput = Static<typeof DuplicatesBody>;

export const CategorySuggestionBody = StrictObject({
  // Asked while the demand is being typed: the title may still be empty (the description is enough).
  title: Type.String({ minLength: 0, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});
export type CategorySuggestionInput = Static<typeof CategorySuggestionBody>;
export const CategorySuggestionList = Type.Object({
  /** rule: an active keyword rule matched (one item, confidence 1); model: the router's top 3; none. */
  source: Type.Enum(['rule', 'model', 'none']),
  items: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), confidence: Type.Number() })),
});
export type CategorySuggestionList = Static<typeof CategorySuggestionList>;

export const DuplicateItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  state: DemandStateSchema,
  createdAt: IsoDateTime,
  /** Cosine similarity of the texts (char n-grams), 0–1; items above the threshold only. */
  similarity: Type.Number(),
});
export const DuplicateList = Type.Object({ items: Type.Array(DuplicateItem), threshold: Type.Number() });
export type DuplicateList = Static<typeof DuplicateList>;

// Suggestion and timeline ----------------------------------------------------------------------

export const RankedCategory = Type.Object({ ...CategoryRef.properties, confidence: Type.Number() });

export const SimilarDemand = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  category: Nullable(CategoryRef),
  handlerOrg: Nullable(OrgRef),
  /** How it was resolved (the handler's result), null if not resolved yet. */
  resolution: Nullable(Type.String()),
  resolutionMode: Nullable(Type.Enum(['online', 'offline'])),
  rating: Nullable(Type.Integer()),
  score: Type.Number(),
});

export const DemandSuggestion = Type.Object(
  {
    /** The router model version used; null when no model was trained yet (rules / declared category only). */
    modelVersion: Nullable(Type.Integer()),
    /** What decided the top category: a keyword rule, the model, or the enterprise's declared category. */
    source: Type.Enum(['rule', 'model', 'declared', 'none']),
    category: Nullable(RankedCategory),
    /** The top 3 categories with calibrated confidences, most likely first (the first is `category` when source = model). */
    alternatives: Type.Array(RankedCategory),
    /** The competent department of the suggested category (or the rule's office). */
    department: Nullable(OrgRef),
    /** The responsible leader suggested: the enterprise's linked cadre if they are of that department, else its head. */
    leader: Nullable(CadreRef),
    /** The enterprise's linked cadre (the cadre who filed for it, or its town's leading cadre). */
    linkedCadre: Nullable(CadreRef),
    rule: Nullable(Type.Object({ id: Type.Integer(), keyword: Type.String() })),
    similar: Type.Array(SimilarDemand),
    computedAt: IsoDateTime,
  },
);
export type DemandSuggestion = Static<typeof DemandSuggestion>;

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  action: DemandTimelineActionSchema,
  fromState: Nullable(DemandStateSchema),
  toState: DemandStateSchema,
  reason: Nullable(Type.String()),
  actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String(), orgName: Type.String() })),
  /** Action-specific facts: {handlerOrgId, handlerOrgName, mode, strategy}, {rating}, {level} … */
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const DemandFile = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: IsoDateTime,
});
export type DemandFile = Static<typeof DemandFile>;

// Demands ------------------------------------------------------------------------------------

const summaryProperties = {
  id: Type.Integer(),
  title: Type.String(),
  state: DemandStateSchema,
  urgency: Type.Enum(URGENCIES),
  channel: Type.Enum(CHANNELS),
  externalRef: Nullable(Type.String()),
  category: Nullable(CategoryRef),
  declaredCategory: Nullable(CategoryRef),
  /** The suggestion's top category and confidence (for the dispatcher's queue). */
  suggestedCategory: Nullable(RankedCategory),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String() }),
  dispatchMode: Nullable(Type.Enum(DISPATCH_MODES)),
  handlerOrg: Nullable(OrgRef),
  handlerUser: Nullable(UserRef),
  leader: Nullable(CadreRef),
  service: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  /** A claimed or assigned order must be accepted by then. */
  claimExpiresAt: NullableIsoDateTime,
  responseDueAt: NullableIsoDateTime,
  /** The resolution deadline (working hours; recomputed when a pause ends; kept while paused). */
  resolutionDueAt: NullableIsoDateTime,
  isPaused: Type.Boolean(),
  isOverdue: Type.Boolean(),
  /** 0 none, 1 warned, 2 breached (handler + leader notified), 3 escalated to the dispatch centre. */
  escalationLevel: Type.Integer(),
  rating: Nullable(Type.Integer()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};
export const DemandSummary = Type.Object(summaryProperties);
export type DemandSummaryItem = Static<typeof DemandSummary>;

export const DemandDetail = Type.Object(
  {
    ...summaryProperties,
    description: Type.String(),
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    submittedBy: Nullable(UserRef),
    onBehalfCadre: Nullable(CadreRef),
    offerOrgs: Type.Array(OrgRef),
    assignedAt: NullableIsoDateTime,
    acceptedAt: NullableIsoDateTime,
    resolvedAt: NullableIsoDateTime,
    resolution: Nullable(Type.String()),
    resolutionMode: Nullable(Type.Enum(['online', 'offline'])),
    ratingComment: Nullable(Type.String()),
    ratedAt: NullableIsoDateTime,
    rectificationDueAt: NullableIsoDateTime,
    reopenCount: Type.Integer(),
    transferCount: Type.Integer(),
    closedAt: NullableIsoDateTime,
    followUpDueOn: Nullable(IsoDate),
    followUpOutcome: Nullable(Type.Enum(FOLLOW_UP_OUTCOMES)),
    followUpNote: Nullable(Type.String()),
    followUpAt: NullableIsoDateTime,
    /** Working minutes left on the resolution clock now (negative when overdue); null before assignment. */
    remainingMinutes: Nullable(Type.Integer()),
    /** The routing suggestion; null for the enterprise (internal to the government side). */
    suggestion: Nullable(DemandSuggestion),
    timeline: Type.Array(TimelineEntry),
    files: Type.Array(DemandFile),
    /** What this actor may do now (drives the buttons). */
    allowedActions: Type.Array(DemandActionSchema),
  },
);
export type DemandDetail = Static<typeof DemandDetail>;

export const DemandListQuery = Type.Object({
  state: Type.Optional(Type.Union([DemandStateSchema, Type.Array(DemandStateSchema, { maxItems: 10 })])),
  /** open: not resolved/rated/closed; queue: submitted+triaged (dispatcher's work). */
  view: Type.Optional(Type.Enum(['all', 'open', 'queue', 'mine', 'overdue'])),
  categoryCode: Type.Optional(CategoryCode),
  enterpriseId: Type.Optional(Id),
  handlerOrgId: Type.Optional(Id),
  dispatchMode: Type.Optional(Type.Enum(DISPATCH_MODES)),
  channel: Type.Optional(Type.Enum(CHANNELS)),
  /** The demands one 12345 import batch created (its result page). */
  importBatchId: Type.Optional(Id),
  /** Text search in title and description. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export type DemandListQuery = Static<typeof DemandListQuery>;
export const DemandList = Paged(DemandSummary);
export type DemandList = Static<typeof DemandList>;

// Actions -------------------------------------------------------------------------------------

export const TriageBody = StrictObject({ categoryCode: CategoryCode, note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type TriageInput = Static<typeof TriageBody>;

export const AssignBody = StrictObject({
  /** manual: handlerOrgId required; auto: the platform picks among eligible orgs by `strategy`. */
  mode: Type.Enum(['manual', 'auto']),
  strategy: Type.Optional(Type.Enum(['rule', 'round_robin', 'least_load'])),
  handlerOrgId: Type.Optional(Id),
  handlerUserId: Type.Optional(Id),
  /** The responsible leader (a cadre); defaults to the suggestion's leader. */
  leaderCadreId: Type.Optional(Id),
  /** Sets (or confirms) the category; defaults to the current or suggested category. */
  categoryCode: Type.Optional(CategoryCode),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type AssignInput = Static<typeof AssignBody>;

export const PickBody = StrictObject({ serviceId: Id });
export const OfferBody = StrictObject({
  /** Providers to offer to; default: active providers with catalogue items in the demand's category. */
  providerOrgIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true })),
  categoryCode: Type.Optional(CategoryCode),
});
export type OfferInput = Static<typeof OfferBody>;
export const EmptyBody = StrictObject({});
export const NoteBody = StrictObject({ note: Type.Optional(Type.String({ maxLength: 2000 })) });
export const ReasonBody = StrictObject({ reason: Reason });
export const TransferBody = StrictObject({ reason: Reason, handlerOrgId: Id, handlerUserId: Type.Optional(Id) });
export type TransferInput = Static<typeof TransferBody>;
export const ResolveBody = StrictObject({ resolution: Type.String({ minLength: 2, maxLength: 5000, pattern: '\\S' }), mode: Type.Enum(['online', 'offline']) });
export type ResolveInput = Static<typeof ResolveBody>;
export const RateBody = StrictObject({ rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) });
export type RateInput = Static<typeof RateBody>;
export const FollowUpBody = StrictObject({ outcome: Type.Enum(FOLLOW_UP_OUTCOMES), note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type FollowUpInput = Static<typeof FollowUpBody>;

// Boards -------------------------------------------------------------------------------------

export const DemandSummaryCounts = Type.Object({
  /** Demands by state (every state present, 0 when none), in the actor's scope. */
  byState: Type.Record(Type.String(), Type.Integer()),
  /** Waiting for the dispatcher: submitted + triaged. */
  queue: Type.Integer(),
  offered: Type.Integer(),
  /** With a handler: assigned, accepted, in_progress, waiting. */
  handling: Type.Integer(),
  overdue: Type.Integer(),
  /** Warned: due within the warning window. */
  dueSoon: Type.Integer(),
  resolvedLast30Days: Type.Integer(),
  averageRating: Nullable(Type.Number()),
  /** Share of ratings ≥ 4, basis points; null without ratings. */
  satisfactionBp: Nullable(Type.Integer()),
  followUpsDue: Type.Integer(),
  byCategory: Type.Array(Type.Object({ ...CategoryRef.properties, open: Type.Integer(), total: Type.Integer() })),
});
export type DemandSummaryCounts = Static<typeof DemandSummaryCounts>;

export const OverdueBoard = Type.Object({
  items: Type.Array(Type.Object({ ...summaryProperties, overdueMinutes: Type.Integer() })),
  byOrg: Type.Array(Type.Object({ orgId: Type.Integer(), name: Type.String(), overdue: Type.Integer() })),
});
export type OverdueBoard = Static<typeof OverdueBoard>;

// Categories, handlers, rules, models ------------------------------------------------------------

export const CategoryItem = Type.Object({
  ...CategoryRef.properties,
  department: Nullable(OrgRef),
  responseHours: Type.Integer(),
  resolutionHours: Type.Integer(),
});
export const CategoryList = Type.Object({ items: Type.Array(CategoryItem) });
export type CategoryList = Static<typeof CategoryList>;

export const HandlersQuery = Type.Object({ categoryCode: Type.Optional(CategoryCode) });
export const HandlerItem = Type.Object({
  ...OrgRef.properties,
  type: Type.Enum(['department', 'service_provider', 'dispatch_centre']),
  serviceTeam: Nullable(Type.Enum(SERVICE_TEAMS)),
  /** The competent department of the category, or a provider with catalogue items in it. */
  isEligible: Type.Boolean(),
  openOrders: Type.Integer(),
  users: Type.Array(UserRef),
  leaders: Type.Array(CadreRef),
});
export const HandlerList = Type.Object({ items: Type.Array(HandlerItem) });
export type HandlerList = Static<typeof HandlerList>;

export const RoutingRule = Type.Object({
  id: Type.Integer(),
  keyword: Type.String(),
  category: CategoryRef,
  handlerOrg: Nullable(OrgRef),
  note: Type.String(),
  isActive: Type.Boolean(),
  /** Demands whose suggestion this rule made in the last 90 days (RULE_COUNT_DAYS). */
  routedRecently: Type.Integer(),
  updatedAt: IsoDateTime,
});
export type RoutingRule = Static<typeof RoutingRule>;
export const RoutingRuleList = Type.Object({ items: Type.Array(RoutingRule) });
export const CreateRuleBody = StrictObject({
  keyword: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
  categoryCode: CategoryCode,
  handlerOrgId: Type.Optional(Type.Union([Id, Type.Null()])),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type CreateRuleInput = Static<typeof CreateRuleBody>;
export const UpdateRuleBody = StrictObject({
  keyword: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' })),
  categoryCode: Type.Optional(CategoryCode),
  handlerOrgId: Type.Optional(Type.Union([Id, Type.Null()])),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type UpdateRuleInput = Static<typeof UpdateRuleBody>;

export const TrainJob = Type.Object({ jobId: Nullable(Type.Integer()), queued: Type.Boolean() });
export const RouterModelItem = Type.Object({
  version: Type.Integer(),
  labels: Type.Array(Type.String()),
  examples: Type.Integer(),
  heldOutAccuracy: Nullable(Type.Number()),
  trainSeconds: Type.Number(),
  trigger: Type.Enum(['startup', 'schedule', 'manual', 'seed']),
  trainedAt: IsoDateTime,
  isCurrent: Type.Boolean(),
});
export const RouterModelList = Type.Object({ items: Type.Array(RouterModelItem) });
export type RouterModelList = Static<typeof RouterModelList>;

// Service catalogue ----------------------------------------------------------------------------

export const ServiceItem = Type.Object(
  {
    id: Type.Integer(),
    provider: Type.Object({ id: Type.Integer(), name: Type.String() }),
    team: Type.Enum(SERVICE_TEAMS),
    kind: Type.Enum(SERVICE_KINDS),
    category: CategoryRef,
    name: Type.String(),
    description: Type.String(),
    /** Integer fen; null when free. */
    priceFen: Nullable(Type.Integer()),
    isFree: Type.Boolean(),
    ratingCount: Type.Integer(),
    /** Average rating 1–5 of the demands served through this item; null before the first. */
    ratingAverage: Nullable(Type.Number()),
    isActive: Type.Boolean(),
    updatedAt: IsoDateTime,
  },
);
export type ServiceItem = Static<typeof ServiceItem>;
export const ServiceListQuery = Type.Object({
  team: Type.Optional(Type.Enum(SERVICE_TEAMS)),
  kind: Type.Optional(Type.Enum(SERVICE_KINDS)),
  categoryCode: Type.Optional(CategoryCode),
  providerOrgId: Type.Optional(Id),
  /** Provider staff: only their own items (inactive included). */
  mine: Type.Optional(Type.Boolean()),
  isFree: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export type ServiceListQuery = Static<typeof ServiceListQuery>;
export const ServiceList = Paged(ServiceItem);
export type ServiceList = Static<typeof ServiceList>;
export const CreateServiceBody = StrictObject({
  kind: Type.Enum(SERVICE_KINDS),
  categoryCode: CategoryCode,
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Integer fen; omit or null for a free item. */
  priceFen: Type.Optional(Type.Union([MoneyFen({ maximum: 1_000_000_000_00 }), Type.Null()])),
});
export type CreateServiceInput = Static<typeof CreateServiceBody>;
export const UpdateServiceBody = StrictObject({
  kind: Type.Optional(Type.Enum(SERVICE_KINDS)),
  categoryCode: Type.Optional(CategoryCode),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  priceFen: Type.Optional(Type.Union([MoneyFen({ maximum: 1_000_000_000_00 }), Type.Null()])),
  isActive: Type.Optional(Type.Boolean()),
});
export type UpdateServiceInput = Static<typeof UpdateServiceBody>;
export const ServiceIdParams = StrictObject({ id: Id });
