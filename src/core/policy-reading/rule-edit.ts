/**
 * Putting accepted proposals into a draft: the small functions the policy editor (and the visual rule
 * builder) call. Pure; they return new values and never change their arguments.
 */
import type { Benefit, RuleNode } from '../rules/schema.ts';

/**
 * Adds a condition to an eligibility rule: the first condition becomes the rule, the next ones are
 * joined under one "all" (同时满足). A root "all" is extended in place of nesting; an identical
 * condition (same JSON) is not added twice. With `anyOfClause` (an item of a "满足下列条件之一" heading)
 * the condition joins the `any` group that carries that heading as its clause, created on first use.
 */
export function addConditionToRule(rule: RuleNode | null | undefined, node: RuleNode, options: { anyOfClause?: string } = {}): RuleNode {
  const same = (a: RuleNode, b: RuleNode) => JSON.stringify(a) === JSON.stringify(b);
  if (options.anyOfClause !== undefined) {
    // An alternative of a "…之一" heading: it joins the root's `any` carrying that heading as its clause.
    const clause = options.anyOfClause;
    const children = !rule ? [] : 'all' in rule ? rule.all : [rule];
    const at = children.findIndex((child) => 'any' in child && child.clause === clause);
    if (at < 0) return addConditionToRule(rule, { any: [node], clause });
    const group = children[at] as Extract<RuleNode, { any: unknown }>;
    if (group.any.some((child) => same(child, node))) return rule!;
    const updated: RuleNode = { ...group, any: [...group.any, node] };
    if (rule && 'all' in rule) return { ...rule, all: rule.all.map((child, i) => (i === at ? updated : child)) };
    return updated;
  }
  if (!rule) return node;
  if ('all' in rule) {
    if (rule.all.some((child) => same(child, node))) return rule;
    return { ...rule, all: [...rule.all, node] };
  }
  if (same(rule, node)) return rule;
  return { all: [rule, node] };
}

/** Adds several conditions in order (the assistant's accepted proposals). */
export function addConditionsToRule(rule: RuleNode | null | undefined, nodes: readonly (RuleNode | { node: RuleNode; anyOf?: { clause: string } })[]): RuleNode | null {
  let out: RuleNode | null = rule ?? null;
  for (const item of nodes) {
    const isProposal = 'node' in item && !('value' in item);
    const node = isProposal ? (item as { node: RuleNode }).node : (item as RuleNode);
    const anyOf = isProposal ? (item as { anyOf?: { clause: string } }).anyOf : undefined;
    out = addConditionToRule(out, node, anyOf ? { anyOfClause: anyOf.clause } : {});
  }
  return out;
}

/** Sets the benefit formula of a draft; the accepted proposal replaces what was there, keeping a split or first year the draft had. */
export function setBenefit(current: Benefit | null | undefined, proposal: Benefit): Benefit {
  const merged: Benefit = { ...proposal };
  if (current?.split && !proposal.split) merged.split = current.split;
  if (current?.firstYear && !proposal.firstYear) merged.firstYear = current.firstYear;
  return merged;
}
