import type { Matrix } from "../data/matrix";
import type { FitOptions, FittedBinaryClassifier } from "../models/model";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting, gradientBoostingFromJSON, type GradientBoostingParams } from "../models/gradient-boosting";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest, randomForestFromJSON, type RandomForestParams } from "../models/random-forest";
import { DEFAULT_SCORECARD_PARAMS, fitScorecard, scorecardFromJSON, type ScorecardParams } from "../models/scorecard";

/** The ensemble's member models, in the fixed order used for seeds, weights and serialisation. */
export const MEMBER_NAMES = ["scorecard", "randomForest", "gradientBoosting"] as const;
export type MemberName = (typeof MEMBER_NAMES)[number];

/** Hyperparameters of every member. */
export interface MemberParams {
  readonly scorecard: ScorecardParams;
  readonly randomForest: RandomForestParams;
  readonly gradientBoosting: GradientBoostingParams;
}

export const DEFAULT_MEMBER_PARAMS: MemberParams = Object.freeze({
  scorecard: DEFAULT_SCORECARD_PARAMS,
  randomForest: DEFAULT_RANDOM_FOREST_PARAMS,
  gradientBoosting: DEFAULT_GRADIENT_BOOSTING_PARAMS,
});

/**
 * Fits one member with its own hyperparameters. A single dispatch point so the ensemble, the CLI's
 * worker threads and the tests train members the same way.
 * @throws whatever the member's fit throws (INVALID_ARGUMENT, SHAPE_MISMATCH, INVALID_DATA).
 */
export function fitMember(name: MemberName, params: MemberParams, x: Matrix, y: Float64Array, options: FitOptions): FittedBinaryClassifier {
  switch (name) {
    case "scorecard":
      return fitScorecard(params.scorecard, x, y, options);
    case "randomForest":
      return fitRandomForest(params.randomForest, x, y, options);
    case "gradientBoosting":
      return fitGradientBoosting(params.gradientBoosting, x, y, options);
  }
}

/**
 * Rebuilds a member from its toJSON output.
 * @throws ScoringError INVALID_ARTIFACT (from the member's fromJSON) on a malformed document.
 */
export function memberFromJSON(name: MemberName, json: unknown): FittedBinaryClassifier {
  switch (name) {
    case "scorecard":
      return scorecardFromJSON(json);
    case "randomForest":
      return randomForestFromJSON(json);
    case "gradientBoosting":
      return gradientBoostingFromJSON(json);
  }
}

/** True when `value` names a member. */
export function isMemberName(value: unknown): value is MemberName {
  return typeof value === "string" && (MEMBER_NAMES as readonly string[]).includes(value);
}
