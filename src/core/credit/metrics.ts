/**
 * Discrimination and stability metrics of a credit model (DESIGN.md §8): AUC, KS, Gini on a hold-out, and the
 * population stability index between the training and a current population. Pure functions over arrays.
 *
 * Every function here takes a *risk* score — higher means more likely bad. A scorecard's points run the
 * other way (higher = safer), so callers pass the negated score; that keeps one convention for all metrics.
 */

/** AUC, KS and Gini of one scored sample. */
export interface DiscriminationMetrics {
  n: number;
  bads: number;
  auc: number;
  ks: number;
  gini: number;
}

/** Row indices sorted by ascending risk score. */
function ascendingOrder(riskScores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(riskScores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => riskScores[a] - riskScores[b]);
  return order;
}

/**
 * AUC, KS and Gini in one sort. AUC is the Mann–Whitney statistic with mid-ranks for ties (a tied bad/good
 * pair counts one half); KS is the largest gap between the cumulative shares of bads and goods, taken only
 * between distinct scores so that a tie cannot be split to inflate it; Gini = 2·AUC − 1.
 *
 * @param riskScores higher = riskier
 * @param isBad 1 = bad, 0 = good
 * @throws when the sample lacks goods or bads (the metrics are undefined)
 */
export function measureDiscrimination(riskScores: ArrayLike<number>, isBad: ArrayLike<number>): DiscriminationMetrics {
  const n = riskScores.length;
  if (isBad.length !== n) throw new Error('scores and targets differ in length');
  let bads = 0;
  for (let i = 0; i < n; i++) bads += isBad[i] ? 1 : 0;
  const goods = n - bads;
  if (bads === 0 || goods === 0) throw new Error(`AUC needs both goods and bads (this sample has ${bads} bad and ${goods} good)`);
  const order = ascendingOrder(riskScores);
  // Twice the sum of the bads' mid-ranks stays an integer: ranks (start+1 … end) sum to (start+1+end)(count)/2.
  let doubledBadRankSum = 0;
  let ks = 0;
  let cumulativeBads = 0;
  let cumulativeGoods = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    let tiedBads = 0;
    while (end < n && riskScores[order[end]] === riskScores[order[start]]) {
      tiedBads += isBad[order[end]] ? 1 : 0;
      end++;
    }
    doubledBadRankSum += tiedBads * (start + 1 + end);
    cumulativeBads += tiedBads;
    cumulativeGoods += end - start - tiedBads;
    ks = Math.max(ks, Math.abs(cumulativeGoods / goods - cumulativeBads / bads));
    start = end;
  }
  const auc = (doubledBadRankSum / 2 - (bads * (bads + 1)) / 2) / (bads * goods);
  return { n, bads, auc, ks, gini: 2 * auc - 1 };
}

/** Share of a population in each bin of fixed edges: bin i holds edges[i-1] < x ≤ edges[i]; the last bin is open. */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    let bin = 0;
    while (bin < edges.length && values[i] > edges[bin]) bin++;
    counts[bin]++;
  }
  return counts.map((count) => count / Math.max(values.length, 1));
}

/**
 * Edges of about `bins` equal-frequency bins of a reference population, for PSI later: fixed once on the
 * training scores so that every later population is measured against the same bins.
 */
export function quantileEdges(values: ArrayLike<number>, bins = 10): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let q = 1; q < bins; q++) {
    const edge = sorted[Math.floor((q * sorted.length) / bins) - 1];
    if (edge !== undefined && Number.isFinite(edge) && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return edges;
}

/** Floor of a bin share in PSI: an empty bin would make ln(a/e) infinite. */
const EMPTY_SHARE = 1e-4;

/**
 * Population stability index Σ (actual − expected) × ln(actual / expected) over the same fixed bins;
 * an empty bin counts as a share of 0.0001. Below 0.1 the population is stable, above 0.25 it has shifted.
 */
export function populationStabilityIndex(expectedShares: readonly number[], actualShares: readonly number[]): number {
  if (expectedShares.length !== actualShares.length) throw new Error('PSI needs the same bins on both sides');
  let psi = 0;
  for (let i = 0; i < expectedShares.length; i++) {
    const expected = Math.max(expectedShares[i], EMPTY_SHARE);
    const actual = Math.max(actualShares[i], EMPTY_SHARE);
    psi += (actual - expected) * Math.log(actual / expected);
  }
  return psi;
}

/** The reading of a PSI the practice uses. */
export function stabilityOf(psi: number): 'stable' | 'watch' | 'shifted' {
  return psi < 0.1 ? 'stable' : psi > 0.25 ? 'shifted' : 'watch';
}
