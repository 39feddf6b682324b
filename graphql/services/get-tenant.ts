import "server-only";
import { findTenantById, type TenantRecord } from "@/prisma/store/tenant";
import { requireCaller, type GraphQLContext } from "../context";

/** The caller's own tenant. */
export async function getTenant(context: GraphQLContext): Promise<TenantRecord> {
  const caller = requireCaller(context);
  const tenant = await findTenantById(context.db, caller.tenantId);
  if (!tenant) throw new Error(`getTenant: tenant ${caller.tenantId} of caller ${caller.id} does not exist`);
  return tenant;
}
