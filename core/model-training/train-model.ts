import "server-only";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { z } from "zod";
import type { Database } from "@/prisma/store/database";
import { listRejectedScoringsForTraining, listScoredLoansForTraining, listTrainingLoans } from "@/prisma/store/historical-loan";
import { findJobById, findJobByIdempotencyKey, finishJob, insertJob, insertJobItems, listDoneBorrowerIds, markJobPlanned, type JobRecord } from "@/prisma/store/job";
import { createModelVersion, findModelVersionByArtifact, type ModelVersionSummary } from "@/prisma/store/model-version";
import { trainEnsemblesInWorkers } from "@/scoring/cli/train-in-workers";
import { planEnsembleTraining } from "@/scoring/ensemble/train-ensemble";
import { checkEvidence, completeTenantTraining, planTenantTraining, type EnsembleToFit, type TenantTrainingReport, type TrainingRow } from "@/scoring/training/train-tenant-model";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput } from "../errors";
import { queueNames, type JobQueue, type UnitData } from "../jobs/job-queue";
import { rowsFromBook, rowsFromScorings } from "./training-set";
import { jobScope, storedJobActor, storeJobActor } from "../jobs/job-actor";

/** Seed of every tenant training run: the same rows give the same model bytes. */
export const TRAINING_SEED = 7;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/;
/** The job's stages, each a job item once done: progress is stages done of this many. */
const stages = ["data", "fit", "model"] as const;

export interface TrainModelInput {
  /** The name the DRAFT model version gets (its version is its artifact hash's first 12 characters). */
  name: string;
  /** Learn from the imported loan book (default true). */
  useLoanBook?: boolean | null;
  /** Learn from the tenant's own scorings that have outcomes (default true). */
  useScorings?: boolean | null;
  /** Historical loans left out of training (an evaluation's TEST rows), by the lender's loan id. */
  holdOutLoanIds?: readonly string[] | null;
  /** Reject inference: PARCELLING adds the rejected applicants (scorings recommended REJECT, no outcome) with parcelled outcomes. */
  rejectInference?: "NONE" | "PARCELLING" | null;
  idempotencyKey?: string | null;
}

const storedInputV1 = z.object({ format: z.literal(1), name: z.string(), useLoanBook: z.boolean(), useScorings: z.boolean(), holdOutLoanIds: z.array(z.string()), rejectInference: z.enum(["NONE", "PARCELLING"]).default("NONE"), actor: storedJobActor });
/** Rejects' bad rate relative to approved applicants of the same score band (docs/model-training.md). */
export const REJECT_BAD_RATE_MULTIPLIER = 1.5;
type StoredInput = z.infer<typeof storedInputV1>;

// The job's result (format 1): the DRAFT model version and its validation report.
const resultV1 = z.object({ format: z.literal(1), modelVersionId: z.string(), name: z.string(), version: z.string(), artifactSha256: z.string(), sources: z.object({ loanBook: z.number(), scorings: z.number() }), trainingSeconds: z.number(), report: z.record(z.string(), z.unknown()) });
export type ModelTrainingResult = z.infer<typeof resultV1>;
export function readModelTrainingResult(stored: unknown): ModelTrainingResult {
  return resultV1.parse(stored);
}

/** The training rows of the tenant's chosen sources, oldest first within each source. */
async function gatherRows(db: UseCaseScope["db"], tenantId: string, input: Pick<StoredInput, "useLoanBook" | "useScorings" | "holdOutLoanIds">): Promise<{ rows: TrainingRow[]; loanBook: number; scorings: number }> {
  const heldOut = new Set(input.holdOutLoanIds);
  const book = input.useLoanBook ? rowsFromBook((await listTrainingLoans(db, tenantId)).filter((loan) => !heldOut.has(loan.externalId))) : [];
  const scored = input.useScorings ? rowsFromScorings(await listScoredLoansForTraining(db, tenantId)) : [];
  return { rows: [...book, ...scored], loanBook: book.length, scorings: scored.length };
}

/**
 * Starts training a tenant model (ADMIN). The minimum-evidence rule is checked here first, so a book too
 * small to learn from is refused at once with the counts; the fitting then runs in a worker.
 * @throws DomainError FORBIDDEN; BAD_USER_INPUT naming `input.name`, `input.sources` (no source chosen) or
 * `input.trainingData` (below the evidence minimum: docs/model-training.md).
 */
export async function startModelTraining(scope: UseCaseScope, input: TrainModelInput, queue: Pick<JobQueue, "send">): Promise<JobRecord> {
  requireRole(scope.actor, ["ADMIN"]);
  const { tenantId } = scope.actor;
  const name = input.name.trim();
  if (!namePattern.test(name)) throw badUserInput("input.name", "input.name: 1 to 80 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.");
  const useLoanBook = input.useLoanBook ?? true;
  const useScorings = input.useScorings ?? true;
  if (!useLoanBook && !useScorings) throw badUserInput("input.sources", "input.sources: choose the loan book, the scorings with outcomes, or both.");
  const holdOutLoanIds = [...new Set(input.holdOutLoanIds ?? [])];
  const key = input.idempotencyKey?.trim() || randomUUID();
  const existing = await findJobByIdempotencyKey(scope.db, tenantId, key);
  if (existing) return existing;
  const { rows } = await gatherRows(scope.db, tenantId, { useLoanBook, useScorings, holdOutLoanIds });
  const evidence = checkEvidence(rows);
  if (evidence.verdict === "refused") throw badUserInput("input.trainingData", `input.trainingData: ${evidence.message}`);
  const actor = scope.actor;
  const stored: StoredInput = {
    format: 1,
    name,
    useLoanBook,
    useScorings,
    holdOutLoanIds,
    rejectInference: input.rejectInference ?? "NONE",
    actor: storeJobActor({ ...actor, tenantId }),
  };
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => ({
    result: await insertJob(tx, tenantId, { id, kind: "MODEL_TRAINING", idempotencyKey: key, input: stored, startedByKind: actor.kind, startedById: actor.id, startedByName: actor.name, createdAt: scope.now }),
    event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "MODEL_TRAINING", name, useLoanBook, useScorings, heldOutLoans: holdOutLoanIds.length, rows: evidence.rows, defaults: evidence.defaults } },
  }));
  await queue.send(queueNames.modelTraining, { tenantId, jobId: job.id }, job.id);
  return job;
}

async function stillRunning(scope: UseCaseScope, jobId: string): Promise<boolean> {
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  return Boolean(job && job.state === "RUNNING" && !job.cancelRequestedAt);
}

async function markStage(scope: UseCaseScope, jobId: string, stage: (typeof stages)[number]): Promise<void> {
  await scope.db.$transaction((tx) => insertJobItems(tx, scope.actor.tenantId, jobId, [{ borrowerId: `stage:${stage}`, status: "SCORED" }], scope.now));
}

/**
 * Runs a training job (the queue's handler, in the worker process): gathers the rows, fits the out-of-time
 * check and the final model (scoring/training/train-tenant-model.ts), registers the model as a DRAFT version
 * with its report and finishes the job with it. A cancellation is honoured between stages (a stage is at most
 * one ensemble fit). A retried job starts again from its rows: the same rows and seed give the same model.
 */
export async function runModelTraining(database: Pick<Database, "db">, data: UnitData, now: Date): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || (job.state !== "QUEUED" && job.state !== "RUNNING") || job.cancelRequestedAt) return;
  const input = storedInputV1.parse(job.input);
  const scope = jobScope(database, job, input.actor, now);
  if (!(await markJobPlanned(database.db, job.tenantId, job.id, stages.length, job.startedAt ?? now))) return;
  const done = await listDoneBorrowerIds(database.db, job.tenantId, job.id, stages.map((stage) => `stage:${stage}`));
  const started = performance.now();
  const { rows, loanBook, scorings } = await gatherRows(database.db, job.tenantId, input);
  if (!done.has("stage:data")) await markStage(scope, job.id, "data");
  if (!(await stillRunning(scope, job.id))) return;
  const evidence = checkEvidence(rows);
  if (evidence.verdict === "refused") {
    await finish(scope, job.id, { state: "FAILED", error: `Not enough evidence: ${evidence.message}` });
    return;
  }
  const rejects = input.rejectInference === "PARCELLING" ? rowsFromScorings((await listRejectedScoringsForTraining(database.db, job.tenantId)).map((s) => ({ ...s, status: "PAID_OFF" }))).map(({ features, decidedAtMs }) => ({ features, decidedAtMs })) : [];
  const { model, report, outOfTimeModelReport } = await fitTenantModel(rows, rejects);
  if (!done.has("stage:fit")) await markStage(scope, job.id, "fit");
  if (!(await stillRunning(scope, job.id))) return;
  const trainingSeconds = (performance.now() - started) / 1000;
  const artifact = model.toJSON();
  const artifactSha256 = String(artifact.contentHash);
  // The version's report is the engine's model report of the out-of-time check (what the Models area reads),
  // with the training report beside it; without an out-of-time check, the training report alone.
  const versionReport = outOfTimeModelReport ? { ...outOfTimeModelReport, tenantTraining: report } : report;
  const version = await registerDraft(scope, input.name, artifact, artifactSha256, report, versionReport);
  await markStage(scope, job.id, "model");
  const result: ModelTrainingResult = { format: 1, modelVersionId: version.id, name: version.name, version: version.version, artifactSha256, sources: { loanBook, scorings }, trainingSeconds, report: report as unknown as Record<string, unknown> };
  await finish(scope, job.id, { state: "SUCCEEDED", result });
}

/** Below this many training rows the members are fitted in this thread: starting worker threads would cost more than the fits. */
const MIN_ROWS_FOR_THREADS = 2_000;

/**
 * Threads the members are fitted in: one per core in a worker process (`npm run worker`, scripts); one — this
 * thread — inside the Next.js server (the embedded database's own worker), whose bundle does not carry the
 * engine's TypeScript sources a worker thread loads, and for small books.
 */
function trainingThreads(rows: number): number {
  return process.env.NEXT_RUNTIME || rows < MIN_ROWS_FOR_THREADS ? 1 : availableParallelism();
}

/**
 * Fits the tenant model: the out-of-time check's ensemble and the final one are planned first, then all their
 * members are fitted in one pool of worker threads (trainEnsemblesInWorkers; same bytes as in one thread).
 */
async function fitTenantModel(rows: readonly TrainingRow[], rejects: readonly Omit<TrainingRow, "defaulted">[]): Promise<ReturnType<typeof completeTenantTraining>> {
  const planned = planTenantTraining(rows, { seed: TRAINING_SEED, rejectInference: rejects.length > 0 ? { rejects, badRateMultiplier: REJECT_BAD_RATE_MULTIPLIER } : undefined });
  const toTask = (fit: EnsembleToFit) => ({ plan: planEnsembleTraining(fit.config, fit.x, fit.y, fit.seed), x: fit.x, y: fit.y });
  const tasks = [...(planned.outOfTime ? [toTask(planned.outOfTime.fit)] : []), toTask(planned.final)];
  const fitted = await trainEnsemblesInWorkers(tasks, trainingThreads(planned.ordered.length), () => undefined);
  return completeTenantTraining(planned, { outOfTime: planned.outOfTime ? fitted[0].ensemble : null, final: fitted[fitted.length - 1].ensemble });
}

/** Registers the model as a DRAFT version, or returns the version already holding this artifact (a retried job). */
async function registerDraft(scope: UseCaseScope, name: string, artifact: Record<string, unknown>, artifactSha256: string, report: TenantTrainingReport, versionReport: object): Promise<ModelVersionSummary> {
  const { tenantId } = scope.actor;
  const existing = await findModelVersionByArtifact(scope.db, tenantId, artifactSha256);
  if (existing) return existing;
  return runAudited(scope, async (tx) => {
    const created = await createModelVersion(tx, tenantId, { name, version: artifactSha256.slice(0, 12), kind: String(artifact.kind), status: "DRAFT", artifact: artifact as object, artifactSha256, report: versionReport });
    return { result: created, event: { action: "model.trained", entityType: "ModelVersion", entityId: created.id, payload: { name, version: created.version, artifactSha256, rows: report.rows, defaults: report.defaults } } };
  }, { timeoutMs: 60_000 });
}

async function finish(scope: UseCaseScope, jobId: string, outcome: { state: "SUCCEEDED" | "FAILED"; result?: ModelTrainingResult; error?: string }): Promise<void> {
  const { tenantId } = scope.actor;
  await runAudited(scope, async (tx) => ({
    result: null,
    event: (await finishJob(tx, tenantId, jobId, { state: outcome.state, result: outcome.result as unknown as Parameters<typeof finishJob>[3]["result"], error: outcome.error ?? null, finishedAt: scope.now }))
      ? { action: "job.finished", entityType: "Job", entityId: jobId, payload: { state: outcome.state, ...(outcome.result ? { modelVersionId: outcome.result.modelVersionId, version: outcome.result.version } : { error: outcome.error ?? null }) } }
      : null,
  }));
}

/** Marks a training FAILED after an unexpected error on its last retry. */
export async function failModelTraining(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job) return;
  await finish(jobScope(database, job, storedInputV1.parse(job.input).actor, now), job.id, { state: "FAILED", error: reason });
}
