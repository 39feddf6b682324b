import "server-only";
import { findCreditScoreById, listCreditScores, type CreditScoreRecord } from "@/prisma/store/credit-score";
import { canSeeBorrower, type UseCaseScope } from "./actor";

/** A scoring of the caller's tenant, or null; a BORROWER sees only their own. */
export async function getCreditScore(scope: UseCaseScope, scoreId: string): Promise<CreditScoreRecord | null> {
  const caller = scope.actor;
  const score = await findCreditScoreById(scope.db, caller.tenantId, scoreId);
  if (!score || !canSeeBorrower(caller, score.borrowerId)) return null;
  return score;
}

/** A borrower's scorings, newest first (the parent borrower was already scoped to the caller). */
export function listBorrowerCreditScores(scope: UseCaseScope, borrowerId: string): Promise<CreditScoreRecord[]> {
  return listCreditScores(scope.db, scope.actor.tenantId, borrowerId);
}
