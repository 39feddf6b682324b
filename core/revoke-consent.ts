import "server-only";
import { findConsentById, revokeConsent as revokeStoredConsent, type ConsentRecord } from "@/prisma/store/consent";
import { canSeeBorrower, type UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { runAudited } from "./audited-change";

/** Revokes a consent at once (a BORROWER only their own); revoking twice keeps the first time. Audited. */
export async function revokeConsent(scope: UseCaseScope, consentId: string): Promise<ConsentRecord> {
  const caller = scope.actor;
  return runAudited(scope, async (tx) => {
    const existing = await findConsentById(tx, caller.tenantId, consentId);
    if (!existing || !canSeeBorrower(caller, existing.borrowerId)) throw notFound("No consent with this id.");
    const revoked = await revokeStoredConsent(tx, caller.tenantId, consentId, scope.now);
    if (!revoked) throw notFound("No consent with this id.");
    const event = existing.revokedAt ? null : { action: "consent.revoked", entityType: "Consent", entityId: consentId, borrowerId: existing.borrowerId, payload: { revokedAt: scope.now.toISOString() } };
    return { result: revoked, event };
  });
}
