/**
 * The reading assistant: a policy's Chinese text → its articles and clauses, sentences classified by
 * kind, a proposed rule node for each condition sentence and a proposed benefit for each amount
 * sentence, each linked to its source span with a confidence, and every sentence it could not read
 * listed with its span. Deterministic patterns over the text (no service, no randomness); pure.
 *
 * Conventions (docs/reading-assistant.md): 以上/不低于/达到 include the bound (>=), 以下/低于/不足/未满
 * exclude it (<), 超过/高于 exclude it (>), 不超过/以内 include it (<=); an explicit 含/不含 wins.
 */
import { DEFAULT_CATALOGUE, type FactCatalogue } from '../rules/catalogue.ts';
import type { SizeClass } from '../profile/size-class.ts';
import type { Benefit, CompareOperator, Constant, Expr, MoneyConstant, PeriodSpec, RatioConstant, RuleNode, YearSpec } from '../rules/schema.ts';
import { findQuantities, parseChineseNumeral, type Quantity, type QuantityUnit } from './numbers.ts';
import {
  ABOVE_SCALE,
  ABOVE_SCALE_CONSECUTIVE,
  ABOVE_SCALE_EXIT,
  ABOVE_SCALE_FIRST_ENTRY,
  CERTIFICATION_WORDINGS,
  EXCLUSION_WORDS,
  factWordings,
  INDUSTRY_WORDINGS,
  MATERIALS_WORDS,
  NEGATIVE_RECORDS,
  PERIOD_WORDS,
  REWARD_WORDS,
  SIZE_WORDINGS,
  type FactWording,
} from './lexicon.ts';
import { splitDivisions, splitSentences, type Division, type TextSpan } from './structure.ts';

export type SentenceKind = 'condition' | 'exclusion' | 'amount' | 'period' | 'materials' | 'other';
export const SENTENCE_KINDS: readonly SentenceKind[] = ['condition', 'exclusion', 'amount', 'period', 'materials', 'other'];

export interface ReadSentence extends TextSpan {
  text: string;
  division: number;
  /** Main kind (for the highlight colour) and every kind the sentence shows. */
  kind: SentenceKind;
  kinds: SentenceKind[];
}

export interface ConditionPart {
  span: TextSpan;
  node: RuleNode;
}

export interface ConditionProposal {
  id: string;
  sentence: number;
  span: TextSpan;
  /** The node proposed for the sentence: one leaf, or all/any of its leaves. */
  node: RuleNode;
  /** Leaves with the exact span each was read from. */
  parts: ConditionPart[];
  confidence: number;
  /** Whether the sentence is an exclusion (the node says what must NOT hold, already negated). */
  exclusion: boolean;
  /** Set for the items under a heading such as "满足下列条件之一：": they belong together under one `any`. */
  anyOf?: { sentence: number; clause: string };
}

export interface BenefitProposal {
  id: string;
  sentence: number;
  span: TextSpan;
  benefit: Benefit;
  /** "最高 X 万元" with no formula: the amount is an upper bound, to be decided case by case. */
  upTo: boolean;
  confidence: number;
}

export interface NotUnderstood {
  sentence: number;
  span: TextSpan;
  text: string;
  reason: 'no_fact' | 'no_value' | 'rate_base_unknown' | 'unused_quantity' | 'unsupported';
}

export interface ReadingResult {
  length: number;
  divisions: Division[];
  sentences: ReadSentence[];
  conditions: ConditionProposal[];
  benefits: BenefitProposal[];
  notUnderstood: NotUnderstood[];
}

export interface ReadOptions {
  catalogue?: FactCatalogue;
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

const PERIOD_PATTERNS: { pattern: RegExp; spec: (m: RegExpExecArray) => PeriodSpec | null }[] = [
  { pattern: /(20\d{2}|19\d{2})\s*年(?:度)?/g, spec: (m) => ({ year: Number(m[1]) }) },
  { pattern: /上一?(?:个)?(?:会计)?年度|上一年|前一年度?|上年|(?:最近|近)一(?:个)?(?:会计)?年(?:度)?/g, spec: () => ({ yearsAgo: 1 }) },
  { pattern: /前两年|前年/g, spec: () => ({ yearsAgo: 2 }) },
  { pattern: /申报(?:当)?年度?|当年度?|本年度|当期/g, spec: () => ({ yearsAgo: 0 }) },
  {
    pattern: /(?:近|最近)([一二两三四五六七八九十\d]+)(?:个)?(?:会计)?年(?:度)?/g,
    spec: (m) => {
      const n = countOf(m[1]);
      return n === null || n < 1 ? null : { latest: true, maxAgo: n - 1 };
    },
  },
];

function countOf(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
}

interface PeriodHit extends TextSpan {
  spec: PeriodSpec;
}

function findPeriods(text: string): PeriodHit[] {
  const hits: PeriodHit[] = [];
  for (const { pattern, spec } of PERIOD_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const s = spec(m as unknown as RegExpExecArray);
      if (s && !hits.some((h) => m.index < h.end && m.index + m[0].length > h.start)) hits.push({ start: m.index, end: m.index + m[0].length, spec: s });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The period closest before `at` in the sentence (or just after it, before `limit`); null when none. */
function periodFor(periods: readonly PeriodHit[], at: number, limit: number): PeriodSpec | null {
  let best: PeriodHit | null = null;
  for (const p of periods) if (p.end <= at) best = p;
  if (best) return best.spec;
  const after = periods.find((p) => p.start >= at && p.start < limit);
  return after?.spec ?? null;
}

function yearOf(spec: PeriodSpec | null): YearSpec | null {
  if (!spec) return null;
  if ('year' in spec) return { year: spec.year };
  if ('yearsAgo' in spec) return { yearsAgo: spec.yearsAgo };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Comparators
// ---------------------------------------------------------------------------------------------

const PRE_OPS: { pattern: RegExp; op: CompareOperator }[] = [
  { pattern: /不低于|不少于|不小于|不下于|大于或等于|大于等于|达到|≥|>=|突破/, op: '>=' },
  { pattern: /不超过|不高于|不大于|不多于|小于或等于|小于等于|≤|<=|控制在/, op: '<=' },
  { pattern: /超过|高于|大于|多于|＞|>/, op: '>' },
  { pattern: /低于|少于|小于|不足|未满|未达到|不到|＜|</, op: '<' },
  { pattern: /满/, op: '>=' },
];

function preOperator(window: string): { op: CompareOperator; at: number } | null {
  let best: { op: CompareOperator; at: number; len: number } | null = null;
  for (const { pattern, op } of PRE_OPS) {
    const re = new RegExp(pattern.source, 'g');
    for (const m of window.matchAll(re)) {
      // The latest, longest match wins: 不超过 over 超过, 未达到 over 达到.
      const end = m.index + m[0].length;
      if (!best || end > best.at + best.len || (end === best.at + best.len && m[0].length > best.len)) best = { op, at: m.index, len: m[0].length };
    }
  }
  return best ? { op: best.op, at: best.at } : null;
}

const POST_OP = /^\s*(?:[（(](含|不含)(?:本数)?[^）)]{0,6}[）)])?\s*(及以上|以上|及以下|以下|以内|之内|以外)(?:\s*[（(](含|不含)(?:本数)?[^）)]{0,6}[）)])?/;

function postOperator(after: string): { op: CompareOperator; length: number } | null {
  const m = POST_OP.exec(after);
  if (!m) return null;
  const word = m[2];
  const incl = m[1] ?? m[3];
  const upward = word.endsWith('以上');
  let inclusive: boolean;
  if (incl === '含') inclusive = true;
  else if (incl === '不含') inclusive = false;
  else if (word.startsWith('及')) inclusive = true;
  else if (word === '以内' || word === '之内') inclusive = true;
  else inclusive = upward; // 以上 includes the bound, 以下 excludes it (GB/T and statistics convention)
  if (word === '以外') return null;
  return { op: upward ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<', length: m[0].length };
}

// ---------------------------------------------------------------------------------------------
// Sentence reading
// ---------------------------------------------------------------------------------------------

interface Leaf {
  span: TextSpan;
  node: RuleNode;
  confidence: number;
}

interface Mention extends TextSpan {
  fact: string;
}

const UNIT_OF_FACT: Record<string, QuantityUnit[]> = {
  fen: ['money'],
  person: ['people', 'bare'],
  count: ['count', 'bare'],
  kwh: ['kwh'],
  bp: ['percent'],
};

const SIZE_ORDER: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
const STOP = /[，,；;。：:！？]/;

interface SentenceContext {
  exclusion: boolean;
}

interface SentenceReading {
  leaves: Leaf[];
  consumed: Set<Quantity>;
  /** Thresholds read as tiers (one fact, several values listed): fact, operator and the values. */
  tiers: { by: Expr; op: CompareOperator; values: Quantity[] } | null;
  problems: { span: TextSpan; reason: NotUnderstood['reason'] }[];
}

function mask(masked: boolean[], start: number, end: number): void {
  for (let i = start; i < end; i++) masked[i] = true;
}

function isFree(masked: readonly boolean[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (masked[i]) return false;
  return true;
}

function subclauseOf(text: string, at: number): TextSpan {
  let s = at;
  while (s > 0 && !STOP.test(text[s - 1])) s--;
  let e = at;
  while (e < text.length && !STOP.test(text[e])) e++;
  return { start: s, end: e };
}

function factExpr(fact: string, period: PeriodSpec | null, catalogue: FactCatalogue): Expr {
  const def = catalogue.facts.get(fact);
  if (!def || def.periodicity === null) return { fact };
  return { fact, period: period ?? { yearsAgo: 1 } };
}

function negate(node: RuleNode): RuleNode {
  if ('not' in node) return node.not;
  return { not: node };
}

function readConditions(text: string, context: SentenceContext, catalogue: FactCatalogue, wordings: readonly FactWording[]): SentenceReading {
  const masked = new Array<boolean>(text.length).fill(false);
  const leaves: Leaf[] = [];
  const problems: SentenceReading['problems'] = [];
  const periods = findPeriods(text);
  const isNegativeAt = (at: number) => {
    const sub = subclauseOf(text, at);
    // The exclusion word may close the sentence after the list it excludes: "房地产、金融企业除外".
    const tail = text.slice(sub.end);
    return (
      context.exclusion ||
      EXCLUSION_WORDS.test(text.slice(sub.start, sub.end)) ||
      // "…的，不予支持。": a closing verdict turns the clause before it into an exclusion.
      /^[，,]\s*[^，,。；]{0,6}?(?:不予|不得|除外|不适用|不纳入|不享受)[^，,。；]*[。；;]?\s*$/.test(tail)
    );
  };

  // Negative records first: they read the same in "不得有…" and "…的不予支持".
  for (const record of NEGATIVE_RECORDS) {
    for (const m of text.matchAll(new RegExp(record.pattern.source, 'g'))) {
      if (!isFree(masked, m.index, m.index + m[0].length)) continue;
      mask(masked, m.index, m.index + m[0].length);
      const sub = subclauseOf(text, m.index);
      const period = periodFor(periods, m.index, sub.end);
      const value = { fact: record.fact, period: period ?? { latest: true as const } };
      const node: RuleNode = record.form === 'isFalse' ? { value, is: false } : { left: value, op: '<=', right: { fen: 0 } };
      leaves.push({ span: { start: m.index, end: m.index + m[0].length }, node, confidence: 0.85 });
    }
  }

  // Above-scale history and status.
  for (const m of text.matchAll(new RegExp(ABOVE_SCALE_EXIT.source, 'g'))) {
    mask(masked, m.index, m.index + m[0].length);
    const year = yearOf(periodFor(periods, m.index, m.index)) ?? { yearsAgo: 1 };
    leaves.push({ span: { start: m.index, end: m.index + m[0].length }, node: { not: { history: 'above_scale', test: 'everExited', year } }, confidence: 0.75 });
  }
  for (const m of text.matchAll(new RegExp(ABOVE_SCALE_FIRST_ENTRY.source, 'g'))) {
    if (!isFree(masked, m.index, m.index + m[0].length)) continue;
    mask(masked, m.index, m.index + m[0].length);
    const year = yearOf(periodFor(periods, m.index, m.index)) ?? { yearsAgo: 1 };
    const node: RuleNode = { history: 'above_scale', test: 'firstEntry', year };
    leaves.push({ span: { start: m.index, end: m.index + m[0].length }, node: isNegativeAt(m.index) ? negate(node) : node, confidence: 0.85 });
  }
  for (const m of text.matchAll(new RegExp(ABOVE_SCALE_CONSECUTIVE.source, 'g'))) {
    if (!isFree(masked, m.index, m.index + m[0].length)) continue;
    mask(masked, m.index, m.index + m[0].length);
    const years = countOf(m[1]) ?? 2;
    const year = yearOf(periodFor(periods, m.index, m.index)) ?? { yearsAgo: 1 };
    leaves.push({ span: { start: m.index, end: m.index + m[0].length }, node: { history: 'above_scale', test: 'heldConsecutive', year, years }, confidence: 0.8 });
  }

  // Certifications (masked before size classes: 科技型中小企业 is no size class).
  for (const cert of CERTIFICATION_WORDINGS) {
    for (const m of text.matchAll(new RegExp(cert.pattern.source, 'g'))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!isFree(masked, start, end)) continue;
      mask(masked, start, end);
      const before = text.slice(Math.max(0, start - 10), start);
      const after = text.slice(end, end + 8);
      const sub = subclauseOf(text, start);
      const year = yearOf(periodFor(periods, start, sub.end));
      let node: RuleNode;
      if (/重新认定|复审|再次认定/.test(before + after)) {
        node = { certification: cert.code, test: 'renewedIn', year: year ?? { yearsAgo: 1 } };
      } else if (/首次(?:被)?(?:认定|获评|获批|评为|入选|通过)|新(?:认定|获批|获评|评为|入选)|首次/.test(before) || /^[^，。]{0,4}首次/.test(after)) {
        node = { certification: cert.code, test: 'firstAwardedIn', year: year ?? { yearsAgo: 1 } };
      } else if (/(?:认定|获评|获批|评为|入选|认定为|通过)[^，。]{0,3}$/.test(before) && year !== null) {
        node = { certification: cert.code, test: 'awardedIn', year };
      } else {
        node = { certification: cert.code, test: 'heldOn' };
      }
      const negative = isNegativeAt(start);
      leaves.push({ span: { start, end }, node: negative ? negate(node) : node, confidence: 0.85 });
    }
  }

  // Industries and size classes: one node per polarity, the union of what is listed (、 和 或).
  const industryByPolarity = new Map<boolean, { span: TextSpan; sections: Set<string>; ranges: [string, string][]; prefixes: Set<string> }>();
  for (const wording of INDUSTRY_WORDINGS) {
    for (const m of text.matchAll(new RegExp(wording.pattern.source, 'g'))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!isFree(masked, start, end)) continue;
      mask(masked, start, end);
      const negative = isNegativeAt(start);
      const entry = industryByPolarity.get(negative) ?? { span: { start, end }, sections: new Set(), ranges: [], prefixes: new Set() };
      entry.span = { start: Math.min(entry.span.start, start), end: Math.max(entry.span.end, end) };
      wording.sections?.forEach((s) => entry.sections.add(s));
      wording.divisionRanges?.forEach((r) => {
        if (!entry.ranges.some((x) => x[0] === r[0] && x[1] === r[1])) entry.ranges.push(r);
      });
      wording.prefixes?.forEach((p) => entry.prefixes.add(p));
      industryByPolarity.set(negative, entry);
    }
  }
  for (const [negative, entry] of industryByPolarity) {
    const industry: Extract<RuleNode, { industry: unknown }>['industry'] = {};
    if (entry.sections.size) industry.sections = [...entry.sections].sort();
    if (entry.ranges.length) industry.divisionRanges = entry.ranges;
    if (entry.prefixes.size) industry.prefixes = [...entry.prefixes].sort();
    const node: RuleNode = { industry };
    leaves.push({ span: entry.span, node: negative ? negate(node) : node, confidence: 0.8 });
  }

  const sizeByPolarity = new Map<boolean, { span: TextSpan; classes: Set<SizeClass> }>();
  for (const wording of SIZE_WORDINGS) {
    for (const m of text.matchAll(new RegExp(wording.pattern.source, 'g'))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!isFree(masked, start, end)) continue;
      mask(masked, start, end);
      // "…的为中型企业" defines the class; it is no condition.
      if (/的为$/.test(text.slice(0, start))) continue;
      const negative = isNegativeAt(start);
      const entry = sizeByPolarity.get(negative) ?? { span: { start, end }, classes: new Set<SizeClass>() };
      entry.span = { start: Math.min(entry.span.start, start), end: Math.max(entry.span.end, end) };
      wording.classes.forEach((c) => entry.classes.add(c));
      sizeByPolarity.set(negative, entry);
    }
  }
  for (const [negative, entry] of sizeByPolarity) {
    const period = periodFor(periods, entry.span.start, entry.span.end);
    const node: RuleNode = { value: { fact: 'size_class', period: period ?? { yearsAgo: 1 } }, in: SIZE_ORDER.filter((c) => entry.classes.has(c)) };
    leaves.push({ span: entry.span, node: negative ? negate(node) : node, confidence: period ? 0.8 : 0.7 });
  }

  // Above-scale status (after industries, so 规上工业 gives both nodes).
  for (const m of text.matchAll(new RegExp(ABOVE_SCALE.source, 'g'))) {
    const start = m.index;
    const end = start + m[0].length;
    if (leaves.some((l) => 'history' in l.node || ('not' in l.node && 'history' in l.node.not)) && leaves.some((l) => l.span.start <= start && l.span.end >= end)) continue;
    if (/^[^，。]{0,2}(?:标准|统计|培育|入库)/.test(text.slice(end)) && !/企业/.test(text.slice(end, end + 4))) continue;
    const period = periodFor(periods, start, end);
    const node: RuleNode = { value: { fact: 'above_scale', period: period ?? { yearsAgo: 1 } }, is: true };
    leaves.push({ span: { start, end }, node: isNegativeAt(start) ? negate(node) : node, confidence: 0.75 });
    mask(masked, start, end);
  }

  // Registration age: 成立满一年, 注册时间不足3年.
  for (const m of text.matchAll(/(?:成立|注册|登记|设立)(?:时间|年限)?(?:须|应)?(满|超过|不足|未满|不少于|达到|在)?\s*([一二两三四五六七八九十\d]+)\s*(?:个)?(?:周)?年(以上|以下|以内|及以上)?/g)) {
    const n = countOf(m[2]);
    if (n === null) continue;
    let op: CompareOperator = m[1] === '不足' || m[1] === '未满' ? '<' : m[1] === '超过' ? '>' : '>=';
    if (m[3]) op = postOperator(m[3])?.op ?? op;
    const start = m.index;
    const end = start + m[0].length;
    mask(masked, start, end);
    const node: RuleNode = { left: { yearsSince: { fact: 'registered_on' } }, op, right: { years: n } };
    leaves.push({ span: { start, end }, node: isNegativeAt(start) ? negate(node) : node, confidence: 0.8 });
  }

  // Quantitative facts.
  const quantities = findQuantities(text);
  const consumed = new Set<Quantity>();
  for (const q of quantities) if (!isFree(masked, q.start, q.end)) consumed.add(q);
  const mentions: Mention[] = [];
  for (const wording of wordings) {
    for (const m of text.matchAll(wording.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!isFree(masked, start, end)) continue;
      mask(masked, start, end);
      mentions.push({ start, end, fact: wording.fact });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  // "新招用职工": adjacent mentions name one fact, the first.
  const merged: Mention[] = [];
  for (const mention of mentions) {
    const last = merged[merged.length - 1];
    if (last && mention.start - last.end <= 1 && /^的?$/.test(text.slice(last.end, mention.start))) last.end = mention.end;
    else merged.push({ ...mention });
  }
  let tiers: SentenceReading['tiers'] = null;
  const usedMentions = new Set<Mention>();
  for (let k = 0; k < merged.length; k++) {
    const mention = merged[k];
    if (usedMentions.has(mention)) continue;
    const def = catalogue.facts.get(mention.fact);
    if (!def) continue;
    const before = text.slice(Math.max(0, mention.start - 2), mention.start);
    if (/亩均|人均|单位|户均/.test(before)) {
      problems.push({ span: subclauseOf(text, mention.start), reason: 'unsupported' });
      continue;
    }
    const sub = subclauseOf(text, mention.start);
    // A fact in a clause that rewards by it ("按研发费用的10%给予补助") is a benefit base, not a condition.
    const afterMention = text.slice(mention.end, sub.end);
    if (/^(?:的|总额的|增量的|增长部分的|额的)?\s*\d/.test(afterMention) && /按|给予|补助|奖励/.test(text.slice(sub.start, mention.start)) && !/达到|超过|不低于/.test(afterMention)) continue;
    const next = merged.slice(k + 1).find((m) => m.start >= mention.end);
    // Ratio: A 占 B (的)比重/比例 …%.
    let ratioWith: Mention | null = null;
    if (next && next.start < sub.end && /占/.test(text.slice(mention.end, next.start))) ratioWith = next;
    // "研发费用不低于100万元，且占营业收入比重不低于3%": the share's subject is the fact before.
    const previous = merged.slice(0, k).reverse().find((m) => catalogue.facts.get(m.fact)?.unit === def.unit);
    if (!ratioWith && previous && /占\s*$/.test(text.slice(Math.max(0, mention.start - 3), mention.start))) {
      const share = quantities.find((c) => c.start >= mention.end && c.start < sub.end && c.unit === 'percent' && !consumed.has(c));
      if (share) {
        consumed.add(share);
        const period = periodFor(periods, previous.start, share.start) ?? { yearsAgo: 1 };
        const op = postOperator(text.slice(share.end))?.op ?? preOperator(text.slice(mention.end, share.start))?.op ?? '>=';
        const node: RuleNode = { left: { ratio: [factExpr(previous.fact, period, catalogue), factExpr(mention.fact, period, catalogue)] }, op, right: share.constant as Expr };
        leaves.push({ span: { start: mention.start - 1, end: share.end }, node: isNegativeAt(mention.start) ? negate(node) : node, confidence: 0.75 });
        continue;
      }
    }
    const limit = ratioWith ? sub.end : Math.min(sub.end, next && next.start < sub.end ? next.start : sub.end);
    const candidates = quantities.filter((q) => q.start >= mention.end && q.start < (ratioWith ? sub.end : limit) && !consumed.has(q));
    const between = (q: Quantity) => text.slice(mention.end, q.start);
    const isGrowth = (q: Quantity) => /增长|增速|增幅|增长率|同比增|提高|提升/.test(between(q)) && (q.unit === 'percent' || q.unit === 'points');
    const isChange = (q: Quantity) => /新增|增加|增量|净增/.test(before + text.slice(Math.max(0, mention.start - 3), mention.start) + between(q)) && q.unit === 'money' && def.unit === 'fen';
    let q: Quantity | undefined;
    if (ratioWith) q = candidates.find((c) => c.unit === 'percent');
    else q = candidates.find((c) => isGrowth(c) || UNIT_OF_FACT[def.unit]?.includes(c.unit));
    if (def.unit === 'grade') {
      const grade = /([ABMCD])\s*级(及以上|以上)?/.exec(afterMention);
      if (grade) {
        const order = ['A', 'B', 'M', 'C', 'D'];
        const codes = grade[2] ? order.slice(0, order.indexOf(grade[1]) + 1) : [grade[1]];
        const period = periodFor(periods, mention.start, sub.end);
        const node: RuleNode = { value: { fact: mention.fact, period: period ?? { yearsAgo: 1 } }, in: codes };
        leaves.push({ span: { start: mention.start, end: mention.end + grade.index + grade[0].length }, node: isNegativeAt(mention.start) ? negate(node) : node, confidence: 0.85 });
      }
      continue;
    }
    if (!q) {
      if (candidates.length > 0 || /达到|不低于|以上|超过/.test(afterMention)) problems.push({ span: sub, reason: 'no_value' });
      continue;
    }
    const qIndex = quantities.indexOf(q);
    const period = periodFor(periods, mention.start, q.start);
    let confidence = 0.92;
    if (!period && def.periodicity !== null) confidence -= 0.12;
    const periodOrDefault = period ?? { yearsAgo: 1 };
    let left: Expr;
    if (ratioWith) {
      usedMentions.add(ratioWith);
      const numerator = factExpr(mention.fact, periodOrDefault, catalogue);
      const denominator = factExpr(ratioWith.fact, periodOrDefault, catalogue);
      left = { ratio: [numerator, denominator] };
    } else if (isGrowth(q)) {
      const to = periodOrDefault;
      const from: PeriodSpec = 'yearsAgo' in to ? { yearsAgo: to.yearsAgo + 1 } : 'year' in to ? { year: to.year - 1 } : { yearsAgo: 2 };
      left = { growth: { fact: mention.fact, from, to: 'latest' in to ? { yearsAgo: 1 } : to } };
    } else if (isChange(q)) {
      const to = periodOrDefault;
      const from: PeriodSpec = 'yearsAgo' in to ? { yearsAgo: to.yearsAgo + 1 } : 'year' in to ? { year: to.year - 1 } : { yearsAgo: 2 };
      left = { change: { fact: mention.fact, from, to: 'latest' in to ? { yearsAgo: 1 } : to } };
    } else left = factExpr(mention.fact, periodOrDefault, catalogue);
    consumed.add(q);
    const pre = preOperator(between(q));
    const post = postOperator(text.slice(q.end));
    // A range: X 至/到/- Y.
    const rangeMatch = /^\s*(?:[（(]含[）)])?\s*(?:以上)?\s*(?:至|到|-|—|～|~)\s*$/.exec(text.slice(q.end, quantities[qIndex + 1]?.start ?? q.end));
    const upper = quantities[qIndex + 1];
    if (rangeMatch && upper && upper.unit === q.unit && upper.start < sub.end) {
      consumed.add(upper);
      const upperPost = postOperator(text.slice(upper.end));
      const lowerInclusive = !/超过|高于/.test(between(q));
      const upperInclusive = upperPost ? upperPost.op === '<=' : !/以下/.test(text.slice(upper.end, upper.end + 3));
      const bounds = `${lowerInclusive ? '[' : '('}${upperInclusive ? ']' : ')'}` as '[]';
      leaves.push({
        span: { start: mention.start, end: upper.end + (upperPost?.length ?? 0) },
        node: { value: left, between: [q.constant as Expr, upper.constant as Expr], bounds },
        confidence: confidence - 0.05,
      });
      continue;
    }
    let op: CompareOperator;
    const marker = /^\s*[（(](含|不含)(?:本数)?[^）)]{0,6}[）)]/.exec(text.slice(q.end));
    if (post) op = post.op;
    else if (pre && marker) op = marker[1] === '含' ? (pre.op === '<' ? '<=' : pre.op === '>' ? '>=' : pre.op) : pre.op === '<=' ? '<' : pre.op === '>=' ? '>' : pre.op;
    else if (pre) op = pre.op;
    else {
      op = '>=';
      confidence -= 0.25;
    }
    if (pre && post && pre.op !== post.op && !(pre.op === '>=' && post.op === '>')) confidence -= 0.1;
    // Tiers: 分别达到 1亿元、5亿元、10亿元.
    const listed: Quantity[] = [q];
    for (let j = qIndex + 1; j < quantities.length; j++) {
      const prev = listed[listed.length - 1];
      const cand = quantities[j];
      if (cand.unit !== q.unit || !/^\s*(?:以上)?\s*[、，,和及或]\s*$/.test(text.slice(prev.end, cand.start))) break;
      listed.push(cand);
    }
    if (listed.length > 1 && q.unit === 'money' && /分别|依次/.test(text)) {
      listed.forEach((x) => consumed.add(x));
      tiers = { by: left, op, values: listed };
    }
    const node: RuleNode = { left, op, right: q.constant as Expr };
    const end = q.end + (post?.length ?? 0);
    leaves.push({ span: { start: mention.start, end }, node: isNegativeAt(mention.start) ? negate(node) : node, confidence });
    // "…500万元以上且较上年增长10%以上": a growth of the same fact, before any other fact is named.
    if (!isGrowth(q) && def.unit !== 'bp') {
      const nextStart = next ? next.start : text.length;
      const g = quantities.find((c) => c.start > q.end && c.start < nextStart && (c.unit === 'percent' || c.unit === 'points') && !consumed.has(c) && /增长|增速|增幅|提高/.test(text.slice(q.end, c.start)) && !/[。；;]/.test(text.slice(q.end, c.start)));
      if (g) {
        consumed.add(g);
        const to = periodOrDefault;
        const from: PeriodSpec = 'yearsAgo' in to ? { yearsAgo: to.yearsAgo + 1 } : 'year' in to ? { year: to.year - 1 } : { yearsAgo: 2 };
        const gPost = postOperator(text.slice(g.end));
        const gPre = preOperator(text.slice(q.end, g.start));
        const growthNode: RuleNode = { left: { growth: { fact: mention.fact, from, to: 'latest' in to ? { yearsAgo: 1 } : to } }, op: gPost?.op ?? gPre?.op ?? '>=', right: g.constant as Expr };
        leaves.push({ span: { start: q.end, end: g.end + (gPost?.length ?? 0) }, node: isNegativeAt(g.start) ? negate(growthNode) : growthNode, confidence: confidence - 0.1 });
      }
    }
  }
  return { leaves: leaves.sort((a, b) => a.span.start - b.span.start), consumed, tiers, problems };
}

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

interface AmountReading {
  benefits: { span: TextSpan; benefit: Benefit; upTo: boolean; confidence: number }[];
  consumed: Set<Quantity>;
  problems: { span: TextSpan; reason: NotUnderstood['reason'] }[];
}

function money(q: Quantity): MoneyConstant {
  return q.constant as MoneyConstant;
}

function readAmounts(text: string, reading: SentenceReading, catalogue: FactCatalogue, wordings: readonly FactWording[]): AmountReading {
  const benefits: AmountReading['benefits'] = [];
  const problems: AmountReading['problems'] = [];
  const consumed = new Set<Quantity>();
  const quantities = findQuantities(text).filter((q) => ![...reading.consumed].some((c) => c.start === q.start && c.end === q.end));
  if (!REWARD_WORDS.test(text) && !/最高|封顶/.test(text)) return { benefits, consumed, problems };
  const moneys = quantities.filter((q) => q.unit === 'money');
  const splitAt = /分(?:[一二两三四五\d])(?:年|次)/.test(text) ? /(\d+)\s*%\s*[、，,]\s*(\d+)\s*%/.exec(text) : null;
  const inSplit = (q: Quantity) => splitAt !== null && q.start >= splitAt.index && q.end <= splitAt.index + splitAt[0].length + 8;
  const rates = quantities.filter((q) => q.unit === 'percent' && !inSplit(q) && /按|给予|补助|补贴|奖励|贴息|的/.test(text.slice(Math.max(0, q.start - 12), q.start) + text.slice(q.end, q.end + 6)));
  const caps: Quantity[] = [];
  const floors: Quantity[] = [];
  const heads: Quantity[] = [];
  const amounts: Quantity[] = [];
  for (const q of moneys) {
    const before = text.slice(Math.max(0, q.start - 10), q.start);
    const after = text.slice(q.end, q.end + 3);
    // A threshold whose fact was not recognised ("投资额达到2000万元") is no amount.
    if (/(?:达到|(?<![不])(?:超过|高于|低于)|不足|未满|突破)\s*$/.test(before) || /^\s*(?:（含）)?(?:及)?(?:以上|以下)/.test(text.slice(q.end))) {
      problems.push({ span: subclauseOf(text, q.start), reason: 'no_fact' });
      continue;
    }
    // A price per unit (0.02元/千瓦时, 每吨50元) has no formula in the rule language: listed, not guessed.
    if (/^\s*[/／]\s*(?!人|名)/.test(after) || /每(?:吨|千瓦时|度|平方米|亩|立方米)[^，。；0-9]{0,4}$/.test(before)) {
      problems.push({ span: { start: q.start, end: q.end }, reason: 'unsupported' });
      continue;
    }
    if (/(?:最高|最多|封顶|上限|不超过|不高于|累计不超过|总额不超过)[^，。；0-9]{0,6}$/.test(before)) caps.push(q);
    else if (/(?:最低|保底|不低于)[^，。；0-9]{0,4}$/.test(before)) floors.push(q);
    else if (/每(?:人|名|位|个岗位|招用一人|吸纳一人|新增一人|户)[^，。；0-9]{0,8}$/.test(before) || /^\s*[/／]\s*(?:人|名)/.test(after)) heads.push(q);
    else amounts.push(q);
  }
  const span = (qs: Quantity[]): TextSpan => ({ start: Math.min(...qs.map((q) => q.start)), end: Math.max(...qs.map((q) => q.end)) });
  const cap = caps[0];
  const floor = floors[0];
  const split = /分(?:[一二两三四五\d])(?:年|次)/.test(text) ? text.match(/(\d+)\s*%\s*[、，,]\s*(\d+)\s*%(?:\s*[、，,]\s*(\d+)\s*%)?/) : null;
  const withSplit = (b: Benefit): Benefit => {
    if (!split) return b;
    const at = split.index ?? 0;
    for (const q of quantities) if (q.unit === 'percent' && q.start >= at && q.end <= at + split[0].length) consumed.add(q);
    return { ...b, split: split.slice(1).filter((x) => x !== undefined).map(Number) };
  };

  if (reading.tiers && amounts.length === reading.tiers.values.length) {
    const steps = reading.tiers.values.map((v, i) =>
      reading.tiers!.op === '>' ? { above: v.constant as Expr, amount: money(amounts[i]) } : { atLeast: v.constant as Expr, amount: money(amounts[i]) },
    );
    amounts.forEach((a) => consumed.add(a));
    benefits.push({ span: span([...reading.tiers.values, ...amounts]), benefit: { amount: { tiers: { by: reading.tiers.by, steps } } }, upTo: false, confidence: 0.8 });
  } else if (heads.length > 0) {
    const count = /新招|新吸纳|吸纳|新增就业|新增用工|招用|新录用/.test(text) ? 'new_hires' : 'employees';
    const amount: Benefit['amount'] = { perHead: money(heads[0]), count: { fact: count, period: { yearsAgo: 1 } }, ...(cap ? { cap: money(cap) } : {}) };
    heads.forEach((h) => consumed.add(h));
    if (cap) consumed.add(cap);
    benefits.push({ span: span([heads[0], ...(cap ? [cap] : [])]), benefit: withSplit({ amount }), upTo: false, confidence: 0.8 });
  } else if (rates.length > 0 && amounts.length === 0) {
    const rate = rates[0];
    consumed.add(rate);
    // The base: the nearest money fact before the rate.
    const head = text.slice(0, rate.start);
    let base: { fact: string; at: number; end: number } | null = null;
    for (const wording of wordings) {
      const def = catalogue.facts.get(wording.fact);
      if (def?.unit !== 'fen') continue;
      for (const m of head.matchAll(new RegExp(wording.pattern.source, 'g'))) if (!base || m.index > base.at) base = { fact: wording.fact, at: m.index, end: m.index + m[0].length };
    }
    // The base is the fact the rate is "of": "按(其)(上年度)研发费用(总额|增量)?的10%" — nothing else between.
    if (base && /^(?:总额|增量|增长部分|增加部分|实际发生额|额)?\s*的?\s*(?:比例)?\s*$/.test(text.slice(base.end, rate.start)) && /按|的/.test(text.slice(Math.max(0, base.at - 12), rate.start))) {
      const periods = findPeriods(text);
      const period = periodFor(periods, base.at, rate.start) ?? { yearsAgo: 1 };
      const isIncrement = /增量|新增|增长部分|增加部分/.test(text.slice(Math.max(0, base.at - 3), rate.start));
      const percentOf: Expr = isIncrement
        ? { change: { fact: base.fact, from: 'yearsAgo' in period ? { yearsAgo: period.yearsAgo + 1 } : { yearsAgo: 2 }, to: period } }
        : { fact: base.fact, period };
      const amount: Benefit['amount'] = { percentOf, rate: rate.constant as RatioConstant, ...(cap ? { cap: money(cap) } : {}), ...(floor ? { floor: money(floor) } : {}) };
      if (cap) consumed.add(cap);
      if (floor) consumed.add(floor);
      benefits.push({ span: span([rate, ...(cap ? [cap] : [])]), benefit: withSplit({ amount }), upTo: false, confidence: 0.78 });
    } else {
      problems.push({ span: { start: rate.start, end: rate.end }, reason: 'rate_base_unknown' });
      if (cap) {
        consumed.add(cap);
        benefits.push({ span: span([cap]), benefit: { amount: { fixed: money(cap) } }, upTo: true, confidence: 0.5 });
      }
    }
  } else if (amounts.length > 0) {
    const installments = /分(?:[二两三四五\d])年/.test(text) && amounts.length > 1 && /分别|依次|、/.test(text);
    if (installments) {
      amounts.forEach((a) => consumed.add(a));
      benefits.push({ span: span(amounts), benefit: { amount: { installments: amounts.map(money) } }, upTo: false, confidence: 0.75 });
    } else {
      for (const a of amounts) {
        consumed.add(a);
        benefits.push({ span: { start: a.start, end: a.end }, benefit: withSplit({ amount: { fixed: money(a) } }), upTo: false, confidence: amounts.length === 1 ? 0.85 : 0.7 });
      }
    }
    if (cap) consumed.add(cap);
  } else if (cap) {
    consumed.add(cap);
    benefits.push({ span: span([cap]), benefit: withSplit({ amount: { fixed: money(cap) } }), upTo: true, confidence: 0.65 });
  }
  return { benefits, consumed, problems };
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

const CONDITION_CUES = /须|应当|应|需|具备|符合|满足|要求|条件|达到|不低于|以上|以下|不超过|对象/;
const ANY_HEADING = /之一|任一|其中一项|其中之一/;

/** Reads a policy text. Offsets in the result are UTF-16 indexes into `text`. */
export function readPolicyText(text: string, options: ReadOptions = {}): ReadingResult {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const wordings = factWordings(catalogue);
  const divisions = splitDivisions(text);
  const raw = splitSentences(text, divisions);
  const sentences: ReadSentence[] = [];
  const conditions: ConditionProposal[] = [];
  const benefits: BenefitProposal[] = [];
  const notUnderstood: NotUnderstood[] = [];
  // A heading such as "有下列情形之一的，不予支持：" makes the items under it exclusions.
  let exclusionScope: { level: number } | null = null;
  // A heading such as "具备下列条件之一的，可以申报：" makes the items under it alternatives.
  let anyScope: { level: number; sentence: number; clause: string } | null = null;

  raw.forEach((sentence, index) => {
    const division = divisions[sentence.division];
    const isHeadingStart = sentence.start === division.start + division.label.length || text.slice(division.start + division.label.length, sentence.start).trim() === '';
    if (exclusionScope && isHeadingStart && division.label !== '' && division.level <= exclusionScope.level) exclusionScope = null;
    if (anyScope && isHeadingStart && division.label !== '' && division.level <= anyScope.level) anyScope = null;
    const isHeading = /[：:]$/.test(sentence.text);
    const headingExcludes = isHeading && EXCLUSION_WORDS.test(sentence.text);
    const context: SentenceContext = { exclusion: exclusionScope !== null };
    const reading = headingExcludes ? { leaves: [], consumed: new Set<Quantity>(), tiers: null, problems: [] } : readConditions(sentence.text, context, catalogue, wordings);
    const amounts = readAmounts(sentence.text, reading, catalogue, wordings);
    const at = (span: TextSpan): TextSpan => ({ start: sentence.start + span.start, end: sentence.start + span.end });
    const kinds: SentenceKind[] = [];
    if (amounts.benefits.length) kinds.push('amount');
    const isExclusion = headingExcludes || context.exclusion || EXCLUSION_WORDS.test(sentence.text);
    if (isExclusion) kinds.push('exclusion');
    if (reading.leaves.length && !isExclusion) kinds.push('condition');
    else if (!isExclusion && !amounts.benefits.length && CONDITION_CUES.test(sentence.text) && !MATERIALS_WORDS.test(sentence.text)) kinds.push('condition');
    if (MATERIALS_WORDS.test(sentence.text)) kinds.push('materials');
    if (findPeriods(sentence.text).length > 0 && kinds.length === 0) kinds.push('period');
    else if (PERIOD_WORDS.test(sentence.text) && kinds.length === 0) kinds.push('period');
    if (kinds.length === 0) kinds.push('other');
    // The highlight: conditions and exclusions over amounts when the sentence names who qualifies.
    const kind = kinds.includes('exclusion') ? 'exclusion' : kinds.includes('amount') ? 'amount' : kinds[0];
    sentences.push({ ...sentence, kind, kinds });

    if (reading.leaves.length) {
      let node: RuleNode;
      const leafNodes = reading.leaves.map((l) => ({ ...l.node, clause: sentence.text.slice(l.span.start, l.span.end) }) as RuleNode);
      if (leafNodes.length === 1) node = { ...leafNodes[0], clause: sentence.text } as RuleNode;
      else {
        const gaps = reading.leaves.slice(1).map((l, i) => sentence.text.slice(reading.leaves[i].span.end, l.span.start));
        const anyMode = gaps.some((g) => /或者|或|之一/.test(g)) && !gaps.some((g) => /且|同时|并/.test(g));
        node = anyMode ? { any: leafNodes, clause: sentence.text } : { all: leafNodes, clause: sentence.text };
      }
      const confidence = Math.min(...reading.leaves.map((l) => l.confidence));
      conditions.push({
        id: `c${index}`,
        sentence: index,
        span: { start: sentence.start, end: sentence.end },
        node,
        parts: reading.leaves.map((l, i) => ({ span: at(l.span), node: leafNodes[i] })),
        confidence: Math.round(confidence * 100) / 100,
        exclusion: isExclusion,
        ...(anyScope && !isExclusion ? { anyOf: { sentence: anyScope.sentence, clause: anyScope.clause } } : {}),
      });
    }
    amounts.benefits.forEach((b, k) =>
      benefits.push({ id: `b${index}-${k}`, sentence: index, span: at(b.span), benefit: { ...b.benefit, clause: sentence.text }, upTo: b.upTo, confidence: b.confidence }),
    );
    for (const p of [...reading.problems, ...amounts.problems]) notUnderstood.push({ sentence: index, span: at(p.span), text: sentence.text.slice(p.span.start, p.span.end), reason: p.reason });
    // Quantities nobody used are listed, never dropped (years and plain list numbers aside).
    const used = (q: Quantity) => [...reading.consumed, ...amounts.consumed].some((c) => c.start === q.start && c.end === q.end);
    const covered = (q: Quantity) => notUnderstood.some((n) => n.sentence === index && n.span.start <= sentence.start + q.start && n.span.end >= sentence.start + q.end);
    for (const q of findQuantities(sentence.text)) {
      if (q.unit === 'bare' || q.unit === 'years' || used(q) || covered(q)) continue;
      notUnderstood.push({ sentence: index, span: at(q), text: q.text, reason: 'unused_quantity' });
    }
    const anythingRead = reading.leaves.length > 0 || amounts.benefits.length > 0;
    if (!anythingRead && !isHeading && (kinds.includes('condition') || kinds.includes('exclusion')) && !notUnderstood.some((n) => n.sentence === index)) {
      notUnderstood.push({ sentence: index, span: { start: sentence.start, end: sentence.end }, text: sentence.text, reason: 'no_fact' });
    }
    if (headingExcludes) exclusionScope = { level: division.level };
    else if (isHeading && ANY_HEADING.test(sentence.text)) anyScope = { level: division.level, sentence: index, clause: sentence.text.replace(/[：:]$/, '') };
  });
  return { length: text.length, divisions, sentences, conditions, benefits, notUnderstood };
}

export type { Constant };
