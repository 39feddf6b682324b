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

/** Stores a checkpoint; a second one at the same seq (two verifiers at once) is not an error and changes nothing. */
export async function insertAuditCheckpoint(db: Db, checkpoint: CheckpointBody & { signature: string; createdAt: Date }): Promise<void> {
  await db.auditCheckpoint.createMany({ data: [checkpoint], skipDuplicates: true });
}
