import { requireArgument } from "../core/errors";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { buildFeatureImprovements } from "../features/engine-config";
import { scoreFromProbability } from "../scale/points-to-double-odds";
import { applicantRow, scoreRow, type ApplicantInput } from "./score-row";

/** How one feature the borrower controls can be improved: the value to reach and how. */
export interface ImprovementDefinition {
  /** The improved value the feature is set to. */
  readonly target: number;
  /** Plain-language action, e.g. "Pay every bill by its due date". */
  readonly action: string;
  /** Which way is safer, so a target that would worsen the current value is never offered. */
  readonly direction: "higher-is-riskier" | "higher-is-safer";
}

/** feature name → improvement. Only features the borrower controls belong here (the catalog's `actionable`). */
export type ImprovementCatalog = Readonly<Record<string, ImprovementDefinition>>;

/** One suggestion: do `action`, moving `feature` from `currentValue` (null = missing) to `targetValue`. */
export interface ImprovementSuggestion {
  readonly feature: string;
  readonly action: string;
  readonly currentValue: number | null;
  readonly targetValue: number;
  /** Score (300–850, clamped) with the feature at its target minus today's score; always > 0. */
  readonly estimatedScoreChange: number;
}

export interface SuggestImprovementsOptions {
  /** Defaults to the feature catalog's actionable features (buildFeatureImprovements). */
  readonly improvements?: ImprovementCatalog;
  /** At most this many suggestions, an integer ≥ 0; default MAX_IMPROVEMENT_SUGGESTIONS. */
  readonly maxSuggestions?: number;
}

export const MAX_IMPROVEMENT_SUGGESTIONS = 5;

/**
 * "How to improve": for each feature in the improvement catalog that lowered the applicant's score
 * (its points in scoreRow are < 0) and whose target is better than the current value in the feature's
 * safer direction (or whose value is missing), set that one feature to its target, leave every other
 * feature as it is, and re-score:
 *   estimatedScoreChange_j = score(x with x_j := target_j) − score(x)
 * on the reported, clamped 300–850 scale. Suggestions with a positive change are returned, largest
 * first (ties in feature order), at most `maxSuggestions`. This is a one-feature counterfactual
 * ("what-if") in the sense of Wachter, Mittelstadt & Russell, "Counterfactual explanations without
 * opening the black box" (2018), restricted to documented, borrower-controlled targets; it is an
 * estimate because real behaviour moves related features together (paying bills on time also lowers
 * the days-late features). Pure and deterministic.
 * Input domain: a model and applicant as scoreRow takes them; catalog features the model lacks, and
 * categorical features, are skipped.
 * @throws ScoringError INVALID_ARGUMENT when maxSuggestions is not an integer ≥ 0 or a target is not
 * finite; SHAPE_MISMATCH or INVALID_DATA on a bad applicant (scoreRow).
 */
export function suggestImprovements(model: FittedEnsemble, features: ApplicantInput, options: SuggestImprovementsOptions = {}): ImprovementSuggestion[] {
  const improvements = options.improvements ?? buildFeatureImprovements();
  const maxSuggestions = options.maxSuggestions ?? MAX_IMPROVEMENT_SUGGESTIONS;
  requireArgument(Number.isInteger(maxSuggestions) && maxSuggestions >= 0, "suggestImprovements: maxSuggestions", `an integer ≥ 0, got ${maxSuggestions}`);
  for (const [feature, improvement] of Object.entries(improvements)) {
    requireArgument(Number.isFinite(improvement.target), "suggestImprovements: improvements", `a finite target for "${feature}", got ${improvement.target}`);
  }
  const row = Float64Array.from(applicantRow(model, features));
  const current = scoreRow(model, row);
  const suggestions: ImprovementSuggestion[] = [];
  model.features.forEach((spec, j) => {
    if (spec.kind !== "numeric" || !Object.hasOwn(improvements, spec.name) || !(current.contributions[j].points < 0)) return;
    const { target, action, direction } = improvements[spec.name];
    const value = row[j];
    const missing = Number.isNaN(value);
    const better = direction === "higher-is-safer" ? target > value : target < value;
    if (!missing && !better) return;
    const changed = Float64Array.from(row);
    changed[j] = target;
    const estimatedScoreChange = scoreFromProbability(model.predictRowProba(changed), model.config.scaling).score - current.score;
    if (estimatedScoreChange > 0) suggestions.push({ feature: spec.name, action, currentValue: missing ? null : value, targetValue: target, estimatedScoreChange });
  });
  // Array#sort is stable, so equal changes stay in feature order.
  return suggestions.sort((a, b) => b.estimatedScoreChange - a.estimatedScoreChange).slice(0, maxSuggestions);
}
