import { describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS, findIndicator } from './indicators.ts';
import { TAX_CREDIT_GRADES, gradeFromScore, type TaxCreditFacts, type TaxCreditGrade } from './tax-credit.ts';

describe('gradeFromScore by score', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [89, 'B'],
    [70, 'B'],
    [69.99, 'C'],
    [69, 'C'],
    [40, 'C'],
    [39.99, 'D'],
    [39, 'D'],
    [0, 'D'],
  ] as [number, TaxCreditGrade][])('%s → %s', (score, grade) => expect(gradeFromScore(score)).toBe(grade));
});

describe('gradeFromScore with facts', () => {
  it.each([
    // [score, facts, grade]
    [95, { isNewlyEstablished: true }, 'M'],
    [75, { isNewlyEstablished: true }, 'M'],
    [50, { isNewlyEstablished: true }, 'M'],
    [39, { isNewlyEstablished: true }, 'D'],
    [95, { hasNoOperatingIncome: true }, 'M'],
    [70, { hasNoOperatingIncome: true }, 'M'],
    [69.99, { hasNoOperatingIncome: true }, 'C'],
    [40, { hasNoOperatingIncome: true }, 'C'],
    [39, { hasNoOperatingIncome: true }, 'D'],
    [95, { isNewlyEstablished: true, hasSeriousDishonesty: true }, 'A'],
    [75, { hasNoOperatingIncome: true, hasSeriousDishonesty: true }, 'B'],
    [50, { isNewlyEstablished: true, hasSeriousDishonesty: true }, 'C'],
    [100, { isDirectlyRatedD: true }, 'D'],
    [95, { isNewlyEstablished: true, isDirectlyRatedD: true }, 'D'],
    [95, { hasSeriousDishonesty: true }, 'A'],
    [95, { isNewlyEstablished: false, hasNoOperatingIncome: false }, 'A'],
  ] as [number, TaxCreditFacts, TaxCreditGrade][])('%s with %j → %s', (score, facts, grade) => expect(gradeFromScore(score, facts)).toBe(grade));

  it.each([-1, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('rejects the score %s', (score) => expect(() => gradeFromScore(score)).toThrow(RangeError));

  it('lists the grades in the registry order', () => {
    expect(TAX_CREDIT_GRADES).toEqual(['A', 'B', 'M', 'C', 'D']);
    expect(findIndicator(BUILT_IN_INDICATORS, 'tax_credit_grade')?.grades).toEqual(TAX_CREDIT_GRADES);
  });
});
