import type { CommitteeDecision, Prisma } from "../generated/client";
import { appendAuditEventInTransaction, lockAuditChain, type NewAuditEvent } from "./audit-event";
import type { Db } from "./database";

export type CommitteeDecisionRecord = CommitteeDecision;
export type NewCommitteeDecision = Omit<Prisma.CommitteeDecisionCreateManyInput, "id" | "tenantId" | "createdAt">;

export function recordCommitteeDecision(db: Db, tenantId: string, input: NewCommitteeDecision): Promise<CommitteeDecisionRecord> {
  return db.committeeDecision.create({ data: { ...input, tenantId } });
}

/** Records the decision and its audit event in one transaction. */
export function recordCommitteeDecisionWithAudit(db: Db, tenantId: string, input: NewCommitteeDecision, event: (decision: CommitteeDecisionRecord) => NewAuditEvent): Promise<CommitteeDecisionRecord> {
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx, tenantId);
    const decision = await tx.committeeDecision.create({ data: { ...input, tenantId } });
    await appendAuditEventInTransaction(tx, tenantId, event(decision));
    return decision;
  });
}

export function listCommitteeDecisions(db: Db, tenantId: string, creditScoreId: string): Promise<CommitteeDecisionRecord[]> {
  return db.committeeDecision.findMany({ where: { tenantId, creditScoreId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
}
