/**
 * Benefit formulas: how much an eligible enterprise receives and in which years. Every amount is
 * integer fen computed with the money module (percentOfFen, multiplyFen, allocateFen), so a yearly
 * schedule always adds up to the total exactly. A formula whose input is missing gives an unknown
 * estimate with the missing facts, never a guess.
 */
import { allocateFen, formatFen, MONEY_MAX_FEN, multiplyFen, percentOfFen, sumFen, type Fen } from '../money/money.ts';
import { DEFAULT_CATALOGUE, type FactCatalogue } from './catalogue.ts';
import { evaluateOperand, type ExplainedInput } from './evaluate.ts';
import { formatValue, renderExpr, type Locale } from './explain/render.ts';
import type { MissingFact } from './missing.ts';
import { parseEvaluationDate, resolveYear } from './periods.ts';
import { Binder, type PrepareOptions, RuleValidationError } from './prepare.ts';
import type { Benefit, Expr, MoneyConstant, ParameterDefinition } from './schema.ts';
import type { EnterpriseFacts } from './facts.ts';
import { benefitStructureProblems } from './structure.ts';
import { exprKind } from './tree.ts';
import { constantValue } from './units.ts';
import { toParameterSet, validateExpr, type RuleProblem } from './validate.ts';
import { estimatePerRecord, perRecordMaximum, renderPerRecord, validatePerRecord } from './records.benefit.ts';
import { estimateExtended, extendedBound, extendedMaximum, isExtendedAmount, renderExtended, validateExtendedAmount, type AmountKind, type ExtendedAmount } from './amounts.ts';
import type { ParameterSet } from './params.ts';

export interface BenefitEstimate {
  status: 'known' | 'unknown';
  /** Total in fen; null when unknown. */
  amountFen: Fen | null;
  /** Payments by calendar year; they add up to amountFen exactly. Empty when unknown. */
  schedule: { year: number; amountFen: Fen }[];
  /** The computation with its numbers, e.g. "2,350万元 × 3% = 70.5万元，封顶 50万元 → 50万元". */
  formula: { zh: string; en: string };
  inputs: ExplainedInput[];
  missingFacts: MissingFact[];
  /** none: eligibility only (nothing to pay); upTo: 最高 X, the reviewer decides (amountFen null, upToFen X). Absent: an amount. */
  kind?: AmountKind;
  /** The cap of a 最高 X amount; absent otherwise. */
  upToFen?: Fen | null;
  /**
   * The bound of this enterprise's amount when it depends on which case matched (cases: the matching
   * case's bound, issue 12); absent otherwise — then benefitBound(benefit, amountFen). Read it with estimateBound.
   */
  boundFen?: Fen | null;
}

const money = (constant: MoneyConstant): Fen => constantValue(constant);
const both = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

/**
 * Validates a benefit formula: money where money is due, increasing tiers, a money base for
 * percentages, a head count for per-head sums, sensible caps and splits.
 */
export function validateBenefit(
  benefit: Benefit | unknown,
  catalogue: FactCatalogue = DEFAULT_CATALOGUE,
  params: ParameterSet | readonly ParameterDefinition[] = [],
): RuleProblem[] {
  // The shape first, against the schema the server serves (issue 12): an unknown key such as `when`
  // or an amount of another kind is refused here, not paid unconditionally or thrown on later.
  const structure = benefitStructureProblems(benefit);
  if (structure.length > 0) return structure;
  return validateBenefitSemantics(benefit as Benefit, catalogue, params);
}

function validateBenefitSemantics(benefit: Benefit, catalogue: FactCatalogue, params: ParameterSet | readonly ParameterDefinition[]): RuleProblem[] {
  const set = toParameterSet(params);
  const problems: RuleProblem[] = [];
  const add = (path: string, code: RuleProblem['code'], message: string) => problems.push({ path, code, message });
  const moneyOf = (constant: MoneyConstant, path: string): number | null => {
    try {
      const fen = money(constant);
      // Bounded money (issue 13): no benefit pays more than the platform accepts anywhere.
      if (fen > MONEY_MAX_FEN) {
        add(path, 'bad_constant', `at most ${formatFen(MONEY_MAX_FEN)} (${MONEY_MAX_FEN} fen)`);
        return null;
      }
      return fen;
    } catch (error) {
      add(path, 'bad_constant', (error as Error).message);
      return null;
    }
  };
  const expr = (value: Expr, path: string) => {
    const result = validateExpr(value, path, catalogue, set);
    problems.push(...result.problems);
    return result.unit;
  };
  const amount = benefit.amount;
  if (isExtendedAmount(amount)) {
    problems.push(...validateExtendedAmount(amount as ExtendedAmount, '/amount', { catalogue, params: set, nested: (nested) => validateBenefit({ amount: nested }, catalogue, set) }));
    if (benefit.split && ('none' in amount || 'upTo' in amount)) add('/split', 'invalid_node', 'nothing to split: the amount is not computed');
  } else if ('fixed' in amount) moneyOf(amount.fixed, '/amount/fixed');
  else if ('installments' in amount) {
    amount.installments.forEach((c, i) => moneyOf(c, `/amount/installments/${i}`));
    if (benefit.split) add('/split', 'invalid_node', 'installments already say how much each year receives; remove split');
  } else if ('tiers' in amount) {
    const unit = expr(amount.tiers.by, '/amount/tiers/by');
    // Tiers rise by their limit, and at one limit an inclusive step (≥ 5000万) may be followed by an
    // exclusive one (> 5000万): each step is (limit, 0 for atLeast / 1 for above), in increasing order.
    let previous: [number, number] | null = null;
    amount.tiers.steps.forEach((step, i) => {
      const path = `/amount/tiers/steps/${i}`;
      const limit = 'atLeast' in step ? step.atLeast : (step as { above: Expr }).above;
      const limitPath = `${path}/${'atLeast' in step ? 'atLeast' : 'above'}`;
      const limitUnit = expr(limit, limitPath);
      if (unit && limitUnit && unit !== limitUnit) add(limitPath, 'unit_mismatch', `the tier is in ${limitUnit} but the fact is in ${unit}`);
      if (exprKind(limit) !== 'constant' && exprKind(limit) !== 'param') add(limitPath, 'not_constant', 'tier limits must be constants or parameters');
      moneyOf(step.amount, `${path}/amount`);
      if (exprKind(limit) === 'constant') {
        const key: [number, number] = [constantValue(limit as never), 'atLeast' in step ? 0 : 1];
        if (previous !== null && (key[0] < previous[0] || (key[0] === previous[0] && key[1] <= previous[1]))) {
          add(limitPath, 'bad_bounds', 'tiers must be in increasing order');
        }
        previous = key;
      }
    });
  } else if ('percentOf' in amount) {
    const unit = expr(amount.percentOf, '/amount/percentOf');
    if (unit && unit !== 'fen') add('/amount/percentOf', 'unit_mismatch', `a percentage of ${unit} is not an amount of money`);
    const cap = amount.cap ? moneyOf(amount.cap, '/amount/cap') : null;
    const floor = amount.floor ? moneyOf(amount.floor, '/amount/floor') : null;
    if (cap !== null && floor !== null && floor > cap) add('/amount', 'bad_bounds', 'the floor is above the cap');
    try {
      constantValue(amount.rate);
    } catch (error) {
      add('/amount/rate', 'bad_constant', (error as Error).message);
    }
  } else if ('perRecord' in amount) {
    problems.push(...validatePerRecord(amount, catalogue, moneyOf));
  } else if ('perHead' in amount) {
    moneyOf(amount.perHead, '/amount/perHead');
    const unit = expr(amount.count, '/amount/count');
    if (unit && unit !== 'person' && unit !== 'count') add('/amount/count', 'unit_mismatch', `a per-head sum needs a number of people, not ${unit}`);
    if (amount.cap) moneyOf(amount.cap, '/amount/cap');
  }
  if (benefit.split && benefit.split.reduce((a, b) => a + b, 0) === 0) add('/split', 'bad_bounds', 'split weights must not all be zero');
  return problems;
}

/**
 * Estimates the benefit of one enterprise on an evaluation date. The first payment falls in
 * `firstYear` (default: the evaluation year), later ones in the following years.
 * Throws RuleValidationError for an invalid formula.
 */
export function estimateBenefit(benefit: Benefit, facts: EnterpriseFacts, options: PrepareOptions): BenefitEstimate {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const params = toParameterSet(options.params);
  const problems = validateBenefit(benefit, catalogue, params);
  if (problems.length > 0) throw new RuleValidationError(problems);
  const date = parseEvaluationDate(options.evaluationDate);
  const binder = new Binder(catalogue, params, date);
  const render = { catalogue, params, evaluationDate: options.evaluationDate };
  const inputs: ExplainedInput[] = [];
  const missingFacts: MissingFact[] = [];
  /** Evaluates an expression: its value, or null with the state when missing or undefined (x / 0). */
  const value = (expr: Expr, path: string): { value: number | null; state: 'ok' | 'missing' | 'undefined' } => {
    const { operand, missing } = evaluateOperand(binder.expr(expr, path), facts, date.ymd);
    inputs.push(...operand.inputs);
    missingFacts.push(...missing);
    return { value: operand.value, state: operand.state };
  };
  const unknown = (zh: string, en: string): BenefitEstimate => ({ status: 'unknown', amountFen: null, schedule: [], formula: { zh, en }, inputs, missingFacts });
  const label = (expr: Expr, locale: Locale, path = '') =>
    renderExpr(expr, { ...render, locale, resolvedPeriods: new Map(inputs.map((input) => [input.path, input.period])) }, path);
  const fmt = (fen: Fen, locale: Locale) => formatFen(fen, locale);

  const amount = benefit.amount;
  let total: Fen;
  let yearly: Fen[] | null = null;
  let matchedBound: { boundFen?: Fen | null } = {};
  let describe: (locale: Locale) => string;
  if (isExtendedAmount(amount)) {
    const result = estimateExtended(amount as ExtendedAmount, {
      facts,
      options: { ...options, catalogue, params },
      inputs,
      missingFacts,
      nested: (nested) => {
        const estimate = estimateBenefit({ amount: nested }, facts, options);
        return { ...estimate, boundFen: estimateBound({ amount: nested }, estimate) };
      },
    });
    if (result.status === 'unknown') return unknown(result.zh, result.en);
    const bound = result.boundFen !== undefined ? { boundFen: result.boundFen } : {};
    if (result.status === 'final') return { status: 'known', amountFen: result.amountFen, schedule: [], formula: result.formula, inputs, missingFacts: [], kind: result.kind, upToFen: result.upToFen, ...bound };
    matchedBound = bound;
    total = result.total;
    yearly = result.yearly;
    describe = result.describe;
  } else if ('fixed' in amount) {
    total = money(amount.fixed);
    describe = (l) => both(l, `定额 ${fmt(total, l)}`, `Fixed sum ${fmt(total, l)}`);
  } else if ('installments' in amount) {
    yearly = amount.installments.map(money);
    total = sumFen(yearly);
    describe = (l) => `${yearly!.map((fen) => fmt(fen, l)).join(' + ')} = ${fmt(total, l)}`;
  } else if ('tiers' in amount) {
    const by = value(amount.tiers.by, '/amount/tiers/by');
    if (by.state === 'missing') return unknown(`${label(amount.tiers.by, 'zh-CN', '/amount/tiers/by')}缺失，无法确定档次`, `${label(amount.tiers.by, 'en-US', '/amount/tiers/by')} is missing: tier unknown`);
    // An undefined measure (growth from zero) reaches no tier.
    const x = by.value ?? -Infinity;
    let reached = -1;
    amount.tiers.steps.forEach((step, i) => {
      const limit = 'atLeast' in step ? step.atLeast : (step as { above: Expr }).above;
      const bound = value(limit, `/amount/tiers/steps/${i}`).value!;
      if ('atLeast' in step ? x >= bound : x > bound) reached = i;
    });
    total = reached < 0 ? 0 : money(amount.tiers.steps[reached].amount);
    const unit = binder.expr(amount.tiers.by, '/amount/tiers/by').unit;
    describe = (l) => {
      const head = `${label(amount.tiers.by, l, '/amount/tiers/by')} ${by.value === null ? both(l, '无法计算', 'undefined') : formatValue(x, unit, l)}`;
      if (reached < 0) return both(l, `${head}，未达最低档 → 0`, `${head}: below the lowest tier → 0`);
      const step = amount.tiers.steps[reached];
      const limit = 'atLeast' in step ? `≥ ${label(step.atLeast, l)}` : `> ${label((step as { above: Expr }).above, l)}`;
      return both(l, `${head}，达到 ${limit} 档 → ${fmt(total, l)}`, `${head}, tier ${limit} → ${fmt(total, l)}`);
    };
  } else if ('percentOf' in amount) {
    const base = value(amount.percentOf, '/amount/percentOf');
    if (base.value === null || !Number.isInteger(base.value)) return unknown(`${label(amount.percentOf, 'zh-CN', '/amount/percentOf')}缺失`, `${label(amount.percentOf, 'en-US', '/amount/percentOf')} is missing`);
    const rate = constantValue(amount.rate);
    const raw = Math.max(0, percentOfFen(base.value, rate));
    const capped = amount.cap ? Math.min(raw, money(amount.cap)) : raw;
    total = amount.floor ? Math.max(capped, money(amount.floor)) : capped;
    const baseFen = base.value;
    describe = (l) => {
      let text = `${label(amount.percentOf, l, '/amount/percentOf')} ${fmt(baseFen, l)} × ${formatValue(rate, 'bp', l)} = ${fmt(raw, l)}`;
      if (capped !== raw) text += both(l, `，封顶 ${fmt(money(amount.cap!), l)}`, `, capped at ${fmt(money(amount.cap!), l)}`);
      if (total !== capped) text += both(l, `，保底 ${fmt(money(amount.floor!), l)}`, `, floor ${fmt(money(amount.floor!), l)}`);
      return total !== raw ? `${text} → ${fmt(total, l)}` : text;
    };
  } else if ('perRecord' in amount) {
    const estimate = estimatePerRecord(amount, facts, date, catalogue);
    inputs.push(estimate.input);
    missingFacts.push(...estimate.missing);
    if (estimate.totalFen === null) return unknown(estimate.describe('zh-CN'), estimate.describe('en-US'));
    total = estimate.totalFen;
    describe = estimate.describe;
  } else {
    const count = value(amount.count, '/amount/count');
    if (count.value === null || !Number.isInteger(count.value)) return unknown(`${label(amount.count, 'zh-CN', '/amount/count')}缺失`, `${label(amount.count, 'en-US', '/amount/count')} is missing`);
    const heads = Math.max(0, count.value);
    const perHead = money(amount.perHead);
    const raw = multiplyFen(perHead, heads);
    total = amount.cap ? Math.min(raw, money(amount.cap)) : raw;
    const unit = binder.expr(amount.count, '/amount/count').unit;
    describe = (l) => {
      const text = both(l, `每人 ${fmt(perHead, l)} × ${label(amount.count, l, '/amount/count')} ${formatValue(heads, unit, l)} = ${fmt(raw, l)}`, `${fmt(perHead, l)} per head × ${label(amount.count, l, '/amount/count')} ${formatValue(heads, unit, l)} = ${fmt(raw, l)}`);
      return total !== raw ? `${text}${both(l, `，封顶 ${fmt(total, l)} → ${fmt(total, l)}`, `, capped → ${fmt(total, l)}`)}` : text;
    };
  }
  const parts = yearly ?? (benefit.split ? allocateFen(total, benefit.split) : [total]);
  const firstYear = benefit.firstYear ? resolveYear(benefit.firstYear, date) : date.year;
  const schedule = parts.map((amountFen, i) => ({ year: firstYear + i, amountFen }));
  const scheduleText = (l: Locale) =>
    schedule.length > 1 ? both(l, `；分年拨付：${schedule.map((p) => `${p.year}年 ${fmt(p.amountFen, l)}`).join('，')}`, `; paid ${schedule.map((p) => `${p.year}: ${fmt(p.amountFen, l)}`).join(', ')}`) : '';
  // The formula's words cost more than the amount; a county-wide match reads only the amount, so they
  // are written when first read (an enumerable getter: spreading or serialising the estimate still has them).
  let formula: BenefitEstimate['formula'] | undefined;
  return {
    status: 'known',
    amountFen: total,
    schedule,
    get formula() {
      return (formula ??= { zh: describe('zh-CN') + scheduleText('zh-CN'), en: describe('en-US') + scheduleText('en-US') });
    },
    inputs,
    missingFacts: [],
    ...matchedBound,
  };
}

/** The bound of one enterprise's amount given its estimate: the matching case's for cases, else benefitBound. */
export function estimateBound(benefit: Benefit, estimate: Pick<BenefitEstimate, 'amountFen' | 'boundFen'>): Fen | null {
  return estimate.boundFen !== undefined ? estimate.boundFen : benefitBound(benefit, estimate.amountFen);
}

/**
 * The most the benefit allows one enterprise (核定金额上限), given its estimate (null when it could not be
 * estimated). Decided here, for the bounded-money rule (an approved or granted amount never exceeds it):
 * - an "up to" formula (a percentage or a per-head sum with a cap, 最高 …): the cap — the reviewer may
 *   correct an estimate upwards (the attachments prove a larger base) but never beyond the cap;
 * - every other formula (fixed, installments, tiers, uncapped percentage or per-head sum): the estimate
 *   itself; when it is unknown, tiers allow at most their highest step, fixed sums and installments their
 *   total, and an uncapped formula nothing can bound: null (the amount cannot be approved until the
 *   enterprise's data gives an estimate).
 * The estimate is never above the bound (a floor is validated ≤ the cap).
 */
export function benefitBound(benefit: Benefit, estimateFen: Fen | null): Fen | null {
  const amount = benefit.amount;
  if (isExtendedAmount(amount)) return extendedBound(amount as ExtendedAmount, estimateFen, (nested, fen) => benefitBound({ amount: nested }, fen), (nested) => benefitMaximum({ amount: nested }));
  if (('percentOf' in amount || 'perHead' in amount) && amount.cap) return money(amount.cap);
  return estimateFen ?? benefitMaximum(benefit);
}

/**
 * The most the benefit pays any enterprise, whatever its data: a fixed sum or the installments' total,
 * the highest tier, the cap of an "up to" formula; null for an uncapped percentage or per-head sum.
 */
export function benefitMaximum(benefit: Benefit): Fen | null {
  const amount = benefit.amount;
  if (isExtendedAmount(amount)) return extendedMaximum(amount as ExtendedAmount, (nested) => benefitMaximum({ amount: nested }));
  if ('fixed' in amount) return money(amount.fixed);
  if ('installments' in amount) return sumFen(amount.installments.map(money));
  if ('tiers' in amount) return Math.max(0, ...amount.tiers.steps.map((step) => money(step.amount)));
  if ('perRecord' in amount) return perRecordMaximum(amount);
  return amount.cap ? money(amount.cap) : null;
}

/** Describes a benefit formula without an enterprise: "上年度研发费用的 10%，最高 50万元；分 2 年按 40:60 拨付". */
export function renderBenefit(benefit: Benefit, options: { locale?: Locale; catalogue?: FactCatalogue; params?: ParameterSet | readonly ParameterDefinition[]; evaluationDate?: string } = {}): string {
  const l = options.locale ?? 'zh-CN';
  const label = (expr: Expr) => renderExpr(expr, { ...options, locale: l });
  const fmt = (constant: MoneyConstant) => formatFen(money(constant), l);
  const amount = benefit.amount;
  let text: string;
  if (isExtendedAmount(amount)) text = renderExtended(amount as ExtendedAmount, l, { ...options, params: options.params ? toParameterSet(options.params) : undefined }, (nested) => renderBenefit({ amount: nested }, options));
  else if ('fixed' in amount) text = both(l, `定额 ${fmt(amount.fixed)}`, `Fixed sum of ${fmt(amount.fixed)}`);
  else if ('installments' in amount) text = both(l, `分年拨付 ${amount.installments.map(fmt).join('、')}`, `Paid over ${amount.installments.length} years: ${amount.installments.map(fmt).join(', ')}`);
  else if ('tiers' in amount) {
    const steps = amount.tiers.steps.map((step) => `${'atLeast' in step ? `≥ ${label(step.atLeast)}` : `> ${label((step as { above: Expr }).above)}`} → ${fmt(step.amount)}`);
    text = both(l, `按${label(amount.tiers.by)}分档：${steps.join('；')}`, `By tier of ${label(amount.tiers.by)}: ${steps.join('; ')}`);
  } else if ('percentOf' in amount) {
    const rate = formatValue(constantValue(amount.rate), 'bp', l);
    text = both(l, `${label(amount.percentOf)}的 ${rate}`, `${rate} of ${label(amount.percentOf)}`);
    if (amount.cap) text += both(l, `，最高 ${fmt(amount.cap)}`, `, at most ${fmt(amount.cap)}`);
    if (amount.floor) text += both(l, `，最低 ${fmt(amount.floor)}`, `, at least ${fmt(amount.floor)}`);
  } else if ('perRecord' in amount) {
    text = renderPerRecord(amount, l, options.catalogue ?? DEFAULT_CATALOGUE);
  } else {
    text = both(l, `每人 ${fmt(amount.perHead)} × ${label(amount.count)}`, `${fmt(amount.perHead)} per head × ${label(amount.count)}`);
    if (amount.cap) text += both(l, `，最高 ${fmt(amount.cap)}`, `, at most ${fmt(amount.cap)}`);
  }
  if (benefit.split && benefit.split.length > 1) text += both(l, `；分 ${benefit.split.length} 年按 ${benefit.split.join(':')} 拨付`, `; paid over ${benefit.split.length} years in proportions ${benefit.split.join(':')}`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Stacking: mutually exclusive policies (同一事项不重复享受)
// ---------------------------------------------------------------------------------------------

export interface StackingCandidate {
  policyId: string;
  /** Estimated amount; null when unknown (counted as 0 when choosing, and flagged). */
  amountFen: Fen | null;
}

/** At most one policy of a group may be granted to the same enterprise. */
export interface ExclusionGroup {
  id: string;
  policyIds: readonly string[];
}

export interface StackingConflict {
  groupId: string;
  /** The group's policies among the candidates. */
  candidates: string[];
  chosen: string | null;
  dropped: string[];
}

export interface StackingResult {
  /** Policies to grant, in input order. */
  chosen: string[];
  dropped: string[];
  totalFen: Fen;
  /** One entry per exclusion group with two or more candidates. */
  conflicts: StackingConflict[];
  /** Policies whose unknown amount took part in a conflict: the choice may change once known. */
  uncertain: string[];
}

/** Largest conflict component solved exactly; bigger ones fall back to a greedy choice. */
const EXACT_LIMIT = 22;

/**
 * Picks the best-paying combination of policies when some are mutually exclusive. Policies outside
 * every group stack freely; within overlapping groups the combination with the largest total wins
 * (ties go to the policies listed first). Exact for realistic sizes (components of ≤ 22 policies),
 * greedy beyond.
 */
export function resolveStacking(candidates: readonly StackingCandidate[], exclusionGroups: readonly ExclusionGroup[]): StackingResult {
  const index = new Map(candidates.map((c, i) => [c.policyId, i]));
  const groupsOf: number[][] = candidates.map(() => []);
  const groups = exclusionGroups.map((group) => group.policyIds.map((id) => index.get(id)).filter((i): i is number => i !== undefined));
  groups.forEach((members, g) => members.forEach((i) => groupsOf[i].push(g)));
  const amount = (i: number) => candidates[i].amountFen ?? 0;
  const chosen = new Array<boolean>(candidates.length).fill(false);
  const seen = new Array<boolean>(candidates.length).fill(false);
  for (let start = 0; start < candidates.length; start++) {
    if (seen[start]) continue;
    // The connected component of `start` through shared groups.
    const component: number[] = [];
    const stack = [start];
    seen[start] = true;
    while (stack.length) {
      const i = stack.pop()!;
      component.push(i);
      for (const g of groupsOf[i]) {
        for (const j of groups[g]) {
          if (seen[j]) continue;
          seen[j] = true;
          stack.push(j);
        }
      }
    }
    component.sort((a, b) => a - b);
    const conflicts = (i: number, j: number) => groupsOf[i].some((g) => groupsOf[j].includes(g));
    if (component.length <= EXACT_LIMIT) {
      let best: number[] = [];
      let bestTotal = -1;
      const pick: number[] = [];
      const remaining = component.map((_, k) => component.slice(k).reduce((sum, i) => sum + amount(i), 0));
      const search = (k: number, total: number) => {
        if (total + (remaining[k] ?? 0) <= bestTotal) return;
        if (k === component.length) {
          best = pick.slice();
          bestTotal = total;
          return;
        }
        const i = component[k];
        if (pick.every((j) => !conflicts(i, j))) {
          pick.push(i);
          search(k + 1, total + amount(i));
          pick.pop();
        }
        search(k + 1, total);
      };
      search(0, 0);
      for (const i of best) chosen[i] = true;
    } else {
      const order = component.slice().sort((a, b) => amount(b) - amount(a) || a - b);
      const taken: number[] = [];
      for (const i of order) {
        if (!taken.every((j) => !conflicts(i, j))) continue;
        taken.push(i);
        chosen[i] = true;
      }
    }
  }
  const conflicts: StackingConflict[] = [];
  const uncertain = new Set<string>();
  exclusionGroups.forEach((group, g) => {
    const members = groups[g];
    if (members.length < 2) return;
    const winner = members.find((i) => chosen[i]);
    conflicts.push({
      groupId: group.id,
      candidates: members.map((i) => candidates[i].policyId),
      chosen: winner === undefined ? null : candidates[winner].policyId,
      dropped: members.filter((i) => !chosen[i]).map((i) => candidates[i].policyId),
    });
    for (const i of members) if (candidates[i].amountFen === null) uncertain.add(candidates[i].policyId);
  });
  const chosenIds = candidates.filter((_, i) => chosen[i]).map((c) => c.policyId);
  return {
    chosen: chosenIds,
    dropped: candidates.filter((_, i) => !chosen[i]).map((c) => c.policyId),
    totalFen: sumFen(candidates.filter((_, i) => chosen[i]).map((c) => c.amountFen ?? 0)),
    conflicts,
    uncertain: [...uncertain],
  };
}
