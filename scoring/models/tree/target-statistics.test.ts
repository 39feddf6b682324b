/**
 * Cross-fitted target statistics (fitTargetStatistics): a training row's value never depends on its own
 * label, missing and unseen categories get the prior, the same seed gives the same bytes, and the tree
 * models that use them keep exact, input-width explanations and round-trip through their artifacts.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../core/random";
import { createMatrix, getRow, type FeatureSpec, type Matrix } from "../../data/matrix";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting, gradientBoostingFromJSON } from "../gradient-boosting";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest, randomForestFromJSON } from "../random-forest";
import { appendTargetStatistics, fitTargetStatistics, targetStatisticName, type TargetStatisticsParams } from "./target-statistics";

const PARAMS: TargetStatisticsParams = { minCategories: 10, folds: 5, smoothing: 20 };
const zip: FeatureSpec = { name: "zip_code", kind: "categorical", categories: Array.from({ length: 40 }, (_, k) => `${100 + k}xx`) };
const grade: FeatureSpec = { name: "grade", kind: "categorical", categories: ["A", "B", "C"] };
const income: FeatureSpec = { name: "income", kind: "numeric" };

/** Zips 0–29 seen in training (even ones risky), 30–39 declared but never used; grade is too small to qualify. */
function book(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const codes = new Float64Array(rows);
  const grades = new Float64Array(rows);
  const incomes = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    codes[i] = random.nextFloat() < 0.05 ? NaN : random.nextInt(30);
    grades[i] = random.nextInt(3);
    incomes[i] = random.nextGaussian();
    const logit = -1.5 + (codes[i] % 2 === 0 ? 1.2 : -0.6) + 0.3 * grades[i] - 0.5 * incomes[i];
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: createMatrix([zip, grade, income], [codes, grades, incomes]), y };
}

const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

describe("fitTargetStatistics", () => {
  const { x, y } = book(300, 1);

  it("adds one numeric column per categorical feature with at least minCategories categories", () => {
    const fitted = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7);
    expect(fitted?.statistics.map((s) => s.source)).toEqual([0]);
    expect(fitted?.augmentedTraining.features.map((f) => f.name)).toEqual(["zip_code", "grade", "income", targetStatisticName("zip_code")]);
    expect(fitTargetStatistics({ ...PARAMS, minCategories: 41 }, x, y, ones(x.rows), 7)).toBeNull();
  });

  it("never uses a training row's own label for that row's value (flipping it leaves the value unchanged)", () => {
    const before = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7)?.augmentedTraining.columns[3] as Float64Array;
    let fullDataChanged = 0;
    for (let i = 0; i < x.rows; i++) {
      const flipped = Float64Array.from(y);
      flipped[i] = 1 - flipped[i];
      const after = fitTargetStatistics(PARAMS, x, flipped, ones(x.rows), 7);
      expect(after?.augmentedTraining.columns[3][i]).toBe(before[i]);
      // The prediction-time statistic does use every label: the check above could fail.
      const code = x.columns[0][i];
      if (!Number.isNaN(code) && after?.statistics[0].rateOfCode[code] !== fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7)?.statistics[0].rateOfCode[code]) fullDataChanged++;
    }
    expect(fullDataChanged).toBeGreaterThan(0.9 * x.rows);
  });

  it("gives a training row the m-estimate of the other folds' rows", () => {
    const fitted = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7);
    const column = fitted?.augmentedTraining.columns[3] as Float64Array;
    // Rows of one zip with different values must come from different folds; every value is a rate.
    expect(column.every((v) => v > 0 && v < 1)).toBe(true);
    const valuesOfZip0 = new Set(Array.from(column).filter((_, i) => x.columns[0][i] === 0));
    expect(valuesOfZip0.size).toBeGreaterThan(1);
    expect(valuesOfZip0.size).toBeLessThanOrEqual(PARAMS.folds);
  });

  it("gives missing, unseen and untrained categories the prior (the weighted base rate of all training rows)", () => {
    const fitted = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7);
    const statistic = fitted?.statistics[0];
    const baseRate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(statistic?.prior).toBeCloseTo(baseRate, 15);
    const scored = appendTargetStatistics(fitted?.statistics ?? [], createMatrix([zip, grade, income], [Float64Array.from([NaN, 35, 39, 0]), new Float64Array(4), new Float64Array(4)]));
    expect(Array.from(scored.columns[3].subarray(0, 3))).toEqual([baseRate, baseRate, baseRate].map(() => statistic?.prior));
    expect(scored.columns[3][3]).toBe(statistic?.rateOfCode[0]);
    expect(scored.columns[3][3]).not.toBe(statistic?.prior);
  });

  it("is deterministic: the same seed gives the same bytes, another seed other folds", () => {
    const first = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7);
    const again = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 7);
    const other = fitTargetStatistics(PARAMS, x, y, ones(x.rows), 8);
    expect(Buffer.from((again?.augmentedTraining.columns[3] as Float64Array).buffer)).toEqual(Buffer.from((first?.augmentedTraining.columns[3] as Float64Array).buffer));
    expect(Array.from(other?.augmentedTraining.columns[3] ?? [])).not.toEqual(Array.from(first?.augmentedTraining.columns[3] ?? []));
    // The prediction-time statistics use all rows and do not depend on the folds.
    expect(Array.from(other?.statistics[0].rateOfCode ?? [])).toEqual(Array.from(first?.statistics[0].rateOfCode ?? []));
  });

  it("refuses bad params and a derived name that is already a feature", () => {
    expect(() => fitTargetStatistics({ ...PARAMS, folds: 1 }, x, y, ones(x.rows), 7)).toThrow(/folds/);
    expect(() => fitTargetStatistics({ ...PARAMS, smoothing: 0 }, x, y, ones(x.rows), 7)).toThrow(/smoothing/);
    const clash = createMatrix([zip, { name: targetStatisticName("zip_code"), kind: "numeric" }], [x.columns[0], x.columns[2]]);
    expect(() => fitTargetStatistics(PARAMS, clash, y, ones(x.rows), 7)).toThrow(/already a feature/);
  });
});

const MODELS = [
  {
    name: "gradient boosting",
    fit: (x: Matrix, y: Float64Array, withStatistics: boolean) => fitGradientBoosting({ ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 30, minSamplesLeaf: 20, ...(withStatistics ? { targetStatistics: PARAMS } : {}) }, x, y, { seed: 3 }),
    fromJSON: gradientBoostingFromJSON,
  },
  {
    name: "random forest",
    fit: (x: Matrix, y: Float64Array, withStatistics: boolean) => fitRandomForest({ ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 10, minSamplesLeaf: 20, ...(withStatistics ? { targetStatistics: PARAMS } : {}) }, x, y, { seed: 3 }),
    fromJSON: randomForestFromJSON,
  },
];

for (const member of MODELS) {
  describe(`${member.name} with target statistics`, () => {
    const train = book(3000, 2);
    const test = book(500, 3);
    const model = member.fit(train.x, train.y, true);

    it("takes and explains rows of the input width, folding the statistic's share into its categorical feature", () => {
      expect(model.features.map((f) => f.name)).toEqual(["zip_code", "grade", "income"]);
      for (let i = 0; i < 20; i++) {
        const row = getRow(test.x, i);
        const attribution = model.explainRow(row);
        expect(attribution.contributions.length).toBe(3);
        const sum = attribution.contributions.reduce((s, c) => s + c, attribution.base);
        expect(sum).toBeCloseTo(attribution.output, 10);
        const probability = attribution.space === "logit" ? 1 / (1 + Math.exp(-attribution.output)) : attribution.output;
        expect(probability).toBeCloseTo(model.predictRowProba(row), 12);
      }
      const risky = model.explainRow(Float64Array.from([0, 1, 0]));
      const safe = model.explainRow(Float64Array.from([1, 1, 0]));
      expect(risky.contributions[0]).toBeGreaterThan(safe.contributions[0]);
    });

    it("round-trips through its artifact (version 2) with identical predictions", () => {
      const json = JSON.parse(JSON.stringify(model.toJSON()));
      expect(json.version).toBe(2);
      expect(json.targetStatistics).toHaveLength(1);
      const reloaded = member.fromJSON(json);
      expect(Array.from(reloaded.predictProba(test.x))).toEqual(Array.from(model.predictProba(test.x)));
      expect(() => member.fromJSON({ ...json, version: 1 })).toThrow(/has no targetStatistics/);
    });

    it("writes version 1 with no statistics field when they are not asked for, as before", () => {
      const json = JSON.parse(JSON.stringify(member.fit(train.x, train.y, false).toJSON()));
      expect(json.version).toBe(1);
      expect(json).not.toHaveProperty("targetStatistics");
      expect(json.params).not.toHaveProperty("targetStatistics");
    });
  });
}
