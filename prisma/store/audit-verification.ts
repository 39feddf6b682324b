// The records ↔ events checks of an audit verification (core/verify-audit-chain.ts): each scoring event
// must name a CreditScore that exists and still hashes to the recordHash the event recorded, and every
// CreditScore must have its scoring event. The first runs on the pages of events a verification reads
// (so it costs what the verified range costs); the second is one anti-join over every scoring (full), or,
// incrementally, a comparison of two counts that finds that a scoring or an event is missing without
// reading the rows (a full verification then names which).
import type { AuditEventRecord } from "./audit-event";
import { hashCreditScore } from "./credit-score";
import type { Db } from "./database";

export interface RecordFailure {
  creditScoreId: string;
  /** The seq of the event that recorded it; null when it has none. */
  seq: number | null;
  reason: string;
}

/** The first scoring event of `events` whose CreditScore was deleted or no longer hashes to what the event recorded. */
export async function findAlteredScoringOfEvents(db: Db, tenantId: string, events: readonly Pick<AuditEventRecord, "seq" | "action" | "entityId" | "payload">[]): Promise<RecordFailure | null> {
  const scoring = events.filter((event) => event.action === "creditScore.calculated" && event.entityId);
  if (scoring.length === 0) return null;
  const scores = new Map((await db.creditScore.findMany({ where: { tenantId, id: { in: scoring.map((event) => event.entityId as string) } } })).map((score) => [score.id, score]));
  for (const event of scoring) {
    const id = event.entityId as string;
    const score = scores.get(id);
    if (!score) return { creditScoreId: id, seq: event.seq, reason: `audit event ${event.seq} records credit score ${id}, which no longer exists (the record was deleted)` };
    const recorded = (event.payload as { recordHash?: string }).recordHash;
    if (hashCreditScore(score) !== score.recordHash || recorded !== score.recordHash) {
      return { creditScoreId: id, seq: event.seq, reason: `credit score ${id} no longer matches the hash its audit event recorded (the row was edited)` };
    }
  }
  return null;
}

/**
 * The first CreditScore without its `creditScore.calculated` event (a row inserted behind the chain's back), by
 * id. An event still waiting in the chain's outbox counts: it was committed with its scoring.
 */
export async function findUnauditedCreditScore(db: Db, tenantId: string): Promise<RecordFailure | null> {
  const [unaudited] = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "CreditScore" s WHERE s."tenantId" = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."tenantId" = s."tenantId" AND e."entityId" = s.id AND e.action = 'creditScore.calculated')
      AND NOT EXISTS (SELECT 1 FROM "PendingAuditEvent" p WHERE p."tenantId" = s."tenantId" AND p."entityId" = s.id AND p.action = 'creditScore.calculated')
    ORDER BY s.id LIMIT 1`;
  return unaudited ? { creditScoreId: unaudited.id, seq: null, reason: `credit score ${unaudited.id} has no audit event` } : null;
}

/**
 * How many CreditScores the tenant has, and how many `creditScore.calculated` events (each names one
 * scoring), those in the chain and those still in its outbox: one statement, so one snapshot, in which a
 * scoring and its event are both present or both absent whatever is being written and linked meanwhile.
 */
export async function countScoringsAndEvents(db: Db, tenantId: string): Promise<{ scorings: number; events: number }> {
  const [counts] = await db.$queryRaw<{ scorings: number; events: number }[]>`
    SELECT (SELECT count(*) FROM "CreditScore" WHERE "tenantId" = ${tenantId})::int AS scorings,
      ((SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = ${tenantId} AND action = 'creditScore.calculated')
        + (SELECT count(*) FROM "PendingAuditEvent" WHERE "tenantId" = ${tenantId} AND action = 'creditScore.calculated'))::int AS events`;
  return counts;
}
