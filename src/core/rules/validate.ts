/**
 * Save-time checks of a rule against the fact catalogue and the parameters: shapes, known facts,
 * units, periods, bounds, groups. Every problem carries the JSON Pointer of the node at fault, so
 * the editor can point at it. A rule with no problems can be prepared and evaluated.
 */
import { validateReviewNode } from './review.ts';
import { declaredReferenceProblems, validateDeclaredNode, type DeclaredFactDefinition } from './declared.ts';
import { DEFAULT_CATALOGUE, type FactCatalogue, type FactDefinition } from './catalogue.ts';
import { industryCriteriaProblem, isIndustryCode } from './industry.ts';
import { parameterUnit, type ParameterSet } from './params.ts';
import { periodSpecKind } from './periods.ts';
import type { ParameterDefinition, RuleNode } from './schema.ts';
import { HISTORY_TESTS, CERTIFICATION_TESTS } from './schema.ts';
import { ruleStructureProblems } from './structure.ts';
import { childPath, exprKind, RULE_KEYS, ruleKind } from './tree.ts';
import { certificationLevelProblems, industrySetKnown } from './registry-rules.ts';
import { checkRecordsExpr } from './records.ts';
import { WINDOW_MAX_PERIODS, WINDOW_TAKES, windowMode } from './windows.ts';
import { constantUnit, constantValue, dateToYmd, ORDERED_UNITS, QUANTITY_UNITS, type ValueUnit } from './units.ts';

export type ProblemCode =
  | 'invalid_node'
  | 'empty_group'
  | 'k_out_of_range'
  | 'unknown_fact'
  | 'unknown_parameter'
  | 'unknown_certification'
  | 'unknown_value'
  | 'unit_mismatch'
  | 'not_comparable'
  | 'not_a_quantity'
  | 'nested_ratio'
  | 'period_required'
  | 'period_not_allowed'
  | 'period_not_available'
  | 'bad_constant'
  | 'bad_bounds'
  | 'bad_industry_code'
  | 'not_a_status'
  | 'not_constant'
  | 'missing_argument'
  | 'unknown_industry_set'
  | 'unknown_level'
  | 'unknown_declared_fact';

export interface RuleProblem {
  /** JSON Pointer of the offending node, e.g. "/all/2/left". */
  path: string;
  code: ProblemCode;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const COMPARE_OPS = new Set(['>=', '>', '<=', '<', '==', '!=']);
const BOUNDS = new Set(['[]', '[)', '(]', '()']);

class Checker {
  readonly problems: RuleProblem[] = [];
  constructor(
    readonly catalogue: FactCatalogue,
    readonly params: ParameterSet,
  ) {}

  report(path: string, code: ProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  keys(node: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(node)) {
      if (key !== 'clause' && !allowed.includes(key)) this.report(path, 'invalid_node', `unexpected key "${key}"`);
    }
    if ('clause' in node && typeof node.clause !== 'string') this.report(childPath(path, 'clause'), 'invalid_node', 'clause must be text');
  }

  // ------------------------------------------------------------------ rule nodes

  rule(node: unknown, path: string): void {
    if (!isObject(node)) return this.report(path, 'invalid_node', 'a rule node must be an object');
    const kind = ruleKind(node);
    if (!kind) return this.report(path, 'invalid_node', `not a rule node (expected one of ${Object.keys(RULE_KEYS).join(', ')})`);
    this.keys(node, path, RULE_KEYS[kind]);
    switch (kind) {
      case 'all':
      case 'any':
        return this.group(node[kind], childPath(path, kind), null);
      case 'atLeast':
        return this.group(node.of, childPath(path, 'of'), { k: node.atLeast, path: childPath(path, 'atLeast') });
      case 'not':
        return this.rule(node.not, childPath(path, 'not'));
      case 'compare': {
        if (!COMPARE_OPS.has(node.op as string)) this.report(childPath(path, 'op'), 'invalid_node', 'op must be one of >=, >, <=, <, ==, !=');
        const left = this.expr(node.left, childPath(path, 'left'));
        const right = this.expr(node.right, childPath(path, 'right'));
        this.sameOrdered([left, right], path, node.op === '==' || node.op === '!=');
        return;
      }
      case 'between':
        return this.between(node, path);
      case 'bands':
        return this.bands(node, path);
      case 'in':
        return this.inSet(node, path);
      case 'is': {
        const fact = this.factRef(node.value, childPath(path, 'value'));
        if (fact && fact.unit !== 'boolean') this.report(childPath(path, 'value'), 'unit_mismatch', `"${fact.code}" is not a yes/no fact; use a comparison or a set`);
        if (typeof node.is !== 'boolean') this.report(childPath(path, 'is'), 'invalid_node', 'is must be true or false');
        return;
      }
      case 'industry':
        return this.industry(node.industry, childPath(path, 'industry'));
      case 'history':
        return this.history(node, path);
      case 'certification':
        return this.certification(node, path);
      case 'review':
        return validateReviewNode(node, path, (p, message) => this.report(p, 'invalid_node', message));
      case 'declared':
        return validateDeclaredNode(node, path, (p, message) => this.report(p, 'invalid_node', message));
    }
  }

  group(children: unknown, path: string, atLeast: { k: unknown; path: string } | null): void {
    if (!Array.isArray(children)) return this.report(path, 'invalid_node', 'a group needs an array of rule nodes');
    if (children.length === 0) this.report(path, 'empty_group', 'a group needs at least one condition');
    if (atLeast) {
      const k = atLeast.k;
      if (!Number.isInteger(k) || (k as number) < 1 || (k as number) > children.length) {
        this.report(atLeast.path, 'k_out_of_range', `atLeast must be an integer from 1 to ${children.length}`);
      }
    }
    children.forEach((child, i) => this.rule(child, childPath(path, i)));
  }

  between(node: Json, path: string): void {
    const value = this.expr(node.value, childPath(path, 'value'));
    if (!Array.isArray(node.between) || node.between.length !== 2) {
      return this.report(childPath(path, 'between'), 'invalid_node', 'between needs [min, max]');
    }
    const min = this.expr(node.between[0], childPath(path, 'between', 0));
    const max = this.expr(node.between[1], childPath(path, 'between', 1));
    this.sameOrdered([value, min, max], path, false);
    if (!BOUNDS.has(node.bounds as string)) {
      return this.report(childPath(path, 'bounds'), 'bad_bounds', 'bounds must say which ends are included: "[]", "[)", "(]" or "()"');
    }
    const lo = this.constantOf(node.between[0]);
    const hi = this.constantOf(node.between[1]);
    if (lo !== null && hi !== null && (lo > hi || (lo === hi && node.bounds !== '[]'))) {
      this.report(childPath(path, 'between'), 'bad_bounds', 'the range is empty: min must be below max');
    }
  }

  bands(node: Json, path: string): void {
    if (!COMPARE_OPS.has(node.op as string)) this.report(childPath(path, 'op'), 'invalid_node', 'op must be one of >=, >, <=, <, ==, !=');
    const value = this.expr(node.value, childPath(path, 'value'));
    const by = this.expr(node.by, childPath(path, 'by'));
    this.sameOrdered([by], childPath(path, 'by'), false);
    if (!Array.isArray(node.bands) || node.bands.length === 0) return this.report(childPath(path, 'bands'), 'empty_group', 'bands needs at least one band');
    let previous: number | null = null;
    node.bands.forEach((band: unknown, i: number) => {
      const bandPath = childPath(path, 'bands', i);
      if (!isObject(band)) return this.report(bandPath, 'invalid_node', 'a band must be an object');
      this.keys(band, bandPath, ['upTo', 'inclusive', 'bound']);
      const bound = this.expr(band.bound, childPath(bandPath, 'bound'));
      this.constantOrParam(band.bound, childPath(bandPath, 'bound'));
      this.sameOrdered([value, bound], bandPath, node.op === '==' || node.op === '!=');
      const isLast = i === (node.bands as unknown[]).length - 1;
      if (isLast) {
        if ('upTo' in band) this.report(bandPath, 'bad_bounds', 'the last band must be open-ended (no upTo) so every value falls in a band');
        return;
      }
      if (!('upTo' in band)) return this.report(bandPath, 'bad_bounds', 'every band but the last needs upTo');
      if (typeof band.inclusive !== 'boolean') this.report(childPath(bandPath, 'inclusive'), 'bad_bounds', 'say whether upTo belongs to this band (inclusive: true or false)');
      const upTo = this.expr(band.upTo, childPath(bandPath, 'upTo'));
      this.constantOrParam(band.upTo, childPath(bandPath, 'upTo'));
      if (by && upTo && by !== upTo) this.report(childPath(bandPath, 'upTo'), 'unit_mismatch', `upTo is in ${upTo} but the band fact is in ${by}`);
      const limit = this.constantOf(band.upTo);
      if (limit !== null) {
        if (previous !== null && limit <= previous) this.report(childPath(bandPath, 'upTo'), 'bad_bounds', 'bands must be in increasing order of upTo');
        previous = limit;
      }
    });
  }

  inSet(node: Json, path: string): void {
    const fact = this.factRef(node.value, childPath(path, 'value'));
    if (fact && fact.unit !== 'code' && fact.unit !== 'grade') {
      this.report(childPath(path, 'value'), 'unit_mismatch', `"${fact.code}" is not a coded fact; compare it instead`);
    }
    if (!Array.isArray(node.in) || node.in.some((v) => typeof v !== 'string')) return this.report(childPath(path, 'in'), 'invalid_node', 'in needs a list of codes');
    if (node.in.length === 0) this.report(childPath(path, 'in'), 'empty_group', 'the set is empty');
    if (fact?.values) {
      node.in.forEach((value: string, i: number) => {
        if (!fact.values!.includes(value)) this.report(childPath(path, 'in', i), 'unknown_value', `"${value}" is not a value of ${fact.code} (${fact.values!.join(', ')})`);
      });
    }
  }

  industry(criteria: unknown, path: string): void {
    if (!isObject(criteria)) return this.report(path, 'invalid_node', 'industry needs {sections, divisionRanges, prefixes}');
    const before = this.problems.length;
    this.keys(criteria, path, ['sections', 'divisionRanges', 'prefixes', 'set']);
    if (criteria.set !== undefined && !industrySetKnown(this.catalogue, criteria.set)) {
      this.report(childPath(path, 'set'), 'unknown_industry_set', `unknown industry set "${String(criteria.set)}"`);
    }
    const sections = criteria.sections ?? [];
    const ranges = criteria.divisionRanges ?? [];
    const prefixes = criteria.prefixes ?? [];
    if (!Array.isArray(sections) || !Array.isArray(ranges) || !Array.isArray(prefixes)) return this.report(path, 'invalid_node', 'industry criteria must be lists');
    if (sections.length + ranges.length + prefixes.length === 0 && criteria.set === undefined) this.report(path, 'empty_group', 'list at least one section, division range or prefix');
    sections.forEach((s: unknown, i: number) => {
      if (typeof s !== 'string' || !/^[A-T]$/.test(s)) this.report(childPath(path, 'sections', i), 'bad_industry_code', `"${String(s)}" is not a 门类 letter A–T`);
    });
    ranges.forEach((range: unknown, i: number) => {
      const p = childPath(path, 'divisionRanges', i);
      if (!Array.isArray(range) || range.length !== 2 || !range.every((d) => typeof d === 'string' && /^\d{2}$/.test(d) && isIndustryCode(d))) {
        return this.report(p, 'bad_industry_code', 'a division range is ["06", "46"]: two 大类 codes 01–97');
      }
      if (range[0] > range[1]) this.report(p, 'bad_bounds', 'the range starts after it ends');
    });
    prefixes.forEach((prefix: unknown, i: number) => {
      if (typeof prefix !== 'string' || !/^\d{2,4}$/.test(prefix) || !isIndustryCode(prefix)) {
        this.report(childPath(path, 'prefixes', i), 'bad_industry_code', `"${String(prefix)}" is not a 大类/中类/小类 code`);
      }
    });
    if (this.problems.length === before && sections.length + ranges.length + prefixes.length > 0) {
      const problem = industryCriteriaProblem({ sections, divisionRanges: ranges, prefixes } as never);
      if (problem) this.report(path, 'bad_industry_code', problem);
    }
  }

  history(node: Json, path: string): void {
    const fact = typeof node.history === 'string' ? this.catalogue.facts.get(node.history) : undefined;
    if (!fact) this.report(childPath(path, 'history'), 'unknown_fact', `unknown fact "${String(node.history)}"`);
    else if (fact.historyFrom === undefined) this.report(childPath(path, 'history'), 'not_a_status', `"${fact.code}" is not a yearly yes/no status`);
    if (!(HISTORY_TESTS as readonly unknown[]).includes(node.test)) this.report(childPath(path, 'test'), 'invalid_node', `test must be one of ${HISTORY_TESTS.join(', ')}`);
    this.yearSpec(node.year, childPath(path, 'year'), true);
    if (node.test === 'heldConsecutive' && node.years === undefined) this.report(path, 'missing_argument', 'heldConsecutive needs years');
    this.positiveInt(node.years, childPath(path, 'years'));
    if (node.since !== undefined && !Number.isInteger(node.since)) this.report(childPath(path, 'since'), 'invalid_node', 'since must be a year');
  }

  certification(node: Json, path: string): void {
    if (typeof node.certification !== 'string' || !this.catalogue.certifications.has(node.certification)) {
      this.report(childPath(path, 'certification'), 'unknown_certification', `unknown certification "${String(node.certification)}"`);
    }
    const definition = typeof node.certification === 'string' ? this.catalogue.certifications.get(node.certification) : undefined;
    if (node.levels !== undefined) certificationLevelProblems(this, node.levels, definition, childPath(path, 'levels'));
    if (!(CERTIFICATION_TESTS as readonly unknown[]).includes(node.test)) {
      this.report(childPath(path, 'test'), 'invalid_node', `test must be one of ${CERTIFICATION_TESTS.join(', ')}`);
    }
    const needsYear = node.test === 'awardedIn' || node.test === 'firstAwardedIn' || node.test === 'renewedIn';
    if (needsYear && node.year === undefined) this.report(path, 'missing_argument', `${String(node.test)} needs year`);
    if (node.year !== undefined) this.yearSpec(node.year, childPath(path, 'year'), true);
    if (node.test === 'heldForYears' && node.years === undefined) this.report(path, 'missing_argument', 'heldForYears needs years');
    this.positiveInt(node.years, childPath(path, 'years'));
  }

  positiveInt(value: unknown, path: string): void {
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) this.report(path, 'invalid_node', 'must be a positive integer');
  }

  yearSpec(spec: unknown, path: string, required: boolean): void {
    if (spec === undefined) {
      if (required) this.report(path, 'missing_argument', 'a year is needed: {"year": 2020} or {"yearsAgo": 1}');
      return;
    }
    if (!isObject(spec) || Object.keys(spec).length !== 1 || !(Number.isInteger(spec.year) || Number.isInteger(spec.yearsAgo))) {
      this.report(path, 'invalid_node', 'a year is {"year": 2020} or {"yearsAgo": 1}');
    }
  }

  // ------------------------------------------------------------------ expressions

  /** Checks an expression and returns its unit, or null when it is broken (to avoid cascades). */
  expr(expr: unknown, path: string, insideRatio = false): ValueUnit | null {
    if (!isObject(expr)) {
      this.report(path, 'invalid_node', 'a value must be an object such as {"fact": …} or {"wan": 2000}');
      return null;
    }
    const kind = exprKind(expr);
    switch (kind) {
      case null:
        this.report(path, 'invalid_node', 'not a value: expected fact, param, ratio, growth, change, sum, yearsSince, window, dateShift or a constant such as {"wan": 2000}');
        return null;
      case 'constant':
        try {
          constantValue(expr as never);
          return constantUnit(expr as never);
        } catch (error) {
          this.report(path, 'bad_constant', (error as Error).message);
          return null;
        }
      case 'fact': {
        const fact = this.factRef(expr, path);
        return fact ? fact.unit : null;
      }
      case 'param': {
        this.keys(expr, path, ['param']);
        const definition = typeof expr.param === 'string' ? this.params.get(expr.param) : undefined;
        if (!definition) {
          this.report(path, 'unknown_parameter', `unknown parameter "${String(expr.param)}"`);
          return null;
        }
        return parameterUnit(definition);
      }
      case 'ratio': {
        this.keys(expr, path, ['ratio']);
        if (insideRatio) this.report(path, 'nested_ratio', 'a ratio cannot be nested in a ratio, sum or growth');
        if (!Array.isArray(expr.ratio) || expr.ratio.length !== 2) {
          this.report(path, 'invalid_node', 'ratio needs [numerator, denominator]');
          return null;
        }
        const num = this.expr(expr.ratio[0], childPath(path, 'ratio', 0), true);
        const den = this.expr(expr.ratio[1], childPath(path, 'ratio', 1), true);
        if (num && den) {
          if (!QUANTITY_UNITS.has(num)) this.report(childPath(path, 'ratio', 0), 'not_a_quantity', `a ratio needs quantities, not ${num}`);
          else if (num !== den) this.report(path, 'unit_mismatch', `a ratio of ${num} to ${den} has no meaning; both sides need the same unit`);
        }
        return 'bp';
      }
      case 'growth':
      case 'change': {
        this.keys(expr, path, [kind]);
        const pair = expr[kind];
        const pairPath = childPath(path, kind);
        if (insideRatio && kind === 'growth') this.report(path, 'nested_ratio', 'a growth rate cannot be nested in a ratio or sum');
        if (!isObject(pair)) {
          this.report(pairPath, 'invalid_node', `${kind} needs {fact, from, to}`);
          return null;
        }
        this.keys(pair, pairPath, ['fact', 'from', 'to']);
        const fact = this.factRef({ fact: pair.fact, period: pair.from }, pairPath, 'from');
        if (fact) this.factRef({ fact: pair.fact, period: pair.to }, pairPath, 'to');
        if (!fact) return null;
        if (!QUANTITY_UNITS.has(fact.unit)) {
          this.report(pairPath, 'not_a_quantity', `"${fact.code}" is not a quantity`);
          return null;
        }
        return kind === 'growth' ? 'bp' : fact.unit;
      }
      case 'sum': {
        this.keys(expr, path, ['sum']);
        if (!Array.isArray(expr.sum) || expr.sum.length === 0) {
          this.report(path, 'invalid_node', 'sum needs a non-empty list of values');
          return null;
        }
        const units = expr.sum.map((term: unknown, i: number) => this.expr(term, childPath(path, 'sum', i), true));
        const known = units.filter((u): u is ValueUnit => u !== null);
        if (known.some((u) => !QUANTITY_UNITS.has(u))) {
          this.report(path, 'not_a_quantity', 'only quantities can be added');
          return null;
        }
        if (new Set(known).size > 1) {
          this.report(path, 'unit_mismatch', `cannot add ${[...new Set(known)].join(' and ')}`);
          return null;
        }
        return known[0] ?? null;
      }
      case 'records':
        return checkRecordsExpr(expr, path, this.catalogue, (p, code, message) => this.report(p, code, message), insideRatio);
      case 'window':
        return this.window(expr, path, insideRatio);
      case 'dateShift':
        return this.dateShift(expr, path);
      case 'yearsSince': {
        this.keys(expr, path, ['yearsSince']);
        const fact = this.factRef(expr.yearsSince, childPath(path, 'yearsSince'));
        if (fact && fact.unit !== 'date') this.report(childPath(path, 'yearsSince'), 'unit_mismatch', `"${fact.code}" is not a date`);
        return 'years';
      }
    }
  }

  /** `window` (windows.ts): one of fact/ratio/growth, `last` periods ending at a fixed period, and how they are taken. */
  window(expr: Json, path: string, insideRatio: boolean): ValueUnit | null {
    this.keys(expr, path, ['window']);
    const spec = expr.window;
    const specPath = childPath(path, 'window');
    if (!isObject(spec)) {
      this.report(specPath, 'invalid_node', 'window needs {fact | ratio | growth, last, ending, take}');
      return null;
    }
    this.keys(spec, specPath, ['fact', 'ratio', 'growth', 'last', 'ending', 'take']);
    const mode = windowMode(spec);
    if (mode === null) {
      this.report(specPath, 'invalid_node', 'a window reads exactly one of fact, ratio ([numerator, denominator]) or growth');
      return null;
    }
    if (!Number.isInteger(spec.last) || (spec.last as number) < 1 || (spec.last as number) > WINDOW_MAX_PERIODS) {
      this.report(childPath(specPath, 'last'), 'invalid_node', `last must be a whole number of periods from 1 to ${WINDOW_MAX_PERIODS}`);
    }
    const take = spec.take;
    if (!(WINDOW_TAKES as readonly unknown[]).includes(take)) {
      this.report(childPath(specPath, 'take'), 'invalid_node', `take must be one of ${WINDOW_TAKES.join(', ')}`);
      return null;
    }
    if (take === 'compound' && mode !== 'growth') this.report(childPath(specPath, 'take'), 'invalid_node', 'compound growth needs "growth"');
    if (take === 'sum' && mode !== 'value') this.report(childPath(specPath, 'take'), 'invalid_node', 'only a fact’s values can be summed; for the ratio of sums use {"ratio": [window sum, window sum]}');
    if (mode !== 'value' && insideRatio) this.report(path, 'nested_ratio', 'a window of ratios or growth rates cannot be nested in a ratio or sum');
    if (isObject(spec.ending) && 'latest' in spec.ending) {
      this.report(childPath(specPath, 'ending'), 'period_not_allowed', 'a window ends at a fixed period ({"yearsAgo": 1}, {"quartersAgo": 1} …), not "latest"');
      return null;
    }
    const codes = mode === 'ratio' ? (Array.isArray(spec.ratio) && spec.ratio.length === 2 ? spec.ratio : null) : [spec[mode === 'value' ? 'fact' : 'growth']];
    if (codes === null) {
      this.report(childPath(specPath, 'ratio'), 'invalid_node', 'ratio needs [numerator fact, denominator fact]');
      return null;
    }
    const key = mode === 'value' ? 'fact' : mode;
    const facts = codes.map((code: unknown, i: number) => {
      const factPath = mode === 'ratio' ? childPath(specPath, 'ratio', i) : childPath(specPath, key);
      if (typeof code !== 'string') {
        this.report(factPath, 'invalid_node', 'a fact code is needed');
        return null;
      }
      const fact = this.factRef({ fact: code, period: spec.ending }, specPath, 'ending');
      if (fact && fact.periodicity === null) this.report(factPath, 'period_not_available', `"${fact.code}" has no periods to take a window over`);
      if (fact && !QUANTITY_UNITS.has(fact.unit)) this.report(factPath, 'not_a_quantity', `"${fact.code}" is not a quantity`);
      return fact;
    });
    if (facts.some((fact) => fact === null)) return null;
    if (mode === 'ratio' && facts[0]!.unit !== facts[1]!.unit) {
      this.report(childPath(specPath, 'ratio'), 'unit_mismatch', `a ratio of ${facts[0]!.unit} to ${facts[1]!.unit} has no meaning; both sides need the same unit`);
    }
    if (mode === 'ratio' && facts[0]!.periodicity !== facts[1]!.periodicity) {
      this.report(childPath(specPath, 'ratio'), 'period_not_available', 'both facts of a windowed ratio need the same periodicity');
    }
    return mode === 'value' ? facts[0]!.unit : 'bp';
  }

  /** `dateShift`: a date expression (or "evaluationDate") moved by whole years, months and days. */
  dateShift(expr: Json, path: string): ValueUnit | null {
    this.keys(expr, path, ['dateShift']);
    const spec = expr.dateShift;
    const specPath = childPath(path, 'dateShift');
    if (!isObject(spec)) {
      this.report(specPath, 'invalid_node', 'dateShift needs {from, years?, months?, days?}');
      return null;
    }
    this.keys(spec, specPath, ['from', 'years', 'months', 'days']);
    for (const key of ['years', 'months', 'days']) {
      const value = spec[key];
      if (value !== undefined && (!Number.isInteger(value) || Math.abs(value as number) > 100_000)) {
        this.report(childPath(specPath, key), 'invalid_node', `${key} must be a whole number (negative moves back)`);
      }
    }
    if (spec.from === 'evaluationDate') return 'date';
    if (spec.from === undefined) {
      this.report(specPath, 'missing_argument', 'dateShift needs from: a date (fact or {"date": …}) or "evaluationDate"');
      return null;
    }
    const unit = this.expr(spec.from, childPath(specPath, 'from'));
    if (unit !== null && unit !== 'date') {
      this.report(childPath(specPath, 'from'), 'unit_mismatch', `only a date can be shifted, not ${unit}`);
      return null;
    }
    return unit;
  }

  /**
   * Checks a fact reference and its period. `periodKey` names where the period sits in the rule
   * ("period" normally, "from"/"to" inside growth and change) so problems point at it.
   */
  factRef(ref: unknown, path: string, periodKey: 'period' | 'from' | 'to' | 'ending' = 'period'): FactDefinition | null {
    if (!isObject(ref) || typeof ref.fact !== 'string') {
      this.report(path, 'invalid_node', 'expected a fact reference {"fact": …, "period": …}');
      return null;
    }
    if (periodKey === 'period') this.keys(ref, path, ['fact', 'period']);
    const fact = this.catalogue.facts.get(ref.fact);
    if (!fact) {
      this.report(childPath(path, 'fact'), 'unknown_fact', `unknown fact "${ref.fact}"`);
      return null;
    }
    const periodPath = childPath(path, periodKey);
    const period = ref.period;
    if (fact.periodicity === null) {
      if (period !== undefined) this.report(periodPath, 'period_not_allowed', `"${fact.code}" has no periods`);
      return fact;
    }
    if (period === undefined) {
      this.report(periodKey === 'period' ? path : periodPath, 'period_required', `"${fact.code}" is ${fact.periodicity}ly: say which period`);
      return fact;
    }
    if (!isObject(period) || exprPeriodKind(period) === null) {
      this.report(periodPath, 'invalid_node', 'a period is {"year"}, {"yearsAgo"}, {"quarter"}, {"quartersAgo"}, {"month"}, {"monthsAgo"}, {"q", "yearsAgo"|"year"}, {"m", "yearsAgo"|"year"} or {"latest": true}');
      return fact;
    }
    const kind = exprPeriodKind(period);
    if (kind !== 'latest' && kind !== fact.periodicity) {
      this.report(periodPath, 'period_not_available', `"${fact.code}" is recorded by ${fact.periodicity}, not by ${kind}`);
    }
    return fact;
  }

  sameOrdered(units: (ValueUnit | null)[], path: string, equalityOnly: boolean): void {
    const known = units.filter((u): u is ValueUnit => u !== null);
    const distinct = [...new Set(known)];
    if (distinct.length > 1) return this.report(path, 'unit_mismatch', `cannot compare ${distinct.join(' with ')}`);
    if (distinct.length === 1 && !ORDERED_UNITS.has(distinct[0]) && !(equalityOnly && distinct[0] === 'boolean')) {
      this.report(path, 'not_comparable', `${distinct[0]} values are not ordered; use "in" for codes and "is" for yes/no facts`);
    }
  }

  /** Band limits and bounds are fixed numbers of the policy: a constant or a parameter. */
  constantOrParam(expr: unknown, path: string): void {
    if (isObject(expr) && exprKind(expr) !== 'constant' && exprKind(expr) !== 'param' && exprKind(expr) !== null) {
      this.report(path, 'not_constant', 'band limits and bounds must be constants or parameters');
    }
  }

  /** The integer value of a plain constant expression (for static bound checks), else null. */
  constantOf(expr: unknown): number | null {
    if (!isObject(expr) || exprKind(expr) !== 'constant') return null;
    try {
      return constantValue(expr as never);
    } catch {
      return null;
    }
  }
}

function exprPeriodKind(period: Json): string | null {
  const keys = Object.keys(period);
  const known = ['year', 'yearsAgo', 'quarter', 'quartersAgo', 'month', 'monthsAgo', 'latest'];
  if (!keys.some((k) => known.includes(k))) return null;
  if ('latest' in period) return period.latest === true ? 'latest' : null;
  if ('q' in period || 'm' in period) return ofYearPeriodKind(period);
  if (keys.length !== 1) return null;
  const value = period[keys[0]];
  if (keys[0] === 'quarter') return typeof value === 'string' && /^\d{4}Q[1-4]$/.test(value) ? 'quarter' : null;
  if (keys[0] === 'month') return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? 'month' : null;
  if (!Number.isInteger(value) || (value as number) < 0) return null;
  return periodSpecKind(period as never);
}

/** {q, year|yearsAgo} or {m, year|yearsAgo}: the quarter or month of a year. */
function ofYearPeriodKind(period: Json): string | null {
  const part = 'q' in period ? 'q' : 'm';
  const max = part === 'q' ? 4 : 12;
  const keys = Object.keys(period);
  if (keys.length !== 2 || !Number.isInteger(period[part]) || (period[part] as number) < 1 || (period[part] as number) > max) return null;
  if ('year' in period) return Number.isInteger(period.year) && (period.year as number) >= 1900 && (period.year as number) <= 2200 ? (part === 'q' ? 'quarter' : 'month') : null;
  if ('yearsAgo' in period) return Number.isInteger(period.yearsAgo) && (period.yearsAgo as number) >= 0 ? (part === 'q' ? 'quarter' : 'month') : null;
  return null;
}

export interface ValidateOptions {
  /** Parameters the rule may refer to, by name or as a list. */
  params?: ParameterSet | readonly ParameterDefinition[];
  /** The version's declared facts (declared.ts): when given, every declared node must name one, in its type's form. */
  declared?: readonly DeclaredFactDefinition[];
}

/**
 * Validates a rule (any JSON value) against a fact catalogue and parameters. Returns the list of
 * problems, empty when the rule can be saved.
 */
export function validateRule(rule: unknown, catalogue: FactCatalogue = DEFAULT_CATALOGUE, options: ValidateOptions = {}): RuleProblem[] {
  const params = toParameterSet(options.params);
  const checker = new Checker(catalogue, params);
  checker.rule(rule, '');
  // The semantic checks say more precisely what is wrong; the schema's refusals (issue 12) come when
  // they found nothing, so the core never accepts what the server's schema refuses.
  if (checker.problems.length > 0) return checker.problems;
  const structure = ruleStructureProblems(rule);
  if (structure.length > 0 || !options.declared) return structure;
  return declaredReferenceProblems(rule as RuleNode, options.declared);
}

/** Validates a value expression on its own (benefit formulas use it) and returns its unit. */
export function validateExpr(
  expr: unknown,
  path: string,
  catalogue: FactCatalogue,
  params: ParameterSet,
): { unit: ValueUnit | null; problems: RuleProblem[] } {
  const checker = new Checker(catalogue, params);
  const unit = checker.expr(expr, path);
  return { unit, problems: checker.problems };
}

/**
 * Validates parameter definitions: dates, constants, and one unit across all dated values (a
 * threshold cannot switch from 万元 to people between two years).
 */
export function validateParameters(definitions: readonly ParameterDefinition[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  definitions.forEach((definition, i) => {
    const path = `/${i}`;
    if (seen.has(definition.name)) problems.push({ path, code: 'invalid_node', message: `parameter "${definition.name}" is defined twice` });
    seen.add(definition.name);
    if (definition.values.length === 0) problems.push({ path: `${path}/values`, code: 'empty_group', message: 'a parameter needs at least one value' });
    const units = new Set<ValueUnit>();
    definition.values.forEach((entry, j) => {
      try {
        dateToYmd(entry.from);
      } catch (error) {
        problems.push({ path: `${path}/values/${j}/from`, code: 'bad_constant', message: (error as Error).message });
      }
      try {
        constantValue(entry.value);
        units.add(constantUnit(entry.value));
      } catch (error) {
        problems.push({ path: `${path}/values/${j}/value`, code: 'bad_constant', message: (error as Error).message });
      }
    });
    if (units.size > 1) problems.push({ path: `${path}/values`, code: 'unit_mismatch', message: `values mix ${[...units].join(' and ')}` });
  });
  return problems;
}

export function toParameterSet(params: ParameterSet | readonly ParameterDefinition[] | undefined): ParameterSet {
  if (!params) return new Map();
  if (params instanceof Map) return params;
  return new Map((params as readonly ParameterDefinition[]).map((p) => [p.name, p]));
}
