/**
 * Reason codes for a high-cardinality categorical (issue 13): the ensemble trains on a 3,000-level
 * zip code, scores a zip it never saw, and names the feature in plain words when it lowers the score.
 */
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { Random } from "../core/random";
import { createMatrix, type FeatureSpec } from "../data/matrix";
import { scoreRow } from "../explain/score-row";
import { resolveEnsembleConfig } from "./ensemble-config";
import { trainEnsemble } from "./train-ensemble";

const zip: FeatureSpec = { name: "zip_code", kind: "categorical", categories: Array.from({ length: 3000 }, (_, k) => `${String(k).padStart(4, "0")}x`) };
const income: FeatureSpec = { name: "annual_inc", kind: "numeric" };

function zipBook(): { codes: Float64Array; incomes: Float64Array; y: Float64Array } {
  const random = new Random(5);
  const rows = 8000;
  const codes = new Float64Array(rows);
  const incomes = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    // Zips 0–19 hold half the book (about 200 loans each), zips 0–9 of them risky; the rest are rare.
    codes[i] = random.nextFloat() < 0.5 ? random.nextInt(20) : 20 + random.nextInt(2980);
    incomes[i] = 30_000 + 20_000 * random.nextFloat();
    const logit = -2 + (codes[i] < 10 ? 1.5 : 0) - (incomes[i] - 40_000) / 10_000;
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { codes, incomes, y };
}

describe("reason codes on a 3,000-level zip code", () => {
  const { codes, incomes, y } = zipBook();
  const config = resolveEnsembleConfig({
    memberParams: { randomForest: { treeCount: 15 }, gradientBoosting: { iterations: 40 } },
    weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.25, minAucGain: 0 },
  });
  const model = trainEnsemble(config, createMatrix([zip, income], [codes, incomes]), y, { seed: 3 });

  it("names a risky zip code in plain words among the adverse reasons", () => {
    const result = scoreRow(model, Float64Array.from([3, 40_000]));
    const reason = result.adverseReasons.find((r) => r.feature === "zip_code");
    expect(reason?.text).toBe("Your zip code increased the estimated risk");
    expect(reason?.code).toBe("ZIP_CODE");
  });

  it("scores a zip code never seen in training like a missing one, with exact points", () => {
    const unseen = scoreRow(model, { zip_code: "9999y", annual_inc: 40_000 });
    const missing = scoreRow(model, Float64Array.from([NaN, 40_000]));
    expect(unseen.probabilityOfDefault).toBe(missing.probabilityOfDefault);
    const total = unseen.contributions.reduce((s, c) => s + c.points, 0);
    expect(total).toBeCloseTo(unseen.score - unseen.baseScore, 6);
  });
});

describe("reason codes on a 3,000-level zip code with target statistics in the tree members", () => {
  const { codes, incomes, y } = zipBook();
  const targetStatistics = { minCategories: 10, folds: 5, smoothing: 20 };
  const config = resolveEnsembleConfig({
    memberParams: { randomForest: { treeCount: 15, targetStatistics }, gradientBoosting: { iterations: 40, targetStatistics } },
    weights: { kind: "fixed", weights: { randomForest: 0.5, gradientBoosting: 0.5 } },
  });
  const model = trainEnsemble(config, createMatrix([zip, income], [codes, incomes]), y, { seed: 3 });

  it("attributes the statistic's share to the zip code and names it in plain words", () => {
    const result = scoreRow(model, Float64Array.from([3, 40_000]));
    expect(result.contributions.map((c) => c.feature).sort()).toEqual(["annual_inc", "zip_code"]);
    const reason = result.adverseReasons.find((r) => r.feature === "zip_code");
    expect(reason?.text).toBe("Your zip code increased the estimated risk");
    expect(result.adverseReasons.every((r) => !r.text.includes("statistic"))).toBe(true);
    const total = result.contributions.reduce((s, c) => s + c.points, 0);
    expect(total).toBeCloseTo(result.score - result.baseScore, 6);
  });

  it("round-trips through its artifact with identical scores", () => {
    const reloaded = loadArtifact(JSON.parse(JSON.stringify(model.toJSON())));
    expect(scoreRow(reloaded, Float64Array.from([3, 40_000])).probabilityOfDefault).toBe(scoreRow(model, Float64Array.from([3, 40_000])).probabilityOfDefault);
  });
});
