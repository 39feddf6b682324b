import "server-only";
import { appendAuditCheckpoint, checkpointVerifies, listAuditCheckpoints, type AuditCheckpointRecord } from "@/prisma/store/audit-checkpoint";
import { drainAuditOutbox } from "@/prisma/store/audit-outbox";
import { checkAuditChain, readAuditChainHead, type AuditChainCheck } from "@/prisma/store/audit-event";
import { countScoringsAndEvents, findAlteredScoringOfEvents, findUnauditedCreditScore } from "@/prisma/store/audit-verification";
import { hashRecords, listVouchedRecords, vouchedRecords, type VouchedType } from "@/prisma/store/audited-record";
import type { Db } from "@/prisma/store/database";
import type { UseCaseScope } from "./actor";
import { resolveSecret } from "./security/secrets";

/**
 * The most events one incremental verification reads: it then stops, signs a checkpoint over what it
 * verified and says how many remain (the next verification, or a verification job, goes on from there).
 * Chosen from `npm run bench:request-cost` (docs/benchmarks.md): the dearest part is re-hashing the
 * scorings the events name, ~1.7 ms CPU each with the embedded database's share; at this cap the dearest allowed
 * request stays near the ~1 s CPU every request is held to (issue 11).
 */
export const MAX_EVENTS_PER_REQUEST = 500;

export interface AuditChainVerification extends AuditChainCheck {
  valid: boolean;
  /** Events after the last one verified, left for the next verification (or a verification job); 0 when it reached the head. */
  remainingEvents: number;
  /** The newest checkpoint after this verification (the one it wrote when the chain had grown), for an operator to keep apart. */
  checkpoint: { seq: number; rowHash: string; signature: string } | null;
  /** Whether every row was read (full) or only those after the newest valid checkpoint. */
  full: boolean;
}

type Failure = Pick<AuditChainCheck, "firstInvalidSeq" | "reason">;

/** The checkpoints' own chain: each signed under the key and naming its predecessor's signature. */
function checkCheckpoints(key: string, checkpoints: readonly AuditCheckpointRecord[]): Failure | null {
  let previous: string | null = null;
  for (const checkpoint of checkpoints) {
    if (checkpoint.prevCheckpoint !== previous || !checkpointVerifies(key, checkpoint)) {
      return { firstInvalidSeq: checkpoint.seq, reason: `the checkpoint at seq ${checkpoint.seq} is not signed by this deployment's audit key or does not follow the one before (a checkpoint was forged, edited or removed)` };
    }
    previous = checkpoint.signature;
  }
  return null;
}

/** Every checkpoint's (seq, rowHash) must still be in the chain: one rewritten from an earlier row, or cut below it, is not. */
async function checkCheckpointsAgainstChain(db: Db, tenantId: string, checkpoints: readonly AuditCheckpointRecord[]): Promise<Failure | null> {
  if (checkpoints.length === 0) return null;
  const rows = await db.auditEvent.findMany({ where: { tenantId, seq: { in: checkpoints.map((c) => c.seq) } }, select: { seq: true, rowHash: true } });
  const bySeq = new Map(rows.map((row) => [row.seq, row.rowHash]));
  for (const checkpoint of checkpoints) {
    const rowHash = bySeq.get(checkpoint.seq);
    if (rowHash === undefined) return { firstInvalidSeq: checkpoint.seq, reason: `the chain no longer reaches seq ${checkpoint.seq}, which a checkpoint signed (rows were deleted from its end)` };
    if (rowHash !== checkpoint.rowHash) return { firstInvalidSeq: checkpoint.seq, reason: `row ${checkpoint.seq} no longer carries the hash its checkpoint signed (the chain was rewritten)` };
  }
  return null;
}

/**
 * Incrementally, every scoring must still have its event and every scoring event its scoring, without
 * reading either: the two counts must agree (a deleted scoring leaves more events, one inserted behind the
 * chain more scorings). Which one it was, a full verification names.
 */
async function findScoringCountMismatch(db: Db, tenantId: string): Promise<Failure | null> {
  const { scorings, events } = await countScoringsAndEvents(db, tenantId);
  if (events > scorings) return { firstInvalidSeq: null, reason: `${events - scorings} scoring event(s) name credit scores that no longer exist (a record was deleted); a full verification names them` };
  if (scorings > events) return { firstInvalidSeq: null, reason: `${scorings - events} credit score(s) have no audit event (a record was inserted behind the chain); a full verification names them` };
  return null;
}

/**
 * Every row an event vouched for (decisions, outcomes, consents, policy and model versions, users, keys,
 * proposals: prisma/store/audited-record.ts) must still exist and hash to what the newest such event recorded.
 */
async function findAlteredRecord(db: Db, tenantId: string): Promise<Failure | null> {
  const vouched = await listVouchedRecords(db, tenantId);
  for (const type of Object.keys(vouchedRecords) as VouchedType[]) {
    const ofType = vouched.filter((record) => record.type === type);
    if (ofType.length === 0) continue;
    const now = await hashRecords(db, tenantId, type, ofType.map((record) => record.id));
    for (const record of ofType) {
      const hash = now.get(record.id);
      if (hash === undefined) return { firstInvalidSeq: record.seq, reason: `${type} ${record.id}, recorded by the event at seq ${record.seq}, no longer exists (it was deleted outside the application)` };
      if (hash !== record.hash) return { firstInvalidSeq: record.seq, reason: `${type} ${record.id} no longer matches what the event at seq ${record.seq} recorded (it was changed outside the application)` };
    }
  }
  return null;
}

export interface VerifyAuditChainOptions {
  /** From the first row (every checkpoint, event and scoring), never capped: for the verification job and the CLI. */
  full?: boolean;
  /** At most this many events read by an incremental verification (default MAX_EVENTS_PER_REQUEST; null: to the head). */
  maxEvents?: number | null;
  /** Called after each page of events with the number verified so far; false stops the verification (VerificationStopped). */
  progress?: (checkedEvents: number) => Promise<boolean>;
}

/** Thrown when `progress` asked a verification to stop (its job was cancelled); nothing was signed. */
export class VerificationStopped extends Error {
  override readonly name = "VerificationStopped";
}

/**
 * Verifies the caller's tenant's audit trail and signs a new checkpoint of what it verified.
 * - Checkpoints: each must verify under the deployment's audit key (MICROTRUST_AUDIT_KEY, never in the
 *   database) and name the one before; the newest (every one, with `full`) must still match its row. A chain
 *   rewritten with recomputed hashes, or cut below a checkpoint, fails here however consistent its hashes are.
 * - Events: recomputed from the newest checkpoint on (incremental, at most `maxEvents` of them), or from the
 *   first row with `full`.
 * - Records ↔ events, both ways: every scoring event read names a CreditScore that exists and still hashes
 *   to what the event recorded; every CreditScore has its event and every scoring event its CreditScore
 *   (incrementally: their counts agree); every other row an event vouched for still exists and matches the
 *   newest event that vouched for it.
 * Pending events of the chain's outbox are linked first (prisma/store/audit-outbox.ts).
 * When everything verifies and it got past the newest checkpoint, the last event verified is signed as the
 * next checkpoint. An edit older than the newest checkpoint is found only by a full verification
 * (core/jobs/audit-verification.ts runs one as a job; `npm run audit:verify -- --full` from a shell).
 * @throws VerificationStopped when `progress` returned false.
 */
export async function verifyAuditChain(scope: UseCaseScope, options: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const { db } = scope;
  const { tenantId } = scope.actor;
  const key = resolveSecret("auditKey");
  const full = options.full === true;
  // Events committed with their change but not yet linked (a writer died in between) are linked first, so
  // the chain read below holds every event written so far.
  await drainAuditOutbox(db, tenantId);
  const maxEvents = full ? null : options.maxEvents === undefined ? MAX_EVENTS_PER_REQUEST : options.maxEvents;
  const checkpoints = await listAuditCheckpoints(db, tenantId);
  const newest = checkpoints.at(-1) ?? null;
  const head = await readAuditChainHead(db, tenantId);
  const from = full || !newest ? null : { seq: newest.seq, rowHash: newest.rowHash };
  const remainingAfter = (seq: number | null) => Math.max(0, (head?.seq ?? 0) - (seq ?? from?.seq ?? 0));
  const invalid = (failure: Failure, checked: Partial<AuditChainCheck> = {}): AuditChainVerification => ({
    checkedEvents: 0,
    headHash: null,
    headSeq: null,
    ...checked,
    ...failure,
    valid: false,
    remainingEvents: remainingAfter(checked.headSeq ?? null),
    checkpoint: newest,
    full,
  });

  const forged = checkCheckpoints(key, checkpoints);
  if (forged) return invalid(forged);
  const cut = await checkCheckpointsAgainstChain(db, tenantId, full ? checkpoints : newest ? [newest] : []);
  if (cut) return invalid(cut);

  const chain = await checkAuditChain(db, tenantId, from, {
    maxEvents,
    eachPage: async (events, checked) => {
      if (options.progress && !(await options.progress(checked))) throw new VerificationStopped("the verification was stopped");
      const altered = await findAlteredScoringOfEvents(db, tenantId, events);
      return altered ? { firstInvalidSeq: altered.seq, reason: altered.reason } : null;
    },
  });
  if (chain.firstInvalidSeq !== null) return invalid({ firstInvalidSeq: chain.firstInvalidSeq, reason: chain.reason }, chain);
  const unaudited = full ? await findUnauditedCreditScore(db, tenantId) : null;
  if (unaudited) return invalid({ firstInvalidSeq: unaudited.seq, reason: unaudited.reason }, chain);
  const unmatched = await findScoringCountMismatch(db, tenantId);
  if (unmatched) return invalid(unmatched, chain);
  const editedRecord = await findAlteredRecord(db, tenantId);
  if (editedRecord) return invalid(editedRecord, chain);

  let checkpoint: Pick<AuditCheckpointRecord, "seq" | "rowHash" | "signature"> | null = newest;
  if (chain.headSeq !== null && chain.headHash !== null && (!newest || chain.headSeq > newest.seq)) {
    checkpoint = await appendAuditCheckpoint(db, key, { tenantId, seq: chain.headSeq, rowHash: chain.headHash, createdAt: scope.now });
  }
  return {
    ...chain,
    valid: true,
    remainingEvents: remainingAfter(chain.headSeq),
    checkpoint: checkpoint ? { seq: checkpoint.seq, rowHash: checkpoint.rowHash, signature: checkpoint.signature } : null,
    full,
  };
}
