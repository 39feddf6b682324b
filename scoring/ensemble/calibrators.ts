import { calibratorFromJSON, fitIsotonicCalibration, fitPlattCalibration, type Calibrator } from "../calibration/index";
import type { CalibrationMethod } from "./ensemble-config";
import type { ProbabilityCalibrator } from "./fitted-ensemble";

/** Adapts the calibration module's Calibrator to the ensemble's single-value hot path. */
function adapt(calibrator: Calibrator): ProbabilityCalibrator {
  return { kind: calibrator.kind, calibrate: (p) => calibrator.apply(p), toJSON: () => calibrator.toJSON() };
}

/**
 * Fits the configured calibration of held-out probabilities `p` against labels `y` (null for "none"):
 * Platt scaling (Platt 1999) or isotonic regression by PAVA (Zadrozny & Elkan 2002), as implemented
 * in scoring/calibration.
 * @throws whatever the calibration fit throws (INVALID_DATA on one-class labels).
 */
export function fitCalibrator(method: CalibrationMethod, p: Float64Array, y: Float64Array): ProbabilityCalibrator | null {
  switch (method) {
    case "none":
      return null;
    case "platt":
      return adapt(fitPlattCalibration(p, y));
    case "isotonic":
      return adapt(fitIsotonicCalibration(p, y));
  }
}

/**
 * Rebuilds a calibrator from its toJSON output (null → none).
 * @throws ScoringError INVALID_ARTIFACT (from calibratorFromJSON) on a malformed document.
 */
export function calibratorFromArtifact(json: unknown): ProbabilityCalibrator | null {
  return json === null ? null : adapt(calibratorFromJSON(json));
}
