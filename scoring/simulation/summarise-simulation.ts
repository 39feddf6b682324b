import type { Recommendation } from "../decision/evaluate-decision";
import type { CaseDecision, SimulationCase } from "./simulation-case";

/** The figures of one policy over a set of applications. */
export interface PolicyFigures {
  readonly applications: number;
  readonly approved: number;
  readonly referred: number;
  readonly rejected: number;
  /** Shares of `applications` (0 when there are none). */
  readonly approveRate: number;
  readonly reviewRate: number;
  readonly rejectRate: number;
  /** Σ recommended limit over every application (a REJECT's limit is 0). */
  readonly totalRecommendedLimit: number;
  /** totalRecommendedLimit ÷ the applications not rejected; null when every one is rejected. */
  readonly meanRecommendedLimit: number | null;
  /** Σ PD × recommended limit: the loss the model expects on what the policy would lend. */
  readonly expectedLoss: number;
  /** Applications this policy APPROVES that have an observed outcome. */
  readonly approvedWithOutcome: number;
  /** Of those, how many defaulted (DEFAULT or WRITTEN_OFF at the latest observation). */
  readonly approvedDefaulted: number;
  /** approvedDefaulted ÷ approvedWithOutcome; null without outcomes. */
  readonly realisedDefaultRate: number | null;
  /** Σ max(0, recommended limit − recovered) over the approved that defaulted. */
  readonly realisedLoss: number;
}

/** Baseline and draft side by side for one group of applications. */
export interface FiguresPair {
  readonly key: string;
  readonly baseline: PolicyFigures;
  readonly draft: PolicyFigures;
}

export type SwapKind = "APPROVE_TO_REJECT" | "REJECT_TO_APPROVE" | "INTO_REVIEW" | "OUT_OF_REVIEW";
export const swapKinds: readonly SwapKind[] = ["APPROVE_TO_REJECT", "REJECT_TO_APPROVE", "INTO_REVIEW", "OUT_OF_REVIEW"];

/** An application whose recommendation differs between the baseline and the draft, and why. */
export interface Swap {
  readonly creditScoreId: string;
  readonly borrowerId: string;
  readonly month: string;
  readonly band: string;
  readonly kind: SwapKind;
  readonly from: Recommendation;
  readonly to: Recommendation;
  readonly baselineLimit: number;
  readonly draftLimit: number;
  /** Rule codes the draft raised that the baseline did not: what moved it (towards REJECT or REVIEW). */
  readonly raisedRules: readonly string[];
  /** Rule codes the baseline raised that the draft does not: what moved it (towards APPROVE). */
  readonly clearedRules: readonly string[];
}

/** How often a rule code is raised under each policy. */
export interface ReasonShift {
  readonly code: string;
  readonly baseline: number;
  readonly draft: number;
  readonly change: number;
}

export interface SimulationSummary {
  readonly overall: FiguresPair;
  /** By the stored scoring's score band, bands in name order. */
  readonly byBand: readonly FiguresPair[];
  /** By month of scoring, in calendar order. */
  readonly byMonth: readonly FiguresPair[];
  readonly swapCounts: Readonly<Record<SwapKind, number>>;
  /** Every moved application, by kind then credit score id. */
  readonly swaps: readonly Swap[];
  /** Every rule code raised by either side, by code. */
  readonly reasonShift: readonly ReasonShift[];
}

/** The kind of move between two recommendations; null when they are equal. */
export function swapKindOf(from: Recommendation, to: Recommendation): SwapKind | null {
  if (from === to) return null;
  if (to === "REVIEW") return "INTO_REVIEW";
  if (from === "REVIEW") return "OUT_OF_REVIEW";
  return from === "APPROVE" ? "APPROVE_TO_REJECT" : "REJECT_TO_APPROVE";
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * A policy's figures over applications (definitions on PolicyFigures). Realised figures count only the
 * applications this policy approves that have an outcome: outcomes exist only for loans that were made
 * (reject inference), so for applications the stored decision rejected there is nothing to observe.
 * Sums run in input order, so the same cases give the same bytes.
 */
export function computePolicyFigures(cases: readonly SimulationCase[], side: (item: SimulationCase) => CaseDecision): PolicyFigures {
  let approved = 0;
  let referred = 0;
  let rejected = 0;
  let totalRecommendedLimit = 0;
  let expectedLoss = 0;
  let approvedWithOutcome = 0;
  let approvedDefaulted = 0;
  let realisedLoss = 0;
  for (const item of cases) {
    const decision = side(item);
    if (decision.recommendation === "APPROVE") approved += 1;
    else if (decision.recommendation === "REVIEW") referred += 1;
    else rejected += 1;
    totalRecommendedLimit += decision.recommendedLimit;
    expectedLoss += decision.probabilityOfDefault * decision.recommendedLimit;
    if (decision.recommendation === "APPROVE" && item.outcome) {
      approvedWithOutcome += 1;
      if (item.outcome.defaulted) {
        approvedDefaulted += 1;
        realisedLoss += Math.max(0, decision.recommendedLimit - item.outcome.recoveredAmount);
      }
    }
  }
  const applications = cases.length;
  const lent = applications - rejected;
  return {
    applications,
    approved,
    referred,
    rejected,
    approveRate: share(approved, applications),
    reviewRate: share(referred, applications),
    rejectRate: share(rejected, applications),
    totalRecommendedLimit,
    meanRecommendedLimit: lent === 0 ? null : totalRecommendedLimit / lent,
    expectedLoss,
    approvedWithOutcome,
    approvedDefaulted,
    realisedDefaultRate: approvedWithOutcome === 0 ? null : approvedDefaulted / approvedWithOutcome,
    realisedLoss,
  };
}

function pairOf(key: string, cases: readonly SimulationCase[]): FiguresPair {
  return { key, baseline: computePolicyFigures(cases, (item) => item.baseline), draft: computePolicyFigures(cases, (item) => item.draft) };
}

function groupPairs(cases: readonly SimulationCase[], keyOf: (item: SimulationCase) => string): FiguresPair[] {
  const groups = new Map<string, SimulationCase[]>();
  for (const item of cases) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.keys()].sort().map((key) => pairOf(key, groups.get(key) as SimulationCase[]));
}

const codesOf = (decision: CaseDecision): string[] => [...new Set([...decision.reasonCodes, ...decision.reviewCodes])];

/**
 * Summarises a simulation: each policy's figures overall, by band and by month; the swap set (every
 * application whose recommendation moved, with the rule codes that moved it); and how often each rule code
 * is raised under each policy. Identity the tests hold: draft approvals = baseline approvals − moves out of
 * APPROVE + moves into APPROVE, each move being one swap.
 */
export function summariseSimulation(cases: readonly SimulationCase[]): SimulationSummary {
  const swapCounts: Record<SwapKind, number> = { APPROVE_TO_REJECT: 0, REJECT_TO_APPROVE: 0, INTO_REVIEW: 0, OUT_OF_REVIEW: 0 };
  const swaps: Swap[] = [];
  const reasonCounts = new Map<string, { baseline: number; draft: number }>();
  const countCode = (code: string, side: "baseline" | "draft") => {
    const counts = reasonCounts.get(code) ?? { baseline: 0, draft: 0 };
    counts[side] += 1;
    reasonCounts.set(code, counts);
  };
  for (const item of cases) {
    const baselineCodes = codesOf(item.baseline);
    const draftCodes = codesOf(item.draft);
    for (const code of baselineCodes) countCode(code, "baseline");
    for (const code of draftCodes) countCode(code, "draft");
    const kind = swapKindOf(item.baseline.recommendation, item.draft.recommendation);
    if (!kind) continue;
    swapCounts[kind] += 1;
    swaps.push({
      creditScoreId: item.creditScoreId,
      borrowerId: item.borrowerId,
      month: item.month,
      band: item.band,
      kind,
      from: item.baseline.recommendation,
      to: item.draft.recommendation,
      baselineLimit: item.baseline.recommendedLimit,
      draftLimit: item.draft.recommendedLimit,
      raisedRules: draftCodes.filter((code) => !baselineCodes.includes(code)).sort(),
      clearedRules: baselineCodes.filter((code) => !draftCodes.includes(code)).sort(),
    });
  }
  swaps.sort((a, b) => swapKinds.indexOf(a.kind) - swapKinds.indexOf(b.kind) || (a.creditScoreId < b.creditScoreId ? -1 : a.creditScoreId > b.creditScoreId ? 1 : 0));
  return {
    overall: pairOf("ALL", cases),
    byBand: groupPairs(cases, (item) => item.band),
    byMonth: groupPairs(cases, (item) => item.month),
    swapCounts,
    swaps,
    reasonShift: [...reasonCounts.keys()].sort().map((code) => {
      const counts = reasonCounts.get(code) as { baseline: number; draft: number };
      return { code, baseline: counts.baseline, draft: counts.draft, change: counts.draft - counts.baseline };
    }),
  };
}
