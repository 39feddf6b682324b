import type { Consent, Prisma } from "../generated/client";
import type { DbClient } from "./database";

export type ConsentRecord = Consent;
export type NewConsent = Omit<Prisma.ConsentCreateManyInput, "id" | "tenantId" | "createdAt" | "revokedAt">;

export function createConsent(db: DbClient, tenantId: string, input: NewConsent): Promise<ConsentRecord> {
  return db.consent.create({ data: { ...input, tenantId } });
}

export function findConsentById(db: DbClient, tenantId: string, id: string): Promise<ConsentRecord | null> {
  return db.consent.findFirst({ where: { id, tenantId } });
}

export function listConsents(db: DbClient, tenantId: string, borrowerId: string): Promise<ConsentRecord[]> {
  return db.consent.findMany({ where: { tenantId, borrowerId }, orderBy: [{ grantedAt: "asc" }, { id: "asc" }] });
}

/** Revokes the consent (first revocation time kept); null when the tenant has no such consent. */
export async function revokeConsent(db: DbClient, tenantId: string, consentId: string, revokedAt: Date): Promise<ConsentRecord | null> {
  await db.consent.updateMany({ where: { id: consentId, tenantId, revokedAt: null }, data: { revokedAt } });
  return db.consent.findFirst({ where: { id: consentId, tenantId } });
}
