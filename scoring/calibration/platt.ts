import { ScoringError } from "../core/errors";
import { fitLogisticRegression } from "../models/logistic-regression";
import { CALIBRATOR_FORMAT, CALIBRATOR_FORMAT_VERSION, type Calibrator, assertProbability, validateCalibrationData } from "./calibrator";

/** Probabilities are clipped to [ε, 1 − ε] before the logit so 0 and 1 map to finite values. */
const LOGIT_EPSILON = 1e-15;

function clippedLogit(p: number): number {
  const clipped = Math.min(Math.max(p, LOGIT_EPSILON), 1 - LOGIT_EPSILON);
  return Math.log(clipped / (1 - clipped));
}

/**
 * Platt scaling (Platt 1999; Niculescu-Mizil & Caruana 2005): a one-feature logistic regression on
 * z = logit(p), calibrated(p) = σ(slope·z + intercept), fitted by Newton's method
 * (fitLogisticRegression, no penalty) on Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ + 2) for defaults
 * and t₋ = 1/(N₋ + 2) for the others — as scikit-learn's `_sigmoid_calibration` — which keeps the fit
 * finite even on separable data. p is clipped to [1e-15, 1 − 1e-15] before the logit.
 * Monotonicity is guaranteed: should the fitted slope be negative (scores ordered against the
 * outcome) the slope is set to 0 and the calibrator returns the smoothed base rate for every p.
 * The same applies when every p is equal.
 * @param probabilities in [0, 1]; labels 0/1 with both classes.
 * @throws ScoringError SHAPE_MISMATCH for different lengths; INVALID_DATA for values outside their
 *   domain or a single class.
 */
export function fitPlattCalibration(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  validateCalibrationData("fitPlattCalibration", probabilities, labels);
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i];
  const positiveTarget = (positives + 1) / (positives + 2);
  const negativeTarget = 1 / (n - positives + 2);
  const targets = Float64Array.from({ length: n }, (_, i) => (labels[i] === 1 ? positiveTarget : negativeTarget));
  const z = Float64Array.from({ length: n }, (_, i) => clippedLogit(probabilities[i]));
  const varies = z.some((value) => value !== z[0]);
  const withSlope = varies ? fitLogisticRegression([z], targets, { l2: 0 }) : undefined;
  if (withSlope && withSlope.coefficients[0] >= 0) return createPlattCalibrator(withSlope.coefficients[0], withSlope.intercept);
  const constant = fitLogisticRegression([], targets, { l2: 0 });
  return createPlattCalibrator(0, constant.intercept);
}

/**
 * A Platt calibrator σ(slope·logit(p) + intercept) from its parameters.
 * @throws ScoringError INVALID_ARTIFACT unless slope is finite and ≥ 0 and intercept finite.
 */
export function createPlattCalibrator(slope: number, intercept: number): Calibrator {
  if (!(Number.isFinite(slope) && slope >= 0 && Number.isFinite(intercept))) {
    throw new ScoringError("INVALID_ARTIFACT", `createPlattCalibrator: slope must be finite and ≥ 0 and intercept finite, got ${slope} and ${intercept}`);
  }
  return Object.freeze({
    kind: "platt" as const,
    apply(p: number): number {
      assertProbability("PlattCalibrator.apply", p);
      const t = slope * clippedLogit(p) + intercept;
      return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    },
    toJSON(): unknown {
      return { format: CALIBRATOR_FORMAT, formatVersion: CALIBRATOR_FORMAT_VERSION, kind: "platt", slope, intercept };
    },
  });
}
