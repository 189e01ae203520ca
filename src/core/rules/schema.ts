/**
 * The eligibility rule language: one TypeBox definition gives the JSON Schema served to editors and
 * API clients (`RULE_JSON_SCHEMA`) and the static TypeScript types the engines use.
 *
 * Shape in one breath: a rule is a tree of JSON objects, each recognised by its distinguishing key
 * (`all`, `any`, `atLeast`, `not`, `left`+`op`+`right`, `between`, `bands`, `in`, `is`, `industry`,
 * `history`, `certification`). Leaves read facts through expressions (`{fact, period}`, constants
 * with their unit as the key, `{param}`, `{ratio}`, `{growth}`, `{change}`, `{sum}`, `{yearsSince}`, `{window}`, `{dateShift}`).
 * Every node may carry `clause`, the policy sentence it encodes; its JSON Pointer is its stable path.
 * See docs/rules.md for the full description with examples.
 */
import { Type, type Static } from 'typebox';
import { perRecordAmountSchema, recordDefinitions, recordsExprSchema } from './records.schema.ts';

const Obj = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

const Clause = Type.Optional(Type.String({ description: 'The policy text this node encodes; cited in explanations.' }));
const Decimal = Type.Union([Type.Number(), Type.String({ pattern: '^[+-]?\\d+(\\.\\d+)?$' })], {
  description: 'A decimal number; a string keeps exact decimals ("12.34").',
});
const NonNegativeInt = Type.Integer({ minimum: 0 });
const YearNumber = Type.Integer({ minimum: 1900, maximum: 2200 });

// ---------------------------------------------------------------------------------------------
// Periods. Every periodic fact is read for one period, given absolutely or relative to the
// evaluation date, so a rule written for "last year" keeps working next year.
// ---------------------------------------------------------------------------------------------

export const YearSpecSchema = Type.Union(
  [
    Obj({ year: YearNumber }, 'Calendar year N.'),
    Obj({ yearsAgo: NonNegativeInt }, 'Year relative to the evaluation date: 0 this year, 1 last year.'),
  ],
  { description: 'A year, absolute or relative to the evaluation date.' },
);

export const PeriodSpecSchema = Type.Union(
  [
    Obj({ year: YearNumber }, 'Calendar year N.'),
    Obj({ yearsAgo: NonNegativeInt }, 'Year relative to the evaluation date: 0 this year, 1 last year.'),
    Obj({ quarter: Type.String({ pattern: '^\\d{4}Q[1-4]$' }) }, 'A quarter, "2024Q3".'),
    Obj({ quartersAgo: NonNegativeInt }, 'Quarter relative to the evaluation date: 1 = last quarter.'),
    Obj({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) }, 'A month, "2024-07".'),
    Obj({ monthsAgo: NonNegativeInt }, 'Month relative to the evaluation date: 1 = last month.'),
    // Quarter or month of a year, the year absolute or relative (一季度 of this year vs of last year).
    Obj({ q: Type.Integer({ minimum: 1, maximum: 4 }), year: YearNumber }, 'Quarter q of calendar year N.'),
    Obj({ q: Type.Integer({ minimum: 1, maximum: 4 }), yearsAgo: NonNegativeInt }, 'Quarter q of a year relative to the evaluation date.'),
    Obj({ m: Type.Integer({ minimum: 1, maximum: 12 }), year: YearNumber }, 'Month m of calendar year N.'),
    Obj({ m: Type.Integer({ minimum: 1, maximum: 12 }), yearsAgo: NonNegativeInt }, 'Month m of a year relative to the evaluation date.'),
    Obj(
      { latest: Type.Literal(true), maxAgo: Type.Optional(NonNegativeInt) },
      'The most recent period with a value, not after the period of the evaluation date; optionally at most maxAgo periods back.',
    ),
  ],
  { description: 'The period a fact is read for.' },
);

// ---------------------------------------------------------------------------------------------
// Constants carry their unit as their only key, so `{"wan": 2000}` cannot be misread as yuan.
// ---------------------------------------------------------------------------------------------

export const MoneyConstantSchema = Type.Union(
  [
    Obj({ fen: Type.Integer() }, 'Money in fen (分).'),
    Obj({ yuan: Decimal }, 'Money in yuan (元), at most 2 decimals.'),
    Obj({ wan: Decimal }, 'Money in 万元 (10,000 yuan), at most 6 decimals.'),
    Obj({ yi: Decimal }, 'Money in 亿元 (100,000,000 yuan), at most 10 decimals.'),
  ],
  { description: 'An amount of money; always converted exactly to integer fen.' },
);

export const RatioConstantSchema = Type.Union(
  [
    Obj({ percent: Decimal }, 'A percentage, at most 2 decimals: 3 means 3% (300 bp).'),
    Obj({ bp: Type.Integer() }, 'Basis points: 10000 = 100%.'),
  ],
  { description: 'A ratio; stored in basis points.' },
);

/** Physical and foreign-currency constants (src/core/rules/measures.ts). */
export const MeasureConstantSchema = Type.Union([
  Obj({ sqm: Decimal }, 'Area in ㎡, at most 4 decimals.'),
  Obj({ mu: Decimal }, 'Area in 亩 (1亩 = 666.67㎡, the national convention), at most 2 decimals.'),
  Obj({ t: Decimal }, 'Weight in tonnes, at most 3 decimals.'),
  Obj({ kg: Decimal }, 'Weight in kg.'),
  Obj({ tce: Decimal }, 'Energy in 吨标准煤 (tonnes of standard coal), at most 3 decimals.'),
  Obj(
    { currency: Obj({ code: Type.String({ pattern: '^[A-Z]{3}$' }), amount: Decimal, rate: Decimal }, 'An amount of foreign money and the rate to yuan the policy states.') },
    'Foreign money converted to fen at the stated rate (must give whole fen).',
  ),
]);

export const ConstantSchema = Type.Union(
  [
    ...MoneyConstantSchema.anyOf,
    ...RatioConstantSchema.anyOf,
    Obj({ people: Type.Integer() }, 'A number of people.'),
    Obj({ count: Type.Integer() }, 'A count of things (patents, penalties).'),
    Obj({ kwh: Type.Integer() }, 'Electricity in kWh.'),
    Obj({ years: Type.Integer() }, 'A duration in completed years.'),
    Obj({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }, 'A calendar date, YYYY-MM-DD.'),
    ...MeasureConstantSchema.anyOf,
  ],
  { description: 'A constant with its unit as the key.' },
);

export const FactRefSchema = Obj(
  {
    fact: Type.String({ description: 'A fact code from the catalogue (indicator, attribute or derived fact).' }),
    period: Type.Optional(PeriodSpecSchema),
  },
  'The value of a fact; periodic facts need a period.',
);

const PeriodPair = {
  fact: Type.String(),
  from: PeriodSpecSchema,
  to: PeriodSpecSchema,
};

const CompareOp = Type.Union([Type.Literal('>='), Type.Literal('>'), Type.Literal('<='), Type.Literal('<'), Type.Literal('=='), Type.Literal('!=')], {
  description: 'Comparison operator; inclusivity is always explicit (>= vs >).',
});

const Bounds = Type.Union([Type.Literal('[]'), Type.Literal('[)'), Type.Literal('(]'), Type.Literal('()')], {
  description: 'Which ends of a range are included: "[" includes the minimum, "(" excludes it; likewise "]" and ")" for the maximum.',
});

export const HISTORY_TESTS = ['firstEntry', 'entry', 'reEntry', 'heldConsecutive', 'everExited'] as const;
export const CERTIFICATION_TESTS = ['heldOn', 'awardedIn', 'firstAwardedIn', 'renewedIn', 'heldForYears'] as const;

/** Periods records may be counted within: the periods above plus a rolling window of months (近12个月). */
const RecordPeriodSchema = Type.Union([
  ...PeriodSpecSchema.anyOf,
  Obj({ lastMonths: Type.Integer({ minimum: 1, maximum: 120 }) }, 'The N months ending on the evaluation date, day-exact (windows.ts).'),
]);

/** A date operand of dateShift: a date expression or the evaluation date itself. */
const DateShift = Obj(
  {
    from: Type.Union([Type.Literal('evaluationDate'), Type.Ref('Expr')]),
    years: Type.Optional(Type.Integer()),
    months: Type.Optional(Type.Integer()),
    days: Type.Optional(Type.Integer()),
  },
  'A date moved by years and months (a missing day becomes the month end, 民法典第二百零三条), then days.',
);

const Window = Obj(
  {
    fact: Type.Optional(Type.String()),
    ratio: Type.Optional(Type.Tuple([Type.String(), Type.String()], { description: 'numerator and denominator facts, per period' })),
    growth: Type.Optional(Type.String()),
    last: Type.Integer({ minimum: 1, maximum: 60 }),
    ending: PeriodSpecSchema,
    take: Type.Union([Type.Literal('sum'), Type.Literal('mean'), Type.Literal('compound')]),
  },
  'One of fact / ratio / growth over the `last` periods ending at `ending`.',
);

const Definitions = {
  ...recordDefinitions({ period: RecordPeriodSchema, constant: ConstantSchema }),
  Expr: Type.Union(
    [
      FactRefSchema,
      ...ConstantSchema.anyOf,
      Obj({ param: Type.String() }, 'A named, dated parameter, resolved at the evaluation date.'),
      Obj({ ratio: Type.Tuple([Type.Ref('Expr'), Type.Ref('Expr')]) }, 'numerator / denominator of the same unit, in basis points.'),
      Obj({ growth: Obj(PeriodPair, 'A fact between two periods.') }, '(to − from) / from, in basis points.'),
      Obj({ change: Obj(PeriodPair, 'A fact between two periods.') }, 'to − from, in the unit of the fact (新增产值).'),
      Obj({ sum: Type.Array(Type.Ref('Expr'), { minItems: 1 }) }, 'Sum of quantities of the same unit.'),
      Obj({ yearsSince: FactRefSchema }, 'Completed years from a date fact to the evaluation date.'),
      recordsExprSchema({ period: RecordPeriodSchema }),
      Obj({ window: Window }, 'A fact over N periods: sum, mean, mean of per-period ratios or growth rates, or compound growth (windows.ts).'),
      Obj({ dateShift: DateShift }, 'A date plus or minus whole years, months and days.'),
    ],
    { description: 'A value: fact, constant, parameter or arithmetic on them.' },
  ),
  Rule: Type.Union(
    [
      Obj({ all: Type.Array(Type.Ref('Rule')), clause: Clause }, 'True when every child is true (三值逻辑: one false decides).'),
      Obj({ any: Type.Array(Type.Ref('Rule')), clause: Clause }, 'True when some child is true (one true decides).'),
      Obj({ atLeast: Type.Integer({ minimum: 1 }), of: Type.Array(Type.Ref('Rule')), clause: Clause }, 'True when at least k children are true.'),
      Obj({ not: Type.Ref('Rule'), clause: Clause }, 'Negation; unknown stays unknown.'),
      Obj({ left: Type.Ref('Expr'), op: CompareOp, right: Type.Ref('Expr'), clause: Clause }, 'Comparison of two values of the same unit.'),
      Obj(
        { value: Type.Ref('Expr'), between: Type.Tuple([Type.Ref('Expr'), Type.Ref('Expr')]), bounds: Bounds, clause: Clause },
        'min ≤/< value ≤/< max, with explicit inclusivity.',
      ),
      Obj(
        {
          value: Type.Ref('Expr'),
          op: CompareOp,
          by: Type.Ref('Expr'),
          bands: Type.Array(
            Obj(
              {
                upTo: Type.Optional(Type.Ref('Expr')),
                inclusive: Type.Optional(Type.Boolean({ description: 'Whether upTo itself belongs to this band.' })),
                bound: Type.Ref('Expr'),
              },
              'A band of `by` (up to `upTo`, the last band open) and the bound `value` is compared with in it.',
            ),
            { minItems: 1 },
          ),
          clause: Clause,
        },
        'value op bound, where the bound depends on the band `by` falls in (研发占比 ≥ 5%/4%/3% by sales).',
      ),
      Obj({ value: FactRefSchema, in: Type.Array(Type.String()), clause: Clause }, 'A coded fact (town, grade, size class, type) is one of the listed codes.'),
      Obj({ value: FactRefSchema, is: Type.Boolean(), clause: Clause }, 'A yes/no fact has the given value.'),
      Obj(
        {
          industry: Obj(
            {
              sections: Type.Optional(Type.Array(Type.String({ pattern: '^[A-T]$' }), { description: '门类 letters.' })),
              divisionRanges: Type.Optional(
                Type.Array(Type.Tuple([Type.String({ pattern: '^\\d{2}$' }), Type.String({ pattern: '^\\d{2}$' })]), {
                  description: '大类 ranges, inclusive: [["06","46"]].',
                }),
              ),
              prefixes: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{2,4}$' }), { description: '大类/中类/小类 code prefixes.' })),
              set: Type.Optional(Type.String({ description: 'A named industry set of the registry (批发和零售业, 淘汰类 …), alone or with the criteria above.' })),
            },
            'GB/T 4754-2017 codes at any level; matches when any listed criterion matches.',
          ),
          clause: Clause,
        },
        'The enterprise industry is in the set.',
      ),
      Obj(
        {
          history: Type.String({ description: 'A yearly yes/no status fact, e.g. above_scale.' }),
          test: Type.Union([Type.Literal('firstEntry'), Type.Literal('entry'), Type.Literal('reEntry'), Type.Literal('heldConsecutive'), Type.Literal('everExited')]),
          year: YearSpecSchema,
          years: Type.Optional(Type.Integer({ minimum: 1 })),
          since: Type.Optional(YearNumber),
          clause: Clause,
        },
        'A test on the history of a yearly status.',
      ),
      Obj(
        {
          certification: Type.String({ description: 'A certification code, e.g. high_tech.' }),
          test: Type.Union([Type.Literal('heldOn'), Type.Literal('awardedIn'), Type.Literal('firstAwardedIn'), Type.Literal('renewedIn'), Type.Literal('heldForYears')]),
          year: Type.Optional(YearSpecSchema),
          years: Type.Optional(Type.Integer({ minimum: 1 })),
          levels: Type.Optional(
            Type.Array(Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('city'), Type.Literal('county')]), {
              minItems: 1,
              description: 'Only awards at these levels count (市级以上 = national, provincial, city).',
            }),
          ),
          clause: Clause,
        },
        'A test on the certifications of the enterprise.',
      ),
      Obj(
        {
          review: Type.String({ minLength: 1, description: 'The criterion as the policy words it, e.g. 经营状况良好.' }),
          reviewEn: Type.Optional(Type.String({ minLength: 1 })),
          clause: Clause,
        },
        'A criterion the reviewer judges (经营状况良好, 符合产业方向, 专家评审): unknown (待评审) until decided on the application.',
      ),
      Obj(
        {
          declared: Type.String({ minLength: 1, description: 'The key of a declared fact of the policy version (declared.ts), e.g. no_wage_arrears_2y.' }),
          equals: Type.Optional(Type.Boolean({ description: 'yes/no facts: the declaration required.' })),
          op: Type.Optional(CompareOp),
          value: Type.Optional(Type.Union([Type.Number(), Type.String()], { description: 'number facts: a number in the fact’s unit; date facts: YYYY-MM-DD.' })),
          oneOf: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: 'choice facts: the accepted choices.' })),
          clause: Clause,
        },
        'A fact the applicant declares on the application form (自行申报): unknown until declared, never known county-wide.',
      ),
    ],
    { description: 'An eligibility rule node.' },
  ),
};

/** A rule node (the root of an eligibility rule is one). */
export const RuleSchema = Type.Cyclic(Definitions, 'Rule');
/** A value expression. */
export const ExprSchema = Type.Cyclic(Definitions, 'Expr');

export type RuleNode = Static<typeof RuleSchema>;
export type Expr = Static<typeof ExprSchema>;
export type PeriodSpec = Static<typeof PeriodSpecSchema>;
export type YearSpec = Static<typeof YearSpecSchema>;
export type Constant = Static<typeof ConstantSchema>;
export type MoneyConstant = Static<typeof MoneyConstantSchema>;
export type RatioConstant = Static<typeof RatioConstantSchema>;
export type FactRef = Static<typeof FactRefSchema>;
export type CompareOperator = Static<typeof CompareOp>;
export type BoundsSpec = Static<typeof Bounds>;
export type HistoryTest = (typeof HISTORY_TESTS)[number];
export type CertificationTest = (typeof CERTIFICATION_TESTS)[number];
/** A condition on one record's fields (records.schema.ts). */
export type RecordWhere = Static<typeof RecordWhereSchema>;
export const RecordWhereSchema = Type.Cyclic(Definitions, 'RecordWhere');
/** The `records` aggregate expression. */
export type RecordsExpr = Extract<Expr, { records: string }>;

// ---------------------------------------------------------------------------------------------
// Parameters: named values by effective date (OpenFisca style).
// ---------------------------------------------------------------------------------------------

export const ParameterSchema = Obj(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
    nameZh: Type.String(),
    nameEn: Type.String(),
    values: Type.Array(
      Obj({ from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), value: ConstantSchema }, 'The value in force from this date on.'),
      { minItems: 1 },
    ),
  },
  'A named parameter whose value changes by effective date.',
);
export type ParameterDefinition = Static<typeof ParameterSchema>;

// ---------------------------------------------------------------------------------------------
// Benefit formulas: what an eligible enterprise receives.
// ---------------------------------------------------------------------------------------------

const TierStep = Type.Union([
  Obj({ atLeast: Type.Ref('Expr'), amount: MoneyConstantSchema }, 'Applies when by ≥ atLeast.'),
  Obj({ above: Type.Ref('Expr'), amount: MoneyConstantSchema }, 'Applies when by > above.'),
  Obj({ is: Type.Boolean(), amount: MoneyConstantSchema }, 'Applies when the yes/no fact `by` has this value (first match).'),
  Obj({ in: Type.Array(Type.String(), { minItems: 1 }), amount: MoneyConstantSchema }, 'Applies when the coded fact `by` is one of the codes (first match).'),
]);

/** Rounding as the policy text says (取整到元, 向下取整到万元); money is integer fen throughout. */
const Rounding = Obj(
  {
    to: Type.Union([Type.Literal('fen'), Type.Literal('yuan'), Type.Literal('wan')], { description: 'The unit rounded to.' }),
    mode: Type.Union([Type.Literal('down'), Type.Literal('halfUp')], { description: 'down: truncate (向下取整); halfUp: 四舍五入.' }),
  },
  'How a computed amount is rounded.',
);

export const BenefitSchema = Type.Cyclic(
  {
    ...Definitions,
    Calc: Type.Union(
      [
        Type.Ref('Expr'),
        Obj({ times: Type.Array(Type.Ref('Calc'), { minItems: 2 }) }, 'Product: at most one money factor; the others people, counts or ratios (money × persons × months).'),
        Obj({ divide: Type.Tuple([Type.Ref('Calc'), Type.Ref('Calc')]) }, 'Division of an amount by a count or people (never by money).'),
        Obj({ min: Type.Array(Type.Ref('Calc'), { minItems: 2 }) }, 'The smallest of amounts of the same unit.'),
        Obj({ max: Type.Array(Type.Ref('Calc'), { minItems: 2 }) }, 'The largest of amounts of the same unit.'),
      ],
      { description: 'Arithmetic for computed amounts, exact (rational) until the final rounding.' },
    ),
    Amount: Type.Union([
      Obj({ fixed: MoneyConstantSchema }, 'A fixed sum.'),
      Obj({ installments: Type.Array(MoneyConstantSchema, { minItems: 1 }) }, 'Fixed sums paid in successive years (10万/20万/30万).'),
      Obj(
        { tiers: Obj({ by: Type.Ref('Expr'), steps: Type.Array(TierStep, { minItems: 1 }) }, 'Increasing steps; the highest reached pays; or steps keyed by a yes/no or coded fact, the first matching pays.') },
        'Tiers by a fact (5亿/10亿/30亿/50亿 → 50/100/200/300万).',
      ),
      Obj(
        { percentOf: Type.Ref('Expr'), rate: RatioConstantSchema, cap: Type.Optional(MoneyConstantSchema), floor: Type.Optional(MoneyConstantSchema) },
        'A percentage of a money fact, optionally capped and floored.',
      ),
      Obj({ perHead: MoneyConstantSchema, count: Type.Ref('Expr'), cap: Type.Optional(MoneyConstantSchema) }, 'A sum per person times a head count, optionally capped.'),
      Obj({ none: Type.Literal(true) }, 'Eligibility only (资格认定, 荣誉, 税收优惠): no money is paid.'),
      Obj({ upTo: MoneyConstantSchema }, '最高 X: the reviewer decides the amount within [0, upTo].'),
      Obj(
        { compute: Type.Ref('Calc'), round: Type.Optional(Rounding), cap: Type.Optional(MoneyConstantSchema), floor: Type.Optional(MoneyConstantSchema) },
        'An amount computed from facts (每人每月 × 人数 × 月数; 租金 × 50%, 最高 …), rounded as the text says, optionally capped and floored.',
      ),
      Obj(
        {
          cases: Type.Array(Obj({ when: Type.Ref('Rule'), amount: Type.Ref('Amount'), clause: Clause }, 'When the condition holds, this amount.'), { minItems: 1 }),
          otherwise: Type.Optional(Type.Ref('Amount')),
        },
        'Cases, first match wins (首次认定 vs 重新认定, 规上 vs 规下, 制造业 vs 服务业); no match and no otherwise pays nothing.',
      ),
      perRecordAmountSchema({ period: PeriodSpecSchema, money: MoneyConstantSchema }),
    ]),
    Benefit: Obj(
      {
        amount: Type.Ref('Amount'),
        split: Type.Optional(
          Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, description: 'Weights of the yearly payments, e.g. [40, 60]; parts add up exactly.' }),
        ),
        firstYear: Type.Optional(YearSpecSchema),
        clause: Clause,
      },
      'How much an eligible enterprise receives and when.',
    ),
  },
  'Benefit',
);
export type Benefit = Static<typeof BenefitSchema>;
export const CalcSchema = Type.Cyclic(BenefitSchema.$defs, 'Calc');
export const AmountSchema = Type.Cyclic(BenefitSchema.$defs, 'Amount');
export type AmountFormula = Benefit['amount'];
export type Calc = Static<typeof CalcSchema>;

/** A policy's machine-checkable part: who is eligible and what they receive. */
export const PolicyRulesSchema = Type.Cyclic(
  {
    ...BenefitSchema.$defs,
    PolicyRules: Obj(
      { eligibility: Type.Ref('Rule'), benefit: Type.Optional(Type.Ref('Benefit')) },
      'The eligibility rule and benefit formula of a policy.',
    ),
  },
  'PolicyRules',
);
export type PolicyRules = Static<typeof PolicyRulesSchema>;

/**
 * The JSON Schema of the rule language (served at /api/rules/schema.json). TypeBox emits standard
 * JSON Schema; tuples use `items` arrays, so the dialect is draft-07.
 */
export const RULE_JSON_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '垫小二 policy rules',
  ...JSON.parse(JSON.stringify(PolicyRulesSchema)),
};
