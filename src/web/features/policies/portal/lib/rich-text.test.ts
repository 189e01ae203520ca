import { describe, expect, it } from 'vitest';
import { parseInline, parseRichText } from './rich-text.ts';

describe('parseRichText', () => {
  it('reads headings, lists, paragraphs and bold', () => {
    const blocks = parseRichText('### 政策解读\n- **谁能享受**：工业企业。\n- 补多少：最高20万元。\n\n新增产值 = 本年 − 上年\n以统计局为准。\n1. 第一步\n2、第二步');
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, content: [{ text: '政策解读', isBold: false }] },
      {
        kind: 'list',
        isOrdered: false,
        items: [
          [
            { text: '谁能享受', isBold: true },
            { text: '：工业企业。', isBold: false },
          ],
          [{ text: '补多少：最高20万元。', isBold: false }],
        ],
      },
      { kind: 'paragraph', lines: [[{ text: '新增产值 = 本年 − 上年', isBold: false }], [{ text: '以统计局为准。', isBold: false }]] },
      { kind: 'list', isOrdered: true, items: [[{ text: '第一步', isBold: false }], [{ text: '第二步', isBold: false }]] },
    ]);
  });

  it('keeps HTML as text: nothing is interpreted', () => {
    expect(parseRichText('<img src=x onerror=alert(1)> **<b>x</b>**')).toEqual([
      { kind: 'paragraph', lines: [[{ text: '<img src=x onerror=alert(1)> ', isBold: false }, { text: '<b>x</b>', isBold: true }]] },
    ]);
  });

  it('leaves an unpaired ** as typed and copes with empty input', () => {
    expect(parseInline('a ** b')).toEqual([{ text: 'a ** b', isBold: false }]);
    expect(parseRichText(null)).toEqual([]);
    expect(parseRichText('\n\n')).toEqual([]);
  });
});
