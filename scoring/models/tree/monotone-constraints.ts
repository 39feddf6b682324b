import { requireArgument } from "../../core/errors";
import type { FeatureSpec } from "../../data/matrix";

/** By feature name: +1 predicted default risk non-decreasing in the feature, −1 non-increasing, 0 free. */
export type MonotoneConstraints = Readonly<Record<string, -1 | 0 | 1>>;

/**
 * The per-feature direction array of `constraints` in feature order (LightGBM's monotone_constraints,
 * XGBoost's monotone_constraints). Numeric features only: a category code has no order.
 * @throws ScoringError INVALID_ARGUMENT for an unknown or categorical feature or a direction not in {−1, 0, 1}.
 * @example monotoneDirections("fitRandomForest", { ageYears: -1 }, features) // Int8Array [0, −1, 0, …]
 */
export function monotoneDirections(where: string, constraints: MonotoneConstraints | undefined, features: readonly FeatureSpec[]): Int8Array {
  const monotone = new Int8Array(features.length);
  for (const [name, direction] of Object.entries(constraints ?? {})) {
    const j = features.findIndex((f) => f.name === name);
    requireArgument(j >= 0, `${where}: monotoneConstraints`, `keyed by feature names, "${name}" is not one`);
    requireArgument(direction === -1 || direction === 0 || direction === 1, `${where}: monotoneConstraints`, `-1, 0 or 1 for "${name}"`);
    requireArgument(direction === 0 || features[j].kind === "numeric", `${where}: monotoneConstraints`, `on numeric features only, "${name}" is categorical`);
    monotone[j] = direction;
  }
  return monotone;
}

/** Validates a tree model's `minCategoryCount` (see fitBinMapper): absent, or an integer ≥ 1. */
export function validateMinCategoryCount(where: string, minCategoryCount: number | undefined): void {
  requireArgument(minCategoryCount === undefined || (Number.isInteger(minCategoryCount) && minCategoryCount >= 1), `${where}: minCategoryCount`, "an integer ≥ 1");
}
