import { createMatrix, type FeatureSpec, type Matrix } from "../data/matrix";
import type { ReasonCatalog } from "../explain/reason-codes";
import type { ImprovementCatalog } from "../explain/suggest-improvements";
import { featureCatalog, featureNames, type ComponentName, type FeatureDefinition, type FeatureName, type FeatureVector } from "./feature-catalog";

/** The engine's `components` map (feature → component) built from the feature catalog. */
export function buildFeatureComponents(): Record<FeatureName, ComponentName> {
  return Object.fromEntries(featureCatalog.map((feature) => [feature.name, feature.component])) as Record<FeatureName, ComponentName>;
}

/** The engine's reason catalog (feature → {code, adverse, positive, missing}) built from the feature catalog. */
export function buildFeatureReasonCatalog(): ReasonCatalog {
  return Object.fromEntries(featureCatalog.map((feature) => [feature.name, { code: feature.reasonCode, adverse: feature.adverseText, positive: feature.positiveText, missing: feature.missingText }]));
}

/**
 * The "how to improve" catalog (feature → {target, action, direction}) of the actionable catalog
 * features, for suggestImprovements. Non-actionable features are never listed.
 */
export function buildFeatureImprovements(): ImprovementCatalog {
  return Object.fromEntries(
    featureCatalog.flatMap((feature: FeatureDefinition) =>
      feature.actionable && feature.improvementTarget !== undefined && feature.improvementAction !== undefined
        ? [[feature.name, { target: feature.improvementTarget, action: feature.improvementAction, direction: feature.direction }]]
        : [],
    ),
  );
}

/** The model's feature declarations: every catalog feature, numeric, in catalog order. */
export function buildFeatureSpecs(): FeatureSpec[] {
  return featureNames.map((name) => ({ name, kind: "numeric" as const }));
}

/**
 * A column-major Matrix of feature vectors in catalog order (NaN stays NaN: missing, for the models).
 * @throws ScoringError INVALID_DATA when a value is infinite (createMatrix).
 */
export function buildFeatureMatrix(vectors: readonly FeatureVector[]): Matrix {
  const columns = featureNames.map((name) => Float64Array.from(vectors, (vector) => vector[name]));
  return createMatrix(buildFeatureSpecs(), columns);
}
