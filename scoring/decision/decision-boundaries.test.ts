import { describe, expect, it } from "vitest";
import { evaluateDecision, type Decision, type DecisionInput, type Recommendation } from "./evaluate-decision";
import { cleanApplicant } from "./clean-applicant.fixture";
import { DEFAULT_DECISION_POLICY, type DecisionPolicy, type RiskLevel } from "./policy";

// Every threshold of the default policy, tested exactly at the boundary, one unit either side, and one
// representable double either side (the strictest neighbour: it tells `<` from `<=` whatever the unit).
// The policy's documented meaning is the oracle: "scores below rejectBelowScore are rejected", "the first
// PD band whose maxProbabilityOfDefault ≥ PD", "limits are rounded down to a multiple of roundingUnit".

const policy = DEFAULT_DECISION_POLICY;

const base: DecisionInput = cleanApplicant;

/** The neighbouring doubles of a positive finite x (IEEE 754: adjacent bit patterns). */
function nextUp(x: number): number {
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] += 1n;
  return new Float64Array(bits.buffer)[0];
}
function nextDown(x: number): number {
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] -= 1n;
  return new Float64Array(bits.buffer)[0];
}

const decide = (change: Partial<DecisionInput>, p: DecisionPolicy = policy): Decision => evaluateDecision({ ...base, ...change }, p);
const reasonCodes = (d: Decision) => d.reasons.map((r) => r.code);
const reviewCodes = (d: Decision) => d.humanReviewFlags.map((r) => r.code);

/** The default policy without the near-threshold referral, so a score's own effect on APPROVE shows. */
const noNearThreshold: DecisionPolicy = { ...policy, humanReview: { ...policy.humanReview, nearThresholdPoints: 0 } };

describe("score cut-offs (rejectBelowScore 500, approveMinScore 560)", () => {
  it("checks the neighbours are the adjacent doubles", () => {
    expect(nextDown(500) < 500 && 500 < nextUp(500)).toBe(true);
    expect(500 - nextDown(500)).toBe(2 ** -44); // 500 is in [2^8, 2^9): one ulp is 2^(8−52)
  });

  it.each<[string, number, boolean]>([
    ["one point below", 499, true],
    ["one double below", nextDown(500), true],
    ["exactly at", 500, false],
    ["one double above", nextUp(500), false],
    ["one point above", 501, false],
  ])("rejects a score %s the cut-off 500: %s → below cut-off %s", (_name, modelScore, below) => {
    const d = decide({ modelScore });
    expect(reasonCodes(d).includes("SCORE_BELOW_CUTOFF")).toBe(below);
    expect(d.recommendation).toBe(below ? "REJECT" : "REVIEW");
    if (!below) expect(reasonCodes(d)).toEqual(["SCORE_IN_REVIEW_BAND"]);
  });

  it.each<[string, number, Recommendation]>([
    ["one point below", 559, "REVIEW"],
    ["one double below", nextDown(560), "REVIEW"],
    ["exactly at", 560, "APPROVE"],
    ["one double above", nextUp(560), "APPROVE"],
    ["one point above", 561, "APPROVE"],
  ])("approves a score %s the approval level 560 (no other referral): %s → %s", (_name, modelScore, expected) => {
    const d = decide({ modelScore }, noNearThreshold);
    expect(d.recommendation).toBe(expected);
    expect(reasonCodes(d)).toEqual(expected === "REVIEW" ? ["SCORE_IN_REVIEW_BAND"] : []);
    expect(d.recommendedLimit).toBe(42000);
  });

  it("under the default policy a score exactly at 560 is referred only for being near the threshold, not for the review band", () => {
    const d = decide({ modelScore: 560 });
    expect(d.recommendation).toBe("REVIEW");
    expect(reasonCodes(d)).toEqual([]);
    expect(reviewCodes(d)).toEqual(["NEAR_THRESHOLD"]);
  });
});

describe("near-threshold referral (within 10 points of 500 or 560, exclusive)", () => {
  it.each<[number, boolean]>([
    [489, false],
    [490, false],
    [nextUp(490), true],
    [491, true],
    [509, true],
    [nextDown(510), true],
    [510, false],
    [511, false],
    [549, false],
    [550, false],
    [nextUp(550), true],
    [551, true],
    [569, true],
    [nextDown(570), true],
    [570, false],
    [571, false],
  ])("score %s → NEAR_THRESHOLD %s", (modelScore, near) => {
    expect(reviewCodes(decide({ modelScore })).includes("NEAR_THRESHOLD")).toBe(near);
  });

  it("approves from 570 up, refers just below", () => {
    expect(decide({ modelScore: 570 }).recommendation).toBe("APPROVE");
    expect(decide({ modelScore: nextDown(570) }).recommendation).toBe("REVIEW");
  });
});

describe("PD bands (LOW ≤ 5 %, MEDIUM ≤ 12 %, HIGH ≤ 25 %, VERY_HIGH ≤ 100 %)", () => {
  const bands: [RiskLevel, number, RiskLevel, number][] = [
    ["LOW", 0.05, "MEDIUM", 180],
    ["MEDIUM", 0.12, "HIGH", 90],
    ["HIGH", 0.25, "VERY_HIGH", 30],
  ];
  const tenorOf: Record<RiskLevel, number> = { LOW: 365, MEDIUM: 180, HIGH: 90, VERY_HIGH: 30 };
  const multiplierOf: Record<RiskLevel, number> = { LOW: 1, MEDIUM: 0.75, HIGH: 0.5, VERY_HIGH: 0.25 };

  it.each(bands)("%s holds PD up to and including %s; the next double and one basis point above are %s", (level, edge, next) => {
    const cases: [number, RiskLevel][] = [
      [edge - 0.0001, level],
      [nextDown(edge), level],
      [edge, level],
      [nextUp(edge), next],
      [edge + 0.0001, next],
    ];
    for (const [probabilityOfDefault, expected] of cases) {
      const d = decide({ probabilityOfDefault, requestedTenorDays: 365, requestedAmount: 500000 });
      expect(d.riskLevel, `PD ${probabilityOfDefault}`).toBe(expected);
      expect(d.tenorDays, `PD ${probabilityOfDefault}`).toBe(tenorOf[expected]);
      // 20,000 × 0.35 = 7,000 a month × tenor months × the level's multiplier, rounded down to 100.
      expect(d.recommendedLimit, `PD ${probabilityOfDefault}`).toBe(Math.floor((7000 * (tenorOf[expected] / 30) * multiplierOf[expected]) / 100) * 100);
    }
  });

  it("covers PD 0 and PD 1", () => {
    expect(decide({ probabilityOfDefault: 0 }).riskLevel).toBe("LOW");
    expect(decide({ probabilityOfDefault: 1 }).riskLevel).toBe("VERY_HIGH");
  });

  it("refuses a PD no band covers, naming riskLevels", () => {
    const capped: DecisionPolicy = { ...policy, riskLevels: policy.riskLevels.slice(0, 2) };
    expect(() => decide({ probabilityOfDefault: 0.2 }, capped)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", field: "riskLevels" }));
  });
});

describe("tenor: min(requested, the band's maximum)", () => {
  it.each<[number, number]>([
    [364, 364],
    [365, 365],
    [366, 365],
  ])("LOW band, %s days requested → %s days", (requestedTenorDays, tenor) => {
    expect(decide({ requestedTenorDays }).tenorDays).toBe(tenor);
  });
});

describe("days past due elsewhere (reject at 90 or more)", () => {
  it.each<[number, boolean]>([
    [89, false],
    [90, true],
    [91, true],
    [NaN, false],
  ])("%s days → hard reject %s", (maxDaysPastDueElsewhere, reject) => {
    const d = decide({ maxDaysPastDueElsewhere });
    expect(reasonCodes(d).includes("SEVERE_DELINQUENCY_ELSEWHERE")).toBe(reject);
    expect(d.recommendation).toBe(reject ? "REJECT" : "APPROVE");
  });

  it("has no such rule when the policy sets none; default elsewhere only rejects when the policy says so", () => {
    const lenient: DecisionPolicy = { ...policy, hardRules: { ...policy.hardRules, rejectAtDaysPastDueElsewhere: null, rejectOnDefaultElsewhere: false } };
    expect(decide({ maxDaysPastDueElsewhere: 365, defaultedElsewhere: true }, lenient).recommendation).toBe("APPROVE");
  });
});

describe("human review: confidence below 0.5, fewer than 6 months of history", () => {
  it.each<[number, boolean]>([
    [0.49, true],
    [nextDown(0.5), true],
    [0.5, false],
    [nextUp(0.5), false],
    [0.51, false],
  ])("confidence %s → LOW_CONFIDENCE %s", (confidence, flagged) => {
    const d = decide({ confidence });
    expect(reviewCodes(d).includes("LOW_CONFIDENCE")).toBe(flagged);
    expect(d.recommendation).toBe(flagged ? "REVIEW" : "APPROVE");
  });

  it.each<[number, boolean]>([
    [5, true],
    [nextDown(6), true],
    [6, false],
    [nextUp(6), false],
    [7, false],
  ])("%s months of history → THIN_FILE %s", (monthsOfHistory, flagged) => {
    const d = decide({ monthsOfHistory });
    expect(reviewCodes(d).includes("THIN_FILE")).toBe(flagged);
    expect(d.recommendation).toBe(flagged ? "REVIEW" : "APPROVE");
  });
});

describe("affordability", () => {
  it.each<[number, number]>([
    [0.59, 42000],
    [nextDown(0.6), 42000],
    [0.6, 42000],
    [nextUp(0.6), 30000],
    [0.61, 30000],
  ])("income CV %s (volatile above 0.6) → limit %s", (incomeCoefficientOfVariation, limit) => {
    // 20,000 × 0.35 × 6 = 42,000; volatile: 20,000 × 0.25 × 6 = 30,000.
    expect(decide({ incomeCoefficientOfVariation }).recommendedLimit).toBe(limit);
  });

  // 30 days, LOW: instalment = 20,000 × 0.35 − existing = 7,000 − existing, limit = ⌊instalment / 100⌋ × 100.
  it.each<[number, number, boolean]>([
    [5999, 1000, false],
    [6000, 1000, false],
    [6000.01, 900, true],
    [6001, 900, true],
    [7000, 0, true],
    [9000, 0, true],
  ])("existing instalments %s → limit %s, below the 1,000 minimum %s", (existingMonthlyInstalments, limit, reject) => {
    const d = decide({ existingMonthlyInstalments, requestedTenorDays: 30, requestedAmount: 1000 });
    expect(reasonCodes(d).includes("INSUFFICIENT_CAPACITY")).toBe(reject);
    expect(d.recommendation).toBe(reject ? "REJECT" : "APPROVE");
    expect(d.recommendedLimit).toBe(reject ? 0 : limit);
    expect(d.arithmetic.at(-1)).toMatchObject({ label: "Recommended limit", value: limit });
  });

  it.each<[number, number]>([
    [5900, 1100], // 1,100.00: already a multiple
    [5900.01, 1000], // 1,099.99
    [5949.99, 1000], // 1,050.01: nearest is 1,100, rounded down
    [5950, 1000], // 1,050.00: half-way, rounded down
    [5950.01, 1000], // 1,049.99
    [5999.99, 1000], // 1,000.01
  ])("rounds down, never to nearest: existing %s → limit %s", (existingMonthlyInstalments, limit) => {
    expect(decide({ existingMonthlyInstalments, requestedTenorDays: 30, requestedAmount: 5000, monthsOfHistory: 18 }).arithmetic.at(-1)?.value).toBe(limit);
  });

  it.each<[number, number]>([
    [499999, 499900],
    [500000, 500000],
    [500001, 500000],
    [2000000, 500000],
  ])("caps at the 500,000 policy maximum and the request: %s requested → %s", (requestedAmount, limit) => {
    const d = decide({ monthlyNetInflow: 1e7, requestedAmount, requestedTenorDays: 365 });
    expect(d.recommendedLimit).toBe(limit);
  });

  it.each<[number, boolean]>([
    [1499, false],
    [1500, false],
    [nextUp(1500), true],
    [1501, true],
  ])("with a 1,000 limit, a request of %s (more than 50 %% above?) → REQUEST_ABOVE_LIMIT %s", (requestedAmount, flagged) => {
    const d = decide({ existingMonthlyInstalments: 6000, requestedTenorDays: 30, requestedAmount });
    expect(d.recommendedLimit).toBe(1000);
    expect(reviewCodes(d).includes("REQUEST_ABOVE_LIMIT")).toBe(flagged);
  });

  it.each<[number, boolean]>([
    [0, false],
    [-1, false],
    [NaN, false],
    [0.01, true],
  ])("net inflow %s → capacity known %s", (monthlyNetInflow, known) => {
    const d = decide({ monthlyNetInflow });
    expect(reviewCodes(d).includes("NO_CASH_FLOW_DATA")).toBe(!known);
    expect(reasonCodes(d).includes("INSUFFICIENT_CAPACITY")).toBe(known);
  });
});

describe("weighted components: 300 + 550·(Σ w·s / Σ w)/200 − fraud penalty, clamped to 300–850", () => {
  const weighted: DecisionPolicy = { ...policy, scoreMode: "WEIGHTED_COMPONENTS", componentWeights: { capacity: 1, discipline: 1 } };
  const fraud = [{ code: "X", text: "x" }];
  it.each<[number, number, boolean, number]>([
    [0, 0, false, 300],
    [200, 200, false, 850],
    [100, 100, false, 575],
    [0, 0, true, 300],
    [200, 200, true, 730],
    [40, 40, true, 300], // 410 − 120 = 290 → 300
  ])("sub-scores %s and %s, fraud %s → %s", (capacity, discipline, flagged, score) => {
    expect(decide({ subScores: { capacity, discipline }, fraudFlags: flagged ? fraud : [] }, weighted).decisionScore).toBe(score);
  });

  it("applies the cut-offs to the weighted score, not the model score", () => {
    // (s/200)·550 + 300 = 500 ⇔ s = 400/5.5 ≈ 72.73: just below rejects although the model score is 700.
    const d = decide({ subScores: { capacity: 72, discipline: 72 } }, weighted);
    expect(d.decisionScore).toBe(498);
    expect(d.recommendation).toBe("REJECT");
    expect(reasonCodes(d)).toContain("SCORE_BELOW_CUTOFF");
  });
});
