/**
 * L2-regularised logistic regression by Newton's method (IRLS) in Float64Array. A scorecard has a handful of
 * WoE columns, so the (p+1)² Hessian is tiny and Newton converges in a few steps to machine precision, where a
 * gradient method would need tuning of its rate for each data set.
 */

export interface LogisticOptions {
  /** Penalty λ/2 · Σβ² on the coefficients (never on the intercept), in units of the summed log-loss. */
  l2?: number;
  maxIterations?: number;
  /** Stop when the largest Newton step is below this. */
  tolerance?: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** Solves A·x = b for a symmetric positive-definite A (Cholesky); A is n×n row-major. */
function solveSymmetricPositive(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j];
      for (let k = 0; k < j; k++) sum -= lower[i * size + k] * lower[j * size + k];
      if (i === j) {
        // A tiny floor keeps a column that is constant (or a copy of another) from stopping the fit.
        lower[i * size + i] = Math.sqrt(Math.max(sum, 1e-12));
      } else lower[i * size + j] = sum / lower[j * size + j];
    }
  }
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= lower[i * size + k] * y[k];
    y[i] = sum / lower[i * size + i];
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < size; k++) sum -= lower[k * size + i] * x[k];
    x[i] = sum / lower[i * size + i];
  }
  return x;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Penalised negative log-likelihood, computed stably from the linear predictor. */
function penalisedLoss(columns: readonly Float64Array[], y: ArrayLike<number>, beta: Float64Array, l2: number): number {
  const n = y.length;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = beta[0];
    for (let j = 0; j < columns.length; j++) z += beta[j + 1] * columns[j][i];
    // log(1 + e^z) − y·z without overflow.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[i] ? z : 0);
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * beta[j] * beta[j];
  return loss;
}

/**
 * Fits P(bad) = σ(β0 + Σ βj·xj) by Newton's method with step halving (so the penalised loss never rises).
 *
 * @param columns the features, one Float64Array of n values each
 * @param y the target, 1 = bad, 0 = good
 */
export function fitLogisticRegression(columns: readonly Float64Array[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  const n = y.length;
  const p = columns.length + 1;
  const beta = new Float64Array(p);
  let bads = 0;
  for (let i = 0; i < n; i++) bads += y[i] ? 1 : 0;
  // Start at the base rate: the first step is then already in the right region.
  beta[0] = Math.log(Math.max(bads, 0.5) / Math.max(n - bads, 0.5));
  let loss = penalisedLoss(columns, y, beta, l2);
  const row = new Float64Array(p);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Float64Array(p);
    const hessian = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      let z = beta[0];
      for (let j = 1; j < p; j++) {
        row[j] = columns[j - 1][i];
        z += beta[j] * row[j];
      }
      const probability = sigmoid(z);
      const residual = probability - (y[i] ? 1 : 0);
      const weight = Math.max(probability * (1 - probability), 1e-12);
      for (let a = 0; a < p; a++) {
        gradient[a] += residual * row[a];
        const weighted = weight * row[a];
        for (let b = 0; b <= a; b++) hessian[a * p + b] += weighted * row[b];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hessian[b * p + a] = hessian[a * p + b];
    for (let j = 1; j < p; j++) {
      gradient[j] += l2 * beta[j];
      hessian[j * p + j] += l2;
    }
    const step = solveSymmetricPositive(hessian, gradient, p);
    let scale = 1;
    let candidate = new Float64Array(p);
    let candidateLoss = Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      candidate = beta.map((value, j) => value - scale * step[j]);
      candidateLoss = penalisedLoss(columns, y, candidate, l2);
      if (candidateLoss <= loss + 1e-12 * Math.abs(loss)) break;
      scale /= 2;
    }
    let largestStep = 0;
    for (let j = 0; j < p; j++) largestStep = Math.max(largestStep, Math.abs(candidate[j] - beta[j]));
    beta.set(candidate);
    loss = Math.min(loss, candidateLoss);
    if (largestStep < tolerance) return { intercept: beta[0], coefficients: Array.from(beta.subarray(1)), iterations: iteration, converged: true };
  }
  return { intercept: beta[0], coefficients: Array.from(beta.subarray(1)), iterations: maxIterations, converged: false };
}
