import { describe, expect, it } from 'vitest';
import { Prng } from '../random/prng.ts';
import { fitLogisticRegression } from './logistic.ts';

function simulate(n: number, intercept: number, coefficients: number[], seed: number): { columns: Float64Array[]; y: Uint8Array } {
  const random = new Prng(seed);
  const columns = coefficients.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    coefficients.forEach((beta, j) => {
      columns[j][i] = random.normal();
      z += beta * columns[j][i];
    });
    y[i] = random.chance(1 / (1 + Math.exp(-z))) ? 1 : 0;
  }
  return { columns, y };
}

describe('fitLogisticRegression', () => {
  it.each([
    [-2, [-1, 0.5]],
    [0.3, [0.8, -0.4, 0]],
    [-3.5, [-0.9]],
  ])('recovers intercept %f and coefficients %j from 40,000 simulated rows', (intercept, coefficients) => {
    const { columns, y } = simulate(40_000, intercept, coefficients, 11);
    const fit = fitLogisticRegression(columns, y, { l2: 1e-6 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    expect(fit.intercept).toBeCloseTo(intercept, 1);
    fit.coefficients.forEach((beta, j) => expect(Math.abs(beta - coefficients[j])).toBeLessThan(0.08));
  });

  it('at the optimum the penalised gradient vanishes (X′(p − y) + λβ = 0)', () => {
    const { columns, y } = simulate(2_000, -1, [0.7, -0.3], 5);
    const l2 = 10;
    const fit = fitLogisticRegression(columns, y, { l2 });
    const gradient = [0, 0, 0];
    for (let i = 0; i < y.length; i++) {
      const z = fit.intercept + fit.coefficients[0] * columns[0][i] + fit.coefficients[1] * columns[1][i];
      const residual = 1 / (1 + Math.exp(-z)) - y[i];
      gradient[0] += residual;
      gradient[1] += residual * columns[0][i];
      gradient[2] += residual * columns[1][i];
    }
    expect(Math.abs(gradient[0])).toBeLessThan(1e-6);
    expect(Math.abs(gradient[1] + l2 * fit.coefficients[0])).toBeLessThan(1e-6);
    expect(Math.abs(gradient[2] + l2 * fit.coefficients[1])).toBeLessThan(1e-6);
  });

  it('stays finite on perfectly separable data and on a constant or duplicated column', () => {
    const x = Float64Array.from([-2, -1, 1, 2]);
    const y = Uint8Array.from([0, 0, 1, 1]);
    const separable = fitLogisticRegression([x], y, { l2: 0.1 });
    expect(Number.isFinite(separable.coefficients[0])).toBe(true);
    expect(separable.coefficients[0]).toBeGreaterThan(0);
    const degenerate = fitLogisticRegression([x, Float64Array.from([1, 1, 1, 1]), x.slice()], y, { l2: 1 });
    expect(degenerate.coefficients.every(Number.isFinite)).toBe(true);
  });
});
