/**
 * Units of rule values and the exact conversion of authored constants to integers.
 *
 * Every value the engines compare is an integer in a base unit: fen for money, basis points for
 * ratios, people, counts, kWh, completed years, and dates as yyyymmdd integers. Authors write
 * constants with the unit as the key (`{"wan": 2000}`), and conversion is exact: a constant with
 * more decimals than its base unit can hold is an error, never a silent rounding.
 */
import type { IndicatorUnit } from '../profile/indicators.ts';
import type { Constant } from './schema.ts';
import { isMeasureKey, MEASURE_CONSTANT_KEYS, measureUnit, measureValue, type MeasureConstant } from './measures.ts';

/** The unit of a fact or value. `code` is a categorical text (town, industry), `date` a calendar day. */
export type FactUnit = IndicatorUnit | 'code' | 'date';
/** Units of values: fact units plus `years`, the duration produced by `yearsSince`. */
export type ValueUnit = FactUnit | 'years';

/** Units that can be ordered with <, >=, between. */
export const ORDERED_UNITS: ReadonlySet<ValueUnit> = new Set(['fen', 'person', 'bp', 'count', 'kwh', 'years', 'date', 'area', 'kg', 'kgce']);
/** Units of quantities that can be added, subtracted and divided. */
export const QUANTITY_UNITS: ReadonlySet<ValueUnit> = new Set(['fen', 'person', 'bp', 'count', 'kwh', 'years', 'area', 'kg', 'kgce']);

export class ConstantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstantError';
  }
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal (number or string) and multiplies it by 10^scale exactly: ("12.34", 2) → 1234.
 * Throws when the result is not an integer or not a safe integer.
 */
export function parseScaledDecimal(input: number | string, scale: number): number {
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new ConstantError(`"${input}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) throw new ConstantError(`"${input}" has more decimals than the unit can hold exactly`);
  const digits = BigInt(whole + trimmed.padEnd(scale, '0'));
  const value = sign === '-' ? -digits : digits;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new ConstantError(`"${input}" is too large`);
  return Number(value);
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new ConstantError(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) throw new ConstantError(`${value} is out of range`);
  return text;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-07-31" → 20240731; throws on an impossible date. */
export function dateToYmd(iso: string): number {
  const match = DATE.exec(iso);
  if (!match) throw new ConstantError(`"${iso}" is not a YYYY-MM-DD date`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new ConstantError(`"${iso}" is not a calendar date`);
  return year * 10000 + month * 100 + day;
}

/** 20240731 → "2024-07-31". */
export function ymdToIso(ymd: number): string {
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a yyyymmdd date, by arithmetic only (days_from_civil), so hot loops need no Date objects. */
export function ymdToDays(ymd: number): number {
  let y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Completed years from one yyyymmdd date to another: (20250601 − 20230602) / 10000 = 1.9999 → 1.
 * Subtracting yyyymmdd integers keeps month and day in the low digits, so the floor is exactly the
 * number of anniversaries passed.
 */
export function completedYears(fromYmd: number, toYmd: number): number {
  return Math.floor((toYmd - fromYmd) / 10000);
}

/** The unit a constant is written in. */
export function constantUnit(constant: Constant): ValueUnit {
  if (isMeasureKey(Object.keys(constant)[0])) return measureUnit(constant as MeasureConstant);
  if ('fen' in constant || 'yuan' in constant || 'wan' in constant || 'yi' in constant) return 'fen';
  if ('percent' in constant || 'bp' in constant) return 'bp';
  if ('people' in constant) return 'person';
  if ('count' in constant) return 'count';
  if ('kwh' in constant) return 'kwh';
  if ('years' in constant) return 'years';
  return 'date';
}

/** The integer value of a constant in its base unit (fen, bp, people, count, kWh, years, yyyymmdd). */
export function constantValue(constant: Constant): number {
  if (isMeasureKey(Object.keys(constant)[0])) return measureValue(constant as MeasureConstant);
  if ('fen' in constant) return parseScaledDecimal(constant.fen, 0);
  // 1 yuan = 10^2 fen, 1 万元 = 10^6 fen, 1 亿元 = 10^10 fen: shifting the decimal point is exact.
  if ('yuan' in constant) return parseScaledDecimal(constant.yuan, 2);
  if ('wan' in constant) return parseScaledDecimal(constant.wan, 6);
  if ('yi' in constant) return parseScaledDecimal(constant.yi, 10);
  if ('percent' in constant) return parseScaledDecimal(constant.percent, 2);
  if ('bp' in constant) return parseScaledDecimal(constant.bp, 0);
  if ('people' in constant) return parseScaledDecimal(constant.people, 0);
  if ('count' in constant) return parseScaledDecimal(constant.count, 0);
  if ('kwh' in constant) return parseScaledDecimal(constant.kwh, 0);
  if ('years' in constant) return parseScaledDecimal(constant.years, 0);
  return dateToYmd((constant as { date: string }).date);
}

const CONSTANT_KEYS = new Set(['fen', 'yuan', 'wan', 'yi', 'percent', 'bp', 'people', 'count', 'kwh', 'years', 'date', ...MEASURE_CONSTANT_KEYS]);

/** Whether an expression object is a constant (its only key names a unit). */
export function isConstant(value: object): value is Constant {
  const keys = Object.keys(value);
  return keys.length === 1 && CONSTANT_KEYS.has(keys[0]);
}

/** The denominator of plain values of a unit: ratios are kept as fractions of 1, so a bp number v is v/10000. */
export function unitScale(unit: ValueUnit): number {
  return unit === 'bp' ? 10000 : 1;
}

