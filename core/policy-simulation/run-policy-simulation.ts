import "server-only";
import { ScoringError } from "@/scoring/core/errors";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { DecisionPolicy } from "@/scoring/decision/policy";
import { decideStoredApplication } from "@/scoring/simulation/decide-stored-application";
import { caseDecisionOf, monthOf, type SimulationCase } from "@/scoring/simulation/simulation-case";
import { summariseSimulation, type SimulationSummary } from "@/scoring/simulation/summarise-simulation";
import type { Database } from "@/prisma/store/database";
import { findJobById, finishJob, markJobPlanned } from "@/prisma/store/job";
import { countSimulationScores, listSimulationScores, recordJobUnitsDone, type SimulationScoreRow } from "@/prisma/store/policy-simulation";
import { runAudited } from "../audited-change";
import type { UnitData } from "../jobs/job-queue";
import { jobScope } from "../jobs/job-actor";
import { loadModelVersion, loadPolicyVersion } from "../scoring/scoring-versions";
import { readStoredResult, thawFeatures } from "../scoring/stored-assessment";
import { readSimulationInput, type SimulationResult, type StoredSimulationInput } from "./simulation-records";

/** Stored applications read per page: progress and cancellation are checked between pages. */
export const SIMULATION_PAGE_SIZE = 1000;

export interface Evaluators {
  draft: DecisionPolicy;
  challenger: FittedEnsemble | undefined;
  baseline: DecisionPolicy | null;
}

/** One stored application as the simulation sees it, or why it cannot be evaluated (a ScoringError's message). */
export function simulateRow(row: SimulationScoreRow, input: Pick<StoredSimulationInput, "modelVersionId">, evaluators: Evaluators): { case: SimulationCase } | { skipped: string } {
  const stored = readStoredResult(row.result);
  const application = {
    features: thawFeatures(row.features),
    score: stored.score,
    request: { requestedAmount: Number(row.requestedAmount), requestedTenorDays: row.requestedTenorDays },
  };
  try {
    const baseline = evaluators.baseline ? decideStoredApplication(application, evaluators.baseline) : caseDecisionOf(stored.decision, stored.score.probabilityOfDefault);
    // A row scored by the challenger already keeps its stored score: scoring it again would give the same.
    const model = row.modelVersionId === input.modelVersionId ? undefined : evaluators.challenger;
    const draft = decideStoredApplication(application, evaluators.draft, model);
    const outcome = row.outcomeStatus === null ? null : { defaulted: row.outcomeStatus === "DEFAULT" || row.outcomeStatus === "WRITTEN_OFF", recoveredAmount: row.outcomeRecoveredAmount === null ? 0 : Number(row.outcomeRecoveredAmount) };
    return { case: { creditScoreId: row.id, borrowerId: row.borrowerId, month: monthOf(row.scoredAt), band: row.riskBucket, baseline, draft, outcome } };
  } catch (error) {
    if (error instanceof ScoringError) return { skipped: error.message };
    throw error;
  }
}

/**
 * Runs a simulation (the unit of queue policy-simulation-run): counts the period's stored applications
 * (Job.total), then reads them page by page in (scoredAt, id) order, evaluating each under the draft and
 * the baseline, recording progress (Job.unitsDone) after each page and stopping when the job was
 * cancelled. It writes no score and no item, only the job's result, so a unit retried after a worker died
 * simply starts again. Applications the draft cannot evaluate (e.g. it weights a sub-score the stored
 * scoring lacks) are listed as skipped with the reason.
 */
export async function runPolicySimulation(database: Pick<Database, "db">, data: UnitData, now: Date, pageSize = SIMULATION_PAGE_SIZE): Promise<void> {
  const { db } = database;
  const job = await findJobById(db, data.tenantId, data.jobId);
  if (!job || job.kind !== "POLICY_SIMULATION" || (job.state !== "QUEUED" && job.state !== "RUNNING") || job.cancelRequestedAt) return;
  const input = readSimulationInput(job.input);
  const period = { from: new Date(input.from), to: new Date(input.to) };
  const total = await countSimulationScores(db, job.tenantId, period);
  if (!(await markJobPlanned(db, job.tenantId, job.id, total, job.startedAt ?? now))) return;

  const draftDocument = await loadPolicyVersion(db, job.tenantId, input.policyVersionId);
  const evaluators: Evaluators = {
    draft: draftDocument.policy,
    challenger: input.modelVersionId ? await loadModelVersion(db, job.tenantId, input.modelVersionId) : undefined,
    baseline: input.baselinePolicyVersionId ? (await loadPolicyVersion(db, job.tenantId, input.baselinePolicyVersionId)).policy : null,
  };
  const cases: SimulationCase[] = [];
  const skipped: SimulationResult["skipped"] = [];
  let after: { scoredAt: Date; id: string } | null = null;
  let done = 0;
  for (;;) {
    const rows = await listSimulationScores(db, job.tenantId, period, after, pageSize);
    for (const row of rows) {
      const simulated = simulateRow(row, input, evaluators);
      if ("case" in simulated) cases.push(simulated.case);
      else skipped.push({ creditScoreId: row.id, reason: simulated.skipped });
    }
    done += rows.length;
    // False once the job was cancelled (or finished elsewhere): what was read is dropped, nothing was written.
    if (!(await recordJobUnitsDone(db, job.tenantId, job.id, done))) return;
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1];
    after = { scoredAt: last.scoredAt, id: last.id };
  }

  const result: Omit<SimulationResult, "summary"> & { summary: SimulationSummary } = {
    format: 1,
    policyVersionId: input.policyVersionId,
    policySha256: draftDocument.documentSha256,
    modelVersionId: input.modelVersionId,
    baseline: input.baseline,
    baselinePolicyVersionId: input.baselinePolicyVersionId,
    from: input.from,
    to: input.to,
    skipped,
    summary: summariseSimulation(cases),
  };
  const payload = { state: "SUCCEEDED", applications: done, swapCounts: result.summary.swapCounts, skipped: skipped.length };
  await runAudited(jobScope(database, job, input.actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "SUCCEEDED", result: result as never, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: job.id, payload } : null,
  }));
}

/** Marks a simulation FAILED when its unit failed past its last retry (the dead-letter queue's handler). */
export async function failPolicySimulation(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || job.kind !== "POLICY_SIMULATION") return;
  await runAudited(jobScope(database, job, readSimulationInput(job.input).actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "FAILED", error: reason, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "FAILED", error: reason } } : null,
  }));
}
