import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { scoreRow } from "../explain/score-row";
import { computeFeatures } from "../features/compute-features";
import { featuresFromIndicators } from "../features/direct-mode";
import { buildFeatureComponents, buildFeatureReasonCatalog } from "../features/engine-config";
import { featureCatalog, featureNames } from "../features/feature-catalog";
import { generatePopulation } from "../synthetic/generate-population";

// The committed default model (scoring/artifacts/default-model.json, `npm run model:default`) must fit
// today's feature catalog: when a feature is added, renamed or re-coded, retrain and commit the artifact.
const artifact = JSON.parse(readFileSync(fileURLToPath(new URL("../artifacts/default-model.json", import.meta.url)), "utf8"));
const model = loadArtifact(artifact);

describe("the committed default model", () => {
  it("was trained on the catalog's features, components and reason codes", () => {
    expect(model.features.map((f) => f.name)).toEqual([...featureNames]);
    expect(model.config.components).toEqual(buildFeatureComponents());
    // Codes as the catalog's; the texts are those the model was trained with, which reason rule 1 states (results
    // stored before rule 2 replay with them). Rule 2 states the catalog's current texts (buildReasonRule).
    const codesOf = (catalog: ReturnType<typeof buildFeatureReasonCatalog>) => Object.fromEntries(Object.entries(catalog).map(([feature, entry]) => [feature, entry.code]));
    expect(codesOf(model.config.reasonCatalog)).toEqual(codesOf(buildFeatureReasonCatalog()));
  });

  it("scores a borrower from signals and one from the quick-score form, with catalog reason codes", () => {
    const codes = new Set<string>(featureCatalog.map((f) => f.reasonCode));
    const borrower = generatePopulation({ seed: 2, size: 1, asOf: "2026-01-01T00:00:00Z" })[0];
    const vectors = [
      computeFeatures(borrower.bundle, borrower.context, borrower.asOf),
      featuresFromIndicators({ billPaymentOnTimeShare: 0.4, mobileMoneyActiveDayShare: 0.2, monthlyIncome: 9000, idVerified: true }),
    ];
    for (const vector of vectors) {
      const result = scoreRow(model, Float64Array.from(featureNames, (name) => vector[name]));
      expect(result.probabilityOfDefault).toBeGreaterThan(0);
      expect(result.probabilityOfDefault).toBeLessThan(1);
      for (const reason of [...result.adverseReasons, ...result.positiveFactors]) expect(codes.has(reason.code), reason.code).toBe(true);
    }
  });

  it("never scores anyone down for being older: raising age from 62 on never lowers the score (Regulation B)", () => {
    const age = featureNames.indexOf("ageYears");
    expect(model.config.memberParams.gradientBoosting.monotoneConstraints).toEqual({ ageYears: -1 });
    const borrowers = generatePopulation({ seed: 13, size: 40, asOf: "2026-01-01T00:00:00Z" });
    let checked = 0;
    for (const borrower of borrowers) {
      const vector = computeFeatures(borrower.bundle, borrower.context, borrower.asOf);
      const row = Float64Array.from(featureNames, (name) => vector[name]);
      let previous = { pd: Infinity, score: -Infinity };
      for (let years = 62; years <= 110; years += 0.5) {
        row[age] = years;
        const result = scoreRow(model, row);
        expect(result.probabilityOfDefault).toBeLessThanOrEqual(previous.pd);
        expect(result.score).toBeGreaterThanOrEqual(previous.score);
        previous = { pd: result.probabilityOfDefault, score: result.score };
        checked++;
      }
    }
    expect(checked).toBe(40 * 97);
  });
});
