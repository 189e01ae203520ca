import type { RenderedLine } from '../../../../api/types.ts';

export type ClauseStatus = 'pass' | 'fail' | 'unknown';

/** The part of the evaluation's explanation tree the page reads: each node's path, kind and value. */
export interface ExplanationNode {
  path: string;
  kind: string;
  value: ClauseStatus;
  clause?: string;
  children?: ExplanationNode[];
}

/** One line of the explanation as the page shows it. */
export interface ExplanationRow {
  path: string;
  depth: number;
  status: ClauseStatus;
  /** The policy's sentence the node encodes (【…】), when it cites one. */
  clause: string | null;
  /** What was checked, with the enterprise's values ("2025年主营业务收入 2,350万元 ≥ 2,000万元"). */
  text: string;
  /** Near miss ("差 150万元，7.5%") or the missing facts ("缺少：2025年出口额"). */
  note: string | null;
  /**
   * Kept for the page's markup; always false now: the renderer reads a "not" as what it forbids
   * ("不得有重大行政处罚 ✓"), so every line's ✓/✗ is its own verdict (issue 12).
   */
  isInverted: boolean;
  isGroup: boolean;
  /** The rule node's kind (all, any, not, compare …), when the tree has it. */
  kind: string | null;
}

const MARKS: Record<ClauseStatus, string> = { pass: '✓', fail: '✗', unknown: '?' };
const FLIP: Record<ClauseStatus, ClauseStatus> = { pass: 'fail', fail: 'pass', unknown: 'unknown' };
const GROUP_KINDS = new Set(['all', 'any', 'atLeast', 'not']);

function index(node: ExplanationNode | null | undefined, out: Map<string, ExplanationNode>): Map<string, ExplanationNode> {
  if (!node || typeof node !== 'object' || typeof node.path !== 'string') return out;
  out.set(node.path, node);
  if (Array.isArray(node.children)) for (const child of node.children) index(child, out);
  return out;
}

/** The mark the renderer put after the text, when the tree does not say (it always should). */
function statusFromText(text: string): ClauseStatus {
  const found = (['pass', 'fail', 'unknown'] as const)
    .map((status) => ({ status, at: text.lastIndexOf(` ${MARKS[status]}`) }))
    .sort((a, b) => b.at - a.at)[0];
  return found.at >= 0 ? found.status : 'unknown';
}

/**
 * Splits the server's rendered lines (`【clause】text ✓（note）`, see src/core/rules/explain/render.ts)
 * into their parts, with each line's verdict taken from the explanation tree by path.
 */
export function explanationRows(lines: readonly RenderedLine[], tree: unknown): ExplanationRow[] {
  const nodes = index(tree as ExplanationNode, new Map());
  return lines.map((line) => {
    const node = nodes.get(line.path);
    // Lines below a "not" are prohibitions (De Morgan): their verdict is the node's, flipped once per "not" above.
    const flips = ancestors(line.path).filter((path) => nodes.get(path)?.kind === 'not').length;
    const status = node ? (flips % 2 === 1 ? FLIP[node.value] : node.value) : statusFromText(line.text);
    let text = line.text;
    let note: string | null = null;
    const at = text.lastIndexOf(` ${MARKS[status]}`);
    if (at >= 0) {
      note = text.slice(at + 2).trim() || null;
      text = text.slice(0, at);
    }
    // zh wraps the note in full-width brackets, en in ( ).
    if (note) note = note.replace(/^（(.*)）$/s, '$1').replace(/^\((.*)\)$/s, '$1');
    let clause: string | null = null;
    const cited = /^【([^】]*)】\s*(.*)$/s.exec(text) ?? /^\[([^\]]*)\]\s*(.*)$/s.exec(text);
    const citable = [node?.clause, ...(node?.kind === 'not' ? (node.children ?? []).map((child) => child.clause) : [])].filter(Boolean);
    if (cited && citable.includes(cited[1])) {
      clause = cited[1];
      text = cited[2];
    } else if (cited && !node) {
      clause = cited[1];
      text = cited[2];
    }
    // Group headers end with "：" in the rule text; explanations drop it, drop it here too if present.
    text = text.replace(/[：:]\s*$/, '');
    // A "not" over a single condition is one line (the prohibition), not a group.
    const isGroup = node ? GROUP_KINDS.has(node.kind) && !(node.kind === 'not' && !node.children?.some((child) => GROUP_KINDS.has(child.kind))) : false;
    return { path: line.path, depth: line.depth, status, clause, text, note, isInverted: false, isGroup, kind: node?.kind ?? null };
  });
}

/** "/all/3/not/any/1" → ["", "/all/3", "/all/3/not", "/all/3/not/any"]: the paths of the nodes above. */
function ancestors(path: string): string[] {
  if (path === '') return [];
  const parts = path.split('/').slice(1);
  const out = [''];
  // A child's path ends with /<key>/<index> (all, any, of) or /<key> (not): walk up segment by segment.
  for (let i = 1; i < parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

/** How many of the top-level conditions hold: "4 / 5". */
export function conditionCounts(rows: readonly ExplanationRow[]): { pass: number; total: number } {
  const top = rows.filter((row) => row.depth === 1);
  return { pass: top.filter((row) => row.status === 'pass').length, total: top.length };
}
