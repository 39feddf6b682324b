import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "../decision/policy";
import { computeFeatures } from "../features/compute-features";
import { featuresFromIndicators, type BehaviouralIndicators } from "../features/direct-mode";
import { buildFeatureReasonCatalog } from "../features/engine-config";
import { featureCatalog, type FeatureVector } from "../features/feature-catalog";
import { reasonReferences } from "../features/reason-references";
import { assessApplication, quickScoreReasonRule, reasonRuleFor } from "../pipeline/assess-application";
import { generateBorrower } from "../synthetic/generate-population";
import { selectReasons, type PointContribution, type ScoreReason } from "./reason-codes";
import { loadArtifact } from "../artifact/load-artifact";
import { AS_OF, salariedBundle } from "./reason-rule.fixture";
import { scoreRow, type ScoreResult } from "./score-row";

// Issue 12, item 3: a stated reason must agree with the value it rests on. Each observed case first (the
// rule-1 result shows the contradiction, rule 2 must not), then the property over generated bundles.

const defaultModel = loadArtifact(readFileSync(new URL("../artifacts/default-model.json", import.meta.url), "utf8"));
const request = { requestedAmount: 20_000, requestedTenorDays: 90 };
const assess = (features: FeatureVector, version: 1 | 2) => assessApplication(defaultModel, DEFAULT_DECISION_POLICY, features, request, version).score;
const codes = (reasons: readonly ScoreReason[]): string[] => reasons.map((reason) => reason.code);
const direction = Object.fromEntries(featureCatalog.map((feature) => [feature.name, feature.direction]));
const missingTextOf = Object.fromEntries(Object.entries(buildFeatureReasonCatalog()).map(([feature, entry]) => [feature, entry.missing]));

/**
 * The contradictions of one result, checked from the documented references (docs/features.md), not from the
 * selection code: an adverse reason on a value that is not past its reference in the risky direction, a
 * factor in favour on a value past it, a reason on an amount without a reference, "no record" beside a
 * feature with the same record, or (direct mode) any reason on an indicator not stated.
 */
function contradictions(result: ScoreResult, statedOnly = false): string[] {
  const value = new Map(result.contributions.map((c) => [c.feature, c.value]));
  const problems: string[] = [];
  const check = (reason: ScoreReason, adverse: boolean) => {
    const v = value.get(reason.feature);
    if (v === null || v === undefined) {
      if (statedOnly) problems.push(`${reason.code} rests on an indicator not stated`);
      const sameRecord = result.contributions.find((c) => c.value !== null && missingTextOf[c.feature] === reason.text);
      if (sameRecord) problems.push(`${reason.code} "${reason.text}" beside ${sameRecord.feature} = ${String(sameRecord.value)}`);
      return;
    }
    const reference = reasonReferences[reason.feature as keyof typeof reasonReferences].value;
    if (reference === null) return problems.push(`${reason.code} rests on ${reason.feature}, which has no reference`);
    const pastReference = direction[reason.feature] === "higher-is-riskier" ? (v as number) > reference : (v as number) < reference;
    if (pastReference !== adverse) problems.push(`${adverse ? "adverse" : "favourable"} ${reason.code} "${reason.text}" on ${reason.feature} = ${String(v)} (reference ${reference})`);
  };
  result.adverseReasons.forEach((reason) => check(reason, true));
  result.positiveFactors.forEach((reason) => check(reason, false));
  return problems;
}

describe("reason rule 2: the observed cases", () => {
  it("income exactly 30,000 every month: an attribution negative through interactions gives no CF02/IS02 reason", () => {
    // The API case: the value is the best there is (coefficient of variation 0) and the attribution is negative.
    const contributions: PointContribution[] = [
      { feature: "incomeVolatility365", component: "incomeStability", value: 0, points: -6 },
      { feature: "inflowVariation180", component: "cashFlowRegularity", value: 0, points: -4 },
      { feature: "savingsShare180", component: "capacity", value: 0, points: -3 },
      { feature: "billOnTimeShare365", component: "billPayment", value: 1, points: 8 },
    ];
    const catalog = buildFeatureReasonCatalog();
    expect(codes(selectReasons(contributions, catalog).adverseReasons)).toEqual(["IS02", "CF02", "CP05"]);
    const ruled = selectReasons(contributions, catalog, 4, 4, reasonRuleFor(2));
    expect(codes(ruled.adverseReasons)).toEqual(["CP05"]);
    expect(codes(ruled.positiveFactors)).toEqual(["BP01"]);
    // Ten months of the same salary, end to end.
    const features = computeFeatures(salariedBundle({ months: 10, monthlyIncome: 30_000, accountAgeDays: 310 }), undefined, AS_OF);
    expect(features.incomeVolatility365).toBe(0);
    expect(codes(assess(features, 2).adverseReasons)).not.toContain("IS02");
    expect(codes(assess(features, 2).adverseReasons)).not.toContain("CF02");
  });

  it("an account opened 67 months earlier is not 'new' (ST01)", () => {
    const features = computeFeatures(salariedBundle({ months: 10, monthlyIncome: 30_000, accountAgeDays: 67 * 30 + 3 }), undefined, AS_OF);
    expect(features.oldestAccountMonths).toBeGreaterThan(67);
    expect(codes(assess(features, 1).adverseReasons)).toContain("ST01"); // the contradiction rule 1 states
    expect(codes(assess(features, 2).adverseReasons)).not.toContain("ST01");
    expect(contradictions(assess(features, 2))).toEqual([]);
  });

  it("income saved in full is not 'you spend most of what comes in' (CP03)", () => {
    const bundle = salariedBundle({ months: 10, monthlyIncome: 30_000, accountAgeDays: 310 });
    const features = computeFeatures({ ...bundle, transactions: bundle.transactions.filter((t) => t.direction === "CREDIT") }, undefined, AS_OF);
    expect(features.netInflowShare90).toBe(1);
    expect(codes(assess(features, 1).adverseReasons)).toContain("CP03");
    expect(codes(assess(features, 2).adverseReasons)).not.toContain("CP03");
  });

  it("bills paid on the due day but slightly short: the reason names payment in full, not lateness", () => {
    const features = computeFeatures(salariedBundle({ months: 12, monthlyIncome: 30_000, accountAgeDays: 400, billsPaid: "SLIGHTLY_SHORT" }), undefined, AS_OF);
    expect(features.billOnTimeShare365).toBe(0);
    const bills = assess(features, 2).adverseReasons.filter((reason) => reason.component === "billPayment");
    expect(bills.length).toBeGreaterThan(0);
    for (const reason of bills) {
      expect(reason.text).toMatch(/in full/);
      expect(reason.text).not.toMatch(/\blate\b|on time/);
    }
    expect(assess(features, 2).positiveFactors.map((reason) => reason.text)).not.toContain("You pay your bills on time");
  });

  it("quick score: no 'No record of bill payments' beside 'You pay your bills on time'; only stated indicators give reasons", () => {
    const indicators: BehaviouralIndicators = { billPaymentOnTimeShare: 1, incomeStabilityIndex: 1, monthlyIncome: 30_000, accountTenureMonths: 67 };
    const features = featuresFromIndicators(indicators) as unknown as Record<string, number>;
    const ruleOne = scoreRow(defaultModel, features);
    const texts = [...ruleOne.adverseReasons, ...ruleOne.positiveFactors].map((reason) => reason.text);
    expect(texts).toEqual(expect.arrayContaining(["You pay your bills on time", "No record of bill payments in the last year"]));
    const quick = scoreRow(defaultModel, features, { reasonRule: quickScoreReasonRule() });
    expect(contradictions(quick, true)).toEqual([]);
    expect(quick.positiveFactors.map((reason) => reason.text)).toContain("You pay your bills on time");
    expect(quick.explanationRule).toBe(2);
  });
});

describe("reason rule 2: the property", () => {
  const signalCategories = ["transactions", "bills", "loans", "events"] as const;
  it("for generated signal bundles (any market, fraud or not, any signal category withheld), no stated reason contradicts its value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(0, 0.5),
        fc.subarray([...signalCategories]),
        fc.boolean(),
        (seed, index, fraudShare, withheld, withoutBureau) => {
          const borrower = generateBorrower({ seed, asOf: AS_OF, fraudShare }, index);
          const bundle = { ...borrower.bundle, ...Object.fromEntries(withheld.map((category) => [category, []])), ...(withoutBureau ? { bureau: undefined } : {}) };
          const result = assess(computeFeatures(bundle, borrower.context, AS_OF), 2);
          expect(contradictions(result)).toEqual([]);
          expect(result.explanationRule).toBe(2);
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });

  it("for generated quick-score indicators, reasons rest only on stated values and agree with them", () => {
    const indicator = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          billPaymentOnTimeShare: indicator(fc.double({ min: 0, max: 1, noNaN: true })),
          mobileMoneyActiveDayShare: indicator(fc.double({ min: 0, max: 1, noNaN: true })),
          incomeStabilityIndex: indicator(fc.double({ min: 0.05, max: 1, noNaN: true })),
          monthlyIncome: indicator(fc.double({ min: 0, max: 500_000, noNaN: true })),
          monthsWithInflowShare: indicator(fc.double({ min: 0, max: 1, noNaN: true })),
          monthsOfHistory: indicator(fc.integer({ min: 0, max: 120 })),
          loanRepaymentOnTimeShare: indicator(fc.double({ min: 0, max: 1, noNaN: true })),
          previousLoans: indicator(fc.integer({ min: 0, max: 20 })),
          accountTenureMonths: indicator(fc.integer({ min: 0, max: 240 })),
          simTenureMonths: indicator(fc.integer({ min: 0, max: 240 })),
        }),
        (drawn) => {
          const stated = Object.fromEntries(Object.entries(drawn).filter(([, value]) => value !== undefined)) as BehaviouralIndicators;
          fc.pre(Object.keys(stated).length > 0);
          const result = scoreRow(defaultModel, featuresFromIndicators(stated) as unknown as Record<string, number>, { reasonRule: quickScoreReasonRule() });
          expect(contradictions(result, true)).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 12 },
    );
  });

  it("the checker finds what rule 1 states: the property fails under rule 1 on generated bundles", () => {
    const failing = Array.from({ length: 60 }, (_, index) => generateBorrower({ seed: 12, asOf: AS_OF }, index)).filter(
      (borrower) => contradictions(assess(computeFeatures(borrower.bundle, borrower.context, AS_OF), 1)).length > 0,
    );
    expect(failing.length).toBeGreaterThan(0);
  });

  it("every catalog feature has a stated reference, documented in docs/features.md", () => {
    for (const feature of featureCatalog) expect(reasonReferences[feature.name].basis.length).toBeGreaterThan(0);
    expect(Object.keys(reasonReferences).sort()).toEqual(featureCatalog.map((feature) => feature.name).sort());
  });
});
