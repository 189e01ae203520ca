/**
 * What stays open of an unknown result only until an application: reviewer-judged criteria (review.ts,
 * 待评审) and declarations (declared.ts, 申报时声明). When every condition the platform can check is met and
 * the rule would hold once the reviewer agrees and the applicant declares favourably, the enterprise may
 * apply: the calculator says so instead of asking a question, the form asks for the declarations.
 */
import { declaredNodesOf, favourableDeclarations } from './declared.ts';
import { evaluatePrepared, type RuleResult } from './evaluate.ts';
import type { EnterpriseFacts } from './facts.ts';
import type { PreparedRule } from './prepare.ts';
import { allReviewsMet, reviewNodesOf } from './review.ts';

export interface PendingOnApplication {
  /** Reviewer-judged criteria are open and the rule holds once they are met. */
  pendingReview: boolean;
  /** Keys of the declared facts still to declare, when the rule holds once they are declared favourably. */
  pendingDeclaration: string[];
}

export function pendingOnApplication(prepared: PreparedRule, facts: EnterpriseFacts, result: Pick<RuleResult, 'outcome'>): PendingOnApplication {
  const none = { pendingReview: false, pendingDeclaration: [] };
  if (result.outcome !== 'unknown') return none;
  const reviews = reviewNodesOf(prepared.rule);
  const declared = declaredNodesOf(prepared.rule);
  if (reviews.length === 0 && declared.length === 0) return none;
  const hypothetical = evaluatePrepared(prepared, {
    ...facts,
    reviews: { ...allReviewsMet(prepared.rule), ...facts.reviews },
    declared: { ...favourableDeclarations(prepared.rule), ...facts.declared },
  });
  if (hypothetical.outcome !== 'eligible') return none;
  const open = [...new Set(declared.map((d) => d.node.declared))].filter((key) => facts.declared?.[key] === undefined || facts.declared?.[key] === null);
  return { pendingReview: reviews.length > 0, pendingDeclaration: open };
}
