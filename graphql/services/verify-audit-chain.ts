import "server-only";
import { checkAuditChain, type AuditChainCheck } from "@/prisma/store/audit-event";
import { findAlteredCreditScore } from "@/prisma/store/credit-score";
import { requireCaller, type GraphQLContext } from "../context";

/**
 * Recomputes the caller's tenant's audit chain from the first row (edits, insertions and deletions show),
 * then checks every CreditScore row against the record hash its audit event carries.
 */
export async function verifyAuditChain(context: GraphQLContext): Promise<AuditChainCheck & { valid: boolean }> {
  const caller = requireCaller(context);
  const chain = await checkAuditChain(context.db, caller.tenantId);
  if (chain.firstInvalidSeq !== null) return { ...chain, valid: false };
  const altered = await findAlteredCreditScore(context.db, caller.tenantId);
  if (altered) return { ...chain, valid: false, firstInvalidSeq: altered.seq, reason: altered.reason };
  return { ...chain, valid: true };
}
