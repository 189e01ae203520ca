/**
 * Vectorised evaluation: a prepared rule runs node by node over whole columns. Every node writes a
 * Uint8Array of three-valued results (0 false, 1 true, 2 unknown) for all enterprises at once; groups
 * combine their children's arrays through the Kleene tables. Hot loops touch only typed arrays and
 * numbers: no objects or closures per enterprise. Scratch arrays come from a pool shared by all
 * rules of a match, so a county-wide match allocates a handful of buffers, not one per node.
 *
 * The semantics are the scalar engine's (evaluate.ts), built from the same primitives (logic.ts;
 * histories use its bitmask form, cross-checked against the year-by-year definition); a randomised
 * test checks that both engines agree.
 */
import {
  AND3,
  certificationTest,
  compareFrac,
  HISTORY_BITS_SPAN,
  historyTest,
  historyTestBits,
  NOT3,
  OP_TABLE,
  OR3,
  TRI_UNKNOWN,
  VALUE_MISSING,
  VALUE_OK,
  VALUE_UNDEFINED,
} from '../logic.ts';
import { isLatestCandidate } from '../periods.ts';
import { prepareRule, type BoundExpr, type BoundFact, type BoundNode, type PrepareOptions, type PreparedRule } from '../prepare.ts';
import type { RuleNode } from '../schema.ts';
import { unitScale } from '../units.ts';
import { aggregateColumns } from '../records.ts';
import { shiftYmd, windowValue } from '../windows.ts';
import { columnKey, type CodeColumn, type CountyColumns, type NumberColumn } from './columns.ts';

/** A rule compiled for one evaluation date, runnable over any county columns. */
export interface CompiledRule {
  readonly prepared: PreparedRule;
  /** Leaf clauses per enterprise. */
  readonly leafCount: number;
  /**
   * Evaluates the rule for every enterprise: out[i] is 0 ineligible, 1 eligible, 2 unknown. Rules of
   * one match over the same columns should share a context (matchCounty does).
   */
  run(columns: CountyColumns, out?: Uint8Array, context?: MatchContext): Uint8Array;
}

/** Compiles a rule for an evaluation date (validates it; throws RuleValidationError when invalid). */
export function compileRule(rule: RuleNode, options: PrepareOptions): CompiledRule {
  return compilePrepared(prepareRule(rule, options));
}

/** Compiles an already prepared rule. */
export function compilePrepared(prepared: PreparedRule): CompiledRule {
  return {
    prepared,
    leafCount: prepared.leafCount,
    run(columns, out = new Uint8Array(columns.size), context = new MatchContext(columns.size)) {
      if (context.size !== columns.size || out.length !== columns.size) throw new Error('buffers do not match the number of enterprises');
      context.bind(columns);
      new Runner(columns, context, prepared.date.ymd).node(prepared.root, out);
      return out;
    },
  };
}

/**
 * Scratch space of one match: reusable arrays of one length, handed out and given back in stack order
 * while a rule runs (contents are garbage until written), and a memo of values every rule of the
 * match can share (status histories as bitmasks, `latest` columns).
 */
export class MatchContext {
  private readonly bytes: Uint8Array[] = [];
  private readonly floats: Float64Array[] = [];
  /** All ones: the missing mask of a column absent from the county. */
  readonly allMissing: Uint8Array;
  readonly memo = new Map<string, unknown>();
  private columns: CountyColumns | null = null;

  constructor(readonly size: number) {
    this.allMissing = new Uint8Array(size).fill(1);
  }

  /** Ties the memo to one set of columns; values memoised for other columns are dropped. */
  bind(columns: CountyColumns): void {
    if (this.columns === columns) return;
    this.memo.clear();
    this.columns = columns;
  }

  u8(): Uint8Array {
    return this.bytes.pop() ?? new Uint8Array(this.size);
  }

  f64(): Float64Array {
    return this.floats.pop() ?? new Float64Array(this.size);
  }

  release(buffers: readonly (Uint8Array | Float64Array)[]): void {
    for (const buffer of buffers) {
      if (buffer === this.allMissing) continue;
      if (buffer instanceof Uint8Array) this.bytes.push(buffer);
      else this.floats.push(buffer);
    }
  }
}

/** A status history as two bitmask words per enterprise (see historyTestBits). */
interface HistoryBits {
  base: number;
  last: number;
  known: Int32Array;
  ones: Int32Array;
}

/**
 * A value over all enterprises: numerator and denominator arrays (or constants when null), and a
 * state array (0 ok, 1 missing, 2 undefined; null when all ok). `owned` lists pool buffers to give back.
 */
interface Vec {
  num: Float64Array | null;
  cn: number;
  den: Float64Array | null;
  cd: number;
  st: Uint8Array | null;
  owned: (Uint8Array | Float64Array)[];
}

/**
 * STATE_TRUTH[(state << 1) | truth]: the result of a comparison whose operand state is ok (the truth
 * itself), missing (unknown) or undefined (false), as in stateTruth.
 */
const STATE_TRUTH = Uint8Array.from([0, 1, TRI_UNKNOWN, TRI_UNKNOWN, 0, 0]);

const constant = (value: number, scale: number): Vec => ({ num: null, cn: value, den: null, cd: scale, st: null, owned: [] });

class Runner {
  private readonly n: number;

  constructor(
    readonly columns: CountyColumns,
    readonly context: MatchContext,
    readonly evaluationYmd: number,
  ) {
    this.n = columns.size;
  }

  // ------------------------------------------------------------------ nodes

  node(node: BoundNode, out: Uint8Array): void {
    const n = this.n;
    switch (node.k) {
      case 'all':
      case 'any': {
        const table = node.k === 'all' ? AND3 : OR3;
        out.fill(node.k === 'all' ? 1 : 0);
        const tmp = this.context.u8();
        for (const child of node.children) {
          this.node(child, tmp);
          for (let i = 0; i < n; i++) out[i] = table[out[i] * 3 + tmp[i]];
        }
        this.context.release([tmp]);
        return;
      }
      case 'atLeast': {
        const trues = this.context.u8().fill(0);
        const unknowns = this.context.u8().fill(0);
        for (const child of node.children) {
          this.node(child, out);
          for (let i = 0; i < n; i++) {
            const v = out[i];
            trues[i] += v & 1;
            unknowns[i] += v >> 1;
          }
        }
        const k = node.n;
        for (let i = 0; i < n; i++) out[i] = trues[i] >= k ? 1 : trues[i] + unknowns[i] < k ? 0 : 2;
        this.context.release([trues, unknowns]);
        return;
      }
      case 'not':
        this.node(node.child, out);
        for (let i = 0; i < n; i++) out[i] = NOT3[out[i]];
        return;
      case 'compare': {
        const left = this.expr(node.left);
        const right = this.expr(node.right);
        this.compare(left, right, node.op, out);
        this.release(left, right);
        return;
      }
      case 'between': {
        const value = this.expr(node.value);
        const min = this.expr(node.min);
        const max = this.expr(node.max);
        const upper = this.context.u8();
        this.compare(value, min, node.minInclusive ? 0 : 1, out);
        this.compare(value, max, node.maxInclusive ? 2 : 3, upper);
        for (let i = 0; i < n; i++) out[i] = AND3[out[i] * 3 + upper[i]];
        this.context.release([upper]);
        this.release(value, min, max);
        return;
      }
      case 'bands':
        return this.bands(node, out);
      case 'in':
        return this.inSet(node, out);
      case 'is': {
        const value = this.expr(node.value);
        const expected = node.expected ? 1 : 0;
        const { num, st } = value;
        for (let i = 0; i < n; i++) {
          if (st !== null && st[i] !== VALUE_OK) out[i] = TRI_UNKNOWN;
          else out[i] = ((num === null ? value.cn : num[i]) !== 0 ? 1 : 0) === expected ? 1 : 0;
        }
        this.release(value);
        return;
      }
      case 'industry': {
        const column = this.codeColumn(columnKey('industry_code', null));
        if (!column) {
          out.fill(TRI_UNKNOWN);
          return;
        }
        const lut = Uint8Array.from(column.dictionary, (code) => node.match(code));
        const codes = column.codes;
        for (let i = 0; i < n; i++) {
          const c = codes[i];
          out[i] = c < 0 ? TRI_UNKNOWN : lut[c];
        }
        return;
      }
      case 'history':
        return this.history(node, out);
      case 'certification':
        return this.certification(node, out);
      case 'review':
        // Reviewer decisions exist only on applications: county-wide every firm is undecided (待评审).
        out.fill(TRI_UNKNOWN);
        return;
      case 'declared':
        // Declarations exist only on applications (declared.ts): county-wide every firm is undeclared,
        // so a rule that needs one is never certain here and 免申即享 never grants on a declaration.
        out.fill(TRI_UNKNOWN);
        return;
    }
  }

  /** out[i] = (a op b) with three-valued states. op indexes OPS (>=, >, <=, <, ==, !=). */
  private compare(a: Vec, b: Vec, op: number, out: Uint8Array): void {
    const n = this.n;
    const base = op * 3 + 1;
    const { num: an, den: ad, st: as } = a;
    const { num: bn, den: bd, st: bs } = b;
    // Fast path: a column against a constant on the same scale (most clauses: revenue ≥ 2000万).
    // Branch-free: the comparison indexes OP_TABLE and the state indexes STATE_TRUTH, because
    // data-dependent branches mispredict on real data (≈ 4× slower measured).
    if (an !== null && ad === null && bn === null && bd === null && a.cd === b.cd && bs === null) {
      const c = b.cn;
      if (as === null) {
        for (let i = 0; i < n; i++) {
          const v = an[i];
          out[i] = OP_TABLE[base + Number(v > c) - Number(v < c)];
        }
      } else {
        for (let i = 0; i < n; i++) {
          const v = an[i];
          out[i] = STATE_TRUTH[(as[i] << 1) | OP_TABLE[base + Number(v > c) - Number(v < c)]];
        }
      }
      return;
    }
    const acn = a.cn;
    const acd = a.cd;
    const bcn = b.cn;
    const bcd = b.cd;
    for (let i = 0; i < n; i++) {
      const sa = as === null ? 0 : as[i];
      const sb = bs === null ? 0 : bs[i];
      if (sa === VALUE_UNDEFINED || sb === VALUE_UNDEFINED) out[i] = 0;
      else if (sa !== VALUE_OK || sb !== VALUE_OK) out[i] = TRI_UNKNOWN;
      else {
        out[i] = OP_TABLE[
          base + compareFrac(an === null ? acn : an[i], ad === null ? acd : ad[i], bn === null ? bcn : bn[i], bd === null ? bcd : bd[i])
        ];
      }
    }
  }

  private bands(node: Extract<BoundNode, { k: 'bands' }>, out: Uint8Array): void {
    const n = this.n;
    const value = this.expr(node.value);
    const by = this.expr(node.by);
    // Band limits and bounds are constants (validated), held in small plain arrays.
    const limitN: number[] = [];
    const limitD: number[] = [];
    const inclusive: boolean[] = [];
    const boundN: number[] = [];
    const boundD: number[] = [];
    for (const band of node.bands) {
      const limit = band.upTo ? this.expr(band.upTo) : null;
      limitN.push(limit ? limit.cn : 0);
      limitD.push(limit ? limit.cd : 1);
      inclusive.push(band.inclusive);
      const bound = this.expr(band.bound);
      boundN.push(bound.cn);
      boundD.push(bound.cd);
    }
    const last = node.bands.length - 1;
    const base = node.op * 3 + 1;
    const { num: vn, den: vd, st: vs, cn: vcn, cd: vcd } = value;
    const { num: bn, den: bd, st: bs, cn: bcn, cd: bcd } = by;
    for (let i = 0; i < n; i++) {
      const sv = vs === null ? 0 : vs[i];
      const sb = bs === null ? 0 : bs[i];
      if (sv === VALUE_UNDEFINED || sb === VALUE_UNDEFINED) {
        out[i] = 0;
        continue;
      }
      const xn = vn === null ? vcn : vn[i];
      const xd = vd === null ? vcd : vd[i];
      if (sb === VALUE_MISSING) {
        // Band unknown: decided only if the value passes (or fails) the bound of every band.
        if (sv !== VALUE_OK) {
          out[i] = TRI_UNKNOWN;
          continue;
        }
        let all = OP_TABLE[base + compareFrac(xn, xd, boundN[0], boundD[0])];
        for (let j = 1; j <= last && all !== TRI_UNKNOWN; j++) if (OP_TABLE[base + compareFrac(xn, xd, boundN[j], boundD[j])] !== all) all = TRI_UNKNOWN;
        out[i] = all;
        continue;
      }
      const yn = bn === null ? bcn : bn[i];
      const yd = bd === null ? bcd : bd[i];
      let band = last;
      for (let j = 0; j < last; j++) {
        const c = compareFrac(yn, yd, limitN[j], limitD[j]);
        if (inclusive[j] ? c <= 0 : c < 0) {
          band = j;
          break;
        }
      }
      out[i] = sv !== VALUE_OK ? TRI_UNKNOWN : OP_TABLE[base + compareFrac(xn, xd, boundN[band], boundD[band])];
    }
    this.release(value, by);
  }

  private inSet(node: Extract<BoundNode, { k: 'in' }>, out: Uint8Array): void {
    const n = this.n;
    const columns = this.codeCandidates(node.value);
    if (columns.length === 0) {
      out.fill(TRI_UNKNOWN);
      return;
    }
    const wanted = new Set(node.set);
    const luts = columns.map((column) => Uint8Array.from(column.dictionary, (code) => (wanted.has(code) ? 1 : 0)));
    if (columns.length === 1) {
      const codes = columns[0].codes;
      const lut = luts[0];
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        out[i] = c < 0 ? TRI_UNKNOWN : lut[c];
      }
      return;
    }
    // `latest`: the newest column with a value decides.
    const codeArrays = columns.map((column) => column.codes);
    for (let i = 0; i < n; i++) {
      let r = TRI_UNKNOWN as number;
      for (let j = 0; j < codeArrays.length; j++) {
        const c = codeArrays[j][i];
        if (c >= 0) {
          r = luts[j][c];
          break;
        }
      }
      out[i] = r;
    }
  }

  private history(node: Extract<BoundNode, { k: 'history' }>, out: Uint8Array): void {
    const n = this.n;
    const bits = this.historyBits(node.fact.code);
    const registered = this.numberColumn(columnKey('registered_on', null));
    if (bits === null) return this.historyByYears(node, out);
    const { base, last, known, ones } = bits;
    const { test, year, years } = node;
    for (let i = 0; i < n; i++) {
      let since = node.since;
      if (registered !== null && registered.missing[i] === 0) {
        const registrationYear = Math.floor(registered.values[i] / 10000);
        if (registrationYear > since) since = registrationYear;
      }
      out[i] = historyTestBits(test, known[i], ones[i], base, last, since, year, years);
    }
  }

  /** The yearly status of a fact as bitmasks, built once per match; null when it spans too many years. */
  private historyBits(fact: string): HistoryBits | null {
    const key = `history:${fact}`;
    if (this.context.memo.has(key)) return this.context.memo.get(key) as HistoryBits | null;
    const years = (this.columns.labels.get(fact) ?? []).map(Number).filter(Number.isInteger);
    let bits: HistoryBits | null = null;
    if (years.length === 0) bits = { base: 0, last: -1, known: new Int32Array(this.n), ones: new Int32Array(this.n) };
    else if (years[years.length - 1] - years[0] < HISTORY_BITS_SPAN) {
      const base = years[0];
      const known = new Int32Array(this.n);
      const ones = new Int32Array(this.n);
      for (const year of years) {
        const column = this.numberColumn(columnKey(fact, String(year)));
        if (!column) continue;
        const bit = 1 << (year - base);
        const { values, missing } = column;
        for (let i = 0; i < this.n; i++) {
          if (missing[i] !== 0) continue;
          known[i] |= bit;
          if (values[i] !== 0) ones[i] |= bit;
        }
      }
      bits = { base, last: years[years.length - 1], known, ones };
    }
    this.context.memo.set(key, bits);
    return bits;
  }

  /** History over year columns one by one: the general path for histories longer than a bitmask. */
  private historyByYears(node: Extract<BoundNode, { k: 'history' }>, out: Uint8Array): void {
    const n = this.n;
    const year = node.year;
    const first = Math.min(node.since, year - 1, year - node.years + 1);
    const width = year - first + 1;
    const values: (Float64Array | null)[] = [];
    const masks: Uint8Array[] = [];
    for (let y = first; y <= year; y++) {
      const column = this.numberColumn(columnKey(node.fact.code, String(y)));
      values.push(column ? column.values : null);
      masks.push(column ? column.missing : this.context.allMissing);
    }
    const registered = this.numberColumn(columnKey('registered_on', null));
    const scratch = new Uint8Array(width);
    for (let i = 0; i < n; i++) {
      let since = node.since;
      if (registered !== null && registered.missing[i] === 0) {
        const registrationYear = Math.floor(registered.values[i] / 10000);
        if (registrationYear > since) since = registrationYear;
      }
      for (let y = 0; y < width; y++) {
        const column = values[y];
        scratch[y] = column === null || masks[y][i] === 1 ? 2 : column[i] !== 0 ? 1 : 0;
      }
      out[i] = historyTest(node.test, scratch, first, since, year, node.years);
    }
  }

  private certification(node: Extract<BoundNode, { k: 'certification' }>, out: Uint8Array): void {
    const n = this.n;
    const certifications = this.columns.certifications;
    const code = certifications.dictionary.indexOf(node.code);
    const { known, offsets } = certifications;
    for (let i = 0; i < n; i++) {
      out[i] = known[i] === 0 ? TRI_UNKNOWN : certificationTest(node.test, certifications, offsets[i], offsets[i + 1], code, this.evaluationYmd, node.year, node.years, node.levelMask);
    }
  }

  // ------------------------------------------------------------------ expressions

  private expr(expr: BoundExpr): Vec {
    const n = this.n;
    switch (expr.k) {
      case 'const':
        return constant(expr.value, unitScale(expr.unit));
      case 'fact':
        return this.fact(expr);
      case 'ratio': {
        const a = this.expr(expr.num);
        const b = this.expr(expr.den);
        const st = this.context.u8();
        const { num: bn, st: bs, cn: bcn } = b;
        const as = a.st;
        for (let i = 0; i < n; i++) {
          const sb = bs === null ? 0 : bs[i];
          if (sb === VALUE_OK && (bn === null ? bcn : bn[i]) === 0) st[i] = VALUE_UNDEFINED;
          else st[i] = sb !== VALUE_OK || (as !== null && as[i] !== VALUE_OK) ? VALUE_MISSING : VALUE_OK;
        }
        // Both sides share a unit, so their scales cancel: the ratio is a.num / b.num.
        return { num: a.num, cn: a.cn, den: bn, cd: bcn, st, owned: [...a.owned, ...b.owned, st] };
      }
      case 'growth':
      case 'change': {
        const from = this.fact(expr.from);
        const to = this.fact(expr.to);
        const num = this.context.f64();
        const st = this.context.u8();
        const isGrowth = expr.k === 'growth';
        const { num: fn, st: fs, cn: fcn } = from;
        const { num: tn, st: ts, cn: tcn } = to;
        for (let i = 0; i < n; i++) {
          const sf = fs === null ? 0 : fs[i];
          const f = fn === null ? fcn : fn[i];
          if (isGrowth && sf === VALUE_OK && f === 0) {
            st[i] = VALUE_UNDEFINED;
            num[i] = 0;
          } else if (sf !== VALUE_OK || (ts !== null && ts[i] !== VALUE_OK)) {
            st[i] = VALUE_MISSING;
            num[i] = 0;
          } else {
            st[i] = VALUE_OK;
            num[i] = (tn === null ? tcn : tn[i]) - f;
          }
        }
        const owned = [...from.owned, ...to.owned, num, st];
        return isGrowth ? { num, cn: 0, den: fn, cd: fcn, st, owned } : { num, cn: 0, den: null, cd: from.cd, st, owned };
      }
      case 'sum': {
        const num = this.context.f64().fill(0);
        const st = this.context.u8().fill(VALUE_OK);
        for (const term of expr.terms) {
          const t = this.expr(term);
          const { num: tn, st: ts, cn } = t;
          for (let i = 0; i < n; i++) {
            if (ts !== null && ts[i] !== VALUE_OK) st[i] = VALUE_MISSING;
            else num[i] += tn === null ? cn : tn[i];
          }
          this.release(t);
        }
        return { num, cn: 0, den: null, cd: unitScale(expr.unit), st, owned: [num, st] };
      }
      case 'records': {
        const r = aggregateColumns(expr, this.columns.records?.get(expr.type.code), n, this.context.memo);
        return { num: r.num, cn: 0, den: r.den, cd: r.cd, st: r.st, owned: [] };
      }
      case 'window':
        return this.window(expr);
      case 'dateShift': {
        const { years, months, days } = expr;
        if (expr.of === null) return constant(shiftYmd(this.evaluationYmd, years, months, days), 1);
        const date = this.expr(expr.of);
        const num = this.context.f64();
        const { num: dn, cn, st } = date;
        for (let i = 0; i < n; i++) num[i] = st !== null && st[i] !== VALUE_OK ? 0 : shiftYmd(dn === null ? cn : dn[i], years, months, days);
        return { num, cn: 0, den: null, cd: 1, st, owned: [...date.owned, num] };
      }
      case 'yearsSince': {
        const date = this.fact(expr.of);
        const num = this.context.f64();
        const { num: dn, cn } = date;
        const today = this.evaluationYmd;
        for (let i = 0; i < n; i++) num[i] = Math.floor((today - (dn === null ? cn : dn[i])) / 10000);
        return { num, cn: 0, den: null, cd: 1, st: date.st, owned: [...date.owned, num] };
      }
    }
  }

  /** A window: per enterprise, the values of its periods go through windowValue (windows.ts), as in the scalar engine. */
  private window(expr: Extract<BoundExpr, { k: 'window' }>): Vec {
    const n = this.n;
    const k = expr.facts.length;
    const vs = expr.facts.map((fact) => this.fact(fact));
    const ws = expr.dens ? expr.dens.map((fact) => this.fact(fact)) : null;
    const num = this.context.f64();
    const den = this.context.f64();
    const st = this.context.u8();
    const v = new Float64Array(k);
    const vState = new Uint8Array(k);
    const w = ws ? new Float64Array(k) : null;
    const wState = ws ? new Uint8Array(k) : null;
    const out = { s: 0, n: 0, d: 1 };
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const a = vs[j];
        vState[j] = a.st === null ? VALUE_OK : a.st[i];
        v[j] = a.num === null ? a.cn : a.num[i];
        if (ws) {
          const b = ws[j];
          wState![j] = b.st === null ? VALUE_OK : b.st[i];
          w![j] = b.num === null ? b.cn : b.num[i];
        }
      }
      windowValue(expr.mode, expr.take, expr.last, v, vState, w, wState, expr.scale, out);
      st[i] = out.s;
      num[i] = out.n;
      den[i] = out.d;
    }
    this.release(...vs, ...(ws ?? []));
    return { num, cn: 0, den, cd: 1, st, owned: [num, den, st] };
  }

  /** A numeric fact: the column itself (no copy) or, for `latest`, the newest value per enterprise. */
  private fact(fact: BoundFact): Vec {
    const scale = unitScale(fact.unit);
    const period = fact.period;
    if (period === null || period.kind === 'fixed') {
      const column = this.numberColumn(columnKey(fact.def.code, period === null ? null : period.label));
      if (!column) return { num: null, cn: 0, den: null, cd: scale, st: this.context.allMissing, owned: [] };
      return { num: column.values, cn: 0, den: null, cd: scale, st: column.missing, owned: [] };
    }
    const candidates = this.latestLabels(fact)
      .map((label) => this.numberColumn(columnKey(fact.def.code, label)))
      .filter((column): column is NumberColumn => column !== null);
    if (candidates.length === 0) return { num: null, cn: 0, den: null, cd: scale, st: this.context.allMissing, owned: [] };
    if (candidates.length === 1) return { num: candidates[0].values, cn: 0, den: null, cd: scale, st: candidates[0].missing, owned: [] };
    // The newest value per enterprise; shared by every rule of the match that reads the same period.
    const key = `latest:${fact.def.code}:${period.max}:${period.min ?? ''}`;
    let latest = this.context.memo.get(key) as { num: Float64Array; st: Uint8Array } | undefined;
    if (!latest) {
      const num = new Float64Array(this.n);
      const st = new Uint8Array(this.n);
      for (let i = 0; i < this.n; i++) {
        st[i] = VALUE_MISSING;
        for (let j = 0; j < candidates.length; j++) {
          if (candidates[j].missing[i] === 0) {
            num[i] = candidates[j].values[i];
            st[i] = VALUE_OK;
            break;
          }
        }
      }
      latest = { num, st };
      this.context.memo.set(key, latest);
    }
    return { num: latest.num, cn: 0, den: null, cd: scale, st: latest.st, owned: [] };
  }

  /** Code columns a coded fact reads, newest first for `latest`. */
  private codeCandidates(fact: BoundFact): CodeColumn[] {
    const period = fact.period;
    if (period === null || period.kind === 'fixed') {
      const column = this.codeColumn(columnKey(fact.def.code, period === null ? null : period.label));
      return column ? [column] : [];
    }
    return this.latestLabels(fact)
      .map((label) => this.codeColumn(columnKey(fact.def.code, label)))
      .filter((column): column is CodeColumn => column !== null);
  }

  private latestLabels(fact: BoundFact): string[] {
    const period = fact.period;
    if (period === null || period.kind !== 'latest') return [];
    return (this.columns.labels.get(fact.def.code) ?? []).filter((label) => isLatestCandidate(label, period)).sort().reverse();
  }

  private numberColumn(key: string): NumberColumn | null {
    const column = this.columns.columns.get(key);
    return column && column.kind === 'number' ? column : null;
  }

  private codeColumn(key: string): CodeColumn | null {
    const column = this.columns.columns.get(key);
    return column && column.kind === 'code' ? column : null;
  }

  private release(...vecs: Vec[]): void {
    for (const vec of vecs) this.context.release(vec.owned);
  }
}
