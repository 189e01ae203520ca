import { Type, type Static } from 'typebox';
import { IsoDate, Nullable } from '../../http/schemas.ts';

/** Who a section is for: a role of the user, or the finance office (金融办: department staff of 'jrb'). */
export const HOME_SECTION_KINDS = [
  'department_staff',
  'finance_office',
  'data_admin',
  'dispatcher',
  'cadre',
  'bank_staff',
  'provider_staff',
  'admin',
  'security_admin',
  'auditor',
  'enterprise_user',
] as const;
export type HomeSectionKind = (typeof HOME_SECTION_KINDS)[number];

/** A count of things to do, with the list (and its query filters) that shows exactly those things; null when no list does. */
export const HomeItem = Type.Object({
  key: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  link: Nullable(Type.String()),
  severity: Type.Enum(['info', 'warning', 'danger']),
});
export type HomeItem = Static<typeof HomeItem>;

/** A thing due soon (or already late): what, whose, when, and where to open it. */
export const HomeDeadline = Type.Object({
  key: Type.String(),
  /** The object's name as the data has it (an enterprise, a policy, a demand's title). */
  label: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
  link: Nullable(Type.String()),
});
export type HomeDeadline = Static<typeof HomeDeadline>;

/** A few numbers the role compares: a small chart. `label` carries names from the data (a pool, a policy). */
export const HomeFigure = Type.Object({
  key: Type.String(),
  unit: Type.Enum(['count', 'fen', 'bp', 'rating']),
  /** Series shown side by side per point (e.g. matched / applied / granted per policy); one series when absent. */
  series: Type.Array(Type.String()),
  points: Type.Array(Type.Object({ key: Type.String(), label: Nullable(Type.String()), labelEn: Nullable(Type.String()), values: Type.Array(Type.Number()) })),
});
export type HomeFigure = Static<typeof HomeFigure>;

export const HomeSection = Type.Object({
  kind: Type.Enum(HOME_SECTION_KINDS),
  items: Type.Array(HomeItem),
  deadlines: Type.Array(HomeDeadline),
  figures: Type.Array(HomeFigure),
});
export type HomeSection = Static<typeof HomeSection>;

export const MeHome = Type.Object(
  {
    /** The county date the counts were taken on (Asia/Shanghai). */
    today: IsoDate,
    /** Deadlines listed: overdue ones and those due by the end of this county day (five working days ahead). */
    horizon: IsoDate,
    sections: Type.Array(HomeSection),
  },
  { $id: 'MeHome' },
);
export type MeHome = Static<typeof MeHome>;
