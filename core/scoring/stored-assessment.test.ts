import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { computeFeatures } from "@/scoring/features/compute-features";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { generatePopulation } from "@/scoring/synthetic/generate-population";
import { featureNames, type FeatureVector } from "@/scoring/features/feature-catalog";
import { canonicalResult, diffJson, freezeFeatures, readStoredResult, storeAssessment, thawFeatures, toJsonValue } from "./stored-assessment";

describe("stored results", () => {
  it("turns non-finite numbers into null, -0 into 0, and drops undefined members, at any depth", () => {
    expect(toJsonValue({ a: NaN, b: [Infinity, -0, 1.5], c: undefined, d: { e: Float64Array.of(NaN, 2) } })).toEqual({ a: null, b: [null, 0, 1.5], d: { e: [null, 2] } });
    // What JSON cannot hold is refused, not stored as an empty object.
    expect(() => toJsonValue({ count: 10n })).toThrow("toJsonValue: a bigint is not JSON");
    expect(() => toJsonValue([() => 1])).toThrow("toJsonValue: a function is not JSON");
  });

  it("round-trips a feature vector through storage: NaN ↔ null, every other value bit for bit", () => {
    const vector = Object.fromEntries(featureNames.map((name, i) => [name, i % 3 === 0 ? NaN : i / 7])) as FeatureVector;
    const stored = JSON.parse(JSON.stringify(freezeFeatures(vector))) as unknown;
    const thawed = thawFeatures(stored);
    for (const name of featureNames) expect(Object.is(thawed[name], vector[name])).toBe(true);
  });

  it("compares results by canonical bytes, whatever the key order", () => {
    expect(canonicalResult({ b: 1, a: { d: [1, NaN], c: 0.1 + 0.2 } })).toBe(canonicalResult({ a: { c: 0.30000000000000004, d: [1, null] }, b: 1 }));
    expect(canonicalResult({ a: 0.1 + 0.2 })).not.toBe(canonicalJson({ a: 0.3 }));
  });

  it("names each differing leaf by its dotted path, and nothing when equal", () => {
    const original = { decision: { recommendedLimit: 5000, flags: [{ code: "A" }, { code: "B" }] }, score: 600 };
    const replayed = { decision: { recommendedLimit: 5100, flags: [{ code: "A" }] }, score: 600, extra: true };
    expect(diffJson(original, original)).toEqual([]);
    expect(diffJson(original, replayed)).toEqual([
      { path: "decision.flags[1]", original: '{"code":"B"}', replayed: null },
      { path: "decision.recommendedLimit", original: "5000", replayed: "5100" },
      { path: "extra", original: null, replayed: "true" },
    ]);
  });

  it("names a member whose kind changed (null, a number or an array where the other has an object) once, at its path, a null as null", () => {
    const object = { x: 1 };
    for (const [before, after] of [
      [null, object],
      [5, object],
      [object, 5],
      [object, null],
      [[1], object],
    ] as const) {
      expect(diffJson({ member: before, same: 1 }, { member: after, same: 1 })).toEqual([{ path: "member", original: JSON.stringify(before), replayed: JSON.stringify(after) }]);
    }
  });

  describe("reading a stored result by its schema", () => {
    const model = loadArtifact(readFileSync("scoring/artifacts/default-model.json", "utf8"));
    const asOf = "2026-11-01T00:00:00Z";
    const stored = generatePopulation({ seed: 11, size: 3, asOf, market: "KE" }).map((borrower) =>
      JSON.parse(JSON.stringify(storeAssessment(assessApplication(model, DEFAULT_DECISION_POLICY, computeFeatures(borrower.bundle, borrower.context, asOf), { requestedAmount: 20_000, requestedTenorDays: 90 })))) as Record<string, unknown>,
    );

    it("reads what storeAssessment writes, as stored (members it does not name kept)", () => {
      for (const result of stored) {
        const read = readStoredResult(result);
        expect(canonicalResult(read)).toBe(canonicalResult(result));
        expect(read.decision.recommendation).toMatch(/^(APPROVE|REVIEW|REJECT)$/);
      }
    });

    it("refuses a result that lacks what the API reads, naming the path", () => {
      const broken = structuredClone(stored[0]) as { decision: Record<string, unknown> };
      delete broken.decision.recommendation;
      expect(() => readStoredResult(broken)).toThrow(/decision\.recommendation/);
      expect(() => readStoredResult(null)).toThrow(/JSON object/);
      // A result written as a JSON string (encoded twice) is not a stored result either.
      expect(() => readStoredResult(JSON.stringify(stored[0]))).toThrow("readStoredResult: a stored result is a JSON object");
    });
  });
});
