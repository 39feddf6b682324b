import type { Consent, ConsentPurpose, DataCategory, Prisma } from "../generated/client";
import type { Db } from "./database";

export type ConsentRecord = Consent;
export type NewConsent = Omit<Prisma.ConsentCreateManyInput, "id" | "tenantId" | "createdAt" | "revokedAt">;

export function createConsent(db: Db, tenantId: string, input: NewConsent): Promise<ConsentRecord> {
  return db.consent.create({ data: { ...input, tenantId } });
}

export function findConsentById(db: Db, tenantId: string, id: string): Promise<ConsentRecord | null> {
  return db.consent.findFirst({ where: { id, tenantId } });
}

export function listConsents(db: Db, tenantId: string, borrowerId: string): Promise<ConsentRecord[]> {
  return db.consent.findMany({ where: { tenantId, borrowerId }, orderBy: [{ grantedAt: "asc" }, { id: "asc" }] });
}

/** What a scoring needs of a consent: which categories it covers and for how long a signal may be read. */
export type ConsentTerms = Pick<ConsentRecord, "id" | "dataCategories" | "dataLifeDays">;

/**
 * The borrower's consents for a purpose that are in force at every one of `instants` (not revoked,
 * validFrom ≤ t and t < expiresAt for each t), oldest grant first, read together with the borrower's
 * existence in one statement: null when the tenant has no such borrower.
 */
export async function readConsentTermsInForce(db: Db, tenantId: string, borrowerId: string, purpose: ConsentPurpose, instants: readonly Date[]): Promise<ConsentTerms[] | null> {
  const earliest = new Date(Math.min(...instants.map((t) => t.getTime())));
  const latest = new Date(Math.max(...instants.map((t) => t.getTime())));
  const rows = await db.$queryRaw<{ id: string | null; dataCategories: DataCategory[] | null; dataLifeDays: number | null }[]>`
    SELECT consent.id, consent."dataCategories"::text[] AS "dataCategories", consent."dataLifeDays"
    FROM "Borrower" borrower
    LEFT JOIN "Consent" consent ON consent."tenantId" = borrower."tenantId" AND consent."borrowerId" = borrower.id AND consent.purpose = ${purpose}::"ConsentPurpose"
      AND consent."revokedAt" IS NULL AND consent."validFrom" <= ${earliest}::timestamptz AND consent."expiresAt" > ${latest}::timestamptz
    WHERE borrower."tenantId" = ${tenantId} AND borrower.id = ${borrowerId}
    ORDER BY consent."grantedAt", consent.id`;
  if (rows.length === 0) return null;
  return rows.flatMap((row) => (row.id === null ? [] : [{ id: row.id, dataCategories: row.dataCategories ?? [], dataLifeDays: row.dataLifeDays ?? 0 }]));
}

/** Revokes the consent (first revocation time kept); null when the tenant has no such consent. */
export async function revokeConsent(db: Db, tenantId: string, consentId: string, revokedAt: Date): Promise<ConsentRecord | null> {
  await db.consent.updateMany({ where: { id: consentId, tenantId, revokedAt: null }, data: { revokedAt } });
  return db.consent.findFirst({ where: { id: consentId, tenantId } });
}
