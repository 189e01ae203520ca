/**
 * Money is integer fen (分) end to end. A JS number holds any integer up to 2^53 exactly, i.e. about
 * 90 trillion yuan, far above any county budget, so amounts are plain numbers that are checked to be
 * safe integers at every boundary; products and divisions go through BigInt so no intermediate loses a fen.
 */

/** An amount in fen (1 yuan = 100 fen). Always a safe integer. */
export type Fen = number;

export const FEN_PER_YUAN = 100;
/** 1 万元 = 10,000 yuan = 1,000,000 fen. Thresholds in Chinese rules are usually written in 万元. */
export const FEN_PER_WAN = 1_000_000;
/** 1 亿元 = 10,000 万元. */
export const FEN_PER_YI = 10_000 * FEN_PER_WAN;
/** Percentages are basis points: 10000 bp = 100%. */
export const BP_PER_UNIT = 10_000;

/**
 * The largest amount of money the platform accepts anywhere: 1万亿元 = 10^14 fen. Far above any county's
 * budget (a typo of a few digits is still refused) and far below 2^53 (9.007 × 10^15), so every amount,
 * and the sum of up to 90 of them, stays an exact integer in JavaScript. Request schemas (MoneyFen in
 * server/http/schemas.ts) and the database's CHECK constraints use this bound.
 */
export const MONEY_MAX_FEN = 100_000_000_000_000;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** Throws unless `value` is a safe integer amount of fen. */
export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`${what} must be an integer number of fen, got ${value}`);
  return value;
}

function toSafe(value: bigint, what: string): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError(`${what} overflows a safe integer`);
  }
  return Number(value);
}

/** Integer division of a by b (b > 0) rounding half away from zero, on BigInt. */
function divRoundHalfUp(a: bigint, b: bigint): bigint {
  const sign = a < 0n ? -1n : 1n;
  const abs = a * sign;
  return sign * ((abs * 2n + b) / (2n * b));
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string or number of a unit into fen, exactly: "12.34" yuan → 1234.
 * More decimals than the unit allows (e.g. "0.001" yuan) is an error, never a silent rounding.
 */
export function parseToFen(input: string | number, unit: 'yuan' | 'wan' | 'fen' = 'yuan'): Fen {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim().replace(/,/g, '');
  const match = DECIMAL.exec(text);
  if (!match) throw new MoneyError(`"${input}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const scale = unit === 'yuan' ? 2 : unit === 'wan' ? 6 : 0;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) throw new MoneyError(`"${input}" has more decimals than a fen can hold`);
  const digits = BigInt(whole + trimmed.padEnd(scale, '0'));
  return toSafe(sign === '-' ? -digits : digits, `"${input}"`);
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`${value} is not a finite amount`);
  // toString switches to exponent notation above 1e21 or below 1e-7; such values are not money anyway.
  const text = String(value);
  if (/e/i.test(text)) throw new MoneyError(`${value} is out of range for an amount`);
  return text;
}

/** yuan (may have up to 2 decimals) → fen. */
export function yuanToFen(yuan: string | number): Fen {
  return parseToFen(yuan, 'yuan');
}

/** 万元 (may have up to 6 decimals) → fen. */
export function wanToFen(wan: string | number): Fen {
  return parseToFen(wan, 'wan');
}

/** Sum of amounts; throws on overflow. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0n;
  for (const amount of amounts) total += BigInt(assertFen(amount));
  return toSafe(total, 'sum');
}

/** amount × bp / 10000, rounded half up to the fen (e.g. 5% of a fact). */
export function percentOfFen(amount: Fen, basisPoints: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(basisPoints)) throw new MoneyError('basis points must be an integer');
  return toSafe(divRoundHalfUp(BigInt(amount) * BigInt(basisPoints), BigInt(BP_PER_UNIT)), 'percentage');
}

/** amount × count, e.g. a per-head sum times the number of people. */
export function multiplyFen(amount: Fen, count: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(count)) throw new MoneyError('count must be an integer');
  return toSafe(BigInt(amount) * BigInt(count), 'product');
}

/**
 * Splits an amount into parts proportional to `weights` (e.g. 40%/60% over two years) so that the parts
 * add up to the amount exactly: every part is rounded down and the remaining fen go to the last part.
 */
export function allocateFen(amount: Fen, weights: readonly number[]): Fen[] {
  assertFen(amount);
  if (weights.length === 0) throw new MoneyError('allocation needs at least one weight');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new MoneyError('weights must be non-negative integers');
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new MoneyError('weights must not all be zero');
  const parts = weights.map((w) => toSafe((BigInt(amount) * BigInt(w)) / BigInt(total), 'part'));
  const allocated = parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] += amount - allocated;
  return parts;
}

/** The ratio a / b in basis points, rounded half up; null when b is 0. */
export function ratioBp(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const scaled = divRoundHalfUp(BigInt(Math.round(numerator)) * BigInt(BP_PER_UNIT), BigInt(Math.round(denominator)));
  return Number(scaled);
}

const groupFormatter = new Intl.NumberFormat('en-US');

function formatScaled(fen: Fen, unitFen: number, maxDecimals: number, roundUp = false): string {
  const sign = fen < 0 ? '-' : '';
  const decimalsAvailable = String(unitFen).length - 1;
  const decimals = Math.max(0, Math.min(maxDecimals, decimalsAvailable));
  const abs = BigInt(Math.abs(fen));
  // The amount in units of the last shown digit, truncated (or rounded up when asked).
  const step = BigInt(unitFen) / 10n ** BigInt(decimals);
  let scaled = abs / step;
  if (roundUp && abs % step !== 0n) scaled += 1n;
  const base = 10n ** BigInt(decimals);
  const whole = scaled / base;
  const fraction = decimals === 0 ? '' : (scaled % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${sign}${groupFormatter.format(whole)}${fraction ? `.${fraction}` : ''}`;
}

export type MoneyLocale = 'zh-CN' | 'en-US';

export interface FormatFenOptions {
  /**
   * Decimals of 万元/亿元 shown (zh-CN; default 4, up to 6 for 万元 and 10 for 亿元, i.e. to the fen).
   * Explanations raise it until two amounts that differ are shown differently (300万元 vs 300.000001万元).
   */
  decimals?: number;
  /** Round the last shown digit up instead of truncating it (a shortfall is never understated). */
  roundUp?: boolean;
}

/**
 * Formats fen for people — the one money formatter of the platform (profile, calculator, explanations,
 * benefit formulas). zh-CN uses 万元/亿元 for large amounts as Chinese documents do
 * ("2,350万元", "1.2亿元", "¥8,000.50"); en-US uses yuan with grouping ("CNY 23,500,000").
 * Digits are truncated, never rounded up, so a displayed threshold is never overstated.
 */
export function formatFen(fen: Fen, locale: MoneyLocale = 'zh-CN', options: FormatFenOptions = {}): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const decimals = options.decimals ?? 4;
  const up = options.roundUp ?? false;
  if (locale === 'zh-CN') {
    if (abs >= FEN_PER_YI) return `${formatScaled(fen, FEN_PER_YI, decimals, up)}亿元`;
    if (abs >= FEN_PER_WAN) return `${formatScaled(fen, FEN_PER_WAN, decimals, up)}万元`;
    return `¥${formatScaled(fen, FEN_PER_YUAN, 2)}`;
  }
  return `CNY ${formatScaled(fen, FEN_PER_YUAN, 2)}`;
}

/** fen → "12,345.60" yuan with exactly two decimals (for tables and exports). */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${groupFormatter.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** Decimals of a percentage shown by default. */
export const PERCENT_DECIMALS = 2;

/**
 * Basis points as a percentage, the one way percentages are written (profiles, rule explanations, rates):
 * at most `decimals` decimals (default two), trailing zeros dropped: 300 → "3%", 1625 → "16.25%",
 * 287.5 → "2.88%"; rounded half up at `decimals`, or up when `roundUp` (a shortfall is never understated);
 * "+" for gains when `signed`. Fractional basis points are allowed (a ratio's value).
 */
export function formatPercent(bp: number, options: { decimals?: number; roundUp?: boolean; signed?: boolean } = {}): string {
  const decimals = options.decimals ?? PERCENT_DECIMALS;
  const scale = 10 ** decimals;
  // bp / 100 = percent; the tolerance absorbs binary noise (1499.995 × 1000 = 1499995.0000000002).
  const scaled = Math.abs(bp) * (scale / 100);
  const units = options.roundUp ? Math.ceil(scaled - 1e-7) : Math.round(scaled);
  const whole = Math.floor(units / scale);
  const fraction = decimals === 0 ? '' : String(units % scale).padStart(decimals, '0').replace(/0+$/, '');
  const sign = units === 0 ? '' : bp < 0 ? '-' : options.signed ? '+' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}%`;
}
