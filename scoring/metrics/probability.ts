import { requireArgument } from "../core/errors";
import { quantileOfSorted } from "./quantile";
import { ascendingOrder, validateLabelled } from "./validate-inputs";

/**
 * F1 score when rows with probability ≥ threshold are flagged as defaults:
 * F1 = 2·TP / (2·TP + FP + FN) (van Rijsbergen 1979), 0 when nothing is flagged and no row is a
 * default (scikit-learn's `f1_score` with zero_division = 0).
 * @param probabilities in [0, 1]; threshold in [0, 1].
 * @throws ScoringError INVALID_ARGUMENT for a threshold outside [0, 1]; SHAPE_MISMATCH / INVALID_DATA for bad inputs.
 */
export function f1AtThreshold(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold: number): number {
  requireArgument(threshold >= 0 && threshold <= 1, "f1AtThreshold: threshold", `in [0, 1], got ${threshold}`);
  validateLabelled("f1AtThreshold", labels, probabilities, "probabilities", false);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const flagged = probabilities[i] >= threshold;
    if (flagged && labels[i] === 1) truePositives++;
    else if (flagged) falsePositives++;
    else if (labels[i] === 1) falseNegatives++;
  }
  const denominator = 2 * truePositives + falsePositives + falseNegatives;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

/**
 * Brier score (Brier 1950): mean of (p_i − y_i)², in [0, 1]; lower is better.
 * @throws ScoringError SHAPE_MISMATCH / INVALID_DATA for mismatched, empty or out-of-domain inputs.
 */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  validateLabelled("brierScore", labels, probabilities, "probabilities", false);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** The clipping bound of logLoss: scikit-learn's historical default eps = 1e-15. */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Mean negative log-likelihood (cross-entropy): −mean[y·ln p + (1 − y)·ln(1 − p)], with p clipped to
 * [1e-15, 1 − 1e-15] as scikit-learn's `log_loss` did by default (eps = 1e-15, before 1.5), so a
 * confident mistake costs ln(1e15) ≈ 34.5 instead of infinity.
 * @throws ScoringError SHAPE_MISMATCH / INVALID_DATA for mismatched, empty or out-of-domain inputs.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  validateLabelled("logLoss", labels, probabilities, "probabilities", false);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return sum / labels.length;
}

/** One bin of a reliability (calibration) table. */
export interface CalibrationBin {
  /** Bin bounds on the predicted probability: (lower, upper], the first bin closed at lower. */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/**
 * Reliability table on quantile bins of the predicted probability, as scikit-learn's
 * `calibration_curve(strategy="quantile")`: edges are the type-7 quantiles of p at k/bins, a row goes
 * to the bin (e_{k−1}, e_k] (the first bin also takes p = e_0), and empty bins (from tied
 * probabilities) are dropped. Per bin: row count, mean predicted probability, observed default rate.
 * @param bins an integer ≥ 1 (default 10).
 * @throws ScoringError INVALID_ARGUMENT for a bad bin count; SHAPE_MISMATCH / INVALID_DATA for bad inputs.
 */
export function calibrationByQuantile(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): CalibrationBin[] {
  requireArgument(Number.isInteger(bins) && bins >= 1, "calibrationByQuantile: bins", `an integer ≥ 1, got ${bins}`);
  validateLabelled("calibrationByQuantile", labels, probabilities, "probabilities", false);
  const order = ascendingOrder(probabilities);
  const sorted = Float64Array.from(order, (i) => probabilities[i]);
  const edges = Array.from({ length: bins + 1 }, (_, k) => quantileOfSorted(sorted, k / bins));
  const table: CalibrationBin[] = [];
  let position = 0;
  for (let k = 0; k < bins; k++) {
    let count = 0;
    let predicted = 0;
    let observed = 0;
    while (position < sorted.length && (k === bins - 1 || sorted[position] <= edges[k + 1])) {
      count++;
      predicted += sorted[position];
      observed += labels[order[position]];
      position++;
    }
    if (count > 0) table.push(Object.freeze({ lower: edges[k], upper: edges[k + 1], count, meanPredicted: predicted / count, observedRate: observed / count }));
  }
  return table;
}
