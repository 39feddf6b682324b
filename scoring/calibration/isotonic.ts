import { ScoringError } from "../core/errors";
import { CALIBRATOR_FORMAT, CALIBRATOR_FORMAT_VERSION, type Calibrator, assertProbability, validateCalibrationData } from "./calibrator";

/**
 * Weighted least-squares isotonic (non-decreasing) fit of a sequence by the pool-adjacent-violators
 * algorithm (Ayer et al. 1955; Best & Chakravarti 1990): scanning left to right, a value lower than
 * the block before it is pooled with that block into their weighted mean, repeatedly. Minimises
 * Σ w_i·(f_i − values_i)² subject to f_1 ≤ f_2 ≤ … ; O(n).
 * @param values finite; weights positive, same length.
 * @returns the fitted sequence (a new array).
 * @throws ScoringError SHAPE_MISMATCH for different lengths; INVALID_DATA for a non-finite value or a weight ≤ 0.
 * @example poolAdjacentViolators([1, 3, 2, 4, 3.5, 5], [1, 1, 1, 1, 1, 1]) // [1, 2.5, 2.5, 3.75, 3.75, 5]
 */
export function poolAdjacentViolators(values: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
  const where = "poolAdjacentViolators";
  if (values.length !== weights.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${values.length} values but ${weights.length} weights`);
  const blockMean: number[] = [];
  const blockWeight: number[] = [];
  const blockEnd: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !(weights[i] > 0 && Number.isFinite(weights[i]))) {
      throw new ScoringError("INVALID_DATA", `${where}: row ${i} has value ${values[i]} and weight ${weights[i]}; need a finite value and a positive weight`);
    }
    let mean = values[i];
    let weight = weights[i];
    while (blockMean.length > 0 && blockMean[blockMean.length - 1] > mean) {
      const previousWeight = blockWeight.pop() as number;
      const previousMean = blockMean.pop() as number;
      blockEnd.pop();
      mean = (previousMean * previousWeight + mean * weight) / (previousWeight + weight);
      weight += previousWeight;
    }
    blockMean.push(mean);
    blockWeight.push(weight);
    blockEnd.push(i);
  }
  const fitted = new Float64Array(values.length);
  let start = 0;
  blockEnd.forEach((end, b) => {
    fitted.fill(blockMean[b], start, end + 1);
    start = end + 1;
  });
  return fitted;
}

/**
 * Isotonic calibration (Zadrozny & Elkan 2002), matching scikit-learn's
 * IsotonicRegression(out_of_bounds="clip", increasing=True): rows are sorted by probability, rows
 * with the same probability are merged into one point (weighted mean label, summed weight), the
 * labels are fitted by weighted pool-adjacent-violators, and `apply(p)` interpolates linearly
 * between the fitted points, clipping p to the range seen in fitting. Only the first and last point
 * of each constant block are kept (interpolation between them is constant anyway). The output is
 * non-decreasing in p and in [0, 1]; on data whose per-probability default rates already increase it
 * reproduces those rates. Fit it on held-out (out-of-fold) probabilities, never on the rows a model
 * was trained on.
 * @param probabilities in [0, 1]; labels 0/1 with both classes; sampleWeight optional, ≥ 0 (rows of
 *   weight 0 are ignored).
 * @throws ScoringError SHAPE_MISMATCH for different lengths; INVALID_DATA for values outside their
 *   domain or a single class.
 */
export function fitIsotonicCalibration(probabilities: ArrayLike<number>, labels: ArrayLike<number>, sampleWeight?: ArrayLike<number>): Calibrator {
  validateCalibrationData("fitIsotonicCalibration", probabilities, labels, sampleWeight);
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if ((sampleWeight ? sampleWeight[i] : 1) > 0) rows.push(i);
  rows.sort((a, b) => probabilities[a] - probabilities[b] || a - b);
  const points: number[] = [];
  const means: number[] = [];
  const weights: number[] = [];
  for (const i of rows) {
    const w = sampleWeight ? sampleWeight[i] : 1;
    const last = points.length - 1;
    if (last >= 0 && points[last] === probabilities[i]) {
      means[last] = (means[last] * weights[last] + w * labels[i]) / (weights[last] + w);
      weights[last] += w;
    } else {
      points.push(probabilities[i]);
      means.push(labels[i]);
      weights.push(w);
    }
  }
  const fitted = poolAdjacentViolators(means, weights);
  const thresholds: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < points.length; k++) {
    const interior = k > 0 && k < points.length - 1 && fitted[k - 1] === fitted[k] && fitted[k] === fitted[k + 1];
    if (!interior) {
      thresholds.push(points[k]);
      values.push(fitted[k]);
    }
  }
  return createIsotonicCalibrator(thresholds, values);
}

/**
 * An isotonic calibrator from its interpolation points: `thresholds` strictly increasing in [0, 1],
 * `values` non-decreasing in [0, 1], same non-zero length.
 * @throws ScoringError INVALID_ARTIFACT when the points break those rules.
 */
export function createIsotonicCalibrator(thresholds: readonly number[], values: readonly number[]): Calibrator {
  const where = "createIsotonicCalibrator";
  const valid =
    thresholds.length > 0 &&
    thresholds.length === values.length &&
    thresholds.every((t, k) => typeof t === "number" && t >= 0 && t <= 1 && (k === 0 || t > thresholds[k - 1])) &&
    values.every((v, k) => typeof v === "number" && v >= 0 && v <= 1 && (k === 0 || v >= values[k - 1]));
  if (!valid) throw new ScoringError("INVALID_ARTIFACT", `${where}: thresholds must increase strictly and values must not decrease, both in [0, 1] and of one non-zero length`);
  const xs = Float64Array.from(thresholds);
  const ys = Float64Array.from(values);
  const last = xs.length - 1;
  return Object.freeze({
    kind: "isotonic" as const,
    apply(p: number): number {
      assertProbability("IsotonicCalibrator.apply", p);
      if (p <= xs[0]) return ys[0];
      if (p >= xs[last]) return ys[last];
      let low = 0;
      let high = last;
      // Invariant: xs[low] < p < xs[high].
      while (high - low > 1) {
        const mid = (low + high) >>> 1;
        if (xs[mid] <= p) low = mid;
        else high = mid;
      }
      return ys[low] + ((p - xs[low]) * (ys[high] - ys[low])) / (xs[high] - xs[low]);
    },
    toJSON(): unknown {
      return { format: CALIBRATOR_FORMAT, formatVersion: CALIBRATOR_FORMAT_VERSION, kind: "isotonic", thresholds: Array.from(xs), values: Array.from(ys) };
    },
  });
}
