/**
 * The JSON Schema pieces of record aggregates (docs/rules.md "记录（Records）"): the `records`
 * expression (`count/sum/min/max/avg where` over an enterprise's records of one type in a period)
 * and the `perRecord` benefit formula. Kept apart from schema.ts, which spreads these definitions
 * into its own, so the rule language grows by one union member in each place.
 *
 * The pieces take the shared period and constant schemas as arguments (schema.ts defines them), so
 * this file imports nothing from schema.ts and the two cannot form an import cycle.
 */
import { Type, type TSchema } from 'typebox';

const Obj = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

export const RECORD_AGGREGATES = ['count', 'sum', 'min', 'max', 'avg'] as const;
export type RecordAggregate = (typeof RECORD_AGGREGATES)[number];

const FieldName = Type.String({ pattern: '^[a-z][a-z0-9_]*$', description: 'A field code of the record type.' });

/** The schema definitions schema.ts spreads into its own `Definitions` (referenced as RecordWhere). */
export function recordDefinitions<P extends TSchema, C extends TSchema>(deps: { period: P; constant: C }) {
  const CompareOp = Type.Union([Type.Literal('>='), Type.Literal('>'), Type.Literal('<='), Type.Literal('<'), Type.Literal('=='), Type.Literal('!=')]);
  return {
    RecordWhere: Type.Union(
      [
        Obj({ all: Type.Array(Type.Ref('RecordWhere'), { minItems: 1 }) }, 'Every condition holds for the record.'),
        Obj({ any: Type.Array(Type.Ref('RecordWhere'), { minItems: 1 }) }, 'Some condition holds for the record.'),
        Obj({ not: Type.Ref('RecordWhere') }, 'The condition does not hold for the record.'),
        Obj(
          { field: FieldName, op: CompareOp, value: Type.Union([Type.Number(), deps.constant]) },
          'A field compared with a constant: a plain number for number fields, {"wan": …} for money, {"bp": …}/{"percent": …} for rates, {"date": …} for dates.',
        ),
        Obj({ field: FieldName, in: Type.Array(Type.String(), { minItems: 1 }) }, 'A coded field is one of the codes.'),
        Obj({ field: FieldName, is: Type.Boolean() }, 'A yes/no field has the value.'),
        Obj({ field: FieldName, within: deps.period }, 'A date field falls within the period (a year, quarter or month).'),
      ],
      { description: 'A condition on one record’s fields.' },
    ),
  };
}

/** The `records` expression: an aggregate over one enterprise's records of a type. */
export function recordsExprSchema<P extends TSchema>(deps: { period: P }) {
  return Obj(
    {
      records: Type.String({ description: 'The record type code (employee, patent, loan …).' }),
      agg: Type.Union(RECORD_AGGREGATES.map((a) => Type.Literal(a)), { description: 'count, or sum/min/max/avg of `field`.' }),
      field: Type.Optional(FieldName),
      where: Type.Optional(Type.Ref('RecordWhere')),
      within: Type.Optional(Obj({ field: FieldName, period: deps.period }, 'Only records whose date field falls in the period (hired this year).')),
      label: Type.Optional(Type.String({ description: 'How explanations name the aggregate (本年度新招用高校毕业生); generated when absent.' })),
    },
    'count/sum/min/max/avg over the enterprise’s records of a type that satisfy `where` within a period.',
  );
}

/** The rate of a per-record formula: a constant, a field of the record, or the lower/higher of several. */
function rateSchema() {
  const leaf = [
    Obj({ bp: Type.Integer() }, 'Basis points.'),
    Obj({ percent: Type.Union([Type.Number(), Type.String({ pattern: '^[+-]?\\d+(\\.\\d+)?$' })]) }, 'A percentage, at most 2 decimals.'),
    Obj({ field: FieldName }, 'A rate field of the record (in basis points).'),
  ];
  return Type.Union([...leaf, Obj({ min: Type.Array(Type.Union(leaf), { minItems: 1 }) }, 'The lowest.'), Obj({ max: Type.Array(Type.Union(leaf), { minItems: 1 }) }, 'The highest.')]);
}

/** The `perRecord` benefit formula (one union member of the benefit amounts). */
export function perRecordAmountSchema<P extends TSchema, M extends TSchema>(deps: { period: P; money: M }) {
  return Obj(
    {
      perRecord: Obj(
        {
          records: Type.String(),
          where: Type.Optional(Type.Ref('RecordWhere')),
          within: Type.Optional(Obj({ field: FieldName, period: deps.period }, 'Only records whose date field falls in the period.')),
          label: Type.Optional(Type.String()),
        },
        'The qualifying records.',
      ),
      each: Type.Union([
        Obj({ fixed: deps.money }, 'A fixed sum per qualifying record (每件发明专利 1万元).'),
        Obj(
          {
            of: FieldName,
            rate: rateSchema(),
            months: Type.Optional(Type.Union([FieldName, Type.Integer({ minimum: 0 })])),
          },
          'A money field × a rate (× months / 12 when given): an interest subsidy at the lower of the loan rate and a set rate.',
        ),
      ]),
      recordCap: Type.Optional(deps.money),
      maxRecords: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many records are paid (earliest first).' })),
      cap: Type.Optional(deps.money),
    },
    'A sum per qualifying record, each capped, at most N records, the total capped per enterprise.',
  );
}
