import type { Outcome, Prisma } from "../generated/client";
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

export function listOutcomes(db: Db, tenantId: string, borrowerId: string): Promise<OutcomeRecord[]> {
  return db.outcome.findMany({ where: { tenantId, borrowerId }, orderBy: [{ observedAt: "asc" }, { id: "asc" }] });
}
