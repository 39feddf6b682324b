import type { PolicyVersion, Prisma } from "../generated/client";
import type { Db } from "./database";

export type PolicyVersionRecord = PolicyVersion;
export type NewPolicyVersion = Omit<Prisma.PolicyVersionCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Registers a version; (name, version) is unique per tenant and a registered version is never edited. */
export function createPolicyVersion(db: Db, tenantId: string, input: NewPolicyVersion): Promise<PolicyVersionRecord> {
  return db.policyVersion.create({ data: { ...input, tenantId } });
}

export function findPolicyVersionById(db: Db, tenantId: string, id: string): Promise<PolicyVersionRecord | null> {
  return db.policyVersion.findFirst({ where: { id, tenantId } });
}

export function listPolicyVersions(db: Db, tenantId: string): Promise<PolicyVersionRecord[]> {
  return db.policyVersion.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
