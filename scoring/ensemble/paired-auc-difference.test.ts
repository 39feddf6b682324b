import { describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { rocAuc } from "../metrics/index";
import { pairedAucDifference } from "./paired-auc-difference";

describe("pairedAucDifference (DeLong et al. 1988)", () => {
  it("gives the difference of the two AUCs, with ties counted ½", () => {
    const y = [0, 0, 1, 1, 0, 1];
    const a = [0.1, 0.4, 0.35, 0.8, 0.35, 0.35];
    const b = [0.2, 0.1, 0.5, 0.5, 0.5, 0.9];
    expect(pairedAucDifference(y, a, b).difference).toBeCloseTo(rocAuc(y, a) - rocAuc(y, b), 12);
  });

  it("is exactly 0 ± 0 for identical scores, and antisymmetric", () => {
    const y = [0, 1, 0, 1, 1, 0];
    const a = [0.3, 0.2, 0.1, 0.9, 0.5, 0.5];
    const b = [0.1, 0.6, 0.2, 0.4, 0.3, 0.5];
    expect(pairedAucDifference(y, a, a)).toEqual({ difference: 0, standardError: 0 });
    const forward = pairedAucDifference(y, a, b);
    const backward = pairedAucDifference(y, b, a);
    expect(backward.difference).toBeCloseTo(-forward.difference, 12);
    expect(backward.standardError).toBeCloseTo(forward.standardError, 12);
  });

  it("has a standard error that matches the spread of the difference over independent samples", () => {
    // Two correlated scores of the same rows; the SE of one sample should match the SD across 300 samples.
    const sample = (seed: number) => {
      const random = new Random(seed);
      const y: number[] = [];
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const label = random.nextFloat() < 0.2 ? 1 : 0;
        const signal = label + random.nextGaussian();
        y.push(label);
        a.push(signal + 0.5 * random.nextGaussian());
        b.push(signal + 0.8 * random.nextGaussian());
      }
      return pairedAucDifference(y, a, b);
    };
    const results = Array.from({ length: 300 }, (_, k) => sample(100 + k));
    const differences = results.map((r) => r.difference);
    const meanDifference = differences.reduce((s, d) => s + d, 0) / differences.length;
    const spread = Math.sqrt(differences.reduce((s, d) => s + (d - meanDifference) ** 2, 0) / (differences.length - 1));
    const meanStandardError = results.reduce((s, r) => s + r.standardError, 0) / results.length;
    expect(meanStandardError / spread).toBeGreaterThan(0.85);
    expect(meanStandardError / spread).toBeLessThan(1.15);
  });

  it("rejects one class and mismatched lengths", () => {
    expect(() => pairedAucDifference([1, 1], [0.1, 0.2], [0.2, 0.1])).toThrow(/one class/);
    expect(() => pairedAucDifference([0, 1], [0.1], [0.2, 0.1])).toThrow(/SHAPE_MISMATCH|labels/);
  });
});
