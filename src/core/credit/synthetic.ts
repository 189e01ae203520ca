/**
 * A seeded synthetic credit book shaped like the public retail data sets (Give Me Some Credit, Taiwan
 * default): heavy-tailed income and debt ratios, mostly-zero delinquency counts, missing income, a
 * non-monotonic feature, a near-copy of a strong feature, pure noise, a constant and a text column. The true
 * bad probability is a known non-linear function, so tests can check that binning and regression recover it
 * better than plain deciles do. Cells are text, as a CSV would give them.
 */
import { Prng } from '../random/prng.ts';

export const SYNTHETIC_HEADER = [
  'id',
  'age',
  'monthly_income',
  'revolving_utilization',
  'utilization_pct',
  'late_30_59',
  'debt_ratio',
  'open_lines',
  'dependents',
  'noise',
  'constant',
  'region',
  'default_flag',
] as const;

function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * `rows` synthetic applicants with the header SYNTHETIC_HEADER; `default_flag` is 1 for bad. About 9% bad.
 */
export function generateSyntheticCreditBook(rows: number, seed: number): { header: string[]; rows: string[][] } {
  const random = new Prng(seed);
  const regions = ['north', 'south', 'east', 'west'];
  const table: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const age = Math.round(Math.min(90, Math.max(21, 48 + 14 * random.normal())));
    const incomeMissing = random.chance(0.18);
    const income = random.logNormal(5200, 0.65);
    const utilization = random.chance(0.25) ? random.next() * 0.05 : Math.min(1.6, Math.abs(random.next() * 0.9 + 0.25 * random.normal()));
    const lateBase = utilization * 1.2 + (age < 35 ? 0.4 : 0);
    const late = random.chance(Math.min(0.9, 0.08 + 0.12 * lateBase)) ? random.int(1, random.chance(0.8) ? 2 : 6) : 0;
    const debtRatio = random.logNormal(0.33, 0.9);
    const openLines = Math.max(0, Math.round(8 + 4.5 * random.normal()));
    const dependentsMissing = random.chance(0.03);
    const dependents = random.weighted([[0, 50], [1, 20], [2, 17], [3, 9], [4, 3], [5, 1]] as const);
    const noise = random.normal();

    // The truth: risk rises steeply then flattens with utilization, falls with age and income, rises with each
    // late payment, jumps for debt ratios above 1, and is U-shaped in the number of open lines.
    let z = -4.1;
    z += 2.2 * Math.sqrt(Math.min(utilization, 1.3));
    z += -0.028 * (age - 48);
    z += incomeMissing ? 0.35 : -0.45 * Math.log(income / 5200);
    z += 0.55 * Math.min(late, 4);
    z += debtRatio > 1 ? 0.5 : 0;
    z += 0.035 * Math.abs(openLines - 8);
    z += 0.08 * dependents;
    const bad = random.chance(logistic(z)) ? 1 : 0;

    table.push([
      `A${String(i + 1).padStart(6, '0')}`,
      String(age),
      incomeMissing ? (random.chance(0.5) ? '' : 'NA') : income.toFixed(0),
      utilization.toFixed(4),
      (utilization * 100 + 2 * random.normal()).toFixed(1),
      String(late),
      debtRatio.toFixed(4),
      String(openLines),
      dependentsMissing ? '' : String(dependents),
      noise.toFixed(4),
      '1',
      random.pick(regions),
      String(bad),
    ]);
  }
  return { header: [...SYNTHETIC_HEADER], rows: table };
}
