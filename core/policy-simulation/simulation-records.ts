import "server-only";
import { z } from "zod";
import { storedJobActor } from "../jobs/job-actor";

/**
 * What the simulation compares the draft with. STORED: each application's stored decision, under the policy
 * (and model) it was made with — what the lender actually told its applicants. ACTIVE_POLICY: the policy
 * active when the simulation started, re-evaluated on each stored score — a like-for-like comparison of two
 * policy documents, unaffected by the period's earlier policies. Its id is fixed at the start, so the
 * comparison is exact and repeatable.
 */
export const simulationBaselines = ["STORED", "ACTIVE_POLICY"] as const;
export type SimulationBaseline = (typeof simulationBaselines)[number];

// A simulation's input as stored on its Job row (format 1): parsed on every read, never cast.
const storedSimulationInputV1 = z.object({
  format: z.literal(1),
  policyVersionId: z.string(),
  /** A challenger model the draft scores with; null: each application keeps the score it got. */
  modelVersionId: z.string().nullable(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  baseline: z.enum(simulationBaselines),
  /** ACTIVE_POLICY: the version re-evaluated as the baseline. */
  baselinePolicyVersionId: z.string().nullable(),
  actor: storedJobActor,
});
export type StoredSimulationInput = z.infer<typeof storedSimulationInputV1>;

export function readSimulationInput(stored: unknown): StoredSimulationInput {
  return storedSimulationInputV1.parse(stored);
}

const recommendation = z.enum(["APPROVE", "REVIEW", "REJECT"]);
const figures = z.object({
  applications: z.number().int(),
  approved: z.number().int(),
  referred: z.number().int(),
  rejected: z.number().int(),
  approveRate: z.number(),
  reviewRate: z.number(),
  rejectRate: z.number(),
  totalRecommendedLimit: z.number(),
  meanRecommendedLimit: z.number().nullable(),
  expectedLoss: z.number(),
  approvedWithOutcome: z.number().int(),
  approvedDefaulted: z.number().int(),
  realisedDefaultRate: z.number().nullable(),
  realisedLoss: z.number(),
});
const pair = z.object({ key: z.string(), baseline: figures, draft: figures });
const swapKind = z.enum(["APPROVE_TO_REJECT", "REJECT_TO_APPROVE", "INTO_REVIEW", "OUT_OF_REVIEW"]);

// A finished simulation's result (format 1). A later shape gets format 2, its schema and an upgrade from this.
const simulationResultV1 = z.object({
  format: z.literal(1),
  policyVersionId: z.string(),
  policySha256: z.string(),
  modelVersionId: z.string().nullable(),
  baseline: z.enum(simulationBaselines),
  baselinePolicyVersionId: z.string().nullable(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** Applications in the period that could not be evaluated under the draft, with why. */
  skipped: z.array(z.object({ creditScoreId: z.string(), reason: z.string() })),
  summary: z.object({
    overall: pair,
    byBand: z.array(pair),
    byMonth: z.array(pair),
    swapCounts: z.object({ APPROVE_TO_REJECT: z.number().int(), REJECT_TO_APPROVE: z.number().int(), INTO_REVIEW: z.number().int(), OUT_OF_REVIEW: z.number().int() }),
    swaps: z.array(
      z.object({
        creditScoreId: z.string(),
        borrowerId: z.string(),
        month: z.string(),
        band: z.string(),
        kind: swapKind,
        from: recommendation,
        to: recommendation,
        baselineLimit: z.number(),
        draftLimit: z.number(),
        raisedRules: z.array(z.string()),
        clearedRules: z.array(z.string()),
      }),
    ),
    reasonShift: z.array(z.object({ code: z.string(), baseline: z.number().int(), draft: z.number().int(), change: z.number().int() })),
  }),
});
export type SimulationResult = z.infer<typeof simulationResultV1>;

/** A finished simulation's stored result, parsed by its format's schema. @throws Error naming the path that does not parse. */
export function readSimulationResult(stored: unknown): SimulationResult {
  return simulationResultV1.parse(stored);
}
