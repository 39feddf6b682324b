import type { Decision, Recommendation } from "../decision/evaluate-decision";

/** One side of a simulated application: what a policy (and model) decided. */
export interface CaseDecision {
  readonly recommendation: Recommendation;
  /** 0 for a REJECT. */
  readonly recommendedLimit: number;
  /** The model's PD under this side's model. */
  readonly probabilityOfDefault: number;
  /** Codes of the decision's reasons (hard rules, cut-offs, capacity, review band). */
  readonly reasonCodes: readonly string[];
  /** Codes of the human-review triggers (fraud flags, thin file, near a threshold, ...). */
  readonly reviewCodes: readonly string[];
}

/** The realised outcome of an application's loan: its latest observation. */
export interface CaseOutcome {
  /** DEFAULT or WRITTEN_OFF at the latest observation. */
  readonly defaulted: boolean;
  /** Recovered on a defaulted loan, in the policy's currency (0 when none recorded). */
  readonly recoveredAmount: number;
}

/** One stored application as a simulation sees it: the baseline decision and the draft's. */
export interface SimulationCase {
  readonly creditScoreId: string;
  readonly borrowerId: string;
  /** Calendar month of scoredAt, UTC, "YYYY-MM". */
  readonly month: string;
  /** The stored scoring's score band (the model's risk bucket). Both sides are grouped by it. */
  readonly band: string;
  readonly baseline: CaseDecision;
  readonly draft: CaseDecision;
  /** The latest outcome observed for the loan, or null (no outcome: never lent, or not yet observed). */
  readonly outcome: CaseOutcome | null;
}

/** The part of a decision a simulation keeps, with the PD the decision was made on. */
export function caseDecisionOf(decision: Pick<Decision, "recommendation" | "recommendedLimit" | "reasons" | "humanReviewFlags">, probabilityOfDefault: number): CaseDecision {
  return {
    recommendation: decision.recommendation,
    recommendedLimit: decision.recommendedLimit,
    probabilityOfDefault,
    reasonCodes: decision.reasons.map((reason) => reason.code),
    reviewCodes: decision.humanReviewFlags.map((flag) => flag.code),
  };
}

/** "YYYY-MM" of an instant, UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}
