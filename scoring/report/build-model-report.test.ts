import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { computeFeatures } from "../features/compute-features";
import { buildFeatureMatrix } from "../features/engine-config";
import { rocAuc } from "../metrics/index";
import { generatePopulation } from "../synthetic/generate-population";
import { buildModelReport } from "./build-model-report";

const model = loadArtifact(readFileSync(new URL("../artifacts/default-model.json", import.meta.url), "utf8"));
const asOf = "2026-03-01T00:00:00.000Z";
const population = generatePopulation({ seed: 4242, size: 400, asOf });
const holdout = buildFeatureMatrix(population.map((b) => computeFeatures(b.bundle, b.context, asOf)));
const labels = Float64Array.from(population, (b) => (b.defaulted ? 1 : 0));
const report = buildModelReport(model, holdout, labels, { seed: 1, explainedRows: 150 });

describe("buildModelReport", () => {
  it("describes the model it was built from, on the rows it was given", () => {
    expect(report.artifactSha256).toBe(model.versionId());
    expect(report.holdoutRows).toBe(400);
    expect(report.auc).toBe(rocAuc(labels, model.predictProba(holdout)));
    expect(report.aucLower).toBeLessThanOrEqual(report.auc);
    expect(report.aucUpper).toBeGreaterThanOrEqual(report.auc);
    expect(report.gini).toBeCloseTo(2 * report.auc - 1, 12);
    expect(Object.values(report.memberWeights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("keeps a thinned ROC curve from (0, 0) to (1, 1), non-decreasing in both rates", () => {
    expect(report.roc.length).toBeLessThanOrEqual(101);
    expect(report.roc[0]).toEqual({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(report.roc.at(-1)).toEqual({ falsePositiveRate: 1, truePositiveRate: 1 });
    report.roc.slice(1).forEach((point, k) => {
      expect(point.falsePositiveRate).toBeGreaterThanOrEqual(report.roc[k].falsePositiveRate);
      expect(point.truePositiveRate).toBeGreaterThanOrEqual(report.roc[k].truePositiveRate);
    });
  });

  it("accounts for every row in calibration and score distribution", () => {
    expect(report.calibration.reduce((total, bin) => total + bin.count, 0)).toBe(400);
    expect(report.scoreDistribution.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(report.scoreDistribution.shares.length).toBe(report.scoreDistribution.edges.length + 1);
  });

  it("orders importance and never gives a component more than its features' sum (|Σ| ≤ Σ|·|)", () => {
    const features = report.featureImportance.map((f) => f.meanAbsolutePoints);
    expect(features).toEqual([...features].sort((a, b) => b - a));
    for (const { component, meanAbsolutePoints } of report.componentImportance) {
      const bound = report.featureImportance.filter((f) => f.component === component).reduce((total, f) => total + f.meanAbsolutePoints, 0);
      expect(meanAbsolutePoints).toBeLessThanOrEqual(bound + 1e-9);
    }
  });

  it("is deterministic: same inputs, same bytes", () => {
    expect(JSON.stringify(buildModelReport(model, holdout, labels, { seed: 1, explainedRows: 150 }))).toBe(JSON.stringify(report));
  });
});
