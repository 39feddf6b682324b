import { ScoringError } from "../core/errors";
import { CALIBRATOR_FORMAT, CALIBRATOR_FORMAT_VERSION, type Calibrator } from "./calibrator";
import { createIsotonicCalibrator } from "./isotonic";
import { createPlattCalibrator } from "./platt";

/** Probability calibration: isotonic regression (PAV) and Platt scaling, with versioned JSON. */
export type { Calibrator } from "./calibrator";
export { CALIBRATOR_FORMAT, CALIBRATOR_FORMAT_VERSION } from "./calibrator";
export { fitIsotonicCalibration, poolAdjacentViolators } from "./isotonic";
export { fitPlattCalibration } from "./platt";

/**
 * Rebuilds a calibrator from its `toJSON()` document; outputs are bitwise identical to the original's.
 * @throws ScoringError INVALID_ARTIFACT for another format or version, an unknown kind, or malformed parameters.
 */
export function calibratorFromJSON(json: unknown): Calibrator {
  const where = "calibratorFromJSON";
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
  if (!record || record.format !== CALIBRATOR_FORMAT) throw new ScoringError("INVALID_ARTIFACT", `${where}: not a ${CALIBRATOR_FORMAT} document`);
  if (record.formatVersion !== CALIBRATOR_FORMAT_VERSION) throw new ScoringError("INVALID_ARTIFACT", `${where}: formatVersion is ${String(record.formatVersion)}, this library reads ${CALIBRATOR_FORMAT_VERSION}`);
  if (record.kind === "platt") {
    if (typeof record.slope !== "number" || typeof record.intercept !== "number") throw new ScoringError("INVALID_ARTIFACT", `${where}: platt needs numeric slope and intercept`);
    return createPlattCalibrator(record.slope, record.intercept);
  }
  if (record.kind === "isotonic") {
    if (!Array.isArray(record.thresholds) || !Array.isArray(record.values)) throw new ScoringError("INVALID_ARTIFACT", `${where}: isotonic needs thresholds and values arrays`);
    return createIsotonicCalibrator(record.thresholds, record.values);
  }
  throw new ScoringError("INVALID_ARTIFACT", `${where}: unknown kind ${String(record.kind)}`);
}
