import type { PolicyVersion, Prisma } from "../generated/client";
import type { DbClient, DbTransaction } from "./database";

export type PolicyVersionRecord = PolicyVersion;
export type NewPolicyVersion = Omit<Prisma.PolicyVersionCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Registers a version; (name, version) is unique per tenant and a registered version is never edited. */
export function createPolicyVersion(db: DbClient, tenantId: string, input: NewPolicyVersion): Promise<PolicyVersionRecord> {
  return db.policyVersion.create({ data: { ...input, tenantId } });
}

/**
 * Publishes a policy document as the tenant's one ACTIVE version (the previous one is RETIRED, kept for
 * replay), inside the caller's transaction. The version is the next whole number for the name. Publishes of
 * one tenant are serialised by a transaction lock, so concurrent ones each get their own version; the
 * partial unique index "PolicyVersion_one_active_per_tenant" guarantees a single ACTIVE row regardless.
 * With `onlyIfNew`, a document whose hash is already stored is returned as it is (seeding is idempotent),
 * with `created: false`.
 */
export async function publishPolicyVersion(
  tx: DbTransaction,
  tenantId: string,
  input: { name: string; document: Prisma.InputJsonValue; documentSha256: string },
  options: { onlyIfNew?: boolean } = {},
): Promise<{ version: PolicyVersionRecord; created: boolean }> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy-version:${tenantId}`}))::text AS locked`;
  if (options.onlyIfNew) {
    const existing = await tx.policyVersion.findFirst({ where: { tenantId, documentSha256: input.documentSha256 }, orderBy: { createdAt: "asc" } });
    if (existing) return { version: existing, created: false };
  }
  const sameName = await tx.policyVersion.count({ where: { tenantId, name: input.name } });
  await tx.policyVersion.updateMany({ where: { tenantId, status: "ACTIVE" }, data: { status: "RETIRED" } });
  const version = await tx.policyVersion.create({ data: { ...input, version: String(sameName + 1), status: "ACTIVE", tenantId } });
  return { version, created: true };
}

export function findPolicyVersionById(db: DbClient, tenantId: string, id: string): Promise<PolicyVersionRecord | null> {
  return db.policyVersion.findFirst({ where: { id, tenantId } });
}

export function listPolicyVersions(db: DbClient, tenantId: string): Promise<PolicyVersionRecord[]> {
  return db.policyVersion.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}

/**
 * Registers a DRAFT version of a policy (the next whole number for its name), inside the caller's
 * transaction and under the same lock as publishing. A draft decides nothing until a four-eyes proposal
 * activates it (core/approvals).
 */
export async function createDraftPolicyVersion(tx: DbTransaction, tenantId: string, input: { name: string; document: Prisma.InputJsonValue; documentSha256: string }): Promise<PolicyVersionRecord> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy-version:${tenantId}`}))::text AS locked`;
  const sameName = await tx.policyVersion.count({ where: { tenantId, name: input.name } });
  return tx.policyVersion.create({ data: { ...input, version: String(sameName + 1), status: "DRAFT", tenantId } });
}

/**
 * Makes a registered version the tenant's ACTIVE policy inside the caller's transaction: the ACTIVE one is
 * RETIRED first. Returns the previously active version's id, or null.
 */
export async function activatePolicyVersion(tx: DbTransaction, tenantId: string, id: string): Promise<string | null> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy-version:${tenantId}`}))::text AS locked`;
  const previous = await tx.policyVersion.findFirst({ where: { tenantId, status: "ACTIVE" }, select: { id: true } });
  if (previous?.id === id) return id;
  await tx.policyVersion.updateMany({ where: { tenantId, status: "ACTIVE" }, data: { status: "RETIRED" } });
  await tx.policyVersion.updateMany({ where: { tenantId, id }, data: { status: "ACTIVE" } });
  return previous?.id ?? null;
}
