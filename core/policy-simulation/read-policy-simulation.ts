import "server-only";
import { findJobById, type JobRecord } from "@/prisma/store/job";
import { listSimulationJobs } from "@/prisma/store/policy-simulation";
import { requireRole, type UseCaseScope } from "../actor";
import { badUserInput, notFound } from "../errors";
import { csvField } from "../jobs/rescore-summary";
import { simulationReadRoles } from "./start-policy-simulation";
import { readSimulationInput, readSimulationResult, type SimulationResult, type StoredSimulationInput } from "./simulation-records";

/** A simulation as people read it: its job, its input, how far it is and, once finished, its result. */
export interface PolicySimulationView {
  job: JobRecord;
  input: StoredSimulationInput;
  /** Applications read so far, of job.total. */
  done: number;
  result: SimulationResult | null;
}

function viewOf(job: JobRecord): PolicySimulationView {
  return { job, input: readSimulationInput(job.input), done: job.unitsDone, result: job.state === "SUCCEEDED" && job.result !== null ? readSimulationResult(job.result) : null };
}

/** One simulation of the caller's tenant, or null. */
export async function getPolicySimulation(scope: UseCaseScope, jobId: string): Promise<PolicySimulationView | null> {
  requireRole(scope.actor, simulationReadRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  return job && job.kind === "POLICY_SIMULATION" ? viewOf(job) : null;
}

/** The tenant's latest simulations, newest first. @throws DomainError BAD_USER_INPUT naming `first`. */
export async function listPolicySimulations(scope: UseCaseScope, first: number): Promise<PolicySimulationView[]> {
  requireRole(scope.actor, simulationReadRoles);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badUserInput("first", "first: a whole number from 1 to 100.");
  return (await listSimulationJobs(scope.db, scope.actor.tenantId, first)).map(viewOf);
}

/** Two finished simulations side by side: each draft's overall figures and the second's minus the first's. */
export interface SimulationComparison {
  first: PolicySimulationView;
  second: PolicySimulationView;
  /** second − first, per numeric figure of the drafts' overall figures (null where either is null). */
  draftDifference: Record<string, number | null>;
}

/**
 * Compares two finished simulations of the tenant.
 * @throws DomainError NOT_FOUND (no such simulation), BAD_USER_INPUT naming the one not finished.
 */
export async function comparePolicySimulations(scope: UseCaseScope, firstId: string, secondId: string): Promise<SimulationComparison> {
  const [first, second] = await Promise.all([getPolicySimulation(scope, firstId), getPolicySimulation(scope, secondId)]);
  if (!first || !second) throw notFound("No simulation with this id.");
  if (!first.result) throw badUserInput("first", "first: the simulation has not succeeded.");
  if (!second.result) throw badUserInput("second", "second: the simulation has not succeeded.");
  const a = first.result.summary.overall.draft as unknown as Record<string, number | null>;
  const b = second.result.summary.overall.draft as unknown as Record<string, number | null>;
  const draftDifference = Object.fromEntries(Object.keys(a).map((key) => [key, a[key] === null || b[key] === null ? null : (b[key] as number) - (a[key] as number)]));
  return { first, second, draftDifference };
}

const swapColumns = ["credit_score_id", "borrower_id", "month", "band", "kind", "from", "to", "baseline_limit", "draft_limit", "raised_rules", "cleared_rules"] as const;

/** A finished simulation's swap set as CSV (one line per moved application). @throws DomainError NOT_FOUND */
export async function exportSimulationSwaps(scope: UseCaseScope, jobId: string): Promise<string> {
  const view = await getPolicySimulation(scope, jobId);
  if (!view?.result) throw notFound("No finished simulation with this id.");
  const lines = [
    swapColumns.join(","),
    ...view.result.summary.swaps.map((swap) =>
      [swap.creditScoreId, swap.borrowerId, swap.month, swap.band, swap.kind, swap.from, swap.to, swap.baselineLimit, swap.draftLimit, swap.raisedRules.join(" "), swap.clearedRules.join(" ")].map(csvField).join(","),
    ),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
