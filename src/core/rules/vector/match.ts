/**
 * County-wide matching and incremental re-matching.
 *
 * A full match runs every compiled rule over the county columns (one result column per policy).
 * When one enterprise's data changes, re-evaluating it with the scalar engine across all policies
 * is cheaper than rebuilding columns; its outcomes are written back into the result columns.
 */
import { outcomeOf, type Outcome } from '../evaluate.ts';
import type { EnterpriseFacts } from '../facts.ts';
import type { PreparedRule } from '../prepare.ts';
import type { CountyColumns } from './columns.ts';
import { MatchContext, type CompiledRule } from './compile.ts';

/** Result codes of a match column. */
export const OUTCOME_CODES: Readonly<Record<Outcome, 0 | 1 | 2>> = { ineligible: 0, eligible: 1, unknown: 2 };
export const OUTCOMES: readonly Outcome[] = ['ineligible', 'eligible', 'unknown'];

/** Runs every rule over the county; result r holds rule r's outcome code per enterprise row. */
export function matchCounty(rules: readonly CompiledRule[], columns: CountyColumns): Uint8Array[] {
  const context = new MatchContext(columns.size);
  return rules.map((rule) => rule.run(columns, new Uint8Array(columns.size), context));
}

/** Outcomes of one enterprise for every rule (scalar path, no explanations kept). */
export function rematchEnterprise(rules: readonly PreparedRule[], facts: EnterpriseFacts): Outcome[] {
  return rules.map((rule) => outcomeOf(rule, facts));
}

/** Re-matches one enterprise and writes its outcomes into existing result columns at `row`. */
export function updateMatchRow(results: readonly Uint8Array[], row: number, rules: readonly PreparedRule[], facts: EnterpriseFacts): Outcome[] {
  const outcomes = rematchEnterprise(rules, facts);
  outcomes.forEach((outcome, r) => {
    results[r][row] = OUTCOME_CODES[outcome];
  });
  return outcomes;
}

/** Counts of each outcome in a result column. */
export function countOutcomes(result: Uint8Array): Record<Outcome, number> {
  const counts = [0, 0, 0];
  for (let i = 0; i < result.length; i++) counts[result[i]]++;
  return { ineligible: counts[0], eligible: counts[1], unknown: counts[2] };
}
