import { describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "../decision/policy";
import { featureNames, type FeatureVector } from "../features/feature-catalog";
import { decideStoredApplication } from "./decide-stored-application";
import type { CaseDecision, SimulationCase } from "./simulation-case";
import { computePolicyFigures, summariseSimulation, swapKindOf } from "./summarise-simulation";

const decision = (recommendation: CaseDecision["recommendation"], recommendedLimit: number, probabilityOfDefault: number, reasonCodes: string[] = [], reviewCodes: string[] = []): CaseDecision => ({
  recommendation,
  recommendedLimit,
  probabilityOfDefault,
  reasonCodes,
  reviewCodes,
});

// Four applications, figures worked out by hand below.
const cases: SimulationCase[] = [
  // a: approved by both; defaulted, 1,000 recovered.
  { creditScoreId: "a", borrowerId: "b1", month: "2026-01", band: "A", baseline: decision("APPROVE", 10_000, 0.02), draft: decision("APPROVE", 8_000, 0.02), outcome: { defaulted: true, recoveredAmount: 1_000 } },
  // b: the draft's higher cut-off rejects it.
  { creditScoreId: "b", borrowerId: "b2", month: "2026-01", band: "B", baseline: decision("APPROVE", 5_000, 0.1), draft: decision("REJECT", 0, 0.1, ["SCORE_BELOW_CUTOFF"]), outcome: { defaulted: false, recoveredAmount: 0 } },
  // c: review under both.
  { creditScoreId: "c", borrowerId: "b3", month: "2026-02", band: "B", baseline: decision("REVIEW", 2_000, 0.2, [], ["THIN_FILE"]), draft: decision("REVIEW", 2_000, 0.2, [], ["THIN_FILE"]), outcome: null },
  // d: rejected under the baseline, sent to review by the draft.
  { creditScoreId: "d", borrowerId: "b4", month: "2026-02", band: "A", baseline: decision("REJECT", 0, 0.3, ["SCORE_BELOW_CUTOFF"]), draft: decision("REVIEW", 1_000, 0.3, ["SCORE_IN_REVIEW_BAND"]), outcome: null },
];

describe("summariseSimulation", () => {
  const summary = summariseSimulation(cases);

  it("computes each policy's figures overall", () => {
    // Baseline: 2 approve, 1 review, 1 reject; limits 10,000 + 5,000 + 2,000 = 17,000 over 3 lent;
    // expected loss 0.02·10,000 + 0.1·5,000 + 0.2·2,000 = 200 + 500 + 400 = 1,100;
    // approved with outcome a, b: 1 default (a), loss 10,000 − 1,000 = 9,000.
    expect(summary.overall.baseline).toEqual({
      applications: 4,
      approved: 2,
      referred: 1,
      rejected: 1,
      approveRate: 0.5,
      reviewRate: 0.25,
      rejectRate: 0.25,
      totalRecommendedLimit: 17_000,
      meanRecommendedLimit: 17_000 / 3,
      expectedLoss: 0.02 * 10_000 + 0.1 * 5_000 + 0.2 * 2_000,
      approvedWithOutcome: 2,
      approvedDefaulted: 1,
      realisedDefaultRate: 0.5,
      realisedLoss: 9_000,
    });
    // Draft: 1 approve, 2 review, 1 reject; limits 8,000 + 2,000 + 1,000 = 11,000 over 3 lent;
    // expected loss 160 + 400 + 300 = 860; approved with outcome: a only, defaulted, loss 8,000 − 1,000.
    expect(summary.overall.draft).toMatchObject({ approved: 1, referred: 2, rejected: 1, totalRecommendedLimit: 11_000, meanRecommendedLimit: 11_000 / 3, approvedWithOutcome: 1, approvedDefaulted: 1, realisedDefaultRate: 1, realisedLoss: 7_000 });
    expect(summary.overall.draft.expectedLoss).toBeCloseTo(860, 9);
  });

  it("groups by band and by month in key order", () => {
    expect(summary.byBand.map((pair) => [pair.key, pair.baseline.approved, pair.draft.approved, pair.draft.referred])).toEqual([
      ["A", 1, 1, 1],
      ["B", 1, 0, 1],
    ]);
    expect(summary.byMonth.map((pair) => [pair.key, pair.baseline.applications, pair.baseline.totalRecommendedLimit, pair.draft.totalRecommendedLimit])).toEqual([
      ["2026-01", 2, 15_000, 8_000],
      ["2026-02", 2, 2_000, 3_000],
    ]);
  });

  it("lists the swap set with the rules that moved each application", () => {
    expect(summary.swapCounts).toEqual({ APPROVE_TO_REJECT: 1, REJECT_TO_APPROVE: 0, INTO_REVIEW: 1, OUT_OF_REVIEW: 0 });
    expect(summary.swaps).toEqual([
      { creditScoreId: "b", borrowerId: "b2", month: "2026-01", band: "B", kind: "APPROVE_TO_REJECT", from: "APPROVE", to: "REJECT", baselineLimit: 5_000, draftLimit: 0, raisedRules: ["SCORE_BELOW_CUTOFF"], clearedRules: [] },
      { creditScoreId: "d", borrowerId: "b4", month: "2026-02", band: "A", kind: "INTO_REVIEW", from: "REJECT", to: "REVIEW", baselineLimit: 0, draftLimit: 1_000, raisedRules: ["SCORE_IN_REVIEW_BAND"], clearedRules: ["SCORE_BELOW_CUTOFF"] },
    ]);
    // The identity: draft approvals = baseline approvals − moves out of APPROVE + moves into it.
    const outOfApprove = summary.swaps.filter((swap) => swap.from === "APPROVE").length;
    const intoApprove = summary.swaps.filter((swap) => swap.to === "APPROVE").length;
    expect(summary.overall.draft.approved).toBe(summary.overall.baseline.approved - outOfApprove + intoApprove);
  });

  it("counts the shift in rule codes", () => {
    expect(summary.reasonShift).toEqual([
      { code: "SCORE_BELOW_CUTOFF", baseline: 1, draft: 1, change: 0 },
      { code: "SCORE_IN_REVIEW_BAND", baseline: 0, draft: 1, change: 1 },
      { code: "THIN_FILE", baseline: 1, draft: 1, change: 0 },
    ]);
  });

  it("gives empty figures without applications and is deterministic", () => {
    expect(computePolicyFigures([], (item) => item.draft)).toMatchObject({ applications: 0, approveRate: 0, meanRecommendedLimit: null, realisedDefaultRate: null });
    expect(JSON.stringify(summariseSimulation([...cases]))).toBe(JSON.stringify(summary));
  });

  it("names every kind of move", () => {
    expect([swapKindOf("APPROVE", "APPROVE"), swapKindOf("APPROVE", "REJECT"), swapKindOf("REJECT", "APPROVE"), swapKindOf("APPROVE", "REVIEW"), swapKindOf("REVIEW", "REJECT"), swapKindOf("REVIEW", "APPROVE")]).toEqual([
      null,
      "APPROVE_TO_REJECT",
      "REJECT_TO_APPROVE",
      "INTO_REVIEW",
      "OUT_OF_REVIEW",
      "OUT_OF_REVIEW",
    ]);
  });
});

describe("decideStoredApplication", () => {
  // A clean file: 20,000 net inflow a month, nothing owed elsewhere, 18 months of history.
  const features = Object.fromEntries(featureNames.map((name) => [name, 0])) as unknown as Record<string, number>;
  Object.assign(features, { monthlyInflow90: 20_000, debtServiceRatio90: 0, incomeVolatility365: 0.2, historyMonths: 18, loanMaxDaysPastDue365: 0 });
  const application = { features: features as unknown as FeatureVector, score: { score: 700, probabilityOfDefault: 0.03, confidence: 0.8, subScores: {} }, request: { requestedAmount: 50_000, requestedTenorDays: 180 } };

  it("re-evaluates the stored score under another policy", () => {
    // Default policy: 20,000 × 0.35 = 7,000 a month × 6 months × 1 (LOW) = 42,000.
    expect(decideStoredApplication(application, DEFAULT_DECISION_POLICY)).toEqual({ recommendation: "APPROVE", recommendedLimit: 42_000, probabilityOfDefault: 0.03, reasonCodes: [], reviewCodes: [] });
    // A looser share, 0.4: 8,000 × 6 = 48,000.
    const looser = { ...DEFAULT_DECISION_POLICY, affordability: { ...DEFAULT_DECISION_POLICY.affordability, instalmentShareOfNetInflow: 0.4 } };
    expect(decideStoredApplication(application, looser).recommendedLimit).toBe(48_000);
    // A cut-off above the score rejects it, naming the rule.
    const stricter = { ...DEFAULT_DECISION_POLICY, thresholds: { approveMinScore: 760, rejectBelowScore: 720 } };
    expect(decideStoredApplication(application, stricter)).toMatchObject({ recommendation: "REJECT", recommendedLimit: 0, reasonCodes: ["SCORE_BELOW_CUTOFF"] });
  });
});
