/**
 * The approved amount of an application (核定金额), integer fen. The enterprise applies for the amount the
 * policy's benefit formula estimates from its profile (estimated_amount_fen, "requested"); the reviewer
 * approves it on the last review step.
 *
 * Decided here: the approved amount defaults to the requested one. Any other amount — lower (核减) or
 * higher (e.g. the estimate missed an investment the attachments prove) — needs a written reason, which
 * the enterprise sees on its timeline. When the formula could not estimate (data missing), the reviewer
 * must state the amount, with a reason. Zero is not an approval: reject instead.
 *
 * Bounded (issue 13): the amount never exceeds what the policy's benefit allows the enterprise
 * (`benefitBound` in core/rules/benefit.ts: the estimate, or the cap of an "up to" benefit). Without a
 * bound (an uncapped formula the enterprise's data could not estimate) nothing can be approved.
 */
import { assertFen, MONEY_MAX_FEN, MoneyError } from '../money/money.ts';
import { hasReason } from './workflow.ts';

export type AmountRefusalCode = 'amount_required' | 'amount_invalid' | 'amount_reason_required' | 'amount_above_bound' | 'amount_unbounded';

export type AmountDecision = { ok: true; amountFen: number; isAdjusted: boolean } | { ok: false; code: AmountRefusalCode; message: string };

/**
 * Decides the approved amount from the requested one and what the reviewer typed.
 * @param requestedFen the estimate the enterprise applied with; null when it could not be estimated
 * @param approvedFen the reviewer's amount, or undefined/null to approve the requested amount
 * @param boundFen the most the benefit allows (benefitBound); null when nothing bounds it
 */
export function decideApprovedAmount(requestedFen: number | null, approvedFen: number | null | undefined, reason: string | null | undefined, boundFen: number | null): AmountDecision {
  if (approvedFen === undefined || approvedFen === null) {
    if (requestedFen === null) return { ok: false, code: 'amount_required', message: 'the amount could not be estimated: state the approved amount and why' };
    return boundRefusal(requestedFen, boundFen) ?? { ok: true, amountFen: requestedFen, isAdjusted: false };
  }
  try {
    assertFen(approvedFen, 'the approved amount');
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, code: 'amount_invalid', message: error.message };
    throw error;
  }
  if (approvedFen <= 0) return { ok: false, code: 'amount_invalid', message: 'an approved amount is more than zero fen; reject the application instead' };
  const refusal = boundRefusal(approvedFen, boundFen);
  if (refusal) return refusal;
  const isAdjusted = approvedFen !== requestedFen;
  if (isAdjusted && !hasReason(reason)) {
    return { ok: false, code: 'amount_reason_required', message: requestedFen === null ? 'say how the amount was determined' : 'an amount other than the one applied for needs a reason' };
  }
  return { ok: true, amountFen: approvedFen, isAdjusted };
}

/** The refusal of an amount above the bound (or of any amount when nothing bounds it), else null. */
export function boundRefusal(amountFen: number, boundFen: number | null): (AmountDecision & { ok: false }) | null {
  if (boundFen === null) return { ok: false, code: 'amount_unbounded', message: 'the benefit has no maximum and the amount could not be estimated: the enterprise\'s data must give an estimate first' };
  if (amountFen > Math.min(boundFen, MONEY_MAX_FEN)) return { ok: false, code: 'amount_above_bound', message: `the amount ${amountFen} fen is above what the benefit allows, ${boundFen} fen` };
  return null;
}
