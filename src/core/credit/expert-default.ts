/**
 * The expert scorecard the county starts with (the demo's active model at first start; the finance office
 * edits a copy and activates it). Best points add up to 1000: 纳税信用 250, 履约诚信 300, 经营行为 280,
 * 场景特征 170. Bins read "values up to upTo" (inclusive); the last bin is open. A missing value scores between
 * the bad and the good bins, so withholding data neither wins nor loses everything.
 */
import type { ExpertBin, ExpertIndicator, ExpertScorecard } from './assessment.ts';

const bins = (...pairs: [number | null, number][]): ExpertBin[] => pairs.map(([upTo, points]) => ({ upTo, points }));
const indicator = (feature: string, missingPoints: number, ...pairs: [number | null, number][]): ExpertIndicator => ({ feature, bins: bins(...pairs), missingPoints });

export const DEFAULT_EXPERT_SCORECARD: ExpertScorecard = {
  format: 'dianxiaoer.expert-scorecard',
  formatVersion: 1,
  dimensions: [
    {
      code: 'tax',
      indicators: [
        indicator('tax_grade', 30, [0, 0], [1, 10], [2, 40], [3, 70], [null, 100]),
        indicator('tax_paid_wan', 10, [0, 0], [1, 15], [5, 30], [20, 45], [null, 60]),
        indicator('tax_growth_pct', 10, [-20, 0], [-5, 10], [null, 30]),
        indicator('tax_arrears_wan', 30, [0, 60], [1, 30], [10, 10], [null, 0]),
      ],
    },
    {
      code: 'obligation',
      indicators: [
        indicator('loan_overdue_3y', 40, [0, 70], [1, 40], [3, 15], [null, 0]),
        indicator('court_enforcements_3y', 35, [0, 60], [1, 25], [null, 0]),
        indicator('dishonest_debtor', 30, [0, 60], [null, 0]),
        indicator('contract_defaults_3y', 18, [0, 30], [2, 10], [null, 0]),
        indicator('admin_penalties_3y', 15, [0, 25], [2, 12], [null, 0]),
        indicator('utility_arrears_wan', 15, [0, 25], [0.5, 12], [null, 0]),
        indicator('social_insurance_arrears_wan', 18, [0, 30], [1, 12], [null, 0]),
      ],
    },
    {
      code: 'operations',
      indicators: [
        indicator('revenue_wan', 0, [50, 10], [200, 30], [1000, 55], [5000, 75], [null, 90]),
        indicator('revenue_growth_pct', 10, [-20, 0], [-5, 15], [0, 30], [30, 50], [null, 40]),
        indicator('employees', 5, [5, 10], [20, 25], [100, 40], [null, 50]),
        indicator('insured_share_pct', 5, [50, 0], [80, 15], [95, 30], [null, 40]),
        indicator('years_in_business', 0, [1, 0], [3, 15], [5, 30], [10, 40], [null, 50]),
      ],
    },
    {
      code: 'scenario',
      indicators: [
        indicator('procurement_wins_3y', 15, [0, 15], [2, 35], [null, 50]),
        indicator('electricity_trend_pct', 10, [-30, 0], [-10, 15], [20, 40], [null, 30]),
        indicator('invention_patents', 10, [0, 10], [2, 25], [null, 40]),
        indicator('exports_wan', 15, [0, 15], [100, 25], [null, 40]),
      ],
    },
  ],
};
