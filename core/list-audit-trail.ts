import "server-only";
import { findActorNames, listAuditTimelinePage, listBorrowerAuditEvents, nameActors, summariseAuditTimeline, type AuditEventWithActor, type AuditTimelineFilter } from "@/prisma/store/audit-event";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import { requireRole, type UseCaseScope } from "./actor";
import { badUserInput } from "./errors";
import { csvField } from "./jobs/rescore-summary";

const MAX_RANGE_DAYS = 3660;
const MAX_PAGE = 500;
/** The most rows one CSV export holds: a day or a month of a busy tenant, not the whole chain at once. */
export const MAX_EXPORT_ROWS = 100_000;

function checkRange(from: Date, to: Date): void {
  if (to.getTime() < from.getTime()) throw badUserInput("to", "to: must not be before from.");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw badUserInput("to", `to: at most ${MAX_RANGE_DAYS} days after from.`);
}

/** What happened for a borrower of the caller's tenant between two instants (inclusive), in chain order, with who did it. */
export async function listAuditTrail(scope: UseCaseScope, args: { borrowerId: string; from: Date; to: Date }): Promise<AuditEventWithActor[]> {
  checkRange(args.from, args.to);
  return nameActors(scope.db, scope.actor.tenantId, await listBorrowerAuditEvents(scope.db, scope.actor.tenantId, args.borrowerId, args.from, args.to));
}

export interface AuditTimelineArgs extends AuditTimelineFilter {
  first: number;
  /** The endCursor of the previous page (an event's seq). */
  after?: string | null;
}

/** The kinds of event in a range: an action's part before its dot ("consent" for consent.granted), with counts. */
function kindsOf(actions: readonly { action: string; count: number }[]): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { action, count } of actions) {
    const kind = action.split(".")[0];
    counts.set(kind, (counts.get(kind) ?? 0) + count);
  }
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/**
 * The auditor's day: every event of the tenant's audit chain that occurred in [from, to] (a day or a range), of
 * every kind — scorings, quick scores, keys, users, policy publications, consents (the seeded ones too), decisions,
 * outcomes, requests — filtered by kind (an action or its prefix), actor and borrower, in chain order, a page at a
 * time; with the kinds and actors present in the range (what the filters offer).
 * @throws DomainError FORBIDDEN for roles other than ADMIN and AUDITOR; BAD_USER_INPUT naming to (before from,
 * or more than 3660 days after), first (1–500) or after (not a cursor).
 */
export async function listAuditTimeline(scope: UseCaseScope, args: AuditTimelineArgs) {
  const caller = scope.actor;
  requireRole(caller, ["ADMIN", "AUDITOR"]);
  checkRange(args.from, args.to);
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE) throw badUserInput("first", `first: from 1 to ${MAX_PAGE}.`);
  const afterSeq = args.after ? Number(args.after) : undefined;
  if (afterSeq !== undefined && (!Number.isInteger(afterSeq) || afterSeq < 0)) throw badUserInput("after", "after: the endCursor of a previous page.");
  const filter = { from: args.from, to: args.to, kind: args.kind?.trim() || null, actorId: args.actorId?.trim() || null, borrowerId: args.borrowerId?.trim() || null };
  const [page, summary] = await Promise.all([listAuditTimelinePage(scope.db, caller.tenantId, filter, { first: args.first, afterSeq }), summariseAuditTimeline(scope.db, caller.tenantId, args.from, args.to)]);
  const [events, actorNames] = await Promise.all([nameActors(scope.db, caller.tenantId, page.events), findActorNames(scope.db, caller.tenantId, summary.actors)]);
  return {
    events,
    totalCount: page.totalCount,
    hasNextPage: page.hasNextPage,
    endCursor: events.at(-1) ? String(events.at(-1)?.seq) : null,
    kinds: kindsOf(summary.actions),
    actors: summary.actors.map((actor) => ({ ...actor, name: actorNames.get(`${actor.actorType}:${actor.actorId}`) ?? null })),
  };
}

const csvColumns: [string, (event: AuditEventWithActor) => string | number | null][] = [
  ["seq", (event) => event.seq],
  ["occurred_at", (event) => event.occurredAt.toISOString()],
  ["action", (event) => event.action],
  ["actor_type", (event) => event.actorType],
  ["actor_id", (event) => event.actorId],
  ["actor_name", (event) => event.actorName],
  ["borrower_id", (event) => event.borrowerId],
  ["entity_type", (event) => event.entityType],
  ["entity_id", (event) => event.entityId],
  ["request_id", (event) => event.requestId],
  ["payload", (event) => canonicalJson(event.payload)],
  ["row_hash", (event) => event.rowHash],
];

/** Events as CSV: a header line, then one line per event in chain order (CRLF), cells defused for spreadsheets. */
export function auditEventsCsv(events: readonly AuditEventWithActor[]): string {
  const lines = [csvColumns.map(([name]) => name).join(","), ...events.map((event) => csvColumns.map(([, read]) => csvField(read(event))).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The timeline of listAuditTimeline's filter as CSV, every page of it.
 * @throws DomainError as listAuditTimeline; BAD_USER_INPUT naming to when the range holds more than MAX_EXPORT_ROWS events.
 */
export async function exportAuditTimeline(scope: UseCaseScope, filter: AuditTimelineFilter): Promise<string> {
  const events: AuditEventWithActor[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listAuditTimeline(scope, { ...filter, first: MAX_PAGE, after });
    if (page.totalCount > MAX_EXPORT_ROWS) throw badUserInput("to", `to: the range holds ${page.totalCount} events; export at most ${MAX_EXPORT_ROWS} at a time (a shorter range or a filter).`);
    events.push(...page.events);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return auditEventsCsv(events);
}
