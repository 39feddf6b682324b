import type { CommitteeDecision, Prisma } from "../generated/client";
import type { DbClient } from "./database";

export type CommitteeDecisionRecord = CommitteeDecision;
export type NewCommitteeDecision = Omit<Prisma.CommitteeDecisionCreateManyInput, "id" | "tenantId" | "createdAt">;

/**
 * Stores a decision. The database keeps one chain per score: at most one decision supersedes nothing
 * ("CommitteeDecision_one_first_per_score") and each is superseded at most once (unique supersedesDecisionId),
 * so a racing second decision fails with a unique violation (P2002).
 */
export function recordCommitteeDecision(db: DbClient, tenantId: string, input: NewCommitteeDecision): Promise<CommitteeDecisionRecord> {
  return db.committeeDecision.create({ data: { ...input, tenantId } });
}

/** The decision in force on a score: the one no other decision supersedes; null before the first. */
export function findCurrentCommitteeDecision(db: DbClient, tenantId: string, creditScoreId: string): Promise<CommitteeDecisionRecord | null> {
  return db.committeeDecision.findFirst({ where: { tenantId, creditScoreId, supersededBy: { is: null } } });
}

export function findCommitteeDecisionById(db: DbClient, tenantId: string, id: string): Promise<CommitteeDecisionRecord | null> {
  return db.committeeDecision.findFirst({ where: { tenantId, id } });
}

/** Every decision on a score, oldest first: the first decision, then each change in the order it was made. */
export function listCommitteeDecisions(db: DbClient, tenantId: string, creditScoreId: string): Promise<CommitteeDecisionRecord[]> {
  return db.committeeDecision.findMany({ where: { tenantId, creditScoreId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
}
