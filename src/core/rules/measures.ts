/**
 * Physical and foreign-currency units of the rule language (issue 12 item 7): area, weight, energy in
 * standard coal, and foreign money converted at the rate the rule names. Base units are integers, so
 * every authored constant converts exactly or is refused:
 *
 *   area    1/10000 ㎡ (cm²)   {"sqm": "1200.5"}; {"mu": "30"} with 1亩 = 666.67㎡ — the national
 *                              statistical convention (1亩 = 10000/15 ㎡ ≈ 666.67㎡, rounded as land
 *                              registers record it), so 0.01亩 = 6.6667㎡ is exact in the base unit;
 *   weight  kg                  {"t": "2.5"} (tonnes, at most 3 decimals), {"kg": 500};
 *   energy  kgce (kg 标准煤)    {"tce": "1000"} (吨标准煤, at most 3 decimals). kWh stays its own unit:
 *                              converting electricity to standard coal needs a coefficient the policy
 *                              states (当量值 or 等价值), so the language does not do it silently;
 *   foreign money → fen         {"currency": {"code": "USD", "amount": "1000000", "rate": "7.1"}}: the
 *                              amount at the stated rate, which must give whole fen (refused otherwise).
 *
 * Comparing area with weight, or tce with kWh, is a unit mismatch at save, with the node's path.
 */

/** Same contract as units.ts's ConstantError (units.ts imports this file, so it cannot be imported back). */
class ConstantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstantError';
  }
}

/** Exact decimal × 10^scale, as units.ts parseScaledDecimal (kept here to avoid an import cycle). */
function parseScaledDecimal(input: number | string, scale: number): number {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new ConstantError(`"${input}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) throw new ConstantError(`"${input}" has more decimals than the unit can hold exactly`);
  const digits = BigInt(whole + trimmed.padEnd(scale, '0'));
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) throw new ConstantError(`"${input}" is too large`);
  return Number(sign === '-' ? -digits : digits);
}

export const MEASURE_UNITS = ['area', 'kg', 'kgce'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** Hundredths of a ㎡ per 0.01亩 … expressed once: 1亩 = 666.67㎡ = 6,666,700 cm². */
export const MU_IN_BASE = 6_666_700;

export const MEASURE_CONSTANT_KEYS = ['sqm', 'mu', 't', 'kg', 'tce', 'currency'] as const;
type MeasureKey = (typeof MEASURE_CONSTANT_KEYS)[number];

export type MeasureConstant =
  | { sqm: number | string }
  | { mu: number | string }
  | { t: number | string }
  | { kg: number | string }
  | { tce: number | string }
  | { currency: { code: string; amount: number | string; rate: number | string } };

export function isMeasureKey(key: string): key is MeasureKey {
  return (MEASURE_CONSTANT_KEYS as readonly string[]).includes(key);
}

/** The unit of a measure constant. */
export function measureUnit(constant: MeasureConstant): MeasureUnit | 'fen' {
  if ('sqm' in constant || 'mu' in constant) return 'area';
  if ('t' in constant || 'kg' in constant) return 'kg';
  if ('tce' in constant) return 'kgce';
  return 'fen';
}

/** The integer value of a measure constant in its base unit; throws ConstantError when not exact. */
export function measureValue(constant: MeasureConstant): number {
  if ('sqm' in constant) return parseScaledDecimal(constant.sqm, 4);
  if ('mu' in constant) return exactProduct(parseScaledDecimal(constant.mu, 2), MU_IN_BASE / 100, constant.mu);
  if ('t' in constant) return parseScaledDecimal(constant.t, 3);
  if ('kg' in constant) return parseScaledDecimal(constant.kg, 0);
  if ('tce' in constant) return parseScaledDecimal(constant.tce, 3);
  const { code, amount, rate } = constant.currency;
  if (!/^[A-Z]{3}$/.test(code)) throw new ConstantError(`"${code}" is not an ISO 4217 currency code`);
  // amount in hundredths × rate in 10^-6 → fen × 10^6: exact in BigInt, then it must be whole fen.
  const product = BigInt(parseScaledDecimal(amount, 2)) * BigInt(parseScaledDecimal(rate, 6));
  if (product % 1_000_000n !== 0n) throw new ConstantError(`${amount} ${code} at ${rate} is not a whole number of fen; state the amount in yuan`);
  const fen = product / 1_000_000n;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new ConstantError(`${amount} ${code} is too large`);
  return Number(fen);
}

function exactProduct(a: number, b: number, input: unknown): number {
  const value = a * b;
  if (!Number.isSafeInteger(value)) throw new ConstantError(`"${String(input)}" is too large`);
  return value;
}

/** Display of a measure value in its unit. */
export function formatMeasure(value: number, unit: MeasureUnit, zh: boolean): string {
  if (unit === 'area') {
    const sqm = value / 10_000;
    const mu = value / MU_IN_BASE;
    const text = `${trim(sqm, 2)}㎡`;
    return mu >= 1 ? `${text}（${trim(mu, 2)}${zh ? '亩' : ' mu'}）` : text;
  }
  if (unit === 'kg') return value >= 1000 ? `${trim(value / 1000, 3)}${zh ? '吨' : ' t'}` : `${value}${zh ? '千克' : ' kg'}`;
  return `${trim(value / 1000, 3)}${zh ? '吨标准煤' : ' tce'}`;
}

function trim(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals).replace(/\.?0+$/, '');
  const [whole, fraction] = fixed.split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}
