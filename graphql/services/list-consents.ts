import "server-only";
import { listConsents as listStoredConsents, type ConsentRecord } from "@/prisma/store/consent";
import { requireCaller, type GraphQLContext } from "../context";

/** A borrower's consents, oldest first; a BORROWER sees only their own (others: an empty list). */
export async function listConsents(context: GraphQLContext, borrowerId: string): Promise<ConsentRecord[]> {
  const caller = requireCaller(context);
  if (caller.role === "BORROWER" && caller.borrowerId !== borrowerId) return [];
  return listStoredConsents(context.db, caller.tenantId, borrowerId);
}

/** PENDING before validFrom, REVOKED once revoked, EXPIRED from expiresAt, else ACTIVE — at `now`. */
export function consentStatus(consent: ConsentRecord, now: Date): "PENDING" | "ACTIVE" | "REVOKED" | "EXPIRED" {
  if (consent.revokedAt && consent.revokedAt.getTime() <= now.getTime()) return "REVOKED";
  if (consent.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (consent.validFrom.getTime() > now.getTime()) return "PENDING";
  return "ACTIVE";
}
