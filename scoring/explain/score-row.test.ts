import { describe, expect, it } from "vitest";
import type { FeatureSpec } from "../data/matrix";
import { computeModelConfidence } from "../scale/model-confidence";
import { scoreFromProbability } from "../scale/points-to-double-odds";
import { DEFAULT_RISK_BUCKETS } from "../scale/risk-buckets";
import { subScoreFromPoints } from "../scale/sub-scores";
import { buildLinearEnsemble, marginOf, sigmoid, type LinearMember } from "./linear-ensemble.fixture";
import { fallbackReasonCode } from "./reason-codes";
import { applicantRow, scoreRow } from "./score-row";
import { suggestImprovements, type ImprovementCatalog } from "./suggest-improvements";

// scoreRow and suggestImprovements on an ensemble of two logistic members with known coefficients (no
// training), so each number of the result can be checked against the documented construction.

const FEATURES: readonly FeatureSpec[] = [
  { name: "lateShare", kind: "numeric" },
  { name: "income", kind: "numeric" },
  { name: "housing", kind: "categorical", categories: ["own", "rent", "other"] },
  { name: "age", kind: "numeric" },
];
const MEMBERS: readonly LinearMember[] = [
  { intercept: -2.5, betas: [2, -0.00005, 0.3, -0.01], centres: [0, 10000, 0, 40] },
  { intercept: -2, betas: [1.5, -0.00008, 0.2, -0.02], centres: [0, 10000, 0, 40] },
];
const WEIGHTS = [0.4, 0.6];
const model = buildLinearEnsemble(FEATURES, MEMBERS, WEIGHTS, null, {
  components: { lateShare: "repayment", income: "capacity", housing: "profile" },
  reasonCatalog: { lateShare: { code: "LATE", adverse: "Bills paid late", positive: "Bills paid on time", missing: "No bill history" } },
});
const pdOf = (row: ArrayLike<number>) => WEIGHTS.reduce((s, w, k) => s + w * sigmoid(marginOf(MEMBERS[k], row)), 0);

describe("applicantRow: records to rows", () => {
  it("maps names to codes, absent, null and unseen categories to NaN, and keeps a row as it is", () => {
    expect(Array.from(applicantRow(model, { lateShare: 0.2, income: null, housing: "rent" }))).toEqual([0.2, NaN, 1, NaN]);
    expect(Array.from(applicantRow(model, { housing: "boat", age: 30 }))).toEqual([NaN, NaN, NaN, 30]);
    expect(Array.from(applicantRow(model, { housing: 2, lateShare: undefined }))).toEqual([NaN, NaN, 2, NaN]);
    expect(Array.from(applicantRow(model, { housing: 0 }))).toEqual([NaN, NaN, 0, NaN]);
    expect(Array.from(applicantRow(model, { housing: 3 }))).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(applicantRow(model, { housing: 1.5 }))).toEqual([NaN, NaN, NaN, NaN]);
    const row = [1, 2, 0, 4];
    expect(applicantRow(model, row)).toBe(row);
    const typed = Float64Array.of(1, 2, 0, 4);
    expect(applicantRow(model, typed)).toBe(typed);
  });

  it.each<[Record<string, number | string>, string, string]>([
    [{ income: "high" }, 'scoreRow: feature "income" is the string "high", expected a number', "income"],
    [{ income: Infinity }, 'scoreRow: feature "income" is Infinity', "income"],
    [{ age: -Infinity }, 'scoreRow: feature "age" is -Infinity', "age"],
  ])("refuses %j with INVALID_DATA naming the feature", (record, message, field) => {
    expect(() => scoreRow(model, record)).toThrow(expect.objectContaining({ code: "INVALID_DATA", message, field }));
  });
});

describe("scoreRow: the documented construction, number by number", () => {
  const rows: [string, Record<string, number | string | null>][] = [
    ["a late payer with low income", { lateShare: 0.8, income: 2000, housing: "rent", age: 22 }],
    ["an on-time payer with high income", { lateShare: 0, income: 40000, housing: "own", age: 50 }],
    ["a thin file", { lateShare: null, income: 9000, housing: null, age: null }],
  ];

  it.each(rows)("%s", (_name, record) => {
    const row = applicantRow(model, record);
    const result = scoreRow(model, record);
    const pd = pdOf(row);
    const basePd = WEIGHTS.reduce((s, w, k) => s + w * sigmoid(MEMBERS[k].intercept), 0);
    expect(result.probabilityOfDefault).toBeCloseTo(pd, 14);
    expect(result.score).toBeCloseTo(scoreFromProbability(pd).score, 9);
    expect(result.scoreClamped).toBe(false);
    expect(result.baseScore).toBeCloseTo(scoreFromProbability(basePd).score, 9);
    const bucket = DEFAULT_RISK_BUCKETS.find((b) => result.score >= b.minScore);
    expect(result.riskBucket).toEqual(bucket);

    // Points: Σ = score − base score; each feature's share of the move is its share of ψ.
    const points = result.contributions.map((c) => c.points);
    expect(points.reduce((s, p) => s + p, 0)).toBeCloseTo(result.score - result.baseScore, 9);
    FEATURES.forEach((feature, j) => {
      const contribution = result.contributions[j];
      expect(contribution.feature).toBe(feature.name);
      const raw = row[j];
      expect(contribution.value).toBe(Number.isNaN(raw) ? null : feature.kind === "categorical" ? feature.categories[raw] : raw);
      if (Number.isNaN(raw)) expect(Math.abs(contribution.points)).toBe(0);
    });
    expect(result.contributions.map((c) => c.component)).toEqual(["repayment", "capacity", "profile", "age"]);

    // Components, sub-scores, confidence, members.
    for (const component of ["repayment", "capacity", "profile", "age"]) {
      const sum = result.contributions.filter((c) => c.component === component).reduce((s, c) => s + c.points, 0);
      expect(result.componentPoints[component]).toBe(sum);
      expect(result.subScores[component]).toBe(subScoreFromPoints(sum));
    }
    const present = Array.from(row).filter((v) => !Number.isNaN(v)).length;
    const memberPds = MEMBERS.map((m) => sigmoid(marginOf(m, row)));
    expect(result.confidenceDetail).toEqual(computeModelConfidence(memberPds, WEIGHTS, present, FEATURES.length));
    expect(result.confidence).toBe(result.confidenceDetail.confidence);
    expect(result.memberProbabilities).toEqual({ scorecard: memberPds[0], randomForest: memberPds[1] });

    // Reasons: most negative points first, only negative; positive factors most positive first.
    const adverse = result.contributions.filter((c) => c.points < 0).sort((a, b) => a.points - b.points);
    expect(result.adverseReasons.map((r) => r.feature)).toEqual(adverse.slice(0, 4).map((c) => c.feature));
    const positive = result.contributions.filter((c) => c.points > 0).sort((a, b) => b.points - a.points);
    expect(result.positiveFactors.map((r) => r.feature)).toEqual(positive.slice(0, model.config.maxPositiveFactors).map((c) => c.feature));
  });

  it("names the catalog's reason for a catalogued feature and the generic one otherwise", () => {
    const result = scoreRow(model, { lateShare: 0.9, income: 1000, housing: "rent", age: 20 });
    expect(result.adverseReasons.find((r) => r.feature === "lateShare")).toMatchObject({ code: "LATE", text: "Bills paid late", component: "repayment" });
    expect(result.adverseReasons.find((r) => r.feature === "income")).toMatchObject({ code: fallbackReasonCode("income").code, text: fallbackReasonCode("income").adverse });
  });

  it("reports a clamped score as clamped", () => {
    const clamped = scoreRow(model, { lateShare: 40, income: 0, housing: "rent", age: 20 });
    expect(clamped.score).toBe(300);
    expect(clamped.scoreClamped).toBe(true);
  });
});

describe("suggestImprovements on known coefficients", () => {
  const improvements: ImprovementCatalog = {
    lateShare: { target: 0, action: "Pay every bill by its due date", direction: "higher-is-riskier" },
    income: { target: 30000, action: "Receive your income into a linked account", direction: "higher-is-safer" },
    housing: { target: 0, action: "not numeric: never suggested", direction: "higher-is-riskier" },
    unknownFeature: { target: 1, action: "not in the model: never suggested", direction: "higher-is-safer" },
  };
  const scoreOf = (record: Record<string, number | string | null>) => scoreRow(model, record).score;
  const applicant = { lateShare: 0.5, income: 5000, housing: "rent", age: 30 };

  it("re-scores with one feature at its target, largest gain first, only for features that lowered the score", () => {
    const suggestions = suggestImprovements(model, applicant, { improvements });
    expect(suggestions.map((s) => s.feature)).toEqual(["lateShare", "income"].sort((a, b) => {
      const gain = (f: string) => scoreOf({ ...applicant, [f]: improvements[f].target }) - scoreOf(applicant);
      return gain(b) - gain(a);
    }));
    for (const s of suggestions) {
      expect(s.estimatedScoreChange).toBeCloseTo(scoreOf({ ...applicant, [s.feature]: s.targetValue }) - scoreOf(applicant), 9);
      expect(s).toMatchObject({ action: improvements[s.feature].action, currentValue: applicant[s.feature as keyof typeof applicant], targetValue: improvements[s.feature].target });
    }
  });

  it("never suggests a target on the riskier side, nor a feature that helped", () => {
    expect(suggestImprovements(model, { ...applicant, income: 50000 }, { improvements }).map((s) => s.feature)).toEqual(["lateShare"]);
    expect(suggestImprovements(model, { ...applicant, lateShare: 0 }, { improvements }).map((s) => s.feature)).toEqual(["income"]);
    const worse: ImprovementCatalog = { lateShare: { ...improvements.lateShare, target: 0.9 }, income: { ...improvements.income, target: 1000 } };
    expect(suggestImprovements(model, applicant, { improvements: worse })).toEqual([]);
  });

  it("never suggests a feature that moved the score by nothing (a missing value counts for 0 here)", () => {
    expect(Math.abs(scoreRow(model, { ...applicant, income: null }).contributions[1].points)).toBe(0);
    expect(suggestImprovements(model, { ...applicant, income: null }, { improvements }).map((s) => s.feature)).toEqual(["lateShare"]);
  });

  it("keeps at most maxSuggestions, and refuses a bad count or a non-finite target", () => {
    expect(suggestImprovements(model, applicant, { improvements, maxSuggestions: 1 })).toHaveLength(1);
    expect(suggestImprovements(model, applicant, { improvements, maxSuggestions: 0 })).toEqual([]);
    expect(() => suggestImprovements(model, applicant, { improvements, maxSuggestions: 1.5 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", message: "suggestImprovements: maxSuggestions must be an integer ≥ 0, got 1.5" }));
    expect(() => suggestImprovements(model, applicant, { improvements: { income: { ...improvements.income, target: NaN } } })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", message: 'suggestImprovements: improvements must be a finite target for "income", got NaN' }),
    );
  });
});
