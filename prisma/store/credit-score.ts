import type { CreditScore, Prisma } from "../generated/client";
import type { Db } from "./database";

export type CreditScoreRecord = CreditScore;
export type NewCreditScore = Omit<Prisma.CreditScoreCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Records one scoring. The row is immutable: the database refuses UPDATE and DELETE on it. */
export function recordCreditScore(db: Db, tenantId: string, input: NewCreditScore): Promise<CreditScoreRecord> {
  return db.creditScore.create({ data: { ...input, tenantId } });
}

export function findCreditScoreById(db: Db, tenantId: string, id: string): Promise<CreditScoreRecord | null> {
  return db.creditScore.findFirst({ where: { id, tenantId } });
}

export function listCreditScores(db: Db, tenantId: string, borrowerId: string): Promise<CreditScoreRecord[]> {
  return db.creditScore.findMany({ where: { tenantId, borrowerId }, orderBy: [{ scoredAt: "desc" }, { id: "asc" }] });
}
