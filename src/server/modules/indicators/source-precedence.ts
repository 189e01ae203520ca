import { SOURCES } from '../../../core/profile/indicators.ts';

/** Rank of a source nobody listed (a future feed): after every known source but before self-reports. */
const UNLISTED_RANK = 1_000;
/** Self-reported figures are the fallback when no authority reports the fact. */
const SELF_REPORTED_RANK = 10_000;

/**
 * Where a source stands when several report the same fact for the same period; lower wins.
 * Precedence: the indicator's own `sources` order (its first source is the authority), then the global
 * SOURCES order, and `self_reported` always last — an enterprise's word never overrides a government record.
 */
export function sourceRank(indicator: { sources: readonly string[] }, source: string): number {
  if (source === 'self_reported') return SELF_REPORTED_RANK;
  const own = indicator.sources.indexOf(source);
  if (own >= 0) return own;
  const global = (SOURCES as readonly string[]).indexOf(source);
  return global >= 0 ? 100 + global : UNLISTED_RANK;
}

/**
 * The (code, source, rank) table for every indicator of a catalogue and every known source, as three
 * parallel arrays: SQL joins it to resolve precedence set-based (DISTINCT ON … ORDER BY rank).
 */
export function sourceRankTable(catalogue: readonly { code: string; sources: readonly string[] }[]): { codes: string[]; sources: string[]; ranks: number[] } {
  const codes: string[] = [];
  const sources: string[] = [];
  const ranks: number[] = [];
  for (const indicator of catalogue) {
    for (const source of SOURCES) {
      codes.push(indicator.code);
      sources.push(source);
      ranks.push(sourceRank(indicator, source));
    }
  }
  return { codes, sources, ranks };
}
