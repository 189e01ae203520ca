import { describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../money/money.ts';
import {
  allocatePopulationScores,
  assessEnterprise,
  compileExpertScorecard,
  compileTrainedScorecard,
  gradeOf,
  scorePopulation,
  suggestedLimitFen,
  validateExpertScorecard,
  type ExpertScorecard,
} from './assessment.ts';
import { DEFAULT_EXPERT_SCORECARD } from './expert-default.ts';
import { CREDIT_FEATURE_CODES, CREDIT_FEATURES, FeatureMatrixBuilder, featuresOfRow } from './features.ts';
import { scalingOf, trainScorecard } from './scorecard.ts';
import { Prng } from '../random/prng.ts';

const clean: Record<string, number> = {
  tax_grade: 4, tax_paid_wan: 50, tax_growth_pct: 8, tax_arrears_wan: 0,
  loan_overdue_3y: 0, court_enforcements_3y: 0, dishonest_debtor: 0, contract_defaults_3y: 0, admin_penalties_3y: 0, utility_arrears_wan: 0, social_insurance_arrears_wan: 0,
  revenue_wan: 8000, revenue_growth_pct: 12, employees: 150, insured_share_pct: 98, years_in_business: 15,
  procurement_wins_3y: 4, electricity_trend_pct: 5, invention_patents: 6, exports_wan: 500,
};

describe('features from indicators', () => {
  it('derives latest, three-year sums, growth, shares and grades as of the reference year', () => {
    const builder = new FeatureMatrixBuilder(2, Int32Array.from([2025, 2024]));
    builder.add(0, 'tax_paid', '2025', 1_200_000, null);
    builder.add(0, 'tax_paid', '2024', 1_000_000, null);
    builder.add(0, 'court_enforcements', '2025', 1, null);
    builder.add(0, 'court_enforcements', '2023', 2, null);
    builder.add(0, 'court_enforcements', '2022', 5, null); // outside the three years
    builder.add(0, 'employees', '2025', 40, null);
    builder.add(0, 'insured_employees', '2025', 30, null);
    builder.add(0, 'tax_credit_grade', '2025', null, 'B');
    builder.add(0, 'tax_credit_grade', '2025Q1', null, 'A'); // not a year: ignored
    builder.add(1, 'tax_paid', '2025', 9_000_000, null); // after row 1's reference year: ignored
    builder.add(1, 'operating_revenue', '2022', 50_000_000, null); // latest falls back one year only
    builder.setRegisteredOn(0, '2020-07-01');
    const columns = builder.build();
    const row0 = featuresOfRow(columns, 0);
    const row1 = featuresOfRow(columns, 1);
    expect(row0.tax_paid_wan).toBeCloseTo(1.2, 10);
    expect(row0.tax_growth_pct).toBeCloseTo(20, 10);
    expect(row0.court_enforcements_3y).toBe(3);
    expect(row0.insured_share_pct).toBe(75);
    expect(row0.tax_grade).toBe(3);
    expect(row0.years_in_business).toBeCloseTo(5.5, 10);
    expect(row0.loan_overdue_3y).toBeNaN();
    expect(row1.tax_paid_wan).toBeNaN();
    expect(row1.revenue_wan).toBeNaN(); // 2022 is two years before 2024: not "latest"
    expect(row1.years_in_business).toBeNaN();
  });
});

describe('the expert scorecard', () => {
  it('the default card is valid and its best points add to 1000', () => {
    expect(validateExpertScorecard(DEFAULT_EXPERT_SCORECARD)).toEqual([]);
    const card = compileExpertScorecard(DEFAULT_EXPERT_SCORECARD);
    expect(card.best).toBe(1000);
  });

  it('reports each problem with its path', () => {
    const broken: ExpertScorecard = structuredClone(DEFAULT_EXPERT_SCORECARD);
    broken.dimensions[0].indicators[0].bins[1].upTo = -1;
    broken.dimensions[0].indicators[1].feature = 'loan_overdue_3y';
    broken.dimensions[0].indicators[2].bins.at(-1)!.upTo = 5;
    broken.dimensions.pop();
    const problems = validateExpertScorecard(broken);
    expect(problems).toContain('dimensions[0].indicators[0].bins[1].upTo: must be above 0');
    expect(problems).toContain('dimensions[0].indicators[1].feature: "loan_overdue_3y" belongs to dimension obligation');
    expect(problems).toContain('dimensions[0].indicators[2].bins[2].upTo: the last bin has no upper bound (null)');
    expect(problems).toContain('dimensions: dimension "scenario" is missing');
    expect(() => compileExpertScorecard(broken)).toThrow(/not valid/);
  });

  it('a clean record scores top marks in every dimension, with no reasons', () => {
    const assessment = assessEnterprise(compileExpertScorecard(DEFAULT_EXPERT_SCORECARD), clean);
    expect(assessment.score).toBe(1000);
    expect(assessment.grade).toBe('AAA');
    expect(assessment.dimensions.map((d) => [d.code, d.score])).toEqual([['tax', 1000], ['obligation', 1000], ['operations', 1000], ['scenario', 1000]]);
    expect(assessment.dimensions[0].nameZh).toBe('纳税信用');
    expect(assessment.reasons).toEqual([]);
    // 30% of 8000万 is above the AAA cap of 1000万
    expect(assessment.suggestedLimitFen).toBe(1000 * FEN_PER_WAN);
  });

  it('the reasons are the features that lost most, with the value in words and what would raise it', () => {
    const card = compileExpertScorecard(DEFAULT_EXPERT_SCORECARD);
    const assessment = assessEnterprise(card, { ...clean, loan_overdue_3y: 4, dishonest_debtor: 1, tax_arrears_wan: 3, exports_wan: NaN });
    // lost: overdue 70, dishonest 60, arrears 50, exports 25 → 1000 − 205
    expect(assessment.score).toBe(795);
    expect(assessment.grade).toBe('A');
    expect(assessment.reasons.map((r) => [r.code, r.pointsLost])).toEqual([
      ['loan_overdue_3y', 70],
      ['dishonest_debtor', 60],
      ['tax_arrears_wan', 50],
      ['exports_wan', 25],
    ]);
    expect(assessment.reasons[0].textZh).toBe('近三年贷款逾期：4 次');
    expect(assessment.reasons[0].adviceEn).toMatch(/Repay on schedule/);
    expect(assessment.reasons[3].value).toBeNull();
    expect(assessment.reasons[3].textZh).toBe('出口额：无数据');
    expect(assessment.reasons[3].adviceZh).toMatch(/授权/);
    const obligation = assessment.dimensions.find((d) => d.code === 'obligation')!;
    expect(obligation.score).toBe(Math.round((1000 * (300 - 130)) / 300));
  });

  it('scores a population column by column exactly as one by one', () => {
    const card = compileExpertScorecard(DEFAULT_EXPERT_SCORECARD);
    const random = new Prng(7);
    const n = 500;
    const columns = CREDIT_FEATURES.map(() => Float64Array.from({ length: n }, () => (random.chance(0.1) ? NaN : random.int(-40, 60))));
    const scores = scorePopulation(card, columns, n, allocatePopulationScores(n));
    for (let row = 0; row < n; row += 37) {
      const one = assessEnterprise(card, featuresOfRow(columns, row));
      expect(scores.score[row]).toBe(one.score);
      one.dimensions.forEach((d, i) => expect(scores.dimensions[i][row]).toBe(d.score));
    }
  });
});

describe('grades and credit lines', () => {
  it.each([
    [1000, 'AAA'], [900, 'AAA'], [899, 'AA'], [800, 'AA'], [700, 'A'], [650, 'BBB'], [500, 'BB'], [400, 'B'], [399, 'CCC'], [200, 'CC'], [199, 'C'], [0, 'C'],
  ])('score %d is %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it('a share of revenue capped by the grade, rounded down to 万元; tax paid × 10 without revenue; none below B', () => {
    expect(suggestedLimitFen(720, 500 * FEN_PER_WAN, NaN)).toBe(100 * FEN_PER_WAN); // 20%
    expect(suggestedLimitFen(720, 123_456_789, NaN)).toBe(24 * FEN_PER_WAN); // 20% of 123.46万 = 24.69万
    expect(suggestedLimitFen(950, 1e12, NaN)).toBe(1000 * FEN_PER_WAN);
    expect(suggestedLimitFen(550, NaN, 20 * FEN_PER_WAN)).toBe(20 * FEN_PER_WAN); // 10% of 200万
    expect(suggestedLimitFen(350, 500 * FEN_PER_WAN, NaN)).toBe(0);
    expect(suggestedLimitFen(950, NaN, NaN)).toBe(0);
  });
});

describe('a trained scorecard on credit features', () => {
  it('compiles to the same 0–1000 scale, riskier enterprises scoring lower', () => {
    const random = new Prng(3);
    const n = 4000;
    const overdue = new Float64Array(n);
    const revenue = new Float64Array(n);
    const target = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      overdue[i] = random.chance(0.2) ? random.int(1, 5) : 0;
      revenue[i] = random.logNormal(300, 1);
      const z = -2.5 + 0.7 * overdue[i] - 0.4 * Math.log(revenue[i] / 300);
      target[i] = random.chance(1 / (1 + Math.exp(-z))) ? 1 : 0;
    }
    const { model } = trainScorecard({ featureNames: ['loan_overdue_3y', 'revenue_wan'], columns: [overdue, revenue], target }, { id: 't', created: '2026-01-01T00:00:00Z', target: 'bad', scaling: scalingOf() });
    const card = compileTrainedScorecard(model);
    expect(card.kind).toBe('trained');
    const good = assessEnterprise(card, { loan_overdue_3y: 0, revenue_wan: 3000 });
    const bad = assessEnterprise(card, { loan_overdue_3y: 5, revenue_wan: 20 });
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.score).toBeLessThanOrEqual(1000);
    expect(bad.score).toBeGreaterThanOrEqual(0);
    expect(bad.reasons[0].code).toBe('loan_overdue_3y');
    expect(CREDIT_FEATURE_CODES).toContain(model.features[0].name);
  });
});
