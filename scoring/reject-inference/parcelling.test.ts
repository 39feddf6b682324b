import { describe, expect, it } from "vitest";
import { parcelRejects } from "./parcelling";

describe("parcelRejects", () => {
  const approvedPd = Array.from({ length: 1000 }, (_, i) => i / 1000);
  // Bad exactly in the top half of the scores: bands 0–4 have bad rate 0, bands 5–9 have 1.
  const approvedLabels = approvedPd.map((pd) => (pd >= 0.5 ? 1 : 0));

  it("draws a reject bad at its band's approved bad rate (0 and 1 bands are exact)", () => {
    const labels = parcelRejects(approvedPd, approvedLabels, [0.05, 0.45, 0.55, 0.99, 1.5], { seed: 3 });
    expect([...labels]).toEqual([0, 0, 1, 1, 1]);
  });

  it("matches the band's rate on average and scales it by the multiplier (capped at 1)", () => {
    const labels = approvedPd.map((pd, i) => (pd >= 0.8 ? (i % 4 === 0 ? 1 : 0) : 0)); // top two bands: 25 % bad
    const rejects = new Float64Array(20_000).fill(0.95);
    const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(parcelRejects(approvedPd, labels, rejects, { seed: 1 }))).toBeCloseTo(0.25, 1);
    expect(mean(parcelRejects(approvedPd, labels, rejects, { seed: 1, badRateMultiplier: 2 }))).toBeCloseTo(0.5, 1);
    expect(mean(parcelRejects(approvedPd, labels, rejects, { seed: 1, badRateMultiplier: 10 }))).toBe(1);
  });

  it("is deterministic in its seed and refuses bad arguments", () => {
    const rejects = Array.from({ length: 200 }, (_, i) => (i % 100) / 100);
    const labels = approvedPd.map((_, i) => (i % 3 === 0 ? 1 : 0));
    expect(parcelRejects(approvedPd, labels, rejects, { seed: 9 })).toEqual(parcelRejects(approvedPd, labels, rejects, { seed: 9 }));
    expect(parcelRejects(approvedPd, labels, rejects, { seed: 9 })).not.toEqual(parcelRejects(approvedPd, labels, rejects, { seed: 10 }));
    expect(() => parcelRejects([], [], [0.1], { seed: 1 })).toThrow(/approvedPd/);
    expect(() => parcelRejects([0.1], [0], [0.1], { seed: 1, bands: 0 })).toThrow(/bands/);
    expect(() => parcelRejects([0.1], [0], [0.1], { seed: 1, badRateMultiplier: 0 })).toThrow(/badRateMultiplier/);
  });
});
