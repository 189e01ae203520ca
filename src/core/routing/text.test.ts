import { describe, expect, it } from 'vitest';
import { charNgrams, normalizeText, wordFeatures } from './text.ts';

describe('normalizeText', () => {
  it.each([
    ['ＡＢＣ１２３', 'abc0'],
    ['申请　贷款', '申请 贷款'],
    ['贷款50万元，利率3.85%', '贷款0万元,利率0%'],
    ['  多个   空格\n换行\t制表 ', '多个 空格 换行 制表'],
    ['ＥＲＰ系统', 'erp系统'],
    ['（急）', '(急)'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('charNgrams', () => {
  it('gives the 1-, 2- and 3-grams of each run, not across punctuation', () => {
    expect(charNgrams('贷款难,急', 1, 3)).toEqual(['贷', '款', '难', '贷款', '款难', '贷款难', '急']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(charNgrams('𠮷a', 2, 2)).toEqual(['𠮷a']);
  });

  it('is empty for punctuation only', () => {
    expect(charNgrams('，。！', 1, 3)).toEqual([]);
  });
});

describe('wordFeatures', () => {
  it('drops punctuation and adds adjacent pairs', () => {
    const tokenize = (text: string) => text.split(/(\s|,)/);
    expect(wordFeatures('申请 贷款,急', tokenize)).toEqual(['申请', '贷款', '急', '申请_贷款', '贷款_急']);
  });
});
