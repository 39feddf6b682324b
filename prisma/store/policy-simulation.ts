// What a policy simulation reads: the tenant's stored scorings of a period (frozen features and engine
// result) with the latest observed outcome of each, page by page; and its progress on the Job row.
import { Prisma, type OutcomeStatus } from "../generated/client";
import type { Db } from "./database";

/** A stored scoring as a simulation reads it. */
export interface SimulationScoreRow {
  id: string;
  borrowerId: string;
  scoredAt: Date;
  modelVersionId: string;
  policyVersionId: string;
  requestedAmount: string;
  requestedTenorDays: number;
  riskBucket: string;
  features: unknown;
  result: unknown;
  /** The latest observation's status (by observedAt), or null when none. */
  outcomeStatus: OutcomeStatus | null;
  outcomeRecoveredAmount: string | null;
}

export interface SimulationPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** How many of the tenant's scorings fall in [from, to). */
export async function countSimulationScores(db: Db, tenantId: string, period: SimulationPeriod): Promise<number> {
  return db.creditScore.count({ where: { tenantId, scoredAt: { gte: period.from, lt: period.to } } });
}

/**
 * The next page of the tenant's scorings in [from, to), in (scoredAt, id) order after `after` (keyset
 * paging: a page costs the same wherever it starts), each with its latest outcome.
 */
export function listSimulationScores(db: Db, tenantId: string, period: SimulationPeriod, after: { scoredAt: Date; id: string } | null, pageSize: number): Promise<SimulationScoreRow[]> {
  const position = after ? Prisma.sql`AND (s."scoredAt", s.id) > (${after.scoredAt}::timestamptz, ${after.id})` : Prisma.empty;
  return db.$queryRaw<SimulationScoreRow[]>`
    SELECT s.id, s."borrowerId", s."scoredAt", s."modelVersionId", s."policyVersionId", s."requestedAmount"::text AS "requestedAmount", s."requestedTenorDays",
      s."riskBucket", s.features, s.result, o.status AS "outcomeStatus", o."recoveredAmount"::text AS "outcomeRecoveredAmount"
    FROM "CreditScore" s
    LEFT JOIN LATERAL (
      SELECT status, "recoveredAmount" FROM "Outcome" x
      WHERE x."tenantId" = s."tenantId" AND x."creditScoreId" = s.id ORDER BY x."observedAt" DESC, x.id DESC LIMIT 1
    ) o ON true
    WHERE s."tenantId" = ${tenantId} AND s."scoredAt" >= ${period.from}::timestamptz AND s."scoredAt" < ${period.to}::timestamptz ${position}
    ORDER BY s."scoredAt", s.id
    LIMIT ${pageSize}`;
}

/** Records how many units a job has done (only while it runs and no cancellation was asked for); false otherwise. */
export async function recordJobUnitsDone(db: Db, tenantId: string, jobId: string, unitsDone: number): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { tenantId, id: jobId, state: "RUNNING", cancelRequestedAt: null }, data: { unitsDone } });
  return count === 1;
}

/** The id of the tenant's ACTIVE policy version, or null. */
export async function findActivePolicyVersionId(db: Db, tenantId: string): Promise<string | null> {
  const active = await db.policyVersion.findFirst({ where: { tenantId, status: "ACTIVE" }, select: { id: true } });
  return active?.id ?? null;
}

/** The tenant's simulations, newest first. */
export function listSimulationJobs(db: Db, tenantId: string, first: number) {
  return db.job.findMany({ where: { tenantId, kind: "POLICY_SIMULATION" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: first });
}
