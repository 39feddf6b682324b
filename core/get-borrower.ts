import "server-only";
import { findBorrowerById, type BorrowerRecord } from "@/prisma/store/borrower";
import { canSeeBorrower, type UseCaseScope } from "./actor";

/** A borrower of the caller's tenant, or null; a BORROWER caller sees only their own record. */
export async function getBorrower(scope: UseCaseScope, borrowerId: string): Promise<BorrowerRecord | null> {
  const caller = scope.actor;
  if (!canSeeBorrower(caller, borrowerId)) return null;
  return findBorrowerById(scope.db, caller.tenantId, borrowerId);
}
