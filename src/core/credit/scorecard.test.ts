import { describe, expect, it } from 'vitest';
import { binByQuantiles, woeColumn } from './binning.ts';
import { fitLogisticRegression } from './logistic.ts';
import { measureDiscrimination } from './metrics.ts';
import {
  assertScorecardModel,
  explainScore,
  pointsOfBin,
  scalingOf,
  scoreColumns,
  scoreOfGoodOdds,
  SingleClassError,
  stratifiedSplit,
  trainScorecard,
  type ScorecardModel,
} from './scorecard.ts';
import { generateSyntheticCreditBook } from './synthetic.ts';
import { prepareCreditData } from './table.ts';

describe('points scaling', () => {
  it.each([
    [600, 50, 20],
    [500, 20, 40],
    [700, 1, 50],
  ])('base score %d at odds %d, PDO %d: the base odds score the base score, doubled odds add PDO', (baseScore, baseOdds, pdo) => {
    const scaling = scalingOf(baseScore, baseOdds, pdo);
    expect(scaling.factor).toBeCloseTo(pdo / Math.LN2, 12);
    expect(scoreOfGoodOdds(baseOdds, scaling)).toBeCloseTo(baseScore, 9);
    expect(scoreOfGoodOdds(2 * baseOdds, scaling)).toBeCloseTo(baseScore + pdo, 9);
    expect(scoreOfGoodOdds(baseOdds / 4, scaling)).toBeCloseTo(baseScore - 2 * pdo, 9);
  });

  it('600 at 50:1, PDO 20 is factor 28.8539, offset 487.1229 (the textbook figures)', () => {
    const scaling = scalingOf(600, 50, 20);
    expect(scaling.factor).toBeCloseTo(28.8539, 4);
    expect(scaling.offset).toBeCloseTo(487.1229, 4);
  });

  it('bin points add up to the score of the modelled odds (before rounding)', () => {
    const scaling = scalingOf();
    const intercept = -2.1;
    const betas = [-0.9, -1.2];
    const woes = [0.4, -0.3];
    const logOddsBad = intercept + betas[0] * woes[0] + betas[1] * woes[1];
    const unrounded = betas.reduce((sum, beta, j) => sum - beta * woes[j] * scaling.factor + (scaling.offset - scaling.factor * intercept) / 2, 0);
    expect(unrounded).toBeCloseTo(scoreOfGoodOdds(Math.exp(-logOddsBad), scaling), 9);
    const points = betas.map((beta, j) => pointsOfBin(beta, woes[j], intercept, 2, scaling));
    expect(points.every(Number.isInteger)).toBe(true);
    expect(Math.abs(points[0] + points[1] - unrounded)).toBeLessThanOrEqual(1);
  });
});

describe('trainScorecard on a synthetic credit book', () => {
  const book = generateSyntheticCreditBook(20_000, 3);
  const data = prepareCreditData(book.header, book.rows, { target: 'default_flag', exclude: ['id'] });
  const report = trainScorecard(data, { id: 'test-model', created: '2026-01-01T00:00:00.000Z', target: 'default_flag' });
  const { model } = report;
  const columns = new Map(data.featureNames.map((name, i) => [name, data.columns[i]]));

  it('selects the informative features and drops the twin, the noise, the constant and the text', () => {
    const status = Object.fromEntries(report.candidates.map((c) => [c.name, c.status]));
    expect(status).toMatchObject({ late_30_59: 'selected', age: 'selected', monthly_income: 'selected', noise: 'low-iv', constant: 'low-iv' });
    // Of the near-copies (r ≈ 0.98) exactly one is kept, whichever has the larger IV on this sample.
    expect([status.revolving_utilization, status.utilization_pct].sort()).toEqual(['correlated', 'selected']);
    expect(data.rejectedColumns.map((c) => c.name)).toEqual(['id']);
    // region is a category drawn at random: a categorical candidate without information
    expect(status.region).toBe('low-iv');
    for (const feature of model.features) {
      expect(feature.coefficient).toBeLessThan(0);
      expect(feature.iv).toBeGreaterThanOrEqual(0.02);
      const ranges = feature.bins.filter((bin) => bin.kind === 'range');
      expect(ranges.length).toBeLessThanOrEqual(10);
      // Monotonic WoE ⇒ monotonic points, the property a credit officer checks first.
      const points = ranges.map((bin) => bin.points);
      const sorted = [...points].sort((a, b) => (feature.trend === 'increasing' ? b - a : a - b));
      expect(points).toEqual(sorted);
    }
    expect(report.rows).toMatchObject({ train: 14_000, holdout: 6_000 });
  });

  it('discriminates on the hold-out, and no worse than a decile-WoE logistic regression on the same split', () => {
    const holdout = model.metrics.holdout!;
    expect(holdout.n).toBe(6_000);
    expect(holdout.auc).toBeGreaterThan(0.72);
    expect(holdout.gini).toBeCloseTo(2 * holdout.auc - 1, 12);

    const split = stratifiedSplit(data.target, 0.3, 1);
    const pick = (column: ArrayLike<number>, rows: Uint32Array) => Float64Array.from(rows, (i) => column[i]);
    const trainTarget = pick(data.target, split.train);
    const trainColumns: Float64Array[] = [];
    const holdoutColumns: Float64Array[] = [];
    for (const column of data.columns) {
      const binning = binByQuantiles(pick(column, split.train), trainTarget, 10);
      if (binning.iv < 0.02) continue;
      trainColumns.push(woeColumn(binning.bins, pick(column, split.train)));
      holdoutColumns.push(woeColumn(binning.bins, pick(column, split.holdout)));
    }
    const baseline = fitLogisticRegression(trainColumns, trainTarget, { l2: 1e-6 });
    const risk = Float64Array.from(split.holdout, (_, i) => baseline.coefficients.reduce((z, beta, j) => z + beta * holdoutColumns[j][i], baseline.intercept));
    const baselineAuc = measureDiscrimination(risk, pick(data.target, split.holdout)).auc;
    expect(holdout.auc).toBeGreaterThan(baselineAuc - 0.01);
  });

  it('a score is the sum of its bins, names its model, and its reasons are the largest losses against the best bins', () => {
    const scores = scoreColumns(model, columns, data.target.length);
    for (const i of [0, 1, 2, 17, 999]) {
      const row = Object.fromEntries(data.featureNames.map((name, j) => [name, data.columns[j][i]]));
      const explained = explainScore(model, row);
      expect(explained.modelId).toBe('test-model');
      expect(explained.score).toBe(scores[i]);
      expect(explained.score).toBe(explained.contributions.reduce((sum, c) => sum + c.points, 0));
      const losses = explained.reasons.map((r) => r.pointsLost);
      expect(losses).toEqual([...losses].sort((a, b) => b - a));
      expect(losses.every((loss) => loss > 0)).toBe(true);
    }
    const worst = explainScore(model, { revolving_utilization: 1.5, utilization_pct: 150, late_30_59: 6, age: 22, monthly_income: 500 });
    const best = explainScore(model, { revolving_utilization: 0, utilization_pct: 0, late_30_59: 0, age: 80, monthly_income: 50_000 });
    expect(worst.score).toBeLessThan(best.score - 100);
    expect(worst.reasons.map((r) => r.feature)).toEqual(expect.arrayContaining(['late_30_59', 'age', 'monthly_income']));
    expect(best.reasons).toEqual([]);
  });

  it('round-trips through JSON and scores identically', () => {
    const copy: unknown = JSON.parse(JSON.stringify(model));
    assertScorecardModel(copy);
    expect(copy).toEqual(model);
    expect(Array.from(scoreColumns(copy, columns, data.target.length))).toEqual(Array.from(scoreColumns(model, columns, data.target.length)));
  });

  it('scores a missing value, an absent column and an unseen extreme without failing', () => {
    const scores = scoreColumns(model, new Map([['age', Float64Array.from([NaN, 1e12, -1e12])]]), 3);
    expect(Array.from(scores).every(Number.isInteger)).toBe(true);
  });

  it.each([
    ['not an object', null, /not a scorecard/],
    ['another format', { format: 'x' }, /not a scorecard/],
    ['a later version', { format: 'dianxiaoer.scorecard', formatVersion: 2 }, /version 2/],
    ['no features', { format: 'dianxiaoer.scorecard', formatVersion: 1, features: [] }, /no features/],
  ])('assertScorecardModel refuses %s', (_label, value, message) => {
    expect(() => assertScorecardModel(value)).toThrow(message);
  });
});

describe('trainScorecard on degenerate data', () => {
  const options = { id: 'm', created: '2026-01-01T00:00:00.000Z', target: 'y' };

  it('a single class is a clear error', () => {
    expect(() => trainScorecard({ featureNames: ['x'], columns: [Float64Array.from([1, 2, 3])], target: Uint8Array.from([0, 0, 0]) }, options)).toThrow(SingleClassError);
    expect(() => trainScorecard({ featureNames: ['x'], columns: [Float64Array.from([1, 2])], target: Uint8Array.from([1, 1]) }, options)).toThrow(/2 bad \(1\) and 0 good \(0\)/);
  });

  it('only constant or empty features: no scorecard, and the error says why', () => {
    const target = Uint8Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const data = { featureNames: ['constant', 'all_missing'], columns: [new Float64Array(200).fill(3), new Float64Array(200).fill(NaN)], target };
    expect(() => trainScorecard(data, options)).toThrow(/no feature has an information value/);
  });

  it('a small sample trains on all rows (no hold-out) and a mostly-missing feature keeps its missing bin', () => {
    const target = Uint8Array.from({ length: 60 }, (_, i) => (i < 15 ? 1 : 0));
    const x = Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? NaN : i < 15 ? 10 + (i % 4) : 50 + (i % 7)));
    const report = trainScorecard({ featureNames: ['x'], columns: [x], target }, options);
    expect(report.model.metrics.holdout).toBeNull();
    expect(report.rows).toMatchObject({ train: 60, holdout: 0 });
    const missing = report.model.features[0].bins.find((bin) => bin.kind === 'missing')!;
    expect(missing.goods + missing.bads).toBe(20);
    expect(report.model.metrics.train.auc).toBeGreaterThan(0.8);
  });
});

describe('stratifiedSplit', () => {
  it('holds out the same share of each class, disjoint and complete, the same for the same seed', () => {
    const target = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const a = stratifiedSplit(target, 0.3, 7);
    const b = stratifiedSplit(target, 0.3, 7);
    expect(Array.from(a.holdout)).toEqual(Array.from(b.holdout));
    expect(a.holdout.length).toBe(300);
    expect(Array.from(a.holdout).filter((i) => target[i]).length).toBe(30);
    expect(new Set([...a.train, ...a.holdout]).size).toBe(1000);
  });
});

// Keeps the type import honest: a model built by hand is a ScorecardModel.
const _typed: Pick<ScorecardModel, 'format' | 'formatVersion'> = { format: 'dianxiaoer.scorecard', formatVersion: 1 };
void _typed;

describe('maxFeatures', () => {
  it('keeps only the strongest features by IV and says why the others went', () => {
    const book = generateSyntheticCreditBook(6_000, 21);
    const data = prepareCreditData(book.header, book.rows, { target: 'default_flag', exclude: ['id'] });
    const unlimited = trainScorecard(data, { id: 'a', created: '2026-01-01T00:00:00.000Z', target: 'default_flag' });
    const limited = trainScorecard(data, { id: 'b', created: '2026-01-01T00:00:00.000Z', target: 'default_flag', maxFeatures: 2 });
    expect(unlimited.model.features.length).toBeGreaterThan(2);
    expect(limited.model.features).toHaveLength(2);
    const strongest = unlimited.candidates.filter((c) => c.status !== 'low-iv' && c.status !== 'correlated').sort((x, y) => y.iv - x.iv).slice(0, 2).map((c) => c.name);
    expect(limited.model.features.map((f) => f.name).sort()).toEqual(strongest.sort());
    expect(limited.candidates.filter((c) => c.status === 'too-many').length).toBeGreaterThan(0);
  });
});

