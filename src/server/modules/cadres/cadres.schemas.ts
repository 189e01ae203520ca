/**
 * Routes of 千人联千企 (cadres, links, visits, plans):
 *
 *   GET  /api/cadres                      cadres with coverage and work (filters org, town, q, quarter; sort; paged)
 *   GET  /api/cadres/leaderboard          coverage and work by unit (org) and by town, for a quarter
 *   GET  /api/cadres/:id                  profile, current links, link history, recent visits, stats
 *   GET  /api/me/cadre/enterprises        我的企业: the signed-in cadre's firms with open demands, matched-but-unapplied policies, loans
 *   GET  /api/cadre-links                 links (filters cadre, enterprise, current), paged
 *   POST /api/cadre-links                 link an enterprise to a cadre, or reassign it (closes the old link with a reason)
 *   GET  /api/enterprises/:id/cadre       an enterprise's current cadre and its link history
 *   GET  /api/visits                      visits (filters cadre, enterprise, from, to; a cadre sees their own), paged
 *   POST /api/visits                      record a visit (JSON); each problem becomes a demand in the same transaction
 *   GET  /api/visits/:id                  one visit with its photos and the demands it raised
 *   POST /api/visits/:id/photos           add a photo (multipart `file`: JPEG, PNG or WebP within the size limit)
 *   GET  /api/visits/:id/photos/:photoId  the photo
 *   GET  /api/visit-plans                 plans of a quarter (a cadre: their own), with whether each firm was visited
 *   POST /api/visit-plans                 a cadre plans which linked firms to visit in a quarter (replaces that quarter's plan)
 */
import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, PageQuery, Paged, StrictObject } from '../../http/schemas.ts';
import { URGENCIES } from '../demands/index.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const QuarterText = Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', description: "a quarter, e.g. '2026-Q4' (default: the current one)" });

export const CadreIdParams = StrictObject({ id: Id });
export const VisitIdParams = StrictObject({ id: Id });
export const VisitPhotoParams = StrictObject({ id: Id, photoId: Id });
export const EnterpriseIdParams = StrictObject({ id: Id });

export const Coverage = Type.Object({
  linked: Type.Integer(),
  visited: Type.Integer(),
  /** visited ÷ linked in basis points (10000 = 100 %); null when nothing is linked. */
  rateBp: Nullable(Type.Integer()),
});

export const CadreWork = Type.Object({
  /** Demands the cadre filed on enterprises' behalf (channel cadre), all time. */
  demandsCollected: Type.Integer(),
  /** Of those, resolved (resolved, rated or closed). */
  demandsSolved: Type.Integer(),
  /** Average enterprise rating (1–5) of those rated; null when none is rated. */
  averageRating: Nullable(Type.Number()),
  ratedCount: Type.Integer(),
  /** Policy money paid (兑付) to the cadre's current firms, in fen, and the number of payments. */
  policyPaidFen: Type.Integer(),
  policyPayments: Type.Integer(),
  /** Open demands of the cadre's current firms past their resolution deadline. */
  overdueDemands: Type.Integer(),
  /** Firms planned for the quarter but not yet visited. */
  plannedNotVisited: Type.Integer(),
});

export const CadreSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  townCode: Nullable(Type.String()),
  townName: Nullable(Type.String()),
  /** Masked (138****1234) unless the reader is an administrator or the cadre. */
  phone: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
  coverage: Coverage,
  work: CadreWork,
});
export type CadreSummary = Static<typeof CadreSummary>;

export const CadreListQuery = StrictObject({
  orgId: Type.Optional(Id),
  town: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  quarter: Type.Optional(QuarterText),
  sort: Type.Optional(Type.Enum(['coverage', 'coverage_asc', 'work', 'name'], { description: 'coverage (high first), coverage_asc (low first), work (demands solved, then collected), name' })),
  ...PageQuery,
});
export type CadreListQuery = Static<typeof CadreListQuery>;
export const CadreList = Type.Object({ ...Paged(CadreSummary).properties, quarter: Type.String(), asOf: IsoDate });

export const LeaderboardRow = Type.Object({
  key: Type.String(),
  name: Type.String(),
  cadres: Type.Integer(),
  coverage: Coverage,
  demandsCollected: Type.Integer(),
  demandsSolved: Type.Integer(),
  policyPaidFen: Type.Integer(),
});
export const LeaderboardQuery = StrictObject({ quarter: Type.Optional(QuarterText) });
export const Leaderboard = Type.Object({
  quarter: Type.String(),
  asOf: IsoDate,
  county: Coverage,
  byUnit: Type.Array(LeaderboardRow),
  byTown: Type.Array(LeaderboardRow),
  /** The county's coverage in each of the last four quarters, oldest first. */
  trend: Type.Array(Type.Object({ quarter: Type.String(), coverage: Coverage })),
});

export const CadreLink = Type.Object({
  id: Type.Integer(),
  cadreId: Type.Integer(),
  cadreName: Type.String(),
  cadrePosition: Type.String(),
  cadreOrgName: Type.String(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  enterpriseUscc: Type.String(),
  townName: Nullable(Type.String()),
  linkedOn: IsoDate,
  unlinkedOn: Nullable(IsoDate),
  reason: Type.String(),
});
export type CadreLink = Static<typeof CadreLink>;

export const LinkListQuery = StrictObject({
  cadreId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
  current: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export const LinkList = Paged(CadreLink);

export const LinkBody = StrictObject({
  enterpriseId: Id,
  cadreId: Id,
  /** The first day of the link (default today; not in the future, not before the current link began). */
  linkedOn: Type.Optional(IsoDate),
  /** Why the previous link ends (required when the enterprise has a cadre already). */
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
});
export type LinkInput = Static<typeof LinkBody>;

export const EnterpriseCadre = Type.Object({
  enterpriseId: Type.Integer(),
  current: Nullable(Type.Object({ ...CadreLink.properties, phone: Nullable(Type.String()) })),
  history: Type.Array(CadreLink),
});

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const VisitPhoto = Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), uploadedAt: IsoDateTime });

export const VisitSummary = Type.Object({
  id: Type.Integer(),
  cadre: Ref,
  enterprise: Ref,
  visitedOn: IsoDate,
  peopleMet: Type.String(),
  findings: Type.String(),
  photoCount: Type.Integer(),
  demandCount: Type.Integer(),
  createdAt: IsoDateTime,
});
export type VisitSummary = Static<typeof VisitSummary>;

export const VisitDemand = Type.Object({ id: Type.Integer(), title: Type.String(), state: Type.String(), createdAt: IsoDateTime });

export const VisitDetail = Type.Object({
  ...VisitSummary.properties,
  photos: Type.Array(VisitPhoto),
  demands: Type.Array(VisitDemand),
});
export type VisitDetail = Static<typeof VisitDetail>;

export const VisitListQuery = StrictObject({
  cadreId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  ...PageQuery,
});
export type VisitListQuery = Static<typeof VisitListQuery>;
export const VisitList = Paged(VisitSummary);

export const VisitProblem = StrictObject({
  title: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
  description: Type.String({ minLength: 5, maxLength: 5000, pattern: '\\S' }),
  categoryCode: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' })),
  urgency: Type.Optional(Type.Enum(URGENCIES)),
});

export const CreateVisitBody = StrictObject({
  enterpriseId: Id,
  /** The day of the visit: not in the future, not before the cadre's link to the firm began. */
  visitedOn: IsoDate,
  peopleMet: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  findings: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
  /** Problems collected: each becomes a demand on the enterprise's behalf (channel cadre). */
  problems: Type.Optional(Type.Array(VisitProblem, { maxItems: 10 })),
});
export type CreateVisitInput = Static<typeof CreateVisitBody>;

export const PlanQuery = StrictObject({ quarter: Type.Optional(QuarterText), cadreId: Type.Optional(Id) });
export const PlanItem = Type.Object({
  id: Type.Integer(),
  cadreId: Type.Integer(),
  cadreName: Type.String(),
  enterprise: Ref,
  quarter: Type.String(),
  plannedOn: Nullable(IsoDate),
  /** The cadre's latest visit to the firm within the quarter, if any. */
  visitedOn: Nullable(IsoDate),
});
export const PlanList = Type.Object({ quarter: Type.String(), items: Type.Array(PlanItem) });
export const PlanBody = StrictObject({
  quarter: QuarterText,
  items: Type.Array(StrictObject({ enterpriseId: Id, plannedOn: Type.Optional(IsoDate) }), { maxItems: 500 }),
});
export type PlanInput = Static<typeof PlanBody>;

export const MatchedPolicy = Type.Object({ policyId: Type.Integer(), title: Type.String(), amountFen: Nullable(Type.Integer()) });
export const LoanStatus = Type.Object({
  applications: Type.Integer(),
  /** The newest application's status, if any. */
  latestApplicationStatus: Nullable(Type.String()),
  activeLoans: Type.Integer(),
  outstandingFen: Type.Integer(),
  overdue: Type.Boolean(),
});
export const MyEnterprise = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  uscc: Type.String(),
  townName: Nullable(Type.String()),
  linkedOn: IsoDate,
  openDemands: Type.Integer(),
  matchedPolicies: Type.Array(MatchedPolicy),
  matchedAmountFen: Type.Integer(),
  loans: LoanStatus,
  lastVisitedOn: Nullable(IsoDate),
  plannedThisQuarter: Type.Boolean(),
  /** Planned this quarter and not yet visited by the cadre in it (the home's 走访待完成). */
  visitDue: Type.Boolean(),
});
/** 我的企业 filters: each narrows the firms to those the cadre home counts (GET /api/me/home). */
export const MyEnterprisesQuery = StrictObject({
  /** Only firms planned for a visit this quarter and not yet visited in it. */
  visitDue: Type.Optional(Type.Boolean()),
  /** Only firms with open (not resolved, rated or closed) demands. */
  openDemands: Type.Optional(Type.Boolean()),
});
export type MyEnterprisesQuery = Static<typeof MyEnterprisesQuery>;
export const MyEnterprises = Type.Object({
  cadre: Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.String(), orgName: Type.String() }),
  quarter: Type.String(),
  coverage: Coverage,
  /** The firms listed (after the filters). */
  total: Type.Integer(),
  /** The firms currently linked to the cadre, whatever the filters. */
  linkedTotal: Type.Integer(),
  /** The open demands of the firms listed (the sum of their openDemands). */
  openDemandsTotal: Type.Integer(),
  items: Type.Array(MyEnterprise),
});
export type MyEnterprises = Static<typeof MyEnterprises>;

export const CadreDetail = Type.Object({
  ...CadreSummary.properties,
  quarter: Type.String(),
  links: Type.Array(CadreLink),
  history: Type.Array(CadreLink),
  recentVisits: Type.Array(VisitSummary),
  /** Coverage in each of the last four quarters, oldest first. */
  trend: Type.Array(Type.Object({ quarter: Type.String(), coverage: Coverage })),
});
export type CadreDetail = Static<typeof CadreDetail>;
