import type { Tenant } from "../generated/client";
import type { DbClient } from "./database";

export type TenantRecord = Tenant;

export function findTenantById(db: DbClient, tenantId: string): Promise<TenantRecord | null> {
  return db.tenant.findUnique({ where: { id: tenantId } });
}

export function findTenantBySlug(db: DbClient, slug: string): Promise<TenantRecord | null> {
  return db.tenant.findUnique({ where: { slug } });
}

/** Creates the tenant, or returns the existing one with that slug unchanged (seeding is idempotent). */
export function ensureTenant(db: DbClient, input: { slug: string; name: string }): Promise<TenantRecord> {
  return db.tenant.upsert({ where: { slug: input.slug }, create: input, update: {} });
}

/** Creates a tenant; the slug is unique (a second one fails with a unique violation). */
export function createTenant(db: DbClient, input: { slug: string; name: string }): Promise<TenantRecord> {
  return db.tenant.create({ data: input });
}
