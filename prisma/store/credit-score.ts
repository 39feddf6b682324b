import { createHash, randomUUID } from "node:crypto";
import { Prisma, type CreditScore } from "../generated/client";
import { appendAuditEventInTransaction, appendAuditEventsInTransaction, lockAuditChain, tryChainLockSql, type NewAuditEvent } from "./audit-event";
import { drainAuditOutbox, insertPendingAuditEventSql, linkPendingAuditEventsInTransaction } from "./audit-outbox";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import type { Db, DbTransaction } from "./database";

export type CreditScoreRecord = CreditScore;
export type NewCreditScore = Omit<Prisma.CreditScoreCreateManyInput, "tenantId" | "createdAt">;

const decimalColumns = ["requestedAmount", "recommendedLimit"] as const;

/** A decimal amount as the database gives it back (Decimal#toString: no trailing zeros), so hashes match on re-read. */
export function normaliseDecimal(value: string | number | { toString(): string }): string {
  return new Prisma.Decimal(value.toString()).toString();
}

/** The shadow (challenger) columns: hashed when set, left out of the hash when both are null. */
const challengerColumns = ["challengerModelVersionId", "challengerResult"] as const;

/**
 * recordHash = sha256_hex(canonicalJson(every column but recordHash and createdAt)), decimals as
 * normaliseDecimal writes them: recomputed from the stored row, it detects any edit of the row. A scoring
 * without a challenger hashes without the challenger columns, exactly as records written before they existed.
 */
export function hashCreditScore(record: Omit<NewCreditScore, "recordHash"> | CreditScoreRecord): string {
  const { recordHash: _recordHash, createdAt: _createdAt, tenantId: _tenantId, ...columns } = record as CreditScoreRecord;
  const body: Record<string, unknown> = { ...columns };
  for (const column of decimalColumns) body[column] = normaliseDecimal(body[column] as string);
  if (challengerColumns.every((column) => body[column] === null || body[column] === undefined)) for (const column of challengerColumns) delete body[column];
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}

/** Records one scoring. The row is immutable: the database refuses UPDATE and DELETE on it. */
export function recordCreditScore(db: Db, tenantId: string, input: Omit<NewCreditScore, "id"> & { id?: string }): Promise<CreditScoreRecord> {
  return db.creditScore.create({ data: { ...input, tenantId } });
}

/** One scoring row's VALUES tuple, every column cast as the table declares it. */
function creditScoreValues(tenantId: string, input: NewCreditScore & { id: string }): Prisma.Sql {
  const requestedAmount = normaliseDecimal(input.requestedAmount as string);
  const recommendedLimit = normaliseDecimal(input.recommendedLimit as string);
  return Prisma.sql`(${input.id}, ${tenantId}, ${input.borrowerId}, ${input.modelVersionId}, ${input.policyVersionId}, ${input.policySha256}, ${input.purpose}::"ConsentPurpose",
      ${input.consentIds as string[]}::text[], ${input.callerKind}::"CallerKind", ${input.callerId}, ${input.callerRole}::"Role", ${input.requestId}, ${input.ipAddress ?? null},
      ${input.apiKeyHash ?? null}, ${input.asOf}::timestamptz, ${input.scoredAt}::timestamptz, ${requestedAmount}::numeric, ${input.requestedTenorDays}::int, ${input.score}::int,
      ${input.scoreExact}::float8, ${input.probabilityOfDefault}::float8, ${input.riskBucket}, ${input.riskLevel}, ${input.confidence}::float8,
      ${input.recommendation}::"Recommendation", ${input.flagged}::boolean, ${recommendedLimit}::numeric, ${input.tenorDays}::int, ${JSON.stringify(input.inputs)}::jsonb,
      ${JSON.stringify(input.features)}::jsonb, ${input.inputsSha256}, ${JSON.stringify(input.result)}::jsonb, ${input.recordHash},
      ${input.challengerModelVersionId ?? null}, ${input.challengerResult === undefined || input.challengerResult === null ? null : JSON.stringify(input.challengerResult)}::jsonb)`;
}

const creditScoreColumns = Prisma.raw(`(id, "tenantId", "borrowerId", "modelVersionId", "policyVersionId", "policySha256", purpose, "consentIds", "callerKind", "callerId",
      "callerRole", "requestId", "ipAddress", "apiKeyHash", "asOf", "scoredAt", "requestedAmount", "requestedTenorDays", score, "scoreExact", "probabilityOfDefault",
      "riskBucket", "riskLevel", confidence, recommendation, flagged, "recommendedLimit", "tenorDays", inputs, features, "inputsSha256", result, "recordHash",
      "challengerModelVersionId", "challengerResult")`);

/** The record as written, built from the input (only createdAt comes back from the database). */
function writtenRecord(tenantId: string, input: NewCreditScore & { id: string }, createdAt: Date): CreditScoreRecord {
  return {
    ...(input as Omit<CreditScoreRecord, "tenantId" | "createdAt" | "requestedAmount" | "recommendedLimit">),
    ipAddress: input.ipAddress ?? null,
    apiKeyHash: input.apiKeyHash ?? null,
    challengerModelVersionId: input.challengerModelVersionId ?? null,
    challengerResult: (input.challengerResult ?? null) as CreditScoreRecord["challengerResult"],
    tenantId,
    asOf: new Date(input.asOf),
    scoredAt: new Date(input.scoredAt),
    requestedAmount: new Prisma.Decimal(normaliseDecimal(input.requestedAmount as string)),
    recommendedLimit: new Prisma.Decimal(normaliseDecimal(input.recommendedLimit as string)),
    createdAt,
  };
}

/**
 * Writes a scoring and its audit event in one transaction, and returns once the event is in the tenant's
 * chain, so no decision leaves the server without its audit row. The row's INSERT tries the chain lock
 * without waiting: when it is free (no other writer of the tenant at that instant) the event is appended at
 * once, as before the outbox; when another writer holds it, the event goes to the chain's outbox and the
 * scoring commits without waiting, then queues for the lock to link the outbox (prisma/store/audit-outbox.ts),
 * which the holder before it has usually done already: concurrent scorings of a tenant write in parallel and
 * share one short locked step. The record is built from
 * what was written (only createdAt comes back): Prisma's create would serialise the ~15 kB of JSON columns
 * and parse them back. If the link fails the caller gets the error, and the committed event is linked by the
 * next holder of the lock.
 */
export async function recordCreditScoreWithAudit(db: Db, tenantId: string, input: NewCreditScore & { id: string }, event: NewAuditEvent): Promise<{ score: CreditScoreRecord; eventId: string }> {
  const eventId = event.id ?? randomUUID();
  const written = await db.$transaction(
    async (tx) => {
      const [{ createdAt, locked, pending }] = await tx.$queryRaw<{ createdAt: Date; locked: boolean; pending: boolean }[]>`
        INSERT INTO "CreditScore" ${creditScoreColumns} VALUES ${creditScoreValues(tenantId, input)}
        RETURNING "createdAt", ${tryChainLockSql(tenantId)} AS locked,
          EXISTS (SELECT 1 FROM "PendingAuditEvent" WHERE "tenantId" = ${tenantId}) AS pending`;
      if (locked) {
        // An event left in the outbox (its writer died before linking it) goes first.
        if (pending) await linkPendingAuditEventsInTransaction(tx, tenantId);
        await appendAuditEventInTransaction(tx, tenantId, { ...event, id: eventId });
      } else {
        await tx.$executeRaw(insertPendingAuditEventSql(tenantId, { ...event, id: eventId }));
      }
      return { createdAt, linked: locked };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  if (!written.linked) await drainAuditOutbox(db, tenantId);
  return { score: writtenRecord(tenantId, input, written.createdAt), eventId };
}

/** A scoring and its event left in the chain's outbox, committed by one statement and not linked: what a writer that died before linking leaves (for tests). */
export async function writeCreditScoreWithPendingAudit(db: Db, tenantId: string, input: NewCreditScore & { id: string }, event: NewAuditEvent): Promise<{ score: CreditScoreRecord; eventId: string }> {
  const eventId = event.id ?? randomUUID();
  const [{ createdAt }] = await db.$queryRaw<{ createdAt: Date }[]>`
    WITH pending AS (${insertPendingAuditEventSql(tenantId, { ...event, id: eventId })})
    INSERT INTO "CreditScore" ${creditScoreColumns} VALUES ${creditScoreValues(tenantId, input)} RETURNING "createdAt"`;
  return { score: writtenRecord(tenantId, input, createdAt), eventId };
}

/**
 * Writes a batch of scorings and the audit events of the batch (each scoring's, and any others such as
 * refusals) in one transaction that takes the tenant's chain lock once; `alongside` writes, in the same
 * transaction, what records the batch's progress (a job's items), so a batch is all written or not at all.
 */
export function recordCreditScoresWithAudit(
  db: Db,
  tenantId: string,
  scores: readonly (NewCreditScore & { id: string })[],
  events: readonly NewAuditEvent[],
  alongside: (tx: DbTransaction) => Promise<void>,
): Promise<CreditScoreRecord[]> {
  return db.$transaction(
    async (tx) => {
      // The rows first, in one statement and without the chain lock; the lock is then held only for the
      // head read, one INSERT of the events and the commit, so online scorings barely wait on a batch.
      const created = scores.length
        ? await tx.$queryRaw<{ id: string; createdAt: Date }[]>`INSERT INTO "CreditScore" ${creditScoreColumns} VALUES ${Prisma.join(scores.map((score) => creditScoreValues(tenantId, score)))} RETURNING id, "createdAt"`
        : [];
      const createdAt = new Map(created.map((row) => [row.id, row.createdAt]));
      await lockAuditChain(tx, tenantId);
      // Online scorings' events still waiting in the outbox go first: the lock is held anyway.
      await linkPendingAuditEventsInTransaction(tx, tenantId);
      await appendAuditEventsInTransaction(tx, tenantId, events);
      await alongside(tx);
      return scores.map((score) => writtenRecord(tenantId, score, createdAt.get(score.id) as Date));
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export function findCreditScoreById(db: Db, tenantId: string, id: string): Promise<CreditScoreRecord | null> {
  return db.creditScore.findFirst({ where: { id, tenantId } });
}

export function listCreditScores(db: Db, tenantId: string, borrowerId: string): Promise<CreditScoreRecord[]> {
  return db.creditScore.findMany({ where: { tenantId, borrowerId }, orderBy: [{ scoredAt: "desc" }, { id: "asc" }] });
}

export function countCreditScores(db: Db, tenantId: string): Promise<number> {
  return db.creditScore.count({ where: { tenantId } });
}

export interface CreditScoreFilter {
  awaitingDecision?: boolean;
  recommendation?: CreditScore["recommendation"];
  riskLevel?: string;
  /** Scorings whose decision raised a fraud or human-review flag (recommendation REVIEW or a flag in the result). */
  flagged?: boolean;
  from?: Date;
  to?: Date;
  borrowerId?: string;
}

function whereOf(tenantId: string, filter: CreditScoreFilter): Prisma.CreditScoreWhereInput {
  return {
    tenantId,
    ...(filter.borrowerId ? { borrowerId: filter.borrowerId } : {}),
    ...(filter.recommendation ? { recommendation: filter.recommendation } : {}),
    ...(filter.riskLevel ? { riskLevel: filter.riskLevel } : {}),
    ...(filter.from || filter.to ? { scoredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    // Awaiting: never decided, or contested by the borrower (an open human review) since the last decision.
    ...(filter.awaitingDecision === true
      ? { OR: [{ committeeDecisions: { none: {} } }, { borrowerRequests: { some: { kind: "HUMAN_REVIEW", status: "OPEN" } } }] }
      : filter.awaitingDecision === false
        ? { committeeDecisions: { some: {} }, borrowerRequests: { none: { kind: "HUMAN_REVIEW", status: "OPEN" } } }
        : {}),
    ...(filter.flagged === true ? { flagged: true } : filter.flagged === false ? { flagged: false } : {}),
  };
}

/** Newest first, keyset-paginated on (scoredAt desc, id asc). */
export async function listCreditScoresPage(
  db: Db,
  tenantId: string,
  filter: CreditScoreFilter,
  page: { first: number; after?: { scoredAt: Date; id: string } },
): Promise<{ scores: CreditScoreRecord[]; hasNextPage: boolean; totalCount: number }> {
  const where = whereOf(tenantId, filter);
  const after = page.after;
  const rows = await db.creditScore.findMany({
    where: after ? { AND: [where, { OR: [{ scoredAt: { lt: after.scoredAt } }, { scoredAt: after.scoredAt, id: { gt: after.id } }] }] } : where,
    orderBy: [{ scoredAt: "desc" }, { id: "asc" }],
    take: page.first + 1,
  });
  return { scores: rows.slice(0, page.first), hasNextPage: rows.length > page.first, totalCount: await db.creditScore.count({ where }) };
}

/**
 * Holds what is recorded about a scoring (its committee decisions, its outcomes) still for the rest of the
 * transaction: a row lock on the scoring (FOR NO KEY UPDATE, which does not block the key-share locks of rows
 * referencing it, and fires no trigger), so two decisions or two observations on one score are made one after
 * the other and the second sees the first. Returns whether the tenant has the score.
 */
export async function lockCreditScoreRow(tx: DbTransaction, tenantId: string, creditScoreId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "CreditScore" WHERE "tenantId" = ${tenantId} AND id = ${creditScoreId} FOR NO KEY UPDATE`;
  return rows.length > 0;
}
