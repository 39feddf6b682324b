import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { canonicalResult, reassessStoredScoring, storeAssessment, storedExplanationRuleVersion, thawFeatures } from "./stored-assessment";

// Replay compares bytes, so a new explanation rule must not make earlier scorings "differ". replay-fixtures.json
// holds stored scorings of the committed default model under the default policy: three written by the code
// before explanation rules were versioned (commit 27557e4, rule 1, no `explanationRule` member) and two by explanation rule 2.
// Each must replay byte for byte with the rule it records, and rule-1 results must differ under rule 2 (so the
// dispatch, not luck, keeps them identical).

interface Fixture {
  madeBy: string;
  features: Record<string, number | null>;
  request: { requestedAmount: number; requestedTenorDays: number };
  result: Record<string, unknown>;
}
const fixtures = JSON.parse(readFileSync(new URL("./replay-fixtures.json", import.meta.url), "utf8")) as Fixture[];
const model = loadArtifact(readFileSync(new URL("../../scoring/artifacts/default-model.json", import.meta.url), "utf8"));
const storedOf = (fixture: Fixture) => ({ features: fixture.features, requestedAmount: fixture.request.requestedAmount, requestedTenorDays: fixture.request.requestedTenorDays, result: fixture.result });

describe("replay dispatches on the stored explanation rule", () => {
  it("holds results of both rules", () => {
    expect(fixtures.map((fixture) => storedExplanationRuleVersion(fixture.result))).toEqual([1, 1, 1, 2, 2]);
  });

  it.each(fixtures.map((fixture, i) => [i, fixture.madeBy, fixture] as const))("replays fixture %i (%s) byte for byte", (_i, _madeBy, fixture) => {
    expect(canonicalResult(reassessStoredScoring(model, DEFAULT_DECISION_POLICY, storedOf(fixture)))).toBe(canonicalResult(fixture.result));
  });

  it("would not replay a rule-1 result under the current rule: its reasons and arithmetic change", () => {
    for (const fixture of fixtures.filter((f) => storedExplanationRuleVersion(f.result) === 1)) {
      const underCurrentRule = storeAssessment(assessApplication(model, DEFAULT_DECISION_POLICY, thawFeatures(fixture.features), fixture.request));
      expect(canonicalResult(underCurrentRule)).not.toBe(canonicalResult(fixture.result));
    }
  });
});
