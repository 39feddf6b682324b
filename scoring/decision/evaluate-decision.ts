import { ScoringError, requireArgument } from "../core/errors";
import type { DecisionPolicy, RiskLevel } from "./policy";

/** A flag raised by fraud checks on the applicant's signals (e.g. a SIM swap days before applying). */
export interface DecisionFlag {
  readonly code: string;
  readonly text: string;
}

/** What the decision layer needs to know about one scoring. NaN means unknown. */
export interface DecisionInput {
  /** The ensemble's 300–850 score. */
  readonly modelScore: number;
  readonly probabilityOfDefault: number;
  /** Model confidence in [0, 1]. */
  readonly confidence: number;
  /** 0–200 sub-score per component (100 = neutral). */
  readonly subScores: Readonly<Record<string, number>>;
  /**
   * Average monthly net inflow in the policy's currency: money coming in, net of borrowed money (loan
   * disbursements) — NaN when there is no cash-flow data.
   */
  readonly monthlyNetInflow: number;
  /** Instalments already owed to other lenders per month (0 when none or unknown). */
  readonly existingMonthlyInstalments: number;
  /** Coefficient of variation of monthly inflow (NaN when unknown). */
  readonly incomeCoefficientOfVariation: number;
  /** Months of behavioural history the file covers. */
  readonly monthsOfHistory: number;
  /** A loan with another lender is in default or written off. */
  readonly defaultedElsewhere: boolean;
  /** Worst days past due with other lenders in the last 12 months (NaN when no loans). */
  readonly maxDaysPastDueElsewhere: number;
  readonly fraudFlags: readonly DecisionFlag[];
  readonly requestedAmount: number;
  readonly requestedTenorDays: number;
}

export type Recommendation = "APPROVE" | "REVIEW" | "REJECT";

/** One line of the limit and tenor arithmetic, in the order it was applied. */
export interface ArithmeticStep {
  readonly label: string;
  readonly value: number;
  readonly formula: string;
}

export interface Decision {
  readonly recommendation: Recommendation;
  /** The score the thresholds were applied to (MODEL: the model score; WEIGHTED_COMPONENTS: the weighted one). */
  readonly decisionScore: number;
  readonly riskLevel: RiskLevel;
  readonly recommendedLimit: number;
  readonly tenorDays: number;
  readonly reasons: readonly DecisionFlag[];
  readonly fraudFlags: readonly DecisionFlag[];
  readonly humanReviewFlags: readonly DecisionFlag[];
  readonly arithmetic: readonly ArithmeticStep[];
}

/** How a decision is written (the explanation rule of the result, see scoring/explain/reason-rule.ts). */
export interface DecisionWording {
  /**
   * Explanation rule 2: the arithmetic ends with the step that takes it to the recommended limit (0 on a
   * decline) and the cut-off sentences state the compared score so that it reads on its side of the
   * threshold (formatComparedScore). Absent: rule 1, as results made before rules were versioned.
   */
  readonly explanationRule?: 2;
}

/**
 * `score` written with the fewest decimals (0 to 6) for which the shown number compares with every
 * `threshold` as the unrounded one does under the engine's test (score < threshold), so "below the cut-off
 * of 500" never shows 500: 499.6 → "499.6", 499.96 → "499.96", 512.3 → "512", 560.2 against 560 → "560"
 * (560 is not below 560, nor is 560.2). The engine compares the unrounded score; this is that score, shown.
 */
export function formatComparedScore(score: number, thresholds: readonly number[]): string {
  for (let digits = 0; digits < 6; digits++) {
    const shown = Number(score.toFixed(digits));
    if (thresholds.every((threshold) => shown < threshold === score < threshold)) return score.toFixed(digits);
  }
  return score.toFixed(6);
}

/** Days in the month used to turn tenors into instalment counts (the 30/360 convention). */
const DAYS_PER_MONTH = 30;

/**
 * Applies a lender's decision policy to one scoring. Pure and deterministic: the same input and policy
 * give the same decision, so a stored pair replays exactly.
 *
 * Order of application:
 * 1. Decision score: MODEL → the model score; WEIGHTED_COMPONENTS → 300 + 550·(Σ wᵢ·subScoreᵢ / Σ wᵢ)/200,
 *    minus the fraud penalty when a fraud flag is raised, clamped to 300–850.
 * 2. Risk level: the first PD band whose maxProbabilityOfDefault ≥ PD.
 * 3. Tenor = min(requested, the band's maximum).
 * 4. Instalment = max(0, inflow × share − existing instalments), share being the volatile-income share
 *    when the inflow's coefficient of variation exceeds the policy's limit (a debt-service-ratio cap);
 *    limit = ⌊min(instalment × tenor/30 × band multiplier, requested, policy maximum) / unit⌋ × unit.
 * 5. Recommendation: hard rules (default elsewhere, days past due elsewhere, fraud when the policy rejects
 *    on it) → REJECT; else score < rejectBelowScore → REJECT; affordable limit below the minimum → REJECT;
 *    score ≥ approveMinScore → APPROVE, otherwise REVIEW. An APPROVE with any human-review trigger (low
 *    confidence, thin file, near a threshold, fraud flag, no cash-flow data, request far above the limit)
 *    becomes REVIEW: the system recommends, the committee decides.
 * @throws ScoringError INVALID_ARGUMENT on a non-positive request or a score/PD/confidence out of range.
 */
export function evaluateDecision(input: DecisionInput, policy: DecisionPolicy, wording: DecisionWording = {}): Decision {
  const where = "evaluateDecision";
  requireArgument(input.requestedAmount > 0 && Number.isFinite(input.requestedAmount), `${where}: requestedAmount`, `a positive amount, got ${input.requestedAmount}`);
  requireArgument(Number.isInteger(input.requestedTenorDays) && input.requestedTenorDays > 0, `${where}: requestedTenorDays`, `a positive whole number of days, got ${input.requestedTenorDays}`);
  requireArgument(input.modelScore >= 300 && input.modelScore <= 850, `${where}: modelScore`, `in 300–850, got ${input.modelScore}`);
  requireArgument(input.probabilityOfDefault >= 0 && input.probabilityOfDefault <= 1, `${where}: probabilityOfDefault`, `in [0, 1], got ${input.probabilityOfDefault}`);
  requireArgument(input.confidence >= 0 && input.confidence <= 1, `${where}: confidence`, `in [0, 1], got ${input.confidence}`);

  const fraudFlags = [...input.fraudFlags];
  const decisionScore = computeDecisionScore(input, policy, fraudFlags.length > 0);
  const band = policy.riskLevels.find((b) => input.probabilityOfDefault <= b.maxProbabilityOfDefault);
  if (!band) throw new ScoringError("INVALID_ARGUMENT", `${where}: policy has no risk level for PD ${input.probabilityOfDefault}`, "riskLevels");

  const tenorDays = Math.min(input.requestedTenorDays, band.maxTenorDays);
  const ruleTwo = wording.explanationRule === 2;
  const { limit, arithmetic, capacityKnown } = computeLimit(input, policy, band.limitMultiplier, tenorDays, ruleTwo);

  const reasons: DecisionFlag[] = [];
  const review: DecisionFlag[] = [];
  const { thresholds, hardRules, humanReview, affordability } = policy;

  if (hardRules.rejectOnDefaultElsewhere && input.defaultedElsewhere) {
    reasons.push({ code: "DEFAULT_ELSEWHERE", text: "A loan with another lender is in default or written off." });
  }
  if (hardRules.rejectAtDaysPastDueElsewhere !== null && input.maxDaysPastDueElsewhere >= hardRules.rejectAtDaysPastDueElsewhere) {
    reasons.push({ code: "SEVERE_DELINQUENCY_ELSEWHERE", text: `Payments to another lender were ${input.maxDaysPastDueElsewhere} days late in the last 12 months.` });
  }
  if (hardRules.rejectOnFraudFlag && fraudFlags.length > 0) {
    reasons.push({ code: "FRAUD_RULE", text: "The application raised a fraud flag the policy does not accept." });
  } else {
    review.push(...fraudFlags.map((flag) => ({ code: "FRAUD_FLAG", text: flag.text })));
  }
  const compared = (threshold: number): string => (ruleTwo ? formatComparedScore(decisionScore, [threshold]) : String(Math.round(decisionScore)));
  if (decisionScore < thresholds.rejectBelowScore) {
    reasons.push({ code: "SCORE_BELOW_CUTOFF", text: `The score ${compared(thresholds.rejectBelowScore)} is below the policy's cut-off of ${thresholds.rejectBelowScore}.` });
  }
  if (capacityKnown && limit < affordability.minLimit) {
    reasons.push({ code: "INSUFFICIENT_CAPACITY", text: `Cash flow supports less than the minimum loan of ${affordability.minLimit} ${policy.currency}.` });
  }

  if (input.confidence < humanReview.minConfidence) {
    review.push({ code: "LOW_CONFIDENCE", text: `Model confidence ${input.confidence.toFixed(2)} is below ${humanReview.minConfidence}.` });
  }
  if (input.monthsOfHistory < humanReview.thinFileMonths) {
    review.push({ code: "THIN_FILE", text: `Only ${input.monthsOfHistory} months of history (policy asks for ${humanReview.thinFileMonths}).` });
  }
  const distanceToThreshold = Math.min(Math.abs(decisionScore - thresholds.approveMinScore), Math.abs(decisionScore - thresholds.rejectBelowScore));
  if (distanceToThreshold < humanReview.nearThresholdPoints) {
    review.push({ code: "NEAR_THRESHOLD", text: `The score is within ${humanReview.nearThresholdPoints} points of a policy threshold.` });
  }
  if (!capacityKnown) {
    review.push({ code: "NO_CASH_FLOW_DATA", text: "No cash-flow data: the limit cannot be tied to income." });
  } else if (limit > 0 && input.requestedAmount > limit * (1 + humanReview.requestAboveLimitShare)) {
    review.push({ code: "REQUEST_ABOVE_LIMIT", text: `The request is more than ${Math.round(humanReview.requestAboveLimitShare * 100)} % above the recommended limit.` });
  }

  let recommendation: Recommendation;
  if (reasons.length > 0) recommendation = "REJECT";
  else if (decisionScore >= thresholds.approveMinScore && review.length === 0) recommendation = "APPROVE";
  else recommendation = "REVIEW";
  if (recommendation === "REVIEW" && decisionScore < thresholds.approveMinScore) {
    const shown = ruleTwo ? formatComparedScore(decisionScore, [thresholds.rejectBelowScore, thresholds.approveMinScore]) : String(Math.round(decisionScore));
    reasons.push({ code: "SCORE_IN_REVIEW_BAND", text: `The score ${shown} is between the cut-off ${thresholds.rejectBelowScore} and the approval level ${thresholds.approveMinScore}.` });
  }
  const recommendedLimit = recommendation === "REJECT" ? 0 : limit;
  if (ruleTwo) {
    const formula =
      recommendation === "REJECT"
        ? `0: the recommendation is to decline (${reasons.map((reason) => reason.code).join(", ")}), so no amount is offered`
        : capacityKnown
          ? "the limit cash flow supports"
          : "0: no limit can be derived without net inflow";
    arithmetic.push({ label: "Recommended limit", value: recommendedLimit, formula });
  }

  return {
    recommendation,
    decisionScore,
    riskLevel: band.level,
    recommendedLimit,
    tenorDays,
    reasons,
    fraudFlags,
    humanReviewFlags: review,
    arithmetic,
  };
}

function computeDecisionScore(input: DecisionInput, policy: DecisionPolicy, fraud: boolean): number {
  if (policy.scoreMode === "MODEL") return input.modelScore;
  let weighted = 0;
  let total = 0;
  for (const [component, weight] of Object.entries(policy.componentWeights)) {
    const subScore = input.subScores[component];
    if (subScore === undefined || Number.isNaN(subScore)) {
      throw new ScoringError("INVALID_ARGUMENT", `evaluateDecision: policy weights component "${component}" but the scoring has no such sub-score`, "componentWeights");
    }
    weighted += weight * subScore;
    total += weight;
  }
  const projected = 300 + (550 * (weighted / total)) / 200 - (fraud ? policy.fraudPenaltyPoints : 0);
  return Math.min(850, Math.max(300, projected));
}

function computeLimit(input: DecisionInput, policy: DecisionPolicy, limitMultiplier: number, tenorDays: number, ruleTwo: boolean) {
  const { affordability } = policy;
  const arithmetic: ArithmeticStep[] = [];
  const capacityKnown = Number.isFinite(input.monthlyNetInflow) && input.monthlyNetInflow > 0;
  if (!capacityKnown) {
    arithmetic.push({ label: "Monthly net inflow", value: Number.isNaN(input.monthlyNetInflow) ? 0 : input.monthlyNetInflow, formula: "no positive net inflow on file: no limit can be derived" });
    return { limit: 0, arithmetic, capacityKnown };
  }
  const volatile = input.incomeCoefficientOfVariation > affordability.volatileIncomeCoefficientOfVariation;
  const share = volatile ? affordability.volatileIncomeShare : affordability.instalmentShareOfNetInflow;
  const existing = Number.isFinite(input.existingMonthlyInstalments) ? Math.max(0, input.existingMonthlyInstalments) : 0;
  const instalment = Math.max(0, input.monthlyNetInflow * share - existing);
  const months = tenorDays / DAYS_PER_MONTH;
  const affordable = instalment * months;
  const riskAdjusted = affordable * limitMultiplier;
  const capped = Math.min(riskAdjusted, input.requestedAmount, affordability.maxLimit);
  const limit = Math.floor(capped / affordability.roundingUnit) * affordability.roundingUnit;
  arithmetic.push(
    { label: "Monthly net inflow", value: input.monthlyNetInflow, formula: "money in per month, borrowed money excluded" },
    { label: "Affordability share", value: share, formula: volatile ? `volatile income (CV ${input.incomeCoefficientOfVariation.toFixed(2)} > ${affordability.volatileIncomeCoefficientOfVariation})` : "policy share of net inflow" },
    { label: "Existing instalments", value: existing, formula: "owed to other lenders per month" },
    { label: "Affordable instalment", value: instalment, formula: "max(0, net inflow × share − existing instalments)" },
    { label: "Tenor in months", value: months, formula: `${tenorDays} days ÷ ${DAYS_PER_MONTH}` },
    { label: "Affordable amount", value: affordable, formula: "instalment × months" },
    { label: "Risk-adjusted amount", value: riskAdjusted, formula: `affordable × risk-level multiplier ${limitMultiplier}` },
    { label: "Capped amount", value: capped, formula: `min(risk-adjusted, requested ${input.requestedAmount}, policy maximum ${affordability.maxLimit})` },
    { label: ruleTwo ? "Limit cash flow supports" : "Recommended limit", value: limit, formula: `rounded down to a multiple of ${affordability.roundingUnit}` },
  );
  return { limit, arithmetic, capacityKnown };
}
