import { describe, expect, it } from "vitest";
import { weightsOfEvidence } from "./weight-of-evidence";

describe("weightsOfEvidence", () => {
  it("matches a 2-bin table computed by hand (Siddiqi's formula, no smoothing)", () => {
    // Bin 0: 50 rows, 10 bads, 40 goods; bin 1: 50 rows, 30 bads, 20 goods. G = 60, B = 40.
    const { woe, informationValue } = weightsOfEvidence([50, 50], [10, 30], 0);
    const woe0 = Math.log(40 / 60 / (10 / 40)); // ln(8/3) ≈ 0.981
    const woe1 = Math.log(20 / 60 / (30 / 40)); // ln(4/9) ≈ −0.811
    expect(woe[0]).toBeCloseTo(woe0, 14);
    expect(woe[1]).toBeCloseTo(woe1, 14);
    expect(informationValue).toBeCloseTo((40 / 60 - 10 / 40) * woe0 + (20 / 60 - 30 / 40) * woe1, 14);
  });

  it("adds smoothing pseudo-rows in the population's good/bad proportions", () => {
    // α = 1 per bin: 0.6 goods and 0.4 bads per bin; 3 bins → G' = 60 + 1.8, B' = 40 + 1.2.
    const { woe } = weightsOfEvidence([50, 50, 0], [10, 30, 0], 1);
    expect(woe[0]).toBeCloseTo(Math.log((40.6 / 61.8) / (10.4 / 41.2)), 14);
    expect(woe[1]).toBeCloseTo(Math.log((20.6 / 61.8) / (30.4 / 41.2)), 14);
    // An empty bin sits exactly at the population odds.
    expect(woe[2]).toBeCloseTo(0, 14);
  });

  it("keeps a pure bin finite under smoothing and refuses it without", () => {
    const smoothed = weightsOfEvidence([10, 90], [0, 30], 0.5);
    expect(Number.isFinite(smoothed.woe[0])).toBe(true);
    expect(smoothed.woe[0]).toBeGreaterThan(smoothed.woe[1]);
    expect(() => weightsOfEvidence([10, 90], [0, 30], 0)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });

  it("gives IV 0 when every bin has the population's rate, and IV > 0 otherwise", () => {
    expect(weightsOfEvidence([100, 200], [10, 20], 0).informationValue).toBeCloseTo(0, 15);
    expect(weightsOfEvidence([100, 200], [10, 30], 0.5).informationValue).toBeGreaterThan(0);
  });

  it("guards its inputs", () => {
    expect(() => weightsOfEvidence([1, 2], [1], 0.5)).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
    expect(() => weightsOfEvidence([1, 2], [2, 1], 0.5)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => weightsOfEvidence([5, 5], [0, 0], 0.5)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => weightsOfEvidence([5, 5], [1, 1], -1)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
