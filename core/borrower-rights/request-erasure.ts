import "server-only";
import {
  completeBorrowerRequest,
  createBorrowerRequest,
  eraseBorrowerContact,
  eraseBorrowerSignals,
  findLatestRetainedRecord,
  pseudonymiseBorrowerIdentity,
  revokeConsentsInForce,
  type BorrowerRequestRecord,
} from "@/prisma/store/borrower-request";
import { findBorrowerById } from "@/prisma/store/borrower";
import { canSeeBorrower, requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, notFound } from "../errors";

/**
 * How long the lender keeps the records of a lending decision after the last of them (docs/data-rights.md): seven
 * years, the longest of the record-keeping periods the seed markets' lending and anti-money-laundering rules set.
 */
export const RETENTION_YEARS = 7;

/** The end of the retention period of records whose latest is at `latest`. */
export function retainedUntil(latest: Date): Date {
  const until = new Date(latest.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + RETENTION_YEARS);
  return until;
}

/**
 * A borrower asks for their data to be erased. Carried out at once, under the retention rules of
 * docs/data-rights.md, in one audited transaction:
 * - consents still in force are revoked (no further scoring); the consent records stay (the lawful basis of
 *   what was done before);
 * - every raw signal (transactions, bills, loan repayments, phone events, bureau records) and linked account is
 *   deleted; phone number and device id are replaced by placeholders;
 * - scorings, committee decisions, outcomes, borrower requests and the audit trail are kept for RETENTION_YEARS
 *   after the latest of them, and so are the name, date of birth and national id that tie them to the person;
 *   with none of those records, the identity is pseudonymised at once.
 * The request records what was erased and what is kept until when (resolution).
 * @throws DomainError FORBIDDEN for roles other than BORROWER (their own record) and ADMIN; BAD_USER_INPUT naming
 * statement (at most 5000 characters); NOT_FOUND for a borrower the caller may not see.
 */
export async function requestErasure(scope: UseCaseScope, input: { borrowerId: string; statement?: string | null }): Promise<BorrowerRequestRecord> {
  const caller = scope.actor;
  requireRole(caller, ["BORROWER", "ADMIN"]);
  const statement = input.statement?.trim() ?? "";
  if (statement.length > 5000) throw badUserInput("statement", "statement: at most 5000 characters.");
  if (!canSeeBorrower(caller, input.borrowerId)) throw notFound("No borrower with this id.");
  return runAudited(scope, async (tx) => {
    const borrower = await findBorrowerById(tx, caller.tenantId, input.borrowerId);
    if (!borrower) throw notFound("No borrower with this id.");
    const request = await createBorrowerRequest(tx, caller.tenantId, { borrowerId: borrower.id, kind: "ERASURE", statement, status: "OPEN", requestedById: caller.id, requestedAt: scope.now });
    const consentsRevoked = await revokeConsentsInForce(tx, caller.tenantId, borrower.id, scope.now);
    const signalsErased = await eraseBorrowerSignals(tx, caller.tenantId, borrower.id);
    await eraseBorrowerContact(tx, caller.tenantId, borrower.id);
    const latest = await findLatestRetainedRecord(tx, caller.tenantId, borrower.id);
    const keptUntil = latest ? retainedUntil(latest) : null;
    if (!keptUntil) await pseudonymiseBorrowerIdentity(tx, caller.tenantId, borrower.id);
    const resolution = {
      consentsRevoked,
      signalsErased: { ...signalsErased },
      contactErased: true,
      identity: keptUntil ? "KEPT" : "PSEUDONYMISED",
      keptUntil: keptUntil?.toISOString() ?? null,
      kept: keptUntil ? ["credit scorings", "committee decisions", "loan outcomes", "consent records", "requests", "audit trail", "name, date of birth and national id (keyed hash)"] : ["consent records", "requests", "audit trail"],
    };
    const completed = await completeBorrowerRequest(tx, request.id, scope.now, resolution);
    return { result: completed, event: { action: "erasure.completed", entityType: "Borrower", entityId: borrower.id, borrowerId: borrower.id, payload: { borrowerRequestId: request.id, ...resolution } } };
  });
}
