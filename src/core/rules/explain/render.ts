/**
 * Human rendering, generated from the tree (never written twice): the whole rule as readable Chinese
 * or English, and an explanation line per node such as
 *   "【2020年主营业务收入2000万元以上】2020年主营业务收入 1,850万元 ≥ 2,000万元 ✗（差 150万元，7.5%）".
 * Explanations can be exported as one JSON document with the rule, the result and both texts, for audits.
 */
import { formatMeasure } from '../measures.ts';
import { industrySetName, levelsText } from '../registry-rules.ts';
import { formatFen, formatPercent, PERCENT_DECIMALS } from '../../money/money.ts';
import { SIZE_CLASS_NAMES } from '../../profile/size-class.ts';
import { DEFAULT_CATALOGUE, ENTERPRISE_TYPE_NAMES, type FactCatalogue } from '../catalogue.ts';
import type { Explanation, ExplainedInput, NearMiss, Operand, RuleResult } from '../evaluate.ts';
import type { MissingFact } from '../missing.ts';
import { resolveParameter, type ParameterSet } from '../params.ts';
import { parseEvaluationDate } from '../periods.ts';
import type { CompareOperator, Expr, FactRef, ParameterDefinition, PeriodSpec, RuleNode, YearSpec } from '../schema.ts';
import { childPath, exprKind, nodeAtPath, ruleChildren } from '../tree.ts';
import { constantUnit, constantValue, ymdToIso, type ValueUnit } from '../units.ts';
import { reviewStateText, reviewText } from '../review.ts';
import { declaredMissingName, declaredStateText, declaredText, type DeclaredFactDefinition } from '../declared.ts';
import { toParameterSet } from '../validate.ts';
import { renderRecordsExpr } from '../records.ts';
import { recordLines, recordsMissingName } from '../records.explain.ts';

export type Locale = 'zh-CN' | 'en-US';

export interface RenderOptions {
  locale?: Locale;
  catalogue?: FactCatalogue;
  params?: ParameterSet | readonly ParameterDefinition[];
  /** When given, parameters show the value in force on this date. */
  evaluationDate?: string;
  /** Resolved period labels of fact references by path, to print "2024年" rather than "上年度". */
  resolvedPeriods?: ReadonlyMap<string, string | null>;
  /** The version's declared facts (declared.ts), for their labels; keys are shown without them. */
  declared?: readonly DeclaredFactDefinition[];
}

/** One line of a rendering: the node's path, its depth in the tree and its text. */
export interface RenderedLine {
  path: string;
  depth: number;
  text: string;
}

interface Ctx {
  zh: boolean;
  locale: Locale;
  catalogue: FactCatalogue;
  params: ParameterSet;
  evaluationYmd: number | null;
  /** Resolved period labels of fact references by path (explanations only). */
  resolved: Map<string, string | null>;
  /** In explanations values are shown beside expressions, so parameters omit theirs. */
  explaining: boolean;
  declared: readonly DeclaredFactDefinition[] | undefined;
}

function context(options: RenderOptions): Ctx {
  const locale = options.locale ?? 'zh-CN';
  return {
    zh: locale === 'zh-CN',
    locale,
    catalogue: options.catalogue ?? DEFAULT_CATALOGUE,
    params: toParameterSet(options.params),
    evaluationYmd: options.evaluationDate ? parseEvaluationDate(options.evaluationDate).ymd : null,
    resolved: new Map(options.resolvedPeriods ?? []),
    explaining: false,
    declared: options.declared,
  };
}

const OP_SYMBOL: Record<CompareOperator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };
const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;

// ---------------------------------------------------------------------------------------------
// Values and units
// ---------------------------------------------------------------------------------------------

/**
 * Formats a value in a unit: money via formatFen, ratios as percentages, dates, people, counts.
 * `precision` raises the decimals shown (of 万元/亿元 for money, of the percentage for ratios); see
 * distinctPrecision, which picks it so that two values that differ never read alike.
 */
export function formatValue(value: number, unit: ValueUnit, locale: Locale = 'zh-CN', precision?: number): string {
  const zh = locale === 'zh-CN';
  switch (unit) {
    case 'fen':
      return formatFen(Math.round(value), locale, precision === undefined ? {} : { decimals: precision });
    case 'bp':
      return formatPercent(value, { decimals: precision });
    case 'person':
      return zh ? `${group(value)}人` : `${group(value)} ${value === 1 ? 'person' : 'people'}`;
    case 'kwh':
      return zh ? `${group(value)}千瓦时` : `${group(value)} kWh`;
    case 'years':
      return zh ? `${value}年` : `${value} ${value === 1 ? 'year' : 'years'}`;
    case 'date': {
      const iso = ymdToIso(value);
      return zh ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : iso;
    }
    case 'boolean':
      return value !== 0 ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
    case 'area':
    case 'kg':
    case 'kgce':
      return formatMeasure(value, unit, zh);
    default:
      return group(value);
  }
}

/** Decimals of a percentage shown at most (a ratio's value is kept to 1e-8 bp); by default PERCENT_DECIMALS. */
const MAX_PERCENT_DECIMALS = 10;
/** Decimals of 万元/亿元 shown by default, and at most (to the fen). */
const MONEY_DECIMALS = 4;
const MAX_MONEY_DECIMALS = 10;

/**
 * The precision at which values of one comparison that differ are shown differently: 2.9994% against
 * 3% is "2.999% ≥ 3%", never "3% ≥ 3%"; 300万元 and 1 fen is "300.000001万元". Undefined when the default
 * shows them apart already (or for units shown exactly anyway).
 */
export function distinctPrecision(values: readonly (number | null | undefined)[], unit: ValueUnit, locale: Locale = 'zh-CN'): number | undefined {
  if (unit !== 'fen' && unit !== 'bp') return undefined;
  const known = [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))];
  if (known.length < 2) return undefined;
  const [from, to] = unit === 'fen' ? [MONEY_DECIMALS, MAX_MONEY_DECIMALS] : [PERCENT_DECIMALS, MAX_PERCENT_DECIMALS];
  for (let precision = from; precision <= to; precision++) {
    const shown = new Set(known.map((v) => formatValue(v, unit, locale, precision)));
    if (shown.size === known.length) return precision === from ? undefined : precision;
  }
  return to;
}

function group(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

/**
 * A near miss: "差 150万元，7.5%" / "short by CNY 1,500,000 (7.5%)". Always at least one unit of what is
 * shown: the shortfall is rounded up at the precision of the compared values (`precision`, as from
 * distinctPrecision), so it never reads "差 0个百分点"; a share of the bound below 0.01% reads "<0.01%".
 */
export function formatNearMiss(nearMiss: NearMiss, locale: Locale = 'zh-CN', precision?: number): string {
  const zh = locale === 'zh-CN';
  let amount: string;
  if (nearMiss.unit === 'bp') {
    const decimals = precision ?? PERCENT_DECIMALS;
    const smallest = 100 / 10 ** decimals; // one unit of the last shown decimal, in bp
    const points = formatPercent(Math.max(nearMiss.absolute, smallest), { decimals, roundUp: true }).replace('%', '');
    amount = zh ? `${points}个百分点` : `${points} percentage points`;
  } else if (nearMiss.unit === 'fen') {
    amount = formatFen(Math.max(1, Math.ceil(nearMiss.absolute)), locale, { decimals: precision ?? MONEY_DECIMALS, roundUp: true });
  } else {
    amount = formatValue(nearMiss.absolute, nearMiss.unit, locale);
  }
  const share = nearMiss.relativeBp === 0 && nearMiss.absolute > 0 ? '<0.01%' : formatPercent(nearMiss.relativeBp ?? 0);
  const relative = nearMiss.relativeBp === null || nearMiss.unit === 'bp' ? '' : zh ? `，${share}` : `, ${share} of the bound`;
  if (zh) return `${nearMiss.direction === 'below' ? '差' : nearMiss.direction === 'above' ? '需降低' : '相差'} ${amount}${relative}`;
  return `${nearMiss.direction === 'below' ? 'short by' : nearMiss.direction === 'above' ? 'must fall by' : 'off by'} ${amount}${relative}`;
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

function periodLabel(label: string, ctx: Ctx): string {
  const quarter = /^(\d{4})Q([1-4])$/.exec(label);
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (quarter) return ctx.zh ? `${quarter[1]}年第${quarter[2]}季度` : `${quarter[1]} Q${quarter[2]}`;
  if (month) return ctx.zh ? `${month[1]}年${Number(month[2])}月` : label;
  if (label.includes('~')) return ctx.zh ? label.replace('~', '至') : label.replace('~', ' to ');
  return ctx.zh ? `${label}年` : label;
}

function periodSpec(spec: PeriodSpec, ctx: Ctx): string {
  const zh = ctx.zh;
  if ('q' in spec || 'm' in spec) return ofYearText(spec, ctx);
  if ('year' in spec) return periodLabel(String(spec.year), ctx);
  if ('quarter' in spec) return periodLabel(spec.quarter, ctx);
  if ('month' in spec) return periodLabel(spec.month, ctx);
  if ('yearsAgo' in spec) return relative(spec.yearsAgo, zh ? ['当年', '上年度', '前年'] : ['this year', 'last year', '2 years ago'], zh ? '年前' : 'years ago', zh);
  if ('quartersAgo' in spec) return relative(spec.quartersAgo, zh ? ['本季度', '上季度'] : ['this quarter', 'last quarter'], zh ? '个季度前' : 'quarters ago', zh);
  if ('monthsAgo' in spec) return relative(spec.monthsAgo, zh ? ['本月', '上月'] : ['this month', 'last month'], zh ? '个月前' : 'months ago', zh);
  if (spec.maxAgo === undefined) return zh ? '最近一期' : 'latest';
  return zh ? `近${spec.maxAgo + 1}期内最新一期` : `latest of the last ${spec.maxAgo + 1} periods`;
}

/** 本年第一季度 / Q1 of last year / 2024年3月. */
function ofYearText(spec: Extract<PeriodSpec, { q: number } | { m: number }>, ctx: Ctx): string {
  const zh = ctx.zh;
  const year = 'year' in spec ? (zh ? `${spec.year}年` : String(spec.year)) : relative(spec.yearsAgo, zh ? ['本年', '上年', '前年'] : ['this year', 'last year', '2 years ago'], zh ? '年前' : 'years ago', zh);
  if ('q' in spec) return zh ? `${year}第${spec.q}季度` : `Q${spec.q} of ${year}`;
  return zh ? `${year}${spec.m}月` : `month ${spec.m} of ${year}`;
}

function relative(n: number, names: string[], suffix: string, zh: boolean): string {
  return names[n] ?? (zh ? `${n}${suffix}` : `${n} ${suffix}`);
}

function yearSpec(spec: YearSpec, ctx: Ctx): string {
  return periodSpec(spec, ctx);
}

/** A year as an English adverbial: "in 2020", "last year". */
function inYear(spec: YearSpec, ctx: Ctx): string {
  return 'year' in spec ? `in ${spec.year}` : periodSpec(spec, ctx);
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

function factName(code: string, ctx: Ctx): string {
  const fact = ctx.catalogue.facts.get(code);
  if (!fact) return code;
  return ctx.zh ? fact.nameZh : fact.nameEn;
}

function factWithPeriod(code: string, period: string | null | undefined, spec: PeriodSpec | undefined, ctx: Ctx): string {
  const name = factName(code, ctx);
  const when = period ? periodLabel(period, ctx) : spec ? periodSpec(spec, ctx) : '';
  if (!when) return name;
  return ctx.zh ? `${when}${name}` : `${name} (${when})`;
}

/** Renders a value expression; `path` locates it for `resolvedPeriods`. */
export function renderExpr(expr: Expr, options: RenderOptions = {}, path = ''): string {
  return expression(expr, path, context(options));
}

function expression(expr: Expr, path: string, ctx: Ctx): string {
  switch (exprKind(expr)) {
    case 'fact': {
      const ref = expr as FactRef;
      return factWithPeriod(ref.fact, ctx.resolved.get(path), ref.period, ctx);
    }
    case 'constant': {
      const constant = expr as Parameters<typeof constantValue>[0];
      return formatValue(constantValue(constant), constantUnit(constant), ctx.locale);
    }
    case 'param': {
      const name = (expr as { param: string }).param;
      const definition = ctx.params.get(name);
      const title = definition ? (ctx.zh ? definition.nameZh : definition.nameEn) : name;
      const resolved = definition && ctx.evaluationYmd !== null && !ctx.explaining ? resolveParameter(definition, ctx.evaluationYmd) : null;
      const value = resolved ? formatValue(resolved.value, resolved.unit, ctx.locale) : null;
      return ctx.zh ? `〈${title}〉${value ? `（${value}）` : ''}` : `‹${title}›${value ? ` (${value})` : ''}`;
    }
    case 'ratio': {
      const [num, den] = (expr as { ratio: [Expr, Expr] }).ratio;
      const a = expression(num, childPath(path, 'ratio', 0), ctx);
      const b = expression(den, childPath(path, 'ratio', 1), ctx);
      return ctx.zh ? `${a}占${b}的比重` : `${a} as a share of ${b}`;
    }
    case 'growth':
    case 'change': {
      const kind = 'growth' in expr ? 'growth' : 'change';
      const pair = (expr as Record<string, { fact: string; from: PeriodSpec; to: PeriodSpec }>)[kind];
      const from = ctx.resolved.get(childPath(path, kind, 'from'));
      const to = ctx.resolved.get(childPath(path, kind, 'to'));
      const fromText = from ? periodLabel(from, ctx) : periodSpec(pair.from, ctx);
      const toText = to ? periodLabel(to, ctx) : periodSpec(pair.to, ctx);
      const name = factName(pair.fact, ctx);
      if (ctx.zh) return `${name}${fromText}至${toText}${kind === 'growth' ? '增速' : '增加额'}`;
      return `${kind === 'growth' ? 'growth of' : 'increase in'} ${name.toLowerCase()} from ${fromText} to ${toText}`;
    }
    case 'sum': {
      const terms = (expr as { sum: Expr[] }).sum.map((term, i) => expression(term, childPath(path, 'sum', i), ctx));
      return terms.length === 1 ? terms[0] : `(${terms.join(' + ')})`;
    }
    case 'records':
      return renderRecordsExpr(expr as Record<string, unknown>, ctx.zh, ctx.catalogue);
    case 'window':
      return windowText((expr as { window: WindowSpec }).window, ctx);
    case 'dateShift': {
      const spec = (expr as { dateShift: { from: Expr | 'evaluationDate'; years?: number; months?: number; days?: number } }).dateShift;
      const base = spec.from === 'evaluationDate' ? (ctx.zh ? '评估日' : 'the evaluation date') : expression(spec.from, childPath(path, 'dateShift', 'from'), ctx);
      const parts: string[] = [];
      const add = (amount: number | undefined, zhUnit: string, enUnit: string) => {
        if (!amount) return;
        parts.push(ctx.zh ? `${amount > 0 ? '后' : '前'}${Math.abs(amount)}${zhUnit}` : `${Math.abs(amount)} ${enUnit}${Math.abs(amount) === 1 ? '' : 's'} ${amount > 0 ? 'after' : 'before'}`);
      };
      add(spec.years, '年', 'year');
      add(spec.months, '个月', 'month');
      add(spec.days, '日', 'day');
      if (parts.length === 0) return base;
      return ctx.zh ? `${base}${parts.join('再')}之日` : `${parts.join(', then ')} ${base}`;
    }
    case 'yearsSince': {
      const ref = (expr as { yearsSince: FactRef }).yearsSince;
      const name = factName(ref.fact, ctx);
      return ctx.zh ? `自${name}起满年数` : `completed years since ${name.toLowerCase()}`;
    }
    default:
      return JSON.stringify(expr);
  }
}

type WindowSpec = Extract<Expr, { window: unknown }>['window'];

/** 截至上年度的近3年研发费用占营业收入比例的平均值 / mean over the 3 years to last year of … */
function windowText(spec: WindowSpec, ctx: Ctx): string {
  const zh = ctx.zh;
  const fact = ctx.catalogue.facts.get(spec.fact ?? spec.growth ?? spec.ratio?.[0] ?? '');
  const unit = fact?.periodicity === 'quarter' ? (zh ? '个季度' : 'quarter') : fact?.periodicity === 'month' ? (zh ? '个月' : 'month') : zh ? '年' : 'year';
  const ending = periodSpec(spec.ending, ctx);
  const span = zh ? `截至${ending}的近${spec.last}${unit}` : `over the ${spec.last} ${unit}${spec.last === 1 ? '' : 's'} to ${ending}`;
  if (spec.ratio) {
    const [a, b] = spec.ratio.map((code) => factName(code, ctx));
    return zh ? `${span}${a}占${b}比例的平均值` : `mean of the yearly shares of ${a.toLowerCase()} in ${b.toLowerCase()} ${span}`;
  }
  if (spec.growth) {
    const name = factName(spec.growth, ctx);
    if (spec.take === 'compound') return zh ? `${span}${name}年均（复合）增长率` : `compound growth rate per period of ${name.toLowerCase()} ${span}`;
    return zh ? `${span}${name}平均增长率` : `mean growth rate of ${name.toLowerCase()} ${span}`;
  }
  const name = factName(spec.fact!, ctx);
  return spec.take === 'sum' ? (zh ? `${span}${name}合计` : `total ${name.toLowerCase()} ${span}`) : zh ? `${span}${name}平均值` : `mean ${name.toLowerCase()} ${span}`;
}

function codeValue(fact: string, code: string, ctx: Ctx): string {
  if (fact === 'size_class' && code in SIZE_CLASS_NAMES) return SIZE_CLASS_NAMES[code as keyof typeof SIZE_CLASS_NAMES][ctx.zh ? 'zh' : 'en'];
  if (fact === 'enterprise_type' && code in ENTERPRISE_TYPE_NAMES) return ENTERPRISE_TYPE_NAMES[code as keyof typeof ENTERPRISE_TYPE_NAMES][ctx.zh ? 'zh' : 'en'];
  return code;
}

function codeSet(fact: string, codes: readonly string[], ctx: Ctx): string {
  return codes.map((code) => codeValue(fact, code, ctx)).join(ctx.zh ? '、' : ', ');
}

// ---------------------------------------------------------------------------------------------
// Rule nodes
// ---------------------------------------------------------------------------------------------

function groupHeader(node: RuleNode, ctx: Ctx): string | null {
  if ('all' in node) return ctx.zh ? '同时满足以下全部条件：' : 'All of the following:';
  if ('any' in node) return ctx.zh ? '满足以下任一条件：' : 'Any of the following:';
  if ('atLeast' in node) return ctx.zh ? `满足以下条件中至少${node.atLeast}项：` : `At least ${node.atLeast} of the following:`;
  if ('not' in node) return ctx.zh ? '不满足：' : 'Not:';
  return null;
}

/** The text of a leaf node (comparisons, sets, histories …). */
function leafText(node: RuleNode, path: string, ctx: Ctx): string {
  const zh = ctx.zh;
  if ('left' in node) {
    return `${expression(node.left, childPath(path, 'left'), ctx)} ${OP_SYMBOL[node.op]} ${expression(node.right, childPath(path, 'right'), ctx)}`;
  }
  if ('between' in node) {
    const value = expression(node.value, childPath(path, 'value'), ctx);
    const min = expression(node.between[0], childPath(path, 'between', 0), ctx);
    const max = expression(node.between[1], childPath(path, 'between', 1), ctx);
    return `${min} ${node.bounds[0] === '[' ? '≤' : '<'} ${value} ${node.bounds[1] === ']' ? '≤' : '<'} ${max}`;
  }
  if ('bands' in node) {
    const value = expression(node.value, childPath(path, 'value'), ctx);
    const by = expression(node.by, childPath(path, 'by'), ctx);
    let previous: string | null = null;
    let previousInclusive = false;
    const parts = node.bands.map((band, i) => {
      const bound = `${OP_SYMBOL[node.op]} ${expression(band.bound, childPath(path, 'bands', i, 'bound'), ctx)}`;
      if (!band.upTo) return zh ? `其余 ${bound}` : `${bound} otherwise`;
      const limit = expression(band.upTo, childPath(path, 'bands', i, 'upTo'), ctx);
      const range = `${previous === null ? '' : `${previous} ${previousInclusive ? '<' : '≤'} `}${zh ? '…' : '…'} ${band.inclusive ? '≤' : '<'} ${limit}`;
      previous = limit;
      previousInclusive = band.inclusive ?? false;
      return zh ? `${range} 时 ${bound}` : `${bound} when ${range}`;
    });
    return zh ? `${value}按${by}分档：${parts.join('；')}` : `${value}, by band of ${by}: ${parts.join('; ')}`;
  }
  if ('in' in node) {
    const fact = expression(node.value, childPath(path, 'value'), ctx);
    return zh ? `${fact}属于：${codeSet(node.value.fact, node.in, ctx)}` : `${fact} is one of: ${codeSet(node.value.fact, node.in, ctx)}`;
  }
  if ('is' in node) {
    const fact = expression(node.value, childPath(path, 'value'), ctx);
    return `${fact}${zh ? '：' : ': '}${formatValue(node.is ? 1 : 0, 'boolean', ctx.locale)}`;
  }
  if ('industry' in node) {
    const { sections = [], divisionRanges = [], prefixes = [] } = node.industry;
    const parts = [
      sections.length ? (zh ? `门类 ${sections.join('、')}` : `sections ${sections.join(', ')}`) : '',
      divisionRanges.length ? (zh ? `大类 ${divisionRanges.map(([a, b]) => (a === b ? a : `${a}–${b}`)).join('、')}` : `divisions ${divisionRanges.map(([a, b]) => (a === b ? a : `${a}–${b}`)).join(', ')}`) : '',
      prefixes.length ? (zh ? `行业代码 ${prefixes.join('、')}` : `codes ${prefixes.join(', ')}`) : '',
    ].filter(Boolean);
    const set = (node.industry as { set?: string }).set;
    if (set !== undefined) parts.unshift(zh ? `“${industrySetName(ctx.catalogue, set, true)}”` : `“${industrySetName(ctx.catalogue, set, false)}”`);
    return zh ? `所属行业属于：${parts.join('；')}` : `Industry in: ${parts.join('; ')}`;
  }
  if ('history' in node) {
    // "纳入规上（四上）统计" → the status "规上（四上）统计", so each test can say how it was entered or left.
    const status = factName(node.history, ctx).replace(/^纳入/, '').replace(/^In /, '');
    const fact = ctx.catalogue.facts.get(node.history);
    const since = node.since ?? fact?.historyFrom;
    const year = yearSpec(node.year, ctx);
    const when = inYear(node.year, ctx);
    switch (node.test) {
      case 'firstEntry':
        return zh ? `${year}首次纳入${status}（${since}年以来此前从未纳入）` : `First entered ${status} ${when} (never before, records from ${since})`;
      case 'entry':
        return zh ? `${year}新纳入${status}（上一年未纳入）` : `Entered ${status} ${when} (not in it the year before)`;
      case 'reEntry':
        return zh ? `${year}再次纳入${status}（此前曾纳入后退出）` : `Re-entered ${status} ${when} after an earlier exit`;
      case 'heldConsecutive':
        return zh ? `截至${year}连续${node.years}年纳入${status}` : `In ${status} for ${node.years} consecutive years up to ${year}`;
      case 'everExited':
        return zh ? `截至${year}曾退出${status}` : `Has left ${status} at some time up to ${year}`;
    }
  }
  if ('review' in node) return reviewText(node, zh);
  if ('declared' in node) return declaredText(node, ctx.declared, zh);
  if ('certification' in node) {
    const definition = ctx.catalogue.certifications.get(node.certification);
    const baseName = definition ? (zh ? definition.nameZh : definition.nameEn) : node.certification;
    const name = node.levels ? (zh ? `${levelsText(node.levels, true)}${baseName}` : `${baseName} (${levelsText(node.levels, false)} level)`) : baseName;
    const year = node.year ? yearSpec(node.year, ctx) : '';
    const when = node.year ? inYear(node.year, ctx) : '';
    switch (node.test) {
      case 'heldOn':
        return zh ? `评估日持有有效的${name}认定` : `Holds a valid ${name} certification on the evaluation date`;
      case 'awardedIn':
        return zh ? `${year}获得${name}认定` : `Certified ${name} ${when}`;
      case 'firstAwardedIn':
        return zh ? `${year}首次认定为${name}（非重新认定）` : `First certified ${name} ${when} (not a renewal)`;
      case 'renewedIn':
        return zh ? `${year}重新认定为${name}` : `Re-certified ${name} ${when}`;
      case 'heldForYears':
        return zh ? `持续持有${name}认定满${node.years}年` : `Has held the ${name} certification for at least ${node.years} years`;
    }
  }
  return JSON.stringify(node);
}

function withClause(text: string, clause: string | undefined, ctx: Ctx): string {
  if (!clause) return text;
  return ctx.zh ? `【${clause}】${text}` : `[${clause}] ${text}`;
}

/** A leaf of the rule read as a prohibition (under `not`): "不得有重大行政处罚", "研发费用占比 < 3%". */
function negatedLeafText(node: RuleNode, path: string, ctx: Ctx): string {
  const zh = ctx.zh;
  if ('left' in node) {
    return `${expression(node.left, childPath(path, 'left'), ctx)} ${OP_SYMBOL[NEGATED_OP[node.op]]} ${expression(node.right, childPath(path, 'right'), ctx)}`;
  }
  if ('is' in node) {
    const fact = expression(node.value, childPath(path, 'value'), ctx);
    if (!node.is) return `${fact}${zh ? '：' : ': '}${formatValue(1, 'boolean', ctx.locale)}`;
    return zh ? `不得有${fact}` : `Must not have: ${fact}`;
  }
  if ('in' in node) {
    const fact = expression(node.value, childPath(path, 'value'), ctx);
    return zh ? `${fact}不得属于：${codeSet(node.value.fact, node.in, ctx)}` : `${fact} must not be one of: ${codeSet(node.value.fact, node.in, ctx)}`;
  }
  return zh ? `不得：${leafText(node, path, ctx)}` : `Must not: ${leafText(node, path, ctx)}`;
}

/**
 * Renders a whole rule as lines (one per node, with depth for indentation). A `not` is read as what it
 * forbids, like in explanations: "不得有失信被执行人" rather than "不满足：失信被执行人：是".
 */
export function renderRule(rule: RuleNode, options: RenderOptions = {}): RenderedLine[] {
  const ctx = context(options);
  const lines: RenderedLine[] = [];
  const visit = (node: RuleNode, path: string, depth: number, negated: boolean, clause: string | undefined) => {
    if ('not' in node) {
      const child = ruleChildren(node, path)[0];
      const own = node.clause ?? clause;
      if (groupHeader(child.node, ctx) !== null) return visit(child.node, child.path, depth, !negated, own);
      const text = negated ? leafText(child.node, child.path, ctx) : negatedLeafText(child.node, child.path, ctx);
      lines.push({ path, depth, text: withClause(text, own ?? child.node.clause, ctx) });
      return;
    }
    const header = negated ? negatedGroupHeader(node, ctx) : groupHeader(node, ctx);
    if (header === null) {
      lines.push({ path, depth, text: withClause(negated ? negatedLeafText(node, path, ctx) : leafText(node, path, ctx), node.clause ?? clause, ctx) });
      return;
    }
    lines.push({ path, depth, text: withClause(header, node.clause ?? clause, ctx) });
    for (const child of ruleChildren(node, path)) visit(child.node, child.path, depth + 1, negated, undefined);
  };
  visit(rule, '', 0, false, undefined);
  return lines;
}

/** Renders a whole rule as indented text. */
export function renderRuleText(rule: RuleNode, options: RenderOptions = {}): string {
  return indent(renderRule(rule, options));
}

function indent(lines: readonly RenderedLine[]): string {
  return lines.map((line) => `${'  '.repeat(line.depth)}${line.text}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

function operandValue(operand: Operand, ctx: Ctx, precision?: number): string {
  if (operand.state === 'missing') return ctx.zh ? '（缺失）' : '(missing)';
  if (operand.state === 'undefined') return ctx.zh ? '（无法计算：分母为0）' : '(undefined: division by zero)';
  return formatValue(operand.value!, operand.unit, ctx.locale, precision);
}

/** The operands a leaf compares (value first), for choosing one precision for all of them. */
function comparedOperands(node: Explanation): Operand[] {
  switch (node.kind) {
    case 'compare':
      return [node.left, node.right];
    case 'between':
      return [node.operand, node.min, node.max];
    case 'bands':
      return node.bound ? [node.operand, node.bound] : [node.operand];
    default:
      return [];
  }
}

/** The precision at which a leaf's compared values are shown (see distinctPrecision). */
export function leafPrecision(node: Explanation, locale: Locale = 'zh-CN'): number | undefined {
  const operands = comparedOperands(node);
  if (operands.length < 2) return undefined;
  return distinctPrecision(
    operands.map((o) => (o.state === 'ok' ? o.value : null)),
    operands[0].unit,
    locale,
  );
}

/**
 * The values of a leaf as its line shows them (the web's chips use these rather than formatting again):
 * the actual value, the bound or range, and the near miss — unless the leaf is read as a prohibition
 * (under `not`), where a near miss would point towards becoming excluded.
 */
export function explanationValues(node: Explanation, locale: Locale = 'zh-CN', negated = false): { actual?: string; bound?: string; min?: string; max?: string; nearMiss?: string } {
  const ctx = context({ locale });
  const precision = leafPrecision(node, locale);
  const shown = (operand: Operand | null) => (operand && operand.state === 'ok' ? operandValue(operand, ctx, precision) : undefined);
  const out: { actual?: string; bound?: string; min?: string; max?: string; nearMiss?: string } = {};
  if (node.kind === 'compare') Object.assign(out, { actual: shown(node.left), bound: shown(node.right) });
  if (node.kind === 'between') Object.assign(out, { actual: shown(node.operand), min: shown(node.min), max: shown(node.max) });
  if (node.kind === 'bands') Object.assign(out, { actual: shown(node.operand), bound: shown(node.bound) });
  if (!negated && 'nearMiss' in node && node.nearMiss) out.nearMiss = formatNearMiss(node.nearMiss, locale, precision);
  for (const key of Object.keys(out) as (keyof typeof out)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** "2023年主营业务收入 2,350万元": the expression with its computed value (constants just once). */
function operandText(rule: RuleNode, operand: Operand, ctx: Ctx, precision?: number): string {
  const expr = nodeAtPath(rule, operand.path) as Expr | undefined;
  const value = operandValue(operand, ctx, precision);
  if (!expr || exprKind(expr) === 'constant') return value;
  return `${expression(expr, operand.path, ctx)}${value.startsWith('（') ? '' : ' '}${value}`;
}

/** The comparison that holds exactly when `op` does not: under `not`, "≥ 3%" is shown as "< 3%". */
const NEGATED_OP: Record<CompareOperator, CompareOperator> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };

/**
 * A leaf read as a prohibition (it sits under an odd number of `not`): what is forbidden, never what is
 * required ("不得有重大行政处罚", "企业类型 分支机构 不得属于 {分支机构}", "研发费用占比 2% < 3%").
 */
function negatedLeaf(rule: RuleNode, node: Explanation, ctx: Ctx): string {
  const zh = ctx.zh;
  const precision = leafPrecision(node, ctx.locale);
  switch (node.kind) {
    case 'compare':
      return `${operandText(rule, node.left, ctx, precision)} ${OP_SYMBOL[NEGATED_OP[node.op]]} ${operandText(rule, node.right, ctx, precision)}`;
    case 'is': {
      const name = factWithPeriod(node.input.fact, node.input.period, undefined, ctx);
      if (!node.expected) {
        // not (X is no) = X must be yes: a requirement after all.
        const value = node.input.value === null ? (zh ? '（缺失）' : '(missing)') : formatValue(Number(node.input.value), 'boolean', ctx.locale);
        return zh ? `${name}：${value}（要求：是）` : `${name}: ${value} (required: yes)`;
      }
      const present = node.input.value !== null && Number(node.input.value) !== 0;
      return zh ? `不得有${name}${present ? '（实际：有）' : ''}` : `Must not have: ${name}${present ? ' (actual: yes)' : ''}`;
    }
    case 'in': {
      const value = node.input.value === null ? (zh ? '（缺失）' : '(missing)') : codeValue(node.input.fact, String(node.input.value), ctx);
      const name = factWithPeriod(node.input.fact, node.input.period, undefined, ctx);
      return zh ? `${name} ${value} 不得属于 {${codeSet(node.input.fact, node.set, ctx)}}` : `${name} ${value} must not be in {${codeSet(node.input.fact, node.set, ctx)}}`;
    }
    default:
      return zh ? `不得：${explanationLeaf(rule, node, ctx)}` : `Must not: ${explanationLeaf(rule, node, ctx)}`;
  }
}

function explanationLeaf(rule: RuleNode, node: Explanation, ctx: Ctx): string {
  const zh = ctx.zh;
  const ruleNode = nodeAtPath(rule, node.path) as RuleNode;
  const precision = leafPrecision(node, ctx.locale);
  switch (node.kind) {
    case 'compare':
      return `${operandText(rule, node.left, ctx, precision)} ${OP_SYMBOL[node.op]} ${operandText(rule, node.right, ctx, precision)}`;
    case 'between': {
      const lo = node.minInclusive ? '≤' : '<';
      const hi = node.maxInclusive ? '≤' : '<';
      return `${operandText(rule, node.min, ctx, precision)} ${lo} ${operandText(rule, node.operand, ctx, precision)} ${hi} ${operandText(rule, node.max, ctx, precision)}`;
    }
    case 'bands': {
      const by = operandText(rule, node.by, ctx);
      const value = operandText(rule, node.operand, ctx, precision);
      if (node.band === null || node.bound === null) {
        return zh ? `${value}（${by}，分档未知，需满足各档标准）` : `${value} (${by}; band unknown, must meet every band's bound)`;
      }
      const bands = 'bands' in ruleNode ? ruleNode.bands : [];
      const band = bands[node.band];
      const previous = node.band > 0 ? bands[node.band - 1] : null;
      const range = [
        previous?.upTo ? `${expression(previous.upTo, childPath(node.path, 'bands', node.band - 1, 'upTo'), ctx)} ${previous.inclusive ? '<' : '≤'} ` : '',
        '…',
        band?.upTo ? ` ${band.inclusive ? '≤' : '<'} ${expression(band.upTo, childPath(node.path, 'bands', node.band, 'upTo'), ctx)}` : '',
      ].join('');
      const bandText = previous || band?.upTo ? range : '…';
      return zh
        ? `${value} ${OP_SYMBOL[node.op]} ${operandValue(node.bound, ctx, precision)}（按${by}所在档 ${bandText}）`
        : `${value} ${OP_SYMBOL[node.op]} ${operandValue(node.bound, ctx, precision)} (band of ${by}: ${bandText})`;
    }
    case 'in': {
      const value = node.input.value === null ? (zh ? '（缺失）' : '(missing)') : codeValue(node.input.fact, String(node.input.value), ctx);
      const name = factWithPeriod(node.input.fact, node.input.period, undefined, ctx);
      return zh ? `${name} ${value} 属于 {${codeSet(node.input.fact, node.set, ctx)}}` : `${name} ${value} in {${codeSet(node.input.fact, node.set, ctx)}}`;
    }
    case 'is': {
      const name = factWithPeriod(node.input.fact, node.input.period, undefined, ctx);
      const value = node.input.value === null ? (zh ? '（缺失）' : '(missing)') : formatValue(Number(node.input.value), 'boolean', ctx.locale);
      return zh ? `${name}：${value}（要求：${formatValue(node.expected ? 1 : 0, 'boolean', ctx.locale)}）` : `${name}: ${value} (required: ${formatValue(node.expected ? 1 : 0, 'boolean', ctx.locale)})`;
    }
    case 'industry':
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '；企业行业代码 ' : '; enterprise industry code '}${node.input.value ?? (zh ? '（缺失）' : '(missing)')}`;
    case 'history': {
      const before = { registration: zh ? '尚未成立' : 'not yet registered', records: zh ? '无记录' : 'no records' };
      const series = node.series
        .map((p) => `${p.year}:${p.before ? before[p.before] : p.value === null ? '?' : p.value === 1 ? (zh ? '是' : 'yes') : zh ? '否' : 'no'}`)
        .join(' ');
      // The first year before `since` that a failing test needed is the reason it fails: say so.
      const first = node.value === 'fail' ? node.series.find((p) => p.before) : undefined;
      const reason = first ? (zh ? `；${first.year}年${before[first.before!]}` : `; ${first.year}: ${before[first.before!]}`) : '';
      return `${leafText(ruleNode, node.path, ctx)} [${series}]${reason}`;
    }
    case 'certification': {
      const records =
        node.records === null
          ? zh
            ? '认定信息未知'
            : 'certifications unknown'
          : node.records.length === 0
            ? zh
              ? '无认定记录'
              : 'no records'
            : node.records
                .map((r) => `${r.level ? `${levelsText([r.level], zh)}${zh ? '' : ' '}` : ''}${r.awardedOn}–${r.expiresOn ?? '∞'}${r.isRenewal ? (zh ? '（重新认定）' : ' (renewal)') : ''}`)
                .join(zh ? '、' : ', ');
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '：' : ': '}${records}`;
    }
    case 'review':
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '：' : ': '}${reviewStateText(node.decision, zh)}`;
    case 'declared':
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '：' : ': '}${declaredStateText(node.key, node.declared, ctx.declared, zh)}`;
    default:
      return '';
  }
}

function suffix(node: Explanation, ctx: Ctx, negated = false): string {
  // Under `not` a near miss would show the way towards becoming excluded: never shown there.
  const nearMiss = !negated && 'nearMiss' in node && node.nearMiss ? formatNearMiss(node.nearMiss, ctx.locale, leafPrecision(node, ctx.locale)) : '';
  const missing = node.value === 'unknown' && node.missing?.length ? missingText(node.missing, ctx) : '';
  const notes = [nearMiss, missing].filter(Boolean);
  if (notes.length === 0) return '';
  return ctx.zh ? `（${notes.join('；')}）` : ` (${notes.join('; ')})`;
}

function missingText(missing: readonly MissingFact[], ctx: Ctx): string {
  const names = missing.map((fact) => missingFactName(fact, ctx));
  return ctx.zh ? `缺少：${names.join('、')}` : `missing: ${names.join(', ')}`;
}

/** The name of a missing fact as asked of an enterprise: "2024年研发费用", "High and new technology enterprise". */
export function missingFactName(fact: MissingFact, options: RenderOptions | Ctx = {}): string {
  const ctx = 'resolved' in options ? options : context(options);
  if (fact.fact.startsWith('records:')) return recordsMissingName(fact.fact, fact.period, ctx.zh, ctx.catalogue);
  const declared = declaredMissingName(fact.fact, ctx.declared, ctx.zh);
  if (declared !== null) return declared;
  if (fact.fact.startsWith('certification:')) {
    const code = fact.fact.slice('certification:'.length);
    const definition = ctx.catalogue.certifications.get(code);
    const name = definition ? (ctx.zh ? definition.nameZh : definition.nameEn) : code;
    return ctx.zh ? `${name}认定情况` : `${name} certification`;
  }
  return factWithPeriod(fact.fact, fact.period, undefined, ctx);
}

const FLIP: Record<Explanation['value'], Explanation['value']> = { pass: 'fail', fail: 'pass', unknown: 'unknown' };

/**
 * The header of a group read under `not`, by De Morgan: not all = any of the negations, not any = all
 * of them, not (at least k of n) = at least n − k + 1 of them. Its children are then read as prohibitions.
 */
function negatedGroupHeader(node: RuleNode, ctx: Ctx): string | null {
  if ('all' in node) return groupHeader({ any: [] }, ctx);
  if ('any' in node) return groupHeader({ all: [] }, ctx);
  if ('atLeast' in node) return groupHeader({ atLeast: node.of.length - node.atLeast + 1, of: [] }, ctx);
  return null;
}

/**
 * Renders an explanation as lines mirroring the rule, each with its ✓/✗/? mark. A `not` shows no line of
 * its own: what it forbids is shown as a prohibition with the verdict of the `not` ("不得有重大行政处罚 ✓"),
 * on the `not`'s path for a leaf; a group under it is read by De Morgan (marks of lines below a `not`
 * are those of the prohibitions, i.e. flipped once per `not` above them).
 */
export function renderExplanation(rule: RuleNode, result: Pick<RuleResult, 'explanation' | 'evaluationDate'>, options: RenderOptions = {}): RenderedLine[] {
  const ctx = { ...context({ evaluationDate: result.evaluationDate, ...options }), explaining: true };
  const lines: RenderedLine[] = [];
  const visit = (node: Explanation, depth: number, negated: boolean, clause: string | undefined) => {
    if (node.kind === 'not') {
      const child = node.children[0];
      const own = node.clause ?? clause;
      if ('children' in child) return visit(child, depth, !negated, own);
      // A `not` over a leaf: one line, on the `not`'s path, with the `not`'s verdict (flipped under another `not`).
      ctx.resolved = new Map(collectInputs(child).map((input) => [input.path, input.period]));
      const body = negated ? explanationLeaf(rule, child, ctx) : negatedLeaf(rule, child, ctx);
      const mark = negated ? FLIP[node.value] : node.value;
      lines.push({ path: node.path, depth, text: `${withClause(body, own ?? child.clause, ctx)} ${MARK[mark]}${suffix(child, ctx, !negated)}` });
      return;
    }
    const ruleNode = nodeAtPath(rule, node.path) as RuleNode;
    ctx.resolved = new Map(collectInputs(node).map((input) => [input.path, input.period]));
    const header = negated ? negatedGroupHeader(ruleNode, ctx) : groupHeader(ruleNode, ctx);
    const body = header === null ? (negated ? negatedLeaf(rule, node, ctx) : explanationLeaf(rule, node, ctx)) : header.replace(/[：:]$/, '');
    const mark = negated ? FLIP[node.value] : node.value;
    lines.push({ path: node.path, depth, text: `${withClause(body, node.clause ?? clause, ctx)} ${MARK[mark]}${suffix(node, ctx, negated)}` });
    for (const input of collectInputs(node)) if (input.records) for (const text of recordLines(input.records, ctx.zh, ctx.catalogue)) lines.push({ path: `${input.path}#records`, depth: depth + 1, text });
    if ('children' in node) for (const child of node.children) visit(child, depth + 1, negated, undefined);
  };
  visit(result.explanation, 0, false, undefined);
  return lines;
}

function collectInputs(node: Explanation): ExplainedInput[] {
  switch (node.kind) {
    case 'compare':
      return [...node.left.inputs, ...node.right.inputs];
    case 'between':
      return [...node.operand.inputs, ...node.min.inputs, ...node.max.inputs];
    case 'bands':
      return [...node.operand.inputs, ...node.by.inputs, ...(node.bound?.inputs ?? [])];
    case 'in':
    case 'is':
    case 'industry':
      return [node.input];
    default:
      return [];
  }
}

/** Renders an explanation as indented text, with the outcome and the missing facts. */
export function explanationText(rule: RuleNode, result: RuleResult, options: RenderOptions = {}): string {
  const ctx = context({ evaluationDate: result.evaluationDate, ...options });
  const outcome = ctx.zh
    ? { eligible: '符合条件', ineligible: '不符合条件', unknown: '尚无法判定' }[result.outcome]
    : { eligible: 'Eligible', ineligible: 'Not eligible', unknown: 'Undecided' }[result.outcome];
  const head = ctx.zh ? `评估日期 ${result.evaluationDate}：${outcome}` : `Evaluated on ${result.evaluationDate}: ${outcome}`;
  const body = indent(renderExplanation(rule, result, options));
  const ask = result.missingFacts.length
    ? `\n${ctx.zh ? '需补充：' : 'To decide, provide: '}${result.missingFacts.map((fact) => missingFactName(fact, ctx)).join(ctx.zh ? '、' : ', ')}`
    : '';
  return `${head}\n${body}${ask}`;
}

/** The downloadable audit record of one evaluation. */
export interface ExplanationExport {
  format: 'dianxiaoer.rule-explanation/1';
  policyId?: string;
  enterpriseId?: string;
  evaluationDate: string;
  outcome: RuleResult['outcome'];
  rule: RuleNode;
  explanation: Explanation;
  missingFacts: RuleResult['missingFacts'];
  text: { 'zh-CN': string; 'en-US': string };
}

/**
 * Packs a result for audits: the rule as evaluated, the explanation tree and its rendering in both
 * languages, in one JSON document the server offers as a download.
 */
export function exportExplanation(
  rule: RuleNode,
  result: RuleResult,
  options: Omit<RenderOptions, 'locale'> & { policyId?: string; enterpriseId?: string } = {},
): ExplanationExport {
  const { policyId, enterpriseId, ...render } = options;
  return {
    format: 'dianxiaoer.rule-explanation/1',
    ...(policyId === undefined ? {} : { policyId }),
    ...(enterpriseId === undefined ? {} : { enterpriseId }),
    evaluationDate: result.evaluationDate,
    outcome: result.outcome,
    rule,
    explanation: result.explanation,
    missingFacts: result.missingFacts,
    text: {
      'zh-CN': explanationText(rule, result, { ...render, locale: 'zh-CN' }),
      'en-US': explanationText(rule, result, { ...render, locale: 'en-US' }),
    },
  };
}
