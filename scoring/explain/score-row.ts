import { ScoringError } from "../core/errors";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { computeModelConfidence, type ModelConfidence } from "../scale/model-confidence";
import { scoreFromProbability } from "../scale/points-to-double-odds";
import { riskBucketForScore, type RiskBucket } from "../scale/risk-buckets";
import { subScoreFromPoints } from "../scale/sub-scores";
import { distributeProportionally } from "./probability-attribution";
import { selectReasons, type ScoreReason } from "./reason-codes";
import type { ReasonRule } from "./reason-rule";

/** One feature's part of the score. */
export interface ScoreContribution {
  readonly feature: string;
  readonly component: string;
  /** The applicant's value: a number, a category name, or null when missing. */
  readonly value: number | string | null;
  /** Score points this feature moved the score from the base score (Σ points = score − baseScore). */
  readonly points: number;
}

/** The full scoring of one applicant. */
export interface ScoreResult {
  readonly probabilityOfDefault: number;
  /** Score on the 300–850 scale (clamped). */
  readonly score: number;
  /** True when the clamp moved the score. */
  readonly scoreClamped: boolean;
  readonly riskBucket: RiskBucket;
  /** agreement · data sufficiency, in [0, 1] (computeModelConfidence). */
  readonly confidence: number;
  readonly confidenceDetail: ModelConfidence;
  /** Score of the base PD (the members' expected outputs, weighted and calibrated). */
  readonly baseScore: number;
  readonly contributions: readonly ScoreContribution[];
  /** component → sub-score in [0, 200], 100 = neutral (subScoreFromPoints of the component's points). */
  readonly subScores: Readonly<Record<string, number>>;
  /** component → summed points. */
  readonly componentPoints: Readonly<Record<string, number>>;
  /** At most 4 principal reasons, most adverse first. */
  readonly adverseReasons: readonly ScoreReason[];
  readonly positiveFactors: readonly ScoreReason[];
  /** member name → that member's PD. */
  readonly memberProbabilities: Readonly<Record<string, number>>;
  /**
   * The explanation rule of the result (its reasons, and the decision's wording and arithmetic steps made
   * with it); absent for rule 1 (results made before explanation rules were versioned).
   */
  readonly explanationRule?: 2;
}

export interface ScoreRowOptions {
  /** Reason rule 2 (reasons must rest on their values); without it, rule 1. */
  readonly reasonRule?: ReasonRule;
}

/** A dense row in feature order, or a record keyed by feature name (categorical values as names). */
export type ApplicantInput = ArrayLike<number> | Readonly<Record<string, number | string | null | undefined>>;

function isRowLike(input: ApplicantInput): input is ArrayLike<number> {
  return ArrayBuffer.isView(input) || Array.isArray(input);
}

/**
 * A record → dense row: absent/null → NaN; categorical names → codes (an unseen category → NaN, as
 * the matrix contract says).
 * @throws ScoringError INVALID_DATA when a numeric feature holds a string or a non-finite number.
 */
function rowFromRecord(model: FittedEnsemble, record: Readonly<Record<string, number | string | null | undefined>>): Float64Array {
  const row = new Float64Array(model.features.length);
  model.features.forEach((feature, j) => {
    const value = record[feature.name];
    if (value === null || value === undefined) row[j] = NaN;
    else if (feature.kind === "categorical") {
      const code = typeof value === "string" ? feature.categories.indexOf(value) : value;
      row[j] = Number.isInteger(code) && code >= 0 && code < feature.categories.length ? code : NaN;
    } else if (typeof value === "number" && !Number.isNaN(value) && !Number.isFinite(value)) {
      throw new ScoringError("INVALID_DATA", `scoreRow: feature "${feature.name}" is ${value}`, feature.name);
    } else if (typeof value === "number") row[j] = value;
    else throw new ScoringError("INVALID_DATA", `scoreRow: feature "${feature.name}" is the string "${value}", expected a number`, feature.name);
  });
  return row;
}

/**
 * The dense row (feature order) of an applicant given either way: a row-like input is returned as it
 * is, a record is converted (absent/null → NaN, category names → codes, an unseen category → NaN).
 * @throws ScoringError INVALID_DATA when a numeric feature holds a string or a non-finite number.
 */
export function applicantRow(model: FittedEnsemble, input: ApplicantInput): ArrayLike<number> {
  return isRowLike(input) ? input : rowFromRecord(model, input);
}

/**
 * Scores one applicant and explains the score in points.
 *
 * Construction (exact by design): the ensemble's combined probability-space attribution ψ
 * (FittedEnsemble#explainRowDetailed: each member's exact attribution — TreeSHAP for trees, β·ΔWoE
 * for the scorecard — moved to probability space and weighted) is turned into points by
 *   points_j = Δscore · ψ_j / Σψ,   Δscore = score(x) − baseScore
 * (distributeProportionally, which also covers the degenerate Σψ ≈ 0 case). Both scores are the
 * reported, clamped ones, so Σ points_j = score − baseScore up to rounding for every row; the share of
 * each feature is its share of the move in probability, through a monotone calibration and scaling.
 * Components sum their features' points; sub-scores map those sums to 0–200; reasons are the most
 * negative (adverse) and most positive features (selectReasons, ≤ 4 adverse by Regulation B), under
 * `options.reasonRule` when given (the result then records `explanationRule: 2`).
 * @throws ScoringError SHAPE_MISMATCH on a row of another width; INVALID_DATA on a bad record value.
 */
export function scoreRow(model: FittedEnsemble, input: ApplicantInput, options: ScoreRowOptions = {}): ScoreResult {
  const row = applicantRow(model, input);
  const explanation = model.explainRowDetailed(row);
  const { scaling, components: componentOf, reasonCatalog } = model.config;
  const scaled = scoreFromProbability(explanation.probabilityOfDefault, scaling);
  const baseScore = scoreFromProbability(explanation.baseProbabilityOfDefault, scaling).score;
  const points = distributeProportionally(scaled.score - baseScore, explanation.probabilityAttribution);
  let present = 0;
  const componentPoints: Record<string, number> = {};
  const contributions = model.features.map((feature, j): ScoreContribution => {
    const raw = row[j];
    if (!Number.isNaN(raw)) present++;
    const component = Object.hasOwn(componentOf, feature.name) ? componentOf[feature.name] : feature.name;
    componentPoints[component] = (componentPoints[component] ?? 0) + points[j];
    const value = Number.isNaN(raw) ? null : feature.kind === "categorical" ? (feature.categories[raw] ?? null) : raw;
    return { feature: feature.name, component, value, points: points[j] };
  });
  const subScores: Record<string, number> = {};
  for (const [component, sum] of Object.entries(componentPoints)) subScores[component] = subScoreFromPoints(sum, model.config.subScorePerPoint);
  const weights = model.memberWeights();
  const confidenceDetail = computeModelConfidence(explanation.memberProbabilities, weights, present, model.features.length);
  const memberProbabilities: Record<string, number> = {};
  model.members.forEach((m, k) => (memberProbabilities[m.name] = explanation.memberProbabilities[k]));
  const { adverseReasons, positiveFactors } = selectReasons(contributions, reasonCatalog, model.config.maxAdverseReasons, model.config.maxPositiveFactors, options.reasonRule);
  return {
    probabilityOfDefault: explanation.probabilityOfDefault,
    score: scaled.score,
    scoreClamped: scaled.clamped,
    riskBucket: riskBucketForScore(scaled.score, model.config.riskBuckets),
    confidence: confidenceDetail.confidence,
    confidenceDetail,
    baseScore,
    contributions,
    subScores,
    componentPoints,
    adverseReasons,
    positiveFactors,
    memberProbabilities,
    ...(options.reasonRule ? { explanationRule: options.reasonRule.version } : {}),
  };
}
