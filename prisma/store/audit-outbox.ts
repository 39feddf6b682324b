// The audit chain's outbox. A change that must not wait for the tenant's chain lock (a scoring: many run at
// once) and finds it taken commits its audit event as a PendingAuditEvent with the change; then whoever holds
// the chain lock links every pending event of the tenant at once — one read of the head, the hashes computed here, one
// INSERT, one DELETE — and commits. Concurrent writers thus share one short locked step (group commit)
// instead of each holding the lock through its own write: a writer queued behind a holder finds its event
// already linked and holds the lock only to read an empty outbox. A writer returns only once its event is in
// the chain, so nothing is returned without its audit row; an event whose writer died between its commit and
// the link (an orphan) is linked by the next writer, the batch job or the next verification.
import { Prisma } from "../generated/client";
import { appendAuditEventsInTransaction, chainLockSql, type NewAuditEvent } from "./audit-event";
import type { Db, DbTransaction } from "./database";

/** The most pending events one statement links; a holder links page after page until none is left. */
const LINK_PAGE = 500;

/** The INSERT of a pending event: a statement of its own, or a data-modifying WITH of the change's own INSERT (one statement, one commit). */
export function insertPendingAuditEventSql(tenantId: string, event: NewAuditEvent & { id: string }): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "PendingAuditEvent" (id, "tenantId", "actorType", "actorId", "borrowerId", action, "entityType", "entityId", "requestId", payload, "occurredAt")
    VALUES (${event.id}, ${tenantId}, ${event.actorType}::"ActorType", ${event.actorId}, ${event.borrowerId ?? null}, ${event.action}, ${event.entityType},
      ${event.entityId ?? null}, ${event.requestId ?? null}, ${JSON.stringify(event.payload)}::jsonb, ${event.occurredAt}::timestamptz)`;
}

interface PendingRow {
  position: bigint;
  id: string;
  actorType: NewAuditEvent["actorType"];
  actorId: string;
  borrowerId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  payload: Prisma.JsonObject;
  occurredAt: Date;
}

/**
 * Links every pending event of the tenant into its chain, in the order they were written, inside the
 * caller's transaction, which must hold the chain lock. Returns how many it linked.
 */
export async function linkPendingAuditEventsInTransaction(tx: DbTransaction, tenantId: string): Promise<number> {
  let linked = 0;
  for (;;) {
    const pending = await tx.$queryRaw<PendingRow[]>`
      SELECT position, id, "actorType", "actorId", "borrowerId", action, "entityType", "entityId", "requestId", payload, "occurredAt"
      FROM "PendingAuditEvent" WHERE "tenantId" = ${tenantId} ORDER BY position LIMIT ${LINK_PAGE}`;
    if (pending.length === 0) return linked;
    await appendAuditEventsInTransaction(
      tx,
      tenantId,
      pending.map(({ position: _position, ...event }) => ({ ...event, payload: event.payload as Prisma.InputJsonObject })),
    );
    await tx.$executeRaw`DELETE FROM "PendingAuditEvent" WHERE position IN (${Prisma.join(pending.map((row) => row.position))})`;
    linked += pending.length;
    if (pending.length < LINK_PAGE) return linked;
  }
}

/**
 * Takes the tenant's chain lock (waiting for it) and links every pending event. A writer whose event went to
 * the outbox calls it after its commit: once it returns, that event is in the chain (the pending rows are
 * read after the lock is taken, so after the writer's commit). Writers queued behind one holder find their
 * events already linked by it and only read an empty outbox under the lock; a verification calls it first,
 * to see every event written so far.
 */
export function drainAuditOutbox(db: Db, tenantId: string): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT ${chainLockSql(tenantId)}::text AS locked`;
      return linkPendingAuditEventsInTransaction(tx, tenantId);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Writes one event through the outbox (its own statement) and returns once it is in the chain. */
export async function appendAuditEventThroughOutbox(db: Db, tenantId: string, event: NewAuditEvent & { id: string }): Promise<void> {
  await db.$executeRaw(insertPendingAuditEventSql(tenantId, event));
  await drainAuditOutbox(db, tenantId);
}
