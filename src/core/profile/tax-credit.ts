/**
 * 纳税信用等级 (tax credit grade) from the annual evaluation score, per standards §5 (纳税信用管理办法;
 * since 2025-07-01 纳税缴费信用管理办法, 国家税务总局公告2025年第12号, with the same five grades).
 *
 * | grade | rule |
 * | A | score ≥ 90 |
 * | B | 70 ≤ score < 90 |
 * | M | newly established, or no operating income in the year with score ≥ 70; and no serious dishonesty |
 * | C | 40 ≤ score < 70 |
 * | D | score < 40, or set directly for serious violations |
 *
 * Order of precedence (the table does not state it; this follows how the tax bureau applies the rules):
 * a direct D wins over everything, then a score below 40 is D, then M (which replaces A or B for the
 * enterprises it covers, and C for a newly established one), then A / B / C by score.
 */

export type TaxCreditGrade = 'A' | 'B' | 'M' | 'C' | 'D';

/** Grades best first, as in the indicator registry. */
export const TAX_CREDIT_GRADES: readonly TaxCreditGrade[] = Object.freeze(['A', 'B', 'M', 'C', 'D']);

export interface TaxCreditFacts {
  /** 新设立企业: first tax registration within the evaluation year. */
  isNewlyEstablished?: boolean;
  /** 评价年度内无生产经营业务收入. */
  hasNoOperatingIncome?: boolean;
  /** 严重失信: bars grade M. */
  hasSeriousDishonesty?: boolean;
  /** 直接判为D级 for serious violations (e.g. tax evasion, fraudulent export refunds). */
  isDirectlyRatedD?: boolean;
}

/**
 * The tax credit grade for an annual score in [0, 100] (decimals allowed, as published scores have them)
 * and the facts that override the score. Throws RangeError for a score outside [0, 100] or not finite.
 */
export function gradeFromScore(score: number, facts: TaxCreditFacts = {}): TaxCreditGrade {
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new RangeError(`tax credit score must be within 0–100, got ${score}`);
  if (facts.isDirectlyRatedD) return 'D';
  if (score < 40) return 'D';
  if (!facts.hasSeriousDishonesty) {
    if (facts.isNewlyEstablished) return 'M';
    if (facts.hasNoOperatingIncome && score >= 70) return 'M';
  }
  if (score >= 90) return 'A';
  if (score >= 70) return 'B';
  return 'C';
}
