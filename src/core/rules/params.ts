/**
 * Named, dated parameters (OpenFisca style): a rule says `{"param": "industry_above_scale_line"}` and
 * the value in force on the evaluation date is used, so next year's numbers change without touching
 * the rules, and old decisions can be re-run with the values of their date.
 */
import type { ParameterDefinition } from './schema.ts';
import { constantUnit, constantValue, dateToYmd, type ValueUnit } from './units.ts';

export type { ParameterDefinition };

/** Parameters by name. */
export type ParameterSet = ReadonlyMap<string, ParameterDefinition>;

/** Indexes parameter definitions by name. */
export function parameterSet(definitions: readonly ParameterDefinition[] = []): ParameterSet {
  return new Map(definitions.map((definition) => [definition.name, definition]));
}

export interface ResolvedParameter {
  name: string;
  value: number;
  unit: ValueUnit;
  /** The effective date of the value used. */
  from: string;
}

/** The value in force on a date (the latest `from` ≤ date), or null when none is in force yet. */
export function resolveParameter(definition: ParameterDefinition, evaluationYmd: number): ResolvedParameter | null {
  let best: ParameterDefinition['values'][number] | null = null;
  for (const entry of definition.values) {
    const from = dateToYmd(entry.from);
    if (from <= evaluationYmd && (best === null || from > dateToYmd(best.from))) best = entry;
  }
  if (best === null) return null;
  return { name: definition.name, value: constantValue(best.value), unit: constantUnit(best.value), from: best.from };
}

/** The unit of a parameter (of its first value; validation checks that all values agree). */
export function parameterUnit(definition: ParameterDefinition): ValueUnit {
  return constantUnit(definition.values[0].value);
}

/**
 * Built-in parameters of standards §4: the above-scale revenue lines. Departments add their own
 * (stored with the policies); these are examples and defaults.
 */
export const BUILT_IN_PARAMETERS: readonly ParameterDefinition[] = [
  {
    name: 'industry_above_scale_line',
    nameZh: '规上工业主营业务收入标准',
    nameEn: 'Above-scale industry revenue line',
    values: [
      { from: '1998-01-01', value: { wan: 500 } },
      { from: '2011-01-01', value: { wan: 2000 } },
    ],
  },
  {
    name: 'wholesale_above_quota_line',
    nameZh: '限上批发业主营业务收入标准',
    nameEn: 'Above-quota wholesale revenue line',
    values: [{ from: '2011-01-01', value: { wan: 2000 } }],
  },
  {
    name: 'retail_above_quota_line',
    nameZh: '限上零售业主营业务收入标准',
    nameEn: 'Above-quota retail revenue line',
    values: [{ from: '2011-01-01', value: { wan: 500 } }],
  },
];
