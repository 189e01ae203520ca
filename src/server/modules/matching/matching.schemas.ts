/** The enterprise's view of matching: its calculator and the pushes it opens. */
import { Type, type Static } from 'typebox';
import { IsoDateTime, NullableIsoDateTime, StrictObject } from '../../http/schemas.ts';
import { Nullable } from '../../http/schemas.ts';
import { Bilingual, Department, MissingFact, RenderedLines } from '../policies/index.ts';

export const MyPolicyMatches = Type.Object({
  evaluationDate: Type.String(),
  summary: Type.Object({
    /** Policies the enterprise can enjoy together (the best choice in each exclusion group). */
    count: Type.Integer(),
    /** Their estimated total: the best-paying choice per exclusion group counts once. */
    totalFen: Type.Integer(),
    /** Exclusion groups in which more than one policy applies: only one may be enjoyed. */
    conflicts: Type.Array(Type.Object({ group: Type.String(), policyIds: Type.Array(Type.Integer()), chosenPolicyId: Nullable(Type.Integer()) })),
    eligible: Type.Integer(),
    /** Eligible policies left out of the total: application window closed, or another policy of the group held. */
    notCounted: Type.Integer(),
    unknown: Type.Integer(),
    /** Eligible 最高 X policies: the reviewer decides the amount, so they stay out of the certain total. */
    upTo: Type.Integer(),
    /** Policies whose hard conditions are met and whose reviewer-judged criteria are pending (待评审). */
    pendingReview: Type.Integer(),
    /** Policies whose checkable conditions are met and which need declarations on the form (需在申报时声明). */
    pendingDeclaration: Type.Integer(),
    text: Bilingual,
  }),
  /** The single most decisive fact to ask for across the open policies. */
  nextQuestion: Nullable(Type.Object({ fact: Type.String(), period: Nullable(Type.String()), name: Bilingual, settles: Type.Integer(), neededBy: Type.Integer(), policyIds: Type.Array(Type.Integer()) })),
  items: Type.Array(
    Type.Object({
      policyId: Type.Integer(),
      versionId: Type.Integer(),
      title: Type.String(),
      documentNo: Nullable(Type.String()),
      department: Department,
      outcome: Type.Enum(['eligible', 'unknown']),
      estimatedAmountFen: Nullable(Type.Integer()),
      /** amount: an estimate (or unknown); none: eligibility only, nothing to pay; upTo: 最高 upToFen, decided on review. */
      amountKind: Type.Enum(['amount', 'none', 'upTo']),
      upToFen: Nullable(Type.Integer()),
      /** The reviewer-judged criteria still to be decided (待评审); the hard conditions are met when non-empty and outcome is unknown. */
      pendingReview: Type.Array(Bilingual),
      /** The declarations still to make on the application form (需在申报时声明); the checkable conditions are met when non-empty. */
      pendingDeclaration: Type.Array(Type.Object({ key: Type.String(), zh: Type.String(), en: Type.String() })),
      formula: Bilingual,
      explanation: RenderedLines,
      missingFacts: Type.Array(MissingFact),
      exclusionGroup: Nullable(Type.String()),
      /** Another policy of its exclusion group also applies (only one can be enjoyed). */
      isConflicting: Type.Boolean(),
      /** Counted in the total: not conflicting, or the best-paying choice of its group. */
      isChosen: Type.Boolean(),
      isAutoGrant: Type.Boolean(),
      applyFrom: NullableIsoDateTime,
      applyUntil: NullableIsoDateTime,
      pushedAt: NullableIsoDateTime,
      application: Nullable(Type.Object({ id: Type.Integer(), status: Type.String() })),
      /** The application window has closed (listed, not counted in the total unless applied already). */
      isWindowClosed: Type.Boolean(),
      /** The enterprise holds another policy of the exclusion group (applied and approved, or granted): not counted. */
      exclusiveHeld: Nullable(Type.Object({ policyId: Type.Integer(), title: Type.String(), via: Type.Enum(['application', 'auto_grant']), status: Type.String() })),
    }),
  ),
});
export type MyPolicyMatches = Static<typeof MyPolicyMatches>;

export const PolicyIdParams = StrictObject({ policyId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const PushView = Type.Object({ policyId: Type.Integer(), pushedAt: IsoDateTime, readAt: NullableIsoDateTime, openedAt: NullableIsoDateTime });
