/**
 * The small part of Markdown that departments write in a policy's 解读: headings (#…###), paragraphs,
 * bullet and numbered lists, **bold**. Parsed into plain data that React renders as text, so whatever a
 * department types — HTML included — is shown, never interpreted.
 */
export type Inline = { text: string; isBold: boolean };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; isOrdered: boolean; items: Inline[][] };

/** `**bold**` spans of one line; an unpaired `**` stays as typed. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index), isBold: false });
    out.push({ text: match[1], isBold: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), isBold: false });
  return out;
}

const BULLET = /^\s*[-*•·]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.、)）]\s*(.*)$/;
const HEADING = /^\s*(#{1,6})\s+(.*)$/;

export function parseRichText(source: string | null | undefined): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] | null = null;
  let list: Extract<Block, { kind: 'list' }> | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push(list);
    paragraph = null;
    list = null;
  };
  for (const raw of (source ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: Math.min(3, heading[1].length) as 1 | 2 | 3, content: parseInline(heading[2]) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const isOrdered = numbered !== null;
      if (paragraph || (list && list.isOrdered !== isOrdered)) flush();
      list ??= { kind: 'list', isOrdered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]));
      continue;
    }
    if (list) flush();
    paragraph ??= [];
    paragraph.push(parseInline(line.trim()));
  }
  flush();
  return blocks;
}
