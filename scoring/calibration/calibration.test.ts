import { describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { calibratorFromJSON, fitIsotonicCalibration, fitPlattCalibration, poolAdjacentViolators } from "./index";

function sigmoid(t: number): number {
  return 1 / (1 + Math.exp(-t));
}

/** n rows with a raw probability p ~ U(0.01, 0.99) and labels drawn from trueRate(p). */
function simulate(seed: number, n: number, trueRate: (p: number) => number): { probabilities: Float64Array; labels: Float64Array } {
  const random = new Random(seed);
  const probabilities = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    probabilities[i] = 0.01 + 0.98 * random.nextFloat();
    labels[i] = random.nextFloat() < trueRate(probabilities[i]) ? 1 : 0;
  }
  return { probabilities, labels };
}

const GRID = Array.from({ length: 101 }, (_, k) => k / 100);

function expectMonotoneProbabilities(apply: (p: number) => number): void {
  let previous = -Infinity;
  for (const p of GRID) {
    const value = apply(p);
    expect(value).toBeGreaterThanOrEqual(previous);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
    previous = value;
  }
}

describe("poolAdjacentViolators", () => {
  it("solves the textbook example (Best & Chakravarti 1990 style): 3,2 and 4,3.5 are pooled", () => {
    expect(Array.from(poolAdjacentViolators([1, 3, 2, 4, 3.5, 5], [1, 1, 1, 1, 1, 1]))).toEqual([1, 2.5, 2.5, 3.75, 3.75, 5]);
  });

  it("pools with weights and across several blocks at once", () => {
    // 3 (w 1) and 1 (w 3) pool to 1.5; then 2 > 1.5 stays; 0 pools everything after the first: (3 + 3 + 2 + 0)/6.
    expect(Array.from(poolAdjacentViolators([0, 3, 1, 2], [1, 1, 3, 1]))).toEqual([0, 1.5, 1.5, 2]);
    expect(Array.from(poolAdjacentViolators([0, 3, 1, 2, 0], [1, 1, 3, 1, 1]))).toEqual([0, 8 / 6, 8 / 6, 8 / 6, 8 / 6]);
  });

  it("leaves a non-decreasing sequence unchanged and refuses non-positive weights", () => {
    expect(Array.from(poolAdjacentViolators([1, 1, 2, 5], [2, 1, 1, 1]))).toEqual([1, 1, 2, 5]);
    expect(() => poolAdjacentViolators([1, 2], [1, 0])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });
});

describe("fitIsotonicCalibration", () => {
  it("reproduces per-probability default rates that already increase, interpolates between them and clips outside", () => {
    const calibrator = fitIsotonicCalibration([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.3, 0.3], [0, 0, 0, 1, 0, 1, 1, 1]);
    expect(calibrator.apply(0.1)).toBe(0);
    expect(calibrator.apply(0.2)).toBe(0.5);
    expect(calibrator.apply(0.3)).toBe(0.75);
    expect(calibrator.apply(0.15)).toBeCloseTo(0.25, 15);
    expect(calibrator.apply(0)).toBe(0);
    expect(calibrator.apply(1)).toBe(0.75);
  });

  it("pools violators: labels 0,1,0,1,1,0 at increasing p give 0, ½, ½, ⅔, ⅔, ⅔", () => {
    const probabilities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const calibrator = fitIsotonicCalibration(probabilities, [0, 1, 0, 1, 1, 0]);
    const expected = [0, 0.5, 0.5, 2 / 3, 2 / 3, 2 / 3];
    probabilities.forEach((p, k) => expect(calibrator.apply(p)).toBeCloseTo(expected[k], 15));
  });

  it("is monotone, in [0, 1], and preserves the weighted default rate on its fitting rows", () => {
    const { probabilities, labels } = simulate(1, 2000, (p) => p * p);
    const weights = Float64Array.from(probabilities, (_, i) => 1 + (i % 3));
    const calibrator = fitIsotonicCalibration(probabilities, labels, weights);
    expectMonotoneProbabilities((p) => calibrator.apply(p));
    let fitted = 0;
    let observed = 0;
    let total = 0;
    probabilities.forEach((p, i) => {
      fitted += weights[i] * calibrator.apply(p);
      observed += weights[i] * labels[i];
      total += weights[i];
    });
    expect(fitted / total).toBeCloseTo(observed / total, 12);
  });

  it("guards its inputs", () => {
    expect(() => fitIsotonicCalibration([0.1, 0.2], [0, 0])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => fitIsotonicCalibration([0.1, 1.2], [0, 1])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => fitIsotonicCalibration([0.1], [0, 1])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
    const calibrator = fitIsotonicCalibration([0.1, 0.2], [0, 1]);
    expect(() => calibrator.apply(NaN)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("fitPlattCalibration", () => {
  it("recovers slope and intercept when the true rate is σ(2·logit(p) − 1)", () => {
    const { probabilities, labels } = simulate(2, 20_000, (p) => sigmoid(2 * Math.log(p / (1 - p)) - 1));
    const calibrator = fitPlattCalibration(probabilities, labels);
    const json = calibrator.toJSON() as { slope: number; intercept: number };
    expect(Math.abs(json.slope - 2)).toBeLessThan(0.15);
    expect(Math.abs(json.intercept + 1)).toBeLessThan(0.15);
    expectMonotoneProbabilities((p) => calibrator.apply(p));
    expect(calibrator.apply(0)).toBeGreaterThanOrEqual(0);
    expect(calibrator.apply(1)).toBeLessThanOrEqual(1);
  });

  it("stays non-decreasing on scores ordered against the outcome: a constant base rate", () => {
    const { probabilities, labels } = simulate(3, 2000, (p) => 1 - p);
    const calibrator = fitPlattCalibration(probabilities, labels);
    expect(calibrator.apply(0.1)).toBe(calibrator.apply(0.9));
    const positives = labels.reduce((sum, y) => sum + y, 0);
    const smoothedRate = (positives * (positives + 1) / (positives + 2) + (2000 - positives) / (2000 - positives + 2)) / 2000;
    expect(calibrator.apply(0.5)).toBeCloseTo(smoothedRate, 10);
  });

  it("stays finite on perfectly separated data thanks to Platt's smoothed targets", () => {
    const calibrator = fitPlattCalibration([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1]);
    expect(calibrator.apply(0.1)).toBeGreaterThan(0);
    expect(calibrator.apply(0.9)).toBeLessThan(1);
    expect(calibrator.apply(0.9)).toBeGreaterThan(calibrator.apply(0.1));
  });
});

describe("calibratorFromJSON", () => {
  it("round-trips both kinds through JSON text with bitwise-identical outputs", () => {
    const { probabilities, labels } = simulate(4, 1000, (p) => p);
    for (const calibrator of [fitIsotonicCalibration(probabilities, labels), fitPlattCalibration(probabilities, labels)]) {
      const restored = calibratorFromJSON(JSON.parse(JSON.stringify(calibrator.toJSON())));
      expect(restored.kind).toBe(calibrator.kind);
      for (const p of GRID) expect(restored.apply(p)).toBe(calibrator.apply(p));
    }
  });

  it("refuses other formats, versions, kinds and broken parameters", () => {
    const isotonic = fitIsotonicCalibration([0.1, 0.2, 0.3], [0, 1, 1]).toJSON() as Record<string, unknown>;
    const platt = fitPlattCalibration([0.1, 0.2, 0.3], [0, 1, 1]).toJSON() as Record<string, unknown>;
    for (const bad of [null, { ...isotonic, format: "x" }, { ...isotonic, formatVersion: 9 }, { ...isotonic, kind: "beta" }, { ...isotonic, values: [1, 0, 0] }, { ...platt, slope: -1 }]) {
      expect(() => calibratorFromJSON(bad)).toThrow(expect.objectContaining({ code: "INVALID_ARTIFACT" }));
    }
  });
});
