import { createHash } from "node:crypto";
import type { ActorType, AuditEvent, Prisma } from "../generated/client";
import { canonicalJson } from "./canonical-json";
import type { Db } from "./database";

export type AuditEventRecord = AuditEvent;
/** A JSON object: what an event records beyond who, what and when. */
export type AuditPayload = Prisma.InputJsonObject;

export interface NewAuditEvent {
  actorType: ActorType;
  actorId: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  requestId?: string | null;
  payload: AuditPayload;
  occurredAt: Date;
}

/**
 * rowHash = sha256_hex(prevHash ‖ "\n" ‖ canonicalJson(event)), prevHash being "" for a tenant's first event:
 * each event commits to every earlier one, so removing or editing any row breaks every later hash.
 */
export function hashAuditEvent(prevHash: string | null, event: NewAuditEvent & { tenantId: string; seq: number }): string {
  const body = canonicalJson({
    tenantId: event.tenantId,
    seq: event.seq,
    actorType: event.actorType,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    requestId: event.requestId ?? null,
    payload: event.payload,
    occurredAt: event.occurredAt,
  });
  return createHash("sha256").update(`${prevHash ?? ""}\n${body}`, "utf8").digest("hex");
}

/** Appends an event at the end of the tenant's chain; a per-tenant transaction lock serialises writers. */
export function appendAuditEvent(db: Db, tenantId: string, event: NewAuditEvent): Promise<AuditEventRecord> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${tenantId}))::text AS locked`;
    const last = await tx.auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: "desc" }, select: { seq: true, rowHash: true } });
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.rowHash ?? null;
    const rowHash = hashAuditEvent(prevHash, { ...event, tenantId, seq });
    return tx.auditEvent.create({ data: { ...event, tenantId, seq, prevHash, rowHash } });
  });
}

export function listAuditEvents(db: Db, tenantId: string, options: { first: number; afterSeq?: number }): Promise<AuditEventRecord[]> {
  return db.auditEvent.findMany({
    where: { tenantId, seq: { gt: options.afterSeq ?? 0 } },
    orderBy: { seq: "asc" },
    take: options.first,
  });
}

/** Recomputes the tenant's chain; returns the seq of the first event whose hash or link is wrong, or null. */
export async function findBrokenAuditLink(db: Db, tenantId: string): Promise<number | null> {
  const events = await db.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
  let prevHash: string | null = null;
  for (const [index, event] of events.entries()) {
    const expected = hashAuditEvent(prevHash, { ...event, payload: event.payload as Prisma.InputJsonObject });
    if (event.seq !== index + 1 || event.prevHash !== prevHash || event.rowHash !== expected) return event.seq;
    prevHash = event.rowHash;
  }
  return null;
}
