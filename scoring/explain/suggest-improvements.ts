import { requireArgument } from "../core/errors";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { buildFeatureImprovements } from "../features/engine-config";
import { scoreFromProbability } from "../scale/points-to-double-odds";
import { applicantRow, scoreRow, type ApplicantInput } from "./score-row";

/** How one feature the borrower controls can be improved: the value to reach and how. */
export interface ImprovementDefinition {
  /** The improved value the feature is set to. */
  readonly target: number;
  /** Plain-language action, e.g. "Pay every bill in full by its due date"; features one behaviour moves share it. */
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
 * "How to improve": one suggestion per distinct action. The catalog's features that one behaviour
 * moves share one action text ("Pay every bill in full by its due date" moves the on-time share, the
 * mean days late and the recency-weighted late share), so an action is offered once, never as
 * near-copies. An action is considered when at least one of its features lowered the applicant's score
 * (its points in scoreRow are < 0) with a target better than its value in the feature's safer direction
 * (or a missing value); every such feature of the action is set to its target together, the others
 * left as they are, and the applicant re-scored:
 *   estimatedScoreChange_a = score(x with x_j := target_j for the features j of action a) − score(x)
 * on the reported, clamped 300–850 scale. Suggestions with a positive change are returned, largest
 * first (ties in feature order), at most `maxSuggestions`; `feature`, `currentValue` and `targetValue`
 * are those of the action's most adverse feature. A counterfactual ("what-if") in the sense of Wachter,
 * Mittelstadt & Russell, "Counterfactual explanations without opening the black box" (2018), restricted
 * to documented, borrower-controlled targets; an estimate, as behaviour may move other features too.
 * Pure and deterministic.
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
  // action → the columns it improves, in feature order (Map keeps first-seen order).
  const actions = new Map<string, number[]>();
  model.features.forEach((spec, j) => {
    if (spec.kind !== "numeric" || !Object.hasOwn(improvements, spec.name)) return;
    const { target, action, direction } = improvements[spec.name];
    const value = row[j];
    if (!Number.isNaN(value) && !(direction === "higher-is-safer" ? target > value : target < value)) return;
    actions.set(action, [...(actions.get(action) ?? []), j]);
  });
  const suggestions: ImprovementSuggestion[] = [];
  for (const [action, columns] of actions) {
    const adverse = columns.filter((j) => current.contributions[j].points < 0);
    if (adverse.length === 0) continue;
    const changed = Float64Array.from(row);
    for (const j of columns) changed[j] = improvements[model.features[j].name].target;
    const estimatedScoreChange = scoreFromProbability(model.predictRowProba(changed), model.config.scaling).score - current.score;
    if (!(estimatedScoreChange > 0)) continue;
    const primary = adverse.reduce((worst, j) => (current.contributions[j].points < current.contributions[worst].points ? j : worst));
    const value = row[primary];
    suggestions.push({ feature: model.features[primary].name, action, currentValue: Number.isNaN(value) ? null : value, targetValue: improvements[model.features[primary].name].target, estimatedScoreChange });
  }
  // Array#sort is stable, so equal changes stay in feature order.
  return suggestions.sort((a, b) => b.estimatedScoreChange - a.estimatedScoreChange).slice(0, maxSuggestions);
}
