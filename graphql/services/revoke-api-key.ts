import "server-only";
import { revokeApiKey as markApiKeyRevoked, type ApiKeyRecord } from "@/prisma/store/api-key";
import { requireCaller, type GraphQLContext } from "../context";
import { notFound } from "../errors";
import { recordAuditEvent } from "./record-audit-event";

/** Revokes a key of the caller's tenant (revoking twice keeps the first time). @throws NOT_FOUND for another tenant's key. */
export async function revokeApiKey(context: GraphQLContext, apiKeyId: string): Promise<ApiKeyRecord> {
  const caller = requireCaller(context);
  const apiKey = await markApiKeyRevoked(context.db, caller.tenantId, apiKeyId, context.now);
  if (!apiKey) throw notFound("No API key with this id.");
  await recordAuditEvent(context, { action: "apiKey.revoked", entityType: "ApiKey", entityId: apiKey.id });
  return apiKey;
}
