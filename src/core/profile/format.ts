/**
 * Text helpers for reasons: head counts and basis points. Money goes through formatFen in
 * src/core/money/money.ts; these cover the two other units reasons mention, and avoid Intl because
 * profiles are derived in bulk and Intl formatting dominated the cost.
 */

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** 1234567 → "1,234,567"; for integers (head counts). */
export function groupDigits(n: number): string {
  return String(n).replace(GROUPS, ',');
}

/** Basis points as a percentage with two decimals: 1625 → "16.25%", with "+" for gains when `signed`. */
export function formatBp(bp: number, signed = false): string {
  const sign = bp < 0 ? '-' : signed && bp > 0 ? '+' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
