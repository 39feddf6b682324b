import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { Random } from "../core/random";
import { fitLogisticRegression } from "./logistic-regression";

/** Rows of a 2×2 table: `bad0` of `n0` rows with x = 0 have y = 1, `bad1` of `n1` rows with x = 1. */
function twoByTwo(n0: number, bad0: number, n1: number, bad1: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n0 + n1);
  const y = new Float64Array(n0 + n1);
  for (let i = 0; i < n0 + n1; i++) {
    x[i] = i < n0 ? 0 : 1;
    y[i] = i < n0 ? (i < bad0 ? 1 : 0) : i - n0 < bad1 ? 1 : 0;
  }
  return { x, y };
}

function sigmoid(t: number): number {
  return 1 / (1 + Math.exp(-t));
}

describe("fitLogisticRegression", () => {
  it("reproduces the log-odds and log-odds ratio of a 2×2 table without penalty (the saturated MLE)", () => {
    const { x, y } = twoByTwo(100, 30, 80, 60);
    const fit = fitLogisticRegression([x], y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(30 / 70), 10);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(60 / 20) - Math.log(30 / 70), 10);
  });

  it("with no features fits the intercept logit(mean y)", () => {
    const y = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const fit = fitLogisticRegression([], y, { l2: 5 });
    expect(fit.intercept).toBeCloseTo(Math.log(0.2 / 0.8), 12);
    expect(fit.coefficients.length).toBe(0);
  });

  it("with L2 satisfies the penalised score equations Σ(y−μ) = 0 and Σ(y−μ)x_j = λβ_j", () => {
    const random = new Random(7);
    const n = 400;
    const columns = [new Float64Array(n), new Float64Array(n)];
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      columns[0][i] = random.nextGaussian();
      columns[1][i] = random.nextGaussian() + 0.5 * columns[0][i];
      y[i] = random.nextFloat() < sigmoid(-0.5 + 1.2 * columns[0][i] - 0.8 * columns[1][i]) ? 1 : 0;
    }
    const l2 = 3;
    const fit = fitLogisticRegression(columns, y, { l2 });
    const residualSums = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const residual = y[i] - sigmoid(fit.intercept + fit.coefficients[0] * columns[0][i] + fit.coefficients[1] * columns[1][i]);
      residualSums[0] += residual;
      residualSums[1] += residual * columns[0][i];
      residualSums[2] += residual * columns[1][i];
    }
    expect(residualSums[0]).toBeCloseTo(0, 9);
    expect(residualSums[1]).toBeCloseTo(l2 * fit.coefficients[0], 9);
    expect(residualSums[2]).toBeCloseTo(l2 * fit.coefficients[1], 9);
  });

  it("shrinks the coefficient towards 0 as λ grows but leaves the intercept unpenalised", () => {
    const { x, y } = twoByTwo(100, 30, 80, 60);
    const magnitudes = [0, 1, 10, 100, 1e4].map((l2) => Math.abs(fitLogisticRegression([x], y, { l2 }).coefficients[0]));
    for (let k = 1; k < magnitudes.length; k++) expect(magnitudes[k]).toBeLessThan(magnitudes[k - 1]);
    // With β → 0 the intercept tends to logit(overall rate) = logit(90/180) = 0.
    expect(fitLogisticRegression([x], y, { l2: 1e9 }).intercept).toBeCloseTo(0, 4);
  });

  it("treats integer sample weights as repeated rows", () => {
    const x = Float64Array.from([0, 0, 1, 1, 2]);
    const y = Float64Array.from([0, 1, 0, 1, 1]);
    const weights = Float64Array.from([3, 1, 2, 2, 1]);
    const repeatedX: number[] = [];
    const repeatedY: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        repeatedX.push(x[i]);
        repeatedY.push(y[i]);
      }
    });
    const weighted = fitLogisticRegression([x], y, { l2: 0.5, sampleWeight: weights });
    const repeated = fitLogisticRegression([Float64Array.from(repeatedX)], Float64Array.from(repeatedY), { l2: 0.5 });
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 10);
    expect(weighted.coefficients[0]).toBeCloseTo(repeated.coefficients[0], 10);
  });

  it("recovers the generating coefficients of a large simulated sample", () => {
    const random = new Random(11);
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
      y[i] = random.nextFloat() < sigmoid(-1 + 0.7 * x[i]) ? 1 : 0;
    }
    const fit = fitLogisticRegression([x], y, { l2: 0 });
    // Standard errors are about 0.02 at this n; allow five of them.
    expect(Math.abs(fit.intercept + 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.coefficients[0] - 0.7)).toBeLessThan(0.1);
  });

  it("gives equal coefficients to duplicated columns under L2 and refuses them without penalty", () => {
    const { x, y } = twoByTwo(50, 10, 50, 30);
    const fit = fitLogisticRegression([x, x.slice()], y, { l2: 1 });
    expect(fit.coefficients[0]).toBeCloseTo(fit.coefficients[1], 10);
    expect(() => fitLogisticRegression([x, x.slice()], y, { l2: 0 })).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });

  it("leaves its inputs unmutated", () => {
    const { x, y } = twoByTwo(20, 5, 20, 12);
    const weights = new Float64Array(40).fill(2);
    const copies = [x.slice(), y.slice(), weights.slice()];
    fitLogisticRegression([x], y, { l2: 1, sampleWeight: weights });
    expect([x, y, weights]).toEqual(copies);
  });

  it("guards its arguments", () => {
    const { x, y } = twoByTwo(10, 3, 10, 6);
    const codeOf = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return error instanceof ScoringError ? error.code : "not a ScoringError";
      }
      return undefined;
    };
    expect(codeOf(() => fitLogisticRegression([x], y, { l2: -1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => fitLogisticRegression([x.subarray(1)], y, { l2: 1 }))).toBe("SHAPE_MISMATCH");
    expect(codeOf(() => fitLogisticRegression([x], y, { l2: 1, sampleWeight: new Float64Array(3) }))).toBe("SHAPE_MISMATCH");
    expect(codeOf(() => fitLogisticRegression([Float64Array.from(x, (v, i) => (i === 0 ? NaN : v))], y, { l2: 1 }))).toBe("INVALID_DATA");
    expect(codeOf(() => fitLogisticRegression([x], new Float64Array(20), { l2: 1 }))).toBe("INVALID_DATA");
    expect(codeOf(() => fitLogisticRegression([x], Float64Array.from(y, (v) => v * 2), { l2: 1 }))).toBe("INVALID_DATA");
  });
});
