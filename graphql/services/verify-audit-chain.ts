import "server-only";
import { checkAuditChain, type AuditChainCheck } from "@/prisma/store/audit-event";
import { requireCaller, type GraphQLContext } from "../context";

/** Recomputes the caller's tenant's audit chain from the first row (edits, insertions and deletions show). */
export async function verifyAuditChain(context: GraphQLContext): Promise<AuditChainCheck & { valid: boolean }> {
  const caller = requireCaller(context);
  const check = await checkAuditChain(context.db, caller.tenantId);
  return { ...check, valid: check.firstInvalidSeq === null };
}
