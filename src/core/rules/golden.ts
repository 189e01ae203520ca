/**
 * Golden cases: per policy, a set of enterprises with the outcome (and amount) the department
 * expects. They run on every change of the rule; publishing is refused while any fails, so a wrong
 * rule does not reach thousands of enterprises.
 */
import { formatFen, type Fen } from '../money/money.ts';
import { estimateBenefit } from './benefit.ts';
import { evaluatePrepared, type Outcome } from './evaluate.ts';
import { explanationText } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { prepareRule, type PrepareOptions } from './prepare.ts';
import type { Benefit, RuleNode } from './schema.ts';

export interface GoldenCase {
  name: string;
  facts: EnterpriseFacts;
  expectedOutcome: Outcome;
  /** Expected benefit of an eligible case in fen; omit to not check the amount, null for "unknown amount". */
  expectedAmountFen?: Fen | null;
  /** Overrides the run's evaluation date for this case (YYYY-MM-DD). */
  evaluationDate?: string;
}

export interface GoldenCaseResult {
  name: string;
  passed: boolean;
  expectedOutcome: Outcome;
  actualOutcome: Outcome;
  expectedAmountFen?: Fen | null;
  /** The estimated amount when the case is eligible and a benefit is given, else null. */
  actualAmountFen: Fen | null;
  /** Human-readable differences, empty when the case passes. */
  diff: string[];
  /** The explanation (zh-CN) of a failing case, to see why. */
  explanation?: string;
}

export interface GoldenRun {
  passed: boolean;
  total: number;
  failed: number;
  results: GoldenCaseResult[];
}

const fen = (amount: Fen | null | undefined) => (amount === null || amount === undefined ? 'unknown' : `${amount} fen (${formatFen(amount)})`);

/**
 * Runs golden cases against a rule and, optionally, its benefit formula. Every case is evaluated with
 * the run's options (or its own evaluation date); an invalid rule throws RuleValidationError.
 */
export function runGoldenCases(rule: RuleNode, benefit: Benefit | null | undefined, cases: readonly GoldenCase[], options: PrepareOptions): GoldenRun {
  const prepared = new Map<string, ReturnType<typeof prepareRule>>();
  const preparedFor = (date: string) => {
    let entry = prepared.get(date);
    if (!entry) prepared.set(date, (entry = prepareRule(rule, { ...options, evaluationDate: date })));
    return entry;
  };
  const results = cases.map((testCase): GoldenCaseResult => {
    const evaluationDate = testCase.evaluationDate ?? options.evaluationDate;
    const result = evaluatePrepared(preparedFor(evaluationDate), testCase.facts);
    const diff: string[] = [];
    if (result.outcome !== testCase.expectedOutcome) diff.push(`outcome: expected ${testCase.expectedOutcome}, got ${result.outcome}`);
    let actualAmountFen: Fen | null = null;
    if (benefit && result.outcome === 'eligible') {
      actualAmountFen = estimateBenefit(benefit, testCase.facts, { ...options, evaluationDate }).amountFen;
    }
    if (testCase.expectedAmountFen !== undefined && testCase.expectedAmountFen !== actualAmountFen) {
      diff.push(`amount: expected ${fen(testCase.expectedAmountFen)}, got ${fen(actualAmountFen)}`);
    }
    const passed = diff.length === 0;
    return {
      name: testCase.name,
      passed,
      expectedOutcome: testCase.expectedOutcome,
      actualOutcome: result.outcome,
      ...(testCase.expectedAmountFen === undefined ? {} : { expectedAmountFen: testCase.expectedAmountFen }),
      actualAmountFen,
      diff,
      ...(passed ? {} : { explanation: explanationText(rule, result, { catalogue: options.catalogue, params: options.params }) }),
    };
  });
  const failed = results.filter((r) => !r.passed).length;
  return { passed: failed === 0, total: results.length, failed, results };
}
