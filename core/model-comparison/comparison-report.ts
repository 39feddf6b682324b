// The stored result of a MODEL_COMPARISON job (Job.result), format-versioned and parsed on every read.
import { z } from "zod";
import type { ModelComparison } from "@/scoring/comparison/compare-models";

const recommendation = z.enum(["APPROVE", "REVIEW", "REJECT"]);
const aucInterval = z.object({ auc: z.number(), standardError: z.number(), lower: z.number(), upper: z.number() });
const modelSide = z.object({
  auc: aucInterval,
  ks: z.number(),
  calibration: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int(), meanPredicted: z.number(), observedRate: z.number() })),
  approved: z.number().int(),
  approvalRate: z.number(),
  expectedLoss: z.number(),
  approvedDefaults: z.number().int(),
});
const swapSet = z.object({ count: z.number().int(), defaults: z.number().int(), ids: z.array(z.string()) });

const comparisonReportV1 = z.object({
  format: z.literal(1),
  championModelVersionId: z.string(),
  challengerModelVersionId: z.string(),
  policyVersionId: z.string(),
  policySha256: z.string(),
  /** Scorings with an outcome the models could not score (e.g. features the challenger lacks), left out. */
  skipped: z.number().int(),
  comparison: z.object({
    loans: z.number().int(),
    defaults: z.number().int(),
    champion: modelSide,
    challenger: modelSide,
    aucDifference: z.object({ difference: z.number(), standardError: z.number(), lower: z.number(), upper: z.number(), z: z.number(), pValue: z.number() }),
    psi: z.number(),
    approveToReject: swapSet,
    rejectToApprove: swapSet,
    recommendationMatrix: z.array(z.object({ champion: recommendation, challenger: recommendation, count: z.number().int() })),
  }),
  note: z.string(),
});

export type ComparisonReport = Omit<z.infer<typeof comparisonReportV1>, "comparison"> & { comparison: ModelComparison };

/** A comparison job's stored result. @throws ZodError naming the path that does not parse. */
export function readComparisonReport(stored: unknown): ComparisonReport {
  return comparisonReportV1.parse(stored) as ComparisonReport;
}

export const comparisonNote =
  "Outcomes exist only for loans that were approved and disbursed (reject inference): both models are compared on that population, not on every applicant. " +
  "Both are scored from each loan's frozen features under the policy active when the comparison started. Defaults are DEFAULT and WRITTEN_OFF latest outcomes. " +
  "Intervals are DeLong's 95 % normal intervals; the difference is challenger − champion on the same loans.";
