import "server-only";
import { listConsents as listStoredConsents, type ConsentRecord } from "@/prisma/store/consent";
import { canSeeBorrower, type UseCaseScope } from "./actor";

/** A borrower's consents, oldest first; a BORROWER sees only their own (others: an empty list). */
export async function listConsents(scope: UseCaseScope, borrowerId: string): Promise<ConsentRecord[]> {
  const caller = scope.actor;
  if (!canSeeBorrower(caller, borrowerId)) return [];
  return listStoredConsents(scope.db, caller.tenantId, borrowerId);
}

/** PENDING before validFrom, REVOKED once revoked, EXPIRED from expiresAt, else ACTIVE — at `now`. */
export function consentStatus(consent: ConsentRecord, now: Date): "PENDING" | "ACTIVE" | "REVOKED" | "EXPIRED" {
  if (consent.revokedAt && consent.revokedAt.getTime() <= now.getTime()) return "REVOKED";
  if (consent.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (consent.validFrom.getTime() > now.getTime()) return "PENDING";
  return "ACTIVE";
}
