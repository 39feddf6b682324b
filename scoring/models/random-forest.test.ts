import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { createMatrix, getRow } from "../data/matrix";
import { rocAuc } from "../metrics/roc";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest, fitRandomForestWithOutOfBag, randomForestFromJSON, type RandomForestParams } from "./random-forest";
import { generateSyntheticCredit, informativeMissingnessData, linearBaselineProbabilities } from "./tree/synthetic-credit.test-helper";

const train = generateSyntheticCredit(4000, 11);
const test = generateSyntheticCredit(4000, 12);
const FAST: RandomForestParams = { ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 40 };

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

describe("fitRandomForest", () => {
  const model = fitRandomForest(FAST, train.x, train.y, { seed: 9 });

  it("computes a Gini stump by hand", () => {
    // y = [0,0,0,1,1,0]: W·Gini falls from 6·2·(1/3)(2/3) = 8/3 to 0 + 3·2·(2/3)(1/3) = 4/3 at x ≤ 3,
    // the largest decrease of the five cuts; leaves hold the share of positives, 0 and 2/3.
    const x = createMatrix([{ name: "x", kind: "numeric" }], [Float64Array.from([1, 2, 3, 4, 5, 6])]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 0]);
    const stump = fitRandomForest({ ...FAST, treeCount: 1, maxDepth: 1, minSamplesLeaf: 1, bootstrap: false, featuresPerSplit: 1 }, x, y, { seed: 1 });
    expect(stump.predictRowProba([3.4])).toBe(0);
    expect(stump.predictRowProba([3.6])).toBeCloseTo(2 / 3, 15);
  });

  it("leaves its inputs untouched", () => {
    const columns = train.x.columns.map((c) => Float64Array.from(c));
    const labels = Float64Array.from(train.y);
    const weights = new Float64Array(train.x.rows).fill(1.5);
    const params = { ...FAST, treeCount: 3 };
    const paramsCopy = structuredClone(params);
    fitRandomForestWithOutOfBag(params, train.x, train.y, { seed: 1, sampleWeight: weights });
    train.x.columns.forEach((column, j) => expect(column).toEqual(columns[j]));
    expect(train.y).toEqual(labels);
    expect(weights.every((w) => w === 1.5)).toBe(true);
    expect(params).toEqual(paramsCopy);
  });

  it("gives the same bytes for the same seed, others for another", () => {
    expect(JSON.stringify(fitRandomForest(FAST, train.x, train.y, { seed: 9 }).toJSON())).toBe(JSON.stringify(model.toJSON()));
    expect(JSON.stringify(fitRandomForest(FAST, train.x, train.y, { seed: 10 }).toJSON())).not.toBe(JSON.stringify(model.toJSON()));
  });

  it("round-trips through JSON with bitwise identical predictions and explanations", () => {
    const restored = randomForestFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const before = model.predictProba(test.x);
    const after = restored.predictProba(test.x);
    for (let i = 0; i < before.length; i++) expect(Object.is(before[i], after[i])).toBe(true);
    const row = getRow(test.x, 3);
    expect(restored.explainRow(row)).toEqual(model.explainRow(row));
  });

  it("gives probabilities in [0, 1] and beats a linear baseline on held-out data", () => {
    const probabilities = model.predictProba(test.x);
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    const baseline = rocAuc(test.y, linearBaselineProbabilities(train, test.x));
    expect(rocAuc(test.y, probabilities)).toBeGreaterThan(baseline + 0.03);
  });

  it("learns from informative missingness", () => {
    const { x, y } = informativeMissingnessData();
    const fitted = fitRandomForest({ ...FAST, treeCount: 20, maxDepth: 1 }, x, y, { seed: 1 });
    expect(fitted.predictRowProba([NaN])).toBeCloseTo(0.6, 1);
    expect(fitted.predictRowProba([3])).toBeCloseTo(0.1, 1);
  });

  it("explains the probability exactly", () => {
    for (let i = 0; i < 50; i++) {
      const row = getRow(test.x, i);
      const attribution = model.explainRow(row);
      expect(attribution.space).toBe("probability");
      expect(attribution.output).toBe(model.predictRowProba(row));
      const total = attribution.contributions.reduce((sum, c) => sum + c, attribution.base);
      expect(Math.abs(total - attribution.output)).toBeLessThanOrEqual(1e-12 * Math.max(1, attribution.output));
    }
  });

  it("rejects other shapes, bad parameters and malformed artifacts", () => {
    const narrow = createMatrix(train.x.features.slice(1), train.x.columns.slice(1));
    expectScoringError(() => model.predictProba(narrow), "SHAPE_MISMATCH");
    expectScoringError(() => model.predictRowProba([1]), "SHAPE_MISMATCH");
    expectScoringError(() => model.explainRow([]), "SHAPE_MISMATCH");
    expectScoringError(() => fitRandomForest({ ...FAST, treeCount: 0 }, train.x, train.y, { seed: 1 }), "INVALID_ARGUMENT");
    expectScoringError(() => fitRandomForest(FAST, train.x, new Float64Array(train.x.rows), { seed: 1 }), "INVALID_DATA");
    expectScoringError(() => randomForestFromJSON({ ...model.toJSON(), version: 2 }), "INVALID_ARTIFACT");
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    json.trees[1].cover[0] = -1;
    expectScoringError(() => randomForestFromJSON(json), "INVALID_ARTIFACT");
  });
});

describe("fitRandomForestWithOutOfBag", () => {
  it("returns the same model as fitRandomForest and an honest out-of-bag estimate", () => {
    const { model, outOfBagProba } = fitRandomForestWithOutOfBag(FAST, train.x, train.y, { seed: 9 });
    expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(fitRandomForest(FAST, train.x, train.y, { seed: 9 }).toJSON()));
    // With 40 trees a row is out of bag for none of them with probability (1 − 0.368)^40 ≈ 1e-8.
    expect(outOfBagProba.every((p) => p >= 0 && p <= 1)).toBe(true);
    const outOfBagAuc = rocAuc(train.y, outOfBagProba);
    const heldOutAuc = rocAuc(test.y, model.predictProba(test.x));
    const inBagAuc = rocAuc(train.y, model.predictProba(train.x));
    expect(Math.abs(outOfBagAuc - heldOutAuc)).toBeLessThan(0.03);
    expect(inBagAuc).toBeGreaterThan(outOfBagAuc + 0.02); // in-bag predictions are optimistic, OOB ones are not
  });

  it("gives NaN to rows that are never out of bag", () => {
    const { outOfBagProba } = fitRandomForestWithOutOfBag({ ...FAST, treeCount: 2, bootstrap: false }, train.x, train.y, { seed: 1 });
    expect(outOfBagProba.every((p) => Number.isNaN(p))).toBe(true);
  });
});
