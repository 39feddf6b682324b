import type { PolicyVersion, Prisma } from "../generated/client";
import type { Db } from "./database";

export type PolicyVersionRecord = PolicyVersion;
export type NewPolicyVersion = Omit<Prisma.PolicyVersionCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Registers a version; (name, version) is unique per tenant and a registered version is never edited. */
export function createPolicyVersion(db: Db, tenantId: string, input: NewPolicyVersion): Promise<PolicyVersionRecord> {
  return db.policyVersion.create({ data: { ...input, tenantId } });
}

/**
 * Publishes a policy document as the tenant's one ACTIVE version (the previous one is RETIRED, kept for
 * replay). The version is the next whole number for the name. With `onlyIfNew`, a document whose hash is
 * already stored is returned as it is (seeding is idempotent).
 */
export function publishPolicyVersion(
  db: Db,
  tenantId: string,
  input: { name: string; document: Prisma.InputJsonValue; documentSha256: string },
  options: { onlyIfNew?: boolean } = {},
): Promise<PolicyVersionRecord> {
  return db.$transaction(async (tx) => {
    if (options.onlyIfNew) {
      const existing = await tx.policyVersion.findFirst({ where: { tenantId, documentSha256: input.documentSha256 }, orderBy: { createdAt: "asc" } });
      if (existing) return existing;
    }
    const sameName = await tx.policyVersion.count({ where: { tenantId, name: input.name } });
    await tx.policyVersion.updateMany({ where: { tenantId, status: "ACTIVE" }, data: { status: "RETIRED" } });
    return tx.policyVersion.create({ data: { ...input, version: String(sameName + 1), status: "ACTIVE", tenantId } });
  });
}

export function findPolicyVersionById(db: Db, tenantId: string, id: string): Promise<PolicyVersionRecord | null> {
  return db.policyVersion.findFirst({ where: { id, tenantId } });
}

export function listPolicyVersions(db: Db, tenantId: string): Promise<PolicyVersionRecord[]> {
  return db.policyVersion.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
