/**
 * Amount forms beyond the fixed/tiered/percentage/per-head ones of benefit.ts (issue 12, items 2, 4, 5):
 *
 * - `{none: true}`: eligibility only (资格认定、荣誉称号、税收优惠) — nothing to pay; the bound is 0.
 * - `{upTo: X}`: 最高 X — the reviewer decides the amount within [0, X]; no certain estimate, the bound is X.
 * - `{compute: Calc, round?, cap?, floor?}`: an amount computed from facts with `times`, `divide`, `min`,
 *   `max` (每人每月 500元 × 人数 × 6个月; 上年度租金 × 50%，最高 20万元), exact rational arithmetic (BigInt)
 *   until one final rounding as the text says (to the fen, yuan or 万元; down or half up).
 * - `{cases: [{when, amount}], otherwise?}`: the first case whose condition holds pays its amount (首次认定
 *   vs 重新认定, 规上 vs 规下); an undecided condition before the first match leaves the amount unknown.
 * - tiers keyed by a yes/no fact (`{is: true, amount}`) or a coded fact (`{in: [...], amount}`): the first
 *   matching step pays.
 *
 * benefit.ts calls in here through one hook per function (validate, estimate, bound, maximum, render);
 * nested amounts are checked and estimated by benefit.ts itself (a one-amount benefit), so every form
 * nests in cases.
 */
import { formatFen, MONEY_MAX_FEN, type Fen } from '../money/money.ts';
import type { FactCatalogue } from './catalogue.ts';
import { evaluateOperand, evaluateRule, type ExplainedInput } from './evaluate.ts';
import { formatValue, renderExpr, renderRuleText, type Locale } from './explain/render.ts';
import type { MissingFact } from './missing.ts';
import type { ParameterSet } from './params.ts';
import { parseEvaluationDate } from './periods.ts';
import { Binder, type PrepareOptions } from './prepare.ts';
import type { AmountFormula, Benefit, Calc, Expr, MoneyConstant, RuleNode } from './schema.ts';
import type { EnterpriseFacts } from './facts.ts';
import { childPath, exprKind } from './tree.ts';
import { constantValue, type ValueUnit } from './units.ts';
import { validateExpr, validateRule, type RuleProblem } from './validate.ts';

type Json = Record<string, unknown>;
export type NoneAmount = { none: true };
export type UpToAmount = { upTo: MoneyConstant };
export type ComputeAmount = Extract<AmountFormula, { compute: unknown }>;
export type CasesAmount = Extract<AmountFormula, { cases: unknown }>;
export type TiersAmount = Extract<AmountFormula, { tiers: unknown }>;
export type KeyedStep = { is: boolean; amount: MoneyConstant } | { in: string[]; amount: MoneyConstant };
export type ExtendedAmount = NoneAmount | UpToAmount | ComputeAmount | CasesAmount | TiersAmount;

const both = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
const isKeyedStep = (step: object): step is KeyedStep => 'is' in step || 'in' in step;

/** Whether the amount is one of the forms of this file (keyed tiers included); benefit.ts handles the rest. */
/** (Typed as the non-tier forms so benefit.ts keeps its threshold tiers; keyed tiers also answer true.) */
export function isExtendedAmount(amount: AmountFormula): amount is NoneAmount | UpToAmount | ComputeAmount | CasesAmount {
  if ('none' in amount || 'upTo' in amount || 'compute' in amount || 'cases' in amount) return true;
  return 'tiers' in amount && Array.isArray(amount.tiers.steps) && amount.tiers.steps.some((step) => isKeyedStep(step));
}

/** What kind of payment a benefit describes: an amount, nothing (eligibility only), or 最高 X (reviewer decides). */
export type AmountKind = 'amount' | 'none' | 'upTo';

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface AmountValidationContext {
  catalogue: FactCatalogue;
  params: ParameterSet;
  /** Validates a nested amount as a one-amount benefit (paths from "/amount"). */
  nested: (amount: AmountFormula) => RuleProblem[];
}

const rebase = (problems: RuleProblem[], from: string, to: string): RuleProblem[] =>
  problems.map((p) => ({ ...p, path: p.path === from || p.path.startsWith(`${from}/`) ? to + p.path.slice(from.length) : `${to}${p.path}` }));

function moneyProblem(constant: unknown, path: string, problems: RuleProblem[]): number | null {
  try {
    const fen = constantValue(constant as MoneyConstant);
    if (!Number.isInteger(fen) || !('fen' in (constant as Json) || 'yuan' in (constant as Json) || 'wan' in (constant as Json) || 'yi' in (constant as Json))) {
      problems.push({ path, code: 'bad_constant', message: 'an amount of money ({fen}, {yuan}, {wan} or {yi})' });
      return null;
    }
    if (fen < 0) {
      problems.push({ path, code: 'bad_constant', message: 'an amount is not negative' });
      return null;
    }
    if (fen > MONEY_MAX_FEN) {
      problems.push({ path, code: 'bad_constant', message: `at most ${formatFen(MONEY_MAX_FEN)} (${MONEY_MAX_FEN} fen)` });
      return null;
    }
    return fen;
  } catch (error) {
    problems.push({ path, code: 'bad_constant', message: (error as Error).message });
    return null;
  }
}

/** Units a calculation may multiply money by (dimensionless counts); ratios scale by 1/10000. */
const FACTOR_UNITS: ReadonlySet<ValueUnit> = new Set(['person', 'count', 'bp', 'years', 'kwh']);

/** Checks a calculation; returns its unit ('fen' for money, 'factor' for a dimensionless count or ratio) or null. */
function validateCalc(calc: unknown, path: string, ctx: AmountValidationContext, problems: RuleProblem[]): 'fen' | 'factor' | null {
  if (calc === null || typeof calc !== 'object' || Array.isArray(calc)) {
    problems.push({ path, code: 'invalid_node', message: 'a calculation must be an object' });
    return null;
  }
  const node = calc as Json;
  const list = (key: string, min: number): unknown[] | null => {
    const items = node[key];
    if (!Array.isArray(items) || items.length < min) {
      problems.push({ path: childPath(path, key), code: 'missing_argument', message: `${key} needs at least ${min} terms` });
      return null;
    }
    if (Object.keys(node).length !== 1) problems.push({ path, code: 'invalid_node', message: `unexpected keys beside "${key}"` });
    return items;
  };
  if ('times' in node) {
    const items = list('times', 2);
    if (!items) return null;
    const units = items.map((item, i) => validateCalc(item, childPath(path, 'times', i), ctx, problems));
    if (units.includes(null)) return null;
    const money = units.filter((u) => u === 'fen').length;
    if (money > 1) problems.push({ path: childPath(path, 'times'), code: 'unit_mismatch', message: 'money times money is not an amount: at most one factor is money' });
    return money >= 1 ? 'fen' : 'factor';
  }
  if ('divide' in node) {
    const items = node.divide;
    if (!Array.isArray(items) || items.length !== 2) {
      problems.push({ path: childPath(path, 'divide'), code: 'missing_argument', message: 'divide needs [dividend, divisor]' });
      return null;
    }
    const a = validateCalc(items[0], childPath(path, 'divide', 0), ctx, problems);
    const b = validateCalc(items[1], childPath(path, 'divide', 1), ctx, problems);
    if (b === 'fen') problems.push({ path: childPath(path, 'divide', 1), code: 'unit_mismatch', message: 'divide by a count, people or a ratio, not by money' });
    return a;
  }
  for (const key of ['min', 'max'] as const) {
    if (key in node) {
      const items = list(key, 2);
      if (!items) return null;
      const units = items.map((item, i) => validateCalc(item, childPath(path, key, i), ctx, problems));
      if (units.includes(null)) return null;
      if (new Set(units).size > 1) problems.push({ path: childPath(path, key), code: 'unit_mismatch', message: `${key} compares amounts of one unit: all money or all counts` });
      return units[0];
    }
  }
  const result = validateExpr(calc, path, ctx.catalogue, ctx.params);
  problems.push(...result.problems);
  if (!result.unit) return null;
  if (result.unit === 'fen') return 'fen';
  if (FACTOR_UNITS.has(result.unit)) return 'factor';
  problems.push({ path, code: 'unit_mismatch', message: `a calculation takes money, people, counts or ratios, not ${result.unit}` });
  return null;
}

/** Save-time checks of an extended amount at `path` (e.g. "/amount"). */
export function validateExtendedAmount(amount: ExtendedAmount, path: string, ctx: AmountValidationContext): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const a = amount as unknown as Json;
  const keys = (allowed: string[]) => {
    for (const key of Object.keys(a)) if (!allowed.includes(key)) problems.push({ path, code: 'invalid_node', message: `unexpected key "${key}"` });
  };
  if ('none' in a) {
    keys(['none']);
    if (a.none !== true) problems.push({ path: childPath(path, 'none'), code: 'invalid_node', message: 'none must be true (eligibility only)' });
  } else if ('upTo' in a) {
    keys(['upTo']);
    const cap = moneyProblem(a.upTo, childPath(path, 'upTo'), problems);
    if (cap === 0) problems.push({ path: childPath(path, 'upTo'), code: 'bad_bounds', message: 'an "up to" amount above zero; use {none: true} for eligibility only' });
  } else if ('compute' in a) {
    keys(['compute', 'round', 'cap', 'floor']);
    const unit = validateCalc(a.compute, childPath(path, 'compute'), ctx, problems);
    if (unit === 'factor') problems.push({ path: childPath(path, 'compute'), code: 'unit_mismatch', message: 'the calculation must give money: multiply by an amount per person, per month …' });
    const cap = a.cap === undefined ? null : moneyProblem(a.cap, childPath(path, 'cap'), problems);
    const floor = a.floor === undefined ? null : moneyProblem(a.floor, childPath(path, 'floor'), problems);
    if (cap !== null && floor !== null && floor > cap) problems.push({ path, code: 'bad_bounds', message: 'the floor is above the cap' });
    if (a.round !== undefined) {
      const round = a.round as Json;
      if (!['fen', 'yuan', 'wan'].includes(round?.to as string) || !['down', 'halfUp'].includes(round?.mode as string)) {
        problems.push({ path: childPath(path, 'round'), code: 'invalid_node', message: 'round needs {to: fen|yuan|wan, mode: down|halfUp}' });
      }
    }
  } else if ('cases' in a) {
    keys(['cases', 'otherwise']);
    const cases = a.cases;
    if (!Array.isArray(cases) || cases.length === 0) problems.push({ path: childPath(path, 'cases'), code: 'empty_group', message: 'cases need at least one {when, amount}' });
    else
      cases.forEach((c: unknown, i: number) => {
        const casePath = childPath(path, 'cases', i);
        if (c === null || typeof c !== 'object' || !('when' in c) || !('amount' in c)) {
          problems.push({ path: casePath, code: 'missing_argument', message: 'a case needs {when, amount}' });
          return;
        }
        for (const key of Object.keys(c)) if (!['when', 'amount', 'clause'].includes(key)) problems.push({ path: casePath, code: 'invalid_node', message: `unexpected key "${key}"` });
        problems.push(...validateRule((c as Json).when, ctx.catalogue, { params: ctx.params }).map((p) => ({ ...p, path: childPath(casePath, 'when') + p.path })));
        problems.push(...rebase(ctx.nested((c as Json).amount as AmountFormula), '/amount', childPath(casePath, 'amount')));
      });
    if (a.otherwise !== undefined) problems.push(...rebase(ctx.nested(a.otherwise as AmountFormula), '/amount', childPath(path, 'otherwise')));
  } else if ('tiers' in a) {
    const tiers = amount as TiersAmount;
    const byPath = childPath(path, 'tiers', 'by');
    const by = tiers.tiers.by as Json;
    const steps = tiers.tiers.steps as object[];
    const keyed = steps.filter(isKeyedStep);
    if (keyed.length !== steps.length) problems.push({ path: childPath(path, 'tiers', 'steps'), code: 'invalid_node', message: 'keyed steps ({is} or {in}) cannot be mixed with thresholds ({atLeast}, {above})' });
    const result = validateExpr(by, byPath, ctx.catalogue, ctx.params);
    problems.push(...result.problems);
    if (exprKind(by) !== 'fact') problems.push({ path: byPath, code: 'invalid_node', message: 'keyed tiers read a yes/no or coded fact' });
    steps.forEach((step, i) => {
      const stepPath = childPath(path, 'tiers', 'steps', i);
      moneyProblem((step as Json).amount, childPath(stepPath, 'amount'), problems);
      if ('is' in step) {
        if (typeof step.is !== 'boolean') problems.push({ path: childPath(stepPath, 'is'), code: 'invalid_node', message: 'is must be true or false' });
        if (result.unit && result.unit !== 'boolean') problems.push({ path: childPath(stepPath, 'is'), code: 'unit_mismatch', message: `{is} needs a yes/no fact, not ${result.unit}` });
      } else if ('in' in step) {
        if (!Array.isArray(step.in) || step.in.length === 0 || step.in.some((code) => typeof code !== 'string')) problems.push({ path: childPath(stepPath, 'in'), code: 'invalid_node', message: 'in needs a list of codes' });
        if (result.unit && result.unit !== 'code') problems.push({ path: childPath(stepPath, 'in'), code: 'unit_mismatch', message: `{in} needs a coded fact, not ${result.unit}` });
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Estimation
// ---------------------------------------------------------------------------------------------

export interface EstimateContext {
  facts: EnterpriseFacts;
  options: PrepareOptions & { catalogue: FactCatalogue; params: ParameterSet };
  inputs: ExplainedInput[];
  missingFacts: MissingFact[];
  /** Estimates a nested amount as a one-amount benefit. */
  nested: (amount: AmountFormula) => NestedEstimate;
}

export interface NestedEstimate {
  status: 'known' | 'unknown';
  amountFen: Fen | null;
  kind?: AmountKind;
  upToFen?: Fen | null;
  /** The bound of this amount for the enterprise (the matching case's, for cases). */
  boundFen?: Fen | null;
  schedule: { year: number; amountFen: Fen }[];
  formula: { zh: string; en: string };
  inputs: ExplainedInput[];
  missingFacts: MissingFact[];
}

export type ExtendedResult =
  | { status: 'unknown'; zh: string; en: string }
  | { status: 'final'; kind: 'none' | 'upTo'; amountFen: Fen | null; upToFen: Fen | null; formula: { zh: string; en: string }; boundFen?: Fen | null }
  | { status: 'known'; total: Fen; yearly: Fen[] | null; describe: (l: Locale) => string; boundFen?: Fen | null };

/** A rational n/d with BigInt parts (d > 0). */
interface Q {
  n: bigint;
  d: bigint;
}
const q = (n: bigint, d = 1n): Q => (d < 0n ? { n: -n, d: -d } : { n, d });
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const cmp = (a: Q, b: Q) => (a.n * b.d < b.n * a.d ? -1 : a.n * b.d > b.n * a.d ? 1 : 0);
function fromNumber(value: number): Q {
  if (Number.isInteger(value)) return q(BigInt(value));
  // A ratio of facts (bp, fractional): exact to 1e-6 bp.
  return q(BigInt(Math.round(value * 1_000_000)), 1_000_000n);
}

/** Rounds a non-negative rational amount of fen as the text says. */
export function roundFen(value: Q, to: 'fen' | 'yuan' | 'wan' = 'fen', mode: 'down' | 'halfUp' = 'down'): Fen {
  const unit = to === 'fen' ? 1n : to === 'yuan' ? 100n : 1_000_000n;
  const scaled = value.d * unit;
  let units = value.n / scaled;
  if (mode === 'halfUp' && (value.n % scaled) * 2n >= scaled) units += 1n;
  return Number(units * unit);
}

function evaluateCalc(calc: Calc, path: string, binder: Binder, ctx: EstimateContext): { q: Q | null; state: 'ok' | 'missing' | 'undefined'; unit: 'fen' | 'factor' } {
  const node = calc as Json;
  const combine = (items: Calc[], key: string) => items.map((item, i) => evaluateCalc(item, childPath(path, key, i), binder, ctx));
  const worst = (parts: { state: string }[]) => (parts.some((p) => p.state === 'missing') ? 'missing' : parts.some((p) => p.state === 'undefined') ? 'undefined' : 'ok');
  if ('times' in node) {
    const parts = combine(node.times as Calc[], 'times');
    const state = worst(parts);
    const unit = parts.some((p) => p.unit === 'fen') ? 'fen' : 'factor';
    return { q: state === 'ok' ? parts.reduce((acc, p) => mul(acc, p.q!), q(1n)) : null, state, unit };
  }
  if ('divide' in node) {
    const [a, b] = combine(node.divide as Calc[], 'divide');
    const state = worst([a, b]);
    if (state !== 'ok') return { q: null, state, unit: a.unit };
    if (b.q!.n === 0n) return { q: null, state: 'undefined', unit: a.unit };
    return { q: q(a.q!.n * b.q!.d, a.q!.d * b.q!.n), state: 'ok', unit: a.unit };
  }
  for (const key of ['min', 'max'] as const) {
    if (key in node) {
      const parts = combine(node[key] as Calc[], key);
      const state = worst(parts);
      if (state !== 'ok') return { q: null, state, unit: parts[0].unit };
      const pick = parts.reduce((best, p) => ((key === 'min' ? cmp(p.q!, best.q!) < 0 : cmp(p.q!, best.q!) > 0) ? p : best));
      return { q: pick.q, state: 'ok', unit: parts[0].unit };
    }
  }
  const bound = binder.expr(calc as Expr, path);
  const { operand, missing } = evaluateOperand(bound, ctx.facts, binder.date.ymd);
  ctx.inputs.push(...operand.inputs);
  ctx.missingFacts.push(...missing);
  const unit = bound.unit === 'fen' ? 'fen' : 'factor';
  if (operand.state !== 'ok' || operand.value === null) return { q: null, state: operand.state === 'ok' ? 'missing' : operand.state, unit };
  const value = fromNumber(operand.value);
  // Ratios are in basis points: 50% is 5000 bp, a factor of 1/2.
  return { q: bound.unit === 'bp' ? mul(value, q(1n, 10_000n)) : value, state: 'ok', unit };
}

/** Words of a calculation: "(每人每月 500元 × 上年度从业人数) ÷ 12". */
export function renderCalc(calc: Calc, locale: Locale, render: { catalogue?: FactCatalogue; params?: ParameterSet; evaluationDate?: string }, path = ''): string {
  const node = calc as Json;
  const inner = (item: Calc, key: string, i: number) => {
    const text = renderCalc(item, locale, render, childPath(path, key, i));
    return 'times' in (item as Json) || 'divide' in (item as Json) ? `(${text})` : text;
  };
  if ('times' in node) return (node.times as Calc[]).map((c, i) => inner(c, 'times', i)).join(' × ');
  if ('divide' in node) return (node.divide as Calc[]).map((c, i) => inner(c, 'divide', i)).join(' ÷ ');
  if ('min' in node) return both(locale, `取低值(${(node.min as Calc[]).map((c, i) => inner(c, 'min', i)).join('，')})`, `min(${(node.min as Calc[]).map((c, i) => inner(c, 'min', i)).join(', ')})`);
  if ('max' in node) return both(locale, `取高值(${(node.max as Calc[]).map((c, i) => inner(c, 'max', i)).join('，')})`, `max(${(node.max as Calc[]).map((c, i) => inner(c, 'max', i)).join(', ')})`);
  return renderExpr(calc as Expr, { ...render, locale }, path);
}

const ROUND_TEXT = {
  fen: { down: ['', ''], halfUp: ['', ''] },
  yuan: { down: ['，元以下舍去', ', rounded down to the yuan'], halfUp: ['，四舍五入到元', ', rounded to the yuan'] },
  wan: { down: ['，向下取整到万元', ', rounded down to 10,000 yuan'], halfUp: ['，四舍五入到万元', ', rounded to 10,000 yuan'] },
} as const;

/** Estimates an extended amount for one enterprise. */
export function estimateExtended(amount: ExtendedAmount, ctx: EstimateContext): ExtendedResult {
  const fmt = (fen: Fen, l: Locale) => formatFen(fen, l);
  const binder = new Binder(ctx.options.catalogue, ctx.options.params, parseEvaluationDate(ctx.options.evaluationDate));
  const render = { catalogue: ctx.options.catalogue, params: ctx.options.params, evaluationDate: ctx.options.evaluationDate };
  if ('none' in amount) {
    return { status: 'final', kind: 'none', amountFen: 0, upToFen: null, formula: { zh: '资格认定类政策，不涉及资金', en: 'Eligibility only: no money is paid' } };
  }
  if ('upTo' in amount) {
    const cap = constantValue(amount.upTo);
    return { status: 'final', kind: 'upTo', amountFen: null, upToFen: cap, formula: { zh: `最高 ${fmt(cap, 'zh-CN')}，具体金额由评审核定`, en: `Up to ${fmt(cap, 'en-US')}, the amount decided on review` } };
  }
  if ('compute' in amount) {
    const result = evaluateCalc(amount.compute, '/amount/compute', binder, ctx);
    const text = (l: Locale) => renderCalc(amount.compute, l, render, '/amount/compute');
    if (result.state === 'missing') return { status: 'unknown', zh: `${text('zh-CN')}：数据缺失，无法计算`, en: `${text('en-US')}: data missing, cannot compute` };
    if (result.state === 'undefined') return { status: 'unknown', zh: `${text('zh-CN')}：除数为零，无法计算`, en: `${text('en-US')}: division by zero` };
    const raw = result.q!.n < 0n ? 0 : roundFen(result.q!, amount.round?.to, amount.round?.mode);
    const capped = amount.cap ? Math.min(raw, constantValue(amount.cap)) : raw;
    const total = Math.min(MONEY_MAX_FEN, amount.floor ? Math.max(capped, constantValue(amount.floor)) : capped);
    const values = new Map(ctx.inputs.map((input) => [input.fact, input.value]));
    return {
      status: 'known',
      total,
      yearly: null,
      describe: (l) => {
        const round = ROUND_TEXT[amount.round?.to ?? 'fen'][amount.round?.mode ?? 'down'][l === 'zh-CN' ? 0 : 1];
        const facts = [...values].filter(([, v]) => typeof v === 'number').map(([fact, v]) => {
          const def = ctx.options.catalogue.facts.get(fact);
          return `${def ? (l === 'zh-CN' ? def.nameZh : def.nameEn) : fact} ${formatValue(v as number, def?.unit ?? 'count', l)}`;
        });
        let line = `${text(l)}${facts.length ? both(l, `（${facts.join('，')}）`, ` (${facts.join(', ')})`) : ''} = ${fmt(raw, l)}${round}`;
        if (capped !== raw) line += both(l, `，封顶 ${fmt(capped, l)}`, `, capped at ${fmt(capped, l)}`);
        if (total !== capped) line += both(l, `，保底 ${fmt(total, l)}`, `, floor ${fmt(total, l)}`);
        return total !== raw ? `${line} → ${fmt(total, l)}` : line;
      },
    };
  }
  if ('cases' in amount) {
    for (let i = 0; i < amount.cases.length; i++) {
      const c = amount.cases[i];
      const result = evaluateRule(c.when as RuleNode, ctx.facts, ctx.options);
      const condition = (l: Locale) => renderRuleText(c.when as RuleNode, { ...render, locale: l }).replace(/\n\s*/g, ' ');
      if (result.outcome === 'unknown') {
        ctx.missingFacts.push(...result.missingFacts.map(({ fact, period }) => ({ fact, period })));
        return { status: 'unknown', zh: `第 ${i + 1} 种情形（${condition('zh-CN')}）尚无法判断`, en: `Case ${i + 1} (${condition('en-US')}) cannot be decided yet` };
      }
      if (result.outcome === 'eligible') return fromNested(ctx.nested(c.amount as AmountFormula), ctx, (l) => both(l, `适用情形 ${i + 1}（${condition(l)}）：`, `Case ${i + 1} applies (${condition(l)}): `));
    }
    if (amount.otherwise) return fromNested(ctx.nested(amount.otherwise as AmountFormula), ctx, (l) => both(l, '不属于所列情形，按其他情形：', 'No listed case applies, otherwise: '));
    return { status: 'known', total: 0, yearly: null, describe: (l) => both(l, '不属于任何所列情形 → 0', 'No case applies → 0'), boundFen: 0 };
  }
  // Keyed tiers: the first step whose code or yes/no value matches pays.
  const tiers = amount.tiers;
  const bound = binder.expr(tiers.by, '/amount/tiers/by');
  const { operand, missing } = evaluateOperand(bound, ctx.facts, binder.date.ymd);
  ctx.inputs.push(...operand.inputs);
  ctx.missingFacts.push(...missing);
  const name = (l: Locale) => renderExpr(tiers.by, { ...render, locale: l }, '/amount/tiers/by');
  const raw = operand.inputs[0]?.value ?? null;
  if (raw === null) return { status: 'unknown', zh: `${name('zh-CN')}缺失，无法确定档次`, en: `${name('en-US')} is missing: tier unknown` };
  const steps = tiers.steps as unknown as KeyedStep[];
  const index = steps.findIndex((step) => ('is' in step ? (Number(raw) !== 0) === step.is : step.in.includes(String(raw))));
  const total = index < 0 ? 0 : constantValue(steps[index].amount);
  const shown = (l: Locale) => (bound.unit === 'boolean' ? formatValue(Number(raw), 'boolean', l) : String(raw));
  return {
    status: 'known',
    total,
    yearly: null,
    describe: (l) => (index < 0 ? both(l, `${name(l)}：${shown(l)}，不属于所列档次 → 0`, `${name(l)}: ${shown(l)}, no tier applies → 0`) : both(l, `${name(l)}：${shown(l)} → ${fmt(total, l)}`, `${name(l)}: ${shown(l)} → ${fmt(total, l)}`)),
  };
}

function fromNested(nested: NestedEstimate, ctx: EstimateContext, prefix: (l: Locale) => string): ExtendedResult {
  ctx.inputs.push(...nested.inputs);
  ctx.missingFacts.push(...nested.missingFacts);
  if (nested.status === 'unknown') return { status: 'unknown', zh: prefix('zh-CN') + nested.formula.zh, en: prefix('en-US') + nested.formula.en };
  if (nested.kind === 'none' || nested.kind === 'upTo') {
    return { status: 'final', kind: nested.kind, amountFen: nested.amountFen, upToFen: nested.upToFen ?? null, formula: { zh: prefix('zh-CN') + nested.formula.zh, en: prefix('en-US') + nested.formula.en }, boundFen: nested.boundFen };
  }
  const yearly = nested.schedule.length > 1 ? nested.schedule.map((p) => p.amountFen) : null;
  const zh = nested.formula.zh;
  const en = nested.formula.en;
  return { status: 'known', total: nested.amountFen!, yearly, describe: (l) => prefix(l) + (l === 'zh-CN' ? zh : en), boundFen: nested.boundFen };
}

// ---------------------------------------------------------------------------------------------
// Bounds, maxima, words
// ---------------------------------------------------------------------------------------------

/**
 * The bound of an extended amount (see benefitBound): 0 for eligibility only, the cap for 最高 X and for a
 * capped computation (the reviewer may correct the base upwards, never beyond the cap), the estimate for an
 * uncapped computation and for keyed tiers; for cases, without the enterprise's facts, the largest bound of
 * any case given the estimate — never below the matching case's bound. The bound for one enterprise is the
 * MATCHING case's (issue 12): estimateBenefit carries it as `boundFen` (see estimateBound in benefit.ts), and
 * an application keeps it from its submission. `nestedBound` is benefitBound of a one-amount benefit.
 */
export function extendedBound(amount: ExtendedAmount, estimateFen: Fen | null, nestedBound: (amount: AmountFormula, estimateFen: Fen | null) => Fen | null, maximum: (amount: AmountFormula) => Fen | null): Fen | null {
  if ('none' in amount) return 0;
  if ('upTo' in amount) return constantValue(amount.upTo);
  if ('compute' in amount) return amount.cap ? constantValue(amount.cap) : estimateFen;
  if ('cases' in amount) {
    const all = [...amount.cases.map((c) => c.amount as AmountFormula), ...(amount.otherwise ? [amount.otherwise as AmountFormula] : [])];
    const bounds = all.map((a) => nestedBound(a, estimateFen));
    if (bounds.some((b) => b === null)) return null;
    return Math.max(0, ...(bounds as Fen[]));
  }
  return estimateFen ?? maximum(amount as AmountFormula);
}

/** The most an extended amount pays any enterprise; null when nothing bounds it. */
export function extendedMaximum(amount: ExtendedAmount, nestedMaximum: (amount: AmountFormula) => Fen | null): Fen | null {
  if ('none' in amount) return 0;
  if ('upTo' in amount) return constantValue(amount.upTo);
  if ('compute' in amount) return amount.cap ? constantValue(amount.cap) : null;
  if ('cases' in amount) {
    const all = [...amount.cases.map((c) => c.amount as AmountFormula), ...(amount.otherwise ? [amount.otherwise as AmountFormula] : [])];
    const maxima = all.map(nestedMaximum);
    if (maxima.some((m) => m === null)) return null;
    return Math.max(0, ...(maxima as Fen[]));
  }
  return Math.max(0, ...(amount.tiers.steps as unknown as KeyedStep[]).map((step) => constantValue(step.amount)));
}

/** The kind of payment of a benefit: none (eligibility only), upTo (最高 X, all cases) or an amount. */
export function amountKindOf(benefit: Benefit): AmountKind {
  const amount = benefit.amount;
  if ('none' in amount) return 'none';
  if ('upTo' in amount) return 'upTo';
  return 'amount';
}

/** Words of an extended amount without an enterprise. */
export function renderExtended(amount: ExtendedAmount, l: Locale, render: { catalogue?: FactCatalogue; params?: ParameterSet; evaluationDate?: string }, nested: (amount: AmountFormula) => string): string {
  const fmt = (constant: MoneyConstant) => formatFen(constantValue(constant), l);
  if ('none' in amount) return both(l, '资格认定类政策，不涉及资金', 'Eligibility only: no money is paid');
  if ('upTo' in amount) return both(l, `最高 ${fmt(amount.upTo)}，具体金额由评审核定`, `Up to ${fmt(amount.upTo)}, the amount decided on review`);
  if ('compute' in amount) {
    let text = renderCalc(amount.compute, l, render, '/amount/compute') + ROUND_TEXT[amount.round?.to ?? 'fen'][amount.round?.mode ?? 'down'][l === 'zh-CN' ? 0 : 1];
    if (amount.cap) text += both(l, `，最高 ${fmt(amount.cap)}`, `, at most ${fmt(amount.cap)}`);
    if (amount.floor) text += both(l, `，最低 ${fmt(amount.floor)}`, `, at least ${fmt(amount.floor)}`);
    return text;
  }
  if ('cases' in amount) {
    const parts = amount.cases.map((c) => `${both(l, '符合', 'when ')}${renderRuleText(c.when as RuleNode, { ...render, locale: l }).replace(/\n\s*/g, ' ')}${both(l, '的：', ': ')}${nested(c.amount as AmountFormula)}`);
    if (amount.otherwise) parts.push(`${both(l, '其他：', 'otherwise: ')}${nested(amount.otherwise as AmountFormula)}`);
    return parts.join(both(l, '；', '; '));
  }
  const by = renderExpr(amount.tiers.by, { ...render, locale: l });
  const steps = (amount.tiers.steps as unknown as KeyedStep[]).map((step) => `${'is' in step ? formatValue(step.is ? 1 : 0, 'boolean', l) : step.in.join(l === 'zh-CN' ? '、' : ', ')} → ${fmt(step.amount)}`);
  return both(l, `按${by}：${steps.join('；')}`, `By ${by}: ${steps.join('; ')}`);
}
