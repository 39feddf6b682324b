import type { Attribution } from "../models/model";

/** Below this |m − m0| (in logits) the secant slope is replaced by the derivative σ'(m). */
const SECANT_EPSILON = 1e-9;

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * A member's attribution moved into probability space, still exactly additive:
 *
 *   logit space:  φ'_j = φ_j · (σ(m) − σ(m0)) / (m − m0),   base' = σ(m0),  output' = σ(m)
 *   (the secant slope of the logistic function between base m0 and output m; when |m − m0| < 1e-9
 *    the slope is the derivative σ(m)(1 − σ(m)), the secant's limit)
 *   probability space: unchanged.
 *
 * Σφ'_j = σ(m) − σ(m0) because Σφ_j = m − m0 (local accuracy of the member's attribution), and the
 * sign of every φ_j is kept (the logistic function is increasing). This is the rescaling used by
 * SHAP's DeepExplainer "rescale rule" for a monotone output link (Shrikumar et al., DeepLIFT, 2017).
 * Pure; no throws.
 */
export function attributionInProbabilitySpace(attribution: Attribution): Attribution {
  if (attribution.space === "probability") return attribution;
  const m = attribution.output;
  const m0 = attribution.base;
  const p = sigmoid(m);
  const p0 = sigmoid(m0);
  const slope = Math.abs(m - m0) < SECANT_EPSILON ? p * (1 - p) : (p - p0) / (m - m0);
  const contributions = new Float64Array(attribution.contributions.length);
  for (let j = 0; j < contributions.length; j++) contributions[j] = attribution.contributions[j] * slope;
  return { space: "probability", base: p0, contributions, output: p };
}

/**
 * Distributes `total` over features in proportion to `weights`: out_j = total · w_j / Σw.
 * Σ out_j = total up to rounding, for every input.
 *
 * Degenerate case: when |Σw| ≤ 1e-12 · max(1, Σ|w|) (the weights cancel, or are all zero) the ratio
 * is ill-conditioned; `total` is then spread in proportion to |w_j| (or evenly when every w_j is 0).
 * That case arises only when the explained output equals the base output, where `total` is itself
 * zero or rounding noise, so the choice affects nothing a reader can see; it keeps the sum exact.
 * Pure; no throws.
 */
export function distributeProportionally(total: number, weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  if (weights.length === 0) return out;
  let sum = 0;
  let absSum = 0;
  for (let j = 0; j < weights.length; j++) {
    sum += weights[j];
    absSum += Math.abs(weights[j]);
  }
  if (Math.abs(sum) > 1e-12 * Math.max(1, absSum)) {
    const ratio = total / sum;
    for (let j = 0; j < weights.length; j++) out[j] = weights[j] * ratio;
  } else if (absSum > 0) {
    // The share first: total · |w_j| would underflow for subnormal weights before the division.
    for (let j = 0; j < weights.length; j++) out[j] = total * (Math.abs(weights[j]) / absSum);
  } else {
    out.fill(total / weights.length);
  }
  return out;
}
