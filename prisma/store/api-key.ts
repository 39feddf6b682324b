import { Prisma, type ApiKey, type Role } from "../generated/client";
import { queryRows, type DbClient } from "./database";

export type ApiKeyRecord = ApiKey;

export interface NewApiKey {
  name: string;
  prefix: string;
  secretHash: string;
  role: Role;
  scopes: string[];
  createdByUserId: string | null;
}

export function createApiKey(db: DbClient, tenantId: string, input: NewApiKey): Promise<ApiKeyRecord> {
  return db.apiKey.create({ data: { ...input, tenantId } });
}

/**
 * The bearer-token lookup: by the key's public prefix, before the tenant is known. Every API request runs it,
 * so it goes to the driver (queryRows) rather than through Prisma's engine, with the row as Prisma reads it.
 */
export async function findApiKeyByPrefix(db: DbClient, prefix: string): Promise<ApiKeyRecord | null> {
  const [row] = await queryRows<ApiKeyRecord>(db, Prisma.sql`
    SELECT id, "tenantId", name, prefix, "secretHash", role::text AS role, scopes, "createdByUserId", "createdAt", "lastUsedAt", "revokedAt"
    FROM "ApiKey" WHERE prefix = ${prefix}::text`);
  return row ?? null;
}

export function findApiKeyById(db: DbClient, tenantId: string, apiKeyId: string): Promise<ApiKeyRecord | null> {
  return db.apiKey.findFirst({ where: { id: apiKeyId, tenantId } });
}

export function listApiKeys(db: DbClient, tenantId: string): Promise<ApiKeyRecord[]> {
  return db.apiKey.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}

export async function recordApiKeyUse(db: DbClient, tenantId: string, apiKeyId: string, usedAt: Date): Promise<void> {
  await db.apiKey.updateMany({ where: { id: apiKeyId, tenantId }, data: { lastUsedAt: usedAt } });
}

/** Marks the key revoked (first revocation time kept); null when the tenant has no such key. */
export async function revokeApiKey(db: DbClient, tenantId: string, apiKeyId: string, revokedAt: Date): Promise<ApiKeyRecord | null> {
  await db.apiKey.updateMany({ where: { id: apiKeyId, tenantId, revokedAt: null }, data: { revokedAt } });
  return findApiKeyById(db, tenantId, apiKeyId);
}
