import { formatFen, FEN_PER_WAN } from '../../../../../core/money/money.ts';
import { formatBp } from '../../../../../core/profile/format.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';

/** An amount in fen for people: 万元/亿元 in Chinese, CNY in English (src/core/money's formatFen). */
export function money(fen: number | null | undefined, language: string | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return formatFen(fen, moneyLocale(language));
}

/** A range of amounts ("50万元 – 300万元"). */
export function moneyRange(minFen: number, maxFen: number, language: string | undefined): string {
  return minFen === maxFen ? money(minFen, language) : `${money(minFen, language)} – ${money(maxFen, language)}`;
}

/** An annual rate in basis points as a percentage ("3.85%"). */
export function rate(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return formatBp(bp);
}

export function rateRange(minBp: number, maxBp: number): string {
  return minBp === maxBp ? rate(minBp) : `${rate(minBp)} – ${rate(maxBp)}`;
}

/** A term in months ("12 个月", "12 months"). */
export function months(count: number, language: string | undefined): string {
  return isEnglish(language) ? `${count} month${count === 1 ? '' : 's'}` : `${count} 个月`;
}

export function monthsRange(min: number, max: number, language: string | undefined): string {
  if (min === max) return months(min, language);
  return isEnglish(language) ? `${min} – ${max} months` : `${min} – ${max} 个月`;
}

/** Fen → 万元 as a number for charts (two decimals; charts show magnitudes, never exact accounts). */
export function wan(fen: number): number {
  return Math.round((fen / FEN_PER_WAN) * 100) / 100;
}

/** A person's 万元 input (a decimal string or number) → fen, or null when it is not an amount. */
export function wanInputToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * FEN_PER_WAN + Number(fraction.padEnd(6, '0'));
}

/** Fen as a person types it in 万元 (the inverse of wanInputToFen, exact: no float arithmetic). */
export function fenToWanInput(fen: number): string {
  const whole = Math.floor(fen / FEN_PER_WAN);
  const fraction = String(fen % FEN_PER_WAN).padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Basis points as a percentage input ("3.85"; the inverse of percentInputToBp). */
export function bpToPercentInput(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0').replace(/0$/, '')}`;
}

/** A percentage input ("3.85") → basis points, or null. */
export function percentInputToBp(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A share 0..1 or a ratio in bp as "42.5%". */
export function shareBp(bp: number | null | undefined): string {
  return rate(bp);
}
