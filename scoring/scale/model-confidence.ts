import { requireArgument } from "../core/errors";

/** Member PDs are kept inside [1e-6, 1 − 1e-6] before taking logits, so 0 or 1 stays finite. */
const LOGIT_FLOOR = 1e-6;

/** The parts of a model confidence, each in [0, 1]. */
export interface ModelConfidence {
  /** agreement · dataSufficiency. */
  readonly confidence: number;
  /** exp(−s), s = weighted standard deviation of the members' logit PDs. */
  readonly agreement: number;
  /** Share of features present (not missing) for the applicant. */
  readonly dataSufficiency: number;
}

/**
 * Model confidence in [0, 1] from ensemble agreement and data sufficiency (this project's definition):
 *
 *   s          = sqrt(Σ w_k (logit p_k − m)² / Σ w_k),  m = Σ w_k logit p_k / Σ w_k
 *   agreement  = exp(−s)                 (1 when members agree; 0.5 at s = ln 2, i.e. members' odds
 *                                          spread by about a factor of 2 around their mean)
 *   sufficiency = presentFeatures / totalFeatures (thin files, with many missing features, score lower)
 *   confidence = agreement · sufficiency
 *
 * Logits rather than probabilities, because a 1 % vs 2 % disagreement matters as much as 20 % vs 33 %.
 * A single-member model has agreement 1; its confidence is then data sufficiency alone.
 * @param memberProbabilities PD of each member, each in [0, 1].
 * @param memberWeights non-negative weights with a positive sum, same length.
 * @throws ScoringError INVALID_ARGUMENT on mismatched lengths, PDs outside [0, 1], bad weights or counts.
 */
export function computeModelConfidence(
  memberProbabilities: ArrayLike<number>,
  memberWeights: ArrayLike<number>,
  presentFeatures: number,
  totalFeatures: number,
): ModelConfidence {
  const where = "computeModelConfidence";
  requireArgument(memberProbabilities.length > 0 && memberProbabilities.length === memberWeights.length, `${where}: memberWeights`, "one weight per member probability, at least one member");
  requireArgument(totalFeatures > 0 && Number.isInteger(totalFeatures), `${where}: totalFeatures`, `a positive integer, got ${totalFeatures}`);
  requireArgument(presentFeatures >= 0 && presentFeatures <= totalFeatures && Number.isInteger(presentFeatures), `${where}: presentFeatures`, `an integer in [0, ${totalFeatures}], got ${presentFeatures}`);
  let weightSum = 0;
  let mean = 0;
  const logits = new Float64Array(memberProbabilities.length);
  for (let k = 0; k < logits.length; k++) {
    const p = memberProbabilities[k];
    const w = memberWeights[k];
    requireArgument(p >= 0 && p <= 1, `${where}: memberProbabilities`, `in [0, 1], got ${p}`);
    requireArgument(w >= 0 && Number.isFinite(w), `${where}: memberWeights`, `finite and ≥ 0, got ${w}`);
    const q = Math.min(1 - LOGIT_FLOOR, Math.max(LOGIT_FLOOR, p));
    logits[k] = Math.log(q / (1 - q));
    weightSum += w;
    mean += w * logits[k];
  }
  requireArgument(weightSum > 0, `${where}: memberWeights`, "of positive sum");
  mean /= weightSum;
  let variance = 0;
  for (let k = 0; k < logits.length; k++) variance += memberWeights[k] * (logits[k] - mean) ** 2;
  const agreement = Math.exp(-Math.sqrt(variance / weightSum));
  const dataSufficiency = presentFeatures / totalFeatures;
  return { confidence: agreement * dataSufficiency, agreement, dataSufficiency };
}
