/**
 * The credit assessment of an enterprise (issue 8): a score from 0 to 1000, a grade, a suggested credit line,
 * a score per dimension (纳税信用, 履约诚信, 经营行为, 场景特征) and reason codes in words — the features that
 * lowered the score most and what would raise them.
 *
 * Two kinds of scorecard give the same assessment:
 * - an expert scorecard ({@link ExpertScorecard}): dimensions, features, bins and points set by the finance
 *   office, stored as JSON;
 * - a trained scorecard (scorecard.ts): monotonic WoE bins and integer points from logistic regression on the
 *   historical loans; its features are credit feature codes (features.ts), so each belongs to a dimension.
 *
 * Both compile to one {@link CompiledScorecard}: per feature, the bin upper bounds and points in typed arrays.
 * Scoring a population is a pass per feature over its column ({@link scorePopulation}): no allocation per row.
 *
 * Points become the 0–1000 score linearly, so both kinds share the scale: for an expert card score =
 * round(1000 × points / best attainable points); for a trained card (whose points may be negative) score =
 * round(1000 × (points − worst) / (best − worst)); each dimension the same within its own features.
 *
 * Grades (bands of the 0–1000 score): AAA ≥ 900, AA ≥ 800, A ≥ 700, BBB ≥ 600, BB ≥ 500, B ≥ 400, CCC ≥ 300,
 * CC ≥ 200, C below 200. The suggested credit line is a share of the latest operating revenue (or ten times the
 * tax paid when revenue is not visible), capped per grade and rounded down to 1万元; CCC and below get none.
 */
import { FEN_PER_WAN } from '../money/money.ts';
import {
  CREDIT_DIMENSION_NAMES,
  CREDIT_DIMENSIONS,
  CREDIT_FEATURES,
  creditFeatureIndex,
  findCreditFeature,
  formatFeatureValue,
  type CreditDimension,
} from './features.ts';
import type { ScorecardModel } from './scorecard.ts';

// ---------------------------------------------------------------------------------------------------------
// The expert scorecard.

/** One bin of an expert indicator: values ≤ upTo (and above the previous bin's upTo); null = no upper bound. */
export interface ExpertBin {
  upTo: number | null;
  points: number;
}

export interface ExpertIndicator {
  /** A credit feature code (features.ts). */
  feature: string;
  /** Ascending by upTo; the last one has upTo null. */
  bins: ExpertBin[];
  /** Points when the value is missing (not reported, or not authorised). */
  missingPoints: number;
}

export interface ExpertDimension {
  code: CreditDimension;
  indicators: ExpertIndicator[];
}

export interface ExpertScorecard {
  format: 'dianxiaoer.expert-scorecard';
  formatVersion: 1;
  dimensions: ExpertDimension[];
}

/** Checks an expert scorecard; returns the problems (empty when it is usable), each with its JSON path. */
export function validateExpertScorecard(card: ExpertScorecard): string[] {
  const problems: string[] = [];
  if (card.format !== 'dianxiaoer.expert-scorecard' || card.formatVersion !== 1) problems.push('format must be "dianxiaoer.expert-scorecard", version 1');
  const seenDimensions = new Set<string>();
  const seenFeatures = new Set<string>();
  card.dimensions.forEach((dimension, d) => {
    const at = `dimensions[${d}]`;
    if (!(CREDIT_DIMENSIONS as readonly string[]).includes(dimension.code)) problems.push(`${at}.code: unknown dimension "${dimension.code}" (${CREDIT_DIMENSIONS.join(', ')})`);
    if (seenDimensions.has(dimension.code)) problems.push(`${at}.code: dimension "${dimension.code}" appears twice`);
    seenDimensions.add(dimension.code);
    if (dimension.indicators.length === 0) problems.push(`${at}.indicators: a dimension needs at least one indicator`);
    dimension.indicators.forEach((indicator, i) => {
      const where = `${at}.indicators[${i}]`;
      const feature = findCreditFeature(indicator.feature);
      if (!feature) problems.push(`${where}.feature: unknown feature "${indicator.feature}"`);
      else if (feature.dimension !== dimension.code) problems.push(`${where}.feature: "${indicator.feature}" belongs to dimension ${feature.dimension}`);
      if (seenFeatures.has(indicator.feature)) problems.push(`${where}.feature: "${indicator.feature}" is scored twice`);
      seenFeatures.add(indicator.feature);
      if (indicator.bins.length === 0) problems.push(`${where}.bins: at least one bin`);
      indicator.bins.forEach((bin, b) => {
        if (!Number.isInteger(bin.points) || bin.points < 0 || bin.points > 1000) problems.push(`${where}.bins[${b}].points: an integer from 0 to 1000`);
        const last = b === indicator.bins.length - 1;
        if (last && bin.upTo !== null) problems.push(`${where}.bins[${b}].upTo: the last bin has no upper bound (null)`);
        if (!last && (bin.upTo === null || !Number.isFinite(bin.upTo))) problems.push(`${where}.bins[${b}].upTo: a finite number (only the last bin is open)`);
        const previous = b > 0 ? indicator.bins[b - 1].upTo : null;
        if (b > 0 && previous !== null && bin.upTo !== null && !(bin.upTo > previous)) problems.push(`${where}.bins[${b}].upTo: must be above ${previous}`);
      });
      if (!Number.isInteger(indicator.missingPoints) || indicator.missingPoints < 0 || indicator.missingPoints > 1000) problems.push(`${where}.missingPoints: an integer from 0 to 1000`);
    });
  });
  for (const code of CREDIT_DIMENSIONS) if (!seenDimensions.has(code)) problems.push(`dimensions: dimension "${code}" is missing`);
  if (problems.length === 0) {
    let spread = 0;
    for (const dimension of card.dimensions)
      for (const indicator of dimension.indicators) {
        const points = [...indicator.bins.map((bin) => bin.points), indicator.missingPoints];
        spread += Math.max(...points) - Math.min(...points);
      }
    if (spread === 0) problems.push('dimensions: every bin has the same points, so every enterprise would score alike');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The compiled form both kinds share.

export interface CompiledFeature {
  code: string;
  /** Index of the feature's column in CREDIT_FEATURES order. */
  column: number;
  dimension: number;
  /** Inclusive upper bounds of the range bins, ascending; the last is +Infinity. */
  uppers: Float64Array;
  points: Float64Array;
  missingPoints: number;
  best: number;
  worst: number;
}

export interface CompiledScorecard {
  kind: 'expert' | 'trained';
  features: CompiledFeature[];
  /** Per dimension (CREDIT_DIMENSIONS order): the worst and best attainable points. */
  dimensionWorst: Float64Array;
  dimensionBest: Float64Array;
  worst: number;
  best: number;
}

function compileFeature(code: string, uppers: number[], points: number[], missingPoints: number, bestAmong: number[]): CompiledFeature {
  const column = creditFeatureIndex(code);
  if (column < 0) throw new Error(`unknown credit feature "${code}"`);
  const dimension = (CREDIT_DIMENSIONS as readonly string[]).indexOf(CREDIT_FEATURES[column].dimension);
  return {
    code,
    column,
    dimension,
    uppers: Float64Array.from(uppers),
    points: Float64Array.from(points),
    missingPoints,
    best: Math.max(...bestAmong),
    worst: Math.min(...bestAmong),
  };
}

function finish(kind: CompiledScorecard['kind'], features: CompiledFeature[]): CompiledScorecard {
  const dimensionWorst = new Float64Array(CREDIT_DIMENSIONS.length);
  const dimensionBest = new Float64Array(CREDIT_DIMENSIONS.length);
  for (const feature of features) {
    // An expert card's points are all ≥ 0 and read as a share of its maximum: 0 points is a score of 0.
    if (kind === 'trained') dimensionWorst[feature.dimension] += feature.worst;
    dimensionBest[feature.dimension] += feature.best;
  }
  const worst = dimensionWorst.reduce((a, b) => a + b, 0);
  const best = dimensionBest.reduce((a, b) => a + b, 0);
  if (!(best > worst)) throw new Error('the scorecard gives every enterprise the same points');
  return { kind, features, dimensionWorst, dimensionBest, worst, best };
}

export function compileExpertScorecard(card: ExpertScorecard): CompiledScorecard {
  const problems = validateExpertScorecard(card);
  if (problems.length > 0) throw new Error(`the expert scorecard is not valid: ${problems.join('; ')}`);
  const features = card.dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) =>
      compileFeature(
        indicator.feature,
        indicator.bins.map((bin) => bin.upTo ?? Infinity),
        indicator.bins.map((bin) => bin.points),
        indicator.missingPoints,
        [...indicator.bins.map((bin) => bin.points), indicator.missingPoints],
      ),
    ),
  );
  return finish('expert', features);
}

/**
 * A trained scorecard (scorecard.ts) whose feature names are credit feature codes. The best and worst of a
 * feature are over the bins that held training rows (an empty bin is no attainable target), and the missing bin.
 */
export function compileTrainedScorecard(model: ScorecardModel): CompiledScorecard {
  const features = model.features.map((feature) => {
    const ranges = feature.bins.filter((bin) => bin.kind === 'range');
    const missing = feature.bins.find((bin) => bin.kind === 'missing')!;
    const occupied = feature.bins.filter((bin) => bin.goods + bin.bads > 0 || bin.kind === 'missing').map((bin) => bin.points);
    return compileFeature(
      feature.name,
      ranges.map((bin) => bin.upper ?? Infinity),
      ranges.map((bin) => bin.points),
      missing.points,
      occupied.length > 0 ? occupied : [missing.points],
    );
  });
  return finish('trained', features);
}

// ---------------------------------------------------------------------------------------------------------
// Scoring.

function pointsOf(feature: CompiledFeature, value: number): number {
  if (value !== value || value === Infinity || value === -Infinity) return feature.missingPoints;
  const uppers = feature.uppers;
  for (let b = 0; b < uppers.length; b++) if (value <= uppers[b]) return feature.points[b];
  return feature.points[uppers.length - 1];
}

/** Scores of a population (higher = safer), written into caller-owned arrays. */
export interface PopulationScores {
  /** 0–1000 */
  score: Int16Array;
  /** [dimension][row], each 0–1000 */
  dimensions: Int16Array[];
}

export function allocatePopulationScores(n: number): PopulationScores {
  return { score: new Int16Array(n), dimensions: CREDIT_DIMENSIONS.map(() => new Int16Array(n)) };
}

/**
 * Scores n enterprises given as feature columns (CREDIT_FEATURES order). `work` holds n × 4 points sums and may
 * be reused between calls; nothing is allocated per enterprise.
 */
export function scorePopulation(card: CompiledScorecard, columns: readonly Float64Array[], n: number, out: PopulationScores = allocatePopulationScores(n), work = new Float64Array(n * CREDIT_DIMENSIONS.length)): PopulationScores {
  const dims = CREDIT_DIMENSIONS.length;
  work.fill(0, 0, n * dims);
  for (const feature of card.features) {
    const column = columns[feature.column];
    const offset = feature.dimension * n;
    for (let row = 0; row < n; row++) work[offset + row] += pointsOf(feature, column[row]);
  }
  const span = card.best - card.worst;
  for (let row = 0; row < n; row++) {
    let total = 0;
    for (let d = 0; d < dims; d++) {
      const points = work[d * n + row];
      total += points;
      const dimSpan = card.dimensionBest[d] - card.dimensionWorst[d];
      out.dimensions[d][row] = dimSpan > 0 ? Math.round((1000 * (points - card.dimensionWorst[d])) / dimSpan) : 1000;
    }
    out.score[row] = Math.round((1000 * (total - card.worst)) / span);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Grades and the credit line.

export const CREDIT_GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** The lowest score of each grade, and the credit line policy of the grade. */
export const GRADE_BANDS: readonly { grade: CreditGrade; minScore: number; revenueShareBp: number; capFen: number }[] = [
  { grade: 'AAA', minScore: 900, revenueShareBp: 3000, capFen: 1000 * FEN_PER_WAN },
  { grade: 'AA', minScore: 800, revenueShareBp: 2500, capFen: 600 * FEN_PER_WAN },
  { grade: 'A', minScore: 700, revenueShareBp: 2000, capFen: 300 * FEN_PER_WAN },
  { grade: 'BBB', minScore: 600, revenueShareBp: 1500, capFen: 200 * FEN_PER_WAN },
  { grade: 'BB', minScore: 500, revenueShareBp: 1000, capFen: 100 * FEN_PER_WAN },
  { grade: 'B', minScore: 400, revenueShareBp: 500, capFen: 30 * FEN_PER_WAN },
  { grade: 'CCC', minScore: 300, revenueShareBp: 0, capFen: 0 },
  { grade: 'CC', minScore: 200, revenueShareBp: 0, capFen: 0 },
  { grade: 'C', minScore: 0, revenueShareBp: 0, capFen: 0 },
];

export function gradeOf(score: number): CreditGrade {
  for (const band of GRADE_BANDS) if (score >= band.minScore) return band.grade;
  return 'C';
}

/**
 * The suggested credit line in fen: the grade's share of the latest operating revenue (or of ten times the
 * latest tax paid when revenue is not known), capped by the grade, rounded down to whole 万元.
 */
export function suggestedLimitFen(score: number, revenueFen: number, taxPaidFen: number): number {
  const band = GRADE_BANDS.find((b) => b.grade === gradeOf(score))!;
  const base = Number.isFinite(revenueFen) && revenueFen > 0 ? revenueFen : Number.isFinite(taxPaidFen) && taxPaidFen > 0 ? taxPaidFen * 10 : 0;
  const limit = Math.min(band.capFen, (base * band.revenueShareBp) / 10_000);
  return Math.floor(limit / FEN_PER_WAN) * FEN_PER_WAN;
}

// ---------------------------------------------------------------------------------------------------------
// One enterprise, explained.

export interface DimensionScore {
  code: CreditDimension;
  nameZh: string;
  nameEn: string;
  /** 0–1000 */
  score: number;
}

export interface CreditReason {
  /** The feature code: the reason code. */
  code: string;
  dimension: CreditDimension;
  /** Points of the 0–1000 score lost against the feature's best bin. */
  pointsLost: number;
  /** The value (null when missing). */
  value: number | null;
  textZh: string;
  textEn: string;
  adviceZh: string;
  adviceEn: string;
}

export interface CreditAssessment {
  score: number;
  grade: CreditGrade;
  dimensions: DimensionScore[];
  reasons: CreditReason[];
  suggestedLimitFen: number;
}

const MISSING_ADVICE = { zh: '补充或授权该项数据，可获得更准确的评分', en: 'Provide or authorise this data for a fairer score' };

/**
 * The assessment of one enterprise from its feature values (a record by feature code; NaN/absent = missing).
 * Reasons: the features that lost the most of the 0–1000 score against their best bin, at most `reasonCount`.
 */
export function assessEnterprise(card: CompiledScorecard, features: Readonly<Record<string, number>>, reasonCount = 4): CreditAssessment {
  const dims = CREDIT_DIMENSIONS.length;
  const dimensionPoints = new Float64Array(dims);
  const span = card.best - card.worst;
  const losses: CreditReason[] = [];
  for (const feature of card.features) {
    const raw = features[feature.code];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : NaN;
    const points = pointsOf(feature, value);
    dimensionPoints[feature.dimension] += points;
    const lost = feature.best - points;
    if (lost > 0) {
      const definition = CREDIT_FEATURES[feature.column];
      const missing = value !== value;
      losses.push({
        code: feature.code,
        dimension: definition.dimension,
        pointsLost: Math.round((1000 * lost) / span),
        value: missing ? null : value,
        textZh: `${definition.nameZh}：${formatFeatureValue(definition, value, 'zh')}`,
        textEn: `${definition.nameEn}: ${formatFeatureValue(definition, value, 'en')}`,
        adviceZh: missing ? MISSING_ADVICE.zh : definition.adviceZh,
        adviceEn: missing ? MISSING_ADVICE.en : definition.adviceEn,
      });
    }
  }
  let total = 0;
  const dimensions = CREDIT_DIMENSIONS.map((code, d): DimensionScore => {
    total += dimensionPoints[d];
    const dimSpan = card.dimensionBest[d] - card.dimensionWorst[d];
    const score = dimSpan > 0 ? Math.round((1000 * (dimensionPoints[d] - card.dimensionWorst[d])) / dimSpan) : 1000;
    return { code, nameZh: CREDIT_DIMENSION_NAMES[code].zh, nameEn: CREDIT_DIMENSION_NAMES[code].en, score };
  });
  const score = Math.round((1000 * (total - card.worst)) / span);
  const reasons = losses.sort((a, b) => b.pointsLost - a.pointsLost || a.code.localeCompare(b.code)).slice(0, reasonCount).filter((reason) => reason.pointsLost > 0);
  const revenueWan = features.revenue_wan;
  const taxWan = features.tax_paid_wan;
  return {
    score,
    grade: gradeOf(score),
    dimensions,
    reasons,
    suggestedLimitFen: suggestedLimitFen(score, Number.isFinite(revenueWan) ? revenueWan * FEN_PER_WAN : NaN, Number.isFinite(taxWan) ? taxWan * FEN_PER_WAN : NaN),
  };
}
