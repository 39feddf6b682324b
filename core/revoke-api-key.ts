import "server-only";
import { revokeApiKey as markApiKeyRevoked, type ApiKeyRecord } from "@/prisma/store/api-key";
import type { UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { runAudited } from "./audited-change";

/** Revokes a key of the caller's tenant (revoking twice keeps the first time). @throws NOT_FOUND for another tenant's key. */
export async function revokeApiKey(scope: UseCaseScope, apiKeyId: string): Promise<ApiKeyRecord> {
  const caller = scope.actor;
  return runAudited(scope, async (tx) => {
    const apiKey = await markApiKeyRevoked(tx, caller.tenantId, apiKeyId, scope.now);
    if (!apiKey) throw notFound("No API key with this id.");
    return { result: apiKey, event: { action: "apiKey.revoked", entityType: "ApiKey", entityId: apiKey.id } };
  });
}
