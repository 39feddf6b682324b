import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { evaluateDecision, type Decision, type DecisionInput } from "./evaluate-decision";
import { cleanApplicant } from "./clean-applicant.fixture";
import { DEFAULT_DECISION_POLICY, type DecisionPolicy } from "./policy";

// What the committee reads: every reason and referral states the figures it rests on, and the limit's
// arithmetic shows each step with its inputs, in order, so a reviewer can redo it by hand.

const policy = DEFAULT_DECISION_POLICY;
const base: DecisionInput = { ...cleanApplicant, existingMonthlyInstalments: 1500 };
const decide = (change: Partial<DecisionInput>, p: DecisionPolicy = policy): Decision => evaluateDecision({ ...base, ...change }, p);
const textOf = (flags: readonly { code: string; text: string }[], code: string): string => flags.find((f) => f.code === code)?.text ?? `(no ${code})`;

describe("reasons and referrals name their figures", () => {
  it.each<[string, Partial<DecisionInput>, string, readonly string[]]>([
    ["SCORE_BELOW_CUTOFF", { modelScore: 480.4 }, "reasons", ["480", "500"]],
    ["SCORE_IN_REVIEW_BAND", { modelScore: 530.6 }, "reasons", ["531", "500", "560"]],
    ["SEVERE_DELINQUENCY_ELSEWHERE", { maxDaysPastDueElsewhere: 120 }, "reasons", ["120 days late"]],
    ["INSUFFICIENT_CAPACITY", { monthlyNetInflow: 100 }, "reasons", ["1000 KES"]],
    ["LOW_CONFIDENCE", { confidence: 0.3 }, "humanReviewFlags", ["0.30", "0.5"]],
    ["THIN_FILE", { monthsOfHistory: 2 }, "humanReviewFlags", ["Only 2 months", "6"]],
    ["NEAR_THRESHOLD", { modelScore: 565 }, "humanReviewFlags", ["within 10 points"]],
    ["REQUEST_ABOVE_LIMIT", { requestedAmount: 400000, requestedTenorDays: 30 }, "humanReviewFlags", ["more than 50 %"]],
  ])("%s", (code, change, list, figures) => {
    const d = decide(change);
    const text = textOf(list === "reasons" ? d.reasons : d.humanReviewFlags, code);
    for (const figure of figures) expect(text).toContain(figure);
  });

  it("states the hard rules and missing data in words", () => {
    expect(textOf(decide({ defaultedElsewhere: true }).reasons, "DEFAULT_ELSEWHERE")).toMatch(/default|written off/);
    expect(textOf(decide({ monthlyNetInflow: NaN }).humanReviewFlags, "NO_CASH_FLOW_DATA")).toMatch(/cash-flow/);
    const strict: DecisionPolicy = { ...policy, hardRules: { ...policy.hardRules, rejectOnFraudFlag: true } };
    expect(textOf(decide({ fraudFlags: [{ code: "X", text: "x" }] }, strict).reasons, "FRAUD_RULE")).toMatch(/fraud flag/);
  });

  it("passes each fraud flag's own text to the reviewer, and keeps the flags themselves", () => {
    const flags = [{ code: "RECENT_SIM_SWAP", text: "SIM swapped 3 days ago" }, { code: "SHARED_DEVICE", text: "Device shared by 7" }];
    const d = decide({ fraudFlags: flags });
    expect(d.humanReviewFlags.filter((f) => f.code === "FRAUD_FLAG").map((f) => f.text)).toEqual(flags.map((f) => f.text));
    expect(d.fraudFlags).toEqual(flags);
    expect(d.recommendation).toBe("REVIEW");
  });

  it("rejects on fraud only when a flag is raised, and never flags a request above a zero limit", () => {
    const strict: DecisionPolicy = { ...policy, hardRules: { ...policy.hardRules, rejectOnFraudFlag: true } };
    expect(decide({ requestedAmount: 30000 }, strict).recommendation).toBe("APPROVE");
    const overcommitted = decide({ existingMonthlyInstalments: 9000 });
    expect(overcommitted.reasons.map((r) => r.code)).toEqual(["INSUFFICIENT_CAPACITY"]);
    expect(overcommitted.humanReviewFlags).toEqual([]);
  });

  it("names the PD no band covers", () => {
    const capped: DecisionPolicy = { ...policy, riskLevels: policy.riskLevels.slice(0, 2) };
    expect(() => decide({ probabilityOfDefault: 0.2 }, capped)).toThrow(expect.objectContaining({ message: "evaluateDecision: policy has no risk level for PD 0.2" }));
  });

  it("lists reasons in the documented order and never an approval with a reason", () => {
    const d = decide({ defaultedElsewhere: true, maxDaysPastDueElsewhere: 100, modelScore: 450, monthlyNetInflow: 100 });
    expect(d.reasons.map((r) => r.code)).toEqual(["DEFAULT_ELSEWHERE", "SEVERE_DELINQUENCY_ELSEWHERE", "SCORE_BELOW_CUTOFF", "INSUFFICIENT_CAPACITY"]);
    expect(d.recommendation).toBe("REJECT");
    expect(d.recommendedLimit).toBe(0);
  });
});

describe("the limit's arithmetic, step by step", () => {
  it("shows every step's value and the inputs of its formula", () => {
    // 20,000 × 0.35 − 1,500 = 5,500 a month; 180 days = 6 months → 33,000 × 1 (LOW) = 33,000 < 50,000 requested.
    const d = decide({});
    expect(d.arithmetic.map((s) => [s.label, s.value])).toEqual([
      ["Monthly net inflow", 20000],
      ["Affordability share", 0.35],
      ["Existing instalments", 1500],
      ["Affordable instalment", 5500],
      ["Tenor in months", 6],
      ["Affordable amount", 33000],
      ["Risk-adjusted amount", 33000],
      ["Capped amount", 33000],
      ["Recommended limit", 33000],
    ]);
    const formula = (label: string) => d.arithmetic.find((s) => s.label === label)?.formula ?? "";
    expect(formula("Affordability share")).toBe("policy share of net inflow");
    expect(formula("Tenor in months")).toContain("180 days ÷ 30");
    expect(formula("Risk-adjusted amount")).toContain("multiplier 1");
    expect(formula("Capped amount")).toContain("requested 50000");
    expect(formula("Capped amount")).toContain("policy maximum 500000");
    expect(formula("Recommended limit")).toContain("multiple of 100");
    for (const step of d.arithmetic) expect(step.formula.length, step.label).toBeGreaterThan(0);
  });

  it("names a volatile income's coefficient of variation and the policy's limit", () => {
    const d = decide({ incomeCoefficientOfVariation: 0.9 });
    const share = d.arithmetic.find((s) => s.label === "Affordability share");
    expect(share).toMatchObject({ value: 0.25 });
    expect(share?.formula).toContain("CV 0.90 > 0.6");
  });

  it("treats unknown or negative instalments owed elsewhere as none", () => {
    for (const existingMonthlyInstalments of [NaN, -500, Infinity]) {
      const d = decide({ existingMonthlyInstalments });
      expect(d.arithmetic.find((s) => s.label === "Existing instalments")?.value).toBe(0);
      expect(d.recommendedLimit).toBe(42000);
    }
  });

  it("shows one step when there is no positive inflow, with the inflow as given (0 when unknown)", () => {
    expect(decide({ monthlyNetInflow: NaN }).arithmetic).toEqual([{ label: "Monthly net inflow", value: 0, formula: "no positive net inflow on file: no limit can be derived" }]);
    expect(decide({ monthlyNetInflow: -200 }).arithmetic.map((s) => s.value)).toEqual([-200]);
    expect(decide({ monthlyNetInflow: Infinity }).arithmetic).toHaveLength(1);
  });
});

describe("input guards name the field and the value", () => {
  it.each<[keyof DecisionInput, number, string]>([
    ["requestedAmount", 0, "evaluateDecision: requestedAmount must be a positive amount, got 0"],
    ["requestedAmount", Infinity, "evaluateDecision: requestedAmount must be a positive amount, got Infinity"],
    ["requestedTenorDays", 0, "evaluateDecision: requestedTenorDays must be a positive whole number of days, got 0"],
    ["requestedTenorDays", 30.5, "evaluateDecision: requestedTenorDays must be a positive whole number of days, got 30.5"],
    ["modelScore", 299.9, "evaluateDecision: modelScore must be in 300–850, got 299.9"],
    ["modelScore", 850.1, "evaluateDecision: modelScore must be in 300–850, got 850.1"],
    ["probabilityOfDefault", 1.01, "evaluateDecision: probabilityOfDefault must be in [0, 1], got 1.01"],
    ["probabilityOfDefault", -0.01, "evaluateDecision: probabilityOfDefault must be in [0, 1], got -0.01"],
    ["confidence", -0.1, "evaluateDecision: confidence must be in [0, 1], got -0.1"],
    ["confidence", 1.1, "evaluateDecision: confidence must be in [0, 1], got 1.1"],
  ])("refuses %s = %s", (field, value, message) => {
    let thrown: unknown;
    try {
      decide({ [field]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScoringError);
    expect(thrown).toMatchObject({ code: "INVALID_ARGUMENT", field, message });
  });

  it("accepts the edges of each range", () => {
    for (const change of [{ modelScore: 300 }, { modelScore: 850 }, { probabilityOfDefault: 0 }, { probabilityOfDefault: 1 }, { confidence: 0 }, { confidence: 1 }, { requestedTenorDays: 1 }, { requestedAmount: 0.01 }]) {
      expect(() => decide(change), JSON.stringify(change)).not.toThrow();
    }
  });

  it("names a component the weighted policy needs and the scoring lacks (or has as NaN)", () => {
    const weighted: DecisionPolicy = { ...policy, scoreMode: "WEIGHTED_COMPONENTS", componentWeights: { capacity: 1, stability: 1 } };
    for (const subScores of [{ capacity: 100 }, { capacity: 100, stability: NaN }] as Record<string, number>[]) {
      expect(() => decide({ subScores }, weighted)).toThrow(
        expect.objectContaining({ code: "INVALID_ARGUMENT", field: "componentWeights", message: 'evaluateDecision: policy weights component "stability" but the scoring has no such sub-score' }),
      );
    }
  });
});
