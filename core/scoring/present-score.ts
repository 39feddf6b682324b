// Stored score results → the API's shapes (labels and units from the feature catalog).
import { featureCatalog } from "@/scoring/features/feature-catalog";
import type { ScoreResult } from "@/scoring/explain/score-row";
import type { StoredResult } from "./stored-assessment";

const definitions = new Map<string, { unit: string }>(featureCatalog.map((feature) => [feature.name, feature]));

/** "billOnTimeShare365" → "Bill on time share 365": a readable label from a catalog name. */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z])([A-Z0-9])/g, "$1 $2").replace(/([0-9])([a-zA-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type ScoreParts = Pick<StoredResult["score"], "subScores" | "componentPoints" | "contributions"> | Pick<ScoreResult, "subScores" | "componentPoints" | "contributions">;

export function presentSubScores(score: ScoreParts) {
  return Object.keys(score.subScores)
    .sort()
    .map((component) => ({ component, label: labelOf(component), value: score.subScores[component], points: score.componentPoints[component] ?? 0 }));
}

export function presentContributions(score: ScoreParts) {
  return score.contributions.map((contribution) => ({
    feature: contribution.feature,
    label: labelOf(contribution.feature),
    component: contribution.component,
    value: typeof contribution.value === "number" && Number.isFinite(contribution.value) ? contribution.value : null,
    unit: definitions.get(contribution.feature)?.unit ?? "",
    points: contribution.points,
  }));
}
