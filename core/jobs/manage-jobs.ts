import "server-only";
import { countJobItems, findJobById, finishJob, listJobFailures, listJobs, listRescoreItems, requestJobCancel as markJobCancelRequested, type JobItemRecord, type JobProgress, type JobRecord } from "@/prisma/store/job";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, notFound } from "../errors";
import { readRescoreSummary, rescoreItemsCsv, type RescoreSummary } from "./rescore-summary";

/** Who may see and run jobs. */
const jobRoles = ["ADMIN", "ANALYST"] as const;
export const maxJobsPerPage = 100;

/** A job as people read it: its record, how far it is, its latest failures and, once finished, its summary. */
export interface JobView {
  job: JobRecord;
  progress: JobProgress & { done: number };
  recentFailures: JobItemRecord[];
  summary: RescoreSummary | null;
}

async function viewOf(scope: UseCaseScope, job: JobRecord): Promise<JobView> {
  const [progress, recentFailures] = await Promise.all([countJobItems(scope.db, job.tenantId, job.id), listJobFailures(scope.db, job.tenantId, job.id, 20)]);
  return {
    job,
    // A simulation and an audit verification count their work on the row (they write no items).
    progress: { ...progress, done: job.kind === "POLICY_SIMULATION" || job.kind === "AUDIT_VERIFICATION" ? job.unitsDone : progress.scored + progress.skipped + progress.failed },
    recentFailures,
    summary: job.result === null || job.kind !== "PORTFOLIO_RESCORE" ? null : readRescoreSummary(job.result),
  };
}

/** One job of the caller's tenant, or null. */
export async function getJob(scope: UseCaseScope, jobId: string): Promise<JobView | null> {
  requireRole(scope.actor, jobRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  return job ? viewOf(scope, job) : null;
}

/** The tenant's latest jobs, newest first. @throws DomainError BAD_USER_INPUT naming `first`. */
export async function listTenantJobs(scope: UseCaseScope, first: number): Promise<JobView[]> {
  requireRole(scope.actor, jobRoles);
  if (!Number.isInteger(first) || first < 1 || first > maxJobsPerPage) throw badUserInput("first", `first: a whole number from 1 to ${maxJobsPerPage}.`);
  const jobs = await listJobs(scope.db, scope.actor.tenantId, first);
  return Promise.all(jobs.map((job) => viewOf(scope, job)));
}

/**
 * Cancels a job that has not finished: it is CANCELLED at once (audited); workers holding one of its units
 * finish the borrowers in hand and take no more. What was done stays done, each scoring with its audit row.
 * Cancelling a finished job changes nothing.
 * @throws DomainError NOT_FOUND
 */
export async function cancelJob(scope: UseCaseScope, jobId: string): Promise<JobView> {
  requireRole(scope.actor, jobRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  if (!job) throw notFound("No job with this id.");
  return viewOf(scope, await requestJobCancel(scope, job));
}

/** Marks a job CANCELLED (audited) unless it has finished, for a caller whose role was checked; returns it as it now is. */
export async function requestJobCancel(scope: UseCaseScope, job: JobRecord): Promise<JobRecord> {
  const { tenantId } = scope.actor;
  await runAudited(scope, async (tx) => {
    if (!(await markJobCancelRequested(tx, tenantId, job.id, scope.now))) return { result: null, event: null };
    await finishJob(tx, tenantId, job.id, { state: "CANCELLED", error: `Cancelled by ${scope.actor.name}`, finishedAt: scope.now });
    return { result: null, event: { action: "job.cancelled", entityType: "Job", entityId: job.id, payload: {} } };
  });
  return (await findJobById(scope.db, tenantId, job.id)) as JobRecord;
}

/** A re-scoring's items as CSV: each borrower's status, reason, previous and new score, band, recommendation and limit. @throws DomainError NOT_FOUND */
export async function exportRescoreItems(scope: UseCaseScope, jobId: string): Promise<string> {
  requireRole(scope.actor, jobRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  if (!job || job.kind !== "PORTFOLIO_RESCORE") throw notFound("No portfolio re-scoring with this id.");
  return rescoreItemsCsv(await listRescoreItems(scope.db, job.tenantId, job.id));
}
