import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { evaluateDecision, type DecisionInput, type Recommendation } from "./evaluate-decision";
import { cleanApplicant } from "./clean-applicant.fixture";
import { DEFAULT_DECISION_POLICY, parseDecisionPolicy, type DecisionPolicy } from "./policy";

const policy = DEFAULT_DECISION_POLICY;

const base: DecisionInput = cleanApplicant;

const codes = (flags: readonly { code: string }[]) => flags.map((f) => f.code);

describe("evaluateDecision", () => {
  it("approves a clean applicant and ties the limit to cash flow by the documented arithmetic", () => {
    const d = evaluateDecision(base, policy);
    expect(d.recommendation).toBe("APPROVE");
    expect(d.riskLevel).toBe("LOW");
    expect(d.tenorDays).toBe(180);
    // 20,000 × 0.35 = 7,000 a month × 6 months = 42,000 × 1 (LOW) = 42,000 < requested 50,000.
    expect(d.recommendedLimit).toBe(42000);
    expect(d.arithmetic.map((s) => s.label)).toEqual([
      "Monthly net inflow", "Affordability share", "Existing instalments", "Affordable instalment", "Tenor in months",
      "Affordable amount", "Risk-adjusted amount", "Capped amount", "Recommended limit",
    ]);
    expect(d.humanReviewFlags).toEqual([]);
  });

  it.each<[string, Partial<DecisionInput>, Recommendation, string]>([
    ["default elsewhere is a hard reject", { defaultedElsewhere: true }, "REJECT", "DEFAULT_ELSEWHERE"],
    ["90 days past due elsewhere is a hard reject", { maxDaysPastDueElsewhere: 90 }, "REJECT", "SEVERE_DELINQUENCY_ELSEWHERE"],
    ["a score below the cut-off rejects", { modelScore: 480, probabilityOfDefault: 0.3 }, "REJECT", "SCORE_BELOW_CUTOFF"],
    ["a score in the review band is referred", { modelScore: 530, probabilityOfDefault: 0.08 }, "REVIEW", "SCORE_IN_REVIEW_BAND"],
    ["cash flow below the minimum loan rejects", { monthlyNetInflow: 100 }, "REJECT", "INSUFFICIENT_CAPACITY"],
  ])("%s", (_name, change, expected, code) => {
    const d = evaluateDecision({ ...base, ...change }, policy);
    expect(d.recommendation).toBe(expected);
    expect(codes(d.reasons)).toContain(code);
    if (expected === "REJECT") expect(d.recommendedLimit).toBe(0);
  });

  it.each<[string, Partial<DecisionInput>, string]>([
    ["low confidence", { confidence: 0.3 }, "LOW_CONFIDENCE"],
    ["thin file", { monthsOfHistory: 2 }, "THIN_FILE"],
    ["score near the approval threshold", { modelScore: 565 }, "NEAR_THRESHOLD"],
    ["fraud flag (policy reviews rather than rejects)", { fraudFlags: [{ code: "SIM_SWAP_RECENT", text: "SIM swapped 3 days before applying" }] }, "FRAUD_FLAG"],
    ["no cash-flow data", { monthlyNetInflow: NaN }, "NO_CASH_FLOW_DATA"],
    ["request far above the limit", { requestedAmount: 400000, requestedTenorDays: 30 }, "REQUEST_ABOVE_LIMIT"],
  ])("an approvable score with %s is referred to a human", (_name, change, code) => {
    const d = evaluateDecision({ ...base, ...change }, policy);
    expect(d.recommendation).toBe("REVIEW");
    expect(codes(d.humanReviewFlags)).toContain(code);
  });

  it("deducts instalments already owed to other lenders from the affordable instalment", () => {
    // 20,000 × 0.35 − 4,000 = 3,000 a month × 6 = 18,000; owing more than the cap leaves nothing.
    expect(evaluateDecision({ ...base, existingMonthlyInstalments: 4000 }, policy).recommendedLimit).toBe(18000);
    const overcommitted = evaluateDecision({ ...base, existingMonthlyInstalments: 9000 }, policy);
    expect(overcommitted.recommendation).toBe("REJECT");
    expect(codes(overcommitted.reasons)).toContain("INSUFFICIENT_CAPACITY");
  });

  it("uses the volatile-income share when inflow varies a lot", () => {
    const d = evaluateDecision({ ...base, incomeCoefficientOfVariation: 0.9 }, policy);
    // 20,000 × 0.25 × 6 = 30,000.
    expect(d.recommendedLimit).toBe(30000);
  });

  it("shortens the tenor and the limit with the risk level", () => {
    const d = evaluateDecision({ ...base, probabilityOfDefault: 0.2, modelScore: 640 }, policy);
    expect(d.riskLevel).toBe("HIGH");
    expect(d.tenorDays).toBe(90);
    // 20,000 × 0.35 × 3 months × 0.5 = 10,500.
    expect(d.recommendedLimit).toBe(10500);
  });

  it("rejects on a fraud flag when the policy says so", () => {
    const strict: DecisionPolicy = { ...policy, hardRules: { ...policy.hardRules, rejectOnFraudFlag: true } };
    const d = evaluateDecision({ ...base, fraudFlags: [{ code: "DEVICE_SHARED", text: "Device shared by 7 applicants" }] }, strict);
    expect(d.recommendation).toBe("REJECT");
    expect(codes(d.reasons)).toContain("FRAUD_RULE");
  });

  it("projects weighted sub-scores to 300–850 and subtracts the fraud penalty", () => {
    const weighted: DecisionPolicy = { ...policy, scoreMode: "WEIGHTED_COMPONENTS", componentWeights: { capacity: 1, discipline: 3 } };
    // (1·120 + 3·140)/4 = 135 → 300 + 550·135/200 = 671.25.
    expect(evaluateDecision(base, weighted).decisionScore).toBeCloseTo(671.25, 12);
    const flagged = evaluateDecision({ ...base, fraudFlags: [{ code: "X", text: "x" }] }, weighted);
    expect(flagged.decisionScore).toBeCloseTo(671.25 - 120, 12);
    const missing: DecisionPolicy = { ...weighted, componentWeights: { stability: 1 } };
    expect(() => evaluateDecision(base, missing)).toThrow(/stability/);
  });

  it.each<[keyof DecisionInput, number]>([
    ["requestedAmount", 0],
    ["requestedTenorDays", 1.5],
    ["modelScore", 900],
    ["probabilityOfDefault", -0.1],
    ["confidence", 2],
  ])("refuses %s = %s with an error naming the field", (field, value) => {
    try {
      evaluateDecision({ ...base, [field]: value }, policy);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringError);
      expect((error as ScoringError).field).toBe(field);
    }
  });

  // Two kinds of draw, so that every branch is reached in measurable shares (asserted below): "anything"
  // spans the whole input domain (mostly REJECT and REVIEW), "approvable" stays where approvals live —
  // score at or above the approval level, enough confidence, history and cash flow. Amounts are sometimes
  // whole multiples of the rounding unit, so a capped amount that is already a multiple occurs too.
  const money = (min: number, max: number) => fc.oneof(fc.integer({ min: Math.ceil(min / 100), max: Math.floor(max / 100) }).map((k) => k * 100), fc.double({ min, max, noNaN: true }));
  const anything = fc.record({
    modelScore: fc.double({ min: 300, max: 850, noNaN: true }),
    probabilityOfDefault: fc.double({ min: 0, max: 1, noNaN: true }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    monthlyNetInflow: fc.oneof(fc.constant(NaN), fc.double({ min: -1e5, max: 1e6, noNaN: true })),
    existingMonthlyInstalments: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true })),
    incomeCoefficientOfVariation: fc.double({ min: 0, max: 3, noNaN: true }),
    monthsOfHistory: fc.integer({ min: 0, max: 60 }),
    defaultedElsewhere: fc.boolean(),
    maxDaysPastDueElsewhere: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 365 })),
    requestedAmount: fc.double({ min: 1, max: 2e6, noNaN: true }),
    requestedTenorDays: fc.integer({ min: 1, max: 720 }),
  });
  const approvable = fc.record({
    modelScore: fc.double({ min: 570, max: 850, noNaN: true }),
    probabilityOfDefault: fc.double({ min: 0, max: 0.3, noNaN: true }),
    confidence: fc.double({ min: 0.5, max: 1, noNaN: true }),
    monthlyNetInflow: money(3000, 3e5),
    existingMonthlyInstalments: fc.oneof(fc.constant(0), money(0, 3000)),
    incomeCoefficientOfVariation: fc.double({ min: 0, max: 1.2, noNaN: true }),
    monthsOfHistory: fc.integer({ min: 6, max: 60 }),
    defaultedElsewhere: fc.constant(false),
    maxDaysPastDueElsewhere: fc.integer({ min: 0, max: 89 }),
    requestedAmount: money(1000, 1e6),
    requestedTenorDays: fc.integer({ min: 30, max: 365 }),
  });
  const applicant = fc.oneof(anything, approvable);

  /**
   * The capped amount the limit is rounded down from, re-derived from the policy's documented formula:
   * min(max(0, inflow × share − existing) × tenor/30 × the band's multiplier, requested, policy maximum).
   */
  function expectedCappedAmount(input: DecisionInput): number {
    const band = policy.riskLevels.find((b) => input.probabilityOfDefault <= b.maxProbabilityOfDefault);
    if (!band) throw new Error("no band");
    const { affordability } = policy;
    const share = input.incomeCoefficientOfVariation > affordability.volatileIncomeCoefficientOfVariation ? affordability.volatileIncomeShare : affordability.instalmentShareOfNetInflow;
    const instalment = Math.max(0, input.monthlyNetInflow * share - input.existingMonthlyInstalments);
    const tenorDays = Math.min(input.requestedTenorDays, band.maxTenorDays);
    return Math.min(instalment * (tenorDays / 30) * band.limitMultiplier, input.requestedAmount, affordability.maxLimit);
  }

  it("keeps every limit within the request, the policy maximum and the rounding unit; rejects lend nothing; reaches every branch", () => {
    const unit = policy.affordability.roundingUnit;
    const seen = { draws: 0, approvals: 0, reviews: 0, rejects: 0, positiveLimits: 0, exactMultiple: 0, belowHalfUnit: 0, halfUnitOrMore: 0 };
    fc.assert(
      fc.property(applicant, (change) => {
        const input = { ...base, ...change };
        const d = evaluateDecision(input, policy);
        expect(d.recommendedLimit).toBeGreaterThanOrEqual(0);
        expect(d.recommendedLimit).toBeLessThanOrEqual(Math.min(change.requestedAmount, policy.affordability.maxLimit));
        expect(d.recommendedLimit % unit).toBe(0);
        expect(d.tenorDays).toBeLessThanOrEqual(change.requestedTenorDays);
        if (d.recommendation === "REJECT") expect(d.recommendedLimit).toBe(0);
        if (d.recommendation === "APPROVE") expect(d.humanReviewFlags).toEqual([]);
        seen.draws++;
        seen[d.recommendation === "APPROVE" ? "approvals" : d.recommendation === "REVIEW" ? "reviews" : "rejects"]++;
        if (d.recommendedLimit > 0) {
          // Rounded DOWN to the unit: the largest multiple of the unit not above the capped amount.
          const capped = expectedCappedAmount(input);
          expect(d.recommendedLimit).toBeLessThanOrEqual(capped + 1e-6);
          expect(capped - d.recommendedLimit).toBeLessThan(unit);
          seen.positiveLimits++;
          const remainder = capped - Math.floor(capped / unit) * unit;
          seen[remainder === 0 ? "exactMultiple" : remainder < unit / 2 ? "belowHalfUnit" : "halfUnitOrMore"]++;
        }
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    // Shares of this generator at this seed, measured over the 2,000 draws: APPROVE 24 %, REVIEW 31 %,
    // REJECT 45 %; positive limits 49 %, of all draws 8.5 % with the capped amount already a multiple of
    // the unit, 21.5 % below half a unit over one, 19.5 % half a unit or more over (where rounding to
    // nearest would differ). The lower bounds keep every branch exercised if the generator is edited.
    const share = (n: number) => n / seen.draws;
    expect(seen.draws).toBe(2000);
    expect(share(seen.approvals)).toBeGreaterThan(0.2);
    expect(share(seen.reviews)).toBeGreaterThan(0.25);
    expect(share(seen.rejects)).toBeGreaterThan(0.35);
    expect(share(seen.positiveLimits)).toBeGreaterThan(0.4);
    expect(share(seen.exactMultiple)).toBeGreaterThan(0.05);
    expect(share(seen.belowHalfUnit)).toBeGreaterThan(0.15);
    expect(share(seen.halfUnitOrMore)).toBeGreaterThan(0.15);
  });

  it("never recommends worse for a higher score, all else equal", () => {
    const rank: Record<Recommendation, number> = { REJECT: 0, REVIEW: 1, APPROVE: 2 };
    fc.assert(
      fc.property(applicant, fc.double({ min: 0, max: 200, noNaN: true }), (change, raise) => {
        const low = evaluateDecision({ ...base, ...change, confidence: 0.9, monthsOfHistory: 24, monthlyNetInflow: 50000 }, policy);
        const higherScore = Math.min(850, change.modelScore + raise);
        const high = evaluateDecision({ ...base, ...change, confidence: 0.9, monthsOfHistory: 24, monthlyNetInflow: 50000, modelScore: higherScore }, policy);
        expect(rank[high.recommendation]).toBeGreaterThanOrEqual(rank[low.recommendation]);
      }),
    );
  });

  it("is deterministic: the same input and policy give the same bytes", () => {
    expect(JSON.stringify(evaluateDecision(base, policy))).toBe(JSON.stringify(evaluateDecision({ ...base }, structuredClone(policy))));
  });
});

describe("parseDecisionPolicy", () => {
  it("accepts the default policy", () => {
    expect(parseDecisionPolicy(DEFAULT_DECISION_POLICY)).toEqual({ ok: true, policy: DEFAULT_DECISION_POLICY });
  });

  it("names every field that is wrong", () => {
    const bad = {
      ...DEFAULT_DECISION_POLICY,
      currency: "shillings",
      thresholds: { approveMinScore: 500, rejectBelowScore: 600 },
      riskLevels: [{ level: "LOW", maxProbabilityOfDefault: 0.5, limitMultiplier: 1, maxTenorDays: 30 }],
      scoreMode: "WEIGHTED_COMPONENTS",
      componentWeights: {},
    };
    const result = parseDecisionPolicy(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field).sort()).toEqual(["componentWeights", "currency", "riskLevels.0.maxProbabilityOfDefault", "thresholds.rejectBelowScore"]);
    }
  });
});
