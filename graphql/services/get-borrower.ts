import "server-only";
import { findBorrowerById, type BorrowerRecord } from "@/prisma/store/borrower";
import { requireCaller, type GraphQLContext } from "../context";

/** A borrower of the caller's tenant, or null; a BORROWER caller sees only their own record. */
export async function getBorrower(context: GraphQLContext, borrowerId: string): Promise<BorrowerRecord | null> {
  const caller = requireCaller(context);
  if (caller.role === "BORROWER" && caller.borrowerId !== borrowerId) return null;
  return findBorrowerById(context.db, caller.tenantId, borrowerId);
}
