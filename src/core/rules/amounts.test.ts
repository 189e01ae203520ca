import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benefitBound, benefitMaximum, estimateBenefit, estimateBound, renderBenefit, validateBenefit } from './benefit.ts';
import { roundFen } from './amounts.ts';
import { evaluateRule } from './evaluate.ts';
import { renderExplanation } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { BUILT_IN_PARAMETERS } from './params.ts';
import { allReviewsMet, reviewNodesOf } from './review.ts';
import type { Benefit, RuleNode } from './schema.ts';
import { validateRule } from './validate.ts';

const WAN = 1_000_000;
const options = { evaluationDate: '2025-06-30', params: BUILT_IN_PARAMETERS };
const facts = (indicators: EnterpriseFacts['indicators'] = {}, extra: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({ attributes: {}, indicators, ...extra });
const estimate = (benefit: Benefit, enterprise = facts()) => estimateBenefit(benefit, enterprise, options);

describe('eligibility-only policies ({none: true})', () => {
  const none: Benefit = { amount: { none: true } };
  it('validate, estimate nothing to pay, bound 0, and read as eligibility only', () => {
    expect(validateBenefit(none)).toEqual([]);
    expect(estimate(none)).toMatchObject({ status: 'known', kind: 'none', amountFen: 0, schedule: [] });
    expect(benefitBound(none, 0)).toBe(0);
    expect(benefitMaximum(none)).toBe(0);
    expect(renderBenefit(none)).toBe('资格认定类政策，不涉及资金');
    expect(renderBenefit(none, { locale: 'en-US' })).toBe('Eligibility only: no money is paid');
  });
  it('refuse a split and a none that is not true', () => {
    expect(validateBenefit({ amount: { none: true }, split: [50, 50] }).map((p) => p.path)).toContain('/split');
    expect(validateBenefit({ amount: { none: false as never } }).map((p) => p.path)).toEqual(['/amount/none']);
  });
});

describe('最高 X ({upTo})', () => {
  const upTo: Benefit = { amount: { upTo: { wan: 30 } } };
  it('has no certain amount, its cap is the bound and it reads 最高', () => {
    expect(estimate(upTo)).toMatchObject({ status: 'known', kind: 'upTo', amountFen: null, upToFen: 30 * WAN, schedule: [] });
    expect(benefitBound(upTo, null)).toBe(30 * WAN);
    expect(benefitMaximum(upTo)).toBe(30 * WAN);
    expect(renderBenefit(upTo)).toBe('最高 30万元，具体金额由评审核定');
  });
  it('refuses a zero or negative cap', () => {
    expect(validateBenefit({ amount: { upTo: { wan: 0 } } }).map((p) => p.code)).toEqual(['bad_bounds']);
    expect(validateBenefit({ amount: { upTo: { wan: -1 } } }).map((p) => p.code)).toEqual(['bad_constant']);
  });
});

describe('reviewer-judged criteria ({review})', () => {
  const rule: RuleNode = { all: [{ left: { fact: 'employees', period: { yearsAgo: 1 } }, op: '>=', right: { people: 10 } }, { review: '经营状况良好', reviewEn: 'In good standing' }] };
  it('are unknown (待评审) until decided, never ask the enterprise a question, and follow the decision', () => {
    expect(validateRule(rule)).toEqual([]);
    const pending = evaluateRule(rule, facts({ employees: { 2024: 20 } }), options);
    expect(pending.outcome).toBe('unknown');
    expect(pending.missingFacts).toEqual([]);
    const lines = renderExplanation(rule, pending).map((line) => line.text);
    expect(lines[2]).toBe('经评审认定：经营状况良好：待评审 ?');
    expect(renderExplanation(rule, pending, { locale: 'en-US' })[2].text).toBe('Judged by the reviewer: In good standing: pending review ?');
    expect(evaluateRule(rule, facts({ employees: { 2024: 20 } }, { reviews: allReviewsMet(rule) }), options).outcome).toBe('eligible');
    expect(evaluateRule(rule, facts({ employees: { 2024: 20 } }, { reviews: { '/all/1': false } }), options).outcome).toBe('ineligible');
    // The hard conditions stay exact: a firm below the threshold is ineligible whatever the review says.
    expect(evaluateRule(rule, facts({ employees: { 2024: 5 } }), options).outcome).toBe('ineligible');
    expect(reviewNodesOf(rule)).toEqual([{ path: '/all/1', review: '经营状况良好', reviewEn: 'In good standing', clause: null }]);
  });
  it('refuse a blank criterion with its path', () => {
    expect(validateRule({ all: [{ review: ' ' }] }).map((p) => p.path)).toEqual(['/all/0/review']);
    expect(validateRule({ all: [{ review: '良好', when: 1 } as never] }).map((p) => p.code)).toEqual(['invalid_node']);
  });
});

describe('cases (first match wins)', () => {
  const cases: Benefit = {
    amount: {
      cases: [
        { when: { certification: 'high_tech', test: 'firstAwardedIn', year: { yearsAgo: 1 } }, amount: { fixed: { wan: 20 } } },
        { when: { certification: 'high_tech', test: 'renewedIn', year: { yearsAgo: 1 } }, amount: { fixed: { wan: 10 } } },
      ],
    },
  };
  const cert = (isRenewal: boolean) => facts({}, { certifications: [{ code: 'high_tech', awardedOn: '2024-11-01', expiresOn: '2027-10-31', isRenewal }] });
  it('pays the first matching case, nothing when none matches, unknown when undecided', () => {
    expect(validateBenefit(cases)).toEqual([]);
    expect(estimate(cases, cert(false))).toMatchObject({ status: 'known', amountFen: 20 * WAN });
    expect(estimate(cases, cert(true))).toMatchObject({ status: 'known', amountFen: 10 * WAN });
    expect(estimate(cases, cert(true)).formula.zh).toContain('适用情形 2');
    expect(estimate(cases, facts({}, { certifications: [] }))).toMatchObject({ status: 'known', amountFen: 0 });
    expect(estimate(cases, facts())).toMatchObject({ status: 'unknown', amountFen: null });
    expect(benefitMaximum(cases)).toBe(20 * WAN);
    expect(benefitBound(cases, 10 * WAN)).toBe(10 * WAN);
    expect(benefitBound(cases, null)).toBe(20 * WAN);
  });
  it('validates nested rules and amounts with their paths', () => {
    const bad = { amount: { cases: [{ when: { left: { fact: 'nope' }, op: '>=', right: { wan: 1 } }, amount: { fixed: { yi: 100_000 } } }], otherwise: { upTo: { wan: 0 } } } } as unknown as Benefit;
    expect(validateBenefit(bad).map((p) => p.path)).toEqual(['/amount/cases/0/when/left/fact', '/amount/cases/0/amount/fixed', '/amount/otherwise/upTo']);
  });
  it('bound with an "up to" case is never below the matching case (the cap of the 最高 case)', () => {
    const mixed: Benefit = { amount: { cases: [{ when: { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }, amount: { upTo: { wan: 50 } } }], otherwise: { fixed: { wan: 5 } } } };
    expect(estimate(mixed, facts({ above_scale: { 2024: 1 } }))).toMatchObject({ kind: 'upTo', upToFen: 50 * WAN, amountFen: null });
    expect(estimate(mixed, facts({ above_scale: { 2024: 0 } }))).toMatchObject({ amountFen: 5 * WAN });
    expect(benefitBound(mixed, null)).toBe(50 * WAN);
    expect(benefitBound(mixed, 5 * WAN)).toBe(50 * WAN);
  });
  it('the bound for one enterprise is the MATCHING case\'s, not the largest case\'s (issue 12; regression)', () => {
    const mixed: Benefit = { amount: { cases: [{ when: { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }, amount: { upTo: { wan: 50 } } }], otherwise: { fixed: { wan: 5 } } } };
    const small = estimate(mixed, facts({ above_scale: { 2024: 0 } }));
    expect(small.amountFen).toBe(5 * WAN);
    // Before: the largest case's bound (50万) let a reviewer approve 50万 for a firm the text gives 5万.
    expect(estimateBound(mixed, small)).toBe(5 * WAN);
    expect(estimateBound(mixed, estimate(mixed, facts({ above_scale: { 2024: 1 } })))).toBe(50 * WAN);
    // Undecided: no case known, the largest case's bound (the reviewer still cannot exceed any case).
    expect(estimateBound(mixed, estimate(mixed, facts()))).toBe(50 * WAN);
    // No case and no otherwise: nothing to pay, the bound is 0.
    const only: Benefit = { amount: { cases: [{ when: { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }, amount: { compute: { times: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { percent: 10 }] }, cap: { wan: 30 } } }] } };
    expect(estimateBound(only, estimate(only, facts({ above_scale: { 2024: 0 } })))).toBe(0);
    expect(estimateBound(only, estimate(only, facts({ above_scale: { 2024: 1 }, rd_expense: { 2024: 100 * WAN } })))).toBe(30 * WAN);
    // Nested cases: the inner matching case's bound.
    const nested: Benefit = { amount: { cases: [{ when: { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }, amount: mixed.amount }], otherwise: { upTo: { wan: 80 } } } };
    expect(estimateBound(nested, estimate(nested, facts({ above_scale: { 2024: 0 } })))).toBe(80 * WAN);
  });
  it('the estimate never exceeds the matching case\'s bound (property)', () => {
    const mixed: Benefit = { amount: { cases: [{ when: { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }, amount: { compute: { times: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { percent: 10 }] }, cap: { wan: 30 } } }], otherwise: { fixed: { wan: 5 } } } };
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 10 ** 10 }), (above, rd) => {
        const result = estimate(mixed, facts({ above_scale: { 2024: above ? 1 : 0 }, rd_expense: { 2024: rd } }));
        const bound = estimateBound(mixed, result)!;
        expect(result.amountFen!).toBeLessThanOrEqual(bound);
        expect(bound).toBe(above ? 30 * WAN : 5 * WAN);
      }),
    );
  });
});

describe('tiers keyed by yes/no and coded facts', () => {
  it('pay the first matching step (a yes/no fact is no longer a unit mismatch)', () => {
    const yesNo: Benefit = { amount: { tiers: { by: { fact: 'above_scale', period: { yearsAgo: 1 } }, steps: [{ is: true, amount: { wan: 20 } }, { is: false, amount: { wan: 5 } }] } } };
    expect(validateBenefit(yesNo)).toEqual([]);
    expect(estimate(yesNo, facts({ above_scale: { 2024: 1 } })).amountFen).toBe(20 * WAN);
    expect(estimate(yesNo, facts({ above_scale: { 2024: 0 } })).amountFen).toBe(5 * WAN);
    expect(estimate(yesNo).status).toBe('unknown');
    const coded: Benefit = { amount: { tiers: { by: { fact: 'town' }, steps: [{ in: ['澄溪镇'], amount: { wan: 8 } }] } } };
    expect(estimateBenefit(coded, { attributes: { town: '澄溪镇' }, indicators: {} }, options).amountFen).toBe(8 * WAN);
    expect(estimateBenefit(coded, { attributes: { town: '高峰镇' }, indicators: {} }, options).amountFen).toBe(0);
    expect(benefitMaximum(coded)).toBe(8 * WAN);
  });
  it('refuse keyed steps on the wrong kind of fact, and mixing with thresholds', () => {
    const wrong = { amount: { tiers: { by: { fact: 'town' }, steps: [{ is: true, amount: { wan: 8 } }] } } } as Benefit;
    expect(validateBenefit(wrong).map((p) => `${p.path} ${p.code}`)).toEqual(['/amount/tiers/steps/0/is unit_mismatch']);
    const mixed = { amount: { tiers: { by: { fact: 'town' }, steps: [{ in: ['澄溪镇'], amount: { wan: 8 } }, { atLeast: { wan: 1 }, amount: { wan: 2 } }] } } } as Benefit;
    expect(validateBenefit(mixed).map((p) => p.path)).toContain('/amount/tiers/steps');
  });
});

describe('computed amounts', () => {
  // 每人每月 500元 × 上年度新增就业人数 × 6个月，最高 20万元 (an employment subsidy).
  const perPersonMonth: Benefit = { amount: { compute: { times: [{ yuan: 500 }, { fact: 'new_hires', period: { yearsAgo: 1 } }, { count: 6 }] }, cap: { wan: 20 } } };
  it('multiplies money by people and months, capped', () => {
    expect(validateBenefit(perPersonMonth)).toEqual([]);
    expect(estimate(perPersonMonth, facts({ new_hires: { 2024: 30 } })).amountFen).toBe(500 * 100 * 30 * 6);
    expect(estimate(perPersonMonth, facts({ new_hires: { 2024: 100 } })).amountFen).toBe(20 * WAN);
    expect(estimate(perPersonMonth).status).toBe('unknown');
    expect(benefitBound(perPersonMonth, 9 * WAN)).toBe(20 * WAN);
    expect(renderBenefit(perPersonMonth)).toBe('¥500 × 上年度新招用职工人数 × 6，最高 20万元');
  });
  it('takes a share of a money fact, the lower of two amounts, and rounds down to the 万元', () => {
    const share: Benefit = { amount: { compute: { min: [{ times: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { percent: 15 }] }, { wan: 100 }] }, round: { to: 'wan', mode: 'down' } } };
    expect(validateBenefit(share)).toEqual([]);
    expect(estimate(share, facts({ rd_expense: { 2024: 123_456_789 } })).amountFen).toBe(18 * WAN);
    expect(estimate(share, facts({ rd_expense: { 2024: 10_000 * WAN } })).amountFen).toBe(100 * WAN);
    expect(benefitBound(share, 18 * WAN)).toBe(18 * WAN);
    expect(benefitMaximum(share)).toBeNull();
  });
  it('divides by people, and refuses dividing by money, multiplying money by money, or a non-money result', () => {
    const perHead: Benefit = { amount: { compute: { divide: [{ wan: 10 }, { people: 3 }] }, round: { to: 'yuan', mode: 'halfUp' } } };
    expect(estimate(perHead).amountFen).toBe(3_333_300);
    expect(validateBenefit({ amount: { compute: { divide: [{ wan: 10 }, { wan: 3 }] } } }).map((p) => p.path)).toEqual(['/amount/compute/divide/1']);
    expect(validateBenefit({ amount: { compute: { times: [{ wan: 10 }, { wan: 3 }] } } }).map((p) => p.path)).toEqual(['/amount/compute/times']);
    expect(validateBenefit({ amount: { compute: { times: [{ people: 10 }, { count: 3 }] } } }).map((p) => p.path)).toEqual(['/amount/compute']);
  });
  it('rounds exactly in fen (property: down ≤ value < down + unit; halfUp within half a unit)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom('fen', 'yuan', 'wan' as const), (n, d, to) => {
        const unit = to === 'fen' ? 1n : to === 'yuan' ? 100n : 1_000_000n;
        const down = BigInt(roundFen({ n, d }, to, 'down'));
        expect(down % unit).toBe(0n);
        expect(down * d <= n && n < (down + unit) * d).toBe(true);
        const half = BigInt(roundFen({ n, d }, to, 'halfUp'));
        const diff = half * d * 2n - n * 2n;
        expect(-unit * d < diff && diff <= unit * d).toBe(true);
      }),
    );
  });
  it('the estimate never exceeds the bound, for every form (property)', () => {
    const forms: Benefit[] = [perPersonMonth, { amount: { none: true } }, { amount: { upTo: { wan: 30 } } }, { amount: { compute: { times: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { percent: 15 }] }, round: { to: 'yuan', mode: 'halfUp' } } }];
    fc.assert(
      fc.property(fc.constantFrom(...forms), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 10 ** 12 }), (benefit, hires, rd) => {
        const result = estimate(benefit, facts({ new_hires: { 2024: hires }, rd_expense: { 2024: rd } }));
        const bound = benefitBound(benefit, result.amountFen);
        if (result.amountFen !== null) expect(result.amountFen).toBeLessThanOrEqual(bound!);
        const max = benefitMaximum(benefit);
        if (max !== null && bound !== null) expect(bound).toBeLessThanOrEqual(max);
      }),
    );
  });
});
