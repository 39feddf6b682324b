import { requireArgument } from "../core/errors";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { CURRENT_EXPLANATION_RULE_VERSION, type ReasonRule, type ExplanationRuleVersion } from "../explain/reason-rule";
import { scoreRow, type ScoreResult } from "../explain/score-row";
import { buildReasonRule } from "../features/reason-references";
import type { FeatureVector } from "../features/feature-catalog";
import { evaluateDecision, type Decision, type DecisionFlag, type DecisionInput } from "../decision/evaluate-decision";
import type { DecisionPolicy } from "../decision/policy";

/** What the applicant asks for. */
export interface LoanRequest {
  /** In the policy's currency, major units. */
  readonly requestedAmount: number;
  readonly requestedTenorDays: number;
}

/** Everything one assessment produced: the frozen features, the model's score and the policy's decision. */
export interface ApplicationAssessment {
  readonly features: FeatureVector;
  readonly score: ScoreResult;
  readonly decisionInput: DecisionInput;
  readonly decision: Decision;
}

/**
 * The capacity inputs of the policy from the features:
 *   monthly net inflow          = monthlyInflow90 (money in per 30 days, loan disbursements excluded)
 *   existing monthly instalments = monthlyInflow90 · debtServiceRatio90 (instalments due to other lenders ÷ inflow)
 * Net inflow is NaN when there is no cash-flow data (the policy then refers, see evaluateDecision);
 * existing instalments are 0 when unknown.
 */
export function capacityFromFeatures(features: FeatureVector): { monthlyNetInflow: number; existingMonthlyInstalments: number } {
  const inflow = features.monthlyInflow90;
  const ratio = features.debtServiceRatio90;
  return {
    monthlyNetInflow: Number.isFinite(inflow) ? inflow : NaN,
    existingMonthlyInstalments: Number.isFinite(inflow) && Number.isFinite(ratio) ? inflow * ratio : 0,
  };
}

/** The policy's fraud rules applied to the features: a flag for each rule whose feature is at least its level. */
export function fraudFlagsFromFeatures(features: FeatureVector, policy: DecisionPolicy): DecisionFlag[] {
  const values = features as unknown as Readonly<Record<string, number>>;
  return policy.fraudRules.filter((rule) => values[rule.feature] >= rule.atLeast).map((rule) => ({ code: rule.code, text: rule.text }));
}

let reasonRule2: ReasonRule | undefined;

/**
 * The reason rule of a version for the feature catalog's models: undefined for rule 1 (scoreRow's
 * original selection), buildReasonRule() for rule 2.
 * @throws ScoringError INVALID_ARGUMENT on an unknown version.
 */
export function reasonRuleFor(version: ExplanationRuleVersion): ReasonRule | undefined {
  requireArgument(version === 1 || version === 2, "reasonRuleFor: version", `1 or 2, got ${String(version)}`);
  if (version === 1) return undefined;
  reasonRule2 ??= buildReasonRule();
  return reasonRule2;
}

/**
 * The current reason rule for direct mode (the quick-score form): reasons rest only on stated values,
 * an indicator not stated gives none.
 */
export function quickScoreReasonRule(): ReasonRule {
  const rule = reasonRuleFor(CURRENT_EXPLANATION_RULE_VERSION);
  if (!rule) throw new Error("quickScoreReasonRule: the current reason rule is rule 1");
  return { ...rule, statedValuesOnly: true };
}

/**
 * Scores an application and applies the lender's policy: features → ensemble score and explanation →
 * decision. Pure: the same features, model, policy and request give the same bytes, which is what replay
 * relies on (the service stores the frozen feature vector, the artifact's hash and the policy's hash).
 *
 * Decision inputs from features: capacity (capacityFromFeatures), income volatility
 * (incomeVolatility365, a coefficient of variation), months of history (historyMonths, 0 when unknown),
 * default elsewhere (loanDefaults ≥ 1), worst days past due elsewhere (loanMaxDaysPastDue365), fraud
 * flags (the policy's fraudRules).
 * Reasons are chosen by `explanationRuleVersion` (default: the current rule); replay passes the version the
 * stored result records, so a result replays with the rule it was made with.
 * @throws ScoringError INVALID_ARGUMENT on a bad request (see evaluateDecision) or a feature vector of another width.
 */
export function assessApplication(
  model: FittedEnsemble,
  policy: DecisionPolicy,
  features: FeatureVector,
  request: LoanRequest,
  explanationRuleVersion: ExplanationRuleVersion = CURRENT_EXPLANATION_RULE_VERSION,
): ApplicationAssessment {
  const record = features as unknown as Readonly<Record<string, number>>;
  const missing = model.features.filter((feature) => typeof record[feature.name] !== "number");
  requireArgument(missing.length === 0, "assessApplication: features", `a value (or NaN) for every model feature; missing: ${missing.map((f) => f.name).join(", ")}`);
  const score = scoreRow(model, record, { reasonRule: reasonRuleFor(explanationRuleVersion) });
  const decisionInput = decisionInputFor(score, features, policy, request);
  return { features, score, decisionInput, decision: evaluateDecision(decisionInput, policy, explanationRuleVersion === 2 ? { explanationRule: 2 } : {}) };
}

/** The model's side of a scoring the decision reads (a stored scoring's score carries the same members). */
export type ScoreForDecision = Pick<ScoreResult, "score" | "probabilityOfDefault" | "confidence" | "subScores">;

/**
 * The decision's input from a score, the features and the request under `policy` (its fraud rules read the
 * features): what assessApplication evaluates, and what a policy simulation re-evaluates from a stored score.
 */
export function decisionInputFor(score: ScoreForDecision, features: FeatureVector, policy: DecisionPolicy, request: LoanRequest): DecisionInput {
  return {
    modelScore: score.score,
    probabilityOfDefault: score.probabilityOfDefault,
    confidence: score.confidence,
    subScores: score.subScores,
    ...capacityFromFeatures(features),
    incomeCoefficientOfVariation: features.incomeVolatility365,
    monthsOfHistory: Number.isFinite(features.historyMonths) ? features.historyMonths : 0,
    defaultedElsewhere: features.loanDefaults >= 1,
    maxDaysPastDueElsewhere: features.loanMaxDaysPastDue365,
    fraudFlags: fraudFlagsFromFeatures(features, policy),
    requestedAmount: request.requestedAmount,
    requestedTenorDays: request.requestedTenorDays,
  };
}
