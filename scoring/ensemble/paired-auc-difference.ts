import { ScoringError } from "../core/errors";

/** AUC(a) − AUC(b) on the same rows, with the standard error of that difference. */
export interface PairedAucDifference {
  readonly difference: number;
  readonly standardError: number;
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under two or more correlated ROC curves":
 * for scores s on n₁ positives x_i and n₀ negatives y_j, the structural components are
 *   V10(x_i) = (1/n₀)·Σ_j ψ(x_i, y_j),   V01(y_j) = (1/n₁)·Σ_i ψ(x_i, y_j),   ψ = 1 if x > y, ½ if tied, 0 else,
 * so that AUC = mean V10 = mean V01; for two score vectors a, b on the same rows,
 *   Var(AUC_a − AUC_b) ≈ S²(V10_a − V10_b)/n₁ + S²(V01_a − V01_b)/n₀   (S² the sample variance).
 * The pairing matters: two ensembles' out-of-fold predictions are highly correlated, so their
 * difference is far more precise than either AUC. O(n log n).
 * @param labels 0/1 (1 = default) with both classes; a, b finite scores, higher = riskier.
 * @throws ScoringError SHAPE_MISMATCH for different lengths, INVALID_DATA for other labels or one class.
 * @example pairedAucDifference([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.3, 0.2, 0.4]).difference // 0.25
 */
export function pairedAucDifference(labels: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): PairedAucDifference {
  return differenceOfComponents(aucComponents(labels, a), aucComponents(labels, b));
}

/** DeLong's structural components of one score vector (see pairedAucDifference); compute once, compare many. */
export interface AucComponents {
  readonly v10: Float64Array;
  readonly v01: Float64Array;
}

/**
 * The structural components V10 (per positive) and V01 (per negative) of `scores`.
 * @throws ScoringError SHAPE_MISMATCH for different lengths, INVALID_DATA for other labels, one class or a non-finite score.
 */
export function aucComponents(labels: ArrayLike<number>, scores: ArrayLike<number>): AucComponents {
  const where = "aucComponents";
  if (scores.length !== labels.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${labels.length} labels, ${scores.length} scores`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new ScoringError("INVALID_DATA", `${where}: label at row ${i} is ${labels[i]}, expected 0 or 1`);
    positives += labels[i];
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new ScoringError("INVALID_DATA", `${where}: labels contain one class only`);
  return structuralComponents(labels, scores, positives, negatives);
}

/** AUC(a) − AUC(b) and its standard error from the two vectors' components (same labels). */
export function differenceOfComponents(a: AucComponents, b: AucComponents): PairedAucDifference {
  if (a.v10.length !== b.v10.length || a.v01.length !== b.v01.length) throw new ScoringError("SHAPE_MISMATCH", "differenceOfComponents: components of different label vectors");
  const v10 = a.v10.map((v, i) => v - b.v10[i]);
  const v01 = a.v01.map((v, j) => v - b.v01[j]);
  const variance = sampleVariance(v10) / v10.length + sampleVariance(v01) / v01.length;
  return { difference: mean(v10), standardError: Math.sqrt(Math.max(0, variance)) };
}

/** V10 per positive and V01 per negative (in row order within each class), by binary search in each sorted class. */
function structuralComponents(labels: ArrayLike<number>, scores: ArrayLike<number>, positives: number, negatives: number): { v10: Float64Array; v01: Float64Array } {
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  for (let i = 0, p = 0, n = 0; i < labels.length; i++) {
    if (!Number.isFinite(scores[i])) throw new ScoringError("INVALID_DATA", `aucComponents: score at row ${i} is ${scores[i]}, expected a finite number`);
    if (labels[i] === 1) positiveScores[p++] = scores[i];
    else negativeScores[n++] = scores[i];
  }
  const sortedPositives = Float64Array.from(positiveScores).sort();
  const sortedNegatives = Float64Array.from(negativeScores).sort();
  // ψ summed over the other class: (count strictly below + half the ties) for a positive, mirrored for a negative.
  const v10 = positiveScores.map((x) => (countBelow(sortedNegatives, x) + countTied(sortedNegatives, x) / 2) / negatives);
  const v01 = negativeScores.map((y) => (positives - countBelow(sortedPositives, y) - countTied(sortedPositives, y) / 2) / positives);
  return { v10, v01 };
}

/** Values of the sorted array strictly below `value`. */
function countBelow(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function countTied(sorted: Float64Array, value: number): number {
  let low = countBelow(sorted, value);
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low - countBelow(sorted, value);
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleVariance(values: Float64Array): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) * (v - m);
  return sum / (values.length - 1);
}
