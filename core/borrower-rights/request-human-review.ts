import "server-only";
import { createBorrowerRequest, findOpenHumanReview, type BorrowerRequestRecord } from "@/prisma/store/borrower-request";
import { findCreditScoreById, lockCreditScoreRow } from "@/prisma/store/credit-score";
import { canSeeBorrower, requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, conflict, notFound } from "../errors";

/**
 * A person subject to an automated decision asks for a human to review it, with their own statement (Kenya's
 * Data Protection Act s.35, Nigeria's NDPA s.37, GDPR Art. 22(3): docs/data-rights.md). The scoring returns to the
 * committee's queue flagged "contested" until a committee member decides on it again (recordCommitteeDecision
 * completes the request). Audited.
 * @throws DomainError FORBIDDEN for roles other than BORROWER (their own scorings) and ADMIN (on a borrower's
 * behalf); BAD_USER_INPUT naming statement (10–5000 characters); NOT_FOUND for a scoring the caller may not see;
 * CONFLICT naming scoreId while an earlier request on it is still open.
 */
export async function requestHumanReview(scope: UseCaseScope, input: { scoreId: string; statement: string }): Promise<BorrowerRequestRecord> {
  const caller = scope.actor;
  requireRole(caller, ["BORROWER", "ADMIN"]);
  const statement = input.statement.trim();
  if (statement.length < 10 || statement.length > 5000) throw badUserInput("statement", "statement: say in your own words what the decision got wrong, 10 to 5000 characters.");
  const score = await findCreditScoreById(scope.db, caller.tenantId, input.scoreId);
  if (!score || !canSeeBorrower(caller, score.borrowerId)) throw notFound("No credit score with this id.");
  return runAudited(scope, async (tx) => {
    await lockCreditScoreRow(tx, caller.tenantId, score.id);
    const open = await findOpenHumanReview(tx, caller.tenantId, score.id);
    if (open) throw conflict("scoreId", `scoreId: a review of this decision was asked for on ${open.requestedAt.toISOString()} and the committee has not answered it yet.`);
    const request = await createBorrowerRequest(tx, caller.tenantId, { borrowerId: score.borrowerId, kind: "HUMAN_REVIEW", creditScoreId: score.id, statement, status: "OPEN", requestedById: caller.id, requestedAt: scope.now });
    return { result: request, event: { action: "humanReview.requested", entityType: "CreditScore", entityId: score.id, borrowerId: score.borrowerId, payload: { borrowerRequestId: request.id, statement } } };
  });
}
