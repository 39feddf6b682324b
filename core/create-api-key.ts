import "server-only";
import { createApiKey as insertApiKey, type ApiKeyRecord } from "@/prisma/store/api-key";
import type { UseCaseScope } from "./actor";
import { badUserInput, forbidden } from "./errors";
import type { CreateApiKeyInput } from "./inputs";
import { generateApiKeyToken } from "./security/api-key-token";
import { runAudited } from "./audited-change";

/** Creates a key in the caller's tenant; the secret is returned here once and only its hash is stored. */
export async function createApiKey(scope: UseCaseScope, input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
  const caller = scope.actor;
  if (caller.kind !== "USER") throw forbidden("API keys are created by a signed-in administrator, not by another key.");
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badUserInput("name", "name: 1 to 100 characters.");
  if (input.role === "BORROWER") throw badUserInput("role", "role: API keys act for the lender, not as a borrower.");
  if (input.scopes.length === 0) throw badUserInput("scopes", "scopes: at least one of READ, WRITE.");
  const { token, prefix, secretHash } = generateApiKeyToken();
  return runAudited(scope, async (tx) => {
    const apiKey = await insertApiKey(tx, caller.tenantId, { name, prefix, secretHash, role: input.role, scopes: [...new Set(input.scopes)].sort(), createdByUserId: caller.id });
    return { result: { apiKey, secret: token }, event: { action: "apiKey.created", entityType: "ApiKey", entityId: apiKey.id, payload: { role: apiKey.role, scopes: apiKey.scopes } } };
  });
}
