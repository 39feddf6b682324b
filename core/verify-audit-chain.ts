import "server-only";
import { checkpointVerifies, insertAuditCheckpoint, listAuditCheckpoints, signCheckpoint, type AuditCheckpointRecord } from "@/prisma/store/audit-checkpoint";
import { checkAuditChain, readAuditChainHead, type AuditChainCheck } from "@/prisma/store/audit-event";
import { findAlteredCreditScore, findScoreEventWithoutRecord } from "@/prisma/store/credit-score";
import { hashRecords, listVouchedRecords, vouchedRecords, type VouchedType } from "@/prisma/store/audited-record";
import type { Db } from "@/prisma/store/database";
import type { UseCaseScope } from "./actor";
import { resolveSecret } from "./security/secrets";

export interface AuditChainVerification extends AuditChainCheck {
  valid: boolean;
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

/**
 * Verifies the caller's tenant's audit trail and signs a new checkpoint of its head.
 * - Checkpoints: each must verify under the deployment's audit key (MICROTRUST_AUDIT_KEY, never in the
 *   database) and name the one before; the newest must still match its row. A chain rewritten with
 *   recomputed hashes, or cut below a checkpoint, fails here however consistent its own hashes are.
 * - Events: recomputed from the newest checkpoint on (incremental), or from the first row with `full`.
 * - Records ↔ events, both ways: every CreditScore has its event and still hashes to what the event
 *   recorded; every scoring event names a CreditScore that exists; every other row an event vouched for
 *   still exists and matches the newest event that vouched for it.
 * When everything verifies and the chain has grown, the head is signed as the next checkpoint.
 */
export async function verifyAuditChain(scope: UseCaseScope, options: { full?: boolean } = {}): Promise<AuditChainVerification> {
  const { db } = scope;
  const { tenantId } = scope.actor;
  const key = resolveSecret("auditKey");
  const full = options.full === true;
  const checkpoints = await listAuditCheckpoints(db, tenantId);
  const newest = checkpoints.at(-1) ?? null;
  const invalid = (failure: Failure, checked = 0): AuditChainVerification => ({ ...failure, checkedEvents: checked, headHash: null, valid: false, checkpoint: newest, full });

  const forged = checkCheckpoints(key, checkpoints);
  if (forged) return invalid(forged);
  const cut = await checkCheckpointsAgainstChain(db, tenantId, full ? checkpoints : newest ? [newest] : []);
  if (cut) return invalid(cut);

  const from = full || !newest ? null : { seq: newest.seq, rowHash: newest.rowHash };
  const chain = await checkAuditChain(db, tenantId, from);
  if (chain.firstInvalidSeq !== null) return { ...chain, valid: false, checkpoint: newest, full };
  const altered = (await findAlteredCreditScore(db, tenantId, from?.seq ?? 0)) ?? (await findScoreEventWithoutRecord(db, tenantId, 0));
  if (altered) return { ...chain, valid: false, firstInvalidSeq: altered.seq, reason: altered.reason, checkpoint: newest, full };
  const editedRecord = await findAlteredRecord(db, tenantId);
  if (editedRecord) return { ...chain, ...editedRecord, valid: false, checkpoint: newest, full };

  const head = await readAuditChainHead(db, tenantId);
  let checkpoint = newest;
  if (head && (!newest || head.seq > newest.seq)) {
    const body = { tenantId, seq: head.seq, rowHash: head.rowHash, prevCheckpoint: newest?.signature ?? null };
    const signed = { ...body, signature: signCheckpoint(key, body), createdAt: scope.now };
    await insertAuditCheckpoint(db, signed);
    checkpoint = { ...signed, id: "", createdAt: scope.now };
  }
  return { ...chain, valid: true, checkpoint: checkpoint ? { seq: checkpoint.seq, rowHash: checkpoint.rowHash, signature: checkpoint.signature } : null, full };
}
