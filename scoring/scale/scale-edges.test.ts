import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { computeModelConfidence } from "./model-confidence";
import { DEFAULT_SCALING_PARAMS, probabilityFromScore, scoreFromProbability, validateScalingParams, type ScalingParams } from "./points-to-double-odds";
import { DEFAULT_RISK_BUCKETS, riskBucketForScore, validateRiskBuckets, type RiskBucket } from "./risk-buckets";
import { subScoreFromPoints } from "./sub-scores";

// Edges of the scaling module: every guard refuses exactly what its doc comment says (and accepts the
// edge of the valid domain), with the message naming the function and the parameter; every band edge.

/** Runs `act`, expecting a typed INVALID_ARGUMENT whose message is `message` and field is `field`. */
function expectRefusal(act: () => unknown, message: string, field: string): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ScoringError);
  expect(thrown).toMatchObject({ code: "INVALID_ARGUMENT", message, field });
}

describe("computeModelConfidence: weighted spread of the members' logits", () => {
  const logit = (p: number) => Math.log(p / (1 - p));

  it("uses the weighted mean and variance: PDs 0.1 and 0.5 weighted 1:3", () => {
    // m = (1·logit 0.1 + 3·0)/4; s² = (1·(logit 0.1 − m)² + 3·m²)/4; agreement = exp(−s).
    const m = logit(0.1) / 4;
    const s = Math.sqrt(((logit(0.1) - m) ** 2 + 3 * m ** 2) / 4);
    const c = computeModelConfidence([0.1, 0.5], [1, 3], 4, 8);
    expect(c.agreement).toBeCloseTo(Math.exp(-s), 12);
    expect(c.dataSufficiency).toBe(0.5);
    expect(c.confidence).toBeCloseTo(Math.exp(-s) / 2, 12);
  });

  it("depends on the weights' proportions only, not their scale", () => {
    const a = computeModelConfidence([0.02, 0.3, 0.6], [1, 2, 5], 3, 3);
    const b = computeModelConfidence([0.02, 0.3, 0.6], [0.125, 0.25, 0.625], 3, 3);
    expect(a.agreement).toBeCloseTo(b.agreement, 12);
  });

  it("accepts the edges of its domain: PD 0 and 1 (kept 1e-6 from the edge), weight 0, no features present", () => {
    const c = computeModelConfidence([0, 1], [1, 1], 0, 5);
    // logits ±ln((1 − 1e-6)/1e-6): s = that logit, agreement = exp(−s) = 1e-6/(1 − 1e-6).
    expect(c.agreement).toBeCloseTo(1e-6 / (1 - 1e-6), 15);
    expect(c.confidence).toBe(0);
    expect(computeModelConfidence([0.2, 0.9], [1, 0], 5, 5).agreement).toBe(1);
    expect(computeModelConfidence([0.3], [2], 1, 1).confidence).toBe(1);
  });

  it.each<[string, () => unknown, string, string]>([
    ["no members", () => computeModelConfidence([], [], 1, 1), "computeModelConfidence: memberWeights must be one weight per member probability, at least one member", "memberWeights"],
    ["fewer weights than members", () => computeModelConfidence([0.1, 0.2], [1], 1, 1), "computeModelConfidence: memberWeights must be one weight per member probability, at least one member", "memberWeights"],
    ["no features", () => computeModelConfidence([0.1], [1], 0, 0), "computeModelConfidence: totalFeatures must be a positive integer, got 0", "totalFeatures"],
    ["a fractional feature count", () => computeModelConfidence([0.1], [1], 1, 2.5), "computeModelConfidence: totalFeatures must be a positive integer, got 2.5", "totalFeatures"],
    ["a negative present count", () => computeModelConfidence([0.1], [1], -1, 4), "computeModelConfidence: presentFeatures must be an integer in [0, 4], got -1", "presentFeatures"],
    ["more present than total", () => computeModelConfidence([0.1], [1], 5, 4), "computeModelConfidence: presentFeatures must be an integer in [0, 4], got 5", "presentFeatures"],
    ["a fractional present count", () => computeModelConfidence([0.1], [1], 1.5, 4), "computeModelConfidence: presentFeatures must be an integer in [0, 4], got 1.5", "presentFeatures"],
    ["a PD below 0", () => computeModelConfidence([-0.01], [1], 1, 1), "computeModelConfidence: memberProbabilities must be in [0, 1], got -0.01", "memberProbabilities"],
    ["a PD above 1", () => computeModelConfidence([1.01], [1], 1, 1), "computeModelConfidence: memberProbabilities must be in [0, 1], got 1.01", "memberProbabilities"],
    ["a NaN PD", () => computeModelConfidence([NaN], [1], 1, 1), "computeModelConfidence: memberProbabilities must be in [0, 1], got NaN", "memberProbabilities"],
    ["a negative weight", () => computeModelConfidence([0.1, 0.2], [1, -1], 1, 1), "computeModelConfidence: memberWeights must be finite and ≥ 0, got -1", "memberWeights"],
    ["an infinite weight", () => computeModelConfidence([0.1], [Infinity], 1, 1), "computeModelConfidence: memberWeights must be finite and ≥ 0, got Infinity", "memberWeights"],
    ["weights that sum to 0", () => computeModelConfidence([0.1, 0.2], [0, 0], 1, 1), "computeModelConfidence: memberWeights must be of positive sum", "memberWeights"],
  ])("refuses %s", (_name, act, message, field) => expectRefusal(act, message, field));
});

describe("scoreFromProbability at the edges", () => {
  it("keeps the unclamped score finite at PD 0 and 1 (PD floored 1e-15 from the edge)", () => {
    const factor = 40 / Math.LN2;
    const offset = 600 - factor * Math.log(30);
    const top = 1 - 1e-15; // PD 1 is read as this double
    expect(scoreFromProbability(1).unclampedScore).toBeCloseTo(offset + factor * Math.log((1 - top) / top), 6);
    expect(scoreFromProbability(0).unclampedScore).toBeCloseTo(offset + factor * Math.log((1 - 1e-15) / 1e-15), 6);
  });

  it.each([-0.01, 1.01, NaN])("refuses PD %s naming probabilityOfDefault", (pd) => {
    expect(() => scoreFromProbability(pd)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", field: "probabilityOfDefault", message: `scoreFromProbability: probabilityOfDefault must be in [0, 1], got ${pd}` }));
  });
});

describe("probabilityFromScore guard", () => {
  it.each([Infinity, NaN])("refuses score %s naming the function, the parameter and the value", (score) => {
    expectRefusal(() => probabilityFromScore(score), `probabilityFromScore: score must be a finite number, got ${score}`, "score");
  });
});

describe("validateScalingParams", () => {
  const params = DEFAULT_SCALING_PARAMS;
  it("accepts the default scaling and a range of one point", () => {
    expect(() => validateScalingParams("t", params)).not.toThrow();
    expect(() => validateScalingParams("t", { ...params, minScore: 500, maxScore: 501 })).not.toThrow();
  });

  it.each<[string, Partial<ScalingParams>, string, string]>([
    ["an infinite anchor", { anchorScore: Infinity }, "t: anchorScore must be a finite number, got Infinity", "anchorScore"],
    ["a NaN anchor", { anchorScore: NaN }, "t: anchorScore must be a finite number, got NaN", "anchorScore"],
    ["anchor odds of 0", { anchorOdds: 0 }, "t: anchorOdds must be a finite number > 0, got 0", "anchorOdds"],
    ["negative anchor odds", { anchorOdds: -2 }, "t: anchorOdds must be a finite number > 0, got -2", "anchorOdds"],
    ["infinite anchor odds", { anchorOdds: Infinity }, "t: anchorOdds must be a finite number > 0, got Infinity", "anchorOdds"],
    ["0 points to double the odds", { pointsToDoubleOdds: 0 }, "t: pointsToDoubleOdds must be a finite number > 0, got 0", "pointsToDoubleOdds"],
    ["negative points to double the odds", { pointsToDoubleOdds: -40 }, "t: pointsToDoubleOdds must be a finite number > 0, got -40", "pointsToDoubleOdds"],
    ["infinite points to double the odds", { pointsToDoubleOdds: Infinity }, "t: pointsToDoubleOdds must be a finite number > 0, got Infinity", "pointsToDoubleOdds"],
    ["minScore equal to maxScore", { minScore: 600, maxScore: 600 }, "t: minScore must be finite and below maxScore, got 600..600", "minScore"],
    ["minScore above maxScore", { minScore: 700, maxScore: 600 }, "t: minScore must be finite and below maxScore, got 700..600", "minScore"],
    ["an infinite minScore", { minScore: -Infinity }, "t: minScore must be finite and below maxScore, got -Infinity..850", "minScore"],
    ["an infinite maxScore", { maxScore: Infinity }, "t: minScore must be finite and below maxScore, got 300..Infinity", "minScore"],
  ])("refuses %s", (_name, change, message, field) => expectRefusal(() => validateScalingParams("t", { ...params, ...change }), message, field));
});

describe("risk buckets at every edge", () => {
  it.each<[number, string]>([
    [720, "A"],
    [719.999, "B"],
    [660, "B"],
    [659.999, "C"],
    [600, "C"],
    [599.999, "D"],
    [540, "D"],
    [539.999, "E"],
    [300, "E"],
  ])("score %s → band %s", (score, name) => {
    expect(riskBucketForScore(score, DEFAULT_RISK_BUCKETS).name).toBe(name);
  });

  it("refuses a score below every band, and NaN", () => {
    expectRefusalOf(() => riskBucketForScore(299, DEFAULT_RISK_BUCKETS), "riskBucketForScore: score 299 is below every risk bucket");
    expectRefusalOf(() => riskBucketForScore(NaN, DEFAULT_RISK_BUCKETS), "riskBucketForScore: score NaN is below every risk bucket");
  });

  function expectRefusalOf(act: () => unknown, message: string): void {
    expect(act).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", field: "score", message }));
  }

  const band = (name: string, minScore: number): RiskBucket => ({ name, minScore, label: name });
  it("accepts the default bands and a worst band starting exactly at the lowest score", () => {
    expect(() => validateRiskBuckets("t", DEFAULT_RISK_BUCKETS, 300)).not.toThrow();
    expect(() => validateRiskBuckets("t", [band("A", 600), band("B", 300)], 300)).not.toThrow();
  });

  it.each<[string, RiskBucket[], string]>([
    ["no bands", [], "t: riskBuckets must be a non-empty list"],
    ["an empty name", [band("", 300)], 't: riskBuckets must be uniquely named, "" repeats or is empty'],
    ["a repeated name", [band("A", 600), band("A", 300)], 't: riskBuckets must be uniquely named, "A" repeats or is empty'],
    ["a NaN lower bound", [band("A", NaN)], 't: riskBuckets must be finite minScore, "A" has NaN'],
    ["two bands starting at the same score", [band("A", 600), band("B", 600), band("C", 300)], 't: riskBuckets must be listed best first with strictly decreasing minScore ("B")'],
    ["bands listed worst first", [band("A", 300), band("B", 600)], 't: riskBuckets must be listed best first with strictly decreasing minScore ("B")'],
    ["a worst band above the lowest score", [band("A", 600), band("B", 301)], "t: riskBuckets must be to cover the lowest score 300"],
  ])("refuses %s", (_name, buckets, message) => expectRefusal(() => validateRiskBuckets("t", buckets, 300), message, "riskBuckets"));
});

describe("subScoreFromPoints guards", () => {
  it.each<[number, number, string, string]>([
    [NaN, 1, "subScoreFromPoints: points must be a number, got NaN", "points"],
    [10, 0, "subScoreFromPoints: subScorePerPoint must be a finite number > 0, got 0", "subScorePerPoint"],
    [10, -1, "subScoreFromPoints: subScorePerPoint must be a finite number > 0, got -1", "subScorePerPoint"],
    [10, Infinity, "subScoreFromPoints: subScorePerPoint must be a finite number > 0, got Infinity", "subScorePerPoint"],
  ])("refuses points %s at %s per point", (points, perPoint, message, field) => expectRefusal(() => subScoreFromPoints(points, perPoint), message, field));

  it("clamps exactly at 0 and 200 and passes infinite points to the clamp", () => {
    expect(subScoreFromPoints(-100)).toBe(0);
    expect(subScoreFromPoints(100)).toBe(200);
    expect(subScoreFromPoints(-Infinity)).toBe(0);
    expect(subScoreFromPoints(Infinity)).toBe(200);
    expect(subScoreFromPoints(0.5, 0.5)).toBe(100.25);
  });
});
