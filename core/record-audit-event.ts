import "server-only";
import { appendAuditEvent, type AuditPayload } from "@/prisma/store/audit-event";
import type { UseCaseScope } from "./actor";

/** Appends "caller did action to entity" to the tenant's hash-chained audit log. */
export async function recordAuditEvent(
  scope: UseCaseScope,
  event: { action: string; entityType: string; entityId: string; borrowerId?: string | null; payload?: AuditPayload },
): Promise<void> {
  const caller = scope.actor;
  await appendAuditEvent(scope.db, caller.tenantId, {
    actorType: caller.kind,
    actorId: caller.id,
    borrowerId: event.borrowerId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    requestId: scope.request.id,
    payload: event.payload ?? {},
    occurredAt: scope.now,
  });
}
