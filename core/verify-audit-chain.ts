import "server-only";
import { checkAuditChain, type AuditChainCheck } from "@/prisma/store/audit-event";
import { findAlteredCreditScore } from "@/prisma/store/credit-score";
import type { UseCaseScope } from "./actor";

/**
 * Recomputes the caller's tenant's audit chain from the first row (edits, insertions and deletions show),
 * then checks every CreditScore row against the record hash its audit event carries.
 */
export async function verifyAuditChain(scope: UseCaseScope): Promise<AuditChainCheck & { valid: boolean }> {
  const caller = scope.actor;
  const chain = await checkAuditChain(scope.db, caller.tenantId);
  if (chain.firstInvalidSeq !== null) return { ...chain, valid: false };
  const altered = await findAlteredCreditScore(scope.db, caller.tenantId);
  if (altered) return { ...chain, valid: false, firstInvalidSeq: altered.seq, reason: altered.reason };
  return { ...chain, valid: true };
}
