/**
 * Accepted proposals into the editor's JSON texts of the rule and the benefit. The editing itself is
 * src/core/policy-reading/rule-edit.ts (addConditionToRule / setBenefit), which the visual builder
 * calls on its tree; these wrappers read and write the JSON text the editor holds today.
 */
import { addConditionToRule, setBenefit } from '../../../../../../core/policy-reading/rule-edit.ts';
import type { Benefit, RuleNode } from '../../../../../../core/rules/schema.ts';

export type GlueResult = { ok: true; text: string } | { ok: false };

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The rule text with one more condition (the first becomes the rule; more join under 同时满足). Fails on unreadable JSON. */
export function ruleTextWithCondition(ruleText: string, node: RuleNode, anyOfClause?: string): GlueResult {
  const current = parse(ruleText);
  if (!current.ok) return current;
  return { ok: true, text: JSON.stringify(addConditionToRule(current.value as RuleNode | null, node, anyOfClause === undefined ? {} : { anyOfClause }), null, 2) };
}

/** The benefit text with the accepted formula. Fails on unreadable JSON. */
export function benefitTextWith(benefitText: string, benefit: Benefit): GlueResult {
  const current = parse(benefitText);
  if (!current.ok) return current;
  return { ok: true, text: JSON.stringify(setBenefit(current.value as Benefit | null, benefit), null, 2) };
}

/**
 * A proposal the official edited before accepting: if the condition itself changed but its `clause` (the source
 * sentence the enterprise reads beside it) did not, the sentence no longer says what the condition checks
 * ("…2000万元以上" beside "≥ 1,500万元"), so it is dropped and the readable text is generated from the node.
 * A clause the official rewrote, or an edit that only touched the clause, is kept.
 */
export function withoutStaleClause(proposed: unknown, edited: unknown): unknown {
  if (!isObject(proposed) || !isObject(edited) || typeof edited.clause !== 'string' || edited.clause !== proposed.clause) return edited;
  const { clause: _proposedClause, ...proposedRest } = proposed;
  const { clause: _editedClause, ...editedRest } = edited;
  return JSON.stringify(editedRest) === JSON.stringify(proposedRest) ? edited : editedRest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
