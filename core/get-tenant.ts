import "server-only";
import { findTenantById, type TenantRecord } from "@/prisma/store/tenant";
import type { UseCaseScope } from "./actor";

/** The caller's own tenant. */
export async function getTenant(scope: UseCaseScope): Promise<TenantRecord> {
  const caller = scope.actor;
  const tenant = await findTenantById(scope.db, caller.tenantId);
  if (!tenant) throw new Error(`getTenant: tenant ${caller.tenantId} of caller ${caller.id} does not exist`);
  return tenant;
}
