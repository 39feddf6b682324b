// The product's record of durable jobs (Job) and of each unit of work done (JobItem). The queue itself —
// claiming, retries, expiry of a dead worker's claim — is pg-boss's (core/jobs/job-queue.ts).
import { Prisma, type Job, type JobItem, type JobItemStatus, type JobKind, type JobState, type ActorType, type Recommendation } from "../generated/client";
import type { Db, DbTransaction } from "./database";

export type JobRecord = Job;
export type JobItemRecord = JobItem;

export interface NewJob {
  id: string;
  kind: JobKind;
  idempotencyKey: string;
  input: Prisma.InputJsonObject;
  startedByKind: ActorType;
  startedById: string;
  startedByName: string;
  createdAt: Date;
}

export function insertJob(tx: DbTransaction | Db, tenantId: string, job: NewJob): Promise<JobRecord> {
  return tx.job.create({ data: { ...job, tenantId } });
}

export function findJobById(db: Db | DbTransaction, tenantId: string, jobId: string): Promise<JobRecord | null> {
  return db.job.findFirst({ where: { tenantId, id: jobId } });
}

export function findJobByIdempotencyKey(db: Db, tenantId: string, idempotencyKey: string): Promise<JobRecord | null> {
  return db.job.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
}

/** The tenant's jobs, newest first. */
export function listJobs(db: Db, tenantId: string, first: number): Promise<JobRecord[]> {
  return db.job.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: first });
}

/** The tenant's jobs of one kind, newest first; only those not finished with `unfinished`. */
export function listJobsOfKind(db: Db, tenantId: string, kind: JobKind, options: { first: number; unfinished?: boolean }): Promise<JobRecord[]> {
  return db.job.findMany({ where: { tenantId, kind, ...(options.unfinished ? { state: { in: ["QUEUED", "RUNNING"] } } : {}) }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: options.first });
}

/** Jobs of every tenant still waiting to be handed to the queue (a start whose send was lost is sent again). */
export function listQueuedJobs(db: Db): Promise<Pick<JobRecord, "id" | "tenantId" | "kind">[]> {
  return db.job.findMany({ where: { state: "QUEUED", cancelRequestedAt: null }, select: { id: true, tenantId: true, kind: true } });
}

/** QUEUED → RUNNING with the number of units, once; false when the job is no longer QUEUED or RUNNING. */
export async function markJobPlanned(db: Db, tenantId: string, jobId: string, total: number, startedAt: Date): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { tenantId, id: jobId, state: { in: ["QUEUED", "RUNNING"] }, cancelRequestedAt: null }, data: { state: "RUNNING", total, startedAt } });
  return count === 1;
}

/** RUNNING (or QUEUED) → a final state, exactly once: false when another worker or a cancellation got there first. */
export async function finishJob(
  tx: DbTransaction | Db,
  tenantId: string,
  jobId: string,
  outcome: { state: Extract<JobState, "SUCCEEDED" | "FAILED" | "CANCELLED">; result?: Prisma.InputJsonObject; error?: string | null; finishedAt: Date },
): Promise<boolean> {
  const { count } = await tx.job.updateMany({
    where: { tenantId, id: jobId, state: { in: ["QUEUED", "RUNNING"] } },
    data: { state: outcome.state, result: outcome.result ?? Prisma.DbNull, error: outcome.error ?? null, finishedAt: outcome.finishedAt },
  });
  return count === 1;
}

export async function requestJobCancel(tx: DbTransaction | Db, tenantId: string, jobId: string, at: Date): Promise<boolean> {
  const { count } = await tx.job.updateMany({ where: { tenantId, id: jobId, state: { in: ["QUEUED", "RUNNING"] }, cancelRequestedAt: null }, data: { cancelRequestedAt: at } });
  return count === 1;
}

export interface NewJobItem {
  borrowerId: string;
  status: JobItemStatus;
  creditScoreId?: string | null;
  reason?: string | null;
}

/** Records units done, in the transaction that did them; a unit already recorded is an error (never done twice). */
export async function insertJobItems(tx: DbTransaction, tenantId: string, jobId: string, items: readonly NewJobItem[], createdAt: Date): Promise<void> {
  if (items.length === 0) return;
  await tx.jobItem.createMany({ data: items.map((item) => ({ tenantId, jobId, borrowerId: item.borrowerId, status: item.status, creditScoreId: item.creditScoreId ?? null, reason: item.reason ?? null, createdAt })) });
}

/** Which of `borrowerIds` the job has already done (scored, skipped or failed). */
export async function listDoneBorrowerIds(db: Db, tenantId: string, jobId: string, borrowerIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.jobItem.findMany({ where: { tenantId, jobId, borrowerId: { in: [...borrowerIds] } }, select: { borrowerId: true } });
  return new Set(rows.map((row) => row.borrowerId));
}

export interface JobProgress {
  scored: number;
  skipped: number;
  failed: number;
}

export async function countJobItems(db: Db | DbTransaction, tenantId: string, jobId: string): Promise<JobProgress> {
  const groups = await db.jobItem.groupBy({ by: ["status"], where: { tenantId, jobId }, _count: { _all: true } });
  const count = (status: JobItemStatus) => groups.find((group) => group.status === status)?._count._all ?? 0;
  return { scored: count("SCORED"), skipped: count("SKIPPED"), failed: count("FAILED") };
}

/** The last few failures of a job, newest first, for the progress view. */
export function listJobFailures(db: Db, tenantId: string, jobId: string, first: number): Promise<JobItemRecord[]> {
  return db.jobItem.findMany({ where: { tenantId, jobId, status: "FAILED" }, orderBy: [{ createdAt: "desc" }, { borrowerId: "asc" }], take: first });
}

export interface PortfolioFilter {
  /** Only borrowers whose latest scoring had this recommendation. */
  previousRecommendation?: Recommendation | null;
  /** Only borrowers whose latest scoring fell in this risk bucket (the model's band). */
  previousRiskBucket?: string | null;
  /** Only borrowers never scored, or last scored before this instant. */
  lastScoredBefore?: Date | null;
  /** Only borrowers scored at least once. */
  onlyScored?: boolean | null;
  /** Only borrowers created at or before this instant (a job covers the book as it was when it started). */
  existingAt?: Date | null;
  /** Only these borrowers. */
  borrowerIds?: readonly string[] | null;
}

/** A borrower a portfolio job covers, with the terms of its latest scoring (its application's amount and tenor). */
export interface PortfolioBorrower {
  borrowerId: string;
  requestedAmount: string | null;
  requestedTenorDays: number | null;
}

/** The tenant's borrowers matching `filter`, by id, each with its latest scoring's requested terms. */
export async function listPortfolioBorrowers(db: Db, tenantId: string, filter: PortfolioFilter): Promise<PortfolioBorrower[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`b."tenantId" = ${tenantId}`];
  if (filter.onlyScored || filter.previousRecommendation || filter.previousRiskBucket) conditions.push(Prisma.sql`latest.id IS NOT NULL`);
  if (filter.previousRecommendation) conditions.push(Prisma.sql`latest.recommendation = ${filter.previousRecommendation}::"Recommendation"`);
  if (filter.previousRiskBucket) conditions.push(Prisma.sql`latest."riskBucket" = ${filter.previousRiskBucket}`);
  if (filter.existingAt) conditions.push(Prisma.sql`b."createdAt" <= ${filter.existingAt}::timestamptz`);
  if (filter.borrowerIds) conditions.push(filter.borrowerIds.length > 0 ? Prisma.sql`b.id IN (${Prisma.join([...filter.borrowerIds])})` : Prisma.sql`false`);
  if (filter.lastScoredBefore) conditions.push(Prisma.sql`(latest.id IS NULL OR latest."scoredAt" < ${filter.lastScoredBefore}::timestamptz)`);
  const rows = await db.$queryRaw<{ borrowerId: string; requestedAmount: string | null; requestedTenorDays: number | null }[]>`
    SELECT b.id AS "borrowerId", latest."requestedAmount"::text AS "requestedAmount", latest."requestedTenorDays"
    FROM "Borrower" b
    LEFT JOIN LATERAL (
      SELECT s.id, s.recommendation, s."riskBucket", s."scoredAt", s."requestedAmount", s."requestedTenorDays" FROM "CreditScore" s
      WHERE s."tenantId" = b."tenantId" AND s."borrowerId" = b.id ORDER BY s."scoredAt" DESC, s.id DESC LIMIT 1
    ) latest ON true
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY b.id`;
  return rows;
}

/** One unit of a re-scoring with the borrower's scoring before it and the one it made (null when none). */
export interface RescoreItemRow {
  borrowerId: string;
  externalId: string;
  status: JobItemStatus;
  reason: string | null;
  previousScore: number | null;
  previousRiskBucket: string | null;
  previousRecommendation: Recommendation | null;
  previousLimit: string | null;
  creditScoreId: string | null;
  score: number | null;
  riskBucket: string | null;
  recommendation: Recommendation | null;
  recommendedLimit: string | null;
}

/** Every unit of a re-scoring job, by borrower id; "previous" is the borrower's latest scoring made before this one. */
export function listRescoreItems(db: Db, tenantId: string, jobId: string): Promise<RescoreItemRow[]> {
  return db.$queryRaw<RescoreItemRow[]>`
    SELECT i."borrowerId", b."externalId", i.status::text AS status, i.reason,
      prev.score AS "previousScore", prev."riskBucket" AS "previousRiskBucket", prev.recommendation::text AS "previousRecommendation", prev."recommendedLimit"::text AS "previousLimit",
      s.id AS "creditScoreId", s.score, s."riskBucket", s.recommendation::text AS recommendation, s."recommendedLimit"::text AS "recommendedLimit"
    FROM "JobItem" i
    JOIN "Borrower" b ON b."tenantId" = i."tenantId" AND b.id = i."borrowerId"
    LEFT JOIN "CreditScore" s ON s."tenantId" = i."tenantId" AND s.id = i."creditScoreId"
    LEFT JOIN LATERAL (
      SELECT p.score, p."riskBucket", p.recommendation, p."recommendedLimit" FROM "CreditScore" p
      WHERE p."tenantId" = i."tenantId" AND p."borrowerId" = i."borrowerId" AND p.id IS DISTINCT FROM i."creditScoreId"
        AND p."scoredAt" <= coalesce(s."scoredAt", i."createdAt")
        AND NOT EXISTS (SELECT 1 FROM "JobItem" o WHERE o."jobId" = i."jobId" AND o."creditScoreId" = p.id)
      ORDER BY p."scoredAt" DESC, p.id DESC LIMIT 1
    ) prev ON true
    WHERE i."tenantId" = ${tenantId} AND i."jobId" = ${jobId}
    ORDER BY i."borrowerId"`;
}
