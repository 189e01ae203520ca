/**
 * Scalar evaluation: one rule, one enterprise, with a full explanation. The explanation mirrors the
 * rule tree: every node's value (pass/fail/unknown), the facts it read with their resolved periods,
 * the bound, the clause it cites and, for failed comparisons, how far the enterprise was from the
 * bound. Unknown results list the facts that would decide them (see missing.ts).
 *
 * This path is for explanations and for re-matching one enterprise; county-wide matching uses the
 * vector engine (vector/compile.ts), which must reach the same outcomes (tested).
 */
import { encodeCertification, factLabels, normaliseFactValue, readFactValue, type CertificationRecord, type EnterpriseFacts } from './facts.ts';
import {
  AND3,
  certificationTest,
  compareFrac,
  historyTest,
  historyYears,
  inBand,
  NOT3,
  OP_TABLE,
  OR3,
  stateTruth,
  TRI_FALSE,
  TRI_TRUE,
  TRI_UNKNOWN,
  VALUE_MISSING,
  VALUE_OK,
  VALUE_UNDEFINED,
  type Op,
  type Tri,
} from './logic.ts';
import { reviewDecision } from './review.ts';
import { DECLARED_PREFIX, declaredTest, declaredValue, type DeclaredValue } from './declared.ts';
import { rankMissingForRule, type MissingFact, type RankedMissingFact } from './missing.ts';
import { isLatestCandidate } from './periods.ts';
import { prepareRule, type BoundExpr, type BoundFact, type BoundNode, type PrepareOptions, type PreparedRule } from './prepare.ts';
import type { CertificationTest, HistoryTest, RuleNode } from './schema.ts';
import { dateToYmd, unitScale, type ValueUnit } from './units.ts';
import { shiftYmd, windowValue } from './windows.ts';
import { explainRecords, type ExplainedRecords } from './records.explain.ts';

export type Outcome = 'eligible' | 'ineligible' | 'unknown';
export type NodeValue = 'pass' | 'fail' | 'unknown';

/** A fact as read for an explanation. */
export interface ExplainedInput {
  /** Path of the fact reference in the rule. */
  path: string;
  fact: string;
  /** The resolved period label, null for facts without periods or when `latest` found nothing. */
  period: string | null;
  /** The value read (integer in the fact's unit, code text, yyyymmdd for dates), null when missing. */
  value: number | string | null;
  /** For a record aggregate (`fact` is "records:<type>"): the qualifying records. */
  records?: ExplainedRecords;
}

/** A computed value of an expression (fact, ratio, growth …) with the inputs it was computed from. */
export interface Operand {
  path: string;
  unit: ValueUnit;
  /** ok: computed; missing: an input is unknown; undefined: division by zero (the clause cannot hold). */
  state: 'ok' | 'missing' | 'undefined';
  /** In the unit: fen, people, basis points (may be fractional for ratios), yyyymmdd for dates. */
  value: number | null;
  inputs: ExplainedInput[];
  /** When the value is a parameter: its name and the effective date of the value used. */
  param?: { name: string; from: string };
}

/** How far a failed comparison was from its bound, in the unit of the compared values. */
export interface NearMiss {
  /** below: the value must rise by `absolute`; above: it must fall by `absolute`; differs: an equality failed. */
  direction: 'below' | 'above' | 'differs';
  /** The smallest change that would pass (strict bounds on integer units need one unit more). */
  absolute: number;
  unit: ValueUnit;
  /** absolute / |bound| in basis points; null when the bound is 0. */
  relativeBp: number | null;
}

interface ExplanationBase {
  path: string;
  value: NodeValue;
  clause?: string;
  /** For unknown leaves: the facts whose absence left it open. */
  missing?: MissingFact[];
}

export type Explanation =
  | (ExplanationBase & { kind: 'all' | 'any' | 'not'; children: Explanation[] })
  | (ExplanationBase & { kind: 'atLeast'; k: number; children: Explanation[] })
  | (ExplanationBase & { kind: 'compare'; op: Op; left: Operand; right: Operand; nearMiss?: NearMiss })
  | (ExplanationBase & { kind: 'between'; operand: Operand; min: Operand; max: Operand; minInclusive: boolean; maxInclusive: boolean; nearMiss?: NearMiss })
  | (ExplanationBase & {
      kind: 'bands';
      op: Op;
      operand: Operand;
      by: Operand;
      /** Index of the band `by` falls in; null when `by` is unknown. */
      band: number | null;
      bound: Operand | null;
      nearMiss?: NearMiss;
    })
  | (ExplanationBase & { kind: 'in'; input: ExplainedInput; set: readonly string[] })
  | (ExplanationBase & { kind: 'is'; input: ExplainedInput; expected: boolean })
  | (ExplanationBase & { kind: 'industry'; input: ExplainedInput })
  | (ExplanationBase & {
      kind: 'history';
      fact: string;
      test: HistoryTest;
      year: number;
      years: number;
      /** First year considered: the later of the records' start and the registration year. */
      since: number;
      /**
       * The years the test read. A year before `since` counts as "not in the status" and says why: the
       * enterprise was not yet registered, or the platform holds no records that early (issue 12: a
       * "held N consecutive years" that fails on such a year shows it).
       */
      series: { year: number; value: 0 | 1 | null; before?: 'registration' | 'records' }[];
    })
  | (ExplanationBase & {
      kind: 'certification';
      code: string;
      test: CertificationTest;
      year: number;
      years: number;
      /** The enterprise's records of this certification; null when its certifications are unknown. */
      records: CertificationRecord[] | null;
    })
  | (ExplanationBase & { kind: 'review'; text: string; decision: boolean | null })
  /** A declared fact (declared.ts): the applicant's declaration, null until declared (自行申报). */
  | (ExplanationBase & { kind: 'declared'; key: string; declared: DeclaredValue | null });

export interface RuleResult {
  outcome: Outcome;
  evaluationDate: string;
  explanation: Explanation;
  /** For unknown outcomes: the facts that would decide it, most decisive first. Empty otherwise. */
  missingFacts: RankedMissingFact[];
}

export type EvaluateOptions = PrepareOptions;

/**
 * Evaluates a rule for one enterprise on an evaluation date. Three-valued: a clause whose facts are
 * missing is unknown, all(false, unknown) is false, any(true, unknown) is true.
 * Throws RuleValidationError for an invalid rule.
 */
export function evaluateRule(rule: RuleNode, facts: EnterpriseFacts, options: EvaluateOptions): RuleResult {
  return evaluatePrepared(prepareRule(rule, options), facts);
}

/** Evaluates a prepared rule (prepare once, evaluate many enterprises). */
export function evaluatePrepared(prepared: PreparedRule, facts: EnterpriseFacts): RuleResult {
  const evaluator = new ScalarEvaluator(facts, prepared.date.ymd);
  const explanation = evaluator.node(prepared.root);
  const outcome: Outcome = explanation.value === 'pass' ? 'eligible' : explanation.value === 'fail' ? 'ineligible' : 'unknown';
  return { outcome, evaluationDate: prepared.date.iso, explanation, missingFacts: outcome === 'unknown' ? rankMissingForRule(explanation) : [] };
}

/** Only the outcome (no explanation kept): for re-matching one enterprise against many policies. */
export function outcomeOf(prepared: PreparedRule, facts: EnterpriseFacts): Outcome {
  const value = new ScalarEvaluator(facts, prepared.date.ymd).node(prepared.root).value;
  return value === 'pass' ? 'eligible' : value === 'fail' ? 'ineligible' : 'unknown';
}

/**
 * Evaluates one prepared value expression for an enterprise (benefit formulas use it): the operand
 * with its inputs, and the facts that were missing.
 */
export function evaluateOperand(expr: BoundExpr, facts: EnterpriseFacts, evaluationYmd: number): { operand: Operand; missing: MissingFact[] } {
  return new ScalarEvaluator(facts, evaluationYmd).standalone(expr);
}

const TRI_NAMES: readonly NodeValue[] = ['fail', 'pass', 'unknown'];
const triOf = (value: NodeValue): Tri => (value === 'pass' ? TRI_TRUE : value === 'fail' ? TRI_FALSE : TRI_UNKNOWN);

/** A computed value: state, and the value as the fraction n/d in the unit (bp values carry d = 10000). */
interface Val {
  s: number;
  n: number;
  d: number;
}

class ScalarEvaluator {
  private inputs: ExplainedInput[] = [];
  private missing: MissingFact[] = [];

  constructor(
    readonly facts: EnterpriseFacts,
    readonly evaluationYmd: number,
  ) {}

  node(node: BoundNode): Explanation {
    const base = { path: node.path, ...(node.clause === undefined ? {} : { clause: node.clause }) };
    switch (node.k) {
      case 'all':
      case 'any': {
        const children = node.children.map((child) => this.node(child));
        const table = node.k === 'all' ? AND3 : OR3;
        let value: number = node.k === 'all' ? TRI_TRUE : TRI_FALSE;
        for (const child of children) value = table[value * 3 + triOf(child.value)];
        return { ...base, kind: node.k, value: TRI_NAMES[value], children };
      }
      case 'atLeast': {
        const children = node.children.map((child) => this.node(child));
        const trues = children.filter((c) => c.value === 'pass').length;
        const unknowns = children.filter((c) => c.value === 'unknown').length;
        const value = trues >= node.n ? 'pass' : trues + unknowns < node.n ? 'fail' : 'unknown';
        return { ...base, kind: 'atLeast', k: node.n, value, children };
      }
      case 'not': {
        const child = this.node(node.child);
        return { ...base, kind: 'not', value: TRI_NAMES[NOT3[triOf(child.value)]], children: [child] };
      }
      case 'compare': {
        this.begin();
        const left = this.operand(node.left);
        const right = this.operand(node.right);
        const value = compareTruth(left.val, right.val, node.op);
        return this.leaf({
          ...base,
          kind: 'compare',
          op: node.opText,
          left: left.operand,
          right: right.operand,
          value: TRI_NAMES[value],
          ...nearMissProp(value, node.opText, left, right),
        });
      }
      case 'between': {
        this.begin();
        const operand = this.operand(node.value);
        const min = this.operand(node.min);
        const max = this.operand(node.max);
        const lower = compareTruth(operand.val, min.val, node.minInclusive ? 0 : 1);
        const upper = compareTruth(operand.val, max.val, node.maxInclusive ? 2 : 3);
        const value = AND3[lower * 3 + upper] as Tri;
        let nearMiss: NearMiss | undefined;
        if (value === TRI_FALSE && lower === TRI_FALSE) nearMiss = computeNearMiss(node.minInclusive ? '>=' : '>', operand, min);
        else if (value === TRI_FALSE && upper === TRI_FALSE) nearMiss = computeNearMiss(node.maxInclusive ? '<=' : '<', operand, max);
        return this.leaf({
          ...base,
          kind: 'between',
          operand: operand.operand,
          min: min.operand,
          max: max.operand,
          minInclusive: node.minInclusive,
          maxInclusive: node.maxInclusive,
          value: TRI_NAMES[value],
          ...(nearMiss ? { nearMiss } : {}),
        });
      }
      case 'bands': {
        this.begin();
        const operand = this.operand(node.value);
        const by = this.operand(node.by);
        const bounds = node.bands.map((band) => this.operand(band.bound));
        const limits = node.bands.map((band) => (band.upTo ? this.operand(band.upTo).val : null));
        const { value, band } = bandsTruth(operand.val, by.val, node.op, bounds.map((b) => b.val), limits, node.bands.map((b) => b.inclusive));
        const bound = band === null ? null : bounds[band];
        const nearMiss = value === TRI_FALSE && bound ? computeNearMiss(node.opText, operand, bound) : undefined;
        return this.leaf({
          ...base,
          kind: 'bands',
          op: node.opText,
          operand: operand.operand,
          by: by.operand,
          band,
          bound: bound ? bound.operand : null,
          value: TRI_NAMES[value],
          ...(nearMiss ? { nearMiss } : {}),
        });
      }
      case 'in': {
        this.begin();
        const input = this.readCode(node.value);
        const value = input.value === null ? TRI_UNKNOWN : node.set.includes(input.value as string) ? TRI_TRUE : TRI_FALSE;
        return this.leaf({ ...base, kind: 'in', input, set: node.set, value: TRI_NAMES[value] });
      }
      case 'is': {
        this.begin();
        const val = this.factVal(node.value);
        const value = val.s !== VALUE_OK ? TRI_UNKNOWN : (val.n !== 0) === node.expected ? TRI_TRUE : TRI_FALSE;
        return this.leaf({ ...base, kind: 'is', input: this.inputs[this.inputs.length - 1], expected: node.expected, value: TRI_NAMES[value] });
      }
      case 'industry': {
        this.begin();
        const input = this.readCode(node.fact);
        const value = input.value === null ? TRI_UNKNOWN : node.match(input.value as string);
        if (value === TRI_UNKNOWN && input.value !== null) this.missing.push({ fact: 'industry_code', period: null });
        return this.leaf({ ...base, kind: 'industry', input, value: TRI_NAMES[value] });
      }
      case 'history':
        return this.history(node, base);
      case 'certification':
        return this.certification(node, base);
      case 'review': {
        const decision = reviewDecision(this.facts.reviews, node.path);
        return { ...base, kind: 'review', text: node.text, decision: decision ?? null, value: decision === undefined ? 'unknown' : decision ? 'pass' : 'fail' };
      }
      case 'declared': {
        const value = declaredValue(this.facts.declared, node.node.declared);
        const test = declaredTest(node.node, value);
        const missing = test === undefined ? { missing: [{ fact: `${DECLARED_PREFIX}${node.node.declared}`, period: null }] } : {};
        return { ...base, kind: 'declared', key: node.node.declared, declared: value ?? null, value: test === undefined ? 'unknown' : test ? 'pass' : 'fail', ...missing };
      }
    }
  }

  private history(node: Extract<BoundNode, { k: 'history' }>, base: { path: string; clause?: string }): Explanation {
    const since = historySince(node.since, this.facts.attributes.registered_on);
    const [from, to] = historyYears(node.test, since, node.year, node.years);
    // values[y - firstYear] for every year the test may read; reused layout of the vector path.
    const firstYear = Math.min(from, node.year - 1);
    const values = new Uint8Array(Math.max(0, node.year - firstYear + 1));
    const series: { year: number; value: 0 | 1 | null; before?: 'registration' | 'records' }[] = [];
    const missing: MissingFact[] = [];
    // Years the test needs that fall before `since` (so count as "not in"): shown with the reason.
    const needed = node.testName === 'heldConsecutive' ? node.year - node.years + 1 : node.testName === 'entry' ? node.year - 1 : from;
    const registered = registrationYear(this.facts.attributes.registered_on);
    for (let year = needed; year < from; year++) series.push({ year, value: 0, before: registered !== null && year < registered ? 'registration' : 'records' });
    for (let year = firstYear; year <= node.year; year++) {
      const raw = normaliseFactValue(node.fact, readFactValue(this.facts, node.fact.code, String(year)));
      const status = raw === null ? 2 : raw !== 0 ? 1 : 0;
      values[year - firstYear] = status;
      if (year >= from && year <= to) {
        series.push({ year, value: year < since ? 0 : status === 2 ? null : (status as 0 | 1) });
        if (status === 2 && year >= since) missing.push({ fact: node.fact.code, period: String(year) });
      }
    }
    const value = historyTest(node.test, values, firstYear, since, node.year, node.years);
    return {
      ...base,
      kind: 'history',
      fact: node.fact.code,
      test: node.testName,
      year: node.year,
      years: node.years,
      since,
      series,
      value: TRI_NAMES[value],
      ...(value === TRI_UNKNOWN ? { missing } : {}),
    };
  }

  private certification(node: Extract<BoundNode, { k: 'certification' }>, base: { path: string; clause?: string }): Explanation {
    const all = this.facts.certifications;
    const common = { ...base, kind: 'certification' as const, code: node.code, test: node.testName, year: node.year, years: node.years };
    if (all === undefined || all === null) {
      return { ...common, records: null, value: 'unknown', missing: [{ fact: `certification:${node.code}`, period: null }] };
    }
    const records = all.filter((record) => record.code === node.code);
    const encoded = records.map(encodeCertification).filter((r) => r !== null);
    const arrays = {
      codes: encoded.map(() => 1),
      awardedOn: encoded.map((r) => r.awardedOn),
      expiresOn: encoded.map((r) => r.expiresOn),
      isRenewal: encoded.map((r) => r.isRenewal),
      levels: encoded.map((r) => r.level),
    };
    const value = certificationTest(node.test, arrays, 0, encoded.length, 1, this.evaluationYmd, node.year, node.years, node.levelMask);
    return { ...common, records, value: TRI_NAMES[value] };
  }

  // ------------------------------------------------------------------ leaves and operands

  standalone(expr: BoundExpr): { operand: Operand; missing: MissingFact[] } {
    this.begin();
    const { operand } = this.operand(expr);
    return { operand, missing: dedupe(this.missing) };
  }

  private begin(): void {
    this.inputs = [];
    this.missing = [];
  }

  private leaf<T extends Explanation>(explanation: T): T {
    if (explanation.value === 'unknown' && this.missing.length > 0) return { ...explanation, missing: dedupe(this.missing) };
    return explanation;
  }

  private operand(expr: BoundExpr): { val: Val; operand: Operand } {
    const firstInput = this.inputs.length;
    const val = this.expr(expr);
    const scale = expr.unit === 'bp' ? 10000 : 1;
    const operand: Operand = {
      path: expr.path,
      unit: expr.unit,
      state: val.s === VALUE_OK ? 'ok' : val.s === VALUE_MISSING ? 'missing' : 'undefined',
      value: val.s === VALUE_OK ? roundDisplay((val.n / val.d) * scale) : null,
      inputs: this.inputs.slice(firstInput),
      ...(expr.k === 'const' && expr.param ? { param: { name: expr.param.name, from: expr.param.from } } : {}),
    };
    return { val, operand };
  }

  private expr(expr: BoundExpr): Val {
    switch (expr.k) {
      case 'const':
        return { s: VALUE_OK, n: expr.value, d: unitScale(expr.unit) };
      case 'fact':
        return this.factVal(expr);
      case 'ratio': {
        const num = this.expr(expr.num);
        const den = this.expr(expr.den);
        // Both sides are plain quantities of one unit, so their own scales cancel.
        if (den.s === VALUE_OK && den.n === 0) return { s: VALUE_UNDEFINED, n: 0, d: 1 };
        if (num.s !== VALUE_OK || den.s !== VALUE_OK) return { s: VALUE_MISSING, n: 0, d: 1 };
        return { s: VALUE_OK, n: num.n, d: den.n };
      }
      case 'growth':
      case 'change': {
        const from = this.factVal(expr.from);
        const to = this.factVal(expr.to);
        if (expr.k === 'growth' && from.s === VALUE_OK && from.n === 0) return { s: VALUE_UNDEFINED, n: 0, d: 1 };
        if (from.s !== VALUE_OK || to.s !== VALUE_OK) return { s: VALUE_MISSING, n: 0, d: 1 };
        return expr.k === 'growth' ? { s: VALUE_OK, n: to.n - from.n, d: from.n } : { s: VALUE_OK, n: to.n - from.n, d: from.d };
      }
      case 'sum': {
        let total = 0;
        let state = VALUE_OK;
        for (const term of expr.terms) {
          const value = this.expr(term);
          if (value.s !== VALUE_OK) state = VALUE_MISSING;
          else total += value.n;
        }
        return state === VALUE_OK ? { s: VALUE_OK, n: total, d: unitScale(expr.unit) } : { s: VALUE_MISSING, n: 0, d: 1 };
      }
      case 'yearsSince': {
        const date = this.factVal(expr.of);
        if (date.s !== VALUE_OK) return { s: VALUE_MISSING, n: 0, d: 1 };
        return { s: VALUE_OK, n: Math.floor((this.evaluationYmd - date.n) / 10000), d: 1 };
      }
      case 'window': {
        const v = expr.facts.map((fact) => this.factVal(fact));
        const w = expr.dens ? expr.dens.map((fact) => this.factVal(fact)) : null;
        const out = { s: 0, n: 0, d: 1 };
        return windowValue(expr.mode, expr.take, expr.last, v.map((x) => x.n), v.map((x) => x.s), w && w.map((x) => x.n), w && w.map((x) => x.s), expr.scale, out);
      }
      case 'dateShift': {
        if (expr.of === null) return { s: VALUE_OK, n: shiftYmd(this.evaluationYmd, expr.years, expr.months, expr.days), d: 1 };
        const date = this.expr(expr.of);
        if (date.s !== VALUE_OK) return { s: VALUE_MISSING, n: 0, d: 1 };
        return { s: VALUE_OK, n: shiftYmd(date.n, expr.years, expr.months, expr.days), d: 1 };
      }
      case 'records': {
        const { input, missing, value } = explainRecords(expr, this.facts);
        this.inputs.push(input);
        if (missing) this.missing.push(missing);
        return value;
      }
    }
  }

  /** Reads a numeric fact (resolving `latest`), records the input and, when absent, the missing fact. */
  private factVal(fact: BoundFact): Val {
    const { label, value } = this.read(fact);
    this.inputs.push({ path: fact.path, fact: fact.def.code, period: label, value });
    if (value === null || typeof value !== 'number') {
      this.missing.push({ fact: fact.def.code, period: askPeriod(fact, label) });
      return { s: VALUE_MISSING, n: 0, d: 1 };
    }
    return { s: VALUE_OK, n: value, d: unitScale(fact.unit) };
  }

  private readCode(fact: BoundFact): ExplainedInput {
    const { label, value } = this.read(fact);
    const input = { path: fact.path, fact: fact.def.code, period: label, value: typeof value === 'string' ? value : null };
    this.inputs.push(input);
    if (input.value === null) this.missing.push({ fact: fact.def.code, period: askPeriod(fact, label) });
    return input;
  }

  private read(fact: BoundFact): { label: string | null; value: number | string | null } {
    const period = fact.period;
    if (period === null) return { label: null, value: normaliseFactValue(fact.def, readFactValue(this.facts, fact.def.code, null)) };
    if (period.kind === 'fixed') return { label: period.label, value: normaliseFactValue(fact.def, readFactValue(this.facts, fact.def.code, period.label)) };
    const candidates = factLabels(this.facts, fact.def.code)
      .filter((label) => isLatestCandidate(label, period))
      .sort()
      .reverse();
    for (const label of candidates) {
      const value = normaliseFactValue(fact.def, readFactValue(this.facts, fact.def.code, label));
      if (value !== null) return { label, value };
    }
    return { label: null, value: null };
  }
}

function askPeriod(fact: BoundFact, label: string | null): string | null {
  if (fact.period === null) return null;
  if (fact.period.kind === 'fixed') return fact.period.label;
  return label ?? fact.period.ask;
}

function registrationYear(registeredOn: string | null | undefined): number | null {
  if (!registeredOn) return null;
  try {
    return Math.floor(dateToYmd(registeredOn) / 10000);
  } catch {
    return null;
  }
}

/** First year a history test considers: the records' start, or the registration year if later. */
export function historySince(since: number, registeredOn: string | null | undefined): number {
  if (!registeredOn) return since;
  try {
    return Math.max(since, Math.floor(dateToYmd(registeredOn) / 10000));
  } catch {
    return since;
  }
}

function dedupe(facts: MissingFact[]): MissingFact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = `${f.fact}@${f.period ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Truth of `a op b` for two computed values (op as index into OPS). */
function compareTruth(a: Val, b: Val, op: number): Tri {
  const byState = stateTruth(a.s, b.s);
  if (byState !== -1) return byState;
  return OP_TABLE[op * 3 + compareFrac(a.n, a.d, b.n, b.d) + 1] as Tri;
}

/**
 * Bands: the bound that applies depends on the band `by` falls in. When `by` is unknown the result is
 * still decided if the value passes (or fails) the bound of every band.
 */
export function bandsTruth(
  value: Val,
  by: Val,
  op: number,
  bounds: Val[],
  limits: (Val | null)[],
  inclusive: boolean[],
): { value: Tri; band: number | null } {
  if (value.s === VALUE_UNDEFINED || by.s === VALUE_UNDEFINED) return { value: TRI_FALSE, band: null };
  if (by.s === VALUE_MISSING) {
    let all = compareTruth(value, bounds[0], op);
    for (let j = 1; j < bounds.length; j++) if (compareTruth(value, bounds[j], op) !== all) all = TRI_UNKNOWN;
    return { value: all, band: null };
  }
  let band = bounds.length - 1;
  for (let j = 0; j < limits.length; j++) {
    const limit = limits[j];
    if (limit !== null && inBand(by.n, by.d, limit.n, limit.d, inclusive[j])) {
      band = j;
      break;
    }
  }
  return { value: compareTruth(value, bounds[band], op), band };
}

/**
 * Values are kept to 1e-8 of their unit (a ratio 299.94000599 bp, not 299.94 or 300): enough that a value
 * which fails its bound is never equal to it when shown (explain/render.ts picks the decimals).
 */
function roundDisplay(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e8) / 1e8;
}

function nearMissProp(value: Tri, op: Op, left: { val: Val; operand: Operand }, right: { val: Val; operand: Operand }): { nearMiss?: NearMiss } {
  if (value !== TRI_FALSE) return {};
  const nearMiss = computeNearMiss(op, left, right);
  return nearMiss ? { nearMiss } : {};
}

/**
 * The smallest change of the value that would pass a failed comparison. For strict bounds on integer
 * units one more unit is needed (revenue > 2000万 fails at exactly 2000万: short by 1 fen).
 */
function computeNearMiss(op: Op, value: { val: Val; operand: Operand }, bound: { val: Val; operand: Operand }): NearMiss | undefined {
  if (value.val.s !== VALUE_OK || bound.val.s !== VALUE_OK || op === '!=') return undefined;
  const unit = value.operand.unit;
  if (unit === 'date') return undefined;
  const scale = unit === 'bp' ? 10000 : 1;
  const v = (value.val.n / value.val.d) * scale;
  const b = (bound.val.n / bound.val.d) * scale;
  const step = (op === '>' || op === '<') && unit !== 'bp' ? 1 : 0;
  const absolute = roundDisplay(Math.abs(b - v) + step);
  const direction = op === '==' ? 'differs' : op === '>=' || op === '>' ? 'below' : 'above';
  return { direction, absolute, unit, relativeBp: b === 0 ? null : Math.round((absolute / Math.abs(b)) * 10000) };
}
