import "server-only";
import { revokeApiKey as markApiKeyRevoked, type ApiKeyRecord } from "@/prisma/store/api-key";
import type { UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { recordAuditEvent } from "./record-audit-event";

/** Revokes a key of the caller's tenant (revoking twice keeps the first time). @throws NOT_FOUND for another tenant's key. */
export async function revokeApiKey(scope: UseCaseScope, apiKeyId: string): Promise<ApiKeyRecord> {
  const caller = scope.actor;
  const apiKey = await markApiKeyRevoked(scope.db, caller.tenantId, apiKeyId, scope.now);
  if (!apiKey) throw notFound("No API key with this id.");
  await recordAuditEvent(scope, { action: "apiKey.revoked", entityType: "ApiKey", entityId: apiKey.id });
  return apiKey;
}
