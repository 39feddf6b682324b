import { createHash } from "node:crypto";
import type { BorrowerRequest, Prisma } from "../generated/client";
import type { Db, DbClient, DbTransaction } from "./database";

export type BorrowerRequestRecord = BorrowerRequest;
export type NewBorrowerRequest = Omit<Prisma.BorrowerRequestCreateManyInput, "id" | "tenantId">;

export function createBorrowerRequest(db: DbClient, tenantId: string, input: NewBorrowerRequest): Promise<BorrowerRequestRecord> {
  return db.borrowerRequest.create({ data: { ...input, tenantId } });
}

/** The borrower's requests, newest first. */
export function listBorrowerRequests(db: DbClient, tenantId: string, borrowerId: string): Promise<BorrowerRequestRecord[]> {
  return db.borrowerRequest.findMany({ where: { tenantId, borrowerId }, orderBy: [{ requestedAt: "desc" }, { id: "asc" }] });
}

/** Human reviews of a scoring, newest first: what the committee reads on the review page. */
export function listHumanReviews(db: DbClient, tenantId: string, creditScoreId: string): Promise<BorrowerRequestRecord[]> {
  return db.borrowerRequest.findMany({ where: { tenantId, creditScoreId, kind: "HUMAN_REVIEW" }, orderBy: [{ requestedAt: "desc" }, { id: "asc" }] });
}

/** The human review of a scoring the committee has not answered yet, or null ("contested"). */
export function findOpenHumanReview(db: DbClient, tenantId: string, creditScoreId: string): Promise<BorrowerRequestRecord | null> {
  return db.borrowerRequest.findFirst({ where: { tenantId, creditScoreId, kind: "HUMAN_REVIEW", status: "OPEN" } });
}

/** Marks the scoring's open human review answered by a committee decision; returns its id, or null when none was open. */
export async function completeOpenHumanReview(tx: DbTransaction, tenantId: string, creditScoreId: string, decisionId: string, at: Date): Promise<string | null> {
  const open = await findOpenHumanReview(tx, tenantId, creditScoreId);
  if (!open) return null;
  await tx.borrowerRequest.update({ where: { id: open.id }, data: { status: "COMPLETED", resolvedAt: at, resolvedByDecisionId: decisionId } });
  return open.id;
}

export function completeBorrowerRequest(tx: DbTransaction, id: string, at: Date, resolution: Prisma.InputJsonObject): Promise<BorrowerRequestRecord> {
  return tx.borrowerRequest.update({ where: { id }, data: { status: "COMPLETED", resolvedAt: at, resolution } });
}

/** Rows deleted, by kind of signal. */
export interface ErasedSignals {
  transactions: number;
  bills: number;
  loanRepayments: number;
  behaviouralEvents: number;
  bureauRecords: number;
  linkedAccounts: number;
}

/** Deletes every raw signal of a borrower and the accounts they came from (docs/data-rights.md: erased at once). */
export async function eraseBorrowerSignals(tx: DbTransaction, tenantId: string, borrowerId: string): Promise<ErasedSignals> {
  const where = { tenantId, borrowerId };
  const transactions = (await tx.transaction.deleteMany({ where })).count;
  const bills = (await tx.bill.deleteMany({ where })).count;
  const loanRepayments = (await tx.loanRepayment.deleteMany({ where })).count;
  const behaviouralEvents = (await tx.behaviouralEvent.deleteMany({ where })).count;
  const bureauRecords = (await tx.bureauRecord.deleteMany({ where })).count;
  const linkedAccounts = (await tx.linkedAccount.deleteMany({ where })).count;
  return { transactions, bills, loanRepayments, behaviouralEvents, bureauRecords, linkedAccounts };
}

/** Revokes the borrower's consents still in force (ACTIVE or not yet started); returns how many. */
export async function revokeConsentsInForce(tx: DbTransaction, tenantId: string, borrowerId: string, at: Date): Promise<number> {
  return (await tx.consent.updateMany({ where: { tenantId, borrowerId, revokedAt: null, expiresAt: { gt: at } }, data: { revokedAt: at } })).count;
}

/** Contact details no kept record needs: the phone number and device id, replaced by placeholders. */
export async function eraseBorrowerContact(tx: DbTransaction, tenantId: string, borrowerId: string): Promise<void> {
  await tx.borrower.update({ where: { tenantId_id: { tenantId, id: borrowerId } }, data: { phone: "erased", deviceId: null, simRegisteredAt: null } });
}

/**
 * Replaces the identity of a borrower nothing under retention refers to with a pseudonym: names, date of
 * birth and national id (its keyed hash becomes a hash of the record's own id, so it matches no person).
 */
export async function pseudonymiseBorrowerIdentity(tx: DbTransaction, tenantId: string, borrowerId: string): Promise<void> {
  await tx.borrower.update({
    where: { tenantId_id: { tenantId, id: borrowerId } },
    data: { givenName: "Erased", familyName: "borrower", dateOfBirth: new Date("1900-01-01T00:00:00Z"), nationalIdType: "OTHER", nationalIdHash: createHash("sha256").update(`erased:${borrowerId}`).digest("hex"), nationalIdLast4: "----", nameMatchesAccounts: null },
  });
}

/** The newest instant anything kept under the retention rules happened for a borrower (scoring, decision, outcome), or null. */
export async function findLatestRetainedRecord(db: Db | DbTransaction, tenantId: string, borrowerId: string): Promise<Date | null> {
  const [score, decision, outcome] = await Promise.all([
    db.creditScore.findFirst({ where: { tenantId, borrowerId }, orderBy: { scoredAt: "desc" }, select: { scoredAt: true } }),
    db.committeeDecision.findFirst({ where: { tenantId, creditScore: { borrowerId } }, orderBy: { decidedAt: "desc" }, select: { decidedAt: true } }),
    db.outcome.findFirst({ where: { tenantId, borrowerId }, orderBy: { observedAt: "desc" }, select: { observedAt: true } }),
  ]);
  const instants = [score?.scoredAt, decision?.decidedAt, outcome?.observedAt].filter((instant): instant is Date => instant instanceof Date);
  return instants.length === 0 ? null : new Date(Math.max(...instants.map((instant) => instant.getTime())));
}
