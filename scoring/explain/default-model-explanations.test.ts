import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { computeFeatures } from "../features/compute-features";
import { featuresFromIndicators } from "../features/direct-mode";
import { featureCatalog, type FeatureDefinition, type FeatureVector } from "../features/feature-catalog";
import { generatePopulation } from "../synthetic/generate-population";
import { scoreRow } from "./score-row";
import { MAX_IMPROVEMENT_SUGGESTIONS, suggestImprovements } from "./suggest-improvements";

// Explanations of the committed default model (scoring/artifacts/default-model.json), whose features,
// reason catalog and improvement targets all come from the feature catalog.
const model = loadArtifact(readFileSync(fileURLToPath(new URL("../artifacts/default-model.json", import.meta.url)), "utf8"));
const catalogEntry = new Map<string, FeatureDefinition>(featureCatalog.map((f) => [f.name, f]));
const population = generatePopulation({ seed: 5, size: 60, asOf: "2026-01-01T00:00:00Z" });
const applicants: FeatureVector[] = [
  ...population.map((b) => computeFeatures(b.bundle, b.context, b.asOf)),
  featuresFromIndicators({ billPaymentOnTimeShare: 0.3, mobileMoneyActiveDayShare: 0.1, monthlyIncome: 4000, idVerified: false }),
  featuresFromIndicators({ monthlyIncome: 20000, idVerified: true }),
];

describe("reasons for missing data", () => {
  it("use the catalog's missing text, never the conduct text, whenever the value is missing", () => {
    let missingReasons = 0;
    for (const vector of applicants) {
      const result = scoreRow(model, vector);
      for (const reason of [...result.adverseReasons, ...result.positiveFactors]) {
        const entry = catalogEntry.get(reason.feature);
        const value = vector[reason.feature as keyof FeatureVector];
        if (Number.isNaN(value)) {
          missingReasons++;
          expect(reason.text).toBe(entry?.missingText);
        } else expect([entry?.adverseText, entry?.positiveText]).toContain(reason.text);
      }
    }
    expect(missingReasons).toBeGreaterThan(0);
  });
});

describe("suggestImprovements", () => {
  it("suggests only actionable features that lowered the score, each change being the re-scored difference, largest first", () => {
    let suggested = 0;
    for (const vector of applicants) {
      const today = scoreRow(model, vector);
      const suggestions = suggestImprovements(model, vector);
      expect(suggestions.length).toBeLessThanOrEqual(MAX_IMPROVEMENT_SUGGESTIONS);
      suggested += suggestions.length;
      suggestions.forEach((s, k) => {
        const entry = catalogEntry.get(s.feature);
        expect(entry?.actionable, s.feature).toBe(true);
        expect(s).toMatchObject({ action: entry?.improvementAction, targetValue: entry?.improvementTarget });
        const value = vector[s.feature as keyof FeatureVector];
        expect(s.currentValue).toBe(Number.isNaN(value) ? null : value);
        expect(today.contributions.find((c) => c.feature === s.feature)?.points).toBeLessThan(0);
        const rescored = scoreRow(model, { ...vector, [s.feature]: s.targetValue });
        expect(s.estimatedScoreChange).toBe(rescored.score - today.score);
        expect(s.estimatedScoreChange).toBeGreaterThan(0);
        if (k > 0) expect(s.estimatedScoreChange).toBeLessThanOrEqual(suggestions[k - 1].estimatedScoreChange);
      });
    }
    expect(suggested).toBeGreaterThan(0);
  });

  it("never moves a feature away from its safer side", () => {
    for (const vector of applicants) {
      for (const s of suggestImprovements(model, vector)) {
        if (s.currentValue === null) continue;
        const safer = catalogEntry.get(s.feature)?.direction === "higher-is-safer" ? s.targetValue > s.currentValue : s.targetValue < s.currentValue;
        expect(safer, s.feature).toBe(true);
      }
    }
  });

  it("is deterministic and honours maxSuggestions and the improvement catalog it is given", () => {
    const vector = applicants[0];
    expect(JSON.stringify(suggestImprovements(model, vector))).toBe(JSON.stringify(suggestImprovements(model, vector)));
    const all = applicants.map((v) => suggestImprovements(model, v, { maxSuggestions: 100 }));
    const richest = all.reduce((a, b) => (b.length > a.length ? b : a));
    const applicant = applicants[all.indexOf(richest)];
    expect(suggestImprovements(model, applicant, { maxSuggestions: 1 })).toEqual(richest.slice(0, 1));
    expect(suggestImprovements(model, applicant, { improvements: {} })).toEqual([]);
    expect(() => suggestImprovements(model, applicant, { maxSuggestions: -1 })).toThrow(/maxSuggestions/);
  });
});
