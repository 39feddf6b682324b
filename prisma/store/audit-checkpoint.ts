// Keyed checkpoints of a tenant's audit chain. The chain's own hashes need no secret, so whoever can write
// the tables can rewrite a row and recompute every later hash; a checkpoint signs the head (seq, rowHash)
// with HMAC-SHA256 under a key the database never holds, and names the previous checkpoint's signature, so
// a rewritten or cut chain no longer matches what was signed.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditCheckpoint } from "../generated/client";
import type { Db } from "./database";

export type AuditCheckpointRecord = AuditCheckpoint;

export interface CheckpointBody {
  tenantId: string;
  seq: number;
  rowHash: string;
  prevCheckpoint: string | null;
}

/** HMAC-SHA256 (hex) of "microtrust-audit-checkpoint/1 ‖ tenantId ‖ seq ‖ rowHash ‖ prevCheckpoint", fields joined by "\n". */
export function signCheckpoint(key: string, body: CheckpointBody): string {
  return createHmac("sha256", key).update(["microtrust-audit-checkpoint/1", body.tenantId, String(body.seq), body.rowHash, body.prevCheckpoint ?? ""].join("\n"), "utf8").digest("hex");
}

/** Whether a stored checkpoint's signature is the one `key` gives its body (constant-time compare). */
export function checkpointVerifies(key: string, checkpoint: CheckpointBody & { signature: string }): boolean {
  const expected = Buffer.from(signCheckpoint(key, checkpoint), "hex");
  const actual = Buffer.from(checkpoint.signature, "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The tenant's checkpoints, oldest first. */
export function listAuditCheckpoints(db: Db, tenantId: string): Promise<AuditCheckpointRecord[]> {
  return db.auditCheckpoint.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
}

/**
 * Signs (seq, rowHash) as the tenant's next checkpoint, naming the newest one as its predecessor. Two
 * verifiers finishing at once would otherwise both name the same predecessor and fork the checkpoints'
 * own chain: a transaction lock per tenant makes "read the newest, sign after it" one step. When a
 * checkpoint at or beyond `seq` already exists (another verifier got further), nothing is written and that
 * one is returned.
 */
export function appendAuditCheckpoint(db: Db, key: string, head: { tenantId: string; seq: number; rowHash: string; createdAt: Date }): Promise<AuditCheckpointRecord> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`audit-checkpoint:${head.tenantId}`}))::text AS locked`;
    const newest = await tx.auditCheckpoint.findFirst({ where: { tenantId: head.tenantId }, orderBy: { seq: "desc" } });
    if (newest && newest.seq >= head.seq) return newest;
    const body: CheckpointBody = { tenantId: head.tenantId, seq: head.seq, rowHash: head.rowHash, prevCheckpoint: newest?.signature ?? null };
    return tx.auditCheckpoint.create({ data: { ...body, signature: signCheckpoint(key, body), createdAt: head.createdAt } });
  });
}
