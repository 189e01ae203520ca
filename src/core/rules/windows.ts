/**
 * Time constructs of issue 12 item 7, shared by validation, both engines and rendering:
 *
 *   window     a fact over the N periods ending at a period, taken as a sum, a mean, the mean of
 *              per-period ratios, the mean of period-over-period growth rates, or the compound
 *              annual (per-period) growth rate (年均增长率):
 *                {"window": {"fact": "operating_revenue_q", "last": 4, "ending": {"quartersAgo": 1}, "take": "mean"}}
 *                {"window": {"ratio": ["rd_expense", "operating_revenue"], "last": 3, "ending": {"yearsAgo": 1}, "take": "mean"}}
 *                {"window": {"growth": "operating_revenue", "last": 2, "ending": {"yearsAgo": 1}, "take": "mean"}}
 *                {"window": {"growth": "operating_revenue", "last": 3, "ending": {"yearsAgo": 1}, "take": "compound"}}
 *   dateShift  a date moved by whole years, months and days, with the civil-law calendar rule
 *              (民法典 第二百零三条: no corresponding day in the end month → its last day), so
 *              2024-02-29 + 1 year = 2025-02-28:
 *                {"dateShift": {"from": {"fact": "registered_on"}, "years": 3}}
 *                {"dateShift": {"from": "evaluationDate"}}           (the evaluation date itself)
 *
 * Exactness: sums and means of facts are exact fractions (sum / N). Means of ratios and growth rates
 * and compound growth are computed in binary floating point and then fixed to 1e-6 bp
 * (one ten-thousandth of a millionth), so a mean that is exactly 3% compares equal to 3%; both
 * engines call the same function (windowValue), so they agree to the bit.
 */
import { shiftLabel } from './periods.ts';
import { VALUE_MISSING, VALUE_OK, VALUE_UNDEFINED } from './logic.ts';

export const WINDOW_TAKES = ['sum', 'mean', 'compound'] as const;
export type WindowTake = (typeof WINDOW_TAKES)[number];
/** What a window reads per period: a fact's value, a ratio of two facts, or growth of a fact. */
export type WindowMode = 'value' | 'ratio' | 'growth';
/** Longest window accepted at save (60 months, 20 quarters …). */
export const WINDOW_MAX_PERIODS = 60;

/** The mode of a window spec by its key. */
export function windowMode(spec: Record<string, unknown>): WindowMode | null {
  const modes = (['fact', 'ratio', 'growth'] as const).filter((key) => key in spec);
  if (modes.length !== 1) return null;
  return modes[0] === 'fact' ? 'value' : modes[0];
}

/**
 * The labels a window reads, oldest first. value/ratio: the `last` periods ending at `end`; growth
 * with mean: `last` + 1 periods (each growth needs its previous period); compound: the period before
 * the first and the last (two values).
 */
export function windowLabels(mode: WindowMode, take: WindowTake, end: string, last: number): string[] {
  if (mode === 'growth' && take === 'compound') return [shiftLabel(end, -last), end];
  const count = mode === 'growth' ? last + 1 : last;
  return Array.from({ length: count }, (_, i) => shiftLabel(end, i - count + 1));
}

/** Fixes a bp value to 1e-6 bp so float noise cannot flip a comparison at a round bound. */
export function fixBp(bp: number): number {
  const fixed = Math.round(bp * 1e6) / 1e6;
  return Object.is(fixed, -0) ? 0 : fixed;
}

/** A computed value (same contract as the engines' Val: state, numerator, denominator). */
export interface WindowVal {
  s: number;
  n: number;
  d: number;
}

/**
 * The value of a window from the values read per period (`vs[i]` the state of `v[i]`; `w`/`ws` the
 * denominators for ratios). `scale` is the fact unit's denominator (10000 for bp facts, else 1).
 * A period that makes the value meaningless (a zero denominator, a zero or negative base for
 * compound growth) makes it undefined even when other periods are missing: the clause cannot hold.
 */
export function windowValue(
  mode: WindowMode,
  take: WindowTake,
  last: number,
  v: ArrayLike<number>,
  vs: ArrayLike<number>,
  w: ArrayLike<number> | null,
  ws: ArrayLike<number> | null,
  scale: number,
  out: WindowVal,
): WindowVal {
  const count = v.length;
  let missing = false;
  if (mode === 'value') {
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (vs[i] !== VALUE_OK) missing = true;
      else total += v[i];
    }
    return set(out, missing ? VALUE_MISSING : VALUE_OK, missing ? 0 : total, take === 'sum' ? scale : scale * count);
  }
  if (mode === 'ratio') {
    for (let i = 0; i < count; i++) {
      if (ws![i] === VALUE_OK && w![i] === 0) return set(out, VALUE_UNDEFINED, 0, 1);
      if (ws![i] !== VALUE_OK || vs[i] !== VALUE_OK) missing = true;
    }
    if (missing) return set(out, VALUE_MISSING, 0, 1);
    let total = 0;
    for (let i = 0; i < count; i++) total += v[i] / w![i];
    return set(out, VALUE_OK, fixBp((total / count) * 10000), 10000);
  }
  if (take === 'compound') {
    const startKnown = vs[0] === VALUE_OK;
    const endKnown = vs[1] === VALUE_OK;
    if ((startKnown && v[0] <= 0) || (endKnown && v[1] < 0)) return set(out, VALUE_UNDEFINED, 0, 1);
    if (!startKnown || !endKnown) return set(out, VALUE_MISSING, 0, 1);
    return set(out, VALUE_OK, fixBp((Math.pow(v[1] / v[0], 1 / last) - 1) * 10000), 10000);
  }
  // Mean of period-over-period growth rates: growth i compares period i with period i − 1.
  for (let i = 0; i < count - 1; i++) {
    if (vs[i] === VALUE_OK && v[i] === 0) return set(out, VALUE_UNDEFINED, 0, 1);
  }
  for (let i = 0; i < count; i++) if (vs[i] !== VALUE_OK) missing = true;
  if (missing) return set(out, VALUE_MISSING, 0, 1);
  let total = 0;
  for (let i = 1; i < count; i++) total += (v[i] - v[i - 1]) / v[i - 1];
  return set(out, VALUE_OK, fixBp((total / (count - 1)) * 10000), 10000);
}

function set(out: WindowVal, s: number, n: number, d: number): WindowVal {
  out.s = s;
  out.n = n;
  out.d = d;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on yyyymmdd integers.
// ---------------------------------------------------------------------------------------------

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function monthDays(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Moves a yyyymmdd date by years and months (as one count of months), clamping the day to the end
 * of the target month (民法典 第二百零三条), then by days: shiftYmd(20240229, 1, 0, 0) = 20250228,
 * shiftYmd(20240131, 0, 1, 0) = 20240229, shiftYmd(20241231, 0, 0, 1) = 20250101.
 */
export function shiftYmd(ymd: number, years: number, months: number, days: number): number {
  let year = Math.floor(ymd / 10000);
  let month = Math.floor(ymd / 100) % 100;
  let day = ymd % 100;
  const ordinal = year * 12 + (month - 1) + years * 12 + months;
  year = Math.floor(ordinal / 12);
  month = (ordinal % 12) + 1;
  day = Math.min(day, monthDays(year, month));
  if (days === 0) return year * 10000 + month * 100 + day;
  return daysToYmd(civilDays(year, month, day) + days);
}

/** Days since 1970-01-01 (days_from_civil). */
function civilDays(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The yyyymmdd date of a day count since 1970-01-01 (civil_from_days). */
export function daysToYmd(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

/**
 * The first day of a rolling window of `months` months ending on (and including) the evaluation
 * date: the day after the same date `months` months earlier. 近12个月 on 2025-06-30 is
 * 2024-07-01 … 2025-06-30; on 2025-02-28 it is 2024-02-29 … 2025-02-28 (2024-02-28 + 1 day).
 */
export function rollingMonthsStart(evaluationYmd: number, months: number): number {
  return shiftYmd(shiftYmd(evaluationYmd, 0, -months, 0), 0, 0, 1);
}
