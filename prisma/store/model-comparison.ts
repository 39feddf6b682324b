// The loans a champion-vs-challenger comparison is made on: scorings with an outcome, each with its frozen
// features and request, and its latest outcome (by observedAt, the current status), read a page at a time.
import type { OutcomeStatus } from "../generated/client";
import type { Db } from "./database";

export interface ScoredLoanWithOutcome {
  id: string;
  features: unknown;
  requestedAmount: string;
  requestedTenorDays: number;
  /** The latest outcome's status (by observedAt, then id). */
  status: OutcomeStatus;
}

/** Scorings of the tenant with at least one outcome, in id order after `afterId`, at most `first`. */
export async function listScoredLoansWithOutcomes(db: Db, tenantId: string, page: { first: number; afterId?: string | null }): Promise<ScoredLoanWithOutcome[]> {
  const rows = await db.creditScore.findMany({
    where: { tenantId, outcomes: { some: {} }, ...(page.afterId ? { id: { gt: page.afterId } } : {}) },
    orderBy: { id: "asc" },
    take: page.first,
    select: { id: true, features: true, requestedAmount: true, requestedTenorDays: true, outcomes: { orderBy: [{ observedAt: "desc" }, { id: "asc" }], take: 1, select: { status: true } } },
  });
  return rows.map((row) => ({ id: row.id, features: row.features, requestedAmount: row.requestedAmount.toString(), requestedTenorDays: row.requestedTenorDays, status: row.outcomes[0].status }));
}

/** How many scorings of the tenant have an outcome. */
export function countScoredLoansWithOutcomes(db: Db, tenantId: string): Promise<number> {
  return db.creditScore.count({ where: { tenantId, outcomes: { some: {} } } });
}
