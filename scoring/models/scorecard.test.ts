import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { Random } from "../core/random";
import { type FeatureSpec, type Matrix, createMatrix, getRow, selectRows } from "../data/matrix";
import { rocAuc } from "../metrics/index";
import { DEFAULT_SCORECARD_PARAMS, type FittedScorecard, fitScorecard, scorecardFromJSON } from "./scorecard";
import { binIndexOf } from "./scorecard/woe-binning";

const FEATURES: FeatureSpec[] = [
  { name: "utilisation", kind: "numeric" },
  { name: "region", kind: "categorical", categories: ["north", "south", "east"] },
  { name: "monthlyIncome", kind: "numeric" },
  { name: "noise", kind: "numeric" },
];

/**
 * A population where default risk rises with utilisation, differs by region, falls with income, is
 * high when income is missing (15 % of rows), and does not depend on `noise`.
 */
function simulate(seed: number, n: number): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const columns = FEATURES.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  const regionEffect = [0, 0.8, -0.5];
  for (let i = 0; i < n; i++) {
    const utilisation = random.nextFloat() * 1.2;
    const region = random.nextInt(3);
    const incomeMissing = random.nextFloat() < 0.15;
    const income = incomeMissing ? NaN : Math.exp(8 + 0.5 * random.nextGaussian());
    const margin = -3 + 2.5 * utilisation + regionEffect[region] + (incomeMissing ? 1 : -0.6 * (Math.log(income) - 8) / 0.5);
    columns[0][i] = utilisation;
    columns[1][i] = region;
    columns[2][i] = income;
    columns[3][i] = random.nextGaussian();
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
  }
  return { x: createMatrix(FEATURES, columns), y };
}

const train = simulate(1, 6000);
const test = simulate(2, 3000);
const model = fitScorecard(DEFAULT_SCORECARD_PARAMS, train.x, train.y, { seed: 7 });

function rowsOf(matrix: Matrix, count: number): Float64Array[] {
  return Array.from({ length: count }, (_, i) => getRow(matrix, i));
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ScoringError ? error.code : "not a ScoringError";
  }
  return undefined;
}

describe("fitScorecard", () => {
  it("ranks held-out rows far better than chance", () => {
    expect(rocAuc(test.y, model.predictProba(test.x))).toBeGreaterThan(0.75);
  });

  it("predicts probabilities of default in (0, 1), the same in batch and per row", () => {
    const batch = model.predictProba(test.x);
    rowsOf(test.x, 200).forEach((row, i) => {
      expect(model.predictRowProba(row)).toBe(batch[i]);
      expect(batch[i]).toBeGreaterThan(0);
      expect(batch[i]).toBeLessThan(1);
    });
  });

  it("gives WoE > 0 to safe bins, so coefficients on WoE are negative", () => {
    expect(model.coefficients[0]).toBeLessThan(0);
    expect(model.coefficients[2]).toBeLessThan(0);
  });

  it("drops a feature below the IV threshold: coefficient 0, contribution 0", () => {
    expect(model.informationValues[3]).toBeLessThan(DEFAULT_SCORECARD_PARAMS.minInformationValue);
    expect(model.coefficients[3]).toBe(0);
    for (const row of rowsOf(test.x, 50)) expect(Math.abs(model.explainRow(row).contributions[3])).toBe(0);
  });

  it("handles missing values through their own bin, with the risk the data show", () => {
    const row = getRow(test.x, 0);
    row[2] = NaN;
    const woe = model.woeRow(row)[2];
    const incomeBinning = model.binnings[2];
    expect(woe).toBe(incomeBinning.bins[incomeBinning.bins.length - 1].woe);
    expect(woe).toBeLessThan(0);
  });

  it("is deterministic: the same fit gives the same bytes whatever the seed", () => {
    const again = fitScorecard(DEFAULT_SCORECARD_PARAMS, train.x, train.y, { seed: 99 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it("leaves its inputs unmutated and keeps no reference to them", () => {
    const { x, y } = simulate(3, 1000);
    const weights = new Float64Array(1000).fill(1);
    const before = [...x.columns.map((c) => c.slice()), y.slice(), weights.slice()];
    const fitted = fitScorecard(DEFAULT_SCORECARD_PARAMS, x, y, { seed: 1, sampleWeight: weights });
    expect([...x.columns, y, weights]).toEqual(before);
    const row = getRow(x, 0);
    const probability = fitted.predictRowProba(row);
    x.columns[0].fill(0);
    expect(fitted.predictRowProba(row)).toBe(probability);
    expect(Object.isFrozen(fitted)).toBe(true);
  });

  it("guards hyperparameters, labels and weights", () => {
    expect(codeOf(() => fitScorecard({ ...DEFAULT_SCORECARD_PARAMS, minBinShare: 0.6 }, train.x, train.y, { seed: 1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fitScorecard({ ...DEFAULT_SCORECARD_PARAMS, maxPrebins: 1 }, train.x, train.y, { seed: 1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fitScorecard(DEFAULT_SCORECARD_PARAMS, train.x, train.y.subarray(1), { seed: 1 }))).toBe("SHAPE_MISMATCH");
    expect(codeOf(() => fitScorecard(DEFAULT_SCORECARD_PARAMS, train.x, new Float64Array(train.x.rows), { seed: 1 }))).toBe("INVALID_DATA");
    expect(codeOf(() => fitScorecard(DEFAULT_SCORECARD_PARAMS, train.x, train.y, { seed: 1, sampleWeight: new Float64Array(3) }))).toBe("SHAPE_MISMATCH");
  });
});

describe("FittedScorecard.explainRow", () => {
  it("is exactly additive in log-odds and agrees with predictRowProba", () => {
    for (const row of rowsOf(test.x, 300)) {
      const attribution = model.explainRow(row);
      expect(attribution.space).toBe("logit");
      let sum = attribution.base;
      for (const contribution of attribution.contributions) sum += contribution;
      expect(sum).toBe(attribution.output);
      expect(1 / (1 + Math.exp(-attribution.output))).toBeCloseTo(model.predictRowProba(row), 15);
    }
  });

  it("has contributions β_j·(WoE_j − mean WoE_j) that average to 0 over the training rows", () => {
    const sums = new Float64Array(FEATURES.length);
    for (let i = 0; i < train.x.rows; i++) {
      const { contributions } = model.explainRow(getRow(train.x, i));
      contributions.forEach((c, j) => (sums[j] += c));
    }
    for (const sum of sums) expect(sum / train.x.rows).toBeCloseTo(0, 10);
  });

  it("throws SHAPE_MISMATCH for a row or matrix of the wrong width or features", () => {
    expect(codeOf(() => model.explainRow(new Float64Array(3)))).toBe("SHAPE_MISMATCH");
    expect(codeOf(() => model.predictRowProba(new Float64Array(5)))).toBe("SHAPE_MISMATCH");
    const renamed = createMatrix(
      FEATURES.map((f, j) => (j === 0 ? { name: "other", kind: "numeric" as const } : f)),
      [...test.x.columns],
    );
    expect(codeOf(() => model.predictProba(renamed))).toBe("SHAPE_MISMATCH");
    expect(codeOf(() => model.predictProba(selectRows(createMatrix(FEATURES.slice(0, 3), test.x.columns.slice(0, 3)), [0])))).toBe("SHAPE_MISMATCH");
  });
});

describe("FittedScorecard.toPointsTable", () => {
  const scaling = { pointsToDoubleOdds: 40, anchorScore: 600, anchorOdds: 30 };

  it("reproduces offset + factor·ln((1 − PD)/PD) from base points plus each bin's points", () => {
    const table = model.toPointsTable(scaling);
    expect(table.factor).toBeCloseTo(40 / Math.LN2, 12);
    expect(table.offset).toBeCloseTo(600 - (40 / Math.LN2) * Math.log(30), 12);
    for (const row of rowsOf(test.x, 200)) {
      let score = table.basePoints;
      table.features.forEach((feature, j) => (score += feature.bins[binIndexOf(model.binnings[j], row[j])].points));
      const pd = model.predictRowProba(row);
      expect(score).toBeCloseTo(table.offset + table.factor * Math.log((1 - pd) / pd), 8);
    }
  });

  it("lists per bin its description, count, event rate and WoE, the missing bin last", () => {
    const table = model.toPointsTable(scaling);
    const income = table.features[2];
    expect(income.feature).toBe("monthlyIncome");
    expect(income.selected).toBe(true);
    expect(income.bins[income.bins.length - 1].description).toBe("missing");
    expect(income.bins.reduce((total, bin) => total + bin.count, 0)).toBe(train.x.rows);
    expect(table.features[1].bins.map((bin) => bin.description).slice(0, -1).sort()).toEqual(["east", "north", "south"]);
    expect(table.features[3].bins.every((bin) => bin.points === 0)).toBe(true);
    // Doubling the odds of good adds PDO points.
    const doubled = model.toPointsTable({ ...scaling, anchorOdds: 60 });
    expect(table.basePoints - doubled.basePoints).toBeCloseTo(40, 10);
  });

  it("guards the scaling", () => {
    expect(codeOf(() => model.toPointsTable({ ...scaling, pointsToDoubleOdds: 0 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => model.toPointsTable({ ...scaling, anchorOdds: -1 }))).toBe("INVALID_ARGUMENT");
  });
});

describe("scorecardFromJSON", () => {
  it("round-trips through JSON text with bitwise-identical predictions and explanations", () => {
    const restored: FittedScorecard = scorecardFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predictProba(test.x))).toEqual(Array.from(model.predictProba(test.x)));
    const row = getRow(test.x, 5);
    expect(restored.explainRow(row)).toEqual(model.explainRow(row));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it("refuses other formats, versions and tampered fields", () => {
    const json = model.toJSON() as Record<string, unknown>;
    expect(codeOf(() => scorecardFromJSON(null))).toBe("INVALID_ARTIFACT");
    expect(codeOf(() => scorecardFromJSON({ ...json, format: "other" }))).toBe("INVALID_ARTIFACT");
    expect(codeOf(() => scorecardFromJSON({ ...json, formatVersion: 2 }))).toBe("INVALID_ARTIFACT");
    expect(codeOf(() => scorecardFromJSON({ ...json, coefficients: [1] }))).toBe("INVALID_ARTIFACT");
    expect(codeOf(() => scorecardFromJSON({ ...json, params: { ...DEFAULT_SCORECARD_PARAMS, l2: -1 } }))).toBe("INVALID_ARTIFACT");
    const binnings = JSON.parse(JSON.stringify(json.binnings));
    binnings[0].cutPoints.reverse();
    expect(codeOf(() => scorecardFromJSON({ ...json, binnings }))).toBe("INVALID_ARTIFACT");
  });
});
