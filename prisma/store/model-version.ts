import type { ModelVersion, Prisma } from "../generated/client";
import type { Db } from "./database";

export type ModelVersionRecord = ModelVersion;
export type NewModelVersion = Omit<Prisma.ModelVersionCreateManyInput, "id" | "tenantId" | "createdAt">;

/** Registers a version; (name, version) is unique per tenant and a registered version is never edited. */
export function createModelVersion(db: Db, tenantId: string, input: NewModelVersion): Promise<ModelVersionRecord> {
  return db.modelVersion.create({ data: { ...input, tenantId } });
}

export function findModelVersionById(db: Db, tenantId: string, id: string): Promise<ModelVersionRecord | null> {
  return db.modelVersion.findFirst({ where: { id, tenantId } });
}

export function listModelVersions(db: Db, tenantId: string): Promise<ModelVersionRecord[]> {
  return db.modelVersion.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
