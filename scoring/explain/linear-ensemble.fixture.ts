import { getRow, type FeatureSpec, type Matrix } from "../data/matrix";
import { DEFAULT_ENSEMBLE_CONFIG, type EnsembleConfig } from "../ensemble/ensemble-config";
import { FittedEnsemble, type ProbabilityCalibrator, type TrainingMetadata } from "../ensemble/fitted-ensemble";
import type { MemberName } from "../ensemble/members";
import type { Attribution, FittedBinaryClassifier } from "../models/model";

/**
 * Test ensembles whose every number can be worked out by hand, without training: each member is a
 * logistic model with known coefficients, margin = intercept + Σ β_j (x_j − c_j) (a missing x_j counts
 * 0), and its logit-space attribution is exact (β_j (x_j − c_j) per feature, base = intercept).
 */
export interface LinearMember {
  readonly intercept: number;
  readonly betas: readonly number[];
  /** c_j, the value at which feature j moves nothing (default 0). */
  readonly centres?: readonly number[];
}

/** β_j (x_j − c_j), or 0 when x_j is missing. */
function termOf(member: LinearMember, row: ArrayLike<number>, j: number): number {
  return Number.isNaN(row[j]) ? 0 : member.betas[j] * (row[j] - (member.centres?.[j] ?? 0));
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
export const logit = (p: number): number => Math.log(p / (1 - p));

export function marginOf(member: LinearMember, row: ArrayLike<number>): number {
  let margin = member.intercept;
  member.betas.forEach((_, j) => (margin += termOf(member, row, j)));
  return margin;
}

/** A FittedBinaryClassifier over `features` computing σ(marginOf(member, row)). */
export function linearClassifier(features: readonly FeatureSpec[], member: LinearMember): FittedBinaryClassifier {
  const predictRowProba = (row: ArrayLike<number>): number => sigmoid(marginOf(member, row));
  return {
    kind: "test-linear",
    features,
    predictRowProba,
    predictProba: (x: Matrix) => Float64Array.from({ length: x.rows }, (_, i) => predictRowProba(getRow(x, i))),
    explainRow: (row: ArrayLike<number>): Attribution => ({
      space: "logit",
      base: member.intercept,
      contributions: Float64Array.from(member.betas, (_, j) => termOf(member, row, j)),
      output: marginOf(member, row),
    }),
    toJSON: () => member,
  };
}

export const TEST_TRAINING: TrainingMetadata = { dataDigest: "0".repeat(64), rows: 0, positives: 0, seed: 1, crossFitFolds: 2, outOfFoldMetrics: {}, weightSearch: [] };
const NAMES: readonly MemberName[] = ["scorecard", "randomForest", "gradientBoosting"];

/** An ensemble of linear members (named scorecard, randomForest, gradientBoosting in order) with these weights. */
export function buildLinearEnsemble(
  features: readonly FeatureSpec[],
  members: readonly LinearMember[],
  weights: readonly number[],
  calibrator: ProbabilityCalibrator | null,
  config: Partial<EnsembleConfig> = {},
): FittedEnsemble {
  return new FittedEnsemble(
    features,
    members.map((m, k) => ({ name: NAMES[k], weight: weights[k], model: linearClassifier(features, m) })),
    calibrator,
    { ...DEFAULT_ENSEMBLE_CONFIG, ...config },
    TEST_TRAINING,
  );
}
