import type { BureauRecord, Prisma } from "../generated/client";
import type { Db } from "./database";

export type BureauRecordRecord = BureauRecord;
export type NewBureauRecord = Omit<Prisma.BureauRecordCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Stores the rows, skipping any whose externalId the tenant already has (ingest is idempotent); returns how many were new. */
export async function ingestBureauRecords(db: Db, tenantId: string, rows: readonly NewBureauRecord[]): Promise<number> {
  const result = await db.bureauRecord.createMany({ data: rows.map((row) => ({ ...row, tenantId })), skipDuplicates: true });
  return result.count;
}

export function listBureauRecords(db: Db, tenantId: string, borrowerId: string): Promise<BureauRecordRecord[]> {
  return db.bureauRecord.findMany({ where: { tenantId, borrowerId }, orderBy: [{ reportedAt: "asc" }, { id: "asc" }] });
}
