/**
 * Edits of a rule tree and its benefit as plain JSON, shared by the visual rule builder and the reading
 * assistant (components/reading/*): an accepted proposal lands in the builder through these two functions.
 * Pure: they return new values and never mutate their arguments; nodes they do not know are kept as they are.
 */
import type { Benefit, RuleNode } from '../../../../../core/rules/schema.ts';

/** A rule as the editor holds it: any JSON node (a kind the builder does not know yet is preserved). */
export type RuleJson = RuleNode | Record<string, unknown>;

/** The empty rule of a new draft: 同时满足 with no condition yet (a draft with it cannot be submitted). */
export const EMPTY_RULE: RuleJson = { all: [] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a rule says nothing yet: absent, or a group (all/any) without children. */
export function isEmptyRule(rule: unknown): boolean {
  if (!isObject(rule)) return true;
  if (Array.isArray(rule.all)) return rule.all.length === 0;
  if (Array.isArray(rule.any)) return rule.any.length === 0;
  return false;
}

/**
 * Adds a condition to a rule: the rule's top 同时满足 (all) group gets it as its last child; an empty
 * rule becomes {all: [node]}; any other root is wrapped, {all: [root, node]}, keeping the root exactly.
 */
export function addConditionToRule(rule: unknown, node: RuleJson): RuleJson {
  if (!isObject(rule) || isEmptyRule(rule)) return { ...(isObject(rule) && typeof rule.clause === 'string' ? { clause: rule.clause } : {}), all: [node] };
  if (Array.isArray(rule.all)) return { ...rule, all: [...rule.all, node] };
  return { all: [rule, node] };
}

/** A rule and its benefit as the editor holds them; benefit null while none was given. */
export interface RuleDraft {
  rule: unknown;
  benefit: Benefit | Record<string, unknown> | null;
}

/** Replaces the benefit of a draft (the reading assistant's accepted amount proposal, or the benefit form). */
export function setBenefit<T extends RuleDraft>(draft: T, benefit: Benefit | Record<string, unknown> | null): T {
  return { ...draft, benefit };
}
