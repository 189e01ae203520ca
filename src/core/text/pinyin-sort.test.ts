import { describe, expect, it } from 'vitest';
import { byPinyin, pinyinSortKey } from './pinyin-sort.ts';

describe('pinyinSortKey', () => {
  it('spells a name in tone-less pinyin, one space between syllables', () => {
    expect(pinyinSortKey('四川金石机械有限公司')).toBe('si chuan jin shi ji xie you xian gong si');
    expect(pinyinSortKey('安徽')).toBe('an hui');
  });

  it('reads the polyphonic 重 of 重庆 as chong, and 行 of 银行 as hang', () => {
    expect(pinyinSortKey('重庆渝北')).toBe('chong qing yu bei');
    expect(pinyinSortKey('垫江农商银行')).toMatch(/^dian jiang nong shang yin hang/);
  });

  it('is pure ASCII, folds full-width forms and keeps Latin letters and digits in lower case', () => {
    const key = pinyinSortKey('重庆（ABC）１号科技');
    expect(key).toMatch(/^[\x20-\x7e]*$/);
    expect(key).toContain('(abc)1');
    expect(pinyinSortKey('★')).toBe('');
  });

  it('orders 安徽, 重庆, 四川 by byte comparison of the keys (the "C" collation)', () => {
    const names = ['四川金石机械有限公司', '重庆渝北电子有限公司', '安徽合力叉车有限公司'];
    const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...names].sort((a, b) => byCodePoint(pinyinSortKey(a), pinyinSortKey(b)) || byCodePoint(a, b));
    expect(sorted).toEqual(['安徽合力叉车有限公司', '重庆渝北电子有限公司', '四川金石机械有限公司']);
    // Code point order, the bug: 四 (U+56DB) before 安 (U+5B89) before 重 (U+91CD).
    expect([...names].sort(byCodePoint)[0]).toBe('四川金石机械有限公司');
  });

  it('byPinyin orders objects by the pinyin of a name, ties broken by the name itself', () => {
    const banks = [{ name: '重庆农村商业银行垫江支行' }, { name: '中国银行垫江支行' }, { name: '垫江农商银行' }, { name: '中国工商银行垫江支行' }];
    expect([...banks].sort(byPinyin((b) => b.name)).map((b) => b.name)).toEqual([
      '重庆农村商业银行垫江支行',
      '垫江农商银行',
      '中国工商银行垫江支行',
      '中国银行垫江支行',
    ]);
  });
});
