import { ScoringError } from "../core/errors";

/**
 * A fitted map from a model's probability of default to a calibrated one. `apply` is non-decreasing
 * in p and returns a value in [0, 1]; `toJSON` gives a versioned document that calibratorFromJSON
 * turns back into a calibrator with bitwise-identical outputs.
 */
export interface Calibrator {
  readonly kind: "isotonic" | "platt";
  /** @throws ScoringError INVALID_ARGUMENT unless p is a number in [0, 1]. */
  apply(p: number): number;
  toJSON(): unknown;
}

export const CALIBRATOR_FORMAT = "microtrust.calibrator";
export const CALIBRATOR_FORMAT_VERSION = 1;

/** Guards the input of Calibrator.apply. */
export function assertProbability(where: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new ScoringError("INVALID_ARGUMENT", `${where}: p must be a probability in [0, 1], got ${p}`, "p");
}

/**
 * Validates probabilities in [0, 1], 0/1 labels with both classes, and optional non-negative weights
 * of the same length.
 * @throws ScoringError SHAPE_MISMATCH for different lengths; INVALID_DATA for values outside their domain
 *   or a single class.
 */
export function validateCalibrationData(where: string, probabilities: ArrayLike<number>, labels: ArrayLike<number>, sampleWeight?: ArrayLike<number>): void {
  if (probabilities.length !== labels.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${probabilities.length} probabilities but ${labels.length} labels`);
  if (sampleWeight && sampleWeight.length !== labels.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: sampleWeight has ${sampleWeight.length} entries for ${labels.length} labels`, "sampleWeight");
  const classWeight = [0, 0];
  for (let i = 0; i < labels.length; i++) {
    if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) throw new ScoringError("INVALID_DATA", `${where}: probability at row ${i} is ${probabilities[i]}, outside [0, 1]`, "probabilities");
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new ScoringError("INVALID_DATA", `${where}: label at row ${i} is ${label}, expected 0 or 1`, "labels");
    const w = sampleWeight ? sampleWeight[i] : 1;
    if (!(Number.isFinite(w) && w >= 0)) throw new ScoringError("INVALID_DATA", `${where}: sampleWeight at row ${i} is ${w}, expected finite and ≥ 0`, "sampleWeight");
    classWeight[label] += w;
  }
  if (!(classWeight[0] > 0 && classWeight[1] > 0)) throw new ScoringError("INVALID_DATA", `${where}: labels (with positive weight) contain one class only`, "labels");
}
