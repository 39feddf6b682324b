import "server-only";
import { findConsentById, revokeConsent as revokeStoredConsent, type ConsentRecord } from "@/prisma/store/consent";
import { requireCaller, type GraphQLContext } from "../context";
import { notFound } from "../errors";
import { recordAuditEvent } from "./record-audit-event";

/** Revokes a consent at once (a BORROWER only their own); revoking twice keeps the first time. Audited. */
export async function revokeConsent(context: GraphQLContext, consentId: string): Promise<ConsentRecord> {
  const caller = requireCaller(context);
  const existing = await findConsentById(context.db, caller.tenantId, consentId);
  if (!existing || (caller.role === "BORROWER" && caller.borrowerId !== existing.borrowerId)) throw notFound("No consent with this id.");
  const revoked = await revokeStoredConsent(context.db, caller.tenantId, consentId, context.now);
  if (!revoked) throw notFound("No consent with this id.");
  if (!existing.revokedAt) {
    await recordAuditEvent(context, { action: "consent.revoked", entityType: "Consent", entityId: consentId, borrowerId: existing.borrowerId, payload: { revokedAt: context.now.toISOString() } });
  }
  return revoked;
}
