import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { NewAuditEvent } from "@/prisma/store/audit-event";
import { recordCreditScoresWithAudit } from "@/prisma/store/credit-score";
import type { Database } from "@/prisma/store/database";
import {
  countJobItems,
  findJobById,
  findJobByIdempotencyKey,
  finishJob,
  insertJob,
  insertJobItems,
  listDoneBorrowerIds,
  listPortfolioBorrowers,
  listRescoreItems,
  markJobPlanned,
  type JobRecord,
  type NewJobItem,
} from "@/prisma/store/job";
import type { ConsentPurpose, Recommendation } from "@/prisma/store/vocabulary";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { prepareScoring, type PreparedScoring } from "../calculate-score";
import { badUserInput, isDomainError } from "../errors";
import { deterministicUnitId, queueNames, type JobQueue, type UnitData } from "./job-queue";
import { jobScope, storedJobActor, storeJobActor } from "./job-actor";
import { summariseRescore } from "./rescore-summary";

/** Borrowers per chunk: one transaction and one audit-chain lock per chunk. */
export const RESCORE_CHUNK_SIZE = 50;
/** Scorings of a chunk prepared at once (reads overlap; the engine runs between them). */
const PREPARE_CONCURRENCY = 4;

export interface PortfolioRescoreInput {
  purpose: ConsentPurpose;
  /** The instant signals are read up to; default: when the job is started. */
  asOf?: Date | null;
  /** Amount and tenor for a borrower never scored before (others keep their latest application's terms). */
  defaultRequestedAmount: string;
  defaultRequestedTenorDays: number;
  filter?: {
    previousRecommendation?: Recommendation | null;
    previousRiskBucket?: string | null;
    lastScoredBefore?: Date | null;
    onlyScored?: boolean | null;
  } | null;
  /** Starting twice with the same key returns the first job. */
  idempotencyKey?: string | null;
}

const rescorePurposes = ["MONITORING", "LIMIT_REVIEW"] as const;

// The job's input as stored on the Job row (format 1): parsed on every read, never cast.
const storedInputV1 = z.object({
  format: z.literal(1),
  purpose: z.enum(rescorePurposes),
  asOf: z.iso.datetime(),
  defaultRequestedAmount: z.string(),
  defaultRequestedTenorDays: z.number().int(),
  filter: z.object({
    previousRecommendation: z.enum(["APPROVE", "REVIEW", "REJECT"]).nullable(),
    previousRiskBucket: z.string().nullable(),
    lastScoredBefore: z.iso.datetime().nullable(),
    onlyScored: z.boolean(),
  }),
  actor: storedJobActor,
});
type StoredRescoreInput = z.infer<typeof storedInputV1>;

export function readRescoreInput(stored: unknown): StoredRescoreInput {
  return storedInputV1.parse(stored);
}

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;

function validateInput(input: PortfolioRescoreInput, now: Date): { asOf: Date; idempotencyKey: string } {
  if (!(rescorePurposes as readonly string[]).includes(input.purpose)) throw badUserInput("input.purpose", "input.purpose: a portfolio re-scoring reads signals under MONITORING or LIMIT_REVIEW consent.");
  if (!amountPattern.test(input.defaultRequestedAmount.trim()) || Number(input.defaultRequestedAmount) <= 0) {
    throw badUserInput("input.defaultRequestedAmount", 'input.defaultRequestedAmount: a positive amount with at most 4 decimals, e.g. "25000.00".');
  }
  if (!Number.isInteger(input.defaultRequestedTenorDays) || input.defaultRequestedTenorDays < 1 || input.defaultRequestedTenorDays > 3650) {
    throw badUserInput("input.defaultRequestedTenorDays", "input.defaultRequestedTenorDays: a whole number of days from 1 to 3650.");
  }
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) throw badUserInput("input.asOf", "input.asOf: cannot be in the future.");
  const key = input.idempotencyKey?.trim();
  if (key !== undefined && key !== null && (key.length === 0 || key.length > 100)) throw badUserInput("input.idempotencyKey", "input.idempotencyKey: 1 to 100 characters.");
  if (input.filter?.previousRiskBucket && input.filter.previousRiskBucket.length > 20) throw badUserInput("input.filter.previousRiskBucket", "input.filter.previousRiskBucket: at most 20 characters.");
  return { asOf, idempotencyKey: key || randomUUID() };
}

/**
 * Starts re-scoring the tenant's portfolio: every borrower matching the filter (and existing when the job
 * starts) is scored exactly as calculateScore scores — consent gate, frozen inputs, decision, audit row —
 * by whichever workers share the queue. The Job row and its audit event commit together; the first unit is
 * then queued (and queued again by any worker that finds the job still QUEUED, so a lost send delays it
 * but never loses it).
 * @throws DomainError FORBIDDEN (not ADMIN or ANALYST), BAD_USER_INPUT naming the field.
 */
export async function startPortfolioRescore(scope: UseCaseScope, input: PortfolioRescoreInput, queue: Pick<JobQueue, "send">): Promise<JobRecord> {
  requireRole(scope.actor, ["ADMIN", "ANALYST"]);
  const { asOf, idempotencyKey } = validateInput(input, scope.now);
  const { tenantId } = scope.actor;
  const existing = await findJobByIdempotencyKey(scope.db, tenantId, idempotencyKey);
  if (existing) return existing;
  const actor = scope.actor;
  const stored: StoredRescoreInput = {
    format: 1,
    purpose: input.purpose as StoredRescoreInput["purpose"],
    asOf: asOf.toISOString(),
    defaultRequestedAmount: input.defaultRequestedAmount.trim(),
    defaultRequestedTenorDays: input.defaultRequestedTenorDays,
    filter: {
      previousRecommendation: input.filter?.previousRecommendation ?? null,
      previousRiskBucket: input.filter?.previousRiskBucket ?? null,
      lastScoredBefore: input.filter?.lastScoredBefore?.toISOString() ?? null,
      onlyScored: input.filter?.onlyScored ?? false,
    },
    actor: storeJobActor(actor),
  };
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => ({
    result: await insertJob(tx, tenantId, {
      id,
      kind: "PORTFOLIO_RESCORE",
      idempotencyKey,
      input: stored,
      startedByKind: actor.kind,
      startedById: actor.id,
      startedByName: actor.name,
      createdAt: scope.now,
    }),
    event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "PORTFOLIO_RESCORE", input: { ...stored, actor: undefined } } },
  }));
  await queue.send(queueNames.rescorePlan, { tenantId, jobId: job.id }, job.id);
  return job;
}

/** The scope a job's work runs in: the person (or key) who started it, at the worker's clock, request id "job:<id>". */

/**
 * Plans a re-scoring: lists its borrowers (those existing when it started, in id order, so a retried plan
 * lists the same ones), records the total and marks the job RUNNING, then queues one chunk per
 * RESCORE_CHUNK_SIZE with ids derived from (job, chunk index), so planning twice queues nothing twice.
 */
export async function planPortfolioRescore(database: Pick<Database, "db">, queue: JobQueue, data: UnitData, now: Date, chunkSize = RESCORE_CHUNK_SIZE): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || (job.state !== "QUEUED" && job.state !== "RUNNING")) return;
  const input = readRescoreInput(job.input);
  const borrowers = await listPortfolioBorrowers(database.db, job.tenantId, {
    ...input.filter,
    lastScoredBefore: input.filter.lastScoredBefore ? new Date(input.filter.lastScoredBefore) : null,
    existingAt: job.createdAt,
  });
  const chunks: { id: string; data: UnitData }[] = [];
  for (let start = 0; start < borrowers.length; start += chunkSize) {
    const borrowerIds = borrowers.slice(start, start + chunkSize).map((borrower) => borrower.borrowerId);
    chunks.push({ id: deterministicUnitId(job.id, "chunk", String(start / chunkSize)), data: { tenantId: job.tenantId, jobId: job.id, borrowerIds } });
  }
  // RUNNING before the chunks are queued, so no chunk finds its job not yet running; a plan retried after
  // this point queues the same chunks again, which the queue ignores.
  if (!(await markJobPlanned(database.db, job.tenantId, job.id, borrowers.length, job.startedAt ?? now))) return;
  await queue.sendMany(queueNames.rescoreChunk, chunks);
  if (borrowers.length === 0) await completeIfDone(database, job.tenantId, job.id, now);
}

/**
 * Scores one chunk: borrowers the job has already done are skipped (a chunk retried after a worker died
 * resumes where the committed work ends), the rest are prepared as calculateScore prepares them, and the
 * scorings, their audit events (one chain lock for the chunk) and the job's items commit in one transaction.
 * A borrower without consent in force is an item SKIPPED with the reason (and its refusal audited, as an
 * online refusal is); a borrower whose scoring fails is an item FAILED with the reason. When the last item
 * of the job is in, the job is summarised and finished.
 */
export async function scorePortfolioChunk(database: Pick<Database, "db">, data: UnitData, now: Date): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || job.state !== "RUNNING" || job.cancelRequestedAt) return;
  const input = readRescoreInput(job.input);
  const borrowerIds = data.borrowerIds ?? [];
  const done = await listDoneBorrowerIds(database.db, job.tenantId, job.id, borrowerIds);
  const todo = borrowerIds.filter((id) => !done.has(id));
  if (todo.length > 0) {
    const scope = jobScope(database, job, input.actor, now);
    const terms = new Map((await listPortfolioBorrowers(database.db, job.tenantId, { borrowerIds: todo })).map((borrower) => [borrower.borrowerId, borrower]));
    const outcomes = await mapWithConcurrency(todo, PREPARE_CONCURRENCY, (borrowerId) => prepareChunkItem(scope, input, borrowerId, terms.get(borrowerId)));
    const scorings = outcomes.flatMap((outcome) => (outcome.scoring ? [outcome.scoring] : []));
    const events = outcomes.flatMap((outcome) => (outcome.scoring ? [outcome.scoring.event] : outcome.event ? [outcome.event] : []));
    await recordCreditScoresWithAudit(database.db, job.tenantId, scorings.map((scoring) => scoring.record), events, (tx) => insertJobItems(tx, job.tenantId, job.id, outcomes.map((outcome) => outcome.item), now));
  }
  await completeIfDone(database, job.tenantId, job.id, now);
}

interface ChunkItemOutcome {
  item: NewJobItem;
  scoring?: PreparedScoring;
  event?: NewAuditEvent;
}

async function prepareChunkItem(scope: UseCaseScope, input: StoredRescoreInput, borrowerId: string, terms: { requestedAmount: string | null; requestedTenorDays: number | null } | undefined): Promise<ChunkItemOutcome> {
  try {
    const prepared = await prepareScoring(scope, {
      borrowerId,
      purpose: input.purpose,
      asOf: new Date(input.asOf),
      requestedAmount: terms?.requestedAmount ?? input.defaultRequestedAmount,
      requestedTenorDays: terms?.requestedTenorDays ?? input.defaultRequestedTenorDays,
    });
    if (prepared.kind === "refused") return { item: { borrowerId, status: "SKIPPED", reason: `No ${input.purpose} consent in force` }, event: prepared.event };
    return { item: { borrowerId, status: "SCORED", creditScoreId: prepared.scoring.record.id }, scoring: prepared.scoring };
  } catch (error) {
    if (isDomainError(error)) return { item: { borrowerId, status: "FAILED", reason: `${error.code}: ${error.message}` } };
    console.error("[jobs] re-scoring a borrower failed", { jobId: scope.request.id, borrowerId, error });
    return { item: { borrowerId, status: "FAILED", reason: "Internal error (logged by the worker)" } };
  }
}

/** Finishes the job with its summary once every planned borrower has an item; exactly one worker does it. */
async function completeIfDone(database: Pick<Database, "db">, tenantId: string, jobId: string, now: Date): Promise<void> {
  const job = await findJobById(database.db, tenantId, jobId);
  if (!job || job.state !== "RUNNING" || job.total === null) return;
  const progress = await countJobItems(database.db, tenantId, jobId);
  if (progress.scored + progress.skipped + progress.failed < job.total) return;
  const summary = summariseRescore(await listRescoreItems(database.db, tenantId, jobId));
  await runAudited(jobScope(database, job, readRescoreInput(job.input).actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, tenantId, jobId, { state: "SUCCEEDED", result: summary, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: jobId, payload: { state: "SUCCEEDED", summary } } : null,
  }));
}

/**
 * Marks a job FAILED when one of its units failed past its last retry (the dead-letter queue's handler):
 * the work committed so far stays, every item and scoring with its audit row.
 */
export async function failPortfolioRescore(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job) return;
  await runAudited(jobScope(database, job, readRescoreInput(job.input).actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "FAILED", error: reason, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "FAILED", error: reason } } : null,
  }));
}

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}
