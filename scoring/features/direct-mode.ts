import { z } from "zod";
import { formatIssuePath, SignalValidationError, type ParseResult } from "../signals/parse-signals";
import { featureNames, type FeatureVector } from "./feature-catalog";

/** Income volatility is a coefficient of variation over at most 12 monthly periods, so at most √11. */
const MAX_INCOME_VOLATILITY = Math.sqrt(11);

/**
 * The MicroTrust quick-score form: behavioural indicators a loan officer or the borrower can state
 * without raw transactions. Each has exactly the definition of the feature it fills (docs/features.md);
 * every field is optional and at least one is required.
 */
export const behaviouralIndicatorsSchema = z
  .object({
    /** → billOnTimeShare365: share of last year's bills paid on or before the due date. */
    billPaymentOnTimeShare: z.number().min(0).max(1).optional(),
    /** → mobileMoneyActiveDayShare90: share of the last 90 days with a mobile-money (or UPI) transaction. */
    mobileMoneyActiveDayShare: z.number().min(0).max(1).optional(),
    /**
     * → incomeVolatility365 = 1/index − 1 (capped at √11): index = 1 ÷ (1 + CV of monthly income);
     * 1 = the same income every month, 0.5 = income varies by about its mean.
     */
    incomeStabilityIndex: z.number().gt(0).max(1).optional(),
    /** → monthlyIncome180: income (salary and business) per month, in the model's currency, major units. */
    monthlyIncome: z.number().nonnegative().finite().optional(),
    /** → monthsWithInflowShare365: share of the last 12 months in which money came in. */
    monthsWithInflowShare: z.number().min(0).max(1).optional(),
    /** → historyMonths: months of financial history (statements, wallet) available. */
    monthsOfHistory: z.number().nonnegative().finite().optional(),
    /** → loanOnTimeShare: share of past loan instalments with other lenders paid on time. */
    loanRepaymentOnTimeShare: z.number().min(0).max(1).optional(),
    /** → priorLoanCount: loans taken from other lenders before. */
    previousLoans: z.number().int().nonnegative().optional(),
    /** → oldestAccountMonths: months since the oldest bank or wallet account was opened. */
    accountTenureMonths: z.number().nonnegative().finite().optional(),
    /** → simTenureMonths: months the phone number has been held. */
    simTenureMonths: z.number().nonnegative().finite().optional(),
    /** → ageYears. */
    ageYears: z.number().min(0).max(130).optional(),
    /** → identityUnverified = 1 − idVerified. */
    idVerified: z.boolean().optional(),
  })
  .strict()
  .refine((indicators) => Object.values(indicators).some((value) => value !== undefined), { message: "must state at least one indicator" });

export type BehaviouralIndicators = z.infer<typeof behaviouralIndicatorsSchema>;

/** Validates quick-score indicators; issues name the field, as parseSignals does. */
export function parseBehaviouralIndicators(input: unknown): ParseResult<BehaviouralIndicators> {
  const parsed = behaviouralIndicatorsSchema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, error: new SignalValidationError("parseBehaviouralIndicators", parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))) };
}

type IndicatorName = keyof BehaviouralIndicators;

/** Which feature each indicator fills, and how (identity except for the two documented transforms). */
const indicatorFeatures: { readonly [K in IndicatorName]-?: { readonly feature: keyof FeatureVector; readonly toFeature: (value: Exclude<BehaviouralIndicators[K], undefined>) => number } } = {
  billPaymentOnTimeShare: { feature: "billOnTimeShare365", toFeature: (v) => v },
  mobileMoneyActiveDayShare: { feature: "mobileMoneyActiveDayShare90", toFeature: (v) => v },
  incomeStabilityIndex: { feature: "incomeVolatility365", toFeature: (v) => Math.min(MAX_INCOME_VOLATILITY, 1 / v - 1) },
  monthlyIncome: { feature: "monthlyIncome180", toFeature: (v) => v },
  monthsWithInflowShare: { feature: "monthsWithInflowShare365", toFeature: (v) => v },
  monthsOfHistory: { feature: "historyMonths", toFeature: (v) => v },
  loanRepaymentOnTimeShare: { feature: "loanOnTimeShare", toFeature: (v) => v },
  previousLoans: { feature: "priorLoanCount", toFeature: (v) => v },
  accountTenureMonths: { feature: "oldestAccountMonths", toFeature: (v) => v },
  simTenureMonths: { feature: "simTenureMonths", toFeature: (v) => v },
  ageYears: { feature: "ageYears", toFeature: (v) => v },
  idVerified: { feature: "identityUnverified", toFeature: (v) => (v ? 0 : 1) },
};

/** The features direct mode can fill; every other feature is always NaN in direct mode. */
export const directModeFeatures: readonly (keyof FeatureVector)[] = Object.values(indicatorFeatures).map((entry) => entry.feature);

/**
 * Direct mode: the feature vector of the quick-score form. Each stated indicator fills the one feature
 * with its definition; every other feature is NaN (missing, handled by the model as missing), never
 * imputed. Both modes produce the same vector type, so one model scores both.
 */
export function featuresFromIndicators(indicators: BehaviouralIndicators): FeatureVector {
  const vector = Object.fromEntries(featureNames.map((name) => [name, NaN])) as FeatureVector;
  for (const name of Object.keys(indicatorFeatures) as IndicatorName[]) {
    const value = indicators[name];
    if (value === undefined) continue;
    const { feature, toFeature } = indicatorFeatures[name] as { feature: keyof FeatureVector; toFeature: (v: typeof value) => number };
    vector[feature] = toFeature(value);
  }
  return vector;
}
