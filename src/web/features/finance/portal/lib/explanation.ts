import { explanationRows, type ExplanationRow } from '../../../policies/portal/lib/explanation.ts';

/**
 * The marketplace's explanation of a product (the rule engine's rendered lines, `【clause】text ✓（note）`,
 * indented two spaces a level) as the rows the policies' explanation list shows: the same ✓ / ✗ / ? clause by
 * clause as the policy calculator, for a product's target customers.
 */
export function productExplanationRows(lines: readonly string[]): ExplanationRow[] {
  return explanationRows(
    lines.map((line, index) => {
      const indent = /^\s*/.exec(line)?.[0].length ?? 0;
      return { path: `/${index}`, depth: Math.floor(indent / 2), text: line.trim() };
    }),
    null,
  );
}

/** How many of the top-level conditions hold (the first line is the whole rule when it is a group). */
export function productConditionCounts(rows: readonly ExplanationRow[]): { pass: number; total: number } {
  const minDepth = rows.length > 1 && rows[0].isGroup !== true && rows[0].depth === 0 && rows.slice(1).every((row) => row.depth > 0) ? 1 : 0;
  const top = rows.filter((row) => row.depth === minDepth);
  return { pass: top.filter((row) => row.status === 'pass').length, total: top.length };
}
