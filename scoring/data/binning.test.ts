import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { Random } from "../core/random";
import { binMatrix, binOf, fitBinMapper, upperEdgeOfBin, type FeatureBinning } from "./binning";
import { createMatrix, type FeatureSpec } from "./matrix";

const numeric = (name: string): FeatureSpec => ({ name, kind: "numeric" });

function numericBinning(values: number[], maxValueBins?: number): FeatureBinning & { kind: "numeric" } {
  const mapper = fitBinMapper(createMatrix([numeric("v")], [Float64Array.from(values)]), maxValueBins);
  return mapper.bins[0] as FeatureBinning & { kind: "numeric" };
}

describe("fitBinMapper", () => {
  it("gives a feature with few distinct values one bin per value, cut at midpoints", () => {
    const binning = numericBinning([3, 1, 2, 2, NaN, 1, 10]);
    expect(Array.from(binning.upperEdges)).toEqual([1.5, 2.5, 6.5]);
    expect(binning.valueBinCount).toBe(4);
    expect([1, 2, 3, 10, NaN].map((v) => binOf(binning, v))).toEqual([0, 1, 2, 3, 4]);
  });

  it("cuts many distinct values into at most maxValueBins bins of about equal counts", () => {
    const random = new Random(3);
    const values = Array.from({ length: 20000 }, () => random.nextGaussian());
    const binning = numericBinning(values, 64);
    expect(binning.valueBinCount).toBe(64);
    const counts = new Array(65).fill(0);
    for (const v of values) counts[binOf(binning, v)]++;
    for (let b = 0; b < 64; b++) expect(Math.abs(counts[b] - 20000 / 64)).toBeLessThanOrEqual(2);
    expect(counts[64]).toBe(0);
  });

  it("gives a heavily repeated value a bin of its own without starving the rest", () => {
    const values = [...new Array(5000).fill(0), ...Array.from({ length: 5000 }, (_, i) => 1 + i)];
    const binning = numericBinning(values, 10);
    expect(binOf(binning, 0)).toBe(0);
    expect(binOf(binning, 1)).toBe(1);
    expect(binning.valueBinCount).toBe(10);
  });

  it("agrees with the raw-value threshold a tree stores: bin(v) ≤ b ⇔ v ≤ upperEdgeOfBin(b)", () => {
    const random = new Random(8);
    const values = Array.from({ length: 3000 }, () => Math.round(random.nextGaussian() * 50) / 7);
    const binning = numericBinning(values, 40);
    const probes = [...values, -1e300, 1e300, 0.123456789];
    let disagreements = 0;
    for (let b = 0; b < binning.valueBinCount; b++) {
      const threshold = upperEdgeOfBin(binning, b);
      for (const v of probes) if (binOf(binning, v) <= b !== v <= threshold) disagreements++;
    }
    expect(disagreements).toBe(0);
  });

  it("bins the categories seen in training in code order, unseen codes and NaN into the missing bin", () => {
    const spec: FeatureSpec = { name: "channel", kind: "categorical", categories: ["a", "b", "c"] };
    const x = createMatrix([spec, numeric("n")], [Float64Array.from([2, 0, NaN]), Float64Array.from([5, 6, 7])]);
    const mapper = fitBinMapper(x);
    expect(mapper.bins[0].valueBinCount).toBe(2);
    expect(Array.from(binMatrix(mapper, x).columns[0])).toEqual([1, 0, 2]);
    expect(binOf(mapper.bins[0], 1)).toBe(2); // "b" never seen in training
    expect(binOf(mapper.bins[0], 7)).toBe(2);
    expect(binOf(mapper.bins[0], 1.5)).toBe(2);
  });

  it("pools categories seen fewer than minCategoryCount times with the missing values", () => {
    const spec: FeatureSpec = { name: "zip", kind: "categorical", categories: ["100xx", "200xx", "300xx"] };
    const codes = [...new Array(5).fill(0), ...new Array(2).fill(1), ...new Array(9).fill(2)];
    const binning = fitBinMapper(createMatrix([spec], [Float64Array.from(codes)]), 255, 3).bins[0];
    expect(binning.valueBinCount).toBe(2);
    expect([0, 1, 2, NaN].map((v) => binOf(binning, v))).toEqual([0, 2, 1, 2]);
  });

  it("accepts 5,000 categories: the most frequent get bins up to maxValueBins, the rest share the missing bin", () => {
    const categories = Array.from({ length: 5000 }, (_, k) => `branch-${k}`);
    const spec: FeatureSpec = { name: "branch", kind: "categorical", categories };
    // Category k appears 1 + (k % 7) times: thousands of rare levels, none with more than 7 rows.
    const column: number[] = [];
    for (let k = 0; k < 5000; k++) for (let r = 0; r <= k % 7; r++) column.push(k);
    const binning = fitBinMapper(createMatrix([spec], [Float64Array.from(column)]), 255, 2).bins[0];
    expect(binning.valueBinCount).toBe(255);
    const kept = categories.map((_, k) => k).filter((k) => binOf(binning, k) < 255);
    expect(kept).toHaveLength(255);
    expect(kept.every((k) => k % 7 === 6)).toBe(true); // only the 7-row levels, lowest codes first
    expect(kept.map((k) => binOf(binning, k))).toEqual(kept.map((_, b) => b));
  });

  it("rejects bad arguments and other features", () => {
    const x = createMatrix([numeric("v")], [Float64Array.from([1, 2])]);
    const codeOf = (action: () => unknown): string | undefined => {
      try {
        action();
      } catch (error) {
        return error instanceof ScoringError ? error.code : "other";
      }
      return undefined;
    };
    expect(codeOf(() => fitBinMapper(x, 1))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fitBinMapper(x, 256))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fitBinMapper(x, 255, 0))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => binMatrix(fitBinMapper(x), createMatrix([numeric("w")], [Float64Array.from([1])])))).toBe("SHAPE_MISMATCH");
  });
});
