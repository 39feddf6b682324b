import { describe, expect, it } from "vitest";
import { Random } from "../../core/random";
import type { FeatureSpec } from "../../data/matrix";
import { type BinningParams, type FeatureBinning, binIndexOf, describeBin, fitFeatureBinning } from "./woe-binning";

const PARAMS: BinningParams = { maxPrebins: 20, minBinShare: 0.05, trend: "monotonic", peakValleyMinIvGain: 0.05, woeSmoothing: 0.5 };
const NUMERIC: FeatureSpec = { name: "x", kind: "numeric" };

/** n rows with x ~ U(0, 10) (a share `missingShare` NaN) and P(default | x) = riskOf(x) (riskOf(NaN) for missing). */
function simulate(seed: number, n: number, riskOf: (x: number) => number, missingShare = 0): { column: Float64Array; labels: Float64Array } {
  const random = new Random(seed);
  const column = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    column[i] = random.nextFloat() < missingShare ? NaN : Math.round(random.nextFloat() * 1000) / 100;
    labels[i] = random.nextFloat() < riskOf(column[i]) ? 1 : 0;
  }
  return { column, labels };
}

function intervalRates(binning: FeatureBinning): number[] {
  return binning.bins.slice(0, -1).map((bin) => bin.events / bin.count);
}

describe("fitFeatureBinning (numeric)", () => {
  it("gives strictly increasing event rates when the default risk rises with x", () => {
    const { column, labels } = simulate(1, 5000, (x) => 0.05 + 0.03 * x);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    const rates = intervalRates(binning);
    expect(rates.length).toBeGreaterThan(2);
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThan(rates[k - 1]);
    expect(binning.kind === "numeric" && binning.trend).toBe("ascending");
    // WoE > 0 = safer: WoE falls as the rate rises.
    const woe = binning.bins.slice(0, -1).map((bin) => bin.woe);
    for (let k = 1; k < woe.length; k++) expect(woe[k]).toBeLessThan(woe[k - 1]);
  });

  it("detects a falling risk as descending", () => {
    const { column, labels } = simulate(2, 5000, (x) => 0.4 - 0.03 * x);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    const rates = intervalRates(binning);
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeLessThan(rates[k - 1]);
    expect(binning.kind === "numeric" && binning.trend).toBe("descending");
  });

  it("keeps every non-missing bin at or above the minimum share", () => {
    const { column, labels } = simulate(3, 3000, (x) => 0.05 + 0.03 * x);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, { ...PARAMS, maxPrebins: 50, minBinShare: 0.08 });
    for (const bin of binning.bins.slice(0, -1)) expect(bin.count).toBeGreaterThanOrEqual(0.08 * 3000);
  });

  it("puts missing values in their own bin, whatever its size, with their own WoE", () => {
    const { column, labels } = simulate(4, 5000, (x) => (Number.isNaN(x) ? 0.5 : 0.1), 0.02);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    const missing = binning.bins[binning.bins.length - 1];
    const missingRows = column.filter((v) => Number.isNaN(v)).length;
    expect(missing.count).toBe(missingRows);
    expect(missing.count).toBeLessThan(0.05 * 5000);
    expect(missing.woe).toBeLessThan(-1);
    expect(binIndexOf(binning, NaN)).toBe(binning.bins.length - 1);
  });

  it("gives an empty missing bin WoE 0 when training has no missing values", () => {
    const { column, labels } = simulate(5, 2000, (x) => 0.05 + 0.03 * x);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    expect(binning.bins[binning.bins.length - 1]).toEqual({ count: 0, events: 0, woe: expect.closeTo(0, 12) });
  });

  it("finds a valley when the risk is U-shaped and peak/valley shapes are allowed", () => {
    const { column, labels } = simulate(6, 8000, (x) => 0.05 + 0.012 * (x - 5) ** 2);
    const monotonic = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    const unimodal = fitFeatureBinning(NUMERIC, column, labels, undefined, { ...PARAMS, trend: "monotonic-or-peak-valley" });
    expect(unimodal.kind === "numeric" && unimodal.trend).toBe("valley");
    expect(unimodal.informationValue).toBeGreaterThan(monotonic.informationValue);
    const rates = intervalRates(unimodal);
    const bottom = rates.indexOf(Math.min(...rates));
    for (let k = 1; k <= bottom; k++) expect(rates[k]).toBeLessThan(rates[k - 1]);
    for (let k = bottom + 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThan(rates[k - 1]);
  });

  it("maps values to intervals closed on the right: (−∞, c₀], (c₀, c₁], …", () => {
    const { column, labels } = simulate(7, 5000, (x) => 0.05 + 0.03 * x);
    const binning = fitFeatureBinning(NUMERIC, column, labels, undefined, PARAMS);
    if (binning.kind !== "numeric") throw new Error("expected a numeric binning");
    const [first, second] = binning.cutPoints;
    expect(binIndexOf(binning, first)).toBe(0);
    expect(binIndexOf(binning, first + 1e-9)).toBe(1);
    expect(binIndexOf(binning, -1e9)).toBe(0);
    expect(binIndexOf(binning, 1e9)).toBe(binning.cutPoints.length);
    expect(describeBin(binning, NUMERIC, 0)).toBe(`(−∞, ${first}]`);
    expect(describeBin(binning, NUMERIC, 1)).toBe(`(${first}, ${second}]`);
    expect(describeBin(binning, NUMERIC, binning.cutPoints.length)).toMatch(/, \+∞\)$/);
    expect(describeBin(binning, NUMERIC, binning.bins.length - 1)).toBe("missing");
  });

  it("counts weighted rows: integer weights equal repeated rows", () => {
    const column = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const labels = Float64Array.from([0, 0, 1, 0, 1, 0, 1, 1]);
    const weights = Float64Array.from([2, 1, 1, 3, 1, 1, 2, 1]);
    const repeatedColumn: number[] = [];
    const repeatedLabels: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        repeatedColumn.push(column[i]);
        repeatedLabels.push(labels[i]);
      }
    });
    const params = { ...PARAMS, maxPrebins: 4, minBinShare: 0 };
    expect(fitFeatureBinning(NUMERIC, column, labels, weights, params)).toEqual(fitFeatureBinning(NUMERIC, Float64Array.from(repeatedColumn), Float64Array.from(repeatedLabels), undefined, params));
  });
});

describe("fitFeatureBinning (categorical)", () => {
  const CATEGORICAL: FeatureSpec = { name: "region", kind: "categorical", categories: ["north", "south", "east", "west", "islands"] };

  it("bins per category, merges a small category into the one with the closest event rate, and sends unseen codes to missing", () => {
    // north 10 %, south 30 %, east 12 % but only 1 % of rows, west 50 %; "islands" never occurs.
    const rows: [number, number, number][] = [[0, 1000, 100], [1, 1000, 300], [2, 30, 4], [3, 970, 485]];
    const column: number[] = [];
    const labels: number[] = [];
    for (const [code, count, events] of rows) {
      for (let k = 0; k < count; k++) {
        column.push(code);
        labels.push(k < events ? 1 : 0);
      }
    }
    const binning = fitFeatureBinning(CATEGORICAL, Float64Array.from(column), Float64Array.from(labels), undefined, PARAMS);
    if (binning.kind !== "categorical") throw new Error("expected a categorical binning");
    expect(binning.groups).toEqual([[0, 2], [1], [3]]);
    expect(binIndexOf(binning, 2)).toBe(binIndexOf(binning, 0));
    expect(binIndexOf(binning, 4)).toBe(binning.bins.length - 1);
    expect(binIndexOf(binning, NaN)).toBe(binning.bins.length - 1);
    expect(describeBin(binning, CATEGORICAL, 0)).toBe("north, east");
    const rates = intervalRates(binning);
    expect(rates[0]).toBeCloseTo(104 / 1030, 14);
  });
});
