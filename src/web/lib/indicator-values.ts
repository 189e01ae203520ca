/**
 * Indicator values for people: formatting a stored value (integer fen, persons, basis points …) in the
 * user's language, and reading what a person typed into the stored integer exactly — money through
 * src/core/money (decimal strings, never floats), percentages as basis points.
 */
import { formatFen, MoneyError, parseToFen, wanToFen, yuanToFen, type MoneyLocale } from '../../core/money/money.ts';
import { DATA_CATEGORY_NAMES, SOURCE_NAMES, type DataCategory, type Source } from '../../core/profile/indicators.ts';
import { formatBp, groupDigits } from '../../core/profile/format.ts';

/** The money locale of an i18next language ('zh-CN' unless English). */
export function moneyLocale(language: string | undefined): MoneyLocale {
  return language?.startsWith('en') ? 'en-US' : 'zh-CN';
}

export function isEnglish(language: string | undefined): boolean {
  return moneyLocale(language) === 'en-US';
}

/** The name of a thing that comes with `nameZh`/`nameEn` (indicators, tags, certifications …). */
export function localName(item: { nameZh: string; nameEn: string }, language: string | undefined): string {
  return isEnglish(language) ? item.nameEn : item.nameZh;
}

export function categoryName(category: DataCategory | string, language: string | undefined): string {
  const names = DATA_CATEGORY_NAMES[category as DataCategory];
  if (!names) return category;
  return isEnglish(language) ? names.en : names.zh;
}

export function sourceName(source: Source | string, language: string | undefined): string {
  const names = SOURCE_NAMES[source as Source];
  if (!names) return source;
  return isEnglish(language) ? names.en : names.zh;
}

/**
 * A stored value in the user's language: money as 万元/亿元 (zh) or CNY (en), persons with their unit,
 * basis points as a percentage, yes/no, grades as written. '—' when there is no value.
 */
export function formatIndicatorValue(unit: string, value: number | null, valueText: string | null, language: string | undefined): string {
  const en = isEnglish(language);
  if (value === null || value === undefined) return valueText ?? '—';
  switch (unit) {
    case 'fen':
      return Number.isSafeInteger(value) ? formatFen(value, moneyLocale(language)) : String(value);
    case 'person':
      return en ? `${groupDigits(value)} ${value === 1 ? 'person' : 'persons'}` : `${groupDigits(value)}人`;
    case 'bp':
      return formatBp(value);
    case 'kwh':
      return `${groupDigits(value)} kWh`;
    case 'boolean':
      return value === 1 ? (en ? 'Yes' : '是') : value === 0 ? (en ? 'No' : '否') : String(value);
    case 'grade':
      return valueText ?? String(value);
    default:
      return groupDigits(value);
  }
}

/**
 * A value stored as text (a dispute's current value: the integer for numeric units, the grade otherwise),
 * formatted like formatIndicatorValue.
 */
export function formatStoredText(unit: string, text: string | number | null, language: string | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  if (unit === 'grade') return String(text);
  const number = typeof text === 'number' ? text : /^-?\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(number) ? formatIndicatorValue(unit, number, null, language) : String(text);
}

export type MoneyInputUnit = 'wan' | 'yuan';

export type ParseProblem = 'empty' | 'not_a_number' | 'too_many_decimals' | 'not_whole' | 'negative' | 'too_large';

export type ParsedValue = { ok: true; value: number | string } | { ok: false; problem: ParseProblem };

const WHOLE = /^\d+$/;

/**
 * Reads what a person typed for an indicator of `unit` into the value the API stores: integer fen for
 * money (typed in 万元 or 元, converted exactly), a whole number of persons, counts or kWh, basis points
 * for a percentage typed like "3.5", 0/1 for yes/no, the text itself for a grade.
 */
export function parseIndicatorInput(unit: string, input: string, moneyUnit: MoneyInputUnit = 'wan'): ParsedValue {
  // A grade is text as written (the server checks it against the indicator's grades, any case).
  if (unit === 'grade') return input.trim() ? { ok: true, value: input.trim() } : { ok: false, problem: 'empty' };
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (unit === 'boolean') {
    if (text === '1' || text === '0') return { ok: true, value: Number(text) };
    return { ok: false, problem: 'not_a_number' };
  }
  try {
    if (unit === 'fen') {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, problem: 'not_a_number' };
      return { ok: true, value: moneyUnit === 'wan' ? wanToFen(text) : yuanToFen(text) };
    }
    if (unit === 'bp') {
      const percent = text.replace(/%$/, '');
      if (!/^-?\d+(\.\d+)?$/.test(percent)) return { ok: false, problem: 'not_a_number' };
      // A percentage with up to two decimals is a whole number of basis points: 3.5 % → 350 bp.
      return { ok: true, value: parseToFen(percent, 'yuan') };
    }
    if (/^-\d/.test(text)) return { ok: false, problem: 'negative' };
    if (/^\d+\.\d+$/.test(text)) return { ok: false, problem: 'not_whole' };
    if (!WHOLE.test(text)) return { ok: false, problem: 'not_a_number' };
    const value = Number(text);
    if (!Number.isSafeInteger(value)) return { ok: false, problem: 'too_large' };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, problem: /decimals/.test(error.message) ? 'too_many_decimals' : 'too_large' };
    throw error;
  }
}

/**
 * The proposed value of a dispute as the server reads it (src/server/modules/disputes/proposed-value.ts):
 * money with its unit written out ("2350万" or "23500000.00" yuan), a percentage with "%", yes/no as 是/否.
 */
export function proposedValueText(unit: string, input: string, moneyUnit: MoneyInputUnit = 'wan'): string {
  const text = input.trim().replace(/[,，\s]/g, '');
  if (unit === 'fen') return moneyUnit === 'wan' ? `${text}万` : text;
  if (unit === 'bp') return text.endsWith('%') ? text : `${text}%`;
  if (unit === 'boolean') return text === '1' ? '是' : text === '0' ? '否' : text;
  return text;
}


/** Periods in time order: "2023" < "2024", "2024Q1" < "2024Q2", "2024-01" < "2024-02". */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
