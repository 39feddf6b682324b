import "server-only";
import { listExistingBorrowerIds, listProtectedAttributeNames, upsertProtectedAttributes, type ProtectedAttributeEntry } from "@/prisma/store/protected-attribute";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput } from "../errors";

/** The most entries one call records. */
export const maxProtectedEntries = 5000;
const attributePattern = /^[A-Z][A-Z0-9_]{0,39}$/;

/**
 * Records protected attributes of the tenant's borrowers (a later value of the same attribute replaces the
 * earlier one). ADMIN only. They are read by fairness reports and nothing else. Audited with the attributes
 * and the number of borrowers, never the values.
 * @throws DomainError FORBIDDEN, BAD_USER_INPUT naming the entry (`entries.3.attribute`).
 */
export async function recordProtectedAttributes(scope: UseCaseScope, entries: readonly ProtectedAttributeEntry[]): Promise<number> {
  requireRole(scope.actor, ["ADMIN"]);
  if (entries.length === 0 || entries.length > maxProtectedEntries) throw badUserInput("entries", `entries: 1 to ${maxProtectedEntries} entries.`);
  const clean = entries.map((entry, index) => {
    const attribute = entry.attribute.trim().toUpperCase();
    const value = entry.value.trim();
    if (!attributePattern.test(attribute)) throw badUserInput(`entries.${index}.attribute`, `entries.${index}.attribute: an UPPER_SNAKE name of at most 40 characters, e.g. SEX, AGE_BAND, REGION.`);
    if (value.length === 0 || value.length > 100) throw badUserInput(`entries.${index}.value`, `entries.${index}.value: 1 to 100 characters.`);
    return { borrowerId: entry.borrowerId.trim(), attribute, value };
  });
  const keys = new Set<string>();
  clean.forEach((entry, index) => {
    const key = `${entry.borrowerId}\u0000${entry.attribute}`;
    if (keys.has(key)) throw badUserInput(`entries.${index}`, `entries.${index}: the same borrower and attribute appear twice.`);
    keys.add(key);
  });
  const existing = await listExistingBorrowerIds(scope.db, scope.actor.tenantId, [...new Set(clean.map((entry) => entry.borrowerId))]);
  const unknown = clean.findIndex((entry) => !existing.has(entry.borrowerId));
  if (unknown >= 0) throw badUserInput(`entries.${unknown}.borrowerId`, `entries.${unknown}.borrowerId: no borrower with this id.`);
  return runAudited(scope, async (tx) => ({
    result: await upsertProtectedAttributes(tx, scope.actor.tenantId, clean, scope.now, scope.actor.id),
    event: { action: "protectedAttributes.recorded", entityType: "Tenant", entityId: scope.actor.tenantId, payload: { attributes: [...new Set(clean.map((entry) => entry.attribute))].sort(), entries: clean.length } },
  }));
}

/** The attributes the tenant has recorded and how many borrowers have each. */
export async function listProtectedAttributes(scope: UseCaseScope): Promise<{ attribute: string; borrowers: number }[]> {
  requireRole(scope.actor, ["ADMIN", "COMMITTEE", "ANALYST", "AUDITOR"]);
  return listProtectedAttributeNames(scope.db, scope.actor.tenantId);
}
