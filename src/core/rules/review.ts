/**
 * Reviewer-judged criteria (评审条件): qualitative conditions a policy states but no fact can decide —
 * "经营状况良好", "符合本县产业发展方向", "经专家评审". They are explicit nodes of the rule, so the hard
 * conditions around them stay exact and the judgement is recorded, never silently dropped:
 *
 *   { "review": "经营状况良好", "reviewEn": "The business is in good standing", "clause": "…" }
 *
 * Three-valued like every leaf: unknown until a reviewer decides (the calculator shows it as 待评审,
 * county matching counts the firm as undecided), then true or false as the reviewer decided on the
 * enterprise's application (with a reason, audited). Decisions reach the engines as
 * `EnterpriseFacts.reviews`, keyed by the node's JSON Pointer path in the policy version's rule (stable
 * for a version). The node reads no fact, so it never asks the enterprise a question.
 */
import type { RuleNode } from './schema.ts';
import { childPath, ruleChildren } from './tree.ts';
import type { Prng } from '../random/prng.ts';

export type ReviewNode = Extract<RuleNode, { review: string }>;

export const REVIEW_KEYS = ['review', 'reviewEn'] as const;

/** Save-time checks of a review node: a criterion in words (zh required, en optional), not blank. */
export function validateReviewNode(node: Record<string, unknown>, path: string, report: (path: string, message: string) => void): void {
  if (typeof node.review !== 'string' || node.review.trim() === '') report(childPath(path, 'review'), 'a reviewer-judged criterion needs its wording, e.g. "经营状况良好"');
  else if (node.review.length > 200) report(childPath(path, 'review'), 'at most 200 characters');
  if ('reviewEn' in node && (typeof node.reviewEn !== 'string' || node.reviewEn.trim() === '')) report(childPath(path, 'reviewEn'), 'the English wording must be text');
}

/** The reviewer's decision for a review node: true/false when decided, undefined when pending. */
export function reviewDecision(reviews: Readonly<Record<string, boolean>> | null | undefined, path: string): boolean | undefined {
  const decision = reviews?.[path];
  return typeof decision === 'boolean' ? decision : undefined;
}

/** Words of the criterion in a rule: "经评审：经营状况良好" / "Reviewer judges: …". */
export function reviewText(node: ReviewNode, zh: boolean): string {
  return zh ? `经评审认定：${node.review}` : `Judged by the reviewer: ${node.reviewEn ?? node.review}`;
}

/** The state of a review node in an explanation: 待评审 / 评审认定符合 / 评审认定不符合. */
export function reviewStateText(decision: boolean | null, zh: boolean): string {
  if (decision === null) return zh ? '待评审' : 'pending review';
  return decision ? (zh ? '评审认定符合' : 'judged met') : zh ? '评审认定不符合' : 'judged not met';
}

/** The review nodes of a rule with their paths, in document order. */
export function reviewNodesOf(rule: RuleNode, path = ''): { path: string; review: string; reviewEn: string | null; clause: string | null }[] {
  if ('review' in rule) return [{ path, review: rule.review, reviewEn: rule.reviewEn ?? null, clause: rule.clause ?? null }];
  return ruleChildren(rule, path).flatMap((child) => reviewNodesOf(child.node, child.path));
}

/** Every review node decided as met: "eligible once the reviewer agrees" (the calculator's 待评审). */
export function allReviewsMet(rule: RuleNode): Record<string, boolean> {
  return Object.fromEntries(reviewNodesOf(rule).map((node) => [node.path, true]));
}

const CRITERIA = ['经营状况良好', '符合本县产业发展方向', '经专家评审通过', '项目具有示范带动作用'];

/** A random review node for the agreement tests. */
export function randomReviewNode(random: Prng): RuleNode {
  return { review: random.pick(CRITERIA), ...(random.chance(0.5) ? { reviewEn: 'Judged by the reviewer' } : {}) };
}
