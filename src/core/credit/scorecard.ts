/**
 * The textbook points scorecard (DESIGN.md §8): monotonic WoE binning of every candidate, selection by
 * information value and low correlation, L2 logistic regression on the WoE columns, and integer points per bin
 * so that a score is the plain sum of its bins' points. A model is a plain JSON object; applying it needs
 * nothing but this file.
 */
import { Prng } from '../random/prng.ts';
import { binIndexOf, binMonotonic, woeColumn, type BinningOptions, type FeatureBin, type FeatureBinning } from './binning.ts';
import { fitLogisticRegression } from './logistic.ts';
import { binShares, measureDiscrimination, quantileEdges, type DiscriminationMetrics } from './metrics.ts';

/** How log-odds become points: factor = PDO / ln 2, offset = baseScore − factor × ln(baseOdds). */
export interface ScorecardScaling {
  /** The score at good:bad odds of `baseOdds`. */
  baseScore: number;
  /** Good:bad odds at `baseScore` (50 = fifty goods for one bad). */
  baseOdds: number;
  /** Points to double the odds. */
  pdo: number;
  factor: number;
  offset: number;
}

/** The scaling of a scorecard from its three business parameters. */
export function scalingOf(baseScore = 600, baseOdds = 50, pdo = 20): ScorecardScaling {
  if (!(baseOdds > 0) || !(pdo > 0)) throw new Error('base odds and PDO must be positive');
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

/** The unrounded score of good:bad odds: offset + factor × ln(odds). */
export function scoreOfGoodOdds(goodOdds: number, scaling: ScorecardScaling): number {
  return scaling.offset + scaling.factor * Math.log(goodOdds);
}

/**
 * Integer points of one bin: round(−(β × WoE × factor) + (offset − factor × β0) / featureCount). β models
 * P(bad), so a good WoE (positive) times a negative β earns points; the intercept is shared evenly.
 */
export function pointsOfBin(coefficient: number, woe: number, intercept: number, featureCount: number, scaling: ScorecardScaling): number {
  return Math.round(-(coefficient * woe * scaling.factor) + (scaling.offset - scaling.factor * intercept) / featureCount);
}

export interface ScorecardBin extends FeatureBin {
  points: number;
}

export interface ScorecardFeature {
  name: string;
  iv: number;
  trend: FeatureBinning['trend'];
  /** IV above 0.5: so predictive that it may leak the outcome; kept, but to be checked by a person. */
  suspicious: boolean;
  coefficient: number;
  bins: ScorecardBin[];
  /** A categorical feature: category → the code its bins range over (table.ts encodeCategories). */
  categories?: Record<string, number>;
}

export interface ScorecardModel {
  format: 'dianxiaoer.scorecard';
  /** Version of this JSON layout. */
  formatVersion: 1;
  /** Names the model in every score made with it. */
  id: string;
  created: string;
  target: string;
  scaling: ScorecardScaling;
  intercept: number;
  features: ScorecardFeature[];
  metrics: { train: DiscriminationMetrics; holdout: DiscriminationMetrics | null };
  /** The training scores over fixed bins, for the PSI of a later population. */
  scoreDistribution: { edges: number[]; shares: number[] };
}

/** What became of a candidate feature. */
export interface CandidateOutcome {
  name: string;
  iv: number;
  bins: number;
  status: 'selected' | 'low-iv' | 'correlated' | 'wrong-sign' | 'too-many';
  note: string;
}

export interface TrainingReport {
  model: ScorecardModel;
  candidates: CandidateOutcome[];
  rows: { train: number; holdout: number; bads: number };
}

export interface TrainOptions {
  id: string;
  /** ISO timestamp; passed in because an engine does not read the clock. */
  created: string;
  target: string;
  seed?: number;
  /** Share of each class held out for the honest metrics; 0 trains on everything. */
  holdoutShare?: number;
  l2?: number;
  binning?: BinningOptions;
  minIv?: number;
  suspiciousIv?: number;
  maxCorrelation?: number;
  /**
   * Most features kept (the strongest by IV after the correlation filter): with few bad outcomes, the
   * textbook's ten events per variable keeps a model from learning noise. Default: no limit.
   */
  maxFeatures?: number;
  scaling?: ScorecardScaling;
}

/** The numeric training data: one Float64Array per candidate (NaN = missing) and the 0/1 target. */
export interface TrainingData {
  featureNames: readonly string[];
  columns: readonly Float64Array[];
  target: Uint8Array;
  /** Parallel to featureNames: the category codes of a categorical column (null or absent: numeric). */
  categories?: readonly (Readonly<Record<string, number>> | null)[];
}

/** Below this many of either class in the hold-out, the split would only add noise: train on everything. */
const MIN_HOLDOUT_CLASS = 20;

function shuffle(items: number[], random: Prng): number[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Stratified seeded split: the same share of bads and of goods goes to the hold-out. */
export function stratifiedSplit(target: ArrayLike<number>, holdoutShare: number, seed: number): { train: Uint32Array; holdout: Uint32Array } {
  const random = new Prng(seed);
  const bads: number[] = [];
  const goods: number[] = [];
  for (let i = 0; i < target.length; i++) (target[i] ? bads : goods).push(i);
  const holdBads = Math.round(bads.length * holdoutShare);
  const holdGoods = Math.round(goods.length * holdoutShare);
  shuffle(bads, random);
  shuffle(goods, random);
  const holdout = [...bads.slice(0, holdBads), ...goods.slice(0, holdGoods)].sort((a, b) => a - b);
  const train = [...bads.slice(holdBads), ...goods.slice(holdGoods)].sort((a, b) => a - b);
  return { train: Uint32Array.from(train), holdout: Uint32Array.from(holdout) };
}

function pick<T extends Float64Array | Uint8Array>(column: T, rows: Uint32Array): T {
  const result = new (column.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) result[i] = column[rows[i]];
  return result;
}

/** Pearson correlation of two columns; 0 when either is constant. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    covariance += da * db;
    varianceA += da * da;
    varianceB += db * db;
  }
  return varianceA === 0 || varianceB === 0 ? 0 : covariance / Math.sqrt(varianceA * varianceB);
}

/** A single-class sample cannot make a scorecard: the error says so in the user's words. */
export class SingleClassError extends Error {
  constructor(bads: number, goods: number) {
    super(`the target has ${bads} bad (1) and ${goods} good (0) rows: a scorecard needs both classes`);
    this.name = 'SingleClassError';
  }
}

/**
 * Trains a points scorecard: a stratified seeded hold-out, monotonic binning on the training rows, features by
 * IV (≥ minIv) then greedy by IV dropping any whose WoE column correlates above maxCorrelation with a kept one,
 * L2 logistic regression, and features whose coefficient has the wrong sign (a WoE that counts against its
 * own evidence, a sign of collinearity) dropped one at a time and the model refitted.
 *
 * @throws SingleClassError when the target has one class; Error when no feature is usable
 */
export function trainScorecard(data: TrainingData, options: TrainOptions): TrainingReport {
  const n = data.target.length;
  let totalBads = 0;
  for (let i = 0; i < n; i++) totalBads += data.target[i];
  if (totalBads === 0 || totalBads === n) throw new SingleClassError(totalBads, n - totalBads);
  const holdoutShare = options.holdoutShare ?? 0.3;
  const minIv = options.minIv ?? 0.02;
  const suspiciousIv = options.suspiciousIv ?? 0.5;
  const maxCorrelation = options.maxCorrelation ?? 0.7;
  const scaling = options.scaling ?? scalingOf();

  let split = stratifiedSplit(data.target, holdoutShare, options.seed ?? 1);
  const holdoutBads = Array.from(split.holdout).reduce((sum, i) => sum + data.target[i], 0);
  if (holdoutBads < MIN_HOLDOUT_CLASS || split.holdout.length - holdoutBads < MIN_HOLDOUT_CLASS || split.train.length === 0) {
    split = { train: Uint32Array.from({ length: n }, (_, i) => i), holdout: new Uint32Array(0) };
  }
  const trainTarget = pick(data.target, split.train);

  const candidates: CandidateOutcome[] = [];
  const binned: { name: string; index: number; binning: ReturnType<typeof binMonotonic>; woe: Float64Array }[] = [];
  data.featureNames.forEach((name, index) => {
    const values = pick(data.columns[index], split.train);
    const binning = binMonotonic(values, trainTarget, options.binning);
    const outcome: CandidateOutcome = { name, iv: binning.iv, bins: binning.bins.filter((bin) => bin.goods + bin.bads > 0).length, status: 'selected', note: '' };
    candidates.push(outcome);
    // One occupied bin means a constant WoE column: no evidence whatever the IV threshold (even --min-iv 0).
    const isConstant = binning.bins.filter((bin) => bin.goods + bin.bads > 0).length <= 1;
    if (binning.iv < minIv || isConstant) {
      outcome.status = 'low-iv';
      outcome.note = isConstant ? 'constant or no pattern' : `IV below ${minIv}`;
      return;
    }
    binned.push({ name, index, binning, woe: woeColumn(binning.bins, values) });
  });

  binned.sort((a, b) => b.binning.iv - a.binning.iv);
  const kept: typeof binned = [];
  for (const feature of binned) {
    const twin = kept.find((other) => Math.abs(pearson(feature.woe, other.woe)) > maxCorrelation);
    if (twin) {
      const outcome = candidates.find((c) => c.name === feature.name)!;
      outcome.status = 'correlated';
      outcome.note = `|r| > ${maxCorrelation} with ${twin.name} (r = ${pearson(feature.woe, twin.woe).toFixed(2)})`;
    } else kept.push(feature);
  }
  if (kept.length === 0) throw new Error(`no feature has an information value of at least ${minIv}: nothing to build a scorecard on`);
  if (options.maxFeatures !== undefined && kept.length > Math.max(1, options.maxFeatures)) {
    for (const feature of kept.splice(Math.max(1, options.maxFeatures))) {
      const outcome = candidates.find((c) => c.name === feature.name)!;
      outcome.status = 'too-many';
      outcome.note = `beyond the ${Math.max(1, options.maxFeatures)} strongest features this many bad outcomes support`;
    }
  }

  let fit = fitLogisticRegression(kept.map((f) => f.woe), trainTarget, { l2: options.l2 ?? 1 });
  for (;;) {
    let worst = -1;
    for (let j = 0; j < fit.coefficients.length; j++) if (fit.coefficients[j] > 0 && (worst < 0 || fit.coefficients[j] > fit.coefficients[worst])) worst = j;
    if (worst < 0 || kept.length === 1) break;
    const outcome = candidates.find((c) => c.name === kept[worst].name)!;
    outcome.status = 'wrong-sign';
    outcome.note = 'its coefficient ran against its WoE beside the other features';
    kept.splice(worst, 1);
    fit = fitLogisticRegression(kept.map((f) => f.woe), trainTarget, { l2: options.l2 ?? 1 });
  }

  const features: ScorecardFeature[] = kept.map((feature, j) => ({
    name: feature.name,
    iv: feature.binning.iv,
    trend: feature.binning.trend,
    suspicious: feature.binning.iv > suspiciousIv,
    coefficient: fit.coefficients[j],
    bins: feature.binning.bins.map((bin) => ({ ...bin, points: pointsOfBin(fit.coefficients[j], bin.woe, fit.intercept, kept.length, scaling) })),
    ...(data.categories?.[feature.index] && { categories: { ...data.categories[feature.index] } }),
  }));
  for (const feature of features) {
    const outcome = candidates.find((c) => c.name === feature.name)!;
    if (feature.suspicious) outcome.note = `IV above ${suspiciousIv}: check for leakage of the outcome`;
  }

  const model: ScorecardModel = {
    format: 'dianxiaoer.scorecard',
    formatVersion: 1,
    id: options.id,
    created: options.created,
    target: options.target,
    scaling,
    intercept: fit.intercept,
    features,
    metrics: { train: { n: 0, bads: 0, auc: NaN, ks: NaN, gini: NaN }, holdout: null },
    scoreDistribution: { edges: [], shares: [] },
  };
  const columnOf = (rows: Uint32Array) => new Map(data.featureNames.map((name, index) => [name, pick(data.columns[index], rows)]));
  const trainScores = scoreColumns(model, columnOf(split.train), split.train.length);
  model.metrics.train = measureScores(trainScores, trainTarget);
  if (split.holdout.length > 0) model.metrics.holdout = measureScores(scoreColumns(model, columnOf(split.holdout), split.holdout.length), pick(data.target, split.holdout));
  const edges = quantileEdges(trainScores, 10);
  model.scoreDistribution = { edges, shares: binShares(trainScores, edges) };
  return { model, candidates, rows: { train: split.train.length, holdout: split.holdout.length, bads: totalBads } };
}

/** AUC, KS and Gini of scorecard scores (higher = safer) against a 0/1 target. */
export function measureScores(scores: ArrayLike<number>, isBad: ArrayLike<number>): DiscriminationMetrics {
  return measureDiscrimination(Float64Array.from(scores, (score) => -score), isBad);
}

/**
 * Scores of n rows given by column: the sum of each feature's bin points. A column the map lacks (or holds
 * null for) is missing in every row, so it scores its missing bin.
 */
export function scoreColumns(model: ScorecardModel, columns: ReadonlyMap<string, ArrayLike<number> | null>, n: number): Int32Array {
  const scores = new Int32Array(n);
  for (const feature of model.features) {
    const column = columns.get(feature.name) ?? null;
    for (let i = 0; i < n; i++) scores[i] += feature.bins[binIndexOf(feature.bins, column ? column[i] : NaN)].points;
  }
  return scores;
}

/** One feature's part of a score and what it cost against that feature's best bin. */
export interface ScoreContribution {
  feature: string;
  value: number;
  bin: ScorecardBin;
  points: number;
  /** Points short of the feature's best bin (0 when the value is in the best bin). */
  pointsLost: number;
}

export interface ExplainedScore {
  modelId: string;
  score: number;
  contributions: ScoreContribution[];
  /** The reason codes: the features that lost the most points against their best bin, largest loss first. */
  reasons: ScoreContribution[];
}

/**
 * The score of one row with its reasons: every feature's bin and points, and the (at most `reasonCount`)
 * features that lost the most points compared with their best bin — the adverse-action reasons.
 */
export function explainScore(model: ScorecardModel, row: Readonly<Record<string, number | null | undefined>>, reasonCount = 4): ExplainedScore {
  const contributions = model.features.map((feature): ScoreContribution => {
    const raw = row[feature.name];
    const value = raw === null || raw === undefined ? NaN : raw;
    const bin = feature.bins[binIndexOf(feature.bins, value)];
    // Only bins that held training rows count as "best": an empty missing bin is no attainable target.
    const best = Math.max(...feature.bins.filter((b) => b.goods + b.bads > 0).map((b) => b.points), bin.points);
    return { feature: feature.name, value, bin, points: bin.points, pointsLost: best - bin.points };
  });
  const reasons = contributions
    .filter((c) => c.pointsLost > 0)
    .sort((a, b) => b.pointsLost - a.pointsLost || a.feature.localeCompare(b.feature))
    .slice(0, reasonCount);
  return { modelId: model.id, score: contributions.reduce((sum, c) => sum + c.points, 0), contributions, reasons };
}

/**
 * PSI input for one feature of a model over a new population: the shares of the training rows and of the new
 * rows in the feature's own bins (the bins are the fixed bins PSI needs).
 */
export function featureBinShares(feature: ScorecardFeature, values: ArrayLike<number> | null, n: number): { expected: number[]; actual: number[] } {
  const trainingRows = feature.bins.reduce((sum, bin) => sum + bin.goods + bin.bads, 0);
  const counts = new Array<number>(feature.bins.length).fill(0);
  for (let i = 0; i < n; i++) counts[binIndexOf(feature.bins, values ? values[i] : NaN)]++;
  return { expected: feature.bins.map((bin) => (bin.goods + bin.bads) / trainingRows), actual: counts.map((count) => count / Math.max(n, 1)) };
}

/** Checks that a parsed JSON value is a scorecard model this code can apply; throws with the reason if not. */
export function assertScorecardModel(value: unknown): asserts value is ScorecardModel {
  const model = value as Partial<ScorecardModel> | null;
  if (!model || typeof model !== 'object' || model.format !== 'dianxiaoer.scorecard') throw new Error('not a scorecard model (format is not "dianxiaoer.scorecard")');
  if (model.formatVersion !== 1) throw new Error(`scorecard model format version ${String(model.formatVersion)} is not supported (expected 1)`);
  if (!Array.isArray(model.features) || model.features.length === 0) throw new Error('the scorecard model has no features');
  for (const feature of model.features) {
    if (typeof feature.name !== 'string' || !Array.isArray(feature.bins) || !feature.bins.some((bin) => bin.kind === 'missing')) throw new Error(`feature ${String(feature.name)} of the model is malformed`);
    for (const bin of feature.bins) if (!Number.isInteger(bin.points)) throw new Error(`feature ${feature.name} has a bin without integer points`);
  }
}
