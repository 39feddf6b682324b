import type { BehaviouralEvent, Prisma } from "../generated/client";
import type { Db } from "./database";

export type BehaviouralEventRecord = BehaviouralEvent;
export type NewBehaviouralEvent = Omit<Prisma.BehaviouralEventCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestBehaviouralEvents(db: Db, tenantId: string, rows: readonly NewBehaviouralEvent[]): Promise<number> {
  const result = await db.behaviouralEvent.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listBehaviouralEvents(db: Db, tenantId: string, borrowerId: string): Promise<BehaviouralEventRecord[]> {
  return db.behaviouralEvent.findMany({ where: { tenantId, borrowerId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
}
