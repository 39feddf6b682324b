import "server-only";
import { listApiKeys as listTenantApiKeys, type ApiKeyRecord } from "@/prisma/store/api-key";
import type { UseCaseScope } from "./actor";

export function listApiKeys(scope: UseCaseScope): Promise<ApiKeyRecord[]> {
  return listTenantApiKeys(scope.db, scope.actor.tenantId);
}
