import { Type, type Static } from 'typebox';
import { IsoDate, Nullable } from '../../http/schemas.ts';
import type { FinanceKpis } from './finance-kpis.schemas.ts';

export const DashboardQuery = Type.Object({
  /** County dates, inclusive; the default is the last twelve months to today. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  /** A town (乡镇街道) code. */
  town: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
  /** A GB/T 4754-2017 门类 letter. */
  industry: Type.Optional(Type.String({ pattern: '^[A-T]$' })),
});
export type DashboardQuery = Static<typeof DashboardQuery>;

const Count = Type.Integer({ minimum: 0 });
const Fen = Type.Integer();
const Bp = Nullable(Type.Integer());

export const DashboardSummary = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    town: Nullable(Type.String()),
    industry: Nullable(Type.String()),
    generatedAt: Type.String({ format: 'date-time' }),
    /** Market entities (市场主体) of the scope: operating now; registrations per month of the period. */
    enterprises: Type.Object({
      operating: Count,
      aboveScale: Count,
      closed: Count,
      registeredInPeriod: Count,
      /** Enterprises whose closed_on (注销、吊销、迁出) falls in the period. */
      closedInPeriod: Count,
      byTown: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), operating: Count, aboveScale: Count })),
      byIndustry: Type.Array(Type.Object({ section: Type.String(), operating: Count })),
      bySize: Type.Array(Type.Object({ sizeClass: Type.String(), operating: Count })),
      monthly: Type.Array(Type.Object({ month: Type.String(), registered: Count })),
      /** The monthly change of market entities: registered (registered_on), closed (closed_on), net = registered − closed. */
      monthlyChange: Type.Array(Type.Object({ month: Type.String(), registered: Count, closed: Count, net: Type.Integer() })),
    }),
    /** Policies (惠企政策): pushed, applied, paid in the period, by issuing department. */
    policies: Type.Object({
      pushed: Count,
      pushedEnterprises: Count,
      applied: Count,
      granted: Count,
      grantedEnterprises: Count,
      grantedFen: Fen,
      autoGrantedFen: Fen,
      autoGranted: Count,
      autoGrantShareBp: Bp,
      byDepartment: Type.Array(
        Type.Object({ orgId: Type.Integer(), name: Type.String(), pushed: Count, applied: Count, granted: Count, grantedFen: Fen }),
      ),
      monthly: Type.Array(Type.Object({ month: Type.String(), granted: Count, grantedFen: Fen })),
    }),
    /** Loans: the finance KPIs over the scope's enterprises (pools county-wide). */
    loans: Type.Ref('FinanceKpis'),
    /** Demands (诉求) filed, resolved and rated in the period. */
    demands: Type.Object({
      filed: Count,
      open: Count,
      resolved: Count,
      resolvedOnTime: Count,
      onTimeRateBp: Bp,
      averageResponseHours: Nullable(Type.Number()),
      averageResolutionHours: Nullable(Type.Number()),
      /** The same in working hours (office hours on the county's working days), from the minutes stored on each demand. */
      averageResponseWorkingHours: Nullable(Type.Number()),
      averageResolutionWorkingHours: Nullable(Type.Number()),
      rated: Count,
      averageRating: Nullable(Type.Number()),
      satisfiedRateBp: Bp,
      byCategory: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), filed: Count, resolved: Count })),
      monthly: Type.Array(Type.Object({ month: Type.String(), filed: Count, resolved: Count })),
    }),
    /** 千人联千企: linked enterprises visited by their cadre in the period ÷ linked enterprises. */
    visits: Type.Object({
      linked: Count,
      visited: Count,
      coverageBp: Bp,
      visits: Count,
      byTown: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), linked: Count, visited: Count, coverageBp: Bp })),
    }),
  },
  { $id: 'DashboardSummary' },
);
export type DashboardSummary = Omit<Static<typeof DashboardSummary>, 'loans'> & { loans: FinanceKpis };

export const MonthlyReportQuery = Type.Object({ month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) });
