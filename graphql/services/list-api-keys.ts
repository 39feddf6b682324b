import "server-only";
import { listApiKeys as listTenantApiKeys, type ApiKeyRecord } from "@/prisma/store/api-key";
import { requireCaller, type GraphQLContext } from "../context";

export function listApiKeys(context: GraphQLContext): Promise<ApiKeyRecord[]> {
  return listTenantApiKeys(context.db, requireCaller(context).tenantId);
}
