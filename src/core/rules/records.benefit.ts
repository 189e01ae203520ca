/**
 * Benefits per qualifying record (`perRecord`, docs/rules.md "记录（Records）"): a fixed sum or a formula
 * for each record that qualifies (每件发明专利 1万元; a loan's interest subsidy at the lower of its own
 * rate and a set rate × amount × months / 12), each capped (`recordCap`), at most `maxRecords` records
 * (the earliest by the type's date field, then by record id), the total capped per enterprise (`cap`).
 *
 * Rounding: each record's amount is rounded to the fen, halves up (exact integer arithmetic), before
 * its cap; the total is the sum of the rounded amounts, then capped. Amounts are never negative.
 * Unknown records (none held on the platform for the enterprise) or a qualifying record lacking a field
 * the formula reads make the estimate unknown, never 0.
 */
import { formatFen, sumFen, type Fen } from '../money/money.ts';
import type { FactCatalogue } from './catalogue.ts';
import type { ExplainedInput } from './evaluate.ts';
import type { Locale } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { TRI_FALSE, TRI_UNKNOWN } from './logic.ts';
import type { MissingFact } from './missing.ts';
import type { EvaluationDate } from './periods.ts';
import { recordsFact } from './records.explain.ts';
import { bindRecords, buildRecordTable, checkRecordSelection, recordQualifies, renderRecordSelection, LISTED_RECORDS_MAX, type RecordTable } from './records.ts';
import type { AmountFormula, MoneyConstant } from './schema.ts';
import { childPath } from './tree.ts';
import { constantValue } from './units.ts';
import type { RuleProblem } from './validate.ts';

export type PerRecordAmount = Extract<AmountFormula, { perRecord: unknown }>;
type Rate = Extract<PerRecordAmount['each'], { rate: unknown }>['rate'];
type Json = Record<string, unknown>;

const money = (constant: MoneyConstant): Fen => constantValue(constant);
const both = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

/** Save-time checks of a perRecord formula (problem paths under /amount). */
export function validatePerRecord(amount: PerRecordAmount, catalogue: FactCatalogue, moneyOf: (constant: MoneyConstant, path: string) => number | null): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const report = (path: string, code: RuleProblem['code'], message: string) => problems.push({ path, code, message });
  const base = '/amount/perRecord';
  const type = checkRecordSelection(amount.perRecord as unknown as Json, base, catalogue, report);
  const each = amount.each;
  if ('fixed' in each) moneyOf(each.fixed, '/amount/each/fixed');
  else if (type) {
    const field = (code: unknown, path: string, kinds: string[]) => {
      const definition = type.fields.find((candidate) => candidate.code === code);
      if (!definition) report(path, 'unknown_fact', `"${String(code)}" is not a field of ${type.code}`);
      else if (!kinds.includes(definition.type) || (kinds[0] === 'rate' && definition.unit !== 'bp')) report(path, 'unit_mismatch', `"${definition.code}" is not ${kinds[0] === 'money' ? 'an amount of money' : 'a number'}`);
    };
    field(each.of, '/amount/each/of', ['money']);
    const rate = (r: Json, path: string) => {
      if ('field' in r) {
        const definition = type.fields.find((candidate) => candidate.code === r.field);
        if (!definition) report(childPath(path, 'field'), 'unknown_fact', `"${String(r.field)}" is not a field of ${type.code}`);
        else if (definition.type !== 'number' || definition.unit !== 'bp') report(childPath(path, 'field'), 'unit_mismatch', `"${definition.code}" is not a rate in basis points`);
      } else if ('min' in r || 'max' in r) ((r.min ?? r.max) as Json[]).forEach((x, i) => rate(x, childPath(path, 'min' in r ? 'min' : 'max', i)));
      else {
        try {
          constantValue(r as never);
        } catch (error) {
          report(path, 'bad_constant', (error as Error).message);
        }
      }
    };
    rate(each.rate as unknown as Json, '/amount/each/rate');
    if (typeof each.months === 'string') field(each.months, '/amount/each/months', ['number']);
  }
  const recordCap = amount.recordCap ? moneyOf(amount.recordCap, '/amount/recordCap') : null;
  const cap = amount.cap ? moneyOf(amount.cap, '/amount/cap') : null;
  if (recordCap !== null && cap !== null && recordCap > cap) report('/amount/recordCap', 'bad_bounds', 'the per-record cap is above the per-enterprise cap');
  return problems;
}

/** Rounds n / d (n ≥ 0, d > 0, BigInt) to the nearest integer, halves up. */
const roundHalfUp = (n: bigint, d: bigint): number => Number((2n * n + d) / (2n * d));

function rateOf(rate: Json, table: RecordTable, r: number): number {
  if ('field' in rate) return table.num.get(rate.field as string)?.[r] ?? NaN;
  if ('min' in rate) return Math.min(...(rate.min as Json[]).map((x) => rateOf(x, table, r)));
  if ('max' in rate) return Math.max(...(rate.max as Json[]).map((x) => rateOf(x, table, r)));
  return constantValue(rate as never);
}

export interface PerRecordEstimate {
  status: 'known' | 'unknown';
  totalFen: Fen | null;
  describe: (locale: Locale) => string;
  input: ExplainedInput;
  missing: MissingFact[];
}

/** Estimates a perRecord benefit for one enterprise on an evaluation date. */
export function estimatePerRecord(amount: PerRecordAmount, facts: EnterpriseFacts, date: EvaluationDate, catalogue: FactCatalogue): PerRecordEstimate {
  const selection = amount.perRecord as unknown as Json;
  const bound = bindRecords({ ...selection, agg: 'count' }, '/amount/perRecord', catalogue, date);
  const type = bound.type;
  const period = bound.within?.label ?? null;
  const name = (l: Locale) => renderRecordSelection(selection, l === 'zh-CN', catalogue);
  const rows = facts.records?.[type.code];
  const input: ExplainedInput = { path: '/amount/perRecord', fact: recordsFact(type.code), period, value: null };
  const unknown = (zh: string, en: string): PerRecordEstimate => ({
    status: 'unknown',
    totalFen: null,
    describe: (l) => both(l, zh, en),
    input,
    missing: [{ fact: recordsFact(type.code), period }],
  });
  if (rows === undefined || rows === null) return unknown(`${name('zh-CN')}记录缺失`, `${name('en-US')}: records missing`);
  const table = buildRecordTable(type, rows);
  const matched: number[] = [];
  for (let r = 0; r < table.size; r++) {
    const q = recordQualifies(bound, table, r);
    if (q === TRI_UNKNOWN) return unknown(`${name('zh-CN')}：记录 ${table.ids[r]} 信息不全，无法判断是否符合`, `${name('en-US')}: record ${table.ids[r]} is incomplete`);
    if (q !== TRI_FALSE) matched.push(r);
  }
  const dates = type.dateField ? table.num.get(type.dateField) : undefined;
  matched.sort((a, b) => {
    const da = dates ? dates[a] : NaN;
    const db = dates ? dates[b] : NaN;
    if (da !== db) return Number.isNaN(da) ? 1 : Number.isNaN(db) ? -1 : da - db;
    return table.ids[a] < table.ids[b] ? -1 : table.ids[a] > table.ids[b] ? 1 : 0;
  });
  const paid = amount.maxRecords ? matched.slice(0, amount.maxRecords) : matched;
  const each = amount.each;
  const recordCap = amount.recordCap ? money(amount.recordCap) : null;
  const lines: { id: string; raw: Fen; amount: Fen; base?: number; rate?: number; months?: number }[] = [];
  for (const r of paid) {
    let raw: Fen;
    let detail: { base?: number; rate?: number; months?: number } = {};
    if ('fixed' in each) raw = money(each.fixed);
    else {
      const base = table.num.get(each.of)?.[r] ?? NaN;
      const rate = rateOf(each.rate as unknown as Json, table, r);
      const months = each.months === undefined ? null : typeof each.months === 'number' ? each.months : (table.num.get(each.months)?.[r] ?? NaN);
      if (Number.isNaN(base) || Number.isNaN(rate) || (months !== null && Number.isNaN(months))) {
        return unknown(`${name('zh-CN')}：记录 ${table.ids[r]} 缺少计算所需的数据`, `${name('en-US')}: record ${table.ids[r]} lacks a value the formula needs`);
      }
      const numerator = BigInt(Math.max(0, Math.round(base))) * BigInt(Math.max(0, Math.round(rate))) * BigInt(months === null ? 1 : Math.max(0, Math.round(months)));
      raw = roundHalfUp(numerator, months === null ? 10000n : 120000n);
      detail = { base, rate, ...(months === null ? {} : { months }) };
    }
    lines.push({ id: table.ids[r], raw, amount: recordCap === null ? raw : Math.min(raw, recordCap), ...detail });
  }
  const sum = sumFen(lines.map((line) => line.amount));
  const total = amount.cap ? Math.min(sum, money(amount.cap)) : sum;
  input.value = matched.length;
  input.records = {
    type: type.code,
    total: matched.length,
    rows: paid.slice(0, LISTED_RECORDS_MAX).map((r) => ({ id: table.ids[r], values: Object.fromEntries(type.fields.map((field) => [field.code, (rows[r].values[field.code] ?? null) as number | string | null])) })),
  };
  const describe = (l: Locale) => {
    const fmt = (fen: Fen) => formatFen(fen, l);
    const head = both(l, `${name(l)} ${matched.length} 条`, `${name(l)}: ${matched.length}`);
    const limited = paid.length < matched.length ? both(l, `（按最多 ${amount.maxRecords} 条计）`, ` (at most ${amount.maxRecords} counted)`) : '';
    let body: string;
    if ('fixed' in each) body = both(l, ` × 每条 ${fmt(money(each.fixed))} = ${fmt(sumFen(lines.map((x) => x.raw)))}`, ` × ${fmt(money(each.fixed))} each = ${fmt(sumFen(lines.map((x) => x.raw)))}`);
    else {
      const parts = lines.slice(0, 10).map((line) => {
        const months = line.months === undefined ? '' : ` × ${line.months}/12`;
        const capped = line.amount !== line.raw ? both(l, `，封顶 ${fmt(line.amount)}`, `, capped ${fmt(line.amount)}`) : '';
        return `${fmt(line.base!)} × ${line.rate! / 100}%${months} = ${fmt(line.raw)}${capped}`;
      });
      body = `：${parts.join('；')}${lines.length > 10 ? '……' : ''}`;
      if (l === 'en-US') body = `: ${parts.join('; ')}${lines.length > 10 ? ' …' : ''}`;
    }
    const recordCapText = 'fixed' in each && recordCap !== null && recordCap < money(each.fixed) ? both(l, `（每条封顶 ${fmt(recordCap)}）`, ` (each capped at ${fmt(recordCap)})`) : '';
    const totalText = total !== sum || !('fixed' in each) ? both(l, `；合计 ${fmt(sum)}${total !== sum ? `，封顶 ${fmt(money(amount.cap!))} → ${fmt(total)}` : ''}`, `; total ${fmt(sum)}${total !== sum ? `, capped at ${fmt(money(amount.cap!))} → ${fmt(total)}` : ''}`) : '';
    return `${head}${limited}${body}${recordCapText}${totalText}`;
  };
  return { status: 'known', totalFen: total, describe, input, missing: [] };
}

/** The most a perRecord formula pays any enterprise, or null when nothing bounds it. */
export function perRecordMaximum(amount: PerRecordAmount): Fen | null {
  if (amount.cap) return money(amount.cap);
  const each = 'fixed' in amount.each ? money(amount.each.fixed) : amount.recordCap ? money(amount.recordCap) : null;
  if (each === null || !amount.maxRecords) return null;
  return each * amount.maxRecords;
}

/** Describes a perRecord formula without an enterprise: "本年度授权的专利（专利类型为发明）每条 1万元，每年最多 5 条，最高 5万元". */
export function renderPerRecord(amount: PerRecordAmount, l: Locale, catalogue: FactCatalogue): string {
  const fmt = (constant: MoneyConstant) => formatFen(money(constant), l);
  const name = renderRecordSelection(amount.perRecord as unknown as Json, l === 'zh-CN', catalogue);
  const each = amount.each;
  const rateText = (rate: Rate): string => {
    const r = rate as unknown as Json;
    if ('field' in r) return both(l, '记录的利率', "the record's rate");
    if ('min' in r) return both(l, `${(r.min as Rate[]).map(rateText).join('与')}中较低者`, `the lower of ${(r.min as Rate[]).map(rateText).join(' and ')}`);
    if ('max' in r) return both(l, `${(r.max as Rate[]).map(rateText).join('与')}中较高者`, `the higher of ${(r.max as Rate[]).map(rateText).join(' and ')}`);
    return `${constantValue(r as never) / 100}%`;
  };
  let text = 'fixed' in each ? both(l, `${name}每条 ${fmt(each.fixed)}`, `${fmt(each.fixed)} per ${name}`) : both(l, `${name}按金额 × ${rateText(each.rate)}${each.months !== undefined ? ' × 月数/12' : ''}`, `${name}: amount × ${rateText(each.rate)}${each.months !== undefined ? ' × months/12' : ''}`);
  if (amount.recordCap) text += both(l, `，每条最高 ${fmt(amount.recordCap)}`, `, at most ${fmt(amount.recordCap)} each`);
  if (amount.maxRecords) text += both(l, `，最多 ${amount.maxRecords} 条`, `, at most ${amount.maxRecords} records`);
  if (amount.cap) text += both(l, `，合计最高 ${fmt(amount.cap)}`, `, at most ${fmt(amount.cap)} in total`);
  return text;
}
