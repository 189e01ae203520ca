import type { CadreCoverage } from '../../../api/types.ts';

/** A coverage rate in basis points as a percentage ("62.5%"), or "—" with no linked firm. */
export function coverageText(coverage: CadreCoverage): string {
  if (coverage.rateBp === null) return '—';
  return `${(coverage.rateBp / 100).toFixed(coverage.rateBp % 100 === 0 ? 0 : 1)}%`;
}

/** The rate as a number of percent for charts (null → 0). */
export const coveragePercent = (coverage: CadreCoverage): number => (coverage.rateBp === null ? 0 : coverage.rateBp / 100);

