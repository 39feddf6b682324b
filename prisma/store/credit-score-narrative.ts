import type { CreditScoreNarrative, Prisma } from "../generated/client";
import { appendAuditEventInTransaction, lockAuditChain, type NewAuditEvent } from "./audit-event";
import type { Db } from "./database";

export type CreditScoreNarrativeRecord = CreditScoreNarrative;
export type NewCreditScoreNarrative = Omit<Prisma.CreditScoreNarrativeCreateManyInput, "id" | "tenantId">;

export function findCreditScoreNarrative(db: Db, tenantId: string, creditScoreId: string): Promise<CreditScoreNarrativeRecord | null> {
  return db.creditScoreNarrative.findFirst({ where: { tenantId, creditScoreId } });
}

/**
 * Freezes the first narrative of a score together with its audit event (one transaction, under the chain
 * lock); when one is already frozen, returns it and writes nothing.
 */
export function freezeCreditScoreNarrative(db: Db, tenantId: string, input: NewCreditScoreNarrative, event: NewAuditEvent): Promise<CreditScoreNarrativeRecord> {
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx, tenantId);
    const existing = await tx.creditScoreNarrative.findFirst({ where: { tenantId, creditScoreId: input.creditScoreId } });
    if (existing) return existing;
    const narrative = await tx.creditScoreNarrative.create({ data: { ...input, tenantId } });
    await appendAuditEventInTransaction(tx, tenantId, event);
    return narrative;
  });
}
