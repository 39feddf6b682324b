import "server-only";
import { appendAuditEventsInTransaction, lockAuditChain, type AuditPayload } from "@/prisma/store/audit-event";
import { hashRecords, isVouchedType, type RecordRef, type VouchedRecord } from "@/prisma/store/audited-record";
import type { DbTransaction } from "@/prisma/store/database";
import { auditActorOf, type UseCaseScope } from "./actor";
import { asConflict } from "./errors";

/** What a change records in the audit chain ("caller did action to entity"); who and when come from the scope. */
export interface AuditedEvent {
  action: string;
  entityType: string;
  entityId: string;
  borrowerId?: string | null;
  payload?: AuditPayload;
  /**
   * Rows the change wrote that the chain should vouch for besides the entity itself (which is vouched for
   * when its type is one of prisma/store/audited-record.ts's): their hashes go into `payload.records`.
   */
  records?: readonly RecordRef[];
}

/** The rows an event vouches for, hashed as they are now (inside the change's transaction, after it). */
async function vouchFor(tx: DbTransaction, tenantId: string, event: AuditedEvent): Promise<VouchedRecord[]> {
  const refs: RecordRef[] = [...(isVouchedType(event.entityType) ? [{ type: event.entityType, id: event.entityId }] : []), ...(event.records ?? [])];
  const vouched: VouchedRecord[] = [];
  for (const ref of refs) {
    const hash = (await hashRecords(tx, tenantId, ref.type, [ref.id])).get(ref.id);
    if (hash === undefined) throw new Error(`runAudited: ${ref.type} ${ref.id}, named by "${event.action}", was not written`);
    vouched.push({ ...ref, hash });
  }
  return vouched;
}

export interface AuditedOptions {
  /** How long the transaction may run (Prisma's default is 5 s): large signal batches need longer. */
  timeoutMs?: number;
}

/**
 * Runs a change and appends its audit event in one transaction: both are stored or neither is, so a lost
 * connection or a crash never leaves a row the audit chain does not know of. `work` writes through `tx`
 * only and returns its result with the event(s) to record (null when it changed nothing, e.g. an
 * idempotent repeat). The chain lock is taken last, after the change's own row locks, so appends are serialised per
 * tenant without holding the chain during the change, and no two transactions wait on each other.
 * @throws DomainError CONFLICT naming the field when the change breaks a unique constraint (asConflict).
 */
export async function runAudited<Result>(
  scope: UseCaseScope,
  work: (tx: DbTransaction) => Promise<{ result: Result; event: AuditedEvent | readonly AuditedEvent[] | null }>,
  options: AuditedOptions = {},
): Promise<Result> {
  const { actor } = scope;
  try {
    return await scope.db.$transaction(
      async (tx) => {
        const { result, event } = await work(tx);
        const events: readonly AuditedEvent[] = event === null ? [] : "action" in event ? [event] : event;
        if (events.length > 0) {
          await lockAuditChain(tx, actor.tenantId);
          await appendAuditEventsInTransaction(
            tx,
            actor.tenantId,
            await Promise.all(
              events.map(async (event) => {
                const records = await vouchFor(tx, actor.tenantId, event);
                const payload: AuditPayload = records.length > 0 ? { ...(event.payload ?? {}), records: records.map((record) => ({ ...record })) } : (event.payload ?? {});
                return { ...auditActorOf(scope), borrowerId: event.borrowerId ?? null, action: event.action, entityType: event.entityType, entityId: event.entityId, payload };
              }),
            ),
          );
        }
        return result;
      },
      { timeout: options.timeoutMs ?? 5_000, maxWait: 10_000 },
    );
  } catch (error) {
    throw asConflict(error) ?? error;
  }
}
