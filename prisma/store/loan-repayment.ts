import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { LoanRepayment } from "../generated/client";
import type { Db } from "./database";

export type LoanRepaymentRecord = LoanRepayment;
/**
 * One instalment to store, flattened as the contract's loanInstalmentRowFields (scoring/signals/signal-contract.ts):
 * the loan's fields under loanExternalId, the instalment's, and the row's own externalId `<loan>#<n>`.
 */
export type NewLoanRepayment = StoreRecord<"loan", "externalId" | "instalments"> & StoreRecord<"instalment"> & { borrowerId: string; externalId: string; loanExternalId: string };

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestLoanRepayments(db: Db, tenantId: string, rows: readonly NewLoanRepayment[]): Promise<number> {
  const result = await db.loanRepayment.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listLoanRepayments(db: Db, tenantId: string, borrowerId: string): Promise<LoanRepaymentRecord[]> {
  return db.loanRepayment.findMany({ where: { tenantId, borrowerId }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
}
