import { describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY, parseDecisionPolicy, type DecisionPolicy } from "./policy";

// Each cross-field rule of a policy document, refused with the field it concerns, and accepted at its edge.

const policy = DEFAULT_DECISION_POLICY;
const issuesOf = (document: unknown) => {
  const result = parseDecisionPolicy(document);
  return result.ok ? [] : result.issues;
};

describe("parseDecisionPolicy: cross-field rules", () => {
  it.each<[string, DecisionPolicy, { field: string; message: string }[]]>([
    ["reject above approve", { ...policy, thresholds: { approveMinScore: 560, rejectBelowScore: 561 } }, [{ field: "thresholds.rejectBelowScore", message: "must not exceed approveMinScore" }]],
    ["minimum limit above maximum", { ...policy, affordability: { ...policy.affordability, minLimit: 600000 } }, [{ field: "affordability.minLimit", message: "must not exceed maxLimit" }]],
    [
      "two bands with the same PD bound",
      { ...policy, riskLevels: [policy.riskLevels[0], { ...policy.riskLevels[1], maxProbabilityOfDefault: 0.05 }, ...policy.riskLevels.slice(2)] },
      [{ field: "riskLevels.1.maxProbabilityOfDefault", message: "must increase from band to band" }],
    ],
    [
      "bands out of order",
      { ...policy, riskLevels: [policy.riskLevels[1], policy.riskLevels[0], ...policy.riskLevels.slice(2)] },
      [{ field: "riskLevels.1.maxProbabilityOfDefault", message: "must increase from band to band" }],
    ],
    ["a last band below PD 1", { ...policy, riskLevels: policy.riskLevels.slice(0, 3) }, [{ field: "riskLevels.2.maxProbabilityOfDefault", message: "the last band must reach 1" }]],
    ["weighted mode with weights summing to 0", { ...policy, scoreMode: "WEIGHTED_COMPONENTS", componentWeights: { capacity: 0, discipline: 0 } }, [{ field: "componentWeights", message: "must have a positive sum in WEIGHTED_COMPONENTS mode" }]],
  ])("refuses %s, naming the field", (_name, document, issues) => {
    expect(issuesOf(document)).toEqual(issues);
  });

  it.each<[string, DecisionPolicy]>([
    ["reject equal to approve (no review band)", { ...policy, thresholds: { approveMinScore: 560, rejectBelowScore: 560 } }],
    ["minimum limit equal to maximum", { ...policy, affordability: { ...policy.affordability, minLimit: 500000 } }],
    ["a single band reaching 1", { ...policy, riskLevels: [{ ...policy.riskLevels[3], level: "LOW" }] }],
    ["weighted mode with one positive weight", { ...policy, scoreMode: "WEIGHTED_COMPONENTS", componentWeights: { capacity: 0, discipline: 2 } }],
    ["model mode with no weights", { ...policy, componentWeights: {} }],
  ])("accepts %s", (_name, document) => {
    expect(parseDecisionPolicy(document)).toEqual({ ok: true, policy: document });
  });

  it("names the policy itself when the document is not an object", () => {
    const result = parseDecisionPolicy("a policy");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field)).toEqual(["(policy)"]);
  });
});
