import type { FeatureSpec, Matrix } from "../data/matrix";

/**
 * The estimator contract every model follows (scikit-learn's, typed):
 * - hyperparameters (`Params`) and learned state (the fitted model) are separate types;
 * - `fit(params, x, y, options)` validates, learns, keeps no reference to x or y and returns an
 *   immutable fitted model; it never mutates params, x or y;
 * - a fitted model's `predictProba` throws SHAPE_MISMATCH on data with other features;
 * - `toJSON()` gives a versioned plain object from which the model's `fromJSON` rebuilds a model that
 *   predicts identical bytes.
 */
export interface FitOptions {
  /** Seed for every random choice (bootstrap, subsampling, tie-breaks). */
  readonly seed: number;
  /** Optional per-row weights (default 1). */
  readonly sampleWeight?: Float64Array;
  /** Optional held-out rows for early stopping (models that support it). */
  readonly validation?: { readonly x: Matrix; readonly y: Float64Array };
  /** Called with (done, total) as training progresses; never affects the result. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Additive attribution of one prediction: base + Σ contributions = output (in the model's `space`). */
export interface Attribution {
  /** The space the attribution is additive in: log-odds margin or probability. */
  readonly space: "logit" | "probability";
  /** Expected output over the training data (E[f]). */
  readonly base: number;
  /** One value per feature, in feature order. */
  readonly contributions: Float64Array;
  /** The model's output for the row, in `space`: base + Σ contributions. */
  readonly output: number;
}

export interface FittedBinaryClassifier {
  readonly kind: string;
  readonly features: readonly FeatureSpec[];
  /** Probability of the positive class (default) for every row. */
  predictProba(x: Matrix): Float64Array;
  /** Probability of the positive class for one dense row in feature order (the hot path). */
  predictRowProba(row: ArrayLike<number>): number;
  /** Exact additive attribution for one dense row. */
  explainRow(row: ArrayLike<number>): Attribution;
  toJSON(): unknown;
}
