/**
 * Human rendering, generated from the tree (never written twice): the whole rule as readable Chinese
 * or English, and an explanation line per node such as
 *   "【2020年主营业务收入2000万元以上】2020年主营业务收入 1,850万元 ≥ 2,000万元 ✗（差 150万元，7.5%）".
 * Explanations can be exported as one JSON document with the rule, the result and both texts, for audits.
 */
import { formatFen } from '../../money/money.ts';
import { SIZE_CLASS_NAMES } from '../../profile/size-class.ts';
import { DEFAULT_CATALOGUE, type FactCatalogue } from '../catalogue.ts';
import type { Explanation, ExplainedInput, NearMiss, Operand, RuleResult } from '../evaluate.ts';
import type { MissingFact } from '../missing.ts';
import { resolveParameter, type ParameterSet } from '../params.ts';
import { parseEvaluationDate } from '../periods.ts';
import type { CompareOperator, Expr, FactRef, ParameterDefinition, PeriodSpec, RuleNode, YearSpec } from '../schema.ts';
import { childPath, exprKind, nodeAtPath, ruleChildren } from '../tree.ts';
import { constantUnit, constantValue, ymdToIso, type ValueUnit } from '../units.ts';
import { reviewStateText, reviewText } from '../review.ts';
import { toParameterSet } from '../validate.ts';

export type Locale = 'zh-CN' | 'en-US';

export interface RenderOptions {
  locale?: Locale;
  catalogue?: FactCatalogue;
  params?: ParameterSet | readonly ParameterDefinition[];
  /** When given, parameters show the value in force on this date. */
  evaluationDate?: string;
  /** Resolved period labels of fact references by path, to print "2024年" rather than "上年度". */
  resolvedPeriods?: ReadonlyMap<string, string | null>;
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
  };
}

const OP_SYMBOL: Record<CompareOperator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };
const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;

// ---------------------------------------------------------------------------------------------
// Values and units
// ---------------------------------------------------------------------------------------------

/** Formats a value in a unit: money via formatFen, ratios as percentages, dates, people, counts. */
export function formatValue(value: number, unit: ValueUnit, locale: Locale = 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  switch (unit) {
    case 'fen':
      return formatFen(Math.round(value), locale);
    case 'bp':
      return formatPercent(value);
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
    default:
      return group(value);
  }
}

/** Basis points as a percentage with at most two decimals: 300 → "3%", 287.5 → "2.88%". */
function formatPercent(bp: number): string {
  const percent = Math.round(bp) / 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0$/, '')}%`;
}

function group(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

/** A near miss: "差 150万元，7.5%" / "short by CNY 1,500,000.00 (7.5%)". */
export function formatNearMiss(nearMiss: NearMiss, locale: Locale = 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  const amount =
    nearMiss.unit === 'bp'
      ? zh
        ? `${formatPercent(nearMiss.absolute).replace('%', '')}个百分点`
        : `${formatPercent(nearMiss.absolute).replace('%', '')} percentage points`
      : formatValue(nearMiss.unit === 'fen' ? Math.ceil(nearMiss.absolute) : nearMiss.absolute, nearMiss.unit, locale);
  const relative = nearMiss.relativeBp === null || nearMiss.unit === 'bp' ? '' : zh ? `，${formatPercent(nearMiss.relativeBp)}` : `, ${formatPercent(nearMiss.relativeBp)} of the bound`;
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
  return ctx.zh ? `${label}年` : label;
}

function periodSpec(spec: PeriodSpec, ctx: Ctx): string {
  const zh = ctx.zh;
  if ('year' in spec) return periodLabel(String(spec.year), ctx);
  if ('quarter' in spec) return periodLabel(spec.quarter, ctx);
  if ('month' in spec) return periodLabel(spec.month, ctx);
  if ('yearsAgo' in spec) return relative(spec.yearsAgo, zh ? ['当年', '上年度', '前年'] : ['this year', 'last year', '2 years ago'], zh ? '年前' : 'years ago', zh);
  if ('quartersAgo' in spec) return relative(spec.quartersAgo, zh ? ['本季度', '上季度'] : ['this quarter', 'last quarter'], zh ? '个季度前' : 'quarters ago', zh);
  if ('monthsAgo' in spec) return relative(spec.monthsAgo, zh ? ['本月', '上月'] : ['this month', 'last month'], zh ? '个月前' : 'months ago', zh);
  if (spec.maxAgo === undefined) return zh ? '最近一期' : 'latest';
  return zh ? `近${spec.maxAgo + 1}期内最新一期` : `latest of the last ${spec.maxAgo + 1} periods`;
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
    case 'yearsSince': {
      const ref = (expr as { yearsSince: FactRef }).yearsSince;
      const name = factName(ref.fact, ctx);
      return ctx.zh ? `自${name}起满年数` : `completed years since ${name.toLowerCase()}`;
    }
    default:
      return JSON.stringify(expr);
  }
}

function codeValue(fact: string, code: string, ctx: Ctx): string {
  if (fact === 'size_class' && code in SIZE_CLASS_NAMES) return SIZE_CLASS_NAMES[code as keyof typeof SIZE_CLASS_NAMES][ctx.zh ? 'zh' : 'en'];
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
  if ('certification' in node) {
    const definition = ctx.catalogue.certifications.get(node.certification);
    const name = definition ? (zh ? definition.nameZh : definition.nameEn) : node.certification;
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

/** Renders a whole rule as lines (one per node, with depth for indentation). */
export function renderRule(rule: RuleNode, options: RenderOptions = {}): RenderedLine[] {
  const ctx = context(options);
  const lines: RenderedLine[] = [];
  const visit = (node: RuleNode, path: string, depth: number) => {
    const header = groupHeader(node, ctx);
    if (header === null) {
      lines.push({ path, depth, text: withClause(leafText(node, path, ctx), node.clause, ctx) });
      return;
    }
    lines.push({ path, depth, text: withClause(header, node.clause, ctx) });
    for (const child of ruleChildren(node, path)) visit(child.node, child.path, depth + 1);
  };
  visit(rule, '', 0);
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

function operandValue(operand: Operand, ctx: Ctx): string {
  if (operand.state === 'missing') return ctx.zh ? '（缺失）' : '(missing)';
  if (operand.state === 'undefined') return ctx.zh ? '（无法计算：分母为0）' : '(undefined: division by zero)';
  return formatValue(operand.value!, operand.unit, ctx.locale);
}

/** "2023年主营业务收入 2,350万元": the expression with its computed value (constants just once). */
function operandText(rule: RuleNode, operand: Operand, ctx: Ctx): string {
  const expr = nodeAtPath(rule, operand.path) as Expr | undefined;
  const value = operandValue(operand, ctx);
  if (!expr || exprKind(expr) === 'constant') return value;
  return `${expression(expr, operand.path, ctx)}${value.startsWith('（') ? '' : ' '}${value}`;
}

function explanationLeaf(rule: RuleNode, node: Explanation, ctx: Ctx): string {
  const zh = ctx.zh;
  const ruleNode = nodeAtPath(rule, node.path) as RuleNode;
  switch (node.kind) {
    case 'compare':
      return `${operandText(rule, node.left, ctx)} ${OP_SYMBOL[node.op]} ${operandText(rule, node.right, ctx)}`;
    case 'between': {
      const lo = node.minInclusive ? '≤' : '<';
      const hi = node.maxInclusive ? '≤' : '<';
      return `${operandText(rule, node.min, ctx)} ${lo} ${operandText(rule, node.operand, ctx)} ${hi} ${operandText(rule, node.max, ctx)}`;
    }
    case 'bands': {
      const by = operandText(rule, node.by, ctx);
      const value = operandText(rule, node.operand, ctx);
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
        ? `${value} ${OP_SYMBOL[node.op]} ${operandValue(node.bound, ctx)}（按${by}所在档 ${bandText}）`
        : `${value} ${OP_SYMBOL[node.op]} ${operandValue(node.bound, ctx)} (band of ${by}: ${bandText})`;
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
      const series = node.series.map((p) => `${p.year}:${p.value === null ? '?' : p.value === 1 ? (zh ? '是' : 'yes') : zh ? '否' : 'no'}`).join(' ');
      return `${leafText(ruleNode, node.path, ctx)} [${series}]`;
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
            : node.records.map((r) => `${r.awardedOn}–${r.expiresOn ?? '∞'}${r.isRenewal ? (zh ? '（重新认定）' : ' (renewal)') : ''}`).join(zh ? '、' : ', ');
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '：' : ': '}${records}`;
    }
    case 'review':
      return `${leafText(ruleNode, node.path, ctx)}${zh ? '：' : ': '}${reviewStateText(node.decision, zh)}`;
    default:
      return '';
  }
}

function suffix(node: Explanation, ctx: Ctx): string {
  const nearMiss = 'nearMiss' in node && node.nearMiss ? formatNearMiss(node.nearMiss, ctx.locale) : '';
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
  if (fact.fact.startsWith('certification:')) {
    const code = fact.fact.slice('certification:'.length);
    const definition = ctx.catalogue.certifications.get(code);
    const name = definition ? (ctx.zh ? definition.nameZh : definition.nameEn) : code;
    return ctx.zh ? `${name}认定情况` : `${name} certification`;
  }
  return factWithPeriod(fact.fact, fact.period, undefined, ctx);
}

/** Renders an explanation as lines mirroring the rule, each with its ✓/✗/? mark. */
export function renderExplanation(rule: RuleNode, result: Pick<RuleResult, 'explanation' | 'evaluationDate'>, options: RenderOptions = {}): RenderedLine[] {
  const ctx = { ...context({ evaluationDate: result.evaluationDate, ...options }), explaining: true };
  const lines: RenderedLine[] = [];
  const visit = (node: Explanation, depth: number) => {
    const ruleNode = nodeAtPath(rule, node.path) as RuleNode;
    ctx.resolved = new Map(collectInputs(node).map((input) => [input.path, input.period]));
    const header = groupHeader(ruleNode, ctx);
    const body = header === null ? explanationLeaf(rule, node, ctx) : header.replace(/[：:]$/, '');
    lines.push({ path: node.path, depth, text: `${withClause(body, node.clause, ctx)} ${MARK[node.value]}${suffix(node, ctx)}` });
    if ('children' in node) for (const child of node.children) visit(child, depth + 1);
  };
  visit(result.explanation, 0);
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
