/**
 * The router's outputs on fixed seeded samples, frozen in fixtures/reference-outputs.json from the Map-based
 * implementation that preceded the typed-array one: the stored model (as a digest of its JSON), the full
 * probabilities of held-out texts, the top 3 and the similar cases must come out the same, so a speed-up
 * cannot quietly change what the router says. Regenerate (only on purpose, when the model itself changes)
 * with `UPDATE_ROUTER_REFERENCE=1 npx vitest run src/core/routing/reference.test.ts -u`.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { describe, expect, it } from 'vitest';
import { generateDemands } from './fixtures/synthetic-demands.ts';
import { loadRouter, SimilarCaseIndex, trainRouter, type RouterModel, type RouterTrainOptions } from './router.ts';
import type { Tokenize } from './text.ts';
import referenceOutputs from './fixtures/reference-outputs.json' with { type: 'json' };

const jieba = Jieba.withDict(dict);
const segment: Tokenize = (text) => jieba.cut(text);
const bySpaces: Tokenize = (text) => text.split(' ');

/** Two independent 32-bit hashes (FNV-1a and a multiplicative one) of a string, as 16 hex digits. */
function digest(text: string): string {
  let fnv = 0x811c9dc5;
  let mul = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193) >>> 0;
    mul = (Math.imul(mul, 31) + code) >>> 0;
  }
  return fnv.toString(16).padStart(8, '0') + mul.toString(16).padStart(8, '0');
}

interface Case {
  name: string;
  tokenize: Tokenize;
  train: { fields: string[]; label: string }[];
  options: RouterTrainOptions;
  queries: string[][];
  indexed: string[][];
}

const created = '2026-12-07T00:00:00.000Z';
const twoFields = (count: number, seed: number) => generateDemands(count, seed).map((d) => ({ fields: [d.subject, d.body], label: d.label }));
const CASES: Case[] = [
  {
    name: 'jieba, 800 demands, defaults',
    tokenize: segment,
    train: twoFields(800, 99),
    options: { created },
    queries: [...twoFields(60, 5).map((d) => d.fields), ['', ''], ['ＡＢＣ１２３，贷款５０万！'], ['完全无关的句子']],
    indexed: twoFields(200, 6).map((d) => d.fields),
  },
  {
    name: 'jieba, 2,500 demands (minDf 2), capped vocabularies, subject weight 1.5',
    tokenize: segment,
    train: twoFields(2500, 42),
    options: { created, maxFeatures: { char: 3000, word: 2000 }, epochs: 6, subjectWeight: 1.5, l2Candidates: [1e-5, 1e-4] },
    queries: twoFields(40, 8).map((d) => d.fields),
    indexed: twoFields(100, 9).map((d) => d.fields),
  },
  {
    name: 'spaces, one field, nothing held out',
    tokenize: bySpaces,
    train: [
      ...['贷款 银行 利率', '银行 授信 贷款', '担保 贷款 续贷', '贷款 抵押 银行', '融资 银行 贷款 贷款'].map((text) => ({ fields: [text], label: '融资' })),
      ...['招聘 工人 缺工', '工人 招聘 培训', '缺工 普工 招聘', '招聘 技工 工人', '用工 招聘 工人'].map((text) => ({ fields: [text], label: '招工' })),
      ...['停电 电力 增容', '电力 线路 停电', '天然气 供气 停气', '电费 电力 停电', '供水 水压 停水'].map((text) => ({ fields: [text], label: '水电气' })),
    ],
    options: { created, heldOutShare: 0 },
    queries: [['银行 贷款'], ['停电 工人'], ['完全 未知 的 词'], [''], ['贷款 贷款 贷款 工人']],
    indexed: [['贷款 银行'], ['招聘 工人'], ['停电'], ['']],
  },
];

function outputs(c: Case) {
  const model = trainRouter(c.train, c.tokenize, c.options);
  const json = JSON.stringify(model);
  const router = loadRouter(JSON.parse(json) as RouterModel, c.tokenize);
  const index = new SimilarCaseIndex<number>(router);
  c.indexed.forEach((fields, id) => index.add(id, fields, String(id % 3)));
  return {
    name: c.name,
    modelDigest: digest(json),
    modelLength: json.length,
    summary: { labels: model.labels, training: model.training, ensembleTemperature: model.ensembleTemperature, views: model.views.map((v) => ({ kind: v.kind, features: v.vocabulary.length, temperature: v.temperature, bias: v.bias })) },
    probabilities: c.queries.map((fields) => Array.from(router.probabilities(fields))),
    top3: c.queries.map((fields) => router.predict(fields, 3)),
    similar: c.queries.slice(0, 10).map((fields) => index.search(fields, 4)),
  };
}

type Outputs = ReturnType<typeof outputs>;

describe('the router reproduces its reference outputs', () => {
  if (process.env.UPDATE_ROUTER_REFERENCE) {
    it('writes the reference', async () => {
      await expect(`${JSON.stringify(CASES.map(outputs), null, 1)}\n`).toMatchFileSnapshot('./fixtures/reference-outputs.json');
    });
    return;
  }
  const reference = referenceOutputs as Outputs[];
  it('has a reference for every case', () => expect(reference.map((r) => r.name)).toEqual(CASES.map((c) => c.name)));
  CASES.forEach((c, n) => {
    it(c.name, () => {
      const actual = outputs(c);
      const expected = reference[n];
      expect(actual.summary).toEqual(expected.summary);
      expect(actual.modelLength).toBe(expected.modelLength);
      expect(actual.modelDigest).toBe(expected.modelDigest);
      actual.probabilities.forEach((row, q) => row.forEach((p, label) => expect(Math.abs(p - expected.probabilities[q][label])).toBeLessThanOrEqual(1e-12)));
      expect(actual.top3.map((top) => top.map((t) => t.label))).toEqual(expected.top3.map((top) => top.map((t) => t.label)));
      actual.similar.forEach((hits, q) => {
        expect(hits.map((h) => [h.id, h.label])).toEqual(expected.similar[q].map((h) => [h.id, h.label]));
        hits.forEach((h, i) => expect(Math.abs(h.score - expected.similar[q][i].score)).toBeLessThanOrEqual(1e-12));
      });
    });
  });
});
