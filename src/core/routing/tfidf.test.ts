import { describe, expect, it } from 'vitest';
import { dot, fitTfidf, TfidfVectorizer } from './tfidf.ts';

const words = (text: string) => text.split(' ');

describe('TF-IDF', () => {
  // Three documents: "a" in all three, "b" in two, "c" in one.
  const corpus = ['a b', 'a b b', 'a c'];
  const fitted = fitTfidf(corpus.map(words), { minDf: 1, maxFeatures: 100 });

  it('computes the smoothed idf by hand', () => {
    expect(fitted.vocabulary).toEqual(['a', 'b', 'c']);
    expect(fitted.idf[0]).toBeCloseTo(Math.log(4 / 4) + 1, 12);
    expect(fitted.idf[1]).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(fitted.idf[2]).toBeCloseTo(Math.log(4 / 2) + 1, 12);
  });

  it('uses sublinear tf and l2 normalisation', () => {
    const vector = new TfidfVectorizer(fitted, words, [1]).transform(['a b b']);
    const a = 1 * (Math.log(4 / 4) + 1);
    const b = (1 + Math.log(2)) * (Math.log(4 / 3) + 1);
    const norm = Math.hypot(a, b);
    expect(Array.from(vector.indices)).toEqual([0, 1]);
    expect(vector.values[0]).toBeCloseTo(a / norm, 12);
    expect(vector.values[1]).toBeCloseTo(b / norm, 12);
    expect(dot(vector, vector)).toBeCloseTo(1, 12);
  });

  it('weights the first field above the others', () => {
    const vectorizer = new TfidfVectorizer(fitted, words, [3, 1]);
    const vector = vectorizer.transform(['c', 'b']);
    // Each field is unit length before weighting: c gets 3, b gets 1, then the sum is normalised.
    expect(vector.values[vector.indices.indexOf(2)]).toBeCloseTo(3 / Math.hypot(3, 1), 12);
    expect(vector.values[vector.indices.indexOf(1)]).toBeCloseTo(1 / Math.hypot(3, 1), 12);
  });

  it('drops features below minDf and keeps the most frequent under maxFeatures', () => {
    expect(fitTfidf(corpus.map(words), { minDf: 2, maxFeatures: 100 }).vocabulary).toEqual(['a', 'b']);
    expect(fitTfidf(corpus.map(words), { minDf: 1, maxFeatures: 1 }).vocabulary).toEqual(['a']);
  });

  it('gives an empty vector for unknown features', () => {
    const vector = new TfidfVectorizer(fitted, words, [1]).transform(['z']);
    expect([vector.indices.length, vector.values.length]).toEqual([0, 0]);
  });
});
