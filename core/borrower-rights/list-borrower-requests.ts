import "server-only";
import { listBorrowerRequests as listStoredRequests, type BorrowerRequestRecord } from "@/prisma/store/borrower-request";
import { canSeeBorrower, type UseCaseScope } from "../actor";

/** A borrower's requests (human reviews, erasures), newest first; a BORROWER sees only their own (others: an empty list). */
export async function listBorrowerRequests(scope: UseCaseScope, borrowerId: string): Promise<BorrowerRequestRecord[]> {
  if (!canSeeBorrower(scope.actor, borrowerId)) return [];
  return listStoredRequests(scope.db, scope.actor.tenantId, borrowerId);
}
