/**
 * fast-check generators for record aggregates: enterprises whose employees/loans/patents are unknown,
 * empty or full of boundary values (hired on 1 January or 31 December, contracts of exactly 12 months,
 * empty fields), and rules that compare aggregates with constants, for the scalar = vector property.
 */
import fc from 'fast-check';
import type { EnterpriseFacts } from '../facts.ts';
import type { RecordRow } from '../records.ts';
import type { RuleNode } from '../schema.ts';

export const RECORDS_EVALUATION_DATE = '2026-06-30';

const dates = fc.constantFrom('2025-12-31', '2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-12-31', null);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 8 });

const employee = fc.record({
  hired_on: dates,
  contract_months: maybe(fc.constantFrom(0, 6, 11, 12, 13, 36)),
  is_graduate: maybe(fc.boolean()),
  graduation_year: maybe(fc.constantFrom(2023, 2024, 2025, 2026)),
  social_insurance: maybe(fc.boolean()),
});
const loan = fc.record({
  bank: fc.constantFrom('农行', '建行', '工行'),
  amount: maybe(fc.constantFrom(0, 100_000_000, 500_000_000, 500_000_001)),
  rate_bp: maybe(fc.constantFrom(300, 380, 400, 435)),
  start_on: dates,
  term_months: fc.constantFrom(6, 12, 36),
});
const patent = fc.record({ kind: maybe(fc.constantFrom('invention', 'utility', 'design')), granted_on: dates });

const rows = <T extends Record<string, unknown>>(arb: fc.Arbitrary<T>) =>
  fc.option(
    fc.array(arb, { maxLength: 6 }).map((list): RecordRow[] => list.map((values, i) => ({ id: `r${i}`, values }))),
    { freq: 4 },
  );

/** An enterprise with each record type unknown (absent), empty or a few records. */
export const arbitraryRecordEnterprise: fc.Arbitrary<EnterpriseFacts> = fc.record({ employee: rows(employee), loan: rows(loan), patent: rows(patent) }).map((byType) => {
  const records: Record<string, RecordRow[]> = {};
  for (const [type, list] of Object.entries(byType)) if (list !== null) records[type] = list;
  return { attributes: {}, indicators: {}, records };
});

const period = fc.constantFrom({ yearsAgo: 0 }, { yearsAgo: 1 }, { quartersAgo: 1 }, { quarter: '2026Q1' }, { month: '2026-06' }, { year: 2026 });
const op = fc.constantFrom('>=', '>', '<=', '<', '==', '!=');

const employeeWhere = fc.oneof(
  fc.record({ field: fc.constant('is_graduate'), is: fc.boolean() }),
  fc.record({ field: fc.constant('contract_months'), op, value: fc.constantFrom(6, 12, 13) }),
  fc.record({ field: fc.constant('social_insurance'), is: fc.boolean() }),
  fc.record({ field: fc.constant('hired_on'), within: period }),
);
const where = fc.oneof(
  employeeWhere,
  fc.record({ all: fc.array(employeeWhere, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(employeeWhere, { minLength: 1, maxLength: 3 }) }),
  fc.record({ not: employeeWhere }),
);

const employeeCount = fc.record(
  { records: fc.constant('employee'), agg: fc.constant('count'), where, within: fc.record({ field: fc.constant('hired_on'), period }) },
  { requiredKeys: ['records', 'agg'] },
);
const employeeStat = fc.record(
  { records: fc.constant('employee'), agg: fc.constantFrom('sum', 'min', 'max', 'avg'), field: fc.constant('contract_months'), where },
  { requiredKeys: ['records', 'agg', 'field'] },
);
const loanStat = fc.record(
  {
    records: fc.constant('loan'),
    agg: fc.constantFrom('sum', 'min', 'max'),
    field: fc.constant('amount'),
    where: fc.record({ field: fc.constant('rate_bp'), op, value: fc.constantFrom({ bp: 380 }, { percent: 4 }) }),
  },
  { requiredKeys: ['records', 'agg', 'field'] },
);
const patentCount = fc.record({ records: fc.constant('patent'), agg: fc.constant('count'), where: fc.record({ field: fc.constant('kind'), in: fc.constantFrom(['invention'], ['utility', 'design']) }) });

const leaf: fc.Arbitrary<RuleNode> = fc.oneof(
  fc.record({ left: employeeCount, op, right: fc.constantFrom({ people: 0 }, { people: 1 }, { people: 2 }) }),
  fc.record({ left: employeeStat, op, right: fc.constantFrom({ count: 12 }, { count: 24 }) }),
  fc.record({ left: loanStat, op, right: fc.constantFrom({ wan: 500 }, { fen: 500_000_001 }, { wan: 0 }) }),
  fc.record({ value: patentCount, between: fc.constant([{ count: 1 }, { count: 3 }]), bounds: fc.constantFrom('[]', '()', '[)') }),
) as fc.Arbitrary<RuleNode>;

/** Rules over record aggregates, alone or combined under all/any/not. */
export const arbitraryRecordRule: fc.Arbitrary<RuleNode> = fc.oneof(
  leaf,
  fc.record({ all: fc.array(leaf, { minLength: 1, maxLength: 3 }) }) as fc.Arbitrary<RuleNode>,
  fc.record({ any: fc.array(leaf, { minLength: 1, maxLength: 3 }) }) as fc.Arbitrary<RuleNode>,
  fc.record({ not: leaf }) as fc.Arbitrary<RuleNode>,
);
