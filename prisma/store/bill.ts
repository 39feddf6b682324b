import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { Bill } from "../generated/client";
import type { Db } from "./database";

export type BillRecord = Bill;
/** A row to store: the contract's bill fields (scoring/signals/signal-contract.ts) and the borrower; the store adds id, tenantId and createdAt. */
export type NewBill = StoreRecord<"bill"> & { borrowerId: string };

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestBills(db: Db, tenantId: string, rows: readonly NewBill[]): Promise<number> {
  const result = await db.bill.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listBills(db: Db, tenantId: string, borrowerId: string): Promise<BillRecord[]> {
  return db.bill.findMany({ where: { tenantId, borrowerId }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
}
