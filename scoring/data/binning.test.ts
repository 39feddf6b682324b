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

  it("bins categorical codes by code and unknown codes or NaN into the missing bin", () => {
    const spec: FeatureSpec = { name: "channel", kind: "categorical", categories: ["a", "b", "c"] };
    const x = createMatrix([spec, numeric("n")], [Float64Array.from([2, 0, NaN]), Float64Array.from([5, 6, 7])]);
    const mapper = fitBinMapper(x);
    expect(Array.from(binMatrix(mapper, x).columns[0])).toEqual([2, 0, 3]);
    expect(binOf(mapper.bins[0], 7)).toBe(3);
    expect(binOf(mapper.bins[0], 1.5)).toBe(3);
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
    const many: FeatureSpec = { name: "c", kind: "categorical", categories: Array.from({ length: 300 }, (_, k) => `c${k}`) };
    expect(codeOf(() => fitBinMapper(createMatrix([many], [Float64Array.from([0])])))).toBe("INVALID_DATA");
    expect(codeOf(() => binMatrix(fitBinMapper(x), createMatrix([numeric("w")], [Float64Array.from([1])])))).toBe("SHAPE_MISMATCH");
  });
});
