import { CURRENT_EXPLANATION_RULE_VERSION, type ReasonRule } from "../explain/reason-rule";
import { buildFeatureReasonCatalog } from "./engine-config";
import { featureCatalog, type FeatureName } from "./feature-catalog";

/**
 * Each feature's stated reference for reason rule 2: an adverse reason is stated only when the value is
 * strictly past `value` in the feature's risky direction (docs/features.md, column "adverse when").
 * Fixed thresholds, not population statistics, so a borrower can read what was compared and the rule
 * does not move when the model is retrained; each is where the adverse text starts being true ("few",
 * "many", "new", "several"). `value: null`: no reference valid in every currency, so the value supports
 * neither an adverse reason nor a factor in favour (the capacity limit of the decision covers amounts).
 */
export const reasonReferences: Readonly<Record<FeatureName, { readonly value: number | null; readonly basis: string }>> = {
  monthsWithInflowShare365: { value: 0.75, basis: "money came in in fewer than 3 of every 4 months" },
  inflowVariation180: { value: 0.6, basis: "coefficient of variation above 0.6, the default policy's volatile-income limit" },
  incomeIntervalRegularity: { value: 0.625, basis: "gaps between income days vary by more than 60 % (1 ÷ 1.6)" },
  incomeTrend180: { value: -0.1, basis: "income fell by more than about a sixth (the last 90 days under 82 % of the 90 before)" },
  incomeVolatility365: { value: 0.6, basis: "coefficient of variation above 0.6, the default policy's volatile-income limit" },
  billOnTimeShare365: { value: 0.9, basis: "more than 1 bill in 10 not paid in full by its due day" },
  billMeanDaysLate365: { value: 7, basis: "more than a week on average" },
  billDecayedLateShare: { value: 0.2, basis: "more than a fifth of the recency-weighted bills" },
  mobileMoneyActiveDayShare90: { value: 0.25, basis: "fewer than 1 day in 4" },
  mobileMoneyActiveWeekShare180: { value: 0.9, basis: "more than 1 week in 10 without a transaction" },
  mobileMoneyLongestGapDays180: { value: 14, basis: "more than two weeks" },
  loanOnTimeShare: { value: 1, basis: "any instalment not paid in full by its due day" },
  loanMeanDaysLate: { value: 7, basis: "more than a week on average" },
  loanDecayedDaysLate: { value: 3, basis: "more than 3 days, recency-weighted" },
  loanMeanDaysEarly: { value: 1, basis: "less than one day early on average" },
  loanMaxDaysPastDue365: { value: 30, basis: "an instalment more than 30 days past due" },
  loanDefaults: { value: 0, basis: "any defaulted or written-off loan" },
  loansInArrears: { value: 0, basis: "any loan in arrears" },
  priorLoanCount: { value: 3, basis: "fewer than 3 loans" },
  bureauWorstStatusRank: { value: 0, basis: "any status worse than CURRENT" },
  bureauInquiries6m: { value: 3, basis: "more than 3 inquiries" },
  monthlyInflow90: { value: null, basis: "none: an amount has no reference valid in every currency" },
  monthlyIncome180: { value: null, basis: "none: an amount has no reference valid in every currency" },
  netInflowShare90: { value: 0.05, basis: "keeps less than 5 % of what comes in" },
  debtServiceRatio90: { value: 0.4, basis: "instalments above 40 % of inflow" },
  savingsShare180: { value: 0.05, basis: "savings below 5 % of inflow" },
  loansDisbursed90: { value: 1, basis: "more than 1 new loan" },
  oldestAccountMonths: { value: 12, basis: "the oldest account is under a year old" },
  simTenureMonths: { value: 12, basis: "the number is under a year old" },
  historyMonths: { value: 6, basis: "less than six months of history" },
  ageYears: { value: 25, basis: "under 25 years" },
  verifiedAccountCount: { value: 2, basis: "fewer than 2 verified accounts" },
  addressChanges365: { value: 1, basis: "more than 1 change" },
  simSwapLast30Days: { value: 0, basis: "a swap in the last 30 days" },
  deviceChanges90: { value: 1, basis: "more than 1 change" },
  identityUnverified: { value: 0, basis: "not verified" },
  nameMismatch: { value: 0, basis: "a mismatch" },
  borrowersSharingPhone: { value: 0, basis: "any other borrower" },
  borrowersSharingDevice: { value: 0, basis: "any other borrower" },
  applicationsLast30Days: { value: 2, basis: "more than 2 applications" },
  inflowSpike30: { value: 2, basis: "more than twice the usual month" },
};

/** Reason rule 2 for the feature catalog: its references and directions, and its current texts. */
export function buildReasonRule(): ReasonRule {
  return {
    version: CURRENT_EXPLANATION_RULE_VERSION,
    references: Object.fromEntries(featureCatalog.map((feature) => [feature.name, { direction: feature.direction, value: reasonReferences[feature.name].value }])),
    catalog: buildFeatureReasonCatalog(),
  };
}
