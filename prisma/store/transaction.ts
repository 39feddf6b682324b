import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { Transaction } from "../generated/client";
import type { Db } from "./database";

export type TransactionRecord = Transaction;
/** A row to store: the contract's transaction fields (scoring/signals/signal-contract.ts) and the borrower; the store adds id, tenantId and createdAt. */
export type NewTransaction = StoreRecord<"transaction"> & { borrowerId: string };

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestTransactions(db: Db, tenantId: string, rows: readonly NewTransaction[]): Promise<number> {
  const result = await db.transaction.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listTransactions(db: Db, tenantId: string, borrowerId: string): Promise<TransactionRecord[]> {
  return db.transaction.findMany({ where: { tenantId, borrowerId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
}

/** The currency of the borrower's stored transactions (the first stored; ingest keeps them to one), or null when none. */
export async function findBorrowerCurrency(db: Db, tenantId: string, borrowerId: string): Promise<string | null> {
  const row = await db.transaction.findFirst({ where: { tenantId, borrowerId }, select: { currency: true }, orderBy: { id: "asc" } });
  return row?.currency ?? null;
}
