import "server-only";
import type { DecisionPolicy } from "@/scoring/decision/policy";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { FeatureVector } from "@/scoring/features/feature-catalog";
import { assessApplication, type LoanRequest } from "@/scoring/pipeline/assess-application";
import { storeAssessment, type JsonValue } from "../scoring/stored-assessment";

/**
 * The challenger's result on a scoring, as stored in CreditScore.challengerResult: the same frozen features,
 * request and policy as the champion's, so the two differ only by the model. What the challenger "would
 * decide" is recorded for comparison; nothing reads it to decide. A challenger that cannot score these
 * features records why instead of failing the live scoring (`{ error }`), and replays to the same bytes.
 */
export function scoreInShadow(challenger: FittedEnsemble, policy: DecisionPolicy, features: FeatureVector, request: LoanRequest): JsonValue {
  try {
    return storeAssessment(assessApplication(challenger, policy, features, request));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
