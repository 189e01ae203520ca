import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists, quotes, rules and code', () => {
    const blocks = parseMarkdown('### 这项政策奖励谁？\n2025年刚刚“升规”的\n小型工业企业。\n\n- 第一条\n- **第二条**\n\n1. 甲\n2) 乙\n\n> 注意\n\n---\n\n```\n{"a": 1}\n```');
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, children: [{ kind: 'text', text: '这项政策奖励谁？' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: '2025年刚刚“升规”的 小型工业企业。' }] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: '第一条' }], [{ kind: 'strong', children: [{ kind: 'text', text: '第二条' }] }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: '甲' }], [{ kind: 'text', text: '乙' }]] },
      { kind: 'quote', children: [{ kind: 'text', text: '注意' }] },
      { kind: 'rule' },
      { kind: 'code', text: '{"a": 1}' },
    ]);
  });

  it('keeps HTML and script as text', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n<img src=x onerror=alert(1)>');
    expect(blocks).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] }]);
  });
});

describe('parseInline', () => {
  it('reads bold, italic and code', () => {
    expect(parseInline('见 **第四条**、*附件* 与 `main_revenue`')).toEqual([
      { kind: 'text', text: '见 ' },
      { kind: 'strong', children: [{ kind: 'text', text: '第四条' }] },
      { kind: 'text', text: '、' },
      { kind: 'em', children: [{ kind: 'text', text: '附件' }] },
      { kind: 'text', text: ' 与 ' },
      { kind: 'code', text: 'main_revenue' },
    ]);
  });

  it('shows a link as its text and address, never as a link', () => {
    expect(parseInline('详见[通知](https://example.gov.cn/a)。')).toEqual([{ kind: 'text', text: '详见通知 (https://example.gov.cn/a)。' }]);
    const inlines = parseInline('[点我](javascript:alert(1))');
    expect(inlines.every((inline) => inline.kind === 'text')).toBe(true);
  });

  it('leaves a lone star alone', () => {
    expect(parseInline('2 * 3')).toEqual([{ kind: 'text', text: '2 * 3' }]);
  });
});
