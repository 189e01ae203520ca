/**
 * The layout of a policy document: articles and clauses (第一条 / 一、 / （一） / 1. / （1） / ①), and the
 * sentences inside them, each with character offsets into the original text.
 */

export interface TextSpan {
  start: number;
  end: number;
}

export interface Division extends TextSpan {
  /** The marker as written: 第三条, 一、, （二）, 3., ①; '' for text before any marker. */
  label: string;
  /** 0 chapter, 1 article, 2 一、, 3 （一）, 4 1., 5 （1）, 6 ①. */
  level: number;
}

export interface Sentence extends TextSpan {
  text: string;
  /** Index of the innermost division containing it. */
  division: number;
}

const CN = '[一二三四五六七八九十百零〇两]+';
const MARKERS: { level: number; pattern: RegExp }[] = [
  { level: 0, pattern: new RegExp(`^第${CN}章`) },
  { level: 1, pattern: new RegExp(`^第(?:${CN}|\\d+)条`) },
  { level: 2, pattern: new RegExp(`^${CN}、`) },
  { level: 3, pattern: new RegExp(`^[（(]${CN}[）)]`) },
  { level: 4, pattern: /^\d{1,2}[.．、](?!\d)/ },
  { level: 5, pattern: /^[（(]\d{1,2}[）)]/ },
  { level: 6, pattern: /^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]/ },
];

/** Where a marker may start: the text's start, a new line, or after a colon, semicolon or full stop. */
const BOUNDARY = /[\n：:；;。]/;

/** Splits the text into divisions by their markers. */
export function splitDivisions(text: string): Division[] {
  const starts: { at: number; label: string; level: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    let j = i - 1;
    while (j >= 0 && /[ \t\u3000]/.test(text[j])) j--;
    if (j >= 0 && !BOUNDARY.test(text[j])) continue;
    if (/\s/.test(text[i])) continue;
    const rest = text.slice(i, i + 12);
    for (const marker of MARKERS) {
      const match = marker.pattern.exec(rest);
      if (match) {
        starts.push({ at: i, label: match[0], level: marker.level });
        i += match[0].length - 1;
        break;
      }
    }
  }
  const divisions: Division[] = [];
  if (starts.length === 0 || starts[0].at > 0) divisions.push({ start: 0, end: starts[0]?.at ?? text.length, label: '', level: 1 });
  starts.forEach((s, k) => divisions.push({ start: s.at, end: starts[k + 1]?.at ?? text.length, label: s.label, level: s.level }));
  return divisions.filter((d) => text.slice(d.start, d.end).trim() !== '' || d.label !== '');
}

/** Splits each division into sentences at 。；！？ and line breaks; a heading ending in ： is its own sentence. */
export function splitSentences(text: string, divisions: readonly Division[]): Sentence[] {
  const sentences: Sentence[] = [];
  divisions.forEach((division, index) => {
    let start = division.start + division.label.length;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e > s && /[^\s。；;，,：:、]/.test(text.slice(s, e))) sentences.push({ start: s, end: e, text: text.slice(s, e), division: index });
    };
    let depth = 0;
    for (let i = start; i < division.end; i++) {
      const ch = text[i];
      if (ch === '（' || ch === '(' || ch === '“' || ch === '《') depth++;
      else if ((ch === '）' || ch === ')' || ch === '”' || ch === '》') && depth > 0) depth--;
      const isEnd = /[。；;！？!?\n]/.test(ch) || (/[：:]/.test(ch) && depth === 0 && /^\s*(?:$|\n)/.test(text.slice(i + 1, i + 2)));
      if (isEnd && (depth === 0 || ch === '\n')) {
        push(ch === '\n' ? i : i + 1);
        start = i + 1;
        depth = 0;
      }
    }
    push(division.end);
  });
  return sentences;
}
