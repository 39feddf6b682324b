import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { computeModelConfidence } from "./model-confidence";
import { DEFAULT_SCALING_PARAMS, probabilityFromScore, scoreFromProbability } from "./points-to-double-odds";
import { DEFAULT_RISK_BUCKETS, riskBucketForScore, validateRiskBuckets } from "./risk-buckets";
import { subScoreFromPoints } from "./sub-scores";

describe("scoreFromProbability (points to double the odds)", () => {
  it("puts the anchor odds at the anchor score: 30:1 good:bad is PD 1/31 → 600", () => {
    expect(scoreFromProbability(1 / 31).score).toBeCloseTo(600, 10);
  });

  it("adds PDO points each time the odds double (60:1 → 640, 120:1 → 680, 15:1 → 560)", () => {
    expect(scoreFromProbability(1 / 61).score).toBeCloseTo(640, 10);
    expect(scoreFromProbability(1 / 121).score).toBeCloseTo(680, 10);
    expect(scoreFromProbability(1 / 16).score).toBeCloseTo(560, 10);
  });

  it("scores even odds at the offset: 600 − (40/ln 2)·ln 30", () => {
    expect(scoreFromProbability(0.5).score).toBeCloseTo(600 - (40 / Math.LN2) * Math.log(30), 10);
  });

  it("clamps to 300–850 and says so, including PD 0 and 1", () => {
    expect(scoreFromProbability(0.99)).toMatchObject({ score: 300, clamped: true });
    expect(scoreFromProbability(1)).toMatchObject({ score: 300, clamped: true });
    expect(scoreFromProbability(1e-7)).toMatchObject({ score: 850, clamped: true });
    expect(scoreFromProbability(0)).toMatchObject({ score: 850, clamped: true });
    expect(scoreFromProbability(0.05).clamped).toBe(false);
  });

  it("is non-increasing in PD (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(scoreFromProbability(low).score).toBeGreaterThanOrEqual(scoreFromProbability(high).score);
      }),
    );
  });

  it("is inverted by probabilityFromScore on the unclamped score (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (pd) => {
        expect(probabilityFromScore(scoreFromProbability(pd).unclampedScore)).toBeCloseTo(pd, 9);
      }),
    );
  });

  it("refuses a PD outside [0, 1] and a bad score with a typed error", () => {
    expect(() => scoreFromProbability(1.2)).toThrow(ScoringError);
    expect(() => scoreFromProbability(NaN)).toThrow(/probabilityOfDefault/);
    expect(() => probabilityFromScore(Infinity)).toThrow(/score/);
  });

  it("uses a custom scaling: 500 at 1:1, PDO 20", () => {
    const params = { ...DEFAULT_SCALING_PARAMS, anchorScore: 500, anchorOdds: 1, pointsToDoubleOdds: 20 };
    expect(scoreFromProbability(0.5, params).score).toBeCloseTo(500, 10);
    expect(scoreFromProbability(1 / 5, params).score).toBeCloseTo(540, 10);
  });
});

describe("risk buckets", () => {
  it("puts a score in the band whose lower bound it reaches, boundaries inclusive", () => {
    expect(riskBucketForScore(850, DEFAULT_RISK_BUCKETS).name).toBe("A");
    expect(riskBucketForScore(720, DEFAULT_RISK_BUCKETS).name).toBe("A");
    expect(riskBucketForScore(719.99, DEFAULT_RISK_BUCKETS).name).toBe("B");
    expect(riskBucketForScore(300, DEFAULT_RISK_BUCKETS).name).toBe("E");
  });

  it("refuses unordered, duplicated or non-covering bands", () => {
    expect(() => validateRiskBuckets("t", [{ name: "A", minScore: 500, label: "" }, { name: "B", minScore: 600, label: "" }], 300)).toThrow(/decreasing/);
    expect(() => validateRiskBuckets("t", [{ name: "A", minScore: 600, label: "" }, { name: "A", minScore: 300, label: "" }], 300)).toThrow(/uniquely/);
    expect(() => validateRiskBuckets("t", [{ name: "A", minScore: 600, label: "" }], 300)).toThrow(/cover/);
  });
});

describe("subScoreFromPoints", () => {
  it("is 100 at zero points, moves one for one, and clamps to 0–200", () => {
    expect(subScoreFromPoints(0)).toBe(100);
    expect(subScoreFromPoints(37.5)).toBe(137.5);
    expect(subScoreFromPoints(-250)).toBe(0);
    expect(subScoreFromPoints(1000)).toBe(200);
    expect(subScoreFromPoints(10, 2)).toBe(120);
  });
});

describe("computeModelConfidence", () => {
  it("is the share of features present when members agree", () => {
    const c = computeModelConfidence([0.1, 0.1], [0.5, 0.5], 3, 4);
    expect(c.agreement).toBe(1);
    expect(c.confidence).toBe(0.75);
  });

  it("halves agreement when members' logits spread by ln 2 around their mean (PD 1/3 vs 2/3)", () => {
    const c = computeModelConfidence([1 / 3, 2 / 3], [1, 1], 10, 10);
    expect(c.agreement).toBeCloseTo(0.5, 12);
  });

  it("stays in [0, 1] (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true })), { minLength: 1, maxLength: 4 }), fc.nat(10), (members, present) => {
        const c = computeModelConfidence(members.map((m) => m[0]), members.map((m) => m[1]), present, 10);
        expect(c.confidence).toBeGreaterThanOrEqual(0);
        expect(c.confidence).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("refuses mismatched weights and impossible counts", () => {
    expect(() => computeModelConfidence([0.1], [1, 1], 1, 1)).toThrow(/memberWeights/);
    expect(() => computeModelConfidence([0.1], [1], 5, 4)).toThrow(/presentFeatures/);
  });
});
