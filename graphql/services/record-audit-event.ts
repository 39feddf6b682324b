import "server-only";
import { appendAuditEvent, type AuditPayload } from "@/prisma/store/audit-event";
import { requireCaller, type GraphQLContext } from "../context";

/** Appends "caller did action to entity" to the tenant's hash-chained audit log. */
export async function recordAuditEvent(
  context: GraphQLContext,
  event: { action: string; entityType: string; entityId: string; borrowerId?: string | null; payload?: AuditPayload },
): Promise<void> {
  const caller = requireCaller(context);
  await appendAuditEvent(context.db, caller.tenantId, {
    actorType: caller.kind,
    actorId: caller.id,
    borrowerId: event.borrowerId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    requestId: context.requestId,
    payload: event.payload ?? {},
    occurredAt: context.now,
  });
}
