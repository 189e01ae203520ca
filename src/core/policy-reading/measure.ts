/**
 * Measuring the reading assistant: proposed conditions and benefits compared with expected ones by
 * meaning (constants normalised to fen and basis points, `clause` ignored, all/any flattened to their
 * leaves), giving precision and recall per kind.
 */
import type { Benefit, RuleNode } from '../rules/schema.ts';
import { constantValue, isConstant } from '../rules/units.ts';
import type { ReadingResult } from './read.ts';

/** An expected benefit: the formula, and whether the text gives only an upper bound (最高 X万元). */
export interface ExpectedBenefit {
  amount: Benefit['amount'];
  upTo?: boolean;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    if (isConstant(value)) {
      const key = Object.keys(value)[0];
      const unit = ['fen', 'yuan', 'wan', 'yi'].includes(key) ? 'fen' : key === 'percent' ? 'bp' : key;
      return { [unit]: constantValue(value as never) };
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (key !== 'clause') out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** A stable text of a node or formula's meaning. */
export function meaningKey(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/** The atomic conditions of a node: leaves, or negated leaves; all/any are flattened. */
export function atomicConditions(node: RuleNode): RuleNode[] {
  if ('all' in node) return node.all.flatMap(atomicConditions);
  if ('any' in node) return node.any.flatMap(atomicConditions);
  if ('atLeast' in node) return node.of.flatMap(atomicConditions);
  return [node];
}

export interface Tally {
  proposed: number;
  expected: number;
  matched: number;
}

export function newTally(): Tally {
  return { proposed: 0, expected: 0, matched: 0 };
}

function countMatches(proposed: string[], expected: string[]): number {
  const pool = [...expected];
  let matched = 0;
  for (const key of proposed) {
    const at = pool.indexOf(key);
    if (at >= 0) {
      pool.splice(at, 1);
      matched++;
    }
  }
  return matched;
}

/** Adds one clause's reading to the tallies of conditions and amounts; returns the keys that missed, for reports. */
export function scoreReading(
  result: ReadingResult,
  expected: { conditions: readonly RuleNode[]; benefits: readonly ExpectedBenefit[] },
  tallies: { conditions: Tally; amounts: Tally },
): { missedConditions: string[]; extraConditions: string[]; missedAmounts: string[]; extraAmounts: string[] } {
  const proposedConditions = result.conditions.flatMap((c) => atomicConditions(c.node)).map(meaningKey);
  const expectedConditions = expected.conditions.flatMap(atomicConditions).map(meaningKey);
  const proposedAmounts = result.benefits.map((b) => meaningKey({ amount: b.benefit.amount, upTo: b.upTo }));
  const expectedAmounts = expected.benefits.map((b) => meaningKey({ amount: b.amount, upTo: b.upTo ?? false }));
  tallies.conditions.proposed += proposedConditions.length;
  tallies.conditions.expected += expectedConditions.length;
  tallies.conditions.matched += countMatches(proposedConditions, expectedConditions);
  tallies.amounts.proposed += proposedAmounts.length;
  tallies.amounts.expected += expectedAmounts.length;
  tallies.amounts.matched += countMatches(proposedAmounts, expectedAmounts);
  return {
    missedConditions: expectedConditions.filter((k) => !proposedConditions.includes(k)),
    extraConditions: proposedConditions.filter((k) => !expectedConditions.includes(k)),
    missedAmounts: expectedAmounts.filter((k) => !proposedAmounts.includes(k)),
    extraAmounts: proposedAmounts.filter((k) => !expectedAmounts.includes(k)),
  };
}

/** Precision and recall of a tally (1 when there is nothing to measure). */
export function rates(tally: Tally): { precision: number; recall: number } {
  return {
    precision: tally.proposed === 0 ? 1 : tally.matched / tally.proposed,
    recall: tally.expected === 0 ? 1 : tally.matched / tally.expected,
  };
}
