import "server-only";
import { findApiKeyByPrefix, recordApiKeyUse } from "@/prisma/store/api-key";
import type { Db } from "@/prisma/store/database";
import type { Actor } from "./actor";
import { unauthenticated } from "./errors";
import type { ApiKeyScope } from "./actor";
import { matchesApiKeyHash, parseApiKeyPrefix } from "./security/api-key-token";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller for an `Authorization: Bearer <token>` header, recording the key's use.
 * @throws DomainError UNAUTHENTICATED for another scheme, an unknown or malformed token, or a revoked key.
 */
export async function authenticateApiKey(db: Db, authorization: string, now: Date): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("The Authorization header must be `Bearer <api key>`.");
  const token = match[1];
  const prefix = parseApiKeyPrefix(token);
  const apiKey = prefix ? await findApiKeyByPrefix(db, prefix) : null;
  if (!apiKey || !matchesApiKeyHash(token, apiKey.secretHash)) throw unauthenticated("Unknown API key.");
  if (apiKey.revokedAt) throw unauthenticated("This API key has been revoked.");
  // lastUsedAt is for people ("used today?"): written at most once a minute, so a partner's burst of calls
  // does not queue on one row's lock.
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) await recordApiKeyUse(db, apiKey.tenantId, apiKey.id, now);
  return {
    kind: "API_KEY",
    id: apiKey.id,
    tenantId: apiKey.tenantId,
    role: apiKey.role,
    name: apiKey.name,
    email: null,
    borrowerId: null,
    scopes: apiKey.scopes as ApiKeyScope[],
    apiKeyHash: apiKey.secretHash,
  };
}
