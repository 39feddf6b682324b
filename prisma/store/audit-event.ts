import { createHash, randomUUID } from "node:crypto";
import { Prisma, type ActorType, type AuditEvent } from "../generated/client";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import type { Db, DbTransaction } from "./database";

export type AuditEventRecord = AuditEvent;
/** A JSON object: what an event records beyond who, what and when. */
export type AuditPayload = Prisma.InputJsonObject;

export interface NewAuditEvent {
  /** The row's id when it was chosen before the append (an event linked from the outbox keeps its id); a new UUID otherwise. */
  id?: string;
  actorType: ActorType;
  actorId: string;
  /** The borrower the event concerns, when there is one (auditTrail reads by it). */
  borrowerId?: string | null;
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
 * borrowerId enters the hashed body only when set, so events written before the column existed keep their hash.
 */
export function hashAuditEvent(prevHash: string | null, event: NewAuditEvent & { tenantId: string; seq: number }): string {
  return createHash("sha256").update(`${prevHash ?? ""}\n${canonicalAuditBody(event)}`, "utf8").digest("hex");
}

/** The canonical JSON that hashAuditEvent hashes after the previous hash. */
function canonicalAuditBody(event: NewAuditEvent & { tenantId: string; seq: number }): string {
  return canonicalJson({
    tenantId: event.tenantId,
    seq: event.seq,
    actorType: event.actorType,
    actorId: event.actorId,
    borrowerId: event.borrowerId ?? undefined,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    requestId: event.requestId ?? null,
    payload: event.payload,
    occurredAt: event.occurredAt,
  });
}

/**
 * The SQL expression that takes the tenant's chain lock for the rest of the transaction. A statement may
 * take it as a side effect; an append must then come in a later statement, whose snapshot sees the head the
 * previous holder committed. (prisma/store/audit-outbox.ts tries the same lock without waiting.)
 */
export function chainLockSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`pg_advisory_xact_lock(hashtext(${tenantId}))`;
}

/** The same lock tried without waiting: true when this transaction now holds it (a scoring's write, prisma/store/credit-score.ts). */
export function tryChainLockSql(tenantId: string): Prisma.Sql {
  return Prisma.sql`pg_try_advisory_xact_lock(hashtext(${tenantId}))`;
}

/**
 * Takes the tenant's chain lock for the rest of the transaction: appends (and whatever they record) are
 * serialised per tenant, so two writers never read the same chain head. Call it before the append; a
 * transaction takes no other lock after it, so no two transactions can wait on each other.
 */
export async function lockAuditChain(tx: DbTransaction, tenantId: string): Promise<void> {
  await tx.$queryRaw`SELECT ${chainLockSql(tenantId)}::text AS locked`;
}

/**
 * Appends an event at the end of the tenant's chain inside the caller's transaction (which holds the chain
 * lock, taken in an earlier statement). One statement reads the head and inserts: the canonical body is
 * built here with the seq left out, and PostgreSQL's sha256 hashes prevHash ‖ "\n" ‖ body with the seq it
 * reads spliced in — the same bytes hashAuditEvent hashes (a whole number is written the same way by
 * Number#toString and int::text), which checkAuditChain recomputes.
 */
export async function appendAuditEventInTransaction(tx: DbTransaction, tenantId: string, event: NewAuditEvent): Promise<AuditEventRecord> {
  // Keys are sorted, so "seq" is a top-level key after payload; a JSON string cannot hold an unescaped quote,
  // so the last match is the key itself.
  const body = canonicalAuditBody({ ...event, tenantId, seq: 0 });
  const seqAt = body.lastIndexOf('"seq":0,');
  const beforeSeq = body.slice(0, seqAt + '"seq":'.length);
  const afterSeq = body.slice(seqAt + '"seq":0'.length);
  const id = event.id ?? randomUUID();
  const [row] = await tx.$queryRaw<{ seq: number; prevHash: string | null; rowHash: string }[]>`
    INSERT INTO "AuditEvent" (id, "tenantId", seq, "actorType", "actorId", "borrowerId", action, "entityType", "entityId", "requestId", payload, "occurredAt", "prevHash", "rowHash")
    SELECT ${id}, ${tenantId}, coalesce(head.seq, 0) + 1, ${event.actorType}::"ActorType", ${event.actorId}, ${event.borrowerId ?? null}, ${event.action}, ${event.entityType},
      ${event.entityId ?? null}, ${event.requestId ?? null}, ${JSON.stringify(event.payload)}::jsonb, ${event.occurredAt}::timestamptz, head."rowHash",
      encode(sha256(convert_to(coalesce(head."rowHash", '') || E'\n' || ${beforeSeq}::text || (coalesce(head.seq, 0) + 1)::text || ${afterSeq}::text, 'UTF8')), 'hex')
    FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, "rowHash" FROM "AuditEvent" WHERE "tenantId" = ${tenantId} ORDER BY seq DESC LIMIT 1) AS head ON true
    RETURNING seq, "prevHash", "rowHash"`;
  return auditRecordOf(id, tenantId, event, row);
}

/** The stored row of an appended event. */
function auditRecordOf(id: string, tenantId: string, event: NewAuditEvent, chain: { seq: number; prevHash: string | null; rowHash: string }): AuditEventRecord {
  return {
    id,
    tenantId,
    actorType: event.actorType,
    actorId: event.actorId,
    borrowerId: event.borrowerId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    requestId: event.requestId ?? null,
    payload: event.payload as Prisma.JsonObject,
    occurredAt: event.occurredAt,
    ...chain,
  };
}

/**
 * Appends several events, in order, at the end of the tenant's chain inside the caller's transaction, which
 * must hold the chain lock (taken in an earlier statement): one read of the head, the hashes computed here
 * (hashAuditEvent, the same bytes checkAuditChain recomputes), one INSERT. A batch of scorings takes the
 * lock once for all its events instead of once each.
 */
export async function appendAuditEventsInTransaction(tx: DbTransaction, tenantId: string, events: readonly NewAuditEvent[]): Promise<AuditEventRecord[]> {
  if (events.length === 0) return [];
  const [head] = await tx.$queryRaw<{ seq: number; rowHash: string }[]>`SELECT seq, "rowHash" FROM "AuditEvent" WHERE "tenantId" = ${tenantId} ORDER BY seq DESC LIMIT 1`;
  let seq = head?.seq ?? 0;
  let prevHash: string | null = head?.rowHash ?? null;
  const records: AuditEventRecord[] = events.map((event) => {
    seq += 1;
    const rowHash = hashAuditEvent(prevHash, { ...event, tenantId, seq });
    const record = auditRecordOf(event.id ?? randomUUID(), tenantId, event, { seq, prevHash, rowHash });
    prevHash = rowHash;
    return record;
  });
  const rows = records.map(
    (r) => Prisma.sql`(${r.id}, ${tenantId}, ${r.seq}::int, ${r.actorType}::"ActorType", ${r.actorId}, ${r.borrowerId}, ${r.action}, ${r.entityType}, ${r.entityId}, ${r.requestId},
      ${JSON.stringify(r.payload)}::jsonb, ${r.occurredAt}::timestamptz, ${r.prevHash}, ${r.rowHash})`,
  );
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (id, "tenantId", seq, "actorType", "actorId", "borrowerId", action, "entityType", "entityId", "requestId", payload, "occurredAt", "prevHash", "rowHash")
    VALUES ${Prisma.join(rows)}`;
  return records;
}

/** Appends an event at the end of the tenant's chain; a per-tenant transaction lock serialises writers. */
export function appendAuditEvent(db: Db, tenantId: string, event: NewAuditEvent): Promise<AuditEventRecord> {
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx, tenantId);
    return appendAuditEventInTransaction(tx, tenantId, event);
  });
}

/** An event with the name its actor has now (a user's or an API key's; null for SYSTEM or an actor gone). */
export type AuditEventWithActor = AuditEventRecord & { actorName: string | null };

/** The current names of these users and API keys, in one query each, tenant-scoped, by "USER:id" / "API_KEY:id". */
export async function findActorNames(db: Db, tenantId: string, actors: readonly { actorType: ActorType; actorId: string }[]): Promise<Map<string, string>> {
  const idsOf = (type: ActorType): string[] => [...new Set(actors.filter((actor) => actor.actorType === type).map((actor) => actor.actorId))];
  const [userIds, apiKeyIds] = [idsOf("USER"), idsOf("API_KEY")];
  const [users, apiKeys] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { tenantId, id: { in: userIds } }, select: { id: true, name: true } }) : [],
    apiKeyIds.length ? db.apiKey.findMany({ where: { tenantId, id: { in: apiKeyIds } }, select: { id: true, name: true } }) : [],
  ]);
  return new Map<string, string>([...users.map((user) => [`USER:${user.id}`, user.name] as const), ...apiKeys.map((key) => [`API_KEY:${key.id}`, key.name] as const)]);
}

/** The events with the current names of the users and API keys that acted in them. */
export async function nameActors(db: Db, tenantId: string, events: readonly AuditEventRecord[]): Promise<AuditEventWithActor[]> {
  const names = await findActorNames(db, tenantId, events);
  return events.map((event) => ({ ...event, actorName: names.get(`${event.actorType}:${event.actorId}`) ?? null }));
}

/** A borrower's events between two instants (inclusive), in chain order. */
export function listBorrowerAuditEvents(db: Db, tenantId: string, borrowerId: string, from: Date, to: Date): Promise<AuditEventRecord[]> {
  return db.auditEvent.findMany({ where: { tenantId, borrowerId, occurredAt: { gte: from, lte: to } }, orderBy: { seq: "asc" } });
}

/** Which events of a tenant's timeline: occurred in [from, to], optionally of one kind, by one actor, about one borrower. */
export interface AuditTimelineFilter {
  from: Date;
  to: Date;
  /** An action ("consent.granted") or the kind before its dot ("consent"). */
  kind?: string | null;
  actorId?: string | null;
  borrowerId?: string | null;
}

function timelineWhere(tenantId: string, filter: AuditTimelineFilter): Prisma.AuditEventWhereInput {
  return {
    tenantId,
    occurredAt: { gte: filter.from, lte: filter.to },
    ...(filter.kind ? { OR: [{ action: filter.kind }, { action: { startsWith: `${filter.kind}.` } }] } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.borrowerId ? { borrowerId: filter.borrowerId } : {}),
  };
}

/** One page of the tenant's timeline in chain order (seq), after `afterSeq`; with the number of events matching. */
export async function listAuditTimelinePage(db: Db, tenantId: string, filter: AuditTimelineFilter, page: { first: number; afterSeq?: number }): Promise<{ events: AuditEventRecord[]; hasNextPage: boolean; totalCount: number }> {
  const where = timelineWhere(tenantId, filter);
  const [rows, totalCount] = await Promise.all([
    db.auditEvent.findMany({ where: { ...where, seq: { gt: page.afterSeq ?? 0 } }, orderBy: { seq: "asc" }, take: page.first + 1 }),
    db.auditEvent.count({ where }),
  ]);
  return { events: rows.slice(0, page.first), hasNextPage: rows.length > page.first, totalCount };
}

/** The actions and the actors of the tenant's events in [from, to], each with its count: what the timeline can be filtered by. */
export async function summariseAuditTimeline(db: Db, tenantId: string, from: Date, to: Date): Promise<{ actions: { action: string; count: number }[]; actors: { actorType: ActorType; actorId: string; count: number }[] }> {
  const where = { tenantId, occurredAt: { gte: from, lte: to } };
  const [actions, actors] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], where, _count: { _all: true }, orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["actorType", "actorId"], where, _count: { _all: true }, orderBy: [{ actorType: "asc" }, { actorId: "asc" }] }),
  ]);
  return {
    actions: actions.map((row) => ({ action: row.action, count: row._count._all })),
    actors: actors.map((row) => ({ actorType: row.actorType, actorId: row.actorId, count: row._count._all })),
  };
}

export function listAuditEvents(db: Db, tenantId: string, options: { first: number; afterSeq?: number }): Promise<AuditEventRecord[]> {
  return db.auditEvent.findMany({
    where: { tenantId, seq: { gt: options.afterSeq ?? 0 } },
    orderBy: { seq: "asc" },
    take: options.first,
  });
}

export interface AuditChainCheck {
  checkedEvents: number;
  /** The first event that does not verify; null when every event read does. */
  firstInvalidSeq: number | null;
  reason: string | null;
  /** The hash of the last event verified (the head when the check reached it). */
  headHash: string | null;
  /** The seq of the last event verified; null when none was. */
  headSeq: number | null;
}

/** Where a verification starts: a position of the chain already known good (a verified checkpoint). */
export interface ChainPosition {
  seq: number;
  rowHash: string;
}

/** What a caller checks on each page of events, after their links and hashes verified: a failure, or null. */
export type ChainPageCheck = (events: readonly AuditEventRecord[], checkedSoFar: number) => Promise<Pick<AuditChainCheck, "firstInvalidSeq" | "reason"> | null>;

const CHAIN_PAGE = 2000;

/**
 * Recomputes the tenant's chain after `from` (from the first row when null), a page at a time, reading at
 * most `maxEvents` events (all when null). An edited row fails its own hash; a deleted row leaves a gap in
 * seq (and the next row's prevHash names a hash that is no longer there); an inserted row either repeats a
 * seq or breaks the next row's link. With `from`, the row at from.seq must still carry from.rowHash, so a
 * chain recomputed from an earlier edit does not verify. `eachPage` runs after each page verified (the
 * scorings its events name, progress, cancellation).
 */
export async function checkAuditChain(db: Db, tenantId: string, from: ChainPosition | null = null, options: { maxEvents?: number | null; eachPage?: ChainPageCheck } = {}): Promise<AuditChainCheck> {
  let prevHash: string | null = null;
  let expectedSeq = 1;
  if (from) {
    const anchor = await db.auditEvent.findMany({ where: { tenantId, seq: from.seq }, select: { rowHash: true } });
    if (anchor.length !== 1 || anchor[0].rowHash !== from.rowHash) {
      return { checkedEvents: 0, firstInvalidSeq: from.seq, reason: `row ${from.seq} no longer carries the hash its checkpoint signed (the chain was rewritten or cut)`, headHash: null, headSeq: null };
    }
    prevHash = from.rowHash;
    expectedSeq = from.seq + 1;
  }
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let checked = 0;
  while (checked < maxEvents) {
    const take = Math.min(CHAIN_PAGE, maxEvents - checked);
    const events = await db.auditEvent.findMany({ where: { tenantId, seq: { gte: expectedSeq } }, orderBy: [{ seq: "asc" }, { id: "asc" }], take });
    for (const event of events) {
      checked += 1;
      const fail = (reason: string): AuditChainCheck => ({ checkedEvents: checked, firstInvalidSeq: event.seq, reason, headHash: prevHash, headSeq: expectedSeq - 1 || null });
      if (event.seq !== expectedSeq) return fail(event.seq > expectedSeq ? `seq ${expectedSeq} is missing (a row was deleted)` : `seq ${event.seq} appears twice (a row was inserted)`);
      if (event.prevHash !== prevHash) return fail(`prevHash does not name the previous row's hash (a row was inserted, deleted or edited)`);
      const expected = hashAuditEvent(prevHash, { ...event, payload: event.payload as Prisma.InputJsonObject });
      if (event.rowHash !== expected) return fail("rowHash does not match the row's content (the row was edited)");
      prevHash = event.rowHash;
      expectedSeq += 1;
    }
    const failure = options.eachPage && events.length > 0 ? await options.eachPage(events, checked) : null;
    if (failure) return { checkedEvents: checked, ...failure, headHash: prevHash, headSeq: expectedSeq - 1 || null };
    if (events.length < take) break;
  }
  return { checkedEvents: checked, firstInvalidSeq: null, reason: null, headHash: prevHash, headSeq: expectedSeq - 1 || null };
}

/** The tenant's chain head (its last row), or null when it has none. */
export async function readAuditChainHead(db: Db, tenantId: string): Promise<ChainPosition | null> {
  const head = await db.auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: "desc" }, select: { seq: true, rowHash: true } });
  return head;
}
