import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { featureNames, type FeatureVector } from "../features/feature-catalog";
import { checkEvidence, hanleyMcNeilInterval, REFUSE_BELOW_DEFAULTS, trainTenantModel, WARN_BELOW_DEFAULTS } from "./train-tenant-model";

const rowsWith = (defaults: number, goods: number) => Array.from({ length: defaults + goods }, (_, i) => ({ defaulted: i < defaults }));

describe("the minimum-evidence rule", () => {
  it("refuses below 50 defaults or 50 repaid loans, warns below 200 defaults, else passes", () => {
    expect(checkEvidence(rowsWith(REFUSE_BELOW_DEFAULTS - 1, 5000)).verdict).toBe("refused");
    expect(checkEvidence(rowsWith(500, REFUSE_BELOW_DEFAULTS - 1)).verdict).toBe("refused");
    expect(checkEvidence(rowsWith(REFUSE_BELOW_DEFAULTS, 5000)).verdict).toBe("warned");
    expect(checkEvidence(rowsWith(WARN_BELOW_DEFAULTS - 1, 5000)).verdict).toBe("warned");
    expect(checkEvidence(rowsWith(WARN_BELOW_DEFAULTS, 5000))).toMatchObject({ verdict: "sufficient", defaults: WARN_BELOW_DEFAULTS, rows: WARN_BELOW_DEFAULTS + 5000 });
  });

  it("makes trainTenantModel throw INVALID_DATA naming the counts before fitting anything", () => {
    const vector = Object.fromEntries(featureNames.map((name) => [name, 1])) as FeatureVector;
    const rows = Array.from({ length: 100 }, (_, i) => ({ features: vector, defaulted: i < 10, decidedAtMs: i }));
    expect(() => trainTenantModel(rows, { seed: 1 })).toThrow(ScoringError);
    expect(() => trainTenantModel(rows, { seed: 1 })).toThrow(/10 defaults and 90 repaid loans/);
  });
});

describe("hanleyMcNeilInterval", () => {
  it("holds the AUC, narrows as the counts grow and stays in [0, 1]", () => {
    const small = hanleyMcNeilInterval(0.7, 50, 500);
    const large = hanleyMcNeilInterval(0.7, 500, 5000);
    expect(small.lower).toBeLessThan(0.7);
    expect(small.upper).toBeGreaterThan(0.7);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    // Hanley & McNeil's SE for A = 0.7 with 50 and 500: sqrt((0.21 + 49·(0.7/1.3 − 0.49) + 499·(0.98/1.7 − 0.49)) / 25000) ≈ 0.0428.
    expect((small.upper - small.lower) / (2 * 1.96)).toBeCloseTo(0.0428, 3);
    const edge = hanleyMcNeilInterval(0.99, 5, 5);
    expect(edge.upper).toBeLessThanOrEqual(1);
  });
});
