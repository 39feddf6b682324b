import type { CommitteeDecision, Prisma } from "../generated/client";
import type { Db } from "./database";

export type CommitteeDecisionRecord = CommitteeDecision;
export type NewCommitteeDecision = Omit<Prisma.CommitteeDecisionCreateManyInput, "id" | "tenantId" | "createdAt">;

export function recordCommitteeDecision(db: Db, tenantId: string, input: NewCommitteeDecision): Promise<CommitteeDecisionRecord> {
  return db.committeeDecision.create({ data: { ...input, tenantId } });
}

export function listCommitteeDecisions(db: Db, tenantId: string, creditScoreId: string): Promise<CommitteeDecisionRecord[]> {
  return db.committeeDecision.findMany({ where: { tenantId, creditScoreId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
}
