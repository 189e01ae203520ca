/**
 * Monotonic optimal binning of one numeric feature against a binary target (1 = bad, 0 = good), with the
 * weight of evidence and information value of each bin (DESIGN.md §8). Pure: arrays in, plain objects out.
 *
 * Bins are half-open intervals (lower, upper]; `null` stands for −∞ / +∞ so a binning survives JSON (which
 * has no Infinity). Missing values (NaN, ±Infinity) always get their own bin, even when empty, so a model
 * can score a missing value it never saw in training.
 */

/** One bin of a feature: a value range, or the bin of missing values. */
export interface FeatureBin {
  kind: 'range' | 'missing';
  /** Exclusive lower bound; null = −∞ (and for the missing bin). */
  lower: number | null;
  /** Inclusive upper bound; null = +∞ (and for the missing bin). */
  upper: number | null;
  goods: number;
  bads: number;
  /** ln(%good / %bad); 0 for an empty bin (no evidence either way). */
  woe: number;
  /** This bin's share of the information value. */
  iv: number;
}

/** The binning of one feature: its bins (ranges in order, then the missing bin) and its information value. */
export interface FeatureBinning {
  /**
   * How the bad rate moves as the value grows; 'flat' when the feature ends in a single range bin; 'peak' (rises
   * then falls) and 'valley' (falls then rises) only when asked for with `shapes: 'peaks'`.
   */
  trend: 'increasing' | 'decreasing' | 'flat' | 'peak' | 'valley';
  bins: FeatureBin[];
  iv: number;
}

export interface BinningOptions {
  /** Equal-frequency pre-bins before merging (distinct values permitting). */
  preBins?: number;
  /** Smallest share of all rows a range bin may hold. */
  minBinShare?: number;
  /** Most range bins kept (the missing bin comes on top). */
  maxBins?: number;
  /**
   * 'monotonic' (default): the bad rate only rises or only falls. 'peaks': a peak or a valley (one turn) is
   * also tried, and kept only when it is clearly more informative than the best monotonic binning (IV at
   * least PEAK_GAIN times as large and PEAK_MIN_GAIN more): a U-shaped risk (too few and too many credit
   * lines) is then not flattened, while noise does not earn a turn.
   */
  shapes?: 'monotonic' | 'peaks';
}

/** A turning binning must beat the monotonic one by this factor … */
const PEAK_GAIN = 1.15;
/** … and by this much IV. */
const PEAK_MIN_GAIN = 0.02;

/** A run of adjacent sorted values being merged: integer counts, so comparisons of bad rates are exact. */
interface Group {
  lower: number | null;
  upper: number | null;
  goods: number;
  bads: number;
}

/** Used for a cell with no good (or no bad): a finite WoE instead of ±∞, small enough not to dominate. */
const EMPTY_CELL = 0.5;

/**
 * Weight of evidence of a bin: ln((goods/totalGoods) / (bads/totalBads)). A zero count is replaced by 0.5 so an
 * all-good or all-bad bin gets a large but finite WoE; an empty bin gets 0. Positive WoE = safer than average.
 */
export function weightOfEvidence(goods: number, bads: number, totalGoods: number, totalBads: number): number {
  if (goods === 0 && bads === 0) return 0;
  const goodShare = (goods === 0 ? EMPTY_CELL : goods) / totalGoods;
  const badShare = (bads === 0 ? EMPTY_CELL : bads) / totalBads;
  return Math.log(goodShare / badShare);
}

/** A bin's term of the information value: (%good − %bad) × WoE, with the same smoothing as its WoE. */
export function informationValueTerm(goods: number, bads: number, totalGoods: number, totalBads: number): number {
  if (goods === 0 && bads === 0) return 0;
  const goodShare = (goods === 0 ? EMPTY_CELL : goods) / totalGoods;
  const badShare = (bads === 0 ? EMPTY_CELL : bads) / totalBads;
  return (goodShare - badShare) * Math.log(goodShare / badShare);
}

/** bad rate of a < bad rate of b, compared by cross-multiplying integer counts (no rounding). */
function badRateBelow(a: Group, b: Group): boolean {
  return a.bads * (b.goods + b.bads) < b.bads * (a.goods + a.bads);
}

function mergeGroups(a: Group, b: Group): Group {
  return { lower: a.lower, upper: b.upper, goods: a.goods + b.goods, bads: a.bads + b.bads };
}

function sizeOf(group: Group): number {
  return group.goods + group.bads;
}

/**
 * Pool-adjacent-violators: merges neighbours until the bad rate strictly rises (or strictly falls) from bin to
 * bin. It is the least-squares monotone fit of the bad rate, so it merges no more than monotonicity needs.
 * Equal neighbours are merged too: a split that does not change the bad rate only costs degrees of freedom.
 */
function poolAdjacentViolators(groups: readonly Group[], increasing: boolean): Group[] {
  const stack: Group[] = [];
  for (const group of groups) {
    stack.push(group);
    while (stack.length >= 2) {
      const last = stack[stack.length - 1];
      const previous = stack[stack.length - 2];
      const inOrder = increasing ? badRateBelow(previous, last) : badRateBelow(last, previous);
      if (inOrder) break;
      stack.splice(stack.length - 2, 2, mergeGroups(previous, last));
    }
  }
  return stack;
}

function badRate(group: Group): number {
  return group.bads / sizeOf(group);
}

/** Merges every range bin below the minimum size into the neighbour whose bad rate is nearest (smallest first). */
function enforceMinimumSize(groups: Group[], minRows: number): Group[] {
  const result = groups.slice();
  while (result.length > 1) {
    let smallest = -1;
    for (let i = 0; i < result.length; i++) {
      if (sizeOf(result[i]) < minRows && (smallest < 0 || sizeOf(result[i]) < sizeOf(result[smallest]))) smallest = i;
    }
    if (smallest < 0) break;
    // Merging two neighbours of a monotone sequence keeps it monotone: the merged rate lies between theirs.
    let partner: number;
    if (smallest === 0) partner = 1;
    else if (smallest === result.length - 1) partner = smallest - 1;
    else {
      const rate = badRate(result[smallest]);
      partner = Math.abs(badRate(result[smallest - 1]) - rate) <= Math.abs(badRate(result[smallest + 1]) - rate) ? smallest - 1 : smallest + 1;
    }
    const first = Math.min(smallest, partner);
    result.splice(first, 2, mergeGroups(result[first], result[first + 1]));
  }
  return result;
}

function ivOfGroups(groups: readonly Group[], totalGoods: number, totalBads: number): number {
  let iv = 0;
  for (const group of groups) iv += informationValueTerm(group.goods, group.bads, totalGoods, totalBads);
  return iv;
}

/** While there are too many bins, merges the adjacent pair whose merge loses the least information value. */
function enforceMaximumBins(groups: Group[], maxBins: number, totalGoods: number, totalBads: number): Group[] {
  const result = groups.slice();
  while (result.length > maxBins) {
    let best = 0;
    let bestLoss = Infinity;
    for (let i = 0; i + 1 < result.length; i++) {
      const before = informationValueTerm(result[i].goods, result[i].bads, totalGoods, totalBads) + informationValueTerm(result[i + 1].goods, result[i + 1].bads, totalGoods, totalBads);
      const merged = mergeGroups(result[i], result[i + 1]);
      const loss = before - informationValueTerm(merged.goods, merged.bads, totalGoods, totalBads);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = i;
      }
    }
    result.splice(best, 2, mergeGroups(result[best], result[best + 1]));
  }
  return result;
}

/**
 * Equal-frequency pre-bins over the sorted non-missing values. A cut is placed only between distinct values,
 * so a heavy tie (e.g. 60% zeros in a count of late payments) becomes one pre-bin rather than several.
 */
function preBinGroups(sortedValues: Float64Array, sortedBad: Uint8Array, preBins: number): Group[] {
  const n = sortedValues.length;
  const groups: Group[] = [];
  let start = 0;
  let lower: number | null = null;
  for (let q = 1; q <= preBins && start < n; q++) {
    let end = q === preBins ? n : Math.max(start + 1, Math.floor((q * n) / preBins));
    // Extend to the end of the run of equal values so a value never straddles two bins.
    while (end < n && sortedValues[end] === sortedValues[end - 1]) end++;
    if (end <= start) continue;
    let bads = 0;
    for (let i = start; i < end; i++) bads += sortedBad[i];
    const upper = end >= n ? null : sortedValues[end - 1];
    groups.push({ lower, upper, goods: end - start - bads, bads });
    lower = upper;
    start = end;
  }
  return groups;
}

function toBins(groups: readonly Group[], missing: Group, totalGoods: number, totalBads: number): FeatureBin[] {
  const bins: FeatureBin[] = groups.map((g) => ({
    kind: 'range',
    lower: g.lower,
    upper: g.upper,
    goods: g.goods,
    bads: g.bads,
    woe: weightOfEvidence(g.goods, g.bads, totalGoods, totalBads),
    iv: informationValueTerm(g.goods, g.bads, totalGoods, totalBads),
  }));
  bins.push({
    kind: 'missing',
    lower: null,
    upper: null,
    goods: missing.goods,
    bads: missing.bads,
    woe: weightOfEvidence(missing.goods, missing.bads, totalGoods, totalBads),
    iv: informationValueTerm(missing.goods, missing.bads, totalGoods, totalBads),
  });
  return bins;
}

/** Whether the bad rates rise strictly to one bin then fall strictly (peak), or the mirror (valley), with bins on both sides. */
function hasOneTurn(groups: readonly Group[], peak: boolean): boolean {
  if (groups.length < 3) return false;
  let turned = false;
  for (let i = 1; i < groups.length; i++) {
    const rising = badRateBelow(groups[i - 1], groups[i]);
    const falling = badRateBelow(groups[i], groups[i - 1]);
    if (!rising && !falling) return false;
    const forward = peak ? rising : falling;
    if (i === 1 && !forward) return false;
    if (!forward) turned = true;
    else if (turned) return false;
  }
  return turned;
}

/** True for a value that is binned by range; NaN and ±Infinity go to the missing bin. */
export function isPresent(value: number): boolean {
  return Number.isFinite(value);
}

/**
 * Bins a numeric feature monotonically: equal-frequency pre-bins, then pool-adjacent-violators for a rising
 * and for a falling bad rate, then every bin up to the minimum share of all rows, then at most `maxBins`;
 * the direction with the larger information value wins. Missing values get their own bin.
 *
 * @param values the feature, NaN for missing
 * @param isBad the target, 1 = bad, 0 = good, same length
 * @throws when the sample lacks goods or bads (WoE is undefined)
 */
export function binMonotonic(values: ArrayLike<number>, isBad: ArrayLike<number>, options: BinningOptions = {}): FeatureBinning {
  const preBins = options.preBins ?? 20;
  const minBinShare = options.minBinShare ?? 0.05;
  const maxBins = options.maxBins ?? 10;
  const n = values.length;
  let totalBads = 0;
  for (let i = 0; i < n; i++) totalBads += isBad[i] ? 1 : 0;
  const totalGoods = n - totalBads;
  if (totalBads === 0 || totalGoods === 0) throw new Error('binning needs both goods and bads');

  const present: number[] = [];
  const missing: Group = { lower: null, upper: null, goods: 0, bads: 0 };
  for (let i = 0; i < n; i++) {
    if (isPresent(values[i])) present.push(i);
    else if (isBad[i]) missing.bads++;
    else missing.goods++;
  }
  present.sort((a, b) => values[a] - values[b]);
  const sortedValues = Float64Array.from(present, (i) => values[i]);
  const sortedBad = Uint8Array.from(present, (i) => (isBad[i] ? 1 : 0));
  const preGroups = preBinGroups(sortedValues, sortedBad, preBins);
  const minRows = Math.ceil(minBinShare * n);

  let best: { trend: FeatureBinning['trend']; groups: Group[]; iv: number } | null = null;
  for (const increasing of [true, false]) {
    let groups = poolAdjacentViolators(preGroups, increasing);
    groups = enforceMinimumSize(groups, minRows);
    groups = enforceMaximumBins(groups, maxBins, totalGoods, totalBads);
    const iv = ivOfGroups(groups, totalGoods, totalBads);
    const trend = groups.length <= 1 ? 'flat' : increasing ? 'increasing' : 'decreasing';
    if (!best || iv > best.iv) best = { trend, groups, iv };
  }
  if (options.shapes === 'peaks' && preGroups.length >= 3) {
    const monotonic = best!.iv;
    let turning: typeof best = null;
    for (const peak of [true, false]) {
      for (let k = 1; k < preGroups.length; k++) {
        let groups = [...poolAdjacentViolators(preGroups.slice(0, k), peak), ...poolAdjacentViolators(preGroups.slice(k), !peak)];
        groups = enforceMinimumSize(groups, minRows);
        groups = enforceMaximumBins(groups, maxBins, totalGoods, totalBads);
        if (!hasOneTurn(groups, peak)) continue;
        const iv = ivOfGroups(groups, totalGoods, totalBads);
        if (!turning || iv > turning.iv) turning = { trend: peak ? 'peak' : 'valley', groups, iv };
      }
    }
    if (turning && turning.iv >= PEAK_GAIN * monotonic && turning.iv - monotonic >= PEAK_MIN_GAIN) best = turning;
  }
  // An all-missing feature has no pre-bin, hence no range bin: only its missing bin.
  const bins = toBins(best!.groups, missing, totalGoods, totalBads);
  return { trend: best!.trend, bins, iv: bins.reduce((sum, bin) => sum + bin.iv, 0) };
}

/**
 * Equal-frequency bins without any merging (deciles by default): the baseline a monotonic binning must beat,
 * and a quick look at a feature's raw shape.
 */
export function binByQuantiles(values: ArrayLike<number>, isBad: ArrayLike<number>, preBins = 10): FeatureBinning {
  const n = values.length;
  let totalBads = 0;
  for (let i = 0; i < n; i++) totalBads += isBad[i] ? 1 : 0;
  const totalGoods = n - totalBads;
  if (totalBads === 0 || totalGoods === 0) throw new Error('binning needs both goods and bads');
  const present: number[] = [];
  const missing: Group = { lower: null, upper: null, goods: 0, bads: 0 };
  for (let i = 0; i < n; i++) {
    if (isPresent(values[i])) present.push(i);
    else if (isBad[i]) missing.bads++;
    else missing.goods++;
  }
  present.sort((a, b) => values[a] - values[b]);
  const groups = preBinGroups(Float64Array.from(present, (i) => values[i]), Uint8Array.from(present, (i) => (isBad[i] ? 1 : 0)), preBins);
  const bins = toBins(groups, missing, totalGoods, totalBads);
  return { trend: 'flat', bins, iv: bins.reduce((sum, bin) => sum + bin.iv, 0) };
}

/** Index of the bin a value falls in: the missing bin for NaN/±Infinity, else the first range with value ≤ upper. */
export function binIndexOf(bins: readonly FeatureBin[], value: number): number {
  if (!isPresent(value)) return bins.findIndex((bin) => bin.kind === 'missing');
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i];
    if (bin.kind === 'range' && (bin.upper === null || value <= bin.upper)) return i;
  }
  // Unreachable for a binning made here (its last range is open), kept total for hand-edited models.
  return bins.findIndex((bin) => bin.kind === 'missing');
}

/** The WoE column of a feature: each value replaced by the WoE of its bin. */
export function woeColumn(bins: readonly FeatureBin[], values: ArrayLike<number>): Float64Array {
  const column = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) column[i] = bins[binIndexOf(bins, values[i])].woe;
  return column;
}
