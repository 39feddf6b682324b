import "server-only";
import { findConsentById, revokeConsent as revokeStoredConsent, type ConsentRecord } from "@/prisma/store/consent";
import { canSeeBorrower, type UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { recordAuditEvent } from "./record-audit-event";

/** Revokes a consent at once (a BORROWER only their own); revoking twice keeps the first time. Audited. */
export async function revokeConsent(scope: UseCaseScope, consentId: string): Promise<ConsentRecord> {
  const caller = scope.actor;
  const existing = await findConsentById(scope.db, caller.tenantId, consentId);
  if (!existing || !canSeeBorrower(caller, existing.borrowerId)) throw notFound("No consent with this id.");
  const revoked = await revokeStoredConsent(scope.db, caller.tenantId, consentId, scope.now);
  if (!revoked) throw notFound("No consent with this id.");
  if (!existing.revokedAt) {
    await recordAuditEvent(scope, { action: "consent.revoked", entityType: "Consent", entityId: consentId, borrowerId: existing.borrowerId, payload: { revokedAt: scope.now.toISOString() } });
  }
  return revoked;
}
