// What a scoring must know before it reads a single signal, in one statement: does the borrower exist in
// the tenant, which consents for the purpose are in force, and which model and policy versions are active.
import { Prisma, type ConsentPurpose, type DataCategory } from "../generated/client";
import type { ConsentRecord } from "./consent";
import { queryRows, type Db } from "./database";

/** What a scoring needs of a consent: which categories it covers and for how long a signal may be read. */
export type ConsentTerms = Pick<ConsentRecord, "id" | "dataCategories" | "dataLifeDays">;

export interface ScoringContext {
  /** The borrower's consents for the purpose in force at every instant asked about, oldest grant first. */
  consents: ConsentTerms[];
  /** The tenant's active model and policy versions (null when it has none). */
  activeModelVersionId: string | null;
  activePolicyVersionId: string | null;
  /** The tenant's challenger model version, scored in shadow (null when it has none). */
  challengerModelVersionId: string | null;
}

interface ContextRow {
  id: string | null;
  dataCategories: DataCategory[] | null;
  dataLifeDays: number | null;
  activeModelVersionId: string | null;
  activePolicyVersionId: string | null;
  challengerModelVersionId: string | null;
}

/**
 * Reads a scoring's context; null when the tenant has no such borrower. A consent is in force at every one
 * of `instants` when it is not revoked and validFrom ≤ t < expiresAt for each t. The active version of each
 * kind is the newest ACTIVE one, as findActiveModelVersion chooses it.
 */
export async function readScoringContext(db: Db, tenantId: string, borrowerId: string, purpose: ConsentPurpose, instants: readonly Date[]): Promise<ScoringContext | null> {
  const earliest = new Date(Math.min(...instants.map((t) => t.getTime())));
  const latest = new Date(Math.max(...instants.map((t) => t.getTime())));
  const rows = await queryRows<ContextRow>(db, Prisma.sql`
    SELECT consent.id, consent."dataCategories"::text[] AS "dataCategories", consent."dataLifeDays",
      (SELECT id FROM "ModelVersion" WHERE "tenantId" = ${tenantId} AND status = 'ACTIVE' ORDER BY "createdAt" DESC, id LIMIT 1) AS "activeModelVersionId",
      (SELECT id FROM "PolicyVersion" WHERE "tenantId" = ${tenantId} AND status = 'ACTIVE' ORDER BY "createdAt" DESC, id LIMIT 1) AS "activePolicyVersionId",
      (SELECT "modelVersionId" FROM "ModelChallenger" WHERE "tenantId" = ${tenantId}) AS "challengerModelVersionId"
    FROM "Borrower" borrower
    LEFT JOIN "Consent" consent ON consent."tenantId" = borrower."tenantId" AND consent."borrowerId" = borrower.id AND consent.purpose = ${purpose}::"ConsentPurpose"
      AND consent."revokedAt" IS NULL AND consent."validFrom" <= ${earliest}::timestamptz AND consent."expiresAt" > ${latest}::timestamptz
    WHERE borrower."tenantId" = ${tenantId} AND borrower.id = ${borrowerId}
    ORDER BY consent."grantedAt", consent.id`);
  if (rows.length === 0) return null;
  return {
    consents: rows.flatMap((row) => (row.id === null ? [] : [{ id: row.id, dataCategories: row.dataCategories ?? [], dataLifeDays: row.dataLifeDays ?? 0 }])),
    activeModelVersionId: rows[0].activeModelVersionId,
    activePolicyVersionId: rows[0].activePolicyVersionId,
    challengerModelVersionId: rows[0].challengerModelVersionId,
  };
}
