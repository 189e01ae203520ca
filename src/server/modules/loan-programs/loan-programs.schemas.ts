import { Type, type Static } from 'typebox';
import { RuleSchema } from '../../../core/rules/index.ts';
import { IsoDateTime, Nullable, NullableIsoDateTime, PageQuery, Paged, MoneyFen, StrictObject } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Org = Type.Object({ id: Type.Integer(), name: Type.String() });

export const ProgramStatusSchema = Type.Enum(['draft', 'generating', 'review', 'pushed', 'closed']);
export const WhitelistStatusSchema = Type.Enum(['listed', 'removed', 'pushed']);

/** pushed → applied → approved → lent, with amounts (integer fen), over the programme's products since the push. */
export const Conversion = Type.Object({
  listed: Type.Integer(),
  removed: Type.Integer(),
  pushed: Type.Integer(),
  applied: Type.Integer(),
  approved: Type.Integer(),
  lent: Type.Integer(),
  appliedFen: Type.Integer(),
  approvedFen: Type.Integer(),
  lentFen: Type.Integer(),
});

const summaryProperties = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: ProgramStatusSchema,
  quotaFen: Type.Integer(),
  pool: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  banks: Type.Array(Org),
  products: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Nullable(Type.String()) })),
  generatedAt: NullableIsoDateTime,
  pushedAt: NullableIsoDateTime,
  createdAt: IsoDateTime,
  /** The whitelist generation job's progress (enterprises evaluated of the county's). */
  generation: Type.Object({ done: Type.Integer(), total: Type.Integer(), error: Nullable(Type.String()) }),
  /** Counts and conversion (the finance office and member banks; an enterprise sees none: zeros). */
  conversion: Conversion,
};
export const ProgramSummary = Type.Object(summaryProperties, { $id: 'LoanProgramSummary' });
export type ProgramSummary = Static<typeof ProgramSummary>;
export const ProgramList = Type.Object({ items: Type.Array(Type.Ref('LoanProgramSummary')) });

export const ProgramDetail = Type.Object(
  {
    ...summaryProperties,
    /** The eligibility rule (rule language of policies). */
    rule: Type.Unknown(),
    /** For an enterprise: its own entry on the whitelist. */
    myEntry: Nullable(Type.Object({ status: WhitelistStatusSchema, pushedAt: NullableIsoDateTime })),
  },
  { $id: 'LoanProgramDetail' },
);
export type ProgramDetail = Static<typeof ProgramDetail>;

export const WhitelistEntry = Type.Object({
  id: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String(), town: Nullable(Type.String()) }),
  status: WhitelistStatusSchema,
  generatedAt: IsoDateTime,
  removedReason: Nullable(Type.String()),
  removedAt: NullableIsoDateTime,
  pushedAt: NullableIsoDateTime,
  stage: Type.Enum(['listed', 'removed', 'pushed', 'applied', 'approved', 'lent']),
  appliedFen: Type.Integer(),
  approvedFen: Type.Integer(),
  lentFen: Type.Integer(),
});
export type WhitelistEntry = Static<typeof WhitelistEntry>;
export const WhitelistPage = Paged(WhitelistEntry);

export const CreateProgramBody = StrictObject({
  code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  rule: RuleSchema,
  quotaFen: MoneyFen({ minimum: 1 }),
  poolId: Type.Optional(Id),
  bankOrgIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  productIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
});
export type CreateProgramBody = Static<typeof CreateProgramBody>;

export const WhitelistQuery = Type.Object({ status: Type.Optional(WhitelistStatusSchema), q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery });
export const EntryParams = StrictObject({ id: Id, entryId: Id });
export const RemoveEntryBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) });
export const GenerateResult = Type.Object({ jobId: Nullable(Type.Integer()), program: Type.Ref('LoanProgramDetail') });
export const PushResult = Type.Object({ pushed: Type.Integer(), program: Type.Ref('LoanProgramDetail') });
