// The engine's result as it is stored in CreditScore.result and compared on replay: JSON values only
// (NaN, which JSON lacks, becomes null), compared as canonical JSON.
import { assessApplication, type ApplicationAssessment } from "@/scoring/pipeline/assess-application";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { DecisionPolicy } from "@/scoring/decision/policy";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import { featureNames, type FeatureVector } from "@/scoring/features/feature-catalog";
import { z } from "zod";
import type { ScoreReason } from "@/scoring/explain/reason-codes";
import type { ExplanationRuleVersion } from "@/scoring/explain/reason-rule";
import type { ArithmeticStep, DecisionFlag, Recommendation } from "@/scoring/decision/evaluate-decision";
import type { RiskLevel } from "@/scoring/decision/policy";

/** A JSON value: what a stored record holds. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Replaces every non-finite number by null and drops undefined properties, recursively. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, toJsonValue);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return Object.fromEntries(entries.map(([key, item]) => [key, toJsonValue(item)]));
  }
  throw new TypeError(`toJsonValue: a ${typeof value} is not JSON`);
}

/** The frozen feature vector as stored: missing (NaN) values as null. */
export function freezeFeatures(features: FeatureVector): Record<string, number | null> {
  return Object.fromEntries(featureNames.map((name) => [name, Number.isFinite(features[name]) ? features[name] : null]));
}

/** The stored vector back to the engine's: null → NaN. */
export function thawFeatures(stored: unknown): FeatureVector {
  const record = (stored ?? {}) as Record<string, number | null | undefined>;
  return Object.fromEntries(featureNames.map((name) => [name, typeof record[name] === "number" ? record[name] : NaN])) as FeatureVector;
}

/** The stored result: the score with its explanation, the decision and the decision's inputs. */
export function storeAssessment(assessment: ApplicationAssessment): JsonValue {
  const { score, decision, decisionInput } = assessment;
  return toJsonValue({ score: { ...score, riskBucket: score.riskBucket }, decision, decisionInput });
}

/** Byte-comparable form of a stored or replayed result. */
export function canonicalResult(result: unknown): string {
  return canonicalJson(toJsonValue(result));
}

/** The parts of a stored result the API reads. */
export interface StoredResult {
  score: {
    probabilityOfDefault: number;
    score: number;
    riskBucket: { name: string; label: string };
    confidence: number;
    baseScore: number;
    contributions: { feature: string; component: string; value: number | string | null; points: number }[];
    subScores: Record<string, number>;
    componentPoints: Record<string, number>;
    adverseReasons: ScoreReason[];
    positiveFactors: ScoreReason[];
    /** The reason rule that chose the reasons; absent in results made under rule 1. */
    explanationRule?: 2;
  };
  decision: {
    recommendation: Recommendation;
    decisionScore: number;
    riskLevel: RiskLevel;
    recommendedLimit: number;
    tenorDays: number;
    reasons: DecisionFlag[];
    fraudFlags: DecisionFlag[];
    humanReviewFlags: DecisionFlag[];
    arithmetic: ArithmeticStep[];
  };
}

const reason = z.object({ code: z.string(), text: z.string(), feature: z.string(), component: z.string(), points: z.number() });
const flag = z.object({ code: z.string(), text: z.string() });

// The stored result as scorings have written it since the first release (no `format` member: format 1). The
// schema names what the API reads; everything else is kept as stored (loose objects), so replay compares the
// stored bytes as they are. A later shape gets a `format` member, its own schema and an upgrade from this one.
const storedResultV1 = z.looseObject({
  score: z.looseObject({
    probabilityOfDefault: z.number(),
    score: z.number(),
    riskBucket: z.looseObject({ name: z.string(), label: z.string() }),
    confidence: z.number(),
    baseScore: z.number(),
    contributions: z.array(z.looseObject({ feature: z.string(), component: z.string(), value: z.union([z.number(), z.string(), z.null()]), points: z.number() })),
    subScores: z.record(z.string(), z.number()),
    componentPoints: z.record(z.string(), z.number()),
    adverseReasons: z.array(reason),
    positiveFactors: z.array(reason),
    explanationRule: z.literal(2).optional(),
  }),
  decision: z.looseObject({
    recommendation: z.enum(["APPROVE", "REVIEW", "REJECT"]),
    decisionScore: z.number(),
    riskLevel: z.enum(["LOW", "MEDIUM", "HIGH", "VERY_HIGH"]),
    recommendedLimit: z.number(),
    tenorDays: z.number(),
    reasons: z.array(flag),
    fraudFlags: z.array(flag),
    humanReviewFlags: z.array(flag),
    arithmetic: z.array(z.looseObject({ label: z.string(), value: z.number(), formula: z.string() })),
  }),
});

const parsedResults = new WeakMap<object, StoredResult>();

/**
 * A CreditScore's stored result, parsed by its format's schema (once per row object): a stored record is
 * never read by a cast, so a row that does not have the shape the API reads fails loudly, naming the path.
 * @throws Error naming the first member that does not parse.
 */
export function readStoredResult(result: unknown): StoredResult {
  if (typeof result !== "object" || result === null) throw new Error("readStoredResult: a stored result is a JSON object");
  let parsed = parsedResults.get(result);
  if (!parsed) {
    const outcome = storedResultV1.safeParse(result);
    if (!outcome.success) throw new Error(`readStoredResult: the stored result does not parse at ${outcome.error.issues[0].path.join(".")}: ${outcome.error.issues[0].message}`);
    parsed = outcome.data as unknown as StoredResult;
    parsedResults.set(result, parsed);
  }
  return parsed;
}

/** The reason rule a stored result was made with (1 when it records none), for replay to re-run. */
export function storedExplanationRuleVersion(result: unknown): ExplanationRuleVersion {
  return readStoredResult(result).score.explanationRule ?? 1;
}

/** What replay needs of a stored scoring: its frozen features, the request and the stored result. */
export interface StoredScoring {
  features: unknown;
  requestedAmount: { toString(): string };
  requestedTenorDays: number;
  result: unknown;
}

/**
 * Re-runs the engine on a stored scoring with the model and policy it was made under and the reason rule
 * its result records, giving the result to compare byte for byte with the stored one.
 */
export function reassessStoredScoring(model: FittedEnsemble, policy: DecisionPolicy, stored: StoredScoring): JsonValue {
  const request = { requestedAmount: Number(stored.requestedAmount.toString()), requestedTenorDays: stored.requestedTenorDays };
  return storeAssessment(assessApplication(model, policy, thawFeatures(stored.features), request, storedExplanationRuleVersion(stored.result)));
}

/**
 * Differences between two JSON values as dotted paths (array items as [i]), in path order: what replay
 * reports when the bytes differ.
 */
export function diffJson(original: unknown, replayed: unknown, path = ""): { path: string; original: string | null; replayed: string | null }[] {
  const a = toJsonValue(original);
  const b = toJsonValue(replayed);
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [{ path: path || "(root)", original: a === null && original === undefined ? null : canonicalJson(a), replayed: b === null && replayed === undefined ? null : canonicalJson(b) }];
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => diffJson(a[i], b[i], `${path}[${i}]`)).flat();
  }
  const left = a as Record<string, JsonValue>;
  const right = b as Record<string, JsonValue>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.flatMap((key) => diffJson(left[key], right[key], path ? `${path}.${key}` : key));
}
