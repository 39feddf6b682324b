import { ScoringError, requireArgument } from "../core/errors";

/** Hyperparameters of {@link fitLogisticRegression}. */
export interface LogisticRegressionOptions {
  /** L2 penalty λ on the coefficients (never on the intercept), ≥ 0. */
  readonly l2: number;
  /** Optional non-negative per-row weights (default 1). */
  readonly sampleWeight?: Float64Array;
  /** Newton steps allowed (default 100). */
  readonly maxIterations?: number;
  /** Stop when the Newton decrement λ²/2 per unit of total weight falls to this (default 1e-12). */
  readonly tolerance?: number;
}

/** A fitted logistic regression: P(y = 1 | x) = σ(intercept + Σ_j coefficients[j]·x_j). */
export interface LogisticRegressionFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** Newton steps taken. */
  readonly iterations: number;
  /** Whether the Newton decrement reached the tolerance within maxIterations. */
  readonly converged: boolean;
}

const MAX_STEP_HALVINGS = 40;
const ROUNDING_ALLOWANCE = 1e-12;

/**
 * L2-penalised logistic regression by Newton's method (iteratively reweighted least squares).
 *
 * Maximises the penalised log-likelihood
 *   J(b, β) = Σ_i w_i·[y_i·η_i − ln(1 + e^{η_i})] − ½·λ·Σ_j β_j²,   η_i = b + Σ_j β_j·x_ij,
 * (the objective of scikit-learn's LogisticRegression with C = 1/λ, intercept unpenalised). Each step
 * solves (XᵀWX + λ·I₀)·Δ = ∇J by Cholesky factorisation of the (p+1)×(p+1) Hessian (I₀: identity with
 * 0 for the intercept), and halves the step while J does not improve (beyond a 1e-12 relative allowance for rounding) (Nocedal & Wright, Numerical
 * Optimization, 2006, §3.1 backtracking; McCullagh & Nelder 1989 for IRLS). Stops when the Newton
 * decrement ∇Jᵀ·Δ/2 — a bound on J's remaining gap near the optimum (Boyd & Vandenberghe 2004, §9.5.1)
 * — is at most `tolerance` times the total weight, after taking that last (quadratically converging) step. Starts from b = logit(weighted mean of y), β = 0.
 *
 * Targets may be soft labels in [0, 1] (e.g. Platt's smoothed targets); the likelihood is then the
 * Bernoulli cross-entropy. Missing values (NaN) are not accepted: impute or bin them first.
 *
 * @param columns feature columns (column-major), each of length n; p = columns.length may be 0.
 * @param y targets in [0, 1], length n.
 * @throws ScoringError INVALID_ARGUMENT for λ < 0, a bad iteration count, tolerance or weight;
 *   SHAPE_MISMATCH when column, target or weight lengths differ; INVALID_DATA for non-finite
 *   features, targets outside [0, 1], zero total weight, a constant target, or a singular Hessian
 *   (collinear features or separable data with λ = 0).
 * @example fitLogisticRegression([x], y, { l2: 1 }).coefficients[0]
 */
export function fitLogisticRegression(columns: readonly Float64Array[], y: Float64Array, options: LogisticRegressionOptions): LogisticRegressionFit {
  const where = "fitLogisticRegression";
  const { l2, sampleWeight } = options;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  requireArgument(Number.isFinite(l2) && l2 >= 0, `${where}: l2`, `a finite number ≥ 0, got ${l2}`);
  requireArgument(Number.isInteger(maxIterations) && maxIterations >= 1, `${where}: maxIterations`, `an integer ≥ 1, got ${maxIterations}`);
  requireArgument(Number.isFinite(tolerance) && tolerance > 0, `${where}: tolerance`, `a finite number > 0, got ${tolerance}`);
  const n = y.length;
  const p = columns.length;
  columns.forEach((column, j) => {
    if (column.length !== n) throw new ScoringError("SHAPE_MISMATCH", `${where}: column ${j} has ${column.length} rows, y has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column[i])) throw new ScoringError("INVALID_DATA", `${where}: column ${j} row ${i} is ${column[i]}, expected a finite number`);
    }
  });
  if (sampleWeight && sampleWeight.length !== n) throw new ScoringError("SHAPE_MISMATCH", `${where}: sampleWeight has ${sampleWeight.length} entries, y has ${n}`);
  let totalWeight = 0;
  let weightedTarget = 0;
  for (let i = 0; i < n; i++) {
    const w = sampleWeight ? sampleWeight[i] : 1;
    requireArgument(Number.isFinite(w) && w >= 0, `${where}: sampleWeight`, `finite and ≥ 0, row ${i} is ${w}`);
    if (!(y[i] >= 0 && y[i] <= 1)) throw new ScoringError("INVALID_DATA", `${where}: y at row ${i} is ${y[i]}, expected a value in [0, 1]`);
    totalWeight += w;
    weightedTarget += w * y[i];
  }
  if (!(totalWeight > 0)) throw new ScoringError("INVALID_DATA", `${where}: total sample weight is 0`);
  const meanTarget = weightedTarget / totalWeight;
  if (meanTarget <= 0 || meanTarget >= 1) throw new ScoringError("INVALID_DATA", `${where}: y is constant (${meanTarget}); both outcomes are needed`);

  const dim = p + 1;
  // beta[0] is the intercept, beta[1 + j] the coefficient of column j.
  let beta = new Float64Array(dim);
  beta[0] = Math.log(meanTarget / (1 - meanTarget));
  const eta = new Float64Array(n);
  let objective = penalisedLogLikelihood(columns, y, sampleWeight, l2, beta, eta);
  const gradient = new Float64Array(dim);
  const hessian = new Float64Array(dim * dim);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    // eta holds the linear predictor at beta (set by penalisedLogLikelihood).
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      const w = sampleWeight ? sampleWeight[i] : 1;
      if (w === 0) continue;
      const mu = sigmoid(eta[i]);
      const residual = w * (y[i] - mu);
      const curvature = w * mu * (1 - mu);
      gradient[0] += residual;
      hessian[0] += curvature;
      for (let a = 0; a < p; a++) {
        const xa = columns[a][i];
        gradient[1 + a] += residual * xa;
        const cx = curvature * xa;
        hessian[(1 + a) * dim] += cx;
        for (let b = 0; b <= a; b++) hessian[(1 + a) * dim + 1 + b] += cx * columns[b][i];
      }
    }
    for (let a = 1; a < dim; a++) {
      gradient[a] -= l2 * beta[a];
      hessian[a * dim + a] += l2;
      for (let b = 0; b < a; b++) hessian[b * dim + a] = hessian[a * dim + b];
    }
    const step = solveCholesky(hessian, gradient, dim);
    if (!step) throw new ScoringError("INVALID_DATA", `${where}: the Hessian is singular (collinear or constant features, or separable data with l2 = 0); use l2 > 0`);
    let decrement = 0;
    for (let a = 0; a < dim; a++) decrement += gradient[a] * step[a];
    let scale = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_STEP_HALVINGS; halving++) {
      const candidate = new Float64Array(dim);
      for (let a = 0; a < dim; a++) candidate[a] = beta[a] + scale * step[a];
      const candidateObjective = penalisedLogLikelihood(columns, y, sampleWeight, l2, candidate, eta);
      // Near the optimum J's gain falls below the rounding error of its sum; tolerate that much.
      if (candidateObjective >= objective - ROUNDING_ALLOWANCE * (Math.abs(objective) + 1)) {
        beta = candidate;
        objective = candidateObjective;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    iterations++;
    if (!accepted) {
      // No step along the Newton direction improves J in floating point: J is at its optimum to
      // machine precision. Restore eta for beta (the last trial overwrote it) and stop.
      penalisedLogLikelihood(columns, y, sampleWeight, l2, beta, eta);
      converged = true;
      break;
    }
    if (decrement / 2 <= tolerance * totalWeight) {
      converged = true;
      break;
    }
  }
  return Object.freeze({ intercept: beta[0], coefficients: beta.slice(1), iterations, converged });
}

/** J(β) as documented on fitLogisticRegression; writes the linear predictor into `eta`. */
function penalisedLogLikelihood(columns: readonly Float64Array[], y: Float64Array, sampleWeight: Float64Array | undefined, l2: number, beta: Float64Array, eta: Float64Array): number {
  const n = y.length;
  eta.fill(beta[0]);
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j];
    const coefficient = beta[1 + j];
    for (let i = 0; i < n; i++) eta[i] += coefficient * column[i];
  }
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const w = sampleWeight ? sampleWeight[i] : 1;
    if (w !== 0) logLikelihood += w * (y[i] * eta[i] - softplus(eta[i]));
  }
  let penalty = 0;
  for (let j = 1; j < beta.length; j++) penalty += beta[j] * beta[j];
  return logLikelihood - 0.5 * l2 * penalty;
}

/** ln(1 + e^t) without overflow. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * Solves A·x = b for a symmetric positive definite A (row-major, dim×dim) by Cholesky A = L·Lᵀ.
 * Returns undefined when A is not numerically positive definite.
 */
function solveCholesky(matrix: Float64Array, rhs: Float64Array, dim: number): Float64Array | undefined {
  const lower = new Float64Array(dim * dim);
  let largestDiagonal = 0;
  for (let a = 0; a < dim; a++) largestDiagonal = Math.max(largestDiagonal, matrix[a * dim + a]);
  const pivotFloor = largestDiagonal * 1e-14;
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = matrix[a * dim + b];
      for (let k = 0; k < b; k++) sum -= lower[a * dim + k] * lower[b * dim + k];
      if (a === b) {
        if (!(sum > pivotFloor)) return undefined;
        lower[a * dim + a] = Math.sqrt(sum);
      } else {
        lower[a * dim + b] = sum / lower[b * dim + b];
      }
    }
  }
  const z = new Float64Array(dim);
  for (let a = 0; a < dim; a++) {
    let sum = rhs[a];
    for (let k = 0; k < a; k++) sum -= lower[a * dim + k] * z[k];
    z[a] = sum / lower[a * dim + a];
  }
  const x = new Float64Array(dim);
  for (let a = dim - 1; a >= 0; a--) {
    let sum = z[a];
    for (let k = a + 1; k < dim; k++) sum -= lower[k * dim + a] * x[k];
    x[a] = sum / lower[a * dim + a];
  }
  return x;
}
