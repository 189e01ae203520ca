import { MoneyError, parseToFen, type Fen } from '../../../core/money/money.ts';
import type { Periodicity } from '../../../core/profile/indicators.ts';

/**
 * Reading the cells of an import file: numbers, money with units, periods, dates, booleans and grades as
 * data admins and Excel write them. Pure functions; every failure is a {@link CellProblem} with a stable
 * code and a reason in Chinese (for the people who fix the file) and English.
 */

/** Why a cell (or a whole row) was rejected. */
export interface CellProblem {
  code: ImportReasonCode;
  zh: string;
  en: string;
}

export type ImportReasonCode =
  | 'missing_value'
  | 'uscc_malformed'
  | 'uscc_checksum_mismatch'
  | 'enterprise_not_found'
  | 'unknown_indicator'
  | 'source_not_accepted'
  | 'invalid_period'
  | 'period_mismatch'
  | 'invalid_number'
  | 'too_many_decimals'
  | 'not_an_integer'
  | 'negative_value'
  | 'out_of_range'
  | 'invalid_boolean'
  | 'invalid_grade'
  | 'invalid_unit'
  | 'invalid_date'
  | 'duplicate_row'
  | 'invalid_type'
  | 'invalid_status'
  | 'unknown_town'
  | 'invalid_industry_code'
  | 'text_too_long'
  | 'unknown_category'
  | 'cadre_not_found'
  | 'cadre_ambiguous'
  | 'future_date'
  | 'before_current_link'
  | 'closed_date_not_closed'
  | 'closed_before_registered'
  | 'invalid_value';

export type Result<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (code: ImportReasonCode, zh: string, en: string): { ok: false; problem: CellProblem } => ({ ok: false, problem: { code, zh, en } });

/** Money units a file may use. The database and the API hold fen. */
export type MoneyUnit = 'yuan' | 'wan' | 'fen';

const MONEY_UNITS: Record<string, MoneyUnit> = {
  元: 'yuan',
  人民币元: 'yuan',
  yuan: 'yuan',
  cny: 'yuan',
  rmb: 'yuan',
  万元: 'wan',
  万: 'wan',
  万人民币: 'wan',
  万元人民币: 'wan',
  wan: 'wan',
  '10kyuan': 'wan',
  分: 'fen',
  fen: 'fen',
};

/** 元 / 万元 / 分 (and their English names) → unit; null when the text is not a money unit. */
export function parseMoneyUnit(text: string): MoneyUnit | null {
  return MONEY_UNITS[text.trim().toLowerCase().replace(/\s+/g, '')] ?? null;
}

/** Units that mean "the indicator's own unit" for counts: accepted in headers and unit cells, and ignored. */
const NATURAL_UNITS: Record<string, readonly string[]> = {
  person: ['人', '名', '人数', 'person', 'persons', 'people'],
  count: ['个', '件', '项', '次', '家', 'count', 'pcs'],
  kwh: ['千瓦时', '度', 'kwh', 'kw·h', 'kw.h'],
  boolean: [],
  grade: ['级', '等级', 'grade'],
  bp: ['%', '％', 'percent', '百分比', 'bp', '基点'],
};

/** The unit of a non-money indicator named in a header or a unit cell: true when it is the indicator's own. */
export function isNaturalUnit(indicatorUnit: string, text: string): boolean {
  return (NATURAL_UNITS[indicatorUnit] ?? []).includes(text.trim().toLowerCase());
}

/**
 * Splits a header such as "营业收入（万元）" or "operating_revenue (wan)" into the name and the unit in
 * brackets. Full-width and half-width brackets are both common in Chinese spreadsheets.
 */
export function splitHeaderUnit(header: string): { name: string; unit: string | null } {
  const match = /^(.*?)\s*[(（[【]\s*([^()（）[\]【】]*?)\s*[)）\]】]\s*$/.exec(header);
  if (!match || match[1] === '') return { name: header.trim(), unit: null };
  return { name: match[1].trim(), unit: match[2] };
}

/**
 * Strips thousands separators and surrounding spaces: "1,234,567.89" → "1234567.89". Separators are
 * accepted only in groups of three so that a decimal comma ("1,5") is an error, not a thousandfold value.
 */
function plainDecimal(text: string): string | null {
  const trimmed = text.trim().replace(/[\s\u00a0]/g, '').replace(/，/g, ',');
  if (!trimmed.includes(',')) return trimmed;
  if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) return null;
  return trimmed.replace(/,/g, '');
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** A money cell in `unit` → fen, exactly (decimal arithmetic, never floats). */
export function parseMoney(text: string, unit: MoneyUnit): Result<Fen> {
  const plain = plainDecimal(text);
  if (plain === null || !DECIMAL.test(plain)) return fail('invalid_number', `“${text}”不是数字`, `"${text}" is not a number`);
  try {
    return ok(parseToFen(plain, unit));
  } catch (error) {
    if (error instanceof MoneyError && /decimals/.test(error.message)) {
      if (unit === 'fen') return fail('too_many_decimals', '以分为单位应为整数', 'in fen the amount must be a whole number');
      const [places, unitZh] = unit === 'yuan' ? [2, '元'] : [6, '万元'];
      return fail('too_many_decimals', `以${unitZh}为单位最多${places}位小数（精确到分）`, `in ${unit} at most ${places} decimals (exact to the fen)`);
    }
    return fail('out_of_range', `“${text}”超出可保存的范围`, `"${text}" is out of range`);
  }
}

/** A whole number (persons, counts, kWh, 0/1): "12", "1,200", "12.0". Fractions are refused, not rounded. */
export function parseWholeNumber(text: string, options: { allowNegative: boolean }): Result<number> {
  const plain = plainDecimal(text);
  if (plain === null || !DECIMAL.test(plain)) return fail('invalid_number', `“${text}”不是数字`, `"${text}" is not a number`);
  const [whole, fraction = ''] = plain.split('.');
  if (/[1-9]/.test(fraction)) return fail('not_an_integer', `应为整数，不能有小数：“${text}”`, `must be a whole number: "${text}"`);
  const value = Number(whole);
  if (!Number.isSafeInteger(value)) return fail('out_of_range', `“${text}”超出可保存的范围`, `"${text}" is out of range`);
  if (value < 0 && !options.allowNegative) return fail('negative_value', `不能为负数：“${text}”`, `must not be negative: "${text}"`);
  return ok(value === 0 ? 0 : value);
}

/**
 * A ratio in basis points. "3.5%" or "3.5" with a % unit is a percentage (≤ 2 decimals, exact);
 * with the unit "bp"/"基点" the cell is a whole number of basis points.
 */
export function parseBasisPoints(text: string, unit: 'percent' | 'bp'): Result<number> {
  let body = text.trim();
  let isPercent = unit === 'percent';
  if (/[%％]$/.test(body)) {
    body = body.slice(0, -1);
    isPercent = true;
  }
  if (!isPercent) return parseWholeNumber(body, { allowNegative: true });
  const plain = plainDecimal(body);
  if (plain === null || !DECIMAL.test(plain)) return fail('invalid_number', `“${text}”不是数字`, `"${text}" is not a number`);
  try {
    // A percentage with two decimals is a whole number of basis points: the same exact parse as yuan → fen.
    return ok(parseToFen(plain, 'yuan'));
  } catch {
    return fail('too_many_decimals', '百分比最多两位小数', 'a percentage has at most 2 decimals');
  }
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE_WORDS = new Set(['否', '无', 'n', 'no', 'false', '0', '×', '✗']);

/** 是/否, true/false, 1/0, yes/no, 有/无 → 1 or 0 (booleans are stored as 0/1). */
export function parseBoolean(text: string): Result<0 | 1> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(1);
  if (FALSE_WORDS.has(word)) return ok(0);
  return fail('invalid_boolean', `“${text}”不是是/否值（可填：是、否、true、false、1、0）`, `"${text}" is not a yes/no value (use 是, 否, true, false, 1 or 0)`);
}

/** A grade such as the tax credit grade: "A", "a", "A级" → "A", checked against the allowed grades. */
export function parseGrade(text: string, grades: readonly string[] | null): Result<string> {
  const grade = text.trim().toUpperCase().replace(/级$/, '').trim();
  if (grade === '') return fail('missing_value', '等级为空', 'the grade is empty');
  if (grades && !grades.includes(grade)) {
    return fail('invalid_grade', `等级“${text}”无效，应为：${grades.join('、')}`, `grade "${text}" is not one of ${grades.join(', ')}`);
  }
  if (grade.length > 16) return fail('text_too_long', '等级过长', 'the grade is too long');
  return ok(grade);
}

const CHINESE_QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const PERIODICITY_ZH: Record<Periodicity, { zh: string; en: string; example: string }> = {
  year: { zh: '年度', en: 'yearly', example: '2024' },
  quarter: { zh: '季度', en: 'quarterly', example: '2024Q3' },
  month: { zh: '月度', en: 'monthly', example: '2024-07' },
};

/**
 * A period label in any of the forms people type, normalized to the registry's form: '2024', '2024年',
 * '2024年度' → '2024'; '2024Q3', '2024q3', '2024年第三季度', '2024年3季度' → '2024Q3'; '2024-07', '2024-7',
 * '2024/07', '2024.07', '2024年7月', '202407', '2024-07-01' (what Excel makes of a typed 2024-07) → '2024-07'.
 * Years 1900–2100.
 */
export function parsePeriodLabel(text: string): Result<{ label: string; kind: Periodicity }> {
  const t = text.trim().replace(/\s+/g, '');
  const bad = () => fail('invalid_period', `期间“${text}”无法识别（应如2024、2024Q3、2024-07）`, `period "${text}" is not recognised (use 2024, 2024Q3 or 2024-07)`);
  let m = /^(\d{4})(?:年度?)?$/.exec(t);
  if (m) return inRange(Number(m[1])) ? ok({ label: m[1], kind: 'year' }) : bad();
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(t) ?? /^(\d{4})年?第?([一二三四1-4])季度?$/.exec(t);
  if (m) return inRange(Number(m[1])) ? ok({ label: `${m[1]}Q${CHINESE_QUARTERS[m[2]]}`, kind: 'quarter' }) : bad();
  // Excel turns a typed "2024-07" into the date 2024-07-01; a first-of-month date in a period column is that month.
  m = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-01$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12 || !inRange(Number(m[1]))) return bad();
    return ok({ label: `${m[1]}-${String(month).padStart(2, '0')}`, kind: 'month' });
  }
  return bad();
}

function inRange(year: number): boolean {
  return year >= 1900 && year <= 2100;
}

/** A period that must match the indicator's periodicity (a yearly indicator takes '2024', not '2024-07'). */
export function parsePeriodFor(text: string, periodicity: Periodicity): Result<string> {
  const parsed = parsePeriodLabel(text);
  if (!parsed.ok) return parsed;
  if (parsed.value.kind !== periodicity) {
    const want = PERIODICITY_ZH[periodicity];
    return fail('period_mismatch', `该指标为${want.zh}数据，期间应如${want.example}，而不是“${text}”`, `the indicator is ${want.en}: the period must look like ${want.example}, not "${text}"`);
  }
  return ok(parsed.value.label);
}

/** Days from 1899-12-30 (Excel's day 0 in the 1900 system, after its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

/**
 * A calendar date → 'YYYY-MM-DD': '2025-03-31', '2025/3/31', '2025.3.31', '2025年3月31日', '20250331', or an
 * Excel date serial number (45747 = 2025-03-31) when a sheet stored the date as a plain number.
 */
export function parseDate(text: string): Result<string> {
  const t = text.trim().replace(/\s+/g, '');
  const bad = () => fail('invalid_date', `日期“${text}”无效（应如2025-03-31）`, `"${text}" is not a valid date (use 2025-03-31)`);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? bad();
  // A 5-digit number cannot be a year-month-day; Excel serials 10000–99999 span 1927–2173.
  m = /^(\d{5})(?:\.0+)?$/.exec(t);
  if (m) {
    const date = new Date((Number(m[1]) - EXCEL_EPOCH_OFFSET) * 86_400_000);
    return calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? bad();
  }
  return bad();
}

function calendarDate(year: number, month: number, day: number): Result<string> | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return ok(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/**
 * A number as Excel shows it: Excel keeps 15 significant digits, and a float such as 0.30000000000000004
 * (a formula result) is displayed, and meant, as 0.3. Returns the plain decimal text, never exponent form.
 */
export function excelNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  // Very large or very small magnitudes: write the digits out so the money parser sees a plain decimal.
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
