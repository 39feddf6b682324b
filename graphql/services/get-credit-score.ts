import "server-only";
import { findCreditScoreById, listCreditScores, type CreditScoreRecord } from "@/prisma/store/credit-score";
import { requireCaller, type GraphQLContext } from "../context";

/** A scoring of the caller's tenant, or null; a BORROWER sees only their own. */
export async function getCreditScore(context: GraphQLContext, scoreId: string): Promise<CreditScoreRecord | null> {
  const caller = requireCaller(context);
  const score = await findCreditScoreById(context.db, caller.tenantId, scoreId);
  if (!score || (caller.role === "BORROWER" && caller.borrowerId !== score.borrowerId)) return null;
  return score;
}

/** A borrower's scorings, newest first (the parent borrower was already scoped to the caller). */
export function listBorrowerCreditScores(context: GraphQLContext, borrowerId: string): Promise<CreditScoreRecord[]> {
  return listCreditScores(context.db, requireCaller(context).tenantId, borrowerId);
}
