import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { describe, expect, it } from 'vitest';
import { balancedClassWeights, fitTemperature, softmaxInPlace } from './classifier.ts';
import { evaluatePredictions } from './evaluation.ts';
import { trainBaseline } from './baseline.test-support.ts';
import { generateDemands } from './fixtures/synthetic-demands.ts';
import { loadRouter, RouterModelError, RouterTrainingError, SimilarCaseIndex, trainRouter, type LabelledText } from './router.ts';

// A stand-in segmenter for the pure tests: words are separated by spaces.
const bySpaces = (text: string) => text.split(' ');
const jieba = Jieba.withDict(dict);
const segment = (text: string) => jieba.cut(text);

const TOY: LabelledText[] = [
  ...['贷款 银行 利率', '银行 授信 贷款', '担保 贷款 续贷', '贷款 抵押 银行', '融资 银行 贷款'].map((text) => ({ fields: [text], label: '融资' })),
  ...['招聘 工人 缺工', '工人 招聘 培训', '缺工 普工 招聘', '招聘 技工 工人', '用工 招聘 工人'].map((text) => ({ fields: [text], label: '招工' })),
  ...['停电 电力 增容', '电力 线路 停电', '天然气 供气 停气', '电费 电力 停电', '供水 水压 停水'].map((text) => ({ fields: [text], label: '水电气' })),
];

describe('trainRouter on a separable toy set', () => {
  const model = trainRouter(TOY, bySpaces, { created: '2026-12-07T00:00:00.000Z', heldOutShare: 0 });
  const router = loadRouter(model, bySpaces);

  it('learns every training example', () => {
    for (const example of TOY) expect(router.predict(example.fields, 1)[0].label).toBe(example.label);
    expect(router.predict(['银行 贷款'])[0].label).toBe('融资');
    expect(router.predict(['招聘 工人'])[0].label).toBe('招工');
  });

  it('returns the top 3 sorted, with probabilities summing to at most 1', () => {
    const top = router.predict(['贷款 工人 停电']);
    expect(top).toHaveLength(3);
    for (let i = 1; i < top.length; i++) expect(top[i - 1].confidence).toBeGreaterThanOrEqual(top[i].confidence);
    const sum = top.reduce((total, item) => total + item.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(sum).toBeGreaterThan(0.99); // three classes: the top 3 are all of them
    expect(router.predict(['贷款'], 2)).toHaveLength(2);
  });

  it('is a plain JSON object that predicts identically after a round trip', () => {
    const copy = loadRouter(JSON.parse(JSON.stringify(model)), bySpaces);
    for (const text of ['银行 贷款', '停电 工人', '完全 未知 的 词', '']) expect(copy.predict([text])).toEqual(router.predict([text]));
    expect(model.labels).toEqual(['招工', '水电气', '融资']);
    expect(model.created).toBe('2026-12-07T00:00:00.000Z');
  });

  it('finds the identical text first among similar cases', () => {
    const index = new SimilarCaseIndex<number>(router);
    TOY.forEach((example, id) => index.add(id, example.fields, example.label));
    const found = index.search(['招聘 技工 工人'], 3);
    expect(found[0]).toEqual({ id: 8, label: '招工', score: expect.closeTo(1, 9) as number });
    expect(found[1].score).toBeLessThan(found[0].score);
    expect(index.search(['招聘'], 100)).toHaveLength(TOY.length);
  });
});

describe('bad training sets and models', () => {
  it('refuses no examples and a single label', () => {
    expect(() => trainRouter([], bySpaces)).toThrow(RouterTrainingError);
    expect(() => trainRouter([{ fields: ['a'], label: 'x' }, { fields: ['b'], label: 'x' }], bySpaces)).toThrow(/single label/);
  });

  it('refuses a file that is not a router model', () => {
    expect(() => loadRouter({ hello: 1 }, bySpaces)).toThrow(RouterModelError);
    expect(() => loadRouter(null, bySpaces)).toThrow(RouterModelError);
    expect(() => loadRouter({ format: 'dianxiaoer.router', version: 99, labels: [], views: [] }, bySpaces)).toThrow(/version 99/);
  });
});

describe('classifier pieces', () => {
  it('balanced class weights give each class the same total', () => {
    const weights = balancedClassWeights([0, 0, 0, 1], 2);
    expect(weights[0] * 3).toBeCloseTo(weights[1] * 1, 12);
  });

  it('softmax sums to 1 and a temperature above 1 flattens it', () => {
    const sharp = softmaxInPlace(Float64Array.from([2, 1, 0]));
    const flat = softmaxInPlace(Float64Array.from([2, 1, 0]), 3);
    expect(sharp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(flat[0]).toBeLessThan(sharp[0]);
  });

  it('fitTemperature tempers over-confident logits and sharpens timid ones', () => {
    // Right 70% of the time with logits saying 99.99%: T must come out above 1.
    const confident = Array.from({ length: 100 }, () => Float64Array.from([10, 0]));
    const truth = Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
    expect(fitTemperature(confident, truth)).toBeGreaterThan(2);
    const timid = Array.from({ length: 100 }, () => Float64Array.from([0.1, 0]));
    const mostlyRight = Array.from({ length: 100 }, (_, i) => (i < 95 ? 0 : 1));
    expect(fitTemperature(timid, mostlyRight)).toBeLessThan(0.1);
  });
});

describe('evaluatePredictions', () => {
  it('computes accuracy, per-class figures and macro-F1 by hand', () => {
    const report = evaluatePredictions(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(report.accuracy).toBe(0.75);
    const [a, b] = report.perClass;
    expect(a).toEqual({ label: 'a', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(b.precision).toBeCloseTo(2 / 3, 12);
    expect(b.recall).toBe(1);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
  });
});

describe('on synthetic county demands (jieba)', () => {
  const train = generateDemands(600, 1);
  const test = generateDemands(1500, 2);
  const model = trainRouter(
    train.map((demand) => ({ fields: [demand.subject, demand.body], label: demand.label })),
    segment,
    { created: '2026-12-07T00:00:00.000Z' },
  );
  const router = loadRouter(model, segment);
  const predictions = test.map((demand) => router.predict([demand.subject, demand.body])[0]);
  const report = evaluatePredictions(
    test.map((demand) => demand.label),
    predictions.map((prediction) => prediction.label),
  );

  it('beats the character n-gram TF-IDF + linear SVM baseline', () => {
    const baseline = trainBaseline(
      train.map((demand) => `${demand.subject}。${demand.body}`),
      train.map((demand) => demand.label),
    );
    const baselineReport = evaluatePredictions(
      test.map((demand) => demand.label),
      test.map((demand) => baseline.predict(`${demand.subject}。${demand.body}`)),
    );
    console.log(`router accuracy ${report.accuracy.toFixed(3)} macro-F1 ${report.macroF1.toFixed(3)}; baseline ${baselineReport.accuracy.toFixed(3)} / ${baselineReport.macroF1.toFixed(3)}`);
    expect(report.accuracy).toBeGreaterThan(baselineReport.accuracy);
    expect(report.macroF1).toBeGreaterThan(baselineReport.macroF1);
  });

  it('has confidences that mean something', () => {
    const meanConfidence = predictions.reduce((sum, prediction) => sum + prediction.confidence, 0) / predictions.length;
    expect(Math.abs(meanConfidence - report.accuracy)).toBeLessThan(0.1);
    const accuracyWhere = (keep: (confidence: number) => boolean) => {
      const kept = predictions.map((prediction, i) => ({ prediction, truth: test[i].label })).filter(({ prediction }) => keep(prediction.confidence));
      return kept.filter(({ prediction, truth }) => prediction.label === truth).length / kept.length;
    };
    expect(accuracyWhere((confidence) => confidence >= 0.8)).toBeGreaterThan(accuracyWhere((confidence) => confidence < 0.5));
  });

  it('stays a sensible size', () => {
    expect(JSON.stringify(model).length).toBeLessThan(3_000_000);
  });
});
