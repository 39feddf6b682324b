import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "../decision/policy";
import { computeFeatures } from "../features/compute-features";
import { featureNames, type FeatureVector } from "../features/feature-catalog";
import { generatePopulation } from "../synthetic/generate-population";
import { assessApplication, capacityFromFeatures, fraudFlagsFromFeatures } from "./assess-application";

const model = loadArtifact(readFileSync(new URL("../artifacts/default-model.json", import.meta.url), "utf8"));
const asOf = "2026-06-30T00:00:00.000Z";
const population = generatePopulation({ seed: 2026, size: 120, asOf });
const applicants = population.map((b) => ({ borrower: b, features: computeFeatures(b.bundle, b.context, asOf) }));
const request = { requestedAmount: 30000, requestedTenorDays: 90 };

const emptyFeatures = (): FeatureVector => Object.fromEntries(featureNames.map((n) => [n, NaN])) as FeatureVector;

describe("capacityFromFeatures", () => {
  it("takes inflow net of borrowed money and the instalments already owed", () => {
    const features = { ...emptyFeatures(), monthlyInflow90: 10000, debtServiceRatio90: 0.15 };
    expect(capacityFromFeatures(features)).toEqual({ monthlyNetInflow: 10000, existingMonthlyInstalments: 1500 });
    expect(capacityFromFeatures({ ...features, debtServiceRatio90: NaN })).toEqual({ monthlyNetInflow: 10000, existingMonthlyInstalments: 0 });
    expect(capacityFromFeatures({ ...features, monthlyInflow90: NaN }).monthlyNetInflow).toBeNaN();
  });
});

describe("assessApplication", () => {
  it("is deterministic: the same inputs give the same bytes (what replay relies on)", () => {
    for (const { features } of applicants.slice(0, 20)) {
      const a = JSON.stringify(assessApplication(model, DEFAULT_DECISION_POLICY, features, request));
      const b = JSON.stringify(assessApplication(model, structuredClone(DEFAULT_DECISION_POLICY), { ...features }, { ...request }));
      expect(a).toBe(b);
    }
  });

  it("explains every score exactly and keeps the decision consistent with the hard rules", () => {
    for (const { features } of applicants) {
      const { score, decision, decisionInput } = assessApplication(model, DEFAULT_DECISION_POLICY, features, request);
      const sum = score.contributions.reduce((total, c) => total + c.points, 0);
      expect(Math.abs(sum - (score.score - score.baseScore))).toBeLessThan(1e-6);
      expect(decision.recommendedLimit).toBeLessThanOrEqual(request.requestedAmount);
      if (features.loanDefaults >= 1) expect(decision.recommendation).toBe("REJECT");
      expect(decisionInput.fraudFlags).toEqual(fraudFlagsFromFeatures(features, DEFAULT_DECISION_POLICY));
    }
  });

  it("raises the policy's fraud flags for the generator's fraud patterns", () => {
    const fraudulent = applicants.filter((a) => a.borrower.fraudPattern !== null);
    expect(fraudulent.length).toBeGreaterThan(0);
    const flagged = fraudulent.filter((a) => fraudFlagsFromFeatures(a.features, DEFAULT_DECISION_POLICY).length > 0);
    expect(flagged.length / fraudulent.length).toBeGreaterThanOrEqual(0.5);
  });

  it("refuses a feature vector that lacks a model feature, naming it", () => {
    const { simSwapLast30Days: _dropped, ...rest } = applicants[0].features;
    expect(() => assessApplication(model, DEFAULT_DECISION_POLICY, rest as FeatureVector, request)).toThrow(/simSwapLast30Days/);
  });
});
