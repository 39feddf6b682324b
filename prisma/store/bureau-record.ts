import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { BureauRecord } from "../generated/client";
import type { Db, DbClient } from "./database";

export type BureauRecordRecord = BureauRecord;
/** A row to store: the contract's bureau fields (scoring/signals/signal-contract.ts) and the borrower; the store adds id, tenantId and createdAt. */
export type NewBureauRecord = StoreRecord<"bureau"> & { borrowerId: string };

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestBureauRecords(db: DbClient, tenantId: string, rows: readonly NewBureauRecord[]): Promise<number> {
  const result = await db.bureauRecord.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listBureauRecords(db: Db, tenantId: string, borrowerId: string): Promise<BureauRecordRecord[]> {
  return db.bureauRecord.findMany({ where: { tenantId, borrowerId }, orderBy: [{ reportedAt: "asc" }, { id: "asc" }] });
}

/** Which of these external ids the tenant holds for another borrower (a bureau record's id is unique per tenant). */
export async function findForeignBureauExternalIds(db: DbClient, tenantId: string, borrowerId: string, externalIds: readonly string[]): Promise<string[]> {
  const rows = await db.bureauRecord.findMany({ where: { tenantId, borrowerId: { not: borrowerId }, externalId: { in: [...externalIds] } }, select: { externalId: true } });
  return rows.map((row) => row.externalId);
}
