/**
 * "The next question": for unknown results, which missing facts would decide them (Publicodes calls
 * these missing variables). For one rule, the facts of the leaves still open, each marked with
 * whether learning it alone could settle the rule. Across many rules (all policies for one
 * enterprise), facts rank by how many open results each could settle, so the portal asks the most
 * decisive question first.
 */
import type { Explanation, Outcome } from './evaluate.ts';
import { AND3, HISTORY_TEST_CODES, historyTest, NOT3, OR3, TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, type Tri } from './logic.ts';

/** A fact to ask for: a fact code (or `certification:<code>`) and a period label (null when the fact has none). */
export interface MissingFact {
  fact: string;
  period: string | null;
}

/** A missing fact of one rule. */
export interface RankedMissingFact extends MissingFact {
  /** Whether knowing this fact alone can decide the rule (for some value of it). */
  canSettle: boolean;
  /** Number of open clauses that read it. */
  occurrences: number;
}

/** A missing fact ranked across many results. */
export interface MissingFactRanking extends MissingFact {
  /** Open results this fact alone could settle. */
  settles: number;
  /** Open results that need it to be fully decided. */
  neededBy: number;
  /** Ids of the results that need it, when the inputs carried ids. */
  ids: string[];
}

const key = (fact: MissingFact) => `${fact.fact}@${fact.period ?? ''}`;
const tri = (value: Explanation['value']): Tri => (value === 'pass' ? TRI_TRUE : value === 'fail' ? TRI_FALSE : TRI_UNKNOWN);

function childrenOf(node: Explanation): Explanation[] {
  return 'children' in node ? node.children : [];
}

/** The unknown leaves that still matter: reached from the root through unknown nodes only. */
function openLeaves(node: Explanation, out: Explanation[] = []): Explanation[] {
  if (node.value !== 'unknown') return out;
  const children = childrenOf(node);
  if (children.length === 0) out.push(node);
  else for (const child of children) openLeaves(child, out);
  return out;
}

/** Re-evaluates the tree with some leaves forced to a value. */
function valueWith(node: Explanation, overrides: ReadonlyMap<string, Tri>): Tri {
  const forced = overrides.get(node.path);
  if (forced !== undefined) return forced;
  switch (node.kind) {
    case 'all':
    case 'any': {
      const table = node.kind === 'all' ? AND3 : OR3;
      let value: number = node.kind === 'all' ? TRI_TRUE : TRI_FALSE;
      for (const child of node.children) value = table[value * 3 + valueWith(child, overrides)];
      return value as Tri;
    }
    case 'not':
      return NOT3[valueWith(node.children[0], overrides)] as Tri;
    case 'atLeast': {
      let trues = 0;
      let unknowns = 0;
      for (const child of node.children) {
        const v = valueWith(child, overrides);
        if (v === TRI_TRUE) trues++;
        else if (v === TRI_UNKNOWN) unknowns++;
      }
      return trues >= node.k ? TRI_TRUE : trues + unknowns < node.k ? TRI_FALSE : TRI_UNKNOWN;
    }
    default:
      return tri(node.value);
  }
}

/**
 * The missing facts of an open clause each of which, once known, could decide the clause by itself.
 * A clause missing one fact is decided by it; a history is decided by any single year that breaks
 * the pattern (an earlier year in the statistics ends "first entry"); a band rule whose value and
 * band are both unknown can be decided by the value alone (when it passes or fails every band).
 */
function decisiveFacts(leaf: Explanation): MissingFact[] {
  const missing = leaf.missing ?? [];
  if (missing.length <= 1) return missing;
  if (leaf.kind === 'history') {
    const first = leaf.series[0]?.year ?? leaf.year;
    const values: number[] = leaf.series.map((point) => (point.value === null ? 2 : point.value));
    const test = HISTORY_TEST_CODES[leaf.test];
    return missing.filter((fact) => {
      const i = Number(fact.period) - first;
      return [0, 1].some((candidate) => {
        const trial = values.slice();
        trial[i] = candidate;
        return historyTest(test, trial, first, leaf.since, leaf.year, leaf.years) !== TRI_UNKNOWN;
      });
    });
  }
  if (leaf.kind === 'bands') {
    const valueMissing = leaf.operand.inputs.filter((input) => input.value === null);
    return valueMissing.length === 1 ? missing.filter((fact) => fact.fact === valueMissing[0].fact) : [];
  }
  return [];
}

/**
 * The missing facts of one unknown result: every fact of the open clauses (knowing them all decides
 * the rule), the ones that can settle it alone first, then by how many open clauses read them.
 */
export function rankMissingForRule(explanation: Explanation): RankedMissingFact[] {
  const leaves = openLeaves(explanation);
  const byKey = new Map<string, RankedMissingFact & { order: number }>();
  for (const leaf of leaves) {
    for (const fact of leaf.missing ?? []) {
      const entry = byKey.get(key(fact)) ?? { ...fact, canSettle: false, occurrences: 0, order: byKey.size };
      entry.occurrences++;
      byKey.set(key(fact), entry);
    }
  }
  for (const leaf of leaves) {
    for (const fact of decisiveFacts(leaf)) {
      const entry = byKey.get(key(fact));
      if (!entry || entry.canSettle) continue;
      for (const forced of [TRI_TRUE, TRI_FALSE] as const) {
        if (valueWith(explanation, new Map([[leaf.path, forced]])) !== TRI_UNKNOWN) entry.canSettle = true;
      }
    }
  }
  return [...byKey.values()]
    .sort((a, b) => Number(b.canSettle) - Number(a.canSettle) || b.occurrences - a.occurrences || a.order - b.order)
    .map(({ fact, period, canSettle, occurrences }) => ({ fact, period, canSettle, occurrences }));
}

/**
 * Ranks missing facts across many results (e.g. every policy for one enterprise): by how many open
 * results each could settle alone, then by how many need it. The first entry is the next question.
 */
export function rankMissingFacts(results: readonly { id?: string; outcome: Outcome; missingFacts: readonly RankedMissingFact[] }[]): MissingFactRanking[] {
  const byKey = new Map<string, MissingFactRanking & { order: number }>();
  for (const result of results) {
    if (result.outcome !== 'unknown') continue;
    for (const fact of result.missingFacts) {
      const entry = byKey.get(key(fact)) ?? { fact: fact.fact, period: fact.period, settles: 0, neededBy: 0, ids: [], order: byKey.size };
      entry.neededBy++;
      if (fact.canSettle) entry.settles++;
      if (result.id !== undefined) entry.ids.push(result.id);
      byKey.set(key(fact), entry);
    }
  }
  return [...byKey.values()]
    .sort((a, b) => b.settles - a.settles || b.neededBy - a.neededBy || a.order - b.order)
    .map(({ fact, period, settles, neededBy, ids }) => ({ fact, period, settles, neededBy, ids }));
}

/** The single most decisive fact to ask for, or null when nothing is open. */
export function nextQuestion(results: Parameters<typeof rankMissingFacts>[0]): MissingFactRanking | null {
  return rankMissingFacts(results)[0] ?? null;
}
