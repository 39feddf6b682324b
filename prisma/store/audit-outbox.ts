// The audit chain's outbox. A change that must not wait for the tenant's chain lock (a scoring: many run at
// once) and finds it taken commits its audit event as a PendingAuditEvent with the change; then whoever holds
// the chain lock links every pending event of the tenant at once — one read of the head, the hashes computed here, one
// INSERT, one DELETE — and commits. Concurrent writers thus share one short locked step (group commit)
// instead of each holding the lock through its own write. A writer returns only once its event is in the
// chain, so nothing is returned without its audit row; an event whose writer died between its commit and
// the link (an orphan) is linked by the next writer, the batch job or the next verification.
import { Prisma } from "../generated/client";
import { appendAuditEventsInTransaction, chainLockSql, type NewAuditEvent } from "./audit-event";
import type { Db, DbTransaction } from "./database";

/** The most pending events one statement links; a holder links page after page until none is left. */
const LINK_PAGE = 500;
/** How many times a writer waits for another holder before giving up (each wait lasts one holder's link). */
const MAX_LINK_ATTEMPTS = 200;

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
 * Links the tenant's pending events if the chain lock is free (without waiting for it). Returns how many it
 * linked, or null when another transaction holds the lock.
 */
export function linkPendingAuditEvents(db: Db, tenantId: string): Promise<number | null> {
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${tenantId})) AS locked`;
      return locked ? linkPendingAuditEventsInTransaction(tx, tenantId) : null;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** Waits until the transaction holding the tenant's chain lock ends (a shared lock waits for the exclusive one; waiters do not wait for each other). */
async function waitForChainHolder(db: Db, tenantId: string): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${tenantId}))::text AS waited`;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

async function isPending(db: Db, eventId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "PendingAuditEvent" WHERE id = ${eventId}`;
  return rows.length > 0;
}

/**
 * Returns once the committed pending event `eventId` is in the tenant's chain: links it (with every other
 * pending event) when the lock is free, otherwise waits for the holder — who links it if it was committed
 * before the holder read the outbox — and tries again.
 * @throws Error when it is still pending after MAX_LINK_ATTEMPTS waits (it stays pending and is linked by the next holder).
 */
export async function awaitAuditEventLinked(db: Db, tenantId: string, eventId: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_LINK_ATTEMPTS; attempt += 1) {
    if ((await linkPendingAuditEvents(db, tenantId)) !== null) return;
    await waitForChainHolder(db, tenantId);
    if (!(await isPending(db, eventId))) return;
  }
  throw new Error(`Audit event ${eventId} is still waiting to be linked into the chain of tenant ${tenantId} after ${MAX_LINK_ATTEMPTS} attempts.`);
}

/** Takes the tenant's chain lock (waiting for it) and links every pending event: for verifications, which must see them all. */
export function drainAuditOutbox(db: Db, tenantId: string): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT ${chainLockSql(tenantId)}::text AS locked`;
      return linkPendingAuditEventsInTransaction(tx, tenantId);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Writes one event through the outbox (its own transaction) and returns once it is in the chain. */
export async function appendAuditEventThroughOutbox(db: Db, tenantId: string, event: NewAuditEvent & { id: string }): Promise<void> {
  await db.$executeRaw(insertPendingAuditEventSql(tenantId, event));
  await awaitAuditEventLinked(db, tenantId, event.id);
}
