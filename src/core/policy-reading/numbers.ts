/**
 * Quantities in Chinese policy text: Arabic and Chinese numerals (二千万, 1.5亿, 三千, 两百, 百分之十五),
 * with their magnitude (万/亿/千万) and unit (元, %, 个百分点, 人, 项 …), turned into the rule
 * language's constants exactly ({"wan": 2000}, {"yi": 1.5}, {"percent": 15}).
 */
import type { Constant, MoneyConstant } from '../rules/schema.ts';

export type QuantityUnit = 'money' | 'percent' | 'points' | 'people' | 'count' | 'kwh' | 'years' | 'bare' | 'foreign';

export interface Quantity {
  start: number;
  end: number;
  /** The number as written, scaled by its magnitude (二千万元 → 20000000 with unit money). */
  value: number;
  unit: QuantityUnit;
  /** For money: the constant in the unit the text uses (万元 → wan, 亿元 → yi, 元 → yuan). */
  constant: Constant | null;
  text: string;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral below 万 (or with 万 inside, e.g. 一万二千): 二千 → 2000, 十五 → 15, 两百 → 200. Null when not a numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch];
    } else if (ch in CN_SMALL_UNIT) {
      section += (digit === -1 ? 1 : digit) * CN_SMALL_UNIT[ch];
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      section += digit === -1 ? 0 : digit;
      total = (total + section) * (ch === '万' ? 10000 : 100000000);
      section = 0;
      digit = -1;
    } else return null;
  }
  if (digit !== -1) {
    // 二百五 → 250 (the trailing digit continues the previous unit); a lone digit is itself.
    section += digit;
  }
  return total + section;
}

/** Exact product of a decimal and a power of ten, as a JS number without float noise. */
function scale(value: number, factor: number): number {
  return Number((value * factor).toFixed(8));
}

const MAGNITUDE: Record<string, number> = { 千亿: 1e11, 百亿: 1e10, 十亿: 1e9, 亿: 1e8, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 千: 1e3, 百: 1e2 };

/** The money constant for a yuan amount, in the unit a reader would write (亿元 ≥ 1e8 whole, 万元, 元). */
export function moneyConstant(yuan: number, magnitude: string): MoneyConstant {
  if (magnitude.endsWith('亿')) return { yi: scale(yuan, 1e-8) };
  if (magnitude.endsWith('万')) return { wan: scale(yuan, 1e-4) };
  if (Number.isInteger(yuan) && yuan % 10000 === 0 && yuan >= 10000) return { wan: yuan / 10000 };
  return { yuan };
}

const NUMERAL = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)';
const QUANTITY = new RegExp(
  `百分之${NUMERAL}|${NUMERAL}\\s*(千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)?\\s*(元|%|％|个百分点|百分点|人|名|个|项|件|家|千瓦时|度|年|倍|周岁)?`,
  'g',
);

function numeralValue(text: string): number | null {
  if (/^\d/.test(text)) return Number(text.replace(/,/g, ''));
  const [whole, fraction] = text.split('点');
  const base = parseChineseNumeral(whole);
  if (base === null) return null;
  if (fraction === undefined) return base;
  return Number(`${base}.${[...fraction].map((c) => CN_DIGIT[c]).join('')}`);
}

/**
 * Every quantity in the text with a unit or a magnitude (a bare Chinese numeral such as 一次性 or 十四五 is
 * not a quantity; a bare Arabic number is, as `bare`). Years such as 2023年 are not quantities of years.
 */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) {
      const value = numeralValue(match[1]);
      if (value !== null) out.push({ start, end, value, unit: 'percent', constant: { percent: value }, text: match[0] });
      continue;
    }
    const numeral = match[2];
    const magnitude = match[3] ?? '';
    const unit = match[4] ?? '';
    const isArabic = /^\d/.test(numeral);
    if (!isArabic && magnitude === '' && unit === '') continue;
    // A year (2023年), a date part (3月), an article number (第3条) or a list label (1.) is no quantity.
    if (unit === '年' && isArabic && numeral.length === 4) continue;
    const before = text[start - 1] ?? '';
    if (before === '第' || /[〔[（(]$/.test(before) && /^\d{4}$/.test(numeral)) continue;
    const after = text.slice(end, end + 1);
    if (isArabic && unit === '' && magnitude === '' && /[月日号条款项〕\].、）)]/.test(after)) continue;
    // Foreign currencies are no yuan amounts: 500万美元 is left to the reader.
    const foreign = /^(?:美元|欧元|港元|港币|日元)/.exec(text.slice(end));
    if (foreign) {
      out.push({ start, end: end + foreign[0].length, value: numeralValue(numeral) ?? 0, unit: 'foreign', constant: null, text: text.slice(start, end + foreign[0].length) });
      continue;
    }
    let value = numeralValue(numeral);
    if (value === null) continue;
    // Chinese numerals swallow 千/百: 二千万 is 二千 + 万; Arabic ones take them as a magnitude: 5千万.
    const factor = magnitude === '' ? 1 : MAGNITUDE[magnitude];
    value = scale(value, factor);
    let kind: QuantityUnit;
    let constant: Constant | null = null;
    if (unit === '元' || (unit === '' && /万|亿/.test(magnitude) && !/^千瓦/.test(text.slice(end)))) {
      kind = 'money';
      constant = moneyConstant(value, magnitude);
    } else if (unit === '%' || unit === '％') {
      kind = 'percent';
      constant = { percent: value };
    } else if (unit === '个百分点' || unit === '百分点') {
      kind = 'points';
      constant = { percent: value };
    } else if (unit === '人' || unit === '名') {
      kind = 'people';
      constant = { people: value };
    } else if (unit === '个' || unit === '项' || unit === '件' || unit === '家') {
      kind = 'count';
      constant = { count: value };
    } else if (unit === '千瓦时' || unit === '度') {
      kind = 'kwh';
      constant = { kwh: value };
    } else if (unit === '年' || unit === '周岁') {
      kind = 'years';
      constant = { years: value };
    } else if (unit === '倍') continue;
    else {
      if (/^千瓦时/.test(text.slice(end))) {
        kind = 'kwh';
        constant = { kwh: value };
        out.push({ start, end: end + 3, value, unit: kind, constant, text: text.slice(start, end + 3) });
        continue;
      }
      kind = 'bare';
    }
    out.push({ start, end, value, unit: kind, constant, text: match[0] });
  }
  return out;
}
