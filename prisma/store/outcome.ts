import type { Outcome, Prisma } from "../generated/client";
import { appendAuditEventInTransaction, lockAuditChain, type NewAuditEvent } from "./audit-event";
import type { Db } from "./database";

export type OutcomeRecord = Outcome;
export type NewOutcome = Omit<Prisma.OutcomeCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Records an observation of the loan a score led to; the same (score, observation time) recorded twice is kept once. */
export function recordOutcome(db: Db, tenantId: string, input: NewOutcome): Promise<OutcomeRecord> {
  return db.outcome.upsert({
    where: { tenantId_creditScoreId_observedAt: { tenantId, creditScoreId: input.creditScoreId, observedAt: input.observedAt } },
    create: { ...input, tenantId },
    update: {},
  });
}

/**
 * Records the observation with its audit event in one transaction; a repeat of the same (score,
 * observation time) returns the stored outcome and writes nothing.
 */
export function recordOutcomeWithAudit(db: Db, tenantId: string, input: NewOutcome, event: (outcome: OutcomeRecord) => NewAuditEvent): Promise<OutcomeRecord> {
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx, tenantId);
    const existing = await tx.outcome.findFirst({ where: { tenantId, creditScoreId: input.creditScoreId, observedAt: input.observedAt } });
    if (existing) return existing;
    const outcome = await tx.outcome.create({ data: { ...input, tenantId } });
    await appendAuditEventInTransaction(tx, tenantId, event(outcome));
    return outcome;
  });
}

export function listOutcomes(db: Db, tenantId: string, borrowerId: string): Promise<OutcomeRecord[]> {
  return db.outcome.findMany({ where: { tenantId, borrowerId }, orderBy: [{ observedAt: "asc" }, { id: "asc" }] });
}

/** The latest observation of the loan a score led to, or null. */
export function findLatestOutcome(db: Db, tenantId: string, creditScoreId: string): Promise<OutcomeRecord | null> {
  return db.outcome.findFirst({ where: { tenantId, creditScoreId }, orderBy: [{ observedAt: "desc" }, { id: "asc" }] });
}

/** Scores with their latest outcome, scored in [from, to]: what portfolio performance is computed from. */
export async function listScoresWithOutcomes(db: Db, tenantId: string, range: { from?: Date; to?: Date }) {
  const scores = await db.creditScore.findMany({
    where: { tenantId, ...(range.from || range.to ? { scoredAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) } } : {}) },
    select: { id: true, scoredAt: true, score: true, scoreExact: true, probabilityOfDefault: true, riskBucket: true, modelVersionId: true, outcomes: { orderBy: [{ observedAt: "desc" }, { id: "asc" }], take: 1, select: { status: true } } },
    orderBy: [{ scoredAt: "asc" }, { id: "asc" }],
  });
  return scores.map(({ outcomes, ...score }) => ({ ...score, outcome: outcomes[0]?.status ?? null }));
}
