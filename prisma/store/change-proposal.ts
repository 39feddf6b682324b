// Four-eyes changes (core/approvals): one person proposes, a different person approves or rejects.
import type { ChangeKind, ChangeProposal, ProposalState } from "../generated/client";
import type { Db, DbTransaction } from "./database";

export type ChangeProposalRecord = ChangeProposal;

export interface NewChangeProposal {
  kind: ChangeKind;
  subjectId: string;
  evidenceJobId: string | null;
  note: string;
  proposedById: string;
  proposedByName: string;
  proposedAt: Date;
}

/** Inserts a PENDING proposal; a second PENDING one for the same subject breaks "ChangeProposal_one_pending_per_subject". */
export function insertChangeProposal(tx: DbTransaction, tenantId: string, proposal: NewChangeProposal): Promise<ChangeProposalRecord> {
  return tx.changeProposal.create({ data: { ...proposal, tenantId, state: "PENDING" } });
}

export function findChangeProposal(db: Db | DbTransaction, tenantId: string, id: string): Promise<ChangeProposalRecord | null> {
  return db.changeProposal.findFirst({ where: { tenantId, id } });
}

/**
 * Moves a PENDING proposal to its decision. Returns false when it was no longer PENDING (decided or withdrawn
 * by a concurrent request): the update is conditional on the state, so two deciders never both win.
 */
export async function decideChangeProposal(
  tx: DbTransaction,
  tenantId: string,
  id: string,
  decision: { state: Exclude<ProposalState, "PENDING">; decidedById: string; decidedByName: string; decidedAt: Date; decisionNote: string | null },
): Promise<boolean> {
  const { count } = await tx.changeProposal.updateMany({ where: { tenantId, id, state: "PENDING" }, data: decision });
  return count === 1;
}

export interface ChangeProposalFilter {
  state?: ProposalState | null;
  kind?: ChangeKind | null;
  subjectId?: string | null;
}

/** The tenant's proposals, newest first. */
export function listChangeProposals(db: Db | DbTransaction, tenantId: string, filter: ChangeProposalFilter, first: number): Promise<ChangeProposalRecord[]> {
  return db.changeProposal.findMany({
    where: { tenantId, ...(filter.state ? { state: filter.state } : {}), ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.subjectId ? { subjectId: filter.subjectId } : {}) },
    orderBy: [{ proposedAt: "desc" }, { id: "asc" }],
    take: first,
  });
}
