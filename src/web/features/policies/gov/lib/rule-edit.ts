/**
 * The editor's view of an empty rule. Accepted proposals of the reading assistant land in the rule through
 * core/policy-reading/rule-edit.ts (addConditionToRule, setBenefit), which the builder reads back as JSON.
 */
import type { RuleNode } from '../../../../../core/rules/schema.ts';

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
