import type { Outcome, Prisma } from "../generated/client";
import type { Db, DbClient } from "./database";

export type OutcomeRecord = Outcome;
export type NewOutcome = Omit<Prisma.OutcomeCreateManyInput, "id" | "tenantId" | "createdAt">;

/**
 * Appends an observation of the loan a score led to. Observations are never changed: a loan's status is their
 * history, and its current status the latest by observedAt (one per score and instant, a unique key).
 */
export function recordOutcome(db: DbClient, tenantId: string, input: NewOutcome): Promise<OutcomeRecord> {
  return db.outcome.create({ data: { ...input, tenantId } });
}

export function listOutcomes(db: Db, tenantId: string, borrowerId: string): Promise<OutcomeRecord[]> {
  return db.outcome.findMany({ where: { tenantId, borrowerId }, orderBy: [{ observedAt: "asc" }, { id: "asc" }] });
}

/** Every observation of the loan a score led to, oldest first: its status history. */
export function listOutcomeHistory(db: DbClient, tenantId: string, creditScoreId: string): Promise<OutcomeRecord[]> {
  return db.outcome.findMany({ where: { tenantId, creditScoreId }, orderBy: [{ observedAt: "asc" }, { id: "asc" }] });
}

/**
 * The loan's current status: the latest observation (by observedAt) of the loan a score led to, or null. The one
 * definition of "current status" — portfolio metrics, the review page and the borrower's page all read it.
 */
export function findLatestOutcome(db: DbClient, tenantId: string, creditScoreId: string): Promise<OutcomeRecord | null> {
  return db.outcome.findFirst({ where: { tenantId, creditScoreId }, orderBy: [{ observedAt: "desc" }, { id: "asc" }] });
}

/** Scores with their current status (the latest outcome by observedAt), scored in [from, to]: what portfolio performance is computed from. */
export async function listScoresWithOutcomes(db: Db, tenantId: string, range: { from?: Date; to?: Date }) {
  const scores = await db.creditScore.findMany({
    where: { tenantId, ...(range.from || range.to ? { scoredAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) } } : {}) },
    select: { id: true, scoredAt: true, score: true, scoreExact: true, probabilityOfDefault: true, riskBucket: true, modelVersionId: true, outcomes: { orderBy: [{ observedAt: "desc" }, { id: "asc" }], take: 1, select: { status: true } } },
    orderBy: [{ scoredAt: "asc" }, { id: "asc" }],
  });
  return scores.map(({ outcomes, ...score }) => ({ ...score, outcome: outcomes[0]?.status ?? null }));
}
