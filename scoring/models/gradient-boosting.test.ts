import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { createMatrix, getRow, type Matrix } from "../data/matrix";
import { rocAuc } from "../metrics/roc";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting, gradientBoostingFromJSON, type GradientBoostingParams } from "./gradient-boosting";
import { generateSyntheticCredit, informativeMissingnessData, linearBaselineProbabilities } from "./tree/synthetic-credit.test-helper";

const train = generateSyntheticCredit(4000, 1);
const validation = generateSyntheticCredit(2000, 2);
const test = generateSyntheticCredit(4000, 3);
const FAST: GradientBoostingParams = { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 120, learningRate: 0.1 };

function expectScoringError(action: () => unknown, code: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).code).toBe(code);
    return;
  }
  throw new Error(`expected ScoringError ${code}`);
}

function meanLogLoss(y: Float64Array, probabilities: Float64Array): number {
  return y.reduce((sum, label, i) => sum - (label === 1 ? Math.log(probabilities[i]) : Math.log(1 - probabilities[i])), 0) / y.length;
}

describe("fitGradientBoosting", () => {
  const model = fitGradientBoosting(FAST, train.x, train.y, { seed: 5 });

  it("computes a stump by hand: initial log-odds, best gain split, leaf −G/H", () => {
    // y = [0,0,0,1,1,0]: p₀ = 1/3, g = p₀ − y, h = 2/9. Split x ≤ 3 has gain ½[1²/(2/3) + 1²/(2/3)] = 1.5, the best.
    const x = createMatrix([{ name: "x", kind: "numeric" }], [Float64Array.from([1, 2, 3, 4, 5, 6])]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 0]);
    const stump = fitGradientBoosting({ ...FAST, iterations: 1, learningRate: 1, maxLeaves: 2, minSamplesLeaf: 1, minHessianLeaf: 0, l2Regularization: 0, rowSubsample: 1, columnSubsample: 1 }, x, y, { seed: 1 });
    const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));
    expect(stump.predictRowProba([3.4])).toBeCloseTo(sigmoid(Math.log(0.5) - 1.5), 14);
    expect(stump.predictRowProba([3.6])).toBeCloseTo(sigmoid(Math.log(0.5) + 1.5), 14);
  });

  it("leaves its inputs untouched", () => {
    const columns = train.x.columns.map((c) => Float64Array.from(c));
    const labels = Float64Array.from(train.y);
    const weights = new Float64Array(train.x.rows).fill(2);
    const params = structuredClone({ ...FAST, iterations: 5, monotoneConstraints: { age: 1 as const } });
    fitGradientBoosting(params, train.x, train.y, { seed: 1, sampleWeight: weights, validation });
    train.x.columns.forEach((column, j) => expect(column).toEqual(columns[j]));
    expect(train.y).toEqual(labels);
    expect(weights.every((w) => w === 2)).toBe(true);
    expect(params).toEqual({ ...FAST, iterations: 5, monotoneConstraints: { age: 1 } });
  });

  it("gives the same bytes for the same seed, others for another", () => {
    const again = fitGradientBoosting(FAST, train.x, train.y, { seed: 5 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    expect(JSON.stringify(fitGradientBoosting(FAST, train.x, train.y, { seed: 6 }).toJSON())).not.toBe(JSON.stringify(model.toJSON()));
  });

  it("round-trips through JSON with bitwise identical predictions and explanations", () => {
    const json = model.toJSON();
    expect(json.trees.some((tree) => tree.leftCategories.some((codes) => codes !== null))).toBe(true); // categorical splits included
    const restored = gradientBoostingFromJSON(JSON.parse(JSON.stringify(json)));
    const before = model.predictProba(test.x);
    const after = restored.predictProba(test.x);
    for (let i = 0; i < before.length; i++) expect(Object.is(before[i], after[i])).toBe(true);
    const row = getRow(test.x, 7);
    expect(restored.explainRow(row)).toEqual(model.explainRow(row));
  });

  it("gives probabilities in [0, 1] and beats a linear baseline on held-out data", () => {
    const probabilities = model.predictProba(test.x);
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    const baseline = rocAuc(test.y, linearBaselineProbabilities(train, test.x));
    expect(rocAuc(test.y, probabilities)).toBeGreaterThan(baseline + 0.03);
  });

  it("learns from informative missingness and sends missing values the learned way", () => {
    const { x, y } = informativeMissingnessData();
    const fitted = fitGradientBoosting({ ...FAST, iterations: 50 }, x, y, { seed: 1 });
    expect(fitted.predictRowProba([NaN])).toBeCloseTo(0.6, 1);
    expect(fitted.predictRowProba([3])).toBeCloseTo(0.1, 1);
  });

  it("respects a monotone constraint on a feature whose true effect is the opposite", () => {
    const constrained = fitGradientBoosting({ ...FAST, monotoneConstraints: { age: 1 } }, train.x, train.y, { seed: 5 });
    const grid = Array.from({ length: 61 }, (_, k) => 18 + k);
    const isNonDecreasing = (m: typeof model, base: Float64Array): boolean => {
      const predictions = grid.map((age) => m.predictRowProba(Float64Array.from(base, (v, j) => (j === 1 ? age : v))));
      return predictions.every((p, k) => k === 0 || p >= predictions[k - 1]);
    };
    const bases = Array.from({ length: 20 }, (_, i) => getRow(test.x, i));
    expect(bases.every((base) => isNonDecreasing(constrained, base))).toBe(true);
    expect(bases.every((base) => isNonDecreasing(model, base))).toBe(false); // the test has teeth
  });

  it("stops early at the round with the best validation log loss", () => {
    const params = { ...FAST, iterations: 400, learningRate: 0.5, earlyStoppingRounds: 5 };
    const stopped = fitGradientBoosting(params, train.x, train.y, { seed: 3, validation });
    const best = stopped.treeCount;
    expect(best).toBeLessThan(400);
    const lossWith = (rounds: number): number => meanLogLoss(validation.y, fitGradientBoosting({ ...params, iterations: rounds }, train.x, train.y, { seed: 3 }).predictProba(validation.x));
    const bestLoss = meanLogLoss(validation.y, stopped.predictProba(validation.x));
    expect(bestLoss).toBe(lossWith(best));
    if (best > 1) expect(bestLoss).toBeLessThan(lossWith(best - 1));
    for (let extra = 1; extra <= 5; extra++) expect(bestLoss).toBeLessThanOrEqual(lossWith(best + extra));
  });

  it("explains the log-odds margin exactly", () => {
    for (let i = 0; i < 50; i++) {
      const row = getRow(test.x, i);
      const attribution = model.explainRow(row);
      expect(attribution.space).toBe("logit");
      const probability = model.predictRowProba(row);
      expect(attribution.output).toBeCloseTo(Math.log(probability / (1 - probability)), 10);
      const total = attribution.contributions.reduce((sum, c) => sum + c, attribution.base);
      expect(Math.abs(total - attribution.output)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(attribution.output)));
    }
  });

  it("rejects other shapes and malformed artifacts", () => {
    const narrow: Matrix = createMatrix(train.x.features.slice(0, 2), train.x.columns.slice(0, 2));
    expectScoringError(() => model.predictProba(narrow), "SHAPE_MISMATCH");
    expectScoringError(() => model.predictRowProba([1, 2]), "SHAPE_MISMATCH");
    expectScoringError(() => model.explainRow([1, 2, 3, 4, 5, 6]), "SHAPE_MISMATCH");
    expectScoringError(() => fitGradientBoosting(FAST, train.x, train.y.subarray(1), { seed: 1 }), "SHAPE_MISMATCH");
    expectScoringError(() => fitGradientBoosting({ ...FAST, learningRate: 0 }, train.x, train.y, { seed: 1 }), "INVALID_ARGUMENT");
    expectScoringError(() => fitGradientBoosting({ ...FAST, monotoneConstraints: { channel: 1 } }, train.x, train.y, { seed: 1 }), "INVALID_ARGUMENT");
    expectScoringError(() => gradientBoostingFromJSON({}), "INVALID_ARTIFACT");
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    json.trees[0].left[0] = 0; // a cycle
    expectScoringError(() => gradientBoostingFromJSON(json), "INVALID_ARTIFACT");
  });
});
