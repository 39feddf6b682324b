import { z } from "zod";

/**
 * A lender's decision policy: the versioned, immutable document under which recommendations are made.
 * It is data, not code, so that a stored copy (with its hash) replays a decision bit for bit months later.
 *
 * Practice it encodes (see shared domain notes): affordability caps the instalment at a share of monthly
 * net inflow, lower for volatile incomes; the limit follows from instalment × tenor, capped by the request,
 * the policy maximum and the risk level; hard rules (default elsewhere, fraud) override the score; the
 * system recommends and the credit committee decides, so the policy also says when a human must review.
 */
export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "VERY_HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const probability = z.number().min(0).max(1);
const score = z.number().min(300).max(850);
const money = z.number().nonnegative().finite();

export const decisionPolicySchema = z
  .object({
    formatVersion: z.literal(1),
    name: z.string().min(1).max(200),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code"),
    /** MODEL: the ensemble's 300–850 score. WEIGHTED_COMPONENTS: sub-scores weighted by the policy. */
    scoreMode: z.enum(["MODEL", "WEIGHTED_COMPONENTS"]),
    /** Weights of the 0–200 sub-scores in WEIGHTED_COMPONENTS mode (normalised by their sum). */
    componentWeights: z.record(z.string(), z.number().nonnegative()),
    /** Points subtracted in WEIGHTED_COMPONENTS mode when a fraud flag is raised. */
    fraudPenaltyPoints: z.number().nonnegative().max(550),
    /** PD bands, in increasing order of maxProbabilityOfDefault; the last must reach 1. */
    riskLevels: z
      .array(
        z.object({
          level: z.enum(RISK_LEVELS),
          maxProbabilityOfDefault: probability,
          /** Share of the affordable amount this risk level may lend (0–1). */
          limitMultiplier: z.number().min(0).max(1),
          /** Longest tenor offered at this level, in days. */
          maxTenorDays: z.number().int().positive().max(3650),
        }),
      )
      .min(1),
    thresholds: z.object({
      /** Scores at or above are recommended for approval (unless a rule or flag says otherwise). */
      approveMinScore: score,
      /** Scores below are recommended for rejection. Between the two: REVIEW. */
      rejectBelowScore: score,
    }),
    affordability: z.object({
      /** Largest instalment as a share of monthly net inflow (e.g. 0.35). */
      instalmentShareOfNetInflow: z.number().gt(0).max(1),
      /** The share applied instead when income is volatile (coefficient of variation above the limit). */
      volatileIncomeShare: z.number().gt(0).max(1),
      volatileIncomeCoefficientOfVariation: z.number().positive(),
      minLimit: money,
      maxLimit: money,
      /** Limits are rounded down to a multiple of this amount. */
      roundingUnit: z.number().positive(),
    }),
    /**
     * Fraud checks on the applicant's features: a flag is raised when the feature is at least `atLeast`.
     * Kept in the policy (not the model) because what a lender treats as a red flag is its own call.
     */
    fraudRules: z.array(
      z.object({
        feature: z.string().min(1),
        atLeast: z.number().finite(),
        code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "an UPPER_SNAKE code"),
        text: z.string().min(1),
      }),
    ),
    hardRules: z.object({
      /** Reject when the applicant has a loan written off or in default with another lender. */
      rejectOnDefaultElsewhere: z.boolean(),
      /** Reject when days past due elsewhere in the last year reach this many (null: no rule). */
      rejectAtDaysPastDueElsewhere: z.number().int().positive().nullable(),
      /** Reject (true) or send to review (false) when a fraud flag is raised. */
      rejectOnFraudFlag: z.boolean(),
    }),
    humanReview: z.object({
      /** Review when model confidence is below this. */
      minConfidence: probability,
      /** Review when the applicant has fewer months of history than this (thin file). */
      thinFileMonths: z.number().nonnegative(),
      /** Review when the score is within this many points of either threshold. */
      nearThresholdPoints: z.number().nonnegative(),
      /** Review when the request exceeds the recommended limit by more than this share. */
      requestAboveLimitShare: z.number().nonnegative(),
    }),
  })
  .superRefine((policy, ctx) => {
    if (policy.thresholds.rejectBelowScore > policy.thresholds.approveMinScore) {
      ctx.addIssue({ code: "custom", path: ["thresholds", "rejectBelowScore"], message: "must not exceed approveMinScore" });
    }
    if (policy.affordability.minLimit > policy.affordability.maxLimit) {
      ctx.addIssue({ code: "custom", path: ["affordability", "minLimit"], message: "must not exceed maxLimit" });
    }
    policy.riskLevels.forEach((band, i) => {
      const previous = policy.riskLevels[i - 1];
      if (previous && band.maxProbabilityOfDefault <= previous.maxProbabilityOfDefault) {
        ctx.addIssue({ code: "custom", path: ["riskLevels", i, "maxProbabilityOfDefault"], message: "must increase from band to band" });
      }
    });
    if (policy.riskLevels[policy.riskLevels.length - 1].maxProbabilityOfDefault !== 1) {
      ctx.addIssue({ code: "custom", path: ["riskLevels", policy.riskLevels.length - 1, "maxProbabilityOfDefault"], message: "the last band must reach 1" });
    }
    if (policy.scoreMode === "WEIGHTED_COMPONENTS") {
      const total = Object.values(policy.componentWeights).reduce((a, b) => a + b, 0);
      if (!(total > 0)) ctx.addIssue({ code: "custom", path: ["componentWeights"], message: "must have a positive sum in WEIGHTED_COMPONENTS mode" });
    }
  });

export type DecisionPolicy = z.infer<typeof decisionPolicySchema>;

/** One validation problem, with the dotted path of the field it concerns. */
export interface PolicyIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Validates an untrusted policy document.
 * @returns the typed policy, or the list of issues, each naming its field (e.g. `thresholds.approveMinScore`).
 */
export function parseDecisionPolicy(input: unknown): { ok: true; policy: DecisionPolicy } | { ok: false; issues: PolicyIssue[] } {
  const result = decisionPolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(policy)", message: issue.message })),
  };
}

/**
 * The starting policy a new tenant gets: conservative microfinance practice. Affordability 35 % of net
 * inflow (25 % when income is volatile) less instalments owed elsewhere, limits 1,000–500,000 in the tenant's
 * currency, approval from 560 (PD ≈ 6 % on the default scaling), rejection below 500 (PD ≈ 15 %), human review under 0.5 confidence, under 6 months of history or within 10 points of a
 * threshold. Lenders publish their own versions.
 */
export const DEFAULT_DECISION_POLICY: DecisionPolicy = {
  formatVersion: 1,
  name: "MicroTrust default",
  currency: "KES",
  scoreMode: "MODEL",
  componentWeights: {},
  fraudPenaltyPoints: 120,
  riskLevels: [
    { level: "LOW", maxProbabilityOfDefault: 0.05, limitMultiplier: 1, maxTenorDays: 365 },
    { level: "MEDIUM", maxProbabilityOfDefault: 0.12, limitMultiplier: 0.75, maxTenorDays: 180 },
    { level: "HIGH", maxProbabilityOfDefault: 0.25, limitMultiplier: 0.5, maxTenorDays: 90 },
    { level: "VERY_HIGH", maxProbabilityOfDefault: 1, limitMultiplier: 0.25, maxTenorDays: 30 },
  ],
  thresholds: { approveMinScore: 560, rejectBelowScore: 500 },
  affordability: {
    instalmentShareOfNetInflow: 0.35,
    volatileIncomeShare: 0.25,
    volatileIncomeCoefficientOfVariation: 0.6,
    minLimit: 1000,
    maxLimit: 500000,
    roundingUnit: 100,
  },
  fraudRules: [
    { feature: "simSwapLast30Days", atLeast: 1, code: "RECENT_SIM_SWAP", text: "The SIM card was swapped in the 30 days before applying." },
    { feature: "nameMismatch", atLeast: 1, code: "IDENTITY_MISMATCH", text: "The account holder's name does not match the applicant." },
    { feature: "borrowersSharingDevice", atLeast: 2, code: "SHARED_DEVICE", text: "The device is used by several other borrowers." },
    { feature: "borrowersSharingPhone", atLeast: 1, code: "SHARED_PHONE", text: "The phone number is used by another borrower." },
    { feature: "applicationsLast30Days", atLeast: 3, code: "APPLICATION_VELOCITY", text: "Several applications in the last 30 days (possible loan stacking)." },
    { feature: "inflowSpike30", atLeast: 4, code: "INFLOW_SPIKE", text: "Inflow in the last 30 days is over four times the usual month." },
  ],
  hardRules: { rejectOnDefaultElsewhere: true, rejectAtDaysPastDueElsewhere: 90, rejectOnFraudFlag: false },
  humanReview: { minConfidence: 0.5, thinFileMonths: 6, nearThresholdPoints: 10, requestAboveLimitShare: 0.5 },
};
