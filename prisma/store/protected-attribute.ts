// Protected attributes a lender records about its borrowers (sex, age band, region, disability, ...). Read
// by fairness reports only: the lint config lets nothing but core/fairness import this module, so features,
// scoring and decisions cannot see these values.
import type { Db, DbTransaction } from "./database";

export interface ProtectedAttributeEntry {
  borrowerId: string;
  attribute: string;
  value: string;
}

/** Records (or replaces) each borrower's value of each attribute, in the caller's transaction; returns how many. */
export async function upsertProtectedAttributes(tx: DbTransaction, tenantId: string, entries: readonly ProtectedAttributeEntry[], recordedAt: Date, recordedBy: string): Promise<number> {
  if (entries.length === 0) return 0;
  await tx.$executeRaw`
    INSERT INTO "ProtectedAttribute" ("tenantId", "borrowerId", attribute, value, "recordedAt", "recordedBy")
    SELECT ${tenantId}, e."borrowerId", e.attribute, e.value, ${recordedAt}::timestamptz, ${recordedBy}
    FROM unnest(${entries.map((entry) => entry.borrowerId)}::text[], ${entries.map((entry) => entry.attribute)}::text[], ${entries.map((entry) => entry.value)}::text[]) AS e("borrowerId", attribute, value)
    ON CONFLICT ("tenantId", "borrowerId", attribute) DO UPDATE SET value = EXCLUDED.value, "recordedAt" = EXCLUDED."recordedAt", "recordedBy" = EXCLUDED."recordedBy"`;
  return entries.length;
}

/** Which of `borrowerIds` exist in the tenant. */
export async function listExistingBorrowerIds(db: Db, tenantId: string, borrowerIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.borrower.findMany({ where: { tenantId, id: { in: [...borrowerIds] } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

/** Each borrower's value of `attribute`, for the borrowers given (absent: none recorded). */
export async function readProtectedValues(db: Db, tenantId: string, attribute: string, borrowerIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.protectedAttribute.findMany({ where: { tenantId, attribute, borrowerId: { in: [...borrowerIds] } }, select: { borrowerId: true, value: true } });
  return new Map(rows.map((row) => [row.borrowerId, row.value]));
}

/** The attributes the tenant has recorded, with how many borrowers have each, by name. */
export async function listProtectedAttributeNames(db: Db, tenantId: string): Promise<{ attribute: string; borrowers: number }[]> {
  const groups = await db.protectedAttribute.groupBy({ by: ["attribute"], where: { tenantId }, _count: { _all: true }, orderBy: { attribute: "asc" } });
  return groups.map((group) => ({ attribute: group.attribute, borrowers: group._count._all }));
}
