/**
 * Text helpers for reasons: head counts and basis points (percentages through src/core/money's
 * formatPercent, as rule explanations write them). Money goes through formatFen in
 * src/core/money/money.ts; these cover the two other units reasons mention, and avoid Intl because
 * profiles are derived in bulk and Intl formatting dominated the cost.
 */

import { formatPercent } from '../money/money.ts';

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** 1234567 → "1,234,567"; for integers (head counts). */
export function groupDigits(n: number): string {
  return String(n).replace(GROUPS, ',');
}

/** Basis points as a percentage, written as everywhere (src/core/money's formatPercent): 1625 → "16.25%", 300 → "3%", "+" for gains when `signed`. */
export function formatBp(bp: number, signed = false): string {
  return formatPercent(bp, { signed });
}
