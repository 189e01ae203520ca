import { describe, expect, it } from 'vitest';
import { CharNgramIndex, IdBuffer, IntPairTable, WordFeatureIndex, type GrowingFeatureIndex } from './features.ts';
import { charNgrams, wordFeatures } from './text.ts';

/** The feature texts an index yields for a text, in order. */
function texts(index: GrowingFeatureIndex, text: string): string[] {
  const out = new IdBuffer();
  index.extract(text, out);
  return Array.from(out.ids.subarray(0, out.length), (id) => index.featureText(id));
}

const SAMPLES = ['贷款难,急', '𠮷a𠮷 b', '申请0万元贷款!!利率0%', '', '，。！', 'erp系统上线(急)', '厂区停电　两天', 'a_b c'];

describe('CharNgramIndex', () => {
  it('yields the n-grams of charNgrams, in the same order', () => {
    const index = CharNgramIndex.growing(1, 3);
    for (const text of SAMPLES) expect(texts(index, text)).toEqual(charNgrams(text, 1, 3));
    for (const text of SAMPLES) expect(texts(index, text)).toEqual(charNgrams(text, 1, 3)); // known n-grams again
  });

  it('built from a vocabulary, yields its ids and skips the rest', () => {
    const vocabulary = ['款', '贷款', '贷款难', '𠮷a'];
    const index = CharNgramIndex.fromVocabulary(vocabulary);
    const out = new IdBuffer();
    index.extract('贷款难,急 𠮷a', out);
    expect(Array.from(out.ids.subarray(0, out.length), (id) => vocabulary[id])).toEqual(charNgrams('贷款难,急 𠮷a').filter((gram) => vocabulary.includes(gram)));
  });
});

describe('WordFeatureIndex', () => {
  const tokenize = (text: string) => text.split(/(\s|,)/);

  it('yields the features of wordFeatures, in the same order', () => {
    const index = WordFeatureIndex.growing(tokenize);
    for (const text of ['申请 贷款,急', '贷款 贷款 利率', ' , ,', 'a b a_b', 'x']) expect(texts(index, text)).toEqual(wordFeatures(text, tokenize));
  });

  it('treats a pair "a_b" and a word "a_b" as one feature, growing or from a vocabulary', () => {
    const growing = WordFeatureIndex.growing(tokenize);
    const out = new IdBuffer();
    growing.extract('a b a_b', out);
    expect(out.ids[3]).toBe(out.ids[2]); // words a, b, a_b; then the pair a_b is the word a_b
    const vocabulary = ['a_b', 'b_c', 'x'];
    const index = WordFeatureIndex.fromVocabulary(vocabulary, tokenize);
    const found = new IdBuffer();
    index.extract('a b c a_b z x', found);
    // Features of wordFeatures in the vocabulary: the word a_b, the word x, then the pairs a_b and b_c.
    expect(Array.from(found.ids.subarray(0, found.length), (id) => vocabulary[id])).toEqual(wordFeatures('a b c a_b z x', tokenize).filter((f) => vocabulary.includes(f)));
  });

  it('an unknown word still parts the pairs around it', () => {
    const index = WordFeatureIndex.fromVocabulary(['a_b'], tokenize);
    const out = new IdBuffer();
    index.extract('a z b', out);
    expect(out.length).toBe(0);
  });
});

describe('IntPairTable', () => {
  it('stores and grows', () => {
    const table = new IntPairTable(2);
    for (let i = 0; i < 5000; i++) table.set(i, i * 7 + 1, i);
    for (let i = 0; i < 5000; i++) expect(table.get(i, i * 7 + 1)).toBe(i);
    expect(table.get(1, 1)).toBe(-1);
    expect(table.size).toBe(5000);
  });
});
