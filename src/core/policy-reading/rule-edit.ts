/**
 * Putting accepted proposals into a draft: the small functions the policy editor (and the visual rule
 * builder) call. Pure; they return new values and never change their arguments.
 */
import type { Benefit, RuleNode } from '../rules/schema.ts';

/**
 * Adds a condition to an eligibility rule: the first condition becomes the rule, the next ones are
 * joined under one "all" (同时满足). A root "all" is extended in place of nesting; an identical
 * condition (same JSON) is not added twice.
 */
export function addConditionToRule(rule: RuleNode | null | undefined, node: RuleNode): RuleNode {
  if (!rule) return node;
  const same = (a: RuleNode, b: RuleNode) => JSON.stringify(a) === JSON.stringify(b);
  if ('all' in rule) {
    if (rule.all.some((child) => same(child, node))) return rule;
    return { ...rule, all: [...rule.all, node] };
  }
  if (same(rule, node)) return rule;
  return { all: [rule, node] };
}

/** Adds several conditions in order (the assistant's accepted proposals). */
export function addConditionsToRule(rule: RuleNode | null | undefined, nodes: readonly RuleNode[]): RuleNode | null {
  let out: RuleNode | null = rule ?? null;
  for (const node of nodes) out = addConditionToRule(out, node);
  return out;
}

/** Sets the benefit formula of a draft; the accepted proposal replaces what was there, keeping a split or first year the draft had. */
export function setBenefit(current: Benefit | null | undefined, proposal: Benefit): Benefit {
  const merged: Benefit = { ...proposal };
  if (current?.split && !proposal.split) merged.split = current.split;
  if (current?.firstYear && !proposal.firstYear) merged.firstYear = current.firstYear;
  return merged;
}
