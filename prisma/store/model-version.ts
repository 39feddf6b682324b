import type { ModelChallenger, ModelVersion, Prisma } from "../generated/client";
import type { Db, DbTransaction } from "./database";

export type ModelVersionRecord = ModelVersion;
export type NewModelVersion = Omit<Prisma.ModelVersionCreateManyInput, "id" | "tenantId" | "createdAt">;
/** A version without its artifact (lists need not carry the whole model). */
export type ModelVersionSummary = Omit<ModelVersion, "artifact">;

const summaryFields = { id: true, tenantId: true, name: true, version: true, kind: true, status: true, artifactSha256: true, report: true, createdAt: true } as const;

/** Registers a version; (name, version) is unique per tenant and a registered version is never edited. */
export function createModelVersion(db: Db | DbTransaction, tenantId: string, input: NewModelVersion): Promise<ModelVersionRecord> {
  return db.modelVersion.create({ data: { ...input, tenantId } });
}

/**
 * Registers the artifact as the tenant's ACTIVE model unless a version with the same artifact hash exists;
 * the version it replaces is RETIRED (it stays stored: its scores replay). Returns the version of that hash.
 * The model itself is never edited; a validation report may be attached once to a version registered
 * without one (it describes the model, it is not part of it). Runs inside the caller's transaction.
 */
export async function ensureActiveModelVersion(tx: DbTransaction, tenantId: string, input: Omit<NewModelVersion, "status">): Promise<ModelVersionSummary> {
  const existing = await tx.modelVersion.findFirst({ where: { tenantId, artifactSha256: input.artifactSha256 }, select: summaryFields });
  if (existing && existing.report === null && input.report !== undefined && input.report !== null) {
    return tx.modelVersion.update({ where: { id: existing.id }, data: { report: input.report }, select: summaryFields });
  }
  if (existing) return existing;
  await tx.modelVersion.updateMany({ where: { tenantId, status: "ACTIVE" }, data: { status: "RETIRED" } });
  return tx.modelVersion.create({ data: { ...input, tenantId, status: "ACTIVE" }, select: summaryFields });
}

export function findModelVersionById(db: Db, tenantId: string, id: string): Promise<ModelVersionRecord | null> {
  return db.modelVersion.findFirst({ where: { id, tenantId } });
}

export function findModelVersionSummary(db: Db | DbTransaction, tenantId: string, id: string): Promise<ModelVersionSummary | null> {
  return db.modelVersion.findFirst({ where: { id, tenantId }, select: summaryFields });
}

export function findActiveModelVersion(db: Db, tenantId: string): Promise<ModelVersionSummary | null> {
  return db.modelVersion.findFirst({ where: { tenantId, status: "ACTIVE" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: summaryFields });
}

export function listModelVersions(db: Db, tenantId: string): Promise<ModelVersionSummary[]> {
  return db.modelVersion.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: summaryFields });
}

export type ModelChallengerRecord = ModelChallenger;

/** The tenant's challenger (at most one: the tenant is the key), or null. */
export function findModelChallenger(db: Db | DbTransaction, tenantId: string): Promise<ModelChallengerRecord | null> {
  return db.modelChallenger.findUnique({ where: { tenantId } });
}

/** Makes `modelVersionId` the tenant's challenger, replacing any other; returns the one it replaced. Inside the caller's transaction. */
export async function replaceModelChallenger(tx: DbTransaction, tenantId: string, input: Omit<ModelChallengerRecord, "tenantId">): Promise<ModelChallengerRecord | null> {
  const previous = await tx.modelChallenger.findUnique({ where: { tenantId } });
  await tx.modelChallenger.upsert({ where: { tenantId }, create: { ...input, tenantId }, update: input });
  return previous;
}

/** Clears the tenant's challenger; returns the one cleared (null when there was none). Inside the caller's transaction. */
export async function deleteModelChallenger(tx: DbTransaction, tenantId: string): Promise<ModelChallengerRecord | null> {
  const previous = await tx.modelChallenger.findUnique({ where: { tenantId } });
  if (previous) await tx.modelChallenger.delete({ where: { tenantId } });
  return previous;
}

/**
 * Makes a registered version the tenant's ACTIVE model inside the caller's transaction: the ACTIVE one is
 * RETIRED first (the partial unique index "ModelVersion_one_active_per_tenant" allows one). Versions are
 * never edited otherwise. Returns the previously active version's id, or null.
 */
export async function activateModelVersion(tx: DbTransaction, tenantId: string, id: string): Promise<string | null> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`model-version:${tenantId}`}))::text AS locked`;
  const previous = await tx.modelVersion.findFirst({ where: { tenantId, status: "ACTIVE" }, select: { id: true } });
  if (previous?.id === id) return id;
  await tx.modelVersion.updateMany({ where: { tenantId, status: "ACTIVE" }, data: { status: "RETIRED" } });
  await tx.modelVersion.updateMany({ where: { tenantId, id }, data: { status: "ACTIVE" } });
  return previous?.id ?? null;
}

/** The tenant's version holding this artifact, if any (artifacts are unique per tenant). */
export function findModelVersionByArtifact(db: Db, tenantId: string, artifactSha256: string): Promise<ModelVersionSummary | null> {
  return db.modelVersion.findFirst({ where: { tenantId, artifactSha256 }, select: summaryFields });
}
