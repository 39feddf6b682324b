import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { computeFeatures } from "../features/compute-features";
import { featuresFromIndicators } from "../features/direct-mode";
import { featureCatalog, type FeatureDefinition, type FeatureVector } from "../features/feature-catalog";
import { generatePopulation } from "../synthetic/generate-population";
import { reasonRuleFor } from "../pipeline/assess-application";
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
  // Rule 1 takes its texts from the artifact's reason catalog (as the model was trained), rule 2 from the current feature catalog.
  it.each([1, 2] as const)("use the catalog's missing text, never the conduct text, whenever the value is missing (reason rule %i)", (version) => {
    let missingReasons = 0;
    for (const vector of applicants) {
      const result = scoreRow(model, vector, { reasonRule: reasonRuleFor(version) });
      for (const reason of [...result.adverseReasons, ...result.positiveFactors]) {
        const current = catalogEntry.get(reason.feature);
        const trained = model.config.reasonCatalog[reason.feature];
        const entry = version === 1 ? { missingText: trained.missing, adverseText: trained.adverse, positiveText: trained.positive } : current;
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
  it("suggests each action once, for an actionable feature that lowered the score, each change being the re-scored difference with the action's features at their targets, largest first", () => {
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
        expect(suggestions.filter((other) => other.action === s.action)).toHaveLength(1);
        // Every feature of the action that can improve is set to its target together.
        const moved = (featureCatalog as readonly FeatureDefinition[]).filter((f) => {
          if (f.improvementAction !== s.action || f.improvementTarget === undefined) return false;
          const v = vector[f.name as keyof FeatureVector];
          return Number.isNaN(v) || (f.direction === "higher-is-safer" ? f.improvementTarget > v : f.improvementTarget < v);
        });
        const rescored = scoreRow(model, { ...vector, ...Object.fromEntries(moved.map((f) => [f.name, f.improvementTarget])) });
        expect(s.estimatedScoreChange).toBe(rescored.score - today.score);
        expect(s.estimatedScoreChange).toBeGreaterThan(0);
        if (k > 0) expect(s.estimatedScoreChange).toBeLessThanOrEqual(suggestions[k - 1].estimatedScoreChange);
      });
    }
    expect(suggested).toBeGreaterThan(0);
  });

  it("offers one behaviour as one action: the features one behaviour moves share one action text (no near-copies)", () => {
    const actionOf = (name: string) => catalogEntry.get(name)?.improvementAction;
    const sameBehaviour = [
      ["billOnTimeShare365", "billMeanDaysLate365", "billDecayedLateShare"],
      ["loanOnTimeShare", "loanMeanDaysLate", "loanDecayedDaysLate"],
      ["loanMaxDaysPastDue365", "loansInArrears"],
      ["mobileMoneyActiveWeekShare180", "mobileMoneyLongestGapDays180"],
    ];
    for (const group of sameBehaviour) expect(new Set(group.map(actionOf)).size, group.join(", ")).toBe(1);
    const actions = (featureCatalog as readonly FeatureDefinition[]).flatMap((f) => (f.improvementAction ? [f.improvementAction] : []));
    expect(new Set(actions).size).toBe(actions.length - sameBehaviour.reduce((n, group) => n + group.length - 1, 0));
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
