import { describe, expect, it } from "vitest";
import type { CaseDecision } from "../simulation/simulation-case";
import { computeFairnessReport, type FairnessCase } from "./fairness-report";

const d = (recommendation: CaseDecision["recommendation"], recommendedLimit = 0): CaseDecision => ({ recommendation, recommendedLimit, probabilityOfDefault: 0, reasonCodes: [], reviewCodes: [] });
const c = (group: string, active: CaseDecision, draft: CaseDecision | null, probabilityOfDefault = 0.1, defaulted: boolean | null = null): FairnessCase => ({ group, active, draft, probabilityOfDefault, defaulted });

// M: 5 applications, 4 approved (limits 1,000..4,000), 4 observed loans (PD 0.1 D, 0.2 R, 0.3 D, 0.05 R).
// F: 4 applications, 2 approved (1,000 and 3,000), one review at 2,000, one reject; 2 observed loans.
// X: 1 application, approved at 500: below the minimum size of 4.
// The draft approves everyone in M and F and rejects X.
const fixtureCases: FairnessCase[] = [
  c("M", d("APPROVE", 1000), d("APPROVE", 1000), 0.1, true),
  c("M", d("APPROVE", 2000), d("APPROVE", 2000), 0.2, false),
  c("M", d("APPROVE", 3000), d("APPROVE", 3000), 0.3, true),
  c("M", d("APPROVE", 4000), d("APPROVE", 4000), 0.05, false),
  c("M", d("REJECT"), d("APPROVE", 1000)),
  c("F", d("APPROVE", 1000), d("APPROVE", 1000), 0.1, false),
  c("F", d("APPROVE", 3000), d("APPROVE", 3000), 0.4, true),
  c("F", d("REVIEW", 2000), d("APPROVE", 2000)),
  c("F", d("REJECT"), d("APPROVE", 1000)),
  c("X", d("APPROVE", 500), d("REJECT")),
];

describe("computeFairnessReport", () => {
  const report = computeFairnessReport(fixtureCases, 4);

  it("takes the most-approved group large enough to judge as the reference", () => {
    // Active: M 4/5 = 0.8, F 2/4 = 0.5, X 1/1 = 1 but too small. Draft: F 1 and M 1 tie, F comes first.
    expect(report.referenceGroup).toEqual({ active: "M", draft: "F" });
    expect(report.groups.map((group) => [group.group, group.applications, group.tooSmall, group.sizeNeeded])).toEqual([
      ["F", 4, false, 0],
      ["M", 5, false, 0],
      ["X", 1, true, 3],
    ]);
  });

  it("computes approval rates, adverse-impact ratios, the four-fifths flag and mean limits by hand", () => {
    const [f, m, x] = report.groups;
    // F: 0.5 / 0.8 = 0.625 < 0.8 → flagged; mean limit over the 3 not rejected = 6,000 / 3.
    expect(f.active).toEqual({ approved: 2, approvalRate: 0.5, adverseImpactRatio: 0.625, belowFourFifths: true, meanRecommendedLimit: 2000 });
    expect(m.active).toEqual({ approved: 4, approvalRate: 0.8, adverseImpactRatio: 1, belowFourFifths: false, meanRecommendedLimit: 2500 });
    // X is too small: its ratio 1 / 0.8 is shown, not judged.
    expect(x.active).toEqual({ approved: 1, approvalRate: 1, adverseImpactRatio: 1.25, belowFourFifths: null, meanRecommendedLimit: 500 });
    expect(m.draft).toEqual({ approved: 5, approvalRate: 1, adverseImpactRatio: 1, belowFourFifths: false, meanRecommendedLimit: 11_000 / 5 });
    expect(x.draft).toEqual({ approved: 0, approvalRate: 0, adverseImpactRatio: 0, belowFourFifths: null, meanRecommendedLimit: null });
  });

  it("computes the model's AUC and calibration by group where outcomes suffice", () => {
    const [f, m] = report.groups;
    // M: defaults at PD 0.1 and 0.3, repayments at 0.2 and 0.05: 3 of the 4 pairs ordered → AUC 0.75.
    expect(m.model).toEqual({ withOutcome: 4, defaulted: 2, auc: 0.75, meanProbabilityOfDefault: (0.1 + 0.2 + 0.3 + 0.05) / 4, observedDefaultRate: 0.5, tooFewOutcomes: false });
    // F: two outcomes, under the minimum of 4: calibration shown, AUC not judged.
    expect(f.model).toEqual({ withOutcome: 2, defaulted: 1, auc: null, meanProbabilityOfDefault: 0.25, observedDefaultRate: 0.5, tooFewOutcomes: true });
  });

  it("reports no draft when none is compared, and refuses a bad minimum", () => {
    const activeOnly = computeFairnessReport(fixtureCases.map((item) => ({ ...item, draft: null })), 4);
    expect(activeOnly.groups.every((group) => group.draft === null)).toBe(true);
    expect(activeOnly.referenceGroup.draft).toBeNull();
    expect(() => computeFairnessReport(fixtureCases, 0)).toThrow(/minGroupSize/);
    // With the default minimum of 30 no group can be judged: no reference, no flag.
    const strict = computeFairnessReport(fixtureCases);
    expect(strict.referenceGroup.active).toBeNull();
    expect(strict.groups.map((group) => [group.sizeNeeded, group.active.belowFourFifths])).toEqual([
      [26, null],
      [25, null],
      [29, null],
    ]);
  });
});
