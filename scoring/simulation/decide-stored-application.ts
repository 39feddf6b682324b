import { evaluateDecision } from "../decision/evaluate-decision";
import type { DecisionPolicy } from "../decision/policy";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import type { FeatureVector } from "../features/feature-catalog";
import { assessApplication, decisionInputFor, type LoanRequest, type ScoreForDecision } from "../pipeline/assess-application";
import { caseDecisionOf, type CaseDecision } from "./simulation-case";

/** A stored application: its frozen features, the score it got and what it asked for. */
export interface StoredApplication {
  readonly features: FeatureVector;
  readonly score: ScoreForDecision;
  readonly request: LoanRequest;
}

/**
 * What `policy` decides on a stored application. Without a model the stored score is kept and only the
 * decision is re-evaluated — exactly what assessApplication would decide under that policy, since the score
 * depends on the features and model alone (a stored scoring re-evaluated under its own policy gives its
 * stored decision, byte for byte). With a model (a challenger) the features are scored again first.
 * @throws ScoringError INVALID_ARGUMENT as evaluateDecision / assessApplication do.
 */
export function decideStoredApplication(application: StoredApplication, policy: DecisionPolicy, model?: FittedEnsemble): CaseDecision {
  if (model) {
    const assessment = assessApplication(model, policy, application.features, application.request);
    return caseDecisionOf(assessment.decision, assessment.score.probabilityOfDefault);
  }
  const decision = evaluateDecision(decisionInputFor(application.score, application.features, policy, application.request), policy);
  return caseDecisionOf(decision, application.score.probabilityOfDefault);
}
