import type { LoanRepayment, Prisma } from "../generated/client";
import type { Db } from "./database";

export type LoanRepaymentRecord = LoanRepayment;
export type NewLoanRepayment = Omit<Prisma.LoanRepaymentCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestLoanRepayments(db: Db, tenantId: string, rows: readonly NewLoanRepayment[]): Promise<number> {
  const result = await db.loanRepayment.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listLoanRepayments(db: Db, tenantId: string, borrowerId: string): Promise<LoanRepaymentRecord[]> {
  return db.loanRepayment.findMany({ where: { tenantId, borrowerId }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
}
