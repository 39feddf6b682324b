import { ScoringError, requireArgument } from "../core/errors";

/**
 * Score scaling by points to double the odds (PDO), the industry convention for scorecards
 * (Siddiqi, *Credit Risk Scorecards*, 2017, ch. 10; FICO-style 300–850 range).
 *
 *   odds_good = (1 − PD) / PD
 *   factor    = pointsToDoubleOdds / ln 2
 *   offset    = anchorScore − factor · ln(anchorOdds)
 *   score     = offset + factor · ln(odds_good), clamped to [minScore, maxScore]
 *
 * Defaults: 600 points at 30:1 good:bad odds, 40 points to double the odds. With these the range
 * 300–850 spans PD from about 82 % (300) down to 0.045 % (850): the population's average PD of a few
 * per cent lands near 550–600, prime applicants (PD < 1 %) above 700, so the whole range carries
 * information and the clamp only bites on near-certain defaults or near-riskless files.
 */
export interface ScalingParams {
  /** Score assigned to `anchorOdds`. */
  readonly anchorScore: number;
  /** Good:bad odds at the anchor score (30 means 30:1, PD = 1/31). */
  readonly anchorOdds: number;
  /** Points that double the good:bad odds. */
  readonly pointsToDoubleOdds: number;
  /** Lowest reported score (inclusive). */
  readonly minScore: number;
  /** Highest reported score (inclusive). */
  readonly maxScore: number;
}

export const DEFAULT_SCALING_PARAMS: ScalingParams = Object.freeze({
  anchorScore: 600,
  anchorOdds: 30,
  pointsToDoubleOdds: 40,
  minScore: 300,
  maxScore: 850,
});

/** PD is kept inside [PD_FLOOR, 1 − PD_FLOOR] before taking odds, so PD 0 or 1 gives a finite score. */
const PD_FLOOR = 1e-15;

/**
 * Throws INVALID_ARGUMENT unless `params` is a usable scaling: finite anchor, anchorOdds > 0,
 * pointsToDoubleOdds > 0 and minScore < maxScore.
 */
export function validateScalingParams(where: string, params: ScalingParams): void {
  requireArgument(Number.isFinite(params.anchorScore), `${where}: anchorScore`, `a finite number, got ${params.anchorScore}`);
  requireArgument(params.anchorOdds > 0 && Number.isFinite(params.anchorOdds), `${where}: anchorOdds`, `a finite number > 0, got ${params.anchorOdds}`);
  requireArgument(params.pointsToDoubleOdds > 0 && Number.isFinite(params.pointsToDoubleOdds), `${where}: pointsToDoubleOdds`, `a finite number > 0, got ${params.pointsToDoubleOdds}`);
  requireArgument(Number.isFinite(params.minScore) && Number.isFinite(params.maxScore) && params.minScore < params.maxScore, `${where}: minScore`, `finite and below maxScore, got ${params.minScore}..${params.maxScore}`);
}

/** factor = PDO / ln 2: score points per nat of log-odds. */
export function scoreFactor(params: ScalingParams): number {
  return params.pointsToDoubleOdds / Math.LN2;
}

/** offset = anchorScore − factor · ln(anchorOdds): the score at even (1:1) odds. */
export function scoreOffset(params: ScalingParams): number {
  return params.anchorScore - scoreFactor(params) * Math.log(params.anchorOdds);
}

/** A score with the information whether the 300–850 clamp changed it. */
export interface ScaledScore {
  /** The reported score, inside [minScore, maxScore]. */
  readonly score: number;
  /** The unclamped offset + factor·ln(odds_good). */
  readonly unclampedScore: number;
  /** True when the clamp moved the score. */
  readonly clamped: boolean;
}

/**
 * PD → score by points to double the odds (formula in the module comment), clamped.
 * Monotone: non-increasing in PD (strictly decreasing between the clamps).
 * @param probabilityOfDefault in [0, 1]; 0 and 1 are floored at 1e-15 from the edge.
 * @throws ScoringError INVALID_ARGUMENT when PD is outside [0, 1] or NaN.
 */
export function scoreFromProbability(probabilityOfDefault: number, params: ScalingParams = DEFAULT_SCALING_PARAMS): ScaledScore {
  if (!(probabilityOfDefault >= 0 && probabilityOfDefault <= 1)) {
    throw new ScoringError("INVALID_ARGUMENT", `scoreFromProbability: probabilityOfDefault must be in [0, 1], got ${probabilityOfDefault}`, "probabilityOfDefault");
  }
  const pd = Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, probabilityOfDefault));
  const unclampedScore = scoreOffset(params) + scoreFactor(params) * Math.log((1 - pd) / pd);
  const score = Math.min(params.maxScore, Math.max(params.minScore, unclampedScore));
  return { score, unclampedScore, clamped: score !== unclampedScore };
}

/**
 * Score → PD, the inverse of the unclamped scaling: PD = 1 / (1 + exp((score − offset) / factor)).
 * A clamped score maps to the PD at the clamp boundary.
 * @throws ScoringError INVALID_ARGUMENT when score is not finite.
 */
export function probabilityFromScore(score: number, params: ScalingParams = DEFAULT_SCALING_PARAMS): number {
  requireArgument(Number.isFinite(score), "probabilityFromScore: score", `a finite number, got ${score}`);
  return 1 / (1 + Math.exp((score - scoreOffset(params)) / scoreFactor(params)));
}
