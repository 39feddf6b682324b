import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { BehaviouralEvent } from "../generated/client";
import type { Db } from "./database";

export type BehaviouralEventRecord = BehaviouralEvent;
/** A row to store: the contract's event fields (scoring/signals/signal-contract.ts) and the borrower; the store adds id, tenantId and createdAt. */
export type NewBehaviouralEvent = StoreRecord<"event"> & { borrowerId: string };

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestBehaviouralEvents(db: Db, tenantId: string, rows: readonly NewBehaviouralEvent[]): Promise<number> {
  const result = await db.behaviouralEvent.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listBehaviouralEvents(db: Db, tenantId: string, borrowerId: string): Promise<BehaviouralEventRecord[]> {
  return db.behaviouralEvent.findMany({ where: { tenantId, borrowerId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
}
