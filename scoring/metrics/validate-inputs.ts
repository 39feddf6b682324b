import { ScoringError } from "../core/errors";

/** Counts of each class in a validated 0/1 label vector. */
export interface ClassCounts {
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Guards shared by the metrics: `labels` is 0/1 (1 = default), `values` has the same length, every
 * value is finite (and in [0, 1] when `probabilities`), there is at least one row and, when
 * `needBothClasses`, both classes occur.
 * @throws ScoringError SHAPE_MISMATCH for different lengths, INVALID_DATA otherwise.
 */
export function validateLabelled(where: string, labels: ArrayLike<number>, values: ArrayLike<number>, valuesName: "scores" | "probabilities", needBothClasses: boolean): ClassCounts {
  if (labels.length !== values.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${labels.length} labels but ${values.length} ${valuesName}`);
  if (labels.length === 0) throw new ScoringError("INVALID_DATA", `${where}: no rows`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new ScoringError("INVALID_DATA", `${where}: label at row ${i} is ${label}, expected 0 or 1`, "labels");
    positives += label;
    const value = values[i];
    if (!Number.isFinite(value)) throw new ScoringError("INVALID_DATA", `${where}: ${valuesName} at row ${i} is ${value}, expected a finite number`, valuesName);
    if (valuesName === "probabilities" && (value < 0 || value > 1)) throw new ScoringError("INVALID_DATA", `${where}: probability at row ${i} is ${value}, outside [0, 1]`, valuesName);
  }
  const negatives = labels.length - positives;
  if (needBothClasses && (positives === 0 || negatives === 0)) throw new ScoringError("INVALID_DATA", `${where}: labels contain one class only`, "labels");
  return { positives, negatives };
}

/** Indices 0..n−1 sorted by ascending value (ties keep index order, so results are deterministic). */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a] - values[b] || a - b);
}
