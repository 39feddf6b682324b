import type { Tenant } from "../generated/client";
import type { Db } from "./database";

export type TenantRecord = Tenant;

export function findTenantById(db: Db, tenantId: string): Promise<TenantRecord | null> {
  return db.tenant.findUnique({ where: { id: tenantId } });
}

export function findTenantBySlug(db: Db, slug: string): Promise<TenantRecord | null> {
  return db.tenant.findUnique({ where: { slug } });
}

/** Creates the tenant, or returns the existing one with that slug unchanged (seeding is idempotent). */
export function ensureTenant(db: Db, input: { slug: string; name: string }): Promise<TenantRecord> {
  return db.tenant.upsert({ where: { slug: input.slug }, create: input, update: {} });
}
