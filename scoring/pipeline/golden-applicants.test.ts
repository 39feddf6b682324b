import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "../decision/policy";
import { computeFeatures } from "../features/compute-features";
import type { FeatureVector } from "../features/feature-catalog";
import { generatePopulation, type SyntheticBorrower } from "../synthetic/generate-population";
import { assessApplication } from "./assess-application";

// Golden values: a few fixed applicants scored by the committed default model and the default policy
// through the pure pipeline, their PD, score, band, reasons, decision and limit pinned byte for byte in
// ./golden-applicants.json. Any change to features, model, scaling, explanations or policy shows here.
//
// When the change is on purpose (a retrained default model, a new policy default, a feature fix):
//   npm run golden:update
// rewrites the fixture; review its diff and commit it with the change that caused it.

const model = loadArtifact(readFileSync(new URL("../artifacts/default-model.json", import.meta.url), "utf8"));
const policy = DEFAULT_DECISION_POLICY;
const asOf = "2026-06-30T00:00:00.000Z";
const request = { requestedAmount: 30000, requestedTenorDays: 180 };
/** The salaried applicant asks for less, within what their cash flow supports: the approval case. */
const modestRequest = { requestedAmount: 15000, requestedTenorDays: 180 };

/** The first borrower of a fixed synthetic population that fits each profile. */
const population = generatePopulation({ seed: 2026, size: 300, asOf, fraudShare: 0.1 }).map((borrower) => ({ borrower, features: computeFeatures(borrower.bundle, borrower.context, asOf) }));
type Candidate = { borrower: SyntheticBorrower; features: FeatureVector };
const profiles: [string, (c: Candidate) => boolean, typeof request?][] = [
  ["thin file, with cash flow", (c) => c.borrower.fraudPattern === null && c.features.historyMonths < 3 && Number.isFinite(c.features.monthlyInflow90)],
  ["thin file, no cash-flow data", (c) => c.borrower.fraudPattern === null && c.features.historyMonths < 3 && Number.isNaN(c.features.monthlyInflow90)],
  ["salaried", (c) => c.borrower.fraudPattern === null && c.borrower.segment === "salaried" && c.features.historyMonths >= 6 && c.features.loanDefaults === 0, modestRequest],
  ["strong repayer", (c) => c.borrower.fraudPattern === null && c.features.priorLoanCount >= 3 && c.features.loanOnTimeShare === 1 && c.features.loanDefaults === 0],
  ["defaulted elsewhere", (c) => c.borrower.fraudPattern === null && c.features.loanDefaults >= 1],
  ["fraud: SIM-swap takeover", (c) => c.borrower.fraudPattern === "simSwapTakeover"],
  ["fraud: synthetic identity", (c) => c.borrower.fraudPattern === "syntheticIdentity"],
  ["fraud: loan stacking", (c) => c.borrower.fraudPattern === "loanStacking"],
];

function goldenRecord(profile: string, candidate: Candidate, asked: typeof request) {
  const { score, decision } = assessApplication(model, policy, candidate.features, asked);
  return {
    profile,
    request: asked,
    borrower: candidate.borrower.id,
    segment: candidate.borrower.segment,
    fraudPattern: candidate.borrower.fraudPattern,
    probabilityOfDefault: score.probabilityOfDefault,
    score: score.score,
    riskBucket: score.riskBucket.name,
    confidence: score.confidence,
    adverseReasons: score.adverseReasons.map((r) => ({ code: r.code, text: r.text, points: r.points })),
    positiveFactors: score.positiveFactors.map((r) => r.code),
    recommendation: decision.recommendation,
    riskLevel: decision.riskLevel,
    recommendedLimit: decision.recommendedLimit,
    tenorDays: decision.tenorDays,
    decisionReasons: decision.reasons.map((r) => r.code),
    humanReviewFlags: decision.humanReviewFlags.map((r) => r.code),
    fraudFlags: decision.fraudFlags.map((r) => r.code),
  };
}

describe("golden applicants (committed default model, default policy)", () => {
  const selected = profiles.map(([profile, fits, asked = request]) => {
    const candidate = population.find(fits);
    if (!candidate) throw new Error(`no borrower of the golden population fits "${profile}"`);
    return goldenRecord(profile, candidate, asked);
  });
  const golden = { asOf, modelVersion: model.versionId(), policy: policy.name, applicants: selected };

  it("cover approvals, referrals, rejections, a positive limit and a fraud flag", () => {
    const outcomes = new Set(selected.map((a) => a.recommendation));
    expect([...outcomes].sort()).toEqual(["APPROVE", "REJECT", "REVIEW"]);
    expect(selected.some((a) => a.recommendedLimit > 0)).toBe(true);
    expect(selected.some((a) => a.fraudFlags.length > 0)).toBe(true);
  });

  // A changed modelVersion in the diff means scoring/artifacts/default-model.json is not the model the
  // fixture was made with.
  it("score exactly as pinned in golden-applicants.json (after an intended change: npm run golden:update)", async () => {
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot("./golden-applicants.json");
  });
});
