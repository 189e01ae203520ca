import { pinyin } from 'pinyin-pro';

/**
 * The sort key of a Chinese name (issue 12): its pinyin, tone-less, lower case, one space between syllables,
 * pure ASCII — so PostgreSQL's "C" collation orders keys the same way on PGlite (no ICU) and PostgreSQL, and
 * 安徽… < 重庆… < 四川… (an hui < chong qing < si chuan; pinyin-pro reads polyphonic characters by word:
 * 重庆 = chong qing, 银行 = yin hang).
 *
 * Latin letters and digits are kept (lower-cased), full-width forms are folded to ASCII first (（ → (),
 * anything else without an ASCII form is dropped. Two names with the same key are ordered by the name itself
 * (the caller's ORDER BY adds `name collate "C"`), so the order is total and stable.
 */
export function pinyinSortKey(name: string): string {
  const text = name.normalize('NFKC');
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const parts: string[] = [];
  for (const syllable of syllables) {
    const ascii = syllable.toLowerCase().replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();
    if (ascii !== '') parts.push(ascii);
  }
  return parts.join(' ');
}

/**
 * Orders two names by pinyin in memory (short lists read whole: banks, providers, departments, the cadre roster):
 * the same order as the database's `name_sort collate "C", name collate "C"`, so every list of the platform sorts
 * names one way. Keys are computed once per name.
 */
export function byPinyin<T>(nameOf: (item: T) => string): (a: T, b: T) => number {
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = pinyinSortKey(name)));
    return key;
  };
  const codePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) => {
    const na = nameOf(a);
    const nb = nameOf(b);
    return codePoint(keyOf(na), keyOf(nb)) || codePoint(na, nb);
  };
}
