import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { readAuditChainHead } from "@/prisma/store/audit-event";
import type { Database } from "@/prisma/store/database";
import { findJobById, findJobByIdempotencyKey, finishJob, insertJob, listJobsOfKind, markJobPlanned, type JobRecord } from "@/prisma/store/job";
import { recordJobUnitsDone } from "@/prisma/store/policy-simulation";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, notFound } from "../errors";
import { verifyAuditChain, VerificationStopped, type AuditChainVerification } from "../verify-audit-chain";
import { queueNames, type JobQueue, type UnitData } from "./job-queue";
import { requestJobCancel } from "./manage-jobs";
import { jobScope, storedJobActor, storeJobActor } from "./job-actor";

// A full verification of a tenant's audit chain (every checkpoint, event and scoring from the first row) as a
// durable job: it costs ~3 ms CPU per scoring, far past what one request may cost (issue 11), so requests
// verify incrementally and at most MAX_EVENTS_PER_REQUEST events, and this job covers the rest on a worker.

/** Who may start, read and cancel a verification: whoever may verify the chain. */
const verificationRoles = ["ADMIN", "AUDITOR"] as const;

const storedInputV1 = z.object({ format: z.literal(1), actor: storedJobActor });

// The job's result as stored on the Job row (format 1): parsed on every read, never cast.
const resultV1 = z.object({
  format: z.literal(1),
  valid: z.boolean(),
  checkedEvents: z.number().int(),
  firstInvalidSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  headHash: z.string().nullable(),
  headSeq: z.number().int().nullable(),
  remainingEvents: z.number().int(),
  checkpoint: z.object({ seq: z.number().int(), rowHash: z.string(), signature: z.string() }).nullable(),
});
export type AuditVerificationResult = z.infer<typeof resultV1>;

export function readAuditVerificationResult(stored: unknown): AuditVerificationResult {
  return resultV1.parse(stored);
}

/** A verification job as people read it: its record, how many events it has verified, and once finished its result. */
export interface AuditVerificationView {
  job: JobRecord;
  done: number;
  result: (AuditVerificationResult & { full: true }) | null;
}

function viewOf(job: JobRecord): AuditVerificationView {
  return { job, done: job.unitsDone, result: job.state === "SUCCEEDED" && job.result !== null ? { ...readAuditVerificationResult(job.result), full: true } : null };
}

/**
 * Starts a full verification of the caller's tenant's audit chain as a job and returns it QUEUED. Idempotent:
 * a second start with the same key, or while one is still queued or running, returns that one.
 * @throws DomainError FORBIDDEN (not ADMIN or AUDITOR), BAD_USER_INPUT naming idempotencyKey.
 */
export async function startAuditVerification(scope: UseCaseScope, input: { idempotencyKey?: string | null }, queue: Pick<JobQueue, "send">): Promise<AuditVerificationView> {
  requireRole(scope.actor, verificationRoles);
  const { tenantId } = scope.actor;
  const key = input.idempotencyKey?.trim();
  if (key !== undefined && key !== null && (key.length === 0 || key.length > 100)) throw badUserInput("idempotencyKey", "idempotencyKey: 1 to 100 characters.");
  if (key) {
    const existing = await findJobByIdempotencyKey(scope.db, tenantId, key);
    if (existing) return viewOf(existing);
  }
  const [unfinished] = await listJobsOfKind(scope.db, tenantId, "AUDIT_VERIFICATION", { unfinished: true, first: 1 });
  if (unfinished) return viewOf(unfinished);
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => ({
    result: await insertJob(tx, tenantId, {
      id,
      kind: "AUDIT_VERIFICATION",
      idempotencyKey: key || id,
      input: { format: 1, actor: storeJobActor(scope.actor) },
      startedByKind: scope.actor.kind,
      startedById: scope.actor.id,
      startedByName: scope.actor.name,
      createdAt: scope.now,
    }),
    event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "AUDIT_VERIFICATION" } },
  }));
  await queue.send(queueNames.auditVerification, { tenantId, jobId: id }, id);
  return viewOf(job);
}

/** One verification of the caller's tenant, or its latest when `jobId` is null; null when there is none. */
export async function getAuditVerification(scope: UseCaseScope, jobId: string | null): Promise<AuditVerificationView | null> {
  requireRole(scope.actor, verificationRoles);
  const job = jobId ? await findJobById(scope.db, scope.actor.tenantId, jobId) : ((await listJobsOfKind(scope.db, scope.actor.tenantId, "AUDIT_VERIFICATION", { first: 1 }))[0] ?? null);
  return job && job.kind === "AUDIT_VERIFICATION" ? viewOf(job) : null;
}

/**
 * Cancels a verification that has not finished (audited); the worker stops after the page in hand and signs
 * nothing. Cancelling a finished one changes nothing.
 * @throws DomainError NOT_FOUND
 */
export async function cancelAuditVerification(scope: UseCaseScope, jobId: string): Promise<AuditVerificationView> {
  requireRole(scope.actor, verificationRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  if (!job || job.kind !== "AUDIT_VERIFICATION") throw notFound("No audit verification with this id.");
  return viewOf(await requestJobCancel(scope, job));
}

/**
 * Runs a verification (the unit of queue audit-verification): records the chain's length as the job's total,
 * verifies from the first row with progress (events verified) after each page, stops when the job was
 * cancelled, and stores the result. It writes only a checkpoint (what a verification signs anyway) and the
 * job's end, so a unit retried after a worker died simply starts again.
 */
export async function runAuditVerification(database: Pick<Database, "db">, data: UnitData, now: Date): Promise<void> {
  const { db } = database;
  const job = await findJobById(db, data.tenantId, data.jobId);
  if (!job || job.kind !== "AUDIT_VERIFICATION" || (job.state !== "QUEUED" && job.state !== "RUNNING") || job.cancelRequestedAt) return;
  const { actor } = storedInputV1.parse(job.input);
  const head = await readAuditChainHead(db, job.tenantId);
  if (!(await markJobPlanned(db, job.tenantId, job.id, head?.seq ?? 0, job.startedAt ?? now))) return;
  let verification: AuditChainVerification;
  try {
    verification = await verifyAuditChain(jobScope(database, job, actor, now), { full: true, progress: (checked) => recordJobUnitsDone(db, job.tenantId, job.id, checked) });
  } catch (error) {
    if (error instanceof VerificationStopped) return;
    throw error;
  }
  const result: AuditVerificationResult = {
    format: 1,
    valid: verification.valid,
    checkedEvents: verification.checkedEvents,
    firstInvalidSeq: verification.firstInvalidSeq,
    reason: verification.reason,
    headHash: verification.headHash,
    headSeq: verification.headSeq,
    remainingEvents: verification.remainingEvents,
    checkpoint: verification.checkpoint,
  };
  await runAudited(jobScope(database, job, actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "SUCCEEDED", result, finishedAt: now }))
      ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "SUCCEEDED", valid: result.valid, checkedEvents: result.checkedEvents, firstInvalidSeq: result.firstInvalidSeq } }
      : null,
  }));
}

/** Marks a verification FAILED when its unit failed past its last retry. */
export async function failAuditVerification(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || job.kind !== "AUDIT_VERIFICATION") return;
  await runAudited(jobScope(database, job, storedInputV1.parse(job.input).actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "FAILED", error: reason, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "FAILED", error: reason } } : null,
  }));
}
