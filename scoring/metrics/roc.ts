import { requireArgument } from "../core/errors";
import { Random } from "../core/random";
import { quantileOfSorted } from "./quantile";
import { ascendingOrder, validateLabelled } from "./validate-inputs";

/**
 * Area under the ROC curve: the Mann–Whitney U statistic over n₁·n₀ (Hanley & McNeil 1982), with
 * tied scores given averaged ranks, so a tied positive–negative pair counts ½ — the value of
 * scikit-learn's `roc_auc_score`. Computed by one sweep over the scores sorted ascending:
 * AUC = Σ_groups pos_g·(negatives below g + neg_g/2) / (n₁·n₀). O(n log n).
 * @param labels 0/1, 1 = default (bad); both classes present.
 * @param scores finite; higher = riskier.
 * @throws ScoringError SHAPE_MISMATCH for different lengths, INVALID_DATA for other labels,
 *   non-finite scores or a single class.
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { positives, negatives } = validateLabelled("rocAuc", labels, scores, "scores", true);
  // Each class's scores sorted by the engine's native numeric sort (no comparator: several times faster
  // than sorting an index array, which matters when the ensemble's weight search computes hundreds of
  // AUCs), then one merge sweep counts, per positive, the negatives below it and half of those tied.
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  for (let i = 0, p = 0, n = 0; i < labels.length; i++) {
    if (labels[i] === 1) positiveScores[p++] = scores[i];
    else negativeScores[n++] = scores[i];
  }
  positiveScores.sort();
  negativeScores.sort();
  let below = 0;
  let notAbove = 0;
  let concordant = 0;
  for (let k = 0; k < positives; k++) {
    const score = positiveScores[k];
    while (below < negatives && negativeScores[below] < score) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < negatives && negativeScores[notAbove] <= score) notAbove++;
    concordant += below + (notAbove - below) / 2;
  }
  return concordant / (positives * negatives);
}

/** AUC with integer-or-real row weights over rows already sorted ascending by score (see rocAuc). */
function weightedAucOfOrder(order: Uint32Array, labels: ArrayLike<number>, scores: ArrayLike<number>, weights: Float64Array | undefined): number {
  let negativesBelow = 0;
  let positivesTotal = 0;
  let concordant = 0;
  let start = 0;
  while (start < order.length) {
    const score = scores[order[start]];
    let groupPositives = 0;
    let groupNegatives = 0;
    let end = start;
    while (end < order.length && scores[order[end]] === score) {
      const row = order[end];
      const w = weights ? weights[row] : 1;
      if (labels[row] === 1) groupPositives += w;
      else groupNegatives += w;
      end++;
    }
    concordant += groupPositives * (negativesBelow + groupNegatives / 2);
    negativesBelow += groupNegatives;
    positivesTotal += groupPositives;
    start = end;
  }
  return concordant / (positivesTotal * negativesBelow);
}

/** Points of an ROC curve, one per distinct threshold, from (0, 0) to (1, 1). */
export interface RocCurve {
  /** False-positive rate at each threshold (share of goods flagged). */
  readonly falsePositiveRate: Float64Array;
  /** True-positive rate at each threshold (share of defaults flagged). */
  readonly truePositiveRate: Float64Array;
  /** Row k flags scores ≥ thresholds[k]; thresholds[0] = +∞ flags nothing. Descending. */
  readonly thresholds: Float64Array;
}

/**
 * The ROC curve at every distinct score, like scikit-learn's `roc_curve(drop_intermediate=False)`:
 * thresholds descending from +∞, TPR = TP/n₁ and FPR = FP/n₀ when flagging scores ≥ threshold.
 * Tied scores form one point (a diagonal segment), which is what gives ties half credit in the AUC.
 * @param labels 0/1, 1 = default; both classes present.
 * @param scores finite; higher = riskier.
 * @throws ScoringError as rocAuc.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { positives, negatives } = validateLabelled("rocCurve", labels, scores, "scores", true);
  const order = ascendingOrder(scores);
  const fpr: number[] = [0];
  const tpr: number[] = [0];
  const thresholds: number[] = [Infinity];
  let truePositives = 0;
  let falsePositives = 0;
  let end = order.length;
  while (end > 0) {
    const score = scores[order[end - 1]];
    while (end > 0 && scores[order[end - 1]] === score) {
      if (labels[order[end - 1]] === 1) truePositives++;
      else falsePositives++;
      end--;
    }
    fpr.push(falsePositives / negatives);
    tpr.push(truePositives / positives);
    thresholds.push(score);
  }
  return Object.freeze({ falsePositiveRate: Float64Array.from(fpr), truePositiveRate: Float64Array.from(tpr), thresholds: Float64Array.from(thresholds) });
}

/**
 * Kolmogorov–Smirnov statistic of the score distributions of defaults and non-defaults:
 * KS = max over thresholds |TPR − FPR| (Siddiqi 2017, ch. 10; the maximum distance between the two
 * empirical CDFs). In [0, 1]; 1 for perfect separation.
 * @throws ScoringError as rocAuc.
 */
export function ksStatistic(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const curve = rocCurve(labels, scores);
  let ks = 0;
  for (let k = 0; k < curve.thresholds.length; k++) ks = Math.max(ks, Math.abs(curve.truePositiveRate[k] - curve.falsePositiveRate[k]));
  return ks;
}

/**
 * Gini coefficient (accuracy ratio / Somers' D of the score against the label): 2·AUC − 1, in [−1, 1].
 * @throws ScoringError as rocAuc.
 */
export function gini(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return 2 * rocAuc(labels, scores) - 1;
}

/** A bootstrap confidence interval of the AUC. */
export interface AucInterval {
  /** The AUC of the full sample. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
  readonly resamples: number;
}

/**
 * Percentile bootstrap interval of the AUC with stratified resampling: each resample draws n₁
 * defaults and n₀ non-defaults with replacement from their own class, so every resample keeps both
 * classes (pROC's `ci.auc(method = "bootstrap", stratified = TRUE)`, Robin et al. 2011; Efron &
 * Tibshirani 1993, ch. 13). The bounds are the (1 − level)/2 and (1 + level)/2 quantiles (type 7) of
 * the resampled AUCs. Scores are sorted once; each resample is an O(n) weighted sweep.
 * Deterministic for a given seed.
 * @param options.seed 32-bit seed; options.resamples an integer ≥ 2; options.level in (0, 1).
 * @throws ScoringError INVALID_ARGUMENT for bad options, otherwise as rocAuc.
 */
export function bootstrapAucInterval(labels: ArrayLike<number>, scores: ArrayLike<number>, options: { readonly seed: number; readonly resamples: number; readonly level: number }): AucInterval {
  const where = "bootstrapAucInterval";
  const { seed, resamples, level } = options;
  requireArgument(Number.isInteger(seed), `${where}: seed`, `an integer, got ${seed}`);
  requireArgument(Number.isInteger(resamples) && resamples >= 2, `${where}: resamples`, `an integer ≥ 2, got ${resamples}`);
  requireArgument(level > 0 && level < 1, `${where}: level`, `in (0, 1), got ${level}`);
  validateLabelled(where, labels, scores, "scores", true);
  const order = ascendingOrder(scores);
  const positiveRows: number[] = [];
  const negativeRows: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positiveRows : negativeRows).push(i);
  const random = new Random(seed);
  const counts = new Float64Array(labels.length);
  const aucs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (const rows of [positiveRows, negativeRows]) {
      for (let k = 0; k < rows.length; k++) counts[rows[random.nextInt(rows.length)]]++;
    }
    aucs[r] = weightedAucOfOrder(order, labels, scores, counts);
  }
  aucs.sort();
  return Object.freeze({
    estimate: weightedAucOfOrder(order, labels, scores, undefined),
    lower: quantileOfSorted(aucs, (1 - level) / 2),
    upper: quantileOfSorted(aucs, (1 + level) / 2),
    level,
    resamples,
  });
}
