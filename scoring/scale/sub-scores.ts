import { requireArgument } from "../core/errors";

/** Neutral sub-score: the component moved the score by 0 points from the base score. */
export const NEUTRAL_SUB_SCORE = 100;

/**
 * Sub-score of a component (0–200, 100 = neutral) from the component's summed contribution in score
 * points: subScore = clamp(100 + subScorePerPoint · points, 0, 200).
 * With the default 1 sub-score point per score point, a component worth +40 points (with PDO 40:
 * doubling the odds of repaying) reads 140, and one worth −100 points or less reads 0.
 * A linear, clamped map keeps the reading simple: above 100 helps, below 100 hurts, and the
 * difference from 100 is score points until the clamp.
 * @throws ScoringError INVALID_ARGUMENT when points is NaN or subScorePerPoint ≤ 0.
 */
export function subScoreFromPoints(points: number, subScorePerPoint = 1): number {
  requireArgument(!Number.isNaN(points), "subScoreFromPoints: points", "a number, got NaN");
  requireArgument(subScorePerPoint > 0 && Number.isFinite(subScorePerPoint), "subScoreFromPoints: subScorePerPoint", `a finite number > 0, got ${subScorePerPoint}`);
  return Math.min(2 * NEUTRAL_SUB_SCORE, Math.max(0, NEUTRAL_SUB_SCORE + subScorePerPoint * points));
}
