/**
 * Instalments with conditions (issue 12 item 3): a multi-year award whose later instalments each carry
 * their own condition — "分三年拨付，第二、三年须仍在规上工业统计内" — re-evaluated when each falls due and
 * explained (why paid, why lapsed). Pure: the server's job calls `decideInstalment` at the due date (county
 * time) with the enterprise's facts of that day; the payments module pays only what `payableInstalments`
 * returns, so an instalment that is not due, whose condition does not hold, or that was paid already is
 * never paid (property-tested).
 *
 * Shape (compatible with the 分年 `installments: [Money, …]` of benefit.ts, which stays as it is: an
 * unconditional list paid in successive years):
 *
 *   { "instalments": [ { "share": 40, "due": { "yearsAfter": 0 } },
 *                      { "share": 30, "due": { "yearsAfter": 1 }, "when": Rule, "clause": "仍为规上企业" },
 *                      { "share": 30, "due": { "yearsAfter": 2 }, "when": Rule } ] }
 *
 * Each instalment has either `share` (a weight of the approved award, split exactly with allocateFen) or
 * `amount` (a fixed sum); `due.yearsAfter` counts years after the approval (the anniversary day, county
 * date); `when` is an eligibility rule evaluated on the due date ("the year of payment" is then the
 * evaluation year: `{yearsAgo: 1}` is the last complete year before that payment).
 */
import { allocateFen, sumFen, type Fen } from '../money/money.ts';
import type { FactCatalogue } from './catalogue.ts';
import { evaluateRule } from './evaluate.ts';
import { renderRuleText, type Locale } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import type { MissingFact } from './missing.ts';
import type { ParameterSet } from './params.ts';
import type { MoneyConstant, RuleNode } from './schema.ts';
import { constantValue } from './units.ts';
import { validateRule, type RuleProblem } from './validate.ts';

export interface InstalmentSpec {
  share?: number;
  amount?: MoneyConstant;
  due: { yearsAfter: number };
  when?: RuleNode;
  clause?: string;
}
export interface InstalmentPlan {
  instalments: InstalmentSpec[];
}

export interface ScheduledInstalment {
  index: number;
  /** County date (YYYY-MM-DD) on which it falls due. */
  dueOn: string;
  amountFen: Fen;
  when: RuleNode | null;
  clause: string | null;
}

export type InstalmentDecision =
  | { status: 'payable'; reason: { zh: string; en: string } }
  | { status: 'lapsed'; reason: { zh: string; en: string } }
  | { status: 'pending'; reason: { zh: string; en: string }; missingFacts?: MissingFact[] };

/** Save-time checks: 1–10 instalments, each with a share or an amount (not both), a due offset 0–10, a valid rule. */
export function validateInstalmentPlan(plan: unknown, catalogue?: FactCatalogue, params?: ParameterSet): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, code: RuleProblem['code'], message: string) => problems.push({ path, code, message });
  const list = (plan as InstalmentPlan | null)?.instalments;
  if (!Array.isArray(list) || list.length === 0 || list.length > 10) {
    add('/instalments', 'empty_group', 'instalments need 1 to 10 entries');
    return problems;
  }
  let previous = -1;
  list.forEach((item, i) => {
    const path = `/instalments/${i}`;
    if (item === null || typeof item !== 'object') return add(path, 'invalid_node', 'an instalment is an object');
    for (const key of Object.keys(item)) if (!['share', 'amount', 'due', 'when', 'clause'].includes(key)) add(path, 'invalid_node', `unexpected key "${key}"`);
    const hasShare = item.share !== undefined;
    if (hasShare === (item.amount !== undefined)) add(path, 'invalid_node', 'give either share (a weight of the award) or amount');
    if (hasShare && (!Number.isSafeInteger(item.share) || item.share! <= 0 || item.share! > 10_000)) add(`${path}/share`, 'bad_constant', 'a share is a whole number 1–10000');
    if (item.amount !== undefined) {
      try {
        if (constantValue(item.amount) <= 0) add(`${path}/amount`, 'bad_constant', 'an amount above zero');
      } catch (error) {
        add(`${path}/amount`, 'bad_constant', (error as Error).message);
      }
    }
    const years = item.due?.yearsAfter;
    if (!Number.isSafeInteger(years) || years < 0 || years > 10) add(`${path}/due/yearsAfter`, 'bad_bounds', 'due.yearsAfter is a whole number of years 0–10');
    else if (years <= previous) add(`${path}/due/yearsAfter`, 'bad_bounds', 'instalments fall due in increasing years');
    else previous = years;
    if (item.when !== undefined) problems.push(...validateRule(item.when, catalogue, { params }).map((p) => ({ ...p, path: `${path}/when${p.path}` })));
  });
  return problems;
}

/** The anniversary `years` after a county date; 29 February falls on 28 February in a common year. */
export function anniversary(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The instalments of an approved award: shares split the award minus the fixed amounts exactly (the parts
 * add up to the award); fixed amounts as written. Throws if the fixed amounts exceed the award.
 */
export function scheduleInstalments(plan: InstalmentPlan, awardFen: Fen, approvedOn: string): ScheduledInstalment[] {
  const fixed = plan.instalments.map((i) => (i.amount !== undefined ? constantValue(i.amount) : 0));
  const rest = awardFen - sumFen(fixed);
  if (rest < 0) throw new RangeError('the fixed instalments exceed the award');
  const weights = plan.instalments.map((i) => i.share ?? 0);
  const shares = weights.some((w) => w > 0) ? allocateFen(rest, weights) : weights.map(() => 0);
  return plan.instalments.map((item, index) => ({
    index,
    dueOn: anniversary(approvedOn, item.due.yearsAfter),
    amountFen: item.amount !== undefined ? fixed[index] : shares[index],
    when: item.when ?? null,
    clause: item.clause ?? null,
  }));
}

const words = (zh: string, en: string) => ({ zh, en });

/**
 * Decides one instalment on `today` (county date) with the enterprise's facts of that day: pending before
 * it falls due or while its condition cannot be decided (missing facts: decided again when they arrive);
 * payable when due and its condition holds (or it has none); lapsed when due and its condition fails —
 * with the condition's words and the day, so the enterprise and the checker read why.
 */
export function decideInstalment(instalment: ScheduledInstalment, facts: EnterpriseFacts, today: string, options: { catalogue?: FactCatalogue; params?: ParameterSet; locale?: Locale } = {}): InstalmentDecision {
  const n = instalment.index + 1;
  if (today < instalment.dueOn) return { status: 'pending', reason: words(`第 ${n} 期 ${instalment.dueOn} 到期，尚未到期`, `Instalment ${n} falls due on ${instalment.dueOn}`) };
  if (!instalment.when) return { status: 'payable', reason: words(`第 ${n} 期已于 ${instalment.dueOn} 到期，无附加条件`, `Instalment ${n} fell due on ${instalment.dueOn}, unconditional`) };
  const result = evaluateRule(instalment.when, facts, { evaluationDate: today, catalogue: options.catalogue, params: options.params });
  const text = (l: Locale) => instalment.clause ?? renderRuleText(instalment.when!, { catalogue: options.catalogue, params: options.params, evaluationDate: today, locale: l }).replace(/\n\s*/g, ' ');
  if (result.outcome === 'eligible') return { status: 'payable', reason: words(`第 ${n} 期到期日（${today}）条件仍然满足：${text('zh-CN')}`, `Instalment ${n}: on ${today} the condition still holds: ${text('en-US')}`) };
  if (result.outcome === 'ineligible') return { status: 'lapsed', reason: words(`第 ${n} 期到期日（${today}）条件不再满足，不予拨付：${text('zh-CN')}`, `Instalment ${n} lapses: on ${today} the condition no longer holds: ${text('en-US')}`) };
  return { status: 'pending', reason: words(`第 ${n} 期条件尚无法判断（数据缺失），数据到位后重新判断：${text('zh-CN')}`, `Instalment ${n}: the condition cannot be decided yet (data missing): ${text('en-US')}`), missingFacts: result.missingFacts.map(({ fact, period }) => ({ fact, period })) };
}

/**
 * What may be paid now: the instalments decided payable, not paid already, in due order, while the total
 * paid stays within the bound (the approved award). Never an instalment twice, never a lapsed or pending one.
 */
export function payableInstalments(schedule: readonly ScheduledInstalment[], decisions: ReadonlyMap<number, InstalmentDecision>, paid: ReadonlySet<number>, boundFen: Fen): ScheduledInstalment[] {
  let total = sumFen(schedule.filter((i) => paid.has(i.index)).map((i) => i.amountFen));
  const out: ScheduledInstalment[] = [];
  for (const instalment of schedule) {
    if (paid.has(instalment.index) || decisions.get(instalment.index)?.status !== 'payable' || instalment.amountFen <= 0) continue;
    if (total + instalment.amountFen > boundFen) break;
    total += instalment.amountFen;
    out.push(instalment);
  }
  return out;
}
