/**
 * Preparing a rule binds it to an evaluation date: constants become integers, parameters take the
 * value in force, periods resolve to labels ("last year" → "2024"), node kinds become tags. Both
 * engines work on this prepared tree, so they cannot disagree about what the rule means.
 */
import { DEFAULT_CATALOGUE, type FactCatalogue, type FactDefinition } from './catalogue.ts';
import { compileIndustryMatch, type IndustryCriteria } from './industry.ts';
import { CERTIFICATION_TEST_CODES, HISTORY_TEST_CODES, opIndex, type Op, type Tri } from './logic.ts';
import { resolveParameter, type ParameterSet, type ResolvedParameter } from './params.ts';
import { parseEvaluationDate, resolvePeriod, resolveYear, type EvaluationDate, type ResolvedPeriod } from './periods.ts';
import type { CertificationTest, Expr, FactRef, HistoryTest, ParameterDefinition, PeriodSpec, RuleNode } from './schema.ts';
import { childPath, countLeaves, exprKind } from './tree.ts';
import { constantUnit, constantValue, unitScale, type ValueUnit } from './units.ts';
import { windowLabels, windowMode, type WindowMode, type WindowTake } from './windows.ts';
import { toParameterSet, validateRule, type RuleProblem } from './validate.ts';
import { levelMask } from './registry.ts';
import { resolveIndustryCriteria } from './registry-rules.ts';
import { bindRecords, type BoundRecords } from './records.ts';
import type { DeclaredNode } from './declared.ts';
export type { BoundRecords };

export interface PrepareOptions {
  /** YYYY-MM-DD; relative periods and parameters resolve against it. */
  evaluationDate: string;
  params?: ParameterSet | readonly ParameterDefinition[];
  catalogue?: FactCatalogue;
}

interface Base {
  path: string;
  clause?: string;
}

export interface BoundFact extends Base {
  k: 'fact';
  def: FactDefinition;
  /** null for facts without periods. */
  period: ResolvedPeriod | null;
  unit: ValueUnit;
}
export interface BoundConst extends Base {
  k: 'const';
  value: number;
  unit: ValueUnit;
  /** Set when the constant is a parameter's value. */
  param?: ResolvedParameter;
}
export interface BoundRatio extends Base {
  k: 'ratio';
  num: BoundExpr;
  den: BoundExpr;
  unit: 'bp';
}
export interface BoundGrowth extends Base {
  k: 'growth' | 'change';
  from: BoundFact;
  to: BoundFact;
  unit: ValueUnit;
}
export interface BoundSum extends Base {
  k: 'sum';
  terms: BoundExpr[];
  unit: ValueUnit;
}
export interface BoundYearsSince extends Base {
  k: 'yearsSince';
  of: BoundFact;
  unit: 'years';
}
/** A window (windows.ts): the facts read per period, oldest first; `dens` for ratios. */
export interface BoundWindow extends Base {
  k: 'window';
  mode: WindowMode;
  take: WindowTake;
  last: number;
  facts: BoundFact[];
  dens: BoundFact[] | null;
  /** The fact unit's denominator (10000 for bp facts). */
  scale: number;
  unit: ValueUnit;
}
/** A date moved by years, months and days; `of` null for the evaluation date. */
export interface BoundDateShift extends Base {
  k: 'dateShift';
  of: BoundExpr | null;
  years: number;
  months: number;
  days: number;
  unit: 'date';
}
export type BoundExpr = BoundFact | BoundConst | BoundRatio | BoundGrowth | BoundSum | BoundYearsSince | BoundRecords | BoundWindow | BoundDateShift;

export interface BoundBand {
  upTo: BoundExpr | null;
  inclusive: boolean;
  bound: BoundExpr;
}

export type BoundNode =
  | (Base & { k: 'all' | 'any'; children: BoundNode[] })
  | (Base & { k: 'atLeast'; n: number; children: BoundNode[] })
  | (Base & { k: 'not'; child: BoundNode })
  | (Base & { k: 'compare'; left: BoundExpr; op: number; opText: Op; right: BoundExpr })
  | (Base & { k: 'between'; value: BoundExpr; min: BoundExpr; max: BoundExpr; minInclusive: boolean; maxInclusive: boolean })
  | (Base & { k: 'bands'; value: BoundExpr; op: number; opText: Op; by: BoundExpr; bands: BoundBand[] })
  | (Base & { k: 'in'; value: BoundFact; set: readonly string[] })
  | (Base & { k: 'is'; value: BoundFact; expected: boolean })
  | (Base & { k: 'industry'; fact: BoundFact; criteria: IndustryCriteria; match: (code: string) => Tri })
  | (Base & { k: 'history'; fact: FactDefinition; test: number; testName: HistoryTest; year: number; years: number; since: number })
  | (Base & { k: 'certification'; code: string; test: number; testName: CertificationTest; year: number; years: number; levelMask: number })
  | (Base & { k: 'review'; text: string })
  | (Base & { k: 'declared'; node: DeclaredNode });

export interface PreparedRule {
  rule: RuleNode;
  root: BoundNode;
  date: EvaluationDate;
  catalogue: FactCatalogue;
  /** Number of leaf clauses, the unit of work of a match. */
  leafCount: number;
}

/** Thrown when a rule cannot be prepared; carries the validation problems. */
export class RuleValidationError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(`invalid rule: ${problems.map((p) => `${p.path || '/'} ${p.code}: ${p.message}`).join('; ')}`);
    this.name = 'RuleValidationError';
  }
}

/**
 * Validates a rule and binds it to an evaluation date. Throws RuleValidationError when the rule has
 * problems, and when a parameter has no value in force on the date (a configuration error that must
 * not silently turn into "ineligible" for a whole county).
 */
export function prepareRule(rule: RuleNode, options: PrepareOptions): PreparedRule {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const params = toParameterSet(options.params);
  const problems = validateRule(rule, catalogue, { params });
  if (problems.length > 0) throw new RuleValidationError(problems);
  const binder = new Binder(catalogue, params, parseEvaluationDate(options.evaluationDate));
  return { rule, root: binder.node(rule, ''), date: binder.date, catalogue, leafCount: countLeaves(rule) };
}

/** Binds expressions and nodes; assumes a validated rule. */
export class Binder {
  constructor(
    readonly catalogue: FactCatalogue,
    readonly params: ParameterSet,
    readonly date: EvaluationDate,
  ) {}

  node(node: RuleNode, path: string): BoundNode {
    const clause = node.clause === undefined ? {} : { clause: node.clause };
    if ('declared' in node) return { k: 'declared', path, ...clause, node };
    if ('all' in node) return { k: 'all', path, ...clause, children: node.all.map((c, i) => this.node(c, childPath(path, 'all', i))) };
    if ('any' in node) return { k: 'any', path, ...clause, children: node.any.map((c, i) => this.node(c, childPath(path, 'any', i))) };
    if ('atLeast' in node) {
      return { k: 'atLeast', path, ...clause, n: node.atLeast, children: node.of.map((c, i) => this.node(c, childPath(path, 'of', i))) };
    }
    if ('not' in node) return { k: 'not', path, ...clause, child: this.node(node.not, childPath(path, 'not')) };
    if ('left' in node) {
      return {
        k: 'compare',
        path,
        ...clause,
        left: this.expr(node.left, childPath(path, 'left')),
        op: opIndex(node.op),
        opText: node.op,
        right: this.expr(node.right, childPath(path, 'right')),
      };
    }
    if ('between' in node) {
      return {
        k: 'between',
        path,
        ...clause,
        value: this.expr(node.value, childPath(path, 'value')),
        min: this.expr(node.between[0], childPath(path, 'between', 0)),
        max: this.expr(node.between[1], childPath(path, 'between', 1)),
        minInclusive: node.bounds[0] === '[',
        maxInclusive: node.bounds[1] === ']',
      };
    }
    if ('bands' in node) {
      return {
        k: 'bands',
        path,
        ...clause,
        value: this.expr(node.value, childPath(path, 'value')),
        op: opIndex(node.op),
        opText: node.op,
        by: this.expr(node.by, childPath(path, 'by')),
        bands: node.bands.map((band, i) => ({
          upTo: band.upTo === undefined ? null : this.expr(band.upTo, childPath(path, 'bands', i, 'upTo')),
          inclusive: band.inclusive ?? false,
          bound: this.expr(band.bound, childPath(path, 'bands', i, 'bound')),
        })),
      };
    }
    if ('in' in node) return { k: 'in', path, ...clause, value: this.fact(node.value, childPath(path, 'value')), set: node.in };
    if ('is' in node) return { k: 'is', path, ...clause, value: this.fact(node.value, childPath(path, 'value')), expected: node.is };
    if ('industry' in node) {
      const fact = this.fact({ fact: 'industry_code' }, childPath(path, 'industry'));
      const criteria = resolveIndustryCriteria(node.industry, this.catalogue);
      return { k: 'industry', path, ...clause, fact, criteria, match: compileIndustryMatch(criteria) };
    }
    if ('history' in node) {
      const fact = this.catalogue.facts.get(node.history)!;
      return {
        k: 'history',
        path,
        ...clause,
        fact,
        test: HISTORY_TEST_CODES[node.test],
        testName: node.test,
        year: resolveYear(node.year, this.date),
        years: node.years ?? 1,
        since: node.since ?? fact.historyFrom!,
      };
    }
    if ('review' in node) return { k: 'review', path, ...clause, text: node.review };
    return {
      k: 'certification',
      path,
      ...clause,
      code: node.certification,
      test: CERTIFICATION_TEST_CODES[node.test],
      testName: node.test,
      year: node.year === undefined ? this.date.year : resolveYear(node.year, this.date),
      years: node.years ?? 1,
      levelMask: levelMask(node.levels),
    };
  }

  fact(ref: FactRef, path: string, period: PeriodSpec | undefined = ref.period): BoundFact {
    const def = this.catalogue.facts.get(ref.fact)!;
    return {
      k: 'fact',
      path,
      def,
      period: def.periodicity === null || period === undefined ? null : resolvePeriod(period, def.periodicity, this.date),
      unit: def.unit,
    };
  }

  window(spec: WindowSpec, path: string): BoundWindow {
    const mode = windowMode(spec as Record<string, unknown>)!;
    const specPath = childPath(path, 'window');
    const code = mode === 'ratio' ? spec.ratio![0] : mode === 'value' ? spec.fact! : spec.growth!;
    const periodicity = this.catalogue.facts.get(code)!.periodicity!;
    const end = resolvePeriod(spec.ending, periodicity, this.date);
    const labels = windowLabels(mode, spec.take, end.kind === 'fixed' ? end.label : end.max, spec.last);
    const read = (fact: string, key: string | number) => (label: string) =>
      this.fact({ fact }, childPath(specPath, ...(typeof key === 'number' ? ['ratio', key] : [key])), { ...labelSpec(label) });
    const facts = labels.map(read(code, mode === 'ratio' ? 0 : mode === 'value' ? 'fact' : 'growth'));
    const dens = mode === 'ratio' ? labels.map(read(spec.ratio![1], 1)) : null;
    const unit = facts[0].unit;
    return { k: 'window', path, mode, take: spec.take, last: spec.last, facts, dens, scale: unitScale(unit), unit: mode === 'value' ? unit : 'bp' };
  }

  expr(expr: Expr, path: string): BoundExpr {
    switch (exprKind(expr)) {
      case 'fact':
        return this.fact(expr as FactRef, path);
      case 'param': {
        const name = (expr as { param: string }).param;
        const resolved = resolveParameter(this.params.get(name)!, this.date.ymd);
        if (!resolved) {
          throw new RuleValidationError([{ path, code: 'unknown_parameter', message: `parameter "${name}" has no value in force on ${this.date.iso}` }]);
        }
        return { k: 'const', path, value: resolved.value, unit: resolved.unit, param: resolved };
      }
      case 'ratio': {
        const [num, den] = (expr as { ratio: [Expr, Expr] }).ratio;
        return { k: 'ratio', path, num: this.expr(num, childPath(path, 'ratio', 0)), den: this.expr(den, childPath(path, 'ratio', 1)), unit: 'bp' };
      }
      case 'growth':
      case 'change': {
        const kind = 'growth' in expr ? 'growth' : 'change';
        const pair = (expr as { growth: { fact: string; from: PeriodSpec; to: PeriodSpec } }).growth ?? (expr as { change: { fact: string; from: PeriodSpec; to: PeriodSpec } }).change;
        const from = this.fact({ fact: pair.fact }, childPath(path, kind, 'from'), pair.from);
        const to = this.fact({ fact: pair.fact }, childPath(path, kind, 'to'), pair.to);
        return { k: kind, path, from, to, unit: kind === 'growth' ? 'bp' : from.unit };
      }
      case 'sum': {
        const terms = (expr as { sum: Expr[] }).sum.map((term, i) => this.expr(term, childPath(path, 'sum', i)));
        return { k: 'sum', path, terms, unit: terms[0].unit };
      }
      case 'yearsSince':
        return { k: 'yearsSince', path, of: this.fact((expr as { yearsSince: FactRef }).yearsSince, childPath(path, 'yearsSince')), unit: 'years' };
      case 'records':
        return bindRecords(expr as Record<string, unknown>, path, this.catalogue, this.date);
      case 'window':
        return this.window((expr as { window: WindowSpec }).window, path);
      case 'dateShift': {
        const spec = (expr as { dateShift: { from: Expr | 'evaluationDate'; years?: number; months?: number; days?: number } }).dateShift;
        const of = spec.from === 'evaluationDate' ? null : this.expr(spec.from, childPath(path, 'dateShift', 'from'));
        return { k: 'dateShift', path, of, years: spec.years ?? 0, months: spec.months ?? 0, days: spec.days ?? 0, unit: 'date' };
      }
      default: {
        const constant = expr as Parameters<typeof constantValue>[0];
        return { k: 'const', path, value: constantValue(constant), unit: constantUnit(constant) };
      }
    }
  }
}

type WindowSpec = Extract<Expr, { window: unknown }>['window'];

/** A fixed label back as a period spec, so window facts bind like any other fact reference. */
function labelSpec(label: string): PeriodSpec {
  if (/^\d{4}$/.test(label)) return { year: Number(label) };
  if (/Q/.test(label)) return { quarter: label };
  return { month: label };
}
