import type { CreditScoreNarrative, Prisma } from "../generated/client";
import type { Db } from "./database";

export type CreditScoreNarrativeRecord = CreditScoreNarrative;
export type NewCreditScoreNarrative = Omit<Prisma.CreditScoreNarrativeCreateManyInput, "id" | "tenantId">;

export function findCreditScoreNarrative(db: Db, tenantId: string, creditScoreId: string): Promise<CreditScoreNarrativeRecord | null> {
  return db.creditScoreNarrative.findFirst({ where: { tenantId, creditScoreId } });
}
